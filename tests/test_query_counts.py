"""Each public page runs a fixed number of SQL queries, whatever the size of the archive.

The same pages are rendered over a small and a four-times larger archive (every readout with
several statements, participants, topics, commitments, quotes, discrepancies and links) and
must run exactly the same queries.
"""

import pytest
from django.urls import reverse

from readouts import caching, relations
from readouts.models import Organization
from tests.factories import build_sized_archive, make_organization

pytestmark = pytest.mark.django_db


def pages(readouts):
    middle = readouts[len(readouts) // 2]
    return {
        "home": reverse("readouts:home"),
        "readout_list": reverse("readouts:readout_list"),
        "readout_list_filtered": reverse("readouts:readout_list")
        + "?person=the-person&organization=the-country&topic=the-topic&format=phone_call&statement_kind=readout"
        "&date_after=2025-01-01&date_before=2025-12-31",
        "year_archive": reverse("readouts:year_archive", args=[2025]),
        "month_archive": reverse("readouts:month_archive", args=[2025, middle.date.month]),
        "readout_detail": middle.get_absolute_url(),
        "person_list": reverse("readouts:person_list"),
        "person_detail": reverse("readouts:person_detail", args=["the-person"]),
        "organization_list": reverse("readouts:organization_list"),
        "organization_detail": reverse("readouts:organization_detail", args=["the-country"]),
        "topic_list": reverse("readouts:topic_list"),
        "topic_detail": reverse("readouts:topic_detail", args=["the-topic"]),
        "commitment_list": reverse("readouts:commitment_list") + "?status=open",
        "commitment_list_filtered": reverse("readouts:commitment_list")
        + "?person=the-person&organization=the-country&counterpart=the-country&topic=the-topic&status=open"
        "&made_after=2025-01-01&made_before=2025-12-31",
        "commitment_list_actor": reverse("readouts:commitment_list") + "?organization=the-country&group=pending",
        "commitment_table": reverse("readouts:commitment_table"),
        "commitment_table_filtered": reverse("readouts:commitment_table")
        + "?organization=the-country&counterpart_person=the-person&topic=the-topic&made_after=2025-01-01",
        "commitment_detail": readouts[0].commitments.first().get_absolute_url(),
        # An organization and a person: every lookup a pair's page makes.
        "relation_detail": reverse("readouts:relation_detail", args=["the-country", "the-person"]),
    }


QUERIES = {
    # latest, their principals and topics; the readouts' sizes summed, the people counted;
    # people, countries and topics, each ranked by its count table; open commitments
    "home": 9,
    # the filter's two <select>s (people are typed by name); count, the page's ids, their
    # entries, principals, topics
    "readout_list": 7,
    # ... and one look-up each for the chosen person, organization and topic
    "readout_list_filtered": 10,
    # counts per month; the years
    "year_archive": 2,
    # count, the page's ids, their entries, principals, topics; the earlier and later month
    "month_archive": 7,
    # readout (with its country); participants and their sources, organizations, topics;
    # statements with joint issuers, speakers, sources, topics, quotes and the quotes' sources; discrepancies
    # with versions and their sources; commitments and their updates with their evidence; links
    # out and in; updates it is evidence for; related; previous; next; the statements' earlier
    # texts and translations
    "readout_detail": 26,
    # initials and how many people each; the page's people; their counts
    "person_list": 3,
    # person with its count; readouts per month; titles; the page's ids, their entries, principals,
    # topics, their parts; met most often; the latest commitments (and one more for what they did
    # in the page's readouts they were no participant of, where there are such:
    # tests/test_membership.py); the scorecard's counts by month and status, its overdue rows
    # (tracker.actor_counts; their total is the number of commitments) and latest updates
    "person_detail": 13,
    # organizations; their counts
    "organization_list": 2,
    # organization with its count; readouts per month; bodies within with their counts; people
    # with their number; the page's ids, their entries, principals, topics; the latest
    # commitments; its most frequent counterparts; the scorecard's counts by month and status, its
    # overdue rows and latest updates
    "organization_detail": 13,
    # topics; their counts
    "topic_list": 2,
    # topic with its count; readouts per month; subtopics and their counts; the page's ids, their
    # entries, principals, topics
    "topic_detail": 8,
    # the filter's three <select>s; the commitments by month and status (the tallies, which count
    # the list too, and outcomes over time); page, actor people, actor organizations
    "commitment_list": 7,
    # ... and one look-up each for the chosen person, organization, counterpart and topic; the
    # page's ids from the person's commitment rows
    "commitment_list_filtered": 12,
    # the filter's three <select>s; the chosen organization; its counts by month and status and
    # its overdue rows (tracker.actor_counts); the page's ids from its commitment rows; page,
    # actor people, actor organizations
    "commitment_list_actor": 10,
    # the filter's three <select>s; people and organizations ranked, their names
    "commitment_table": 7,
    # ... and the look-ups of the chosen organization, person and topic; the organizations (for
    # the bodies inside the chosen one, one read per edition in production:
    # filters.organization_parents)
    "commitment_table_filtered": 11,
    # commitment; actor people, actor organizations; updates with their evidence
    "commitment_detail": 6,
    # the slugs as organizations, then as people; the engagements' ids; the pair's figures
    # (cached per edition): by year and format, the bodies within the organization, commitments
    # by status, each side's statements (2), the organization's people, discrepancies; the
    # newest for the timeline (cached per edition); each side's newest statements (2); the
    # newest commitments' rows, then the commitments; discrepancies (cached per edition); the
    # page's entries (its ids are among those read above), principals, topics
    "relation_detail": 19,
}


@pytest.mark.parametrize("size", [3, 12])
@pytest.mark.parametrize("page_name", QUERIES)
def test_page_runs_a_fixed_number_of_queries(client, django_assert_num_queries, size, page_name):
    url = pages(build_sized_archive(size))[page_name]
    with django_assert_num_queries(QUERIES[page_name]):
        response = client.get(url)
    assert response.status_code == 200


@pytest.mark.parametrize("size", [3, 12])
@pytest.mark.parametrize("page_name", ["person_detail", "organization_detail", "topic_detail"])
def test_a_warm_cache_draws_the_readouts_per_month_without_a_query(
    client, django_assert_num_queries, settings, monkeypatch, page_cache, size, page_name
):
    """The chart's one query (readouts/charts.py) runs once per edition: the next request,
    whose page is not stored, runs one query fewer than a cold one."""
    settings.READOUTS_PAGE_CACHE = False
    monkeypatch.setattr(caching, "EDITION_TTL", 3600)  # the edition is read once, by the first request
    url = pages(build_sized_archive(size))[page_name]
    assert client.get(url).status_code == 200
    with django_assert_num_queries(QUERIES[page_name] - 1):
        response = client.get(url)
    assert response.context["per_month"].total == size


@pytest.mark.parametrize("size", [3, 12])
def test_a_large_pairs_page_runs_a_fixed_number_of_queries(client, django_assert_num_queries, monkeypatch, size):
    """Two countries whose figures and head are stored (models.PairFigures): the slugs as
    organizations; the pair's version; its stored row, which holds the timeline's marks and the
    lists; the hierarchy, for the sides; the page's ids, entries, principals, topics. No query
    reads the engagements beyond the page shown."""
    monkeypatch.setattr(relations, "STORED_FROM", 2)
    readouts = build_sized_archive(size)
    country, partner = Organization.objects.get(slug="the-country"), make_organization(slug="the-partner")
    for readout in readouts:
        readout.organizations.add(partner)
    assert relations.find("the-country", "the-partner").stored_figures()["statements"][0] > 0
    with django_assert_num_queries(8):
        response = client.get(relations.url(country, partner))
    assert response.status_code == 200
    assert f"<dt>Engagements</dt><dd>{size}</dd>" in response.content.decode()
