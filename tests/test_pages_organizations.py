import datetime

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
)

pytestmark = pytest.mark.django_db

DRAFT = Readout.Status.DRAFT


def test_organization_list_groups_by_kind_with_published_counts(client):
    ukraine = make_organization(name="Ukraine", kind="country")
    office = make_organization(name="Office of the President", kind="government_body", parent=ukraine)
    nato = make_organization(name="NATO", kind="international")
    unannounced = make_organization(name="Unannounced Council", kind="international")  # in a draft only
    make_readout(organizations=[ukraine])
    make_participant(make_readout(), represented=ukraine)
    make_readout(organizations=[ukraine], status=DRAFT)
    make_statement(make_readout(), issuer=office)
    make_readout(organizations=[nato])
    make_readout(organizations=[unannounced], status=DRAFT)
    response = client.get(reverse("readouts:organization_list"))
    groups = dict(response.context["groups"])
    assert [o.name for o in groups["Countries"]] == ["Ukraine"]
    assert [o.name for o in groups["Government bodies"]] == ["Office of the President"]
    assert [o.name for o in groups["International organizations"]] == ["NATO"]
    assert groups["Countries"][0].readout_count == 3  # the office's statement is Ukraine's too
    for organization in (ukraine, office, nato):
        assertContains(response, f'href="{organization.get_absolute_url()}"')
    assertNotContains(response, "Unannounced Council")


def test_organization_page_shows_kind_parent_and_bodies_within(client):
    united_states = make_organization(name="United States")
    state = make_organization(name="Department of State", kind="government_body", parent=united_states)
    make_organization(name="Department of Unannounced Affairs", kind="government_body", parent=united_states)
    make_readout(organizations=[state])
    response = client.get(united_states.get_absolute_url())
    assertNotContains(response, "Department of Unannounced Affairs")  # in no published readout
    assertContains(response, "Country")
    assertContains(response, f'href="{state.get_absolute_url()}"')
    response = client.get(state.get_absolute_url())
    assertContains(response, "Government body")
    assertContains(response, f'href="{united_states.get_absolute_url()}"')


def test_organization_page_lists_its_people_and_those_who_represented_it(client):
    ukraine = make_organization()
    member = make_person(name="Usual Member", organization=ukraine)
    envoy = make_person(name="Visiting Envoy")
    drafted = make_person(name="Drafted Envoy")
    make_participant(make_readout(), member)
    make_participant(make_readout(), envoy, represented=ukraine)
    make_participant(make_readout(status=DRAFT), drafted, represented=ukraine)
    response = client.get(ukraine.get_absolute_url())
    assertContains(response, f'href="{member.get_absolute_url()}"')
    assertContains(response, f'href="{envoy.get_absolute_url()}"')
    assertNotContains(response, "Drafted Envoy")


def test_organization_page_shows_those_who_represented_it_most_often_first(client, monkeypatch):
    from readouts.views import organizations

    monkeypatch.setattr(organizations, "PEOPLE_SHOWN", 2)
    country = make_organization()
    often, once = make_person(name="Often Envoy"), make_person(name="Once Envoy")
    make_participant(make_readout(), make_person(name="Never Member", organization=country))
    for _ in range(3):
        make_participant(make_readout(), often, represented=country)
    make_participant(make_readout(), once, represented=country)
    response = client.get(country.get_absolute_url())
    assert [(person.name, person.times) for person in response.context["people"]] == [("Often Envoy", 3), ("Once Envoy", 1)]
    assertContains(response, "The 2 of its 3 people who represented it most often")
    assertNotContains(response, "Never Member")


def test_organization_page_lists_readouts_it_took_part_in_paginated(client, settings):
    settings.READOUTS_PER_PAGE = 2
    kremlin = make_organization(kind="government_body")
    listed = make_readout(organizations=[kremlin], date=datetime.date(2025, 3, 3))
    represented = make_readout(date=datetime.date(2025, 3, 2))
    make_participant(represented, represented=kremlin)
    issued = make_readout(date=datetime.date(2025, 3, 1))
    make_statement(issued, issuer=kremlin)
    make_statement(make_readout(title="Unpublished statement", status=DRAFT), issuer=kremlin)
    response = client.get(kremlin.get_absolute_url())
    assert list(response.context["page"]) == [listed, represented]
    assert response.context["page"].paginator.count == 3
    assertContains(response, f'href="{listed.get_absolute_url()}"')
    assertContains(response, f'href="{reverse("readouts:readout_list")}?organization={kremlin.slug}"')
    second = client.get(kremlin.get_absolute_url(), {"page": 2})
    assertContains(second, f'href="{issued.get_absolute_url()}"')
    assertNotContains(second, "Unpublished statement")


def test_organization_page_lists_commitments_of_published_readouts(client):
    ukraine = make_organization()
    made = make_commitment(make_readout())
    made.actor_organizations.add(ukraine)
    hidden = make_commitment(make_readout(status=DRAFT), description="A secret promise.")
    hidden.actor_organizations.add(ukraine)
    response = client.get(ukraine.get_absolute_url())
    assertContains(response, f'href="{made.get_absolute_url()}"')
    assertNotContains(response, "A secret promise.")


def test_organization_page_counts_its_bodies_commitments_but_no_drafts(client, monkeypatch):
    from readouts import commitment_lists

    monkeypatch.setattr(commitment_lists, "COMMITMENTS_SHOWN", 1)
    country = make_organization()
    ministry = make_organization(name="Its Ministry", kind="government_body", parent=country)
    make_commitment(make_readout(date=datetime.date(2025, 3, 1))).actor_organizations.add(country)
    make_commitment(make_readout(date=datetime.date(2025, 3, 2))).actor_organizations.add(ministry)
    make_commitment(make_readout(status=DRAFT)).actor_organizations.add(country)
    response = client.get(country.get_absolute_url())
    assert len(response.context["commitments"]) == 1
    assertContains(response, "The latest 1 of 2;")
    assertContains(response, "<strong>2</strong> commitments</a>", html=False)


@pytest.mark.parametrize("query", [{"page": "abc"}, {"page": "2"}])
def test_bad_pages_and_unknown_organizations_are_not_found(client, query):
    organization = make_organization()
    assert client.get(organization.get_absolute_url(), query).status_code == 404
    assert client.get("/organizations/atlantis/").status_code == 404


def test_a_readout_counts_once_for_an_organization_however_it_took_part(client):
    ukraine = make_organization(name="Ukraine")
    office = make_organization(name="Office of the President", kind="government_body", parent=ukraine)
    readout = make_readout(organizations=[ukraine, office])
    make_participant(readout, represented=ukraine)
    make_statement(readout, issuer=ukraine)
    make_statement(readout, issuer=office)
    listed = dict(client.get(reverse("readouts:organization_list")).context["groups"])
    assert listed["Countries"][0].readout_count == 1
    children = client.get(ukraine.get_absolute_url()).context["children"]
    assert [(child, child.readout_count) for child in children] == [(office, 1)]
