import datetime

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from readouts.models import CommitmentStatus, Readout
from tests.factories import (
    make_commitment,
    make_organization,
    make_person,
    make_readout,
    make_source,
    make_statement,
    make_update,
)

pytestmark = pytest.mark.django_db

DRAFT = Readout.Status.DRAFT
LIST = reverse("readouts:commitment_list")


def test_commitment_page_shows_origin_actors_terms_and_status(client):
    readout = make_readout(title="Trump–Zelenskyy call", date=datetime.date(2025, 3, 19))
    statement = make_statement(readout, issuer_name="The White House")
    trump = make_person(name="Donald J. Trump")
    united_states = make_organization(name="United States")
    commitment = make_commitment(
        readout,
        statement=statement,
        actor_people=[trump],
        actor_label="Trump",
        counterpart="Zelenskyy",
        description="Help find air-defence systems in Europe.",
        exact_words="agreed to work with Zelenskyy to find what was available",
        timeframe="not stated",
        due_date=datetime.date(2025, 4, 30),
    )
    commitment.actor_organizations.add(united_states)
    response = client.get(commitment.get_absolute_url())
    assertContains(response, f'href="{readout.get_absolute_url()}"')
    assertContains(response, f'href="{readout.get_absolute_url()}#{statement.anchor}"')
    assertContains(response, f'href="{trump.get_absolute_url()}"')
    assertContains(response, f'href="{united_states.get_absolute_url()}"')
    for text in ("Zelenskyy", "Help find air-defence systems in Europe.",
                 "agreed to work with Zelenskyy to find what was available", "not stated", "30 April 2025", "Announced"):
        assertContains(response, text)


def test_commitment_history_lists_updates_with_dates_statuses_and_published_evidence(client):
    readout = make_readout(date=datetime.date(2025, 3, 1))
    commitment = make_commitment(readout)
    evidence = make_readout(title="The talks in Riyadh", date=datetime.date(2025, 3, 23))
    hidden_evidence = make_readout(title="Unpublished evidence", date=datetime.date(2025, 3, 25), status=DRAFT)
    make_update(commitment, date=datetime.date(2025, 3, 23), status="in_progress", note="Teams met.", evidence=evidence)
    make_update(commitment, date=datetime.date(2025, 3, 25), status="stalled", note="Talks paused.", evidence=hidden_evidence)
    make_update(commitment, date=None, status="contested", note="Accounts differ.")
    response = client.get(commitment.get_absolute_url())
    assertContains(response, f'href="{evidence.get_absolute_url()}"')
    assertNotContains(response, "Unpublished evidence")
    assertNotContains(response, f'href="{hidden_evidence.get_absolute_url()}"')
    for text in ("23 March 2025", "Teams met.", "Talks paused.", "Undated", "Accounts differ.", "In progress", "Stalled"):
        assertContains(response, text)
    assertContains(response, 'class="status status--contested"')


def test_a_commitment_of_a_draft_readout_is_not_found(client):
    commitment = make_commitment(make_readout(status=DRAFT), description="A secret promise.")
    response = client.get(commitment.get_absolute_url())
    assert response.status_code == 404
    assertNotContains(response, "A secret promise.", status_code=404)


def test_a_commitment_number_beyond_any_database_integer_is_not_found(client):
    assert client.get("/commitments/99999999999999999999/").status_code == 404


def test_an_unknown_commitment_is_not_found(client):
    assert client.get(reverse("readouts:commitment_detail", args=[999999])).status_code == 404
    assert client.get("/commitments/abc/").status_code == 404


def test_commitment_list_shows_published_commitments_newest_first(client):
    older = make_commitment(make_readout(date=datetime.date(2025, 2, 1)), description="Older promise.")
    newer = make_commitment(make_readout(date=datetime.date(2025, 3, 1)), description="Newer promise.")
    make_commitment(make_readout(status=DRAFT), description="A secret promise.")
    response = client.get(LIST)
    assert list(response.context["page"]) == [newer, older]
    assertContains(response, f'href="{newer.get_absolute_url()}"')
    assertContains(response, f'href="{newer.readout.get_absolute_url()}"')
    assertNotContains(response, "A secret promise.")


def test_commitment_list_filters_by_status_and_by_open(client):
    readout = make_readout()
    announced = make_commitment(readout)
    fulfilled = make_commitment(readout)
    make_update(fulfilled, status=CommitmentStatus.FULFILLED)
    stalled = make_commitment(readout)
    make_update(stalled, status=CommitmentStatus.STALLED)
    assert list(client.get(LIST, {"status": "fulfilled"}).context["page"]) == [fulfilled]
    assert set(client.get(LIST, {"status": "open"}).context["page"]) == {announced, stalled}


def test_commitment_list_filter_is_a_labelled_form_kept_in_page_links(client, settings):
    settings.READOUTS_PER_PAGE = 1
    readout = make_readout()
    make_commitment(readout)
    make_commitment(readout)
    response = client.get(LIST, {"status": "open"})
    assertContains(response, '<label for="id_status"')
    assertContains(response, 'href="?status=open&amp;page=2"')


@pytest.mark.parametrize("status", ["bogus", "<script>", "\x00"])
def test_an_invalid_status_shows_the_form_error(client, status):
    response = client.get(LIST, {"status": status})
    assert response.status_code == 400
    assert "status" in response.context["filterset"].form.errors
    assertNotContains(response, "<script>", status_code=400)


@pytest.mark.parametrize("bad_page", ["abc", "0", "99"])
def test_bad_pages_of_the_commitment_list_are_not_found(client, bad_page):
    make_commitment(make_readout())
    assert client.get(LIST, {"page": bad_page}).status_code == 404


def test_commitment_and_each_update_link_to_their_sources(client):
    commitment = make_commitment(make_readout())
    commitment.sources.add(make_source(name="Scoop", url="https://scoop.example/statement"))
    update = make_update(commitment, note="The teams met.")
    update.sources.add(make_source(name="UPI", url="https://upi.example/riyadh"))
    response = client.get(commitment.get_absolute_url())
    assertContains(response, '<a href="https://scoop.example/statement" rel="noopener noreferrer external">Scoop</a>')
    assertContains(response, '<a href="https://upi.example/riyadh" rel="noopener noreferrer external">UPI</a>')
