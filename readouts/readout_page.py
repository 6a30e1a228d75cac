"""One readout as its page, its preview and its API answer show it: everything they read,
preloaded by one function, and what the page adds around it (its related readouts and its
neighbours in date order). Links to other readouts name published ones only."""

from django.db.models import Count, F, Prefetch, Q, Value

from . import origin
from .models import (
    Commitment,
    CommitmentUpdate,
    DiscrepancyVersion,
    Participant,
    PersonAppearance,
    Quote,
    Readout,
    ReadoutLink,
    Statement,
    Topic,
    TopicKind,
)

PUBLISHED = Readout.Status.PUBLISHED


def preload(readouts, *, commitments=None, evidence=True):
    """The readouts with everything a readout's page or API answer holds, in a fixed number of
    queries. `commitments`: how its commitments are read (the API's answer gives each one whole,
    with actors, sources and updates; the page only lists them); `evidence`: whether to read the
    earlier commitments it is evidence for (the page shows them, the API does not)."""
    statements = Statement.objects.select_related("issuer").prefetch_related(
        "speakers", "sources", Prefetch("quotes", queryset=Quote.objects.select_related("speaker"))
    )
    versions = DiscrepancyVersion.objects.select_related("statement").prefetch_related("sources")
    lookups = [
        Prefetch("participants", queryset=Participant.objects.select_related("person", "represented")),
        "organizations",
        "sources",
        # Themes before places.
        Prefetch("topics", queryset=Topic.objects.order_by("-kind", "name")),
        Prefetch("statements", queryset=statements),
        Prefetch("discrepancies__versions", queryset=versions),
        Prefetch("commitments", queryset=commitments if commitments is not None else Commitment.objects.all()),
        Prefetch(
            "links_out", queryset=ReadoutLink.objects.filter(to_readout__status=PUBLISHED).select_related("to_readout")
        ),
        Prefetch(
            "links_in",
            queryset=ReadoutLink.objects.filter(from_readout__status=PUBLISHED)
            .select_related("from_readout")
            .order_by("from_readout__date", "id"),
        ),
    ]
    if evidence:
        updates = CommitmentUpdate.objects.filter(commitment__readout__status=PUBLISHED)
        lookups.append(Prefetch("evidence_for", queryset=updates.select_related("commitment__readout")))
    return readouts.prefetch_related(*lookups)


def context(readout):
    """What the page's template reads, of a readout from preload()."""
    participants = readout.participants.all()
    topics = readout.topics.all()
    return {
        "readout": readout,
        "participants": participants,
        "themes": [topic for topic in topics if topic.kind == TopicKind.THEME],
        "places": [topic for topic in topics if topic.kind == TopicKind.PLACE],
        "statements": readout.statements.all(),
        "related": related_readouts(
            readout,
            person_ids={participant.person_id for participant in participants},
            topic_ids={topic.pk for topic in topics},
        ),
        "previous": previous_readout(readout),
        "next": next_readout(readout),
        "citation_url": origin.absolute(readout.get_absolute_url()),
    }


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
