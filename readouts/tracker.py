"""The commitment tracker's figures: tallies by status and outcome group, who committed what
(actors by outcome group), and a person's or organization's scorecard.

Pure queries over a queryset of published commitments (a CommitmentFilter's), each in a fixed
number of queries whatever the archive's size. Statuses, their groups, open() and overdue() are
readouts/models/commitments.py's; an actor's commitments (a country's include its bodies') are
its commitment appearance rows, filters.commitment_rows(), which carry the status and due date
the tallies read.
"""

import collections

from django.db import connection
from django.db.models import Case, Count, F, Q, Sum, Value, When
from django.utils import timezone

from . import caching
from .charts import MonthOf
from .filters import bodies_within, commitment_rows
from .models import (
    Commitment,
    CommitmentStatus,
    CommitmentUpdate,
    Organization,
    OrganizationCommitment,
    OrganizationCommitmentMonth,
    Person,
    PersonCommitment,
    PersonCommitmentMonth,
)
from .models.commitments import overdue

ACTORS_SHOWN = 20
UPDATES_SHOWN = 5


def counts(commitments, today=None, *, monthly=False):
    """The commitments (a queryset of them or of an actor's commitment rows: CommitmentVerbs),
    published ones only, counted by status and whether overdue(): [(status, overdue, n)], or
    [(month, status, overdue, n)] by the month of the readout that recorded them, in no order. One query,
    which both the tallies and the chart of outcomes over time read (tallied(),
    charts.status_over_time()): a country's 22,000 rows were read twice at 100,000 readouts."""
    late = Case(When(overdue(today or timezone.localdate()), then=Value(True)), default=Value(False))
    rows = commitments.published().order_by().annotate(late=late)
    fields = ("status", "late")
    if monthly:
        rows = rows.annotate(month=MonthOf(commitments.made_on))
        fields = ("month", *fields)
    # COUNT(status) (never null), not COUNT(id): an actor's rows are then counted from their
    # tally index alone (a country's 22,000 rows at 100,000 readouts: 10 → 5 ms on PostgreSQL).
    # In no order: sorting a country's rows by month and status text (to group them) took
    # longer than hashing them (at 100,000 readouts on PostgreSQL: 14 → 9 ms).
    return list(rows.values_list(*fields).annotate(n=Count("status")).order_by())


def actor_counts(entity, today=None, *, monthly=False):
    """counts(commitment_rows(entity)), from the actor's counts by month and status
    (models.CommitmentMonth) and its overdue rows, which the rows' tally index finds: a
    country's 22,000 rows took 9.6 ms to count at 100,000 readouts on PostgreSQL. Two queries."""
    model = PersonCommitmentMonth if isinstance(entity, Person) else OrganizationCommitmentMonth
    months = model.objects.filter(**{model.entity_field: entity}).order_by()
    late = commitment_rows(entity).filter(overdue(today or timezone.localdate())).order_by()
    if monthly:  # the table's own rows, as they are
        months = months.values_list("month", "status", "commitments")
        late = late.annotate(month=MonthOf("date")).values_list("month", "status")
    else:
        months, late = months.values_list("status").annotate(n=Sum("commitments")), late.values_list("status")
    late = {tuple(key): n for *key, n in late.annotate(n=Count("status"))}
    rows = []
    for *key, n in months:
        overdue_n = late.get(tuple(key), 0)
        if n > overdue_n:
            rows.append((*key, False, n - overdue_n))
        if overdue_n:
            rows.append((*key, True, overdue_n))
    return rows


def tallied(counted):
    """{"total", "overdue", "statuses": [(status, label, n)], "groups": [(key, label, n)]} of
    counts()' rows, monthly or not: every status and group, zeros included."""
    statuses, late = collections.Counter(), 0
    for *_, status, is_late, n in counted:
        statuses[status] += n
        late += n if is_late else 0
    return {
        "total": sum(statuses.values()),
        "overdue": late,
        "statuses": [(status, label, statuses[status]) for status, label in CommitmentStatus.choices],
        "groups": [
            (key, label, sum(statuses[status] for status in members))
            for key, label, members in CommitmentStatus.groups()
        ],
    }


def tallies(commitments, today=None):
    """tallied() counts() of the commitments, or of an actor's commitment rows."""
    return tallied(counts(commitments, today))


def archive_counts():
    """counts() of every published commitment by month, computed once per edition and day."""
    today = timezone.localdate()
    return caching.figures(
        f"tracker:counts:{today}", lambda: counts(Commitment.objects.published(), today, monthly=True)
    )


def _actor_rows(model, commitments):
    """The commitment appearance rows of the commitments (an organization's include its bodies')."""
    return model.objects.order_by().filter(commitment__in=commitments.order_by().values("pk"))


def _ranked(rows, actors, limit, today):
    """[(actor id, {group key: n, "total": n, "overdue": n})] of the `limit` actors with the
    most of the commitments, and how many actors have any: one query. The ORM cannot count the
    groups beside them (COUNT(*) OVER ()), so the statement sums, from the rows' own SQL, a
    flag per row for each group and for overdue()."""
    groups = CommitmentStatus.groups()
    flag = lambda condition: Case(When(condition, then=Value(1)), default=Value(0))  # noqa: E731
    flags = {key: flag(Q(status__in=statuses)) for key, _, statuses in groups} | {"overdue": flag(overdue(today))}
    rows_sql, rows_params = rows.values(actor=F(rows.model.entity_field), **flags).query.sql_with_params()
    sums = ", ".join(f"SUM(p.{connection.ops.quote_name(key)})" for key in flags)
    where, where_params = "", []
    if actors is not None:
        where, where_params = f"WHERE p.actor IN ({', '.join(['%s'] * len(actors))})", list(actors)
    sql = (
        f"SELECT p.actor, COUNT(*), {sums}, COUNT(*) OVER () FROM ({rows_sql}) p {where} "
        "GROUP BY p.actor ORDER BY COUNT(*) DESC, p.actor LIMIT %s"
    )
    params = [*rows_params, *where_params, limit]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    keys = ["total", *(key for key, _, _ in groups), "overdue"]
    return [(row[0], dict(zip(keys, row[1:-1]))) for row in rows], (rows[0][-1] if rows else 0)


def actor_table(commitments, person=None, organization=None, limit=ACTORS_SHOWN, today=None):
    """Who committed what: {"rows": [(actor, counts)], "groups": [(key, label)], "more": n}, the
    `limit` actors (people and organizations) with the most of the commitments, most first, and
    how many others have some. An organization counts its bodies' commitments too.

    Given the person or organization the commitments are filtered by, only that person, or that
    organization and its bodies, are rows of their kind: each cell then lists, as the filter for
    that actor, exactly the commitments it counts. Four queries: people and organizations
    ranked, their names (and, given an organization, the hierarchy, kept per edition).
    """
    today = today or timezone.localdate()
    people, people_count = _ranked(
        _actor_rows(PersonCommitment, commitments), None if person is None else [person.pk], limit, today
    )
    bodies = None if organization is None else sorted(bodies_within(organization))
    organizations, organization_count = _ranked(_actor_rows(OrganizationCommitment, commitments), bodies, limit, today)
    names = {
        **{("person", p.pk): p for p in Person.objects.filter(pk__in=[pk for pk, _ in people])},
        **{("organization", o.pk): o for o in Organization.objects.filter(pk__in=[pk for pk, _ in organizations])},
    }
    rows = [(names[("person", pk)], counts) for pk, counts in people] + [
        (names[("organization", pk)], counts) for pk, counts in organizations
    ]
    rows.sort(key=lambda row: (-row[1]["total"], row[0].name))
    return {
        "rows": rows[:limit],
        "groups": [(key, label) for key, label, _ in CommitmentStatus.groups()],
        "more": people_count + organization_count - len(rows[:limit]),
    }


def archive_actor_table():
    """actor_table() of every published commitment, computed once per edition and day."""
    today = timezone.localdate()
    return caching.figures(
        f"tracker:actors:{today}", lambda: actor_table(Commitment.objects.published(), today=today)
    )


def scorecard(entity, today=None):
    """A person's or organization's (with its bodies') commitments: their tallies and their
    latest UPDATES_SHOWN updates, newest first, with the commitment, its readout and the
    evidence. Published readouts' commitments only; an unpublished evidence readout is left out
    by the template (evidence_published). Three queries, which read the actor's counts by month
    (actor_counts()) and commitment rows, not its commitments (a country's thousands of them
    joined to their readouts took 40 ms to count at 100,000 readouts on PostgreSQL)."""
    rows = commitment_rows(entity)
    newest = F("date").desc(nulls_last=True), "-id"
    # The latest ids first, then their rows: sorting a country's thousands of updates joined to
    # their readouts took 50 ms at 10,000 readouts on PostgreSQL.
    latest = CommitmentUpdate.objects.filter(commitment__in=rows.values("commitment")).order_by(*newest).values("pk")
    updates = (
        CommitmentUpdate.objects.filter(pk__in=latest[:UPDATES_SHOWN])
        .select_related("commitment__readout", "evidence")
        .order_by(*newest)
    )
    return {
        "entity": entity,
        "filter": "person" if isinstance(entity, Person) else "organization",
        "tallies": tallied(actor_counts(entity, today)),
        "updates": updates,
    }
