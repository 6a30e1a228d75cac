"""No draft readout, nor anything only a draft holds, appears in any API answer."""

import datetime

import pytest
from django.urls import reverse

from readouts.models import Readout
from readouts.search.index import rebuild
from tests.factories import (
    make_commitment,
    make_link,
    make_organization,
    make_participant,
    make_person,
    make_quote,
    make_readout,
    make_statement,
    make_topic,
    make_update,
)

pytestmark = pytest.mark.django_db

MARK = "Zanzibarian"  # in every draft's text, and nowhere else


@pytest.fixture
def archive():
    person = make_person(slug="the-person")
    country = make_organization(slug="the-country")
    topic = make_topic(slug="the-topic")
    published = make_readout(title="Published call", date=datetime.date(2025, 3, 10), topics=[topic],
                             organizations=[country])
    make_participant(published, person)
    make_statement(published, text="A published statement.")
    draft = make_readout(
        title=f"{MARK} draft call", summary=f"{MARK} summary.", date=datetime.date(2025, 3, 12),
        status=Readout.Status.DRAFT, topics=[topic], organizations=[country],
    )
    make_participant(draft, person, title=f"{MARK} title")
    make_quote(make_statement(draft, text=f"{MARK} statement."), text=f"{MARK} quote.")
    draft_commitment = make_commitment(draft, description=f"{MARK} promise.")
    # The draft is linked from and to the published readout, and is the evidence of its commitment.
    make_link(draft, published)
    make_link(published, make_readout(title=f"{MARK} earlier draft", date=datetime.date(2025, 3, 1),
                                      status=Readout.Status.DRAFT))
    commitment = make_commitment(published, description="Published promise.")
    make_update(commitment, evidence=draft, date=draft.date, note="Done.")
    rebuild()
    return {"published": published, "draft": draft, "draft_commitment": draft_commitment, "person": person}


def every_answer(client, archive):
    """The text of every API answer that could name the draft."""
    published, draft = archive["published"], archive["draft"]
    urls = [
        reverse("api:readout-list"),
        reverse("api:readout-list") + f"?q={MARK}",
        reverse("api:readout-list") + "?q=call",
        reverse("api:readout-list") + "?person=the-person&organization=the-country&topic=the-topic",
        reverse("api:readout-list") + "?date_after=2025-03-12&date_before=2025-03-12",
        reverse("api:readout-list") + "?ordering=-title",
        reverse("api:readout-detail", args=[published.pk]),
        reverse("api:readout-detail", args=[draft.pk]),
        reverse("api:commitment-list"),
        reverse("api:commitment-list") + "?status=open",
        reverse("api:commitment-detail", args=[archive["draft_commitment"].pk]),
        reverse("api:person-list"),
        reverse("api:person-detail", args=[archive["person"].pk]),
        reverse("api:organization-list"),
        reverse("api:topic-list"),
    ]
    return {url: client.get(url) for url in urls}


def test_no_answer_names_a_draft(client, archive):
    for url, response in every_answer(client, archive).items():
        assert response.status_code in (200, 404), url
        assert MARK not in response.content.decode(), url
        assert f"/api/readouts/{archive['draft'].pk}/" not in response.content.decode(), url


def test_a_draft_and_its_commitments_are_not_found_by_id(client, archive):
    assert client.get(reverse("api:readout-detail", args=[archive["draft"].pk])).status_code == 404
    assert client.get(reverse("api:commitment-detail", args=[archive["draft_commitment"].pk])).status_code == 404


def test_lists_and_search_hold_only_the_published_readout(client, archive):
    assert [r["title"] for r in client.get(reverse("api:readout-list")).json()["results"]] == ["Published call"]
    assert client.get(reverse("api:readout-list"), {"q": MARK}).json()["count"] == 0
    filtered = client.get(reverse("api:readout-list"), {"person": "the-person", "topic": "the-topic"}).json()
    assert [r["title"] for r in filtered["results"]] == ["Published call"]


def test_links_and_evidence_to_drafts_are_left_out_of_the_published_readout(client, archive):
    answer = client.get(reverse("api:readout-detail", args=[archive["published"].pk])).json()
    assert answer["links_in"] == answer["links_out"] == []
    [commitment] = answer["commitments"]
    [update] = commitment["updates"]
    assert update["evidence"] is None and update["note"] == "Done."


def test_counts_leave_drafts_out(client, archive):
    person = client.get(reverse("api:person-detail", args=[archive["person"].pk])).json()
    assert person["readout_count"] == 1
    [organization] = client.get(reverse("api:organization-list")).json()["results"]
    [topic] = client.get(reverse("api:topic-list")).json()["results"]
    assert organization["readout_count"] == topic["readout_count"] == 1
