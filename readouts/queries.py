"""Queries the public pages share: the preloading a list of readouts needs, the home page's open
commitments, an entity's commitments and a readout's neighbours (the counts: readouts/figures.py).

Every function here reads published readouts only, and each runs a fixed number of queries
whatever the archive's size: no count is ever computed with a query per row.
"""


from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, Subquery, Value
from django.db.models.functions import Coalesce

# The API's counts, read here until it reads readouts.figures itself.
from .figures import organization_readout_counts, topic_readout_counts, with_counts  # noqa: F401
from .models import (
    Commitment,
    OrganizationCommitment,
    Participant,
    ParticipantRole,
    Person,
    PersonAppearance,
    PersonCommitment,
    Readout,
    Statement,
    Topic,
)

PUBLISHED = Readout.Status.PUBLISHED


def readout_cards(readouts):
    """Readouts as list entries show them: their principals, topics and number of statements.

    Three queries for any number of readouts (the list, principals, topics). The statements are
    counted by a subquery, not a join and GROUP BY: the database then counts them for the page's
    readouts only, and the paginator's COUNT(*) reads the readouts alone.
    """
    principals = Participant.objects.filter(role__in=[ParticipantRole.PRINCIPAL, ParticipantRole.HOST])
    statements = (
        Statement.objects.filter(readout=OuterRef("pk")).order_by().values("readout").annotate(n=Count("pk")).values("n")
    )
    return readouts.annotate(statement_count=Coalesce(Subquery(statements), 0)).prefetch_related(
        Prefetch("participants", queryset=principals.select_related("person"), to_attr="principals"),
        # Themes before places.
        Prefetch("topics", queryset=Topic.objects.order_by("-kind", "name")),
    )


# The home page.


def open_commitments(limit):
    """The newest open commitments (by their readout's date). They all come from the `limit`
    newest readouts that have one, which the readouts' date index finds at once; sorting every
    open commitment by its readout's date took 220 ms at 100,000 readouts."""
    still_open = Commitment.objects.published().open()
    readouts = (
        Readout.objects.published()
        .filter(Exists(still_open.filter(readout=OuterRef("pk"))))
        .newest_first()
        .values("pk")[:limit]
    )
    return (
        still_open.filter(readout__in=readouts)
        .select_related("readout")
        .order_by("-readout__date", "-readout__id", "position", "id")[:limit]
    )


# A person's or an organization's page.

COMMITMENTS_SHOWN = 20


def latest_commitments(entity):
    """A person's or organization's newest published commitments (as one of their actors), and
    how many there are in all (a leader's run into the thousands, too many for one page). Two
    queries, which read the commitments' appearance rows by their index."""
    model = PersonCommitment if isinstance(entity, Person) else OrganizationCommitment
    rows = model.objects.filter(**{model.entity_field: entity})
    newest = rows.order_by("-date", "-readout", "position", "commitment").values("commitment")[:COMMITMENTS_SHOWN]
    return {
        # Published only, whatever the rows say.
        "commitments": Commitment.objects.published()
        .filter(pk__in=newest)
        .select_related("readout")
        .order_by("-readout__date", "-readout__id", "position", "id"),
        "commitment_count": rows.count(),
    }


# One readout's page.


RELATED_CANDIDATES = 100


def related_readouts(readout, person_ids, topic_ids, limit=5):
    """Published readouts sharing people or topics with this one, most shared first, in one query.

    Only the RELATED_CANDIDATES readouts with the most people in common (the newest first among
    equals) are ranked; without participants, those with the most topics in common. Ranking
    every readout that shares anyone or anything took 0.3-12 s at 100,000 readouts: two leaders
    meet in thousands, and a big topic tags a quarter of the archive."""
    if person_ids:
        # Published readouts only, counted from the index alone.
        shared = PersonAppearance.objects.filter(person__in=person_ids).values("readout").order_by()
        counted = Count("*")
    elif topic_ids:
        shared = Readout.topics.through.objects.filter(topic__in=topic_ids).values("readout")
        counted = Count("topic", distinct=True)
    else:
        return Readout.objects.none()
    candidates = (
        shared.exclude(readout=readout.pk).annotate(n=counted).order_by("-n", "-readout").values("readout")
    )[:RELATED_CANDIDATES]
    return (
        Readout.objects.published()
        .filter(pk__in=candidates)
        .annotate(
            # An empty IN would make Django drop the whole sum to 0, hence Value(0).
            shared_people=Count("participants__person", filter=Q(participants__person__in=person_ids), distinct=True)
            if person_ids
            else Value(0),
            shared_topics=Count("topics", filter=Q(topics__in=topic_ids), distinct=True) if topic_ids else Value(0),
        )
        .annotate(shared=F("shared_people") + F("shared_topics"))
        .order_by("-shared", "-date", "-id")[:limit]
    )


# The redundant date bound lets PostgreSQL start its index scan at the readout's date: with the
# OR alone it walks the index from the newest (or oldest) readout and filters every row.


def previous_readout(readout):
    earlier = Q(date__lt=readout.date) | Q(date=readout.date, pk__lt=readout.pk)
    return Readout.objects.published().filter(earlier, date__lte=readout.date).order_by("-date", "-id").first()


def next_readout(readout):
    later = Q(date__gt=readout.date) | Q(date=readout.date, pk__gt=readout.pk)
    return Readout.objects.published().filter(later, date__gte=readout.date).order_by("date", "id").first()
