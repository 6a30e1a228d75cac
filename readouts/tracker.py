"""The commitment tracker's figures: tallies by status and outcome group, who committed what
(actors by outcome group), and a person's or organization's scorecard.

Pure queries over a queryset of published commitments (a CommitmentFilter's), each in a fixed
number of queries whatever the archive's size. Statuses, their groups, open() and overdue() are
readouts/models/commitments.py's; an actor's commitments (a country's include its bodies') are
its commitment appearance rows, filters.commitment_rows(), which carry the status and due date
the tallies read.
"""

from django.db import connection
from django.db.models import Case, Count, F, Q, Value, When
from django.utils import timezone

from . import caching
from .filters import bodies_within, commitment_rows
from .models import (
    Commitment,
    CommitmentStatus,
    CommitmentUpdate,
    Organization,
    OrganizationCommitment,
    Person,
    PersonCommitment,
)
from .models.commitments import overdue

ACTORS_SHOWN = 20
UPDATES_SHOWN = 5


def tallies(commitments, today=None):
    """{"total", "overdue", "statuses": [(status, label, n)], "groups": [(key, label, n)]} of
    the commitments, or of an actor's commitment rows (every status and group, zeros included),
    in one query: conditional counts."""
    today = today or timezone.localdate()
    # COUNT(status) (never null), not COUNT(id): an actor's rows are then counted from their
    # tally index alone (a country's 22,000 rows at 100,000 readouts: 10 → 5 ms on PostgreSQL).
    counts = commitments.order_by().aggregate(
        total=Count("status"),
        overdue=Count("status", filter=overdue(today)),
        **{status: Count("status", filter=Q(status=status)) for status in CommitmentStatus.values},
    )
    return {
        "total": counts["total"],
        "overdue": counts["overdue"],
        "statuses": [(status, label, counts[status]) for status, label in CommitmentStatus.choices],
        "groups": [
            (key, label, sum(counts[status] for status in statuses))
            for key, label, statuses in CommitmentStatus.groups()
        ],
    }


def archive_tallies():
    """tallies() of every published commitment, computed once per edition and day."""
    today = timezone.localdate()
    return caching.figures(f"tracker:tallies:{today}", lambda: tallies(Commitment.objects.published(), today))


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
    """A person's or organization's (with its bodies') commitments: tallies() and their latest
    UPDATES_SHOWN updates, newest first, with the commitment, its readout and the evidence.
    Published readouts' commitments only; an unpublished evidence readout is left out by the
    template (evidence_published). Two queries, which read the commitments' appearance rows (a
    country's thousands of commitments joined to their readouts took 40 ms to count at 100,000
    readouts on PostgreSQL)."""
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
        "tallies": tallies(rows, today),
        "updates": updates,
    }
