"""The commitment tracker: its filters on the list, CSV and API; tallies, the table of actors and
scorecards counting exactly the rows they link to; overdue at its boundaries; drafts never counted."""

import collections
import datetime
import html
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from readouts import tracker
from readouts.models import Commitment, CommitmentStatus, Organization, Readout
from tests.archive_helpers import load_sample
from tests.factories import (
    build_sized_archive,
    make_commitment,
    make_organization,
    make_participant,
    make_person,
    make_readout,
    make_topic,
    make_update,
)

pytestmark = pytest.mark.django_db

LIST = reverse("readouts:commitment_list")
TABLE = reverse("readouts:commitment_table")
CSV = reverse("downloads:commitments_csv")
API = reverse("api:commitment-list")
DAY = datetime.timedelta(days=1)


@pytest.fixture
def world():
    """Two engagements with five commitments due around today, and a draft with one more."""
    today = timezone.localdate()
    us = make_organization(name="United States", slug="united-states")
    white_house = make_organization(name="White House", slug="white-house", kind="government_body", parent=us)
    russia = make_organization(name="Russia", slug="russia")
    ukraine = make_organization(name="Ukraine", slug="ukraine")
    trump, putin = make_person(name="Trump", slug="trump"), make_person(name="Putin", slug="putin")
    security = make_topic(name="Security", slug="security")
    air_defence = make_topic(name="Air defence", slug="air-defence", parent=security)

    call = make_readout(date=datetime.date(2025, 3, 1), organizations=[us, russia], topics=[air_defence])
    make_participant(call, trump)
    make_participant(call, putin)
    talks = make_readout(date=datetime.date(2025, 4, 1), organizations=[us, ukraine])
    draft = make_readout(date=datetime.date(2025, 5, 1), organizations=[us, russia], topics=[security], status="draft")

    def commitment(readout, description, organization, people=(), **kwargs):
        made = make_commitment(readout, actor_people=people, description=description, **kwargs)
        made.actor_organizations.add(organization)
        return made

    commitment(call, "Due yesterday", white_house, [trump], due_date=today - DAY)
    in_progress = commitment(call, "Due today", russia, [putin], due_date=today)
    make_update(in_progress, status="in_progress", date=datetime.date(2025, 3, 5))
    commitment(talks, "Due tomorrow", us, due_date=today + DAY)
    kept = commitment(talks, "Kept, due long ago", us, due_date=datetime.date(2025, 4, 10))
    make_update(kept, status="fulfilled", date=datetime.date(2025, 4, 9), note="Signed.", evidence=draft)
    commitment(talks, "Undated", ukraine)
    secret = commitment(draft, "DRAFTONLY promise", us, [trump], due_date=today - DAY)
    make_update(secret, status="not_implemented", date=datetime.date(2025, 5, 2), note="DRAFTONLY note")
    return {"today": today}


def listed(client, params):
    response = client.get(LIST, params)
    assert response.status_code == 200
    return {commitment.description for commitment in response.context["page"]}  # one page holds them all


def csv_rows(client, params):
    response = client.get(CSV, params)
    assert response.status_code == 200
    lines = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
    return len(lines) - 1


def api_descriptions(client, params):
    response = client.get(API, {**params, "page_size": 100})
    assert response.status_code == 200
    return {c["description"] for c in response.json()["results"]}


FILTERS = [
    ({}, {"Due yesterday", "Due today", "Due tomorrow", "Kept, due long ago", "Undated"}),
    ({"person": "trump"}, {"Due yesterday"}),
    # A country includes the bodies inside it; a body is only itself.
    ({"organization": "united-states"}, {"Due yesterday", "Due tomorrow", "Kept, due long ago"}),
    ({"organization": "white-house"}, {"Due yesterday"}),
    # The counterpart: made in a readout of it, whoever made them.
    ({"counterpart": "russia"}, {"Due yesterday", "Due today"}),
    ({"counterpart": "ukraine"}, {"Due tomorrow", "Kept, due long ago", "Undated"}),
    ({"counterpart_person": "putin"}, {"Due yesterday", "Due today"}),
    ({"organization": "united-states", "counterpart": "ukraine"}, {"Due tomorrow", "Kept, due long ago"}),
    # A topic includes its subtopics.
    ({"topic": "security"}, {"Due yesterday", "Due today"}),
    ({"made_after": "2025-03-15"}, {"Due tomorrow", "Kept, due long ago", "Undated"}),
    ({"made_before": "2025-03-15"}, {"Due yesterday", "Due today"}),
    ({"made_after": "2025-03-01", "made_before": "2025-03-01"}, {"Due yesterday", "Due today"}),
    ({"status": "overdue"}, {"Due yesterday"}),
    ({"status": "open"}, {"Due yesterday", "Due today", "Due tomorrow", "Undated"}),
    ({"status": "in_progress"}, {"Due today"}),
    ({"group": "kept"}, {"Kept, due long ago"}),
    ({"group": "pending", "counterpart": "ukraine"}, {"Due tomorrow", "Undated"}),
]


@pytest.mark.parametrize("params, expected", FILTERS)
def test_each_filter_finds_the_same_commitments_on_the_list_csv_and_api(client, world, params, expected):
    assert listed(client, params) == expected
    assert api_descriptions(client, params) == expected
    assert csv_rows(client, params) == len(expected)


@pytest.mark.parametrize(
    "name, due, expected",
    [("due_after", 0, {"Due today", "Due tomorrow"}), ("due_before", -1, {"Due yesterday", "Kept, due long ago"})],
)
def test_due_date_filters(client, world, name, due, expected):
    params = {name: (world["today"] + due * DAY).isoformat()}
    assert listed(client, params) == expected
    assert api_descriptions(client, params) == expected


def test_overdue_is_open_and_due_yesterday_or_earlier(client, world):
    # Due today or tomorrow, closed though past due, or undated: not overdue.
    response = client.get(LIST)
    assert response.context["tallies"]["overdue"] == 1
    assert listed(client, {"status": "overdue"}) == {"Due yesterday"}
    tomorrow = world["today"] + DAY
    assert tracker.tallies(Commitment.objects.published(), today=tomorrow)["overdue"] == 2  # and "Due today"
    assert set(Commitment.objects.published().overdue(tomorrow).values_list("description", flat=True)) == {
        "Due yesterday",
        "Due today",
    }


def test_tallies_count_every_status_of_what_the_other_filters_find(client, world):
    response = client.get(LIST, {"organization": "united-states", "status": "fulfilled"})
    tallies = response.context["tallies"]
    assert tallies["total"] == 3
    groups = {group["key"]: group["count"] for group in tallies["groups"]}
    assert groups == {"kept": 1, "partly": 0, "pending": 2, "not_kept": 0, "disputed": 0}
    assert response.context["page"].paginator.count == 1
    # The chosen status is marked, a zero is no link.
    assertContains(response, f'href="{html.escape(LIST + "?organization=united-states&status=fulfilled")}" aria-current="true"')
    assertContains(response, '<span class="tallies__count">0</span> Partly kept')


def follow_every_link(client, links):
    """links: [(count, address)]; each address must list that many commitments."""
    assert links
    for count, address in links:
        response = client.get(address)
        assert response.status_code == 200, address
        # The list's count is read from its tallies: the rows it finds must number as many.
        assert response.context["page"].paginator.count == count == response.context["filterset"].qs.count(), address
        # With an actor chosen, the page is read from their rows: the same commitments, in order.
        listed = [commitment.pk for commitment in response.context["page"]]
        assert listed == list(response.context["filterset"].qs.values_list("pk", flat=True)[:25]), address


def tally_links(response):
    tallies = response.context["tallies"]
    links = [(tallies["total"], tallies["total_url"])]
    if tallies["overdue"]:
        links.append((tallies["overdue"], tallies["overdue_url"]))
    for group in tallies["groups"]:
        if group["count"]:
            links.append((group["count"], group["url"]))
        links += [(status["count"], status["url"]) for status in group["statuses"]]
    for _, address in links:
        assertContains(response, f'href="{html.escape(address)}"')
    return links


def table_links(response):
    links = []
    for row in response.context["table"]["rows"]:
        links += [cell for cell in [*row["cells"], row["total"], row["overdue"]] if cell[0]]
    for _, address in links:
        assertContains(response, f'href="{html.escape(address)}"')
    return links


@pytest.mark.parametrize(
    "params",
    [{}, {"status": "open"}, {"organization": "united-states"}, {"counterpart": "ukraine", "group": "kept"},
     {"person": "trump", "topic": "security"}],
)
def test_every_tally_and_table_cell_links_to_a_list_of_as_many(client, world, params):
    follow_every_link(client, tally_links(client.get(LIST, params)))
    follow_every_link(client, table_links(client.get(TABLE, params)))


@pytest.mark.parametrize(
    "params",
    [{"organization": "united-states"}, {"organization": "white-house", "status": "overdue"},
     {"person": "trump", "topic": "security"}, {"person": "trump", "organization": "united-states"},
     {"organization": "united-states", "counterpart": "ukraine", "made_after": "2025-03-15", "due_before": "2030-01-01"}],
)
def test_an_actors_rows_count_what_their_commitments_do(client, world, params):
    """With an actor chosen, the tallies and the chart count the actor's commitment rows
    (CommitmentFilter.counted()): the same figures as the commitments the filters find."""
    from readouts import charts
    from readouts.filters import CommitmentFilter
    from readouts.models import OrganizationCommitment, PersonCommitment

    filterset = CommitmentFilter(params, queryset=Commitment.objects.published())
    assert filterset.is_valid()
    counted, commitments = filterset.counted(), filterset.without_outcome()
    assert counted.model in (PersonCommitment, OrganizationCommitment)
    assert tracker.tallies(counted) == tracker.tallies(commitments)
    assert tracker.tallies(counted)["total"] == commitments.count() > 0
    chart = charts.status_over_time(tracker.counts(counted, monthly=True))
    expected = charts.status_over_time(tracker.counts(commitments, monthly=True))
    assert [(bar.label, bar.values) for bar in chart.bars] == [(bar.label, bar.values) for bar in expected.bars]
    # With the actor alone chosen (an outcome aside), the page counts it from its counts by month.
    actor = filterset.lone_actor()
    assert (actor is None) == bool(set(params) - {"organization", "person", "status"} or {"organization", "person"} <= set(params))
    if actor is not None:
        assert sorted(tracker.actor_counts(actor, monthly=True)) == sorted(tracker.counts(counted, monthly=True))
        assert client.get(LIST, params).context["tallies"]["total"] == commitments.count()


@pytest.mark.parametrize(
    "params", [{}, {"organization": "united-states"}, {"counterpart": "russia"}, {"person": "donald-j-trump"}]
)
def test_on_the_sample_archive_every_link_lists_as_many_as_it_says(client, params):
    load_sample()
    follow_every_link(client, tally_links(client.get(LIST, params)))
    follow_every_link(client, table_links(client.get(TABLE, params)))


def counted_by_hand(today):
    """Tallies of the published commitments, counted one by one in Python."""
    commitments = list(Commitment.objects.filter(readout__status=Readout.Status.PUBLISHED))
    statuses = collections.Counter(commitment.status for commitment in commitments)
    open_values = CommitmentStatus.open_values()
    return {
        "total": len(commitments),
        "overdue": sum(1 for c in commitments if c.status in open_values and c.due_date and c.due_date < today),
        "statuses": [(status, label, statuses[status]) for status, label in CommitmentStatus.choices],
        "groups": [(key, label, sum(statuses[s] for s in members)) for key, label, members in CommitmentStatus.groups()],
    }


def table_by_hand():
    """{actor: (total, {group: n})} of every person and organization, bodies' commitments
    counted for the organizations they sit inside."""
    parents = dict(Organization.objects.values_list("pk", "parent"))
    group_of = {status: key for key, _, members in CommitmentStatus.groups() for status in members}
    counts = collections.defaultdict(collections.Counter)
    for commitment in Commitment.objects.filter(readout__status="published").prefetch_related(
        "actor_people", "actor_organizations"
    ):
        actors = {person.name for person in commitment.actor_people.all()}
        for organization in commitment.actor_organizations.all():
            pk = organization.pk
            while pk is not None:
                actors.add(Organization.objects.get(pk=pk).name)
                pk = parents[pk]
        for actor in actors:
            counts[actor]["total"] += 1
            counts[actor][group_of[commitment.status]] += 1
    return counts


@pytest.mark.parametrize("archive", ["sample", "generated"])
@pytest.mark.parametrize("days", [0, 2000])
def test_tallies_and_the_table_equal_the_rows_they_count(client, archive, days):
    if archive == "sample":
        load_sample()
    else:
        readouts = build_sized_archive(6)
        for n, commitment in enumerate(Commitment.objects.filter(readout__in=readouts)):
            if n % 3:
                commitment.due_date = commitment.readout.date + n * DAY
                commitment.save(update_fields=["due_date"])
            if n % 4 == 0:
                make_update(commitment, status=["abandoned", "partly_fulfilled", "contested", "stalled"][n % 4])
    today = timezone.localdate() + days * DAY
    expected = counted_by_hand(today)
    assert tracker.tallies(Commitment.objects.published(), today=today) == expected
    # The tracker's tallies, counted by month beside its chart, are the same.
    assert tracker.tallied(tracker.counts(Commitment.objects.published(), today, monthly=True)) == expected
    if days == 0:
        assert client.get(LIST).context["tallies"]["total"] == expected["total"]
        assert client.get(LIST).context["tallies"]["overdue"] == expected["overdue"]
    by_hand = table_by_hand()
    table = tracker.actor_table(Commitment.objects.published(), today=today)
    assert table["rows"]
    for actor, counts in table["rows"]:
        assert counts["total"] == by_hand[actor.name]["total"]
        assert {key: counts[key] for key, _ in table["groups"]} == {
            key: by_hand[actor.name][key] for key, _ in table["groups"]
        }
    assert len(table["rows"]) + table["more"] == len(by_hand)
    ranked = [counts["total"] for _, counts in table["rows"]]
    assert ranked == sorted(ranked, reverse=True)
    assert ranked[-1] >= max([0, *(v["total"] for k, v in by_hand.items() if k not in {a.name for a, _ in table["rows"]})])


def test_the_table_shows_the_top_actors_and_says_how_many_more(client):
    readout = make_readout()
    for n in range(4):
        make_commitment(readout, actor_people=[make_person(name=f"Actor {n}") for _ in range(1)])
    table = tracker.actor_table(Commitment.objects.published(), limit=3)
    assert len(table["rows"]) == 3
    assert table["more"] == 1
    response = client.get(TABLE)
    assertContains(response, '<table class="tracker-table">')
    assertContains(response, 'tabindex="0" role="region" aria-labelledby="actor-table-caption"')
    assertContains(response, '<th scope="row">', count=4)
    assertContains(response, '<th scope="col">Overdue</th>')
    assertContains(response, '<span aria-hidden="true">–</span><span class="visually-hidden">none</span>')


def test_drafts_are_in_no_tally_table_or_scorecard(client, world):
    for address in [LIST, TABLE, reverse("readouts:person_detail", args=["trump"]),
                    reverse("readouts:organization_detail", args=["united-states"])]:
        assertNotContains(client.get(address), "DRAFTONLY")
    assert client.get(LIST).context["tallies"]["total"] == 5
    us = Organization.objects.get(slug="united-states")
    rows = {row["actor"].name: row for row in client.get(TABLE).context["table"]["rows"]}
    assert rows["United States"]["total"][0] == 3
    assert rows["Trump"]["total"][0] == 1
    assert rows["Trump"]["overdue"][0] == 1
    scorecard = tracker.scorecard(us)
    assert scorecard["tallies"]["total"] == 3
    assert "not_implemented" not in {update.status for update in scorecard["updates"]}


def test_scorecards_count_link_and_show_the_latest_updates(client, world):
    response = client.get(reverse("readouts:organization_detail", args=["united-states"]))
    assertContains(response, "Commitments scorecard")
    assertContains(response, f'href="{LIST}?organization=united-states"><strong>3</strong> commitments</a>')
    assertContains(response, f'href="{LIST}?organization=united-states&amp;status=overdue"><strong>1</strong> overdue')
    assertContains(response, f'href="{LIST}?organization=united-states&amp;group=pending">2</a>')
    assertContains(response, "Signed.")
    assertContains(response, "9 April 2025")
    # The update's evidence is a draft: not linked.
    draft = Readout.objects.get(status="draft")
    assertNotContains(response, draft.get_absolute_url())
    response = client.get(reverse("readouts:person_detail", args=["putin"]))
    assertContains(response, f'href="{LIST}?person=putin&amp;status=in_progress">In progress <span class="count">1</span>')
    follow_every_link(client, [(3, f"{LIST}?organization=united-states"), (1, f"{LIST}?person=putin&status=in_progress")])
    committed_nothing = make_person()
    make_participant(make_readout(), committed_nothing)
    assertNotContains(client.get(committed_nothing.get_absolute_url()), "Commitments scorecard")


def test_a_scorecard_follows_each_update_and_a_country_counts_its_bodies(client, world):
    us = Organization.objects.get(slug="united-states")
    white_house = Organization.objects.get(slug="white-house")
    page = client.get(us.get_absolute_url())
    # The White House's commitment is the United States' too, in its list as in its tallies.
    assertContains(page, "Due yesterday")
    assert tracker.scorecard(white_house)["tallies"]["total"] == 1
    commitment = Commitment.objects.get(description="Due yesterday")
    update = make_update(commitment, status="abandoned", date=timezone.localdate())
    assert dict((key, n) for key, _, n in tracker.scorecard(us)["tallies"]["groups"])["not_kept"] == 1
    assert tracker.scorecard(us)["tallies"]["overdue"] == 0
    update.delete()
    tallies = tracker.scorecard(us)["tallies"]
    assert (tallies["overdue"], dict((key, n) for key, _, n in tallies["groups"])["not_kept"]) == (1, 0)


@pytest.mark.parametrize("archive", ["sample", "world", "generated"])
@pytest.mark.parametrize("days", [-1, 0, 1, 2000])
def test_an_actors_counts_by_month_are_its_rows_counted(request, archive, days):
    """tracker.actor_counts(), read from the counts by month and status kept beside the rows
    (models.CommitmentMonth) and the overdue rows, is counts() of the actor's rows, month by
    month and in all, for every person and organization: overdue around its boundary, and
    after an update, a new commitment, a readout moved to another month, made a draft and
    deleted (the write path recounts only the months of the rows it rewrote)."""
    from readouts.filters import commitment_rows
    from readouts.models import OrganizationCommitment, Person, PersonCommitment

    if archive == "sample":
        load_sample()
    elif archive == "world":
        request.getfixturevalue("world")
    else:
        build_sized_archive(6)
    today = timezone.localdate() + days * DAY

    def assert_counted():
        # Everyone: none of those left without rows keeps a count.
        for actor in [*Person.objects.all(), *Organization.objects.all()]:
            for monthly in (False, True):
                expected = tracker.counts(commitment_rows(actor), today, monthly=monthly)
                assert sorted(tracker.actor_counts(actor, today, monthly=monthly)) == sorted(expected), actor

    assert PersonCommitment.objects.exists() and OrganizationCommitment.objects.exists()
    assert_counted()
    commitment = Commitment.objects.published().order_by("pk").first()
    make_update(commitment, status="in_progress")
    added = make_commitment(commitment.readout, actor_people=commitment.actor_people.all(), due_date=today - DAY)
    added.actor_organizations.set(commitment.actor_organizations.all())
    assert_counted()
    readout = commitment.readout
    readout.date = readout.date.replace(year=readout.date.year - 1)  # another month: both recounted
    readout.save()
    assert_counted()
    readout.status = Readout.Status.DRAFT
    readout.save()
    assert_counted()
    deleted = make_commitment(make_readout(), actor_people=commitment.actor_people.all())
    deleted.actor_organizations.set(commitment.actor_organizations.all())
    assert_counted()
    deleted.readout.delete()
    assert_counted()


def test_migration_0023_counts_the_rows_by_month_as_the_write_path_does():
    """Its frozen SQL gives exactly the counts readouts/derived.py writes."""
    import importlib

    from django.db import connection

    from readouts.models import OrganizationCommitmentMonth, PersonCommitmentMonth

    load_sample()
    migration = importlib.import_module("readouts.migrations.0023_commitment_months")
    models = (PersonCommitmentMonth, OrganizationCommitmentMonth)
    columns = ["month", "status", "commitments"]
    written = {model: set(model.objects.values_list(model.entity_field, *columns)) for model in models}
    assert all(written.values())
    for model in models:
        model.objects.all().delete()

    class Editor:
        def execute(self, sql):
            with connection.cursor() as cursor:
                cursor.execute(sql)

    Editor.connection = connection
    migration.fill(None, Editor())
    for model, rows in written.items():
        assert set(model.objects.values_list(model.entity_field, *columns)) == rows


@pytest.mark.parametrize("archive", ["sample", "world"])
def test_migration_0019_writes_the_commitment_rows_as_the_write_path_does(request, archive):
    """Its frozen SQL gives exactly the rows readouts/derived.py writes, bodies' included."""
    import importlib

    from django.db import connection

    from readouts.models import OrganizationCommitment, PersonCommitment

    if archive == "sample":
        load_sample()
    else:
        request.getfixturevalue("world")
    migration = importlib.import_module("readouts.migrations.0019_commitment_rows_with_status")
    columns = ["commitment", "readout", "date", "position", "status", "due_date"]
    written = {
        model: set(model.objects.values_list(model.entity_field, *columns))
        for model in (PersonCommitment, OrganizationCommitment)
    }
    assert all(written.values())
    with connection.cursor() as cursor:
        for statement in migration.DERIVE:
            cursor.execute(statement)
    for model, rows in written.items():
        assert set(model.objects.values_list(model.entity_field, *columns)) == rows


def test_an_evidence_readout_that_is_published_is_linked_from_the_scorecard(client):
    person = make_person(slug="p")
    commitment = make_commitment(make_readout(date=datetime.date(2025, 3, 1)), actor_people=[person])
    evidence = make_readout(title="The follow-up call", date=datetime.date(2025, 3, 9))
    make_update(commitment, evidence=evidence, date=datetime.date(2025, 3, 9))
    response = client.get(person.get_absolute_url())
    assertContains(response, f'Evidence: <a href="{evidence.get_absolute_url()}">The follow-up call</a>')


BAD = [
    {"status": "done-ish"},
    {"group": "lost"},
    {"person": "nobody"},
    {"organization": "nowhere"},
    {"counterpart": "bad slug"},
    {"counterpart_person": "x\x00y"},
    {"topic": "../etc"},
    {"made_after": "yesterday"},
    {"due_before": "2025-02-30"},
    {"made_after": "2025-03-10", "made_before": "2025-03-01"},
    {"due_after": "2025-03-10", "due_before": "2025-03-01"},
]


@pytest.mark.parametrize("params", BAD)
def test_bad_filters_are_a_400_everywhere(client, world, params):
    for address in [LIST, TABLE, CSV, API]:
        assert client.get(address, params).status_code == 400, address


def test_a_range_that_ends_before_it_starts_is_a_form_error(client, world):
    response = client.get(LIST, {"due_after": "2025-03-10", "due_before": "2025-03-01"})
    assertContains(response, "The end of the range comes before its start.", status_code=400)


def test_the_table_keeps_the_filters_and_the_list_links_to_it(client, world):
    response = client.get(LIST, {"counterpart": "russia", "status": "open", "page": "1"})
    assertContains(response, f'href="{TABLE}?counterpart=russia">Who committed what')
    response = client.get(TABLE, {"counterpart": "russia"})
    names = [row["actor"].name for row in response.context["table"]["rows"]]
    assert set(names) == {"Trump", "Putin", "White House", "United States", "Russia"}
    # The table's own form has no status or group: it counts them all.
    assertNotContains(response, 'name="status"')
    assertContains(response, 'name="counterpart"')


def test_new_filters_are_kept_by_the_page_cache(client, world, page_cache):
    for params, expected in FILTERS[4:8]:
        assert listed(client, params) == expected
    assert re.search(r"<h2 id=\"results-heading\">2 commitments", client.get(LIST, {"counterpart": "russia"}).text)


def test_every_filter_at_once(client, world):
    params = {"person": "trump", "organization": "united-states", "counterpart": "russia", "counterpart_person": "putin",
              "topic": "security", "made_after": "2025-01-01", "made_before": "2025-12-31", "due_after": "2020-01-01",
              "due_before": "2030-01-01", "status": "open", "group": "pending"}
    assert listed(client, params) == {"Due yesterday"}
    response = client.get(TABLE, params)
    assert [(row["actor"].name, row["total"][0]) for row in response.context["table"]["rows"]] == [
        ("Trump", 1), ("United States", 1), ("White House", 1)
    ]


def test_a_status_and_an_outcome_chosen_together_list_what_both_find(client, world):
    both = client.get(LIST, {"status": "open", "group": "pending"})
    neither = client.get(LIST, {"status": "fulfilled", "group": "pending"})
    assert both.context["page"].paginator.count == both.context["filterset"].qs.count() == 4
    assert neither.context["page"].paginator.count == 0
