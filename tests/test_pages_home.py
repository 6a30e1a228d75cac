import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from readouts.models import Readout
from tests.factories import (
    make_commitment,
    make_organization,
    make_participant,
    make_person,
    make_readout,
    make_statement,
    make_topic,
    make_update,
)

pytestmark = pytest.mark.django_db

HOME = reverse("readouts:home")


def test_home_lists_the_latest_published_readouts_with_links(client):
    readout = make_readout(title="Trump–Zelenskyy phone call")
    response = client.get(HOME)
    assertContains(response, f'href="{readout.get_absolute_url()}"')
    assertContains(response, "Trump–Zelenskyy phone call")
    assertContains(response, f'href="{reverse("readouts:readout_list")}"')


def test_home_counts_the_published_archive_only(client):
    published = make_readout()
    draft = make_readout(status=Readout.Status.DRAFT)
    for readout in (published, draft):
        make_statement(readout)
        make_participant(readout)
        make_commitment(readout)
    make_statement(published)
    response = client.get(HOME)
    assert response.context["size"] == {"readouts": 1, "statements": 2, "people": 1, "commitments": 1}


def test_home_ranks_people_countries_and_topics_by_published_readouts(client):
    ukraine, belarus = make_organization(name="Ukraine"), make_organization(name="Belarus")
    often, once = make_person(name="Often Seen"), make_person(name="Seen Once")
    air_defence = make_topic(name="Air defence")
    for _ in range(2):
        readout = make_readout(topics=[air_defence], organizations=[ukraine])
        make_participant(readout, often)
    make_participant(make_readout(), once)
    drafts_only = make_readout(status=Readout.Status.DRAFT, organizations=[belarus])
    make_participant(drafts_only, once)

    response = client.get(HOME)

    assert [(p.name, p.readout_count) for p in response.context["people"]] == [("Often Seen", 2), ("Seen Once", 1)]
    assert [(c.name, c.readout_count) for c in response.context["countries"]] == [("Ukraine", 2)]
    assert [(t.name, t.readout_count) for t in response.context["topics"]] == [("Air defence", 2)]
    assertContains(response, f'href="{often.get_absolute_url()}"')
    assertContains(response, f'href="{ukraine.get_absolute_url()}"')
    assertContains(response, f'href="{air_defence.get_absolute_url()}"')
    assertNotContains(response, "Belarus")


def test_home_shows_open_commitments_of_published_readouts_only(client):
    published = make_readout()
    still_open = make_commitment(published, description="Exchange prisoners within a week.")
    done = make_commitment(published, description="Publish a joint statement.")
    make_update(done, status="fulfilled")
    hidden = make_commitment(make_readout(status=Readout.Status.DRAFT), description="A secret promise.")

    response = client.get(HOME)

    assertContains(response, f'href="{still_open.get_absolute_url()}"')
    assertNotContains(response, f'href="{done.get_absolute_url()}"')
    assertNotContains(response, "A secret promise.")
    assertNotContains(response, f'href="{hidden.get_absolute_url()}"')
    assertContains(response, f'href="{reverse("readouts:commitment_list")}?status=open"')


def test_home_of_an_empty_archive_renders(client):
    response = client.get(HOME)
    assertContains(response, "No readouts have been published yet.")
