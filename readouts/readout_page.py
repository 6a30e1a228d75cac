"""One readout as its page, its preview and its API answer show it: everything they read,
preloaded by one function, and what the page adds around it (its related readouts and its
neighbours in date order). Links to other readouts name published ones only."""

from django.db.models import Count, F, OuterRef, Prefetch, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.text import slugify

from . import origin, statement_texts
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
# Statements are grouped by the country or body their issuer sits inside, up to this many levels
# up (the sample archive's deepest is one: the Kremlin < Russia); deeper bodies group by the
# highest of these.
ISSUER_LEVELS = 3
ISSUER_ANCESTRY = "__".join(["issuer", *["parent"] * ISSUER_LEVELS])


def preload(readouts, *, commitments=None, evidence=True):
    """The readouts with everything a readout's page or API answer holds, in a fixed number of
    queries. `commitments`: how its commitments are read (the API's answer gives each one whole,
    with actors, sources and updates; the page only lists them); `evidence`: whether to read the
    earlier commitments it is evidence for (the page shows them, the API does not)."""
    # The issuer's parents (joined, no extra query) tell which side a statement speaks for.
    statements = Statement.objects.select_related(ISSUER_ANCESTRY, "text_source").prefetch_related(
        "joint_issuers",
        "speakers",
        "sources",
        Prefetch("topics", queryset=Topic.objects.order_by("-kind", "name")),
        Prefetch("quotes", queryset=Quote.objects.select_related("speaker").prefetch_related("sources")),
        # Earlier texts and translations: two queries.
        *statement_texts.prefetches(""),
    )
    versions = DiscrepancyVersion.objects.select_related("statement").prefetch_related("sources")
    lookups = [
        Prefetch(
            "participants",
            queryset=Participant.objects.select_related("person", "represented").prefetch_related("sources"),
        ),
        "organizations",
        "sources",
        # Themes before places.
        Prefetch("topics", queryset=Topic.objects.order_by("-kind", "name")),
        Prefetch("statements", queryset=statements),
        Prefetch("discrepancies__versions", queryset=versions),
        Prefetch("commitments", queryset=commitments if commitments is not None else page_commitments()),
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
    return readouts.select_related("country").prefetch_related(*lookups)


def page_commitments():
    """The page's commitments with their updates and each update's evidence (one query more)."""
    updates = CommitmentUpdate.objects.select_related("evidence")
    return Commitment.objects.prefetch_related(Prefetch("updates", queryset=updates))


def latest_update(commitment):
    """The update that gives the commitment its status: the latest dated one, else the last
    undated one (as Commitment.sync_status reads it), from the prefetched updates."""
    updates = list(commitment.updates.all())
    dated = [update for update in updates if update.date]
    if dated:
        return max(dated, key=lambda update: (update.date, update.pk))
    return max(updates, key=lambda update: update.pk, default=None)


# What a statement's heading, labels and source take on the page, in characters of text.
STATEMENT_FRAME = 300
# The column widths' steps (static/css/readouts.css has a class for each).
WIDTHS = 8


class Side:
    """The statements one government or institution issued: its heading and its column."""

    def __init__(self, name, organization, anchor):
        self.name, self.organization, self.anchor = name, organization, anchor
        self.statements = []

    @property
    def size(self):
        """About how much the column holds, in characters."""
        return sum(
            STATEMENT_FRAME + len(statement.body) + sum(len(quote.text) + 100 for quote in statement.quotes.all())
            for statement in self.statements
        )


def side_of(statement):
    """The organization a statement speaks for: the top of its issuer's tree (the United States
    for the White House), or None where the statement names its issuer only in words."""
    organization = statement.issuer
    for _ in range(ISSUER_LEVELS):
        if organization is None or organization.parent is None:
            break
        organization = organization.parent
    return organization


def sides(statements):
    """The statements grouped by side, the sides in the order of their first statement;
    statements with no issuing organization group by the issuer's name."""
    grouped = {}
    for statement in statements:
        organization = side_of(statement)
        key = organization.pk if organization else statement.issuer_name
        if key not in grouped:
            name = organization.name if organization else statement.issuer_name
            anchor = f"side-{organization.slug if organization else slugify(name) or len(grouped) + 1}"
            grouped[key] = Side(name, organization, anchor)
        grouped[key].statements.append(statement)
    result = list(grouped.values())
    # Side by side, each column is as wide as its share of the text (1 to WIDTHS parts), so
    # that the columns end near one another instead of one long column beside short ones.
    largest = max((side.size for side in result), default=0)
    for side in result:
        side.width = max(1, round(WIDTHS * side.size / largest)) if largest else 1
    _pair_for_comparison(result)
    return result


def _pair_for_comparison(sides):
    """Give each statement the one its "Compare" link opens beside it: the first statement of
    the next side (the first side's, for the last), or with one side its next statement."""
    for index, side in enumerate(sides):
        other = sides[(index + 1) % len(sides)]
        for position, statement in enumerate(side.statements):
            if other is not side:
                statement.counterpart = other.statements[0]
            elif len(side.statements) > 1:
                statement.counterpart = side.statements[(position + 1) % len(side.statements)]
            else:
                statement.counterpart = None


def context(readout):
    """What the page's template reads, of a readout from preload()."""
    participants = readout.participants.all()
    statements = readout.statements.all()
    topics = topics_of(readout, statements)
    for statement in statements:
        _with_texts(statement)
    commitments = readout.commitments.all()
    for commitment in commitments:
        commitment.latest_update = latest_update(commitment)
    return {
        "readout": readout,
        "participants": participants,
        "themes": [topic for topic in topics if topic.kind == TopicKind.THEME],
        "places": [topic for topic in topics if topic.kind == TopicKind.PLACE],
        "statements": statements,
        "sides": sides(statements),
        "commitments": commitments,
        "related": related_readouts(
            readout,
            person_ids={participant.person_id for participant in participants},
            topic_ids={topic.pk for topic in topics},
        ),
        "previous": previous_readout(readout),
        "next": next_readout(readout),
        "citation_url": origin.absolute(readout.get_absolute_url()),
    }


def topics_of(readout, statements):
    """The readout's own topics, then its statements' (as readouts.membership counts them), each
    once, themes before places (from the prefetched topics)."""
    topics = {topic.pk: topic for topic in readout.topics.all()}
    for statement in statements:
        for topic in statement.topics.all():
            topics.setdefault(topic.pk, topic)
    return sorted(topics.values(), key=lambda topic: (topic.kind != TopicKind.THEME, topic.name))


def _with_texts(statement):
    """The statement's earlier texts, its publisher's changes, and its translations with their
    paragraphs numbered like the original's (read from what preload() prefetched)."""
    statement.texts = statement_texts.versions(statement)
    statement.changes = statement_texts.changes(statement)
    statement.translated = statement_texts.current_translations(statement)
    original_ids = [number for number, _ in statement.numbered_paragraphs]
    for translation in statement.translated:
        translation.shown_paragraphs = translation.numbered_paragraphs(original_ids)


RELATED_CANDIDATES = 100
# What a link to another readout shows: its title and days, and its address. Reading no more
# keeps the related readouts' grouping narrow (a readout's summary and background are long).
LINKED = ("pk", "title", "slug", "date", "end_date")


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
        .only(*LINKED)
        .filter(pk__in=candidates)
        .annotate(
            # An empty IN would make Django drop the whole sum to 0, hence Value(0).
            shared_people=_shared(Participant.objects, "person", person_ids) if person_ids else Value(0),
            shared_topics=_shared(Readout.topics.through.objects, "topic", topic_ids) if topic_ids else Value(0),
        )
        .annotate(shared=F("shared_people") + F("shared_topics"))
        .order_by("-shared", "-date", "-id")[:limit]
    )


def _shared(rows, field, ids):
    """How many of `ids` the readout's `rows` name, counted per readout in a subquery: joining
    both tables to the candidates multiplied their rows (people times topics) before grouping."""
    per_readout = rows.filter(readout=OuterRef("pk"), **{f"{field}__in": ids}).order_by().values("readout")
    return Coalesce(Subquery(per_readout.annotate(n=Count(field, distinct=True)).values("n")), 0)


# The redundant date bound lets PostgreSQL start its index scan at the readout's date: with the
# OR alone it walks the index from the newest (or oldest) readout and filters every row.


def previous_readout(readout):
    earlier = Q(date__lt=readout.date) | Q(date=readout.date, pk__lt=readout.pk)
    return Readout.objects.published().only(*LINKED).filter(earlier, date__lte=readout.date).order_by("-date", "-id").first()


def next_readout(readout):
    later = Q(date__gt=readout.date) | Q(date=readout.date, pk__gt=readout.pk)
    return Readout.objects.published().only(*LINKED).filter(later, date__gte=readout.date).order_by("date", "id").first()
