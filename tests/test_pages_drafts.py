"""Drafts never leak: not on any page, not through counts, links, related readouts or commitments."""

import datetime

import pytest
from django.urls import reverse
from pytest_django.asserts import assertNotContains

from readouts.models import Readout
from tests.factories import (
    make_commitment,
    make_link,
    make_organization,
    make_participant,
    make_person,
    make_readout,
    make_statement,
    make_topic,
)

pytestmark = pytest.mark.django_db

DRAFT_TITLE = "Unpublished summit in Istanbul"
DRAFT_COMMITMENT = "Promise nobody may read yet"


@pytest.fixture
def archive():
    person = make_person(slug="rubio")
    organization = make_organization(slug="ukraine")
    topic = make_topic(slug="ceasefire")
    published = []
    for day in (1, 3):
        readout = make_readout(date=datetime.date(2025, 3, day), topics=[topic], organizations=[organization])
        make_participant(readout, person, represented=organization)
        make_statement(readout, issuer=organization)
        make_commitment(readout, actor_people=[person])
        published.append(readout)
    draft = make_readout(
        title=DRAFT_TITLE,
        status=Readout.Status.DRAFT,
        date=datetime.date(2025, 3, 2),
        topics=[topic],
        organizations=[organization],
        format="summit",
    )
    make_participant(draft, person, represented=organization)
    make_statement(draft, issuer=organization, kind="transcript")
    draft_commitment = make_commitment(draft, actor_people=[person], description=DRAFT_COMMITMENT)
    draft_commitment.actor_organizations.add(organization)
    make_link(published[1], draft)
    make_link(draft, published[0])
    return {"person": person, "organization": organization, "topic": topic, "published": published,
            "draft": draft, "draft_commitment": draft_commitment}


def public_pages(archive):
    first, second = archive["published"]
    return [
        reverse("readouts:home"),
        reverse("readouts:readout_list"),
        reverse("readouts:readout_list") + "?format=summit",
        reverse("readouts:readout_list") + "?statement_kind=transcript",
        reverse("readouts:readout_list") + "?person=rubio&organization=ukraine&topic=ceasefire",
        reverse("readouts:year_archive", args=[2025]),
        reverse("readouts:month_archive", args=[2025, 3]),
        first.get_absolute_url(),
        second.get_absolute_url(),
        reverse("readouts:person_list"),
        archive["person"].get_absolute_url(),
        reverse("readouts:organization_list"),
        archive["organization"].get_absolute_url(),
        reverse("readouts:topic_list"),
        archive["topic"].get_absolute_url(),
        reverse("readouts:commitment_list"),
        reverse("readouts:commitment_list") + "?status=open",
        first.commitments.get().get_absolute_url(),
    ]


def test_no_public_page_shows_a_draft_or_links_to_it(client, archive):
    draft = archive["draft"]
    for url in public_pages(archive):
        response = client.get(url)
        assert response.status_code == 200, url
        assertNotContains(response, DRAFT_TITLE)
        assertNotContains(response, DRAFT_COMMITMENT)
        assertNotContains(response, draft.get_absolute_url())
        assertNotContains(response, archive["draft_commitment"].get_absolute_url())


def test_counts_ignore_drafts(client, archive):
    home = client.get(reverse("readouts:home"))
    assert home.context["size"]["readouts"] == 2
    assert home.context["size"]["commitments"] == 2
    assert home.context["people"][0].readout_count == 2
    assert home.context["countries"][0].readout_count == 2
    assert home.context["topics"][0].readout_count == 2
    year = client.get(reverse("readouts:year_archive", args=[2025]))
    assert year.context["total"] == 2
    person = client.get(archive["person"].get_absolute_url())
    assert person.context["page"].paginator.count == 2


def test_neighbours_and_related_readouts_skip_the_draft(client, archive):
    first, second = archive["published"]
    response = client.get(first.get_absolute_url())
    assert response.context["next"] == second
    assert list(response.context["related"]) == [second]


def test_the_draft_and_its_commitment_are_not_found(client, archive):
    assert client.get(archive["draft"].get_absolute_url()).status_code == 404
    assert client.get(archive["draft_commitment"].get_absolute_url()).status_code == 404


def test_names_only_a_draft_holds_are_on_no_public_surface(client, archive):
    """A person, an organization and a topic a draft names for the first time: no page, feed,
    list entry, sitemap entry, filter option, API record or pair page until it is published."""
    envoy = make_person(name="Envoy Zzyzx", slug="envoy-zzyzx")
    council = make_organization(name="Council Zzyzx", slug="council-zzyzx", kind="international")
    summit = make_topic(name="Summit Zzyzx", slug="summit-zzyzx")
    draft = archive["draft"]
    make_participant(draft, envoy, represented=council, position=5)
    draft.topics.add(summit)
    named = [envoy, council, summit]

    for entity in named:
        kind = type(entity).__name__.lower()
        assert client.get(entity.get_absolute_url()).status_code == 404
        for fmt in ("atom", "rss"):
            assert client.get(reverse(f"syndication:{kind}_{fmt}", args=[entity.slug])).status_code == 404
    assert client.get(reverse("readouts:relation_detail", args=["council-zzyzx", "ukraine"])).status_code == 404
    surfaces = [
        reverse("readouts:person_list"),
        reverse("readouts:organization_list"),
        reverse("readouts:topic_list"),
        reverse("readouts:readout_list"),  # the filters' menus
        reverse("readouts:commitment_list"),
        reverse("syndication:sitemap_section", args=["people"]),
        reverse("syndication:sitemap_section", args=["organizations"]),
        reverse("syndication:sitemap_section", args=["topics"]),
    ]
    for url in surfaces:
        assertNotContains(client.get(url), "zzyzx")
        assertNotContains(client.get(url), "Zzyzx")
    for endpoint in ("people", "organizations", "topics"):
        listed = client.get(f"/api/{endpoint}/", HTTP_ACCEPT="application/json")
        assert "zzyzx" not in listed.text.lower()
    assert client.get(f"/api/people/{envoy.pk}/", HTTP_ACCEPT="application/json").status_code == 404
    assert client.get(reverse("readouts:readout_list"), {"organization": "council-zzyzx"}).status_code == 400

    draft.status = Readout.Status.PUBLISHED
    draft.save()
    for entity in named:
        assert client.get(entity.get_absolute_url()).status_code == 200
    assert "Council Zzyzx" in client.get(reverse("readouts:organization_list")).text
