"""Relations between two countries, organizations or people: what their pair's page and feed
show, as queries over the models (no HTTP: views/relations.py pages and caches them).

A pair's engagements are the published readouts of both, from the appearance rows
(Readout.objects.published().of(a).of(b), readouts.membership's one definition). A side is an
organization with every body inside it (a statement the Kremlin issued is Russia's), or a person.

A slug names an organization if one has it, else a person; the pair's address lists the two
slugs in alphabetical order, its one canonical order.
"""

import collections
from datetime import date

from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse

from .charts import TIMELINE_MARKS, MonthOf
from .filters import bodies_within, commitment_rows, organization_parents
from .models import (
    Commitment,
    CommitmentStatus,
    Discrepancy,
    FormerAddress,
    Organization,
    OrganizationPair,
    PairFigures,
    Person,
    PersonRole,
    Readout,
    ReadoutFormat,
    Statement,
    readout_address,
)
from .models.addresses import site_path
from .models.reversing import address

# How many of each list the page shows; it counts the rest. Two leaders may share thousands of
# readouts: only the engagements are paged (each readout's page lists its own statements,
# commitments and discrepancies).
STATEMENTS_SHOWN = 10
COMMITMENTS_SHOWN = 20
PEOPLE_SHOWN = 15
DISCREPANCIES_SHOWN = 10
# How many of the newest engagements the lists above look in first (Pair._newest()).
NEWEST_SEARCHED = 100
# How many of the newest engagements' ids a view reads at first: the timeline's and the lists'.
HEAD = max(TIMELINE_MARKS, NEWEST_SEARCHED + 1)
# From how many readouts together an organization and a counterpart have their figures and head
# stored (models.PairFigures): 3,640 pairs at 100,000 readouts. Counting the figures alone took
# 60-140 ms of a first view of such a pair (medians by size, on a machine drawing the topic page in
# 60 ms); a smaller pair's first view counts its own, mostly in well under that.
STORED_FROM = 30
COUNTERPARTS_SHOWN = 10


def url(first, second):
    """The pair page's address of two organizations or people, in either order."""
    return address("readouts:relation_detail", *sorted([first.slug, second.slug]))


def _named(slugs):
    """{slug: organization or person} of those slugs that name one today with a page of its own
    (NamedQuerySet.public())."""
    organizations = Organization.objects.public().filter(slug__in=slugs)
    found = {organization.slug: organization for organization in organizations}
    missing = [slug for slug in slugs if slug not in found]
    if missing:
        found.update((person.slug, person) for person in Person.objects.public().filter(slug__in=missing))
    return found


def _former(slug):
    """The organization, else the person, that once had this slug (FormerAddress) and has a page
    today, or None."""
    for model, kind in ((Organization, "organization"), (Person, "person")):
        owner = FormerAddress.objects.owner_of(site_path(model(slug=slug).get_absolute_url()), kind)
        if owner is not None and owner.is_public:
            return owner
    return None


def find(first, second):
    """The pair these two slugs name, or None: an unknown slug, or one entity twice. A slug an
    organization or person has left names them still; the caller compares the pair's slugs with
    those asked for, and redirects where they differ (the other order, or a former slug)."""
    if first == second:
        return None
    found = _named({first, second})
    entities = []
    for slug in (first, second):
        entity = found.get(slug) or _former(slug)
        if entity is None:
            return None
        entities.append(entity)
    if _key(entities[0]) == _key(entities[1]):
        return None
    return Pair(*entities)


def _key(entity):
    return (type(entity).__name__.lower(), entity.pk)


class Side:
    """One side of a pair: an organization with the ids of every body inside it (`bodies`,
    itself included), or a person (no bodies)."""

    def __init__(self, entity, bodies=()):
        self.entity, self.bodies = entity, set(bodies)
        self.is_person = isinstance(entity, Person)

    @property
    def name(self):
        return self.entity.name

    @property
    def anchor(self):
        return f"side-{self.entity.slug}"

    def statements(self):
        """Q over Statement: issued by the organization or a body inside it; spoken by the person
        (a subquery, not a join, so that it counts beside the other side's: Pair.figures)."""
        if self.is_person:
            speakers = Statement.speakers.through.objects.filter(statement=OuterRef("pk"), person=self.entity)
            return Q(Exists(speakers))
        return Q(issuer__in=self.bodies)

    def committed(self, readout_ids):
        """The side's commitment rows (it, or a body inside it, among the actors) in these readouts."""
        return commitment_rows(self.entity).filter(readout__among=readout_ids)


class Pair:
    """Two organizations or people, in their address's order (by slug). `parents`: the
    hierarchy ({organization id: parent id}) to find the sides' bodies in, where the one kept
    per edition may be stale (derived.py, in the transaction that changes it)."""

    def __init__(self, first, second, parents=None):
        self.a, self.b = sorted([first, second], key=lambda entity: entity.slug)
        self.parents = parents
        self._sides = self._listed = self._head = None
        self._stored = False  # not read yet: None is "nothing stored"

    @property
    def slugs(self):
        return (self.a.slug, self.b.slug)

    @property
    def key(self):
        """What the pair's cached figures are stored under (slugs change; ids do not)."""
        return "-".join(f"{kind}{pk}" for kind, pk in (_key(self.a), _key(self.b)))

    def version(self):
        """What the pair's figures and fragments can be kept under across editions, or None
        (two people, or a pair no counterpart row counts): the ids of the pair's rows in
        models.OrganizationPair. derived.py deletes and inserts the rows of every two
        organizations a changed readout names, before and after the change, and a renamed
        person or organization changes the readouts that name them: whatever the pair's page
        shows of its engagements gives the rows new ids, which are never reused (a sequence on
        PostgreSQL, AUTOINCREMENT on SQLite)."""
        if not all(isinstance(entity, Organization) for entity in (self.a, self.b)):
            return None
        rows = OrganizationPair.objects.filter(
            Q(organization=self.a, other=self.b) | Q(organization=self.b, other=self.a)
        ).order_by("pk")
        return "-".join(str(pk) for pk in rows.values_list("pk", flat=True)) or None

    @property
    def name(self):
        return f"{self.a.name} and {self.b.name}"

    def get_absolute_url(self):
        return address("readouts:relation_detail", *self.slugs)

    @property
    def sides(self):
        """The two Sides; an organization's bodies come from the hierarchy kept per edition."""
        if self._sides is None:
            organizations = [entity for entity in (self.a, self.b) if isinstance(entity, Organization)]
            parents = self.parents if self.parents is not None or not organizations else organization_parents()
            self._sides = [
                Side(entity, bodies_within(entity, parents) if isinstance(entity, Organization) else ())
                for entity in (self.a, self.b)
            ]
        return self._sides

    def readouts(self):
        """The engagements: published readouts of both."""
        return Readout.objects.published().of(self.a).of(self.b)

    def readout_ids(self):
        """The engagements' ids, newest first, from the first one's appearance rows: its index
        gives a page of them without reading any readout."""
        return self.a.appearances.of(self.b).order_by("-date", "-readout").values_list("readout", flat=True)

    def ids(self, newest=None):
        """The engagements' ids (the `newest` of them, if given) for the queries below: read
        once, newest first, and passed to each query as one parameter (`__among`, the lookup of
        models/lookups.py). Against the subquery
        (two appearance sets joined), every query joined the two sets again: 6 ms each for the
        two largest countries' 3,238 shared readouts at 100,000 readouts on PostgreSQL."""
        return self._first(newest)

    def _first(self, newest=None):
        """The ids of the `newest` engagements (None: all of them). Where no more than HEAD are
        asked for, only the newest HEAD are read, which an index gives: a large pair whose
        figures are stored need not read its thousands."""
        if self._listed is None and newest is not None and newest <= HEAD:
            if self._head is None:
                self._head = list(self.readout_ids()[:HEAD])
                if len(self._head) < HEAD:  # all of them
                    self._listed = self._head
            if self._listed is None:
                return self._head[:newest]
        return self._engagement_ids()[:newest]

    def page_ids(self):
        """The engagements' ids for the page of engagements: the list this request has read
        already for the figures, timeline or lists (a pair's first view in an edition), else
        readout_ids(), whose index gives one page of them."""
        return self._listed if self._listed is not None else self.readout_ids()

    def _engagement_ids(self):
        if self._listed is None:
            self._listed = list(self.readout_ids())
        return self._listed

    def _newest(self, found, shown):
        """The first `shown` of found(ids) (ordered newest first), looked for in the newest
        NEWEST_SEARCHED engagements before all of them: two countries' newest statements are
        in their latest engagements, which an index then reads, where sorting all of them took
        20 ms for the largest pair."""
        if len(self._first(NEWEST_SEARCHED + 1)) > NEWEST_SEARCHED:
            rows = list(found(self.ids(NEWEST_SEARCHED))[:shown])
            if len(rows) == shown:
                return rows
        return list(found(self.ids())[:shown])

    def list_url(self):
        """The readout list filtered to both, where its filters can say it: one person and one
        organization (it takes one of each). None for two of a kind."""
        people = [entity for entity in (self.a, self.b) if isinstance(entity, Person)]
        if len(people) != 1:
            return None
        organization = self.b if people[0] is self.a else self.a
        return f"{reverse('readouts:readout_list')}?person={people[0].slug}&organization={organization.slug}"

    # What the page shows. Each is a fixed number of queries, whatever the pair's size.

    def figures(self):
        """What only changes with the archive (views cache it per edition): the engagements by
        year, by format and by month, each side's number of statements and its people, the
        commitments' number by outcome (CommitmentStatus.groups()), the discrepancies' number.
        Plain values only, so that a cache can store them. A large pair's are stored
        (models.PairFigures: one query); a smaller pair's are counted (count_figures())."""
        stored = self.stored_figures()
        return labelled(stored if stored is not None else self.count_figures())

    def stored_figures(self):
        """The figures models.PairFigures holds for this pair, or None."""
        stored = self._stored_row()
        return None if stored is None else stored[0]

    def _stored_head(self):
        """The head models.PairFigures holds for this pair (count_head()), or None (none stored,
        or a row from before migration 0025 until rebuild_derived)."""
        stored = self._stored_row()
        return None if stored is None else stored[1]

    def _stored_row(self):
        """(figures, head) of this pair's row in models.PairFigures, or None: read once."""
        if self._stored is False:
            self._stored = None
            if all(isinstance(entity, Organization) for entity in (self.a, self.b)):
                first, second = sorted([self.a.pk, self.b.pk])
                rows = PairFigures.objects.filter(organization=first, other=second)
                self._stored = rows.values_list("figures", "head").first()
        return self._stored

    def count_figures(self):
        """The figures as counted from the engagements, in the JSON models.PairFigures stores
        (labelled() gives the page's form): statuses and formats by value, so that a label or an
        outcome's statuses can change without the stored figures going stale. Five queries
        whatever the pair's size, each reading the engagements once for both sides."""
        ids = self.ids()
        rows = Readout.objects.filter(pk__among=ids).order_by().annotate(month=MonthOf("date"))
        engagements = rows.values_list("month", "format").annotate(n=Count("pk")).order_by("month", "format")
        # The rows carry each commitment's status: counted here, without reading a commitment.
        by_status = collections.Counter(row[1] for row in self._commitment_rows(ids))
        statements = Statement.objects.filter(readout__among=ids).aggregate(
            **{f"side{n}": Count("pk", filter=side.statements()) for n, side in enumerate(self.sides)}
        )
        return {
            "engagements": [[month.isoformat(), kind, n] for month, kind, n in engagements],
            "statements": [statements[f"side{n}"] for n in range(len(self.sides))],
            "people": self._people(ids),
            "statuses": dict(sorted(by_status.items())),
            "discrepancies": Discrepancy.objects.filter(readout__among=ids).count(),
        }

    def _people(self, ids):
        """For each side, [[[slug, name, readouts]] of the PEOPLE_SHOWN people who represented it
        (or a body inside it) most often in the engagements, their number]; a person's side is
        themselves. Two queries for both sides, ranked here: the roles counted by person from an
        index alone (person_role_readout_idx), then the names of those counted (at most the people
        who ever represented either). A body inside both sides counts for both."""
        organizations = [(n, side) for n, side in enumerate(self.sides) if not side.is_person]
        people = {n: [[[side.entity.slug, side.entity.name, None]], 1] for n, side in enumerate(self.sides)}
        if organizations:
            bodies = set().union(*(side.bodies for _, side in organizations))
            counts = {
                f"side{n}": Count("readout", distinct=True, filter=Q(represented__in=side.bodies))
                for n, side in organizations
            }
            roles = PersonRole.objects.filter(readout__among=ids, represented__in=bodies).order_by()
            rows = list(roles.values("person").annotate(**counts))
            counted_people = Person.objects.filter(pk__in=[row["person"] for row in rows])
            names = {pk: (slug, name) for pk, slug, name in counted_people.values_list("pk", "slug", "name")}
            for n, _ in organizations:
                key = f"side{n}"
                counted = [[*names[row["person"]], row[key]] for row in rows if row[key]]
                ranked = sorted(counted, key=lambda row: (-row[2], row[1]))
                people[n] = [ranked[:PEOPLE_SHOWN], len(ranked)]
        return [people[n] for n in range(len(self.sides))]

    def count_head(self):
        """What the page lists of the newest engagements, as queried (the lists below, the
        timeline's marks) in the JSON models.PairFigures stores beside the figures: each object
        as the fields its list shows (_plain()). About ten queries whatever the pair's size."""
        return {
            "timeline": [[day.isoformat(), title, slug] for day, title, slug in self._timeline(TIMELINE_MARKS)],
            "statements": [[_plain(statement) for statement in found] for _, found in self._statements()],
            "commitments": [_plain(commitment) for commitment in self._commitments()],
            "discrepancies": [_plain(discrepancy) for discrepancy in self._discrepancies()],
        }

    # The lists: from the stored head where there is one (_thawed() gives the objects the
    # templates read), else queried.

    def statements(self):
        """[(side, its newest STATEMENTS_SHOWN statements with their readouts)]."""
        head = self._stored_head()
        if head is None:
            return self._statements()
        return [(side, [_thawed(Statement, row) for row in rows]) for side, rows in zip(self.sides, head["statements"])]

    def commitments(self):
        """The newest COMMITMENTS_SHOWN commitments made at the engagements with either side (or a
        body inside it) among the actors, with their readouts."""
        head = self._stored_head()
        return self._commitments() if head is None else [_thawed(Commitment, row) for row in head["commitments"]]

    def discrepancies(self):
        """The newest DISCREPANCIES_SHOWN points on which accounts of the engagements differ."""
        head = self._stored_head()
        return self._discrepancies() if head is None else [_thawed(Discrepancy, row) for row in head["discrepancies"]]

    def newest(self, limit):
        """[(date, title, address)] of the newest `limit` (at most TIMELINE_MARKS) engagements,
        for the contact timeline: plain values, which a cache can store."""
        head = self._stored_head()
        if head is None:
            rows = self._timeline(limit)
        else:
            rows = ((date.fromisoformat(day), title, slug) for day, title, slug in head["timeline"][:limit])
        return [(day, title, readout_address(day, slug)) for day, title, slug in rows]

    def _statements(self):
        """One query a side (two where the newest engagements hold too few)."""

        def found(side):
            return lambda ids: (
                Statement.objects.filter(side.statements(), readout__among=ids)
                .select_related("readout")
                .only(*SHOWN[Statement], *(f"readout__{f}" for f in READOUT_LINK))
                .order_by("-readout__date", "-readout", "position", "pk")
            )

        return [(side, self._newest(found(side), STATEMENTS_SHOWN)) for side in self.sides]

    def _commitment_rows(self, ids):
        """Both sides' commitment rows (models.appearances) in these readouts, as (commitment,
        status, date, readout, position), a commitment once."""
        selects = [
            side.committed(ids).values_list("commitment", "status", "date", "readout", "position")
            for side in self.sides
        ]
        return selects[0].union(*selects[1:])

    def _commitments(self):
        """Found by their rows' dates, then read."""

        def found(ids):
            return self._commitment_rows(ids).order_by("-date", "-readout", "position", "commitment")

        newest = [row[0] for row in self._newest(found, COMMITMENTS_SHOWN)]
        return list(
            Commitment.objects.filter(pk__in=newest)
            .select_related("readout")
            .only(*SHOWN[Commitment], *(f"readout__{f}" for f in READOUT_LINK))
            .order_by("-readout__date", "-readout", "position", "pk")
        )

    def _timeline(self, limit):
        """(date, title, slug) of the newest `limit` engagements, read as values from the ids
        the figures read: 500 Readout instances took 15-20 ms of a large pair's first view."""
        rows = Readout.objects.filter(pk__among=self.ids(limit)).order_by("-date", "-pk")
        return list(rows.values_list("date", "title", "slug"))

    def _discrepancies(self):
        def found(ids):
            rows = Discrepancy.objects.filter(readout__among=ids).select_related("readout")
            shown = rows.only(*SHOWN[Discrepancy], *(f"readout__{f}" for f in READOUT_LINK))
            return shown.order_by("-readout__date", "-readout", "position", "pk")

        return self._newest(found, DISCREPANCIES_SHOWN)


def labelled(figures):
    """The page's form of a pair's figures (Pair.count_figures()'s JSON): the engagements by
    year (newest first), by month (first days, oldest first) and by format (in the order of the
    format's choices, the ones that occur, labelled); the commitments by outcome
    (CommitmentStatus.groups(), labelled)."""
    years, formats, months = collections.Counter(), collections.Counter(), collections.Counter()
    for month, kind, n in figures["engagements"]:
        month = date.fromisoformat(month)
        years[month.year] += n
        formats[kind] += n
        months[month] += n
    statuses = figures["statuses"]
    return {
        "years": sorted(years.items(), reverse=True),
        "months": sorted(months.items()),
        "formats": [(label, formats[value]) for value, label in ReadoutFormat.choices if value in formats],
        "statements": figures["statements"],
        "people": figures["people"],
        "commitments": [
            (key, label, sum(statuses.get(status, 0) for status in grouped))
            for key, label, grouped in CommitmentStatus.groups()
        ],
        "discrepancies": figures["discrepancies"],
    }


def stored_pairs(organization_ids=None):
    """[(lower id, higher id)] of the pairs whose figures are stored (models.PairFigures): an
    organization and a counterpart (OrganizationPair) with STORED_FROM readouts together or
    more; of these organizations only, if given."""
    rows = OrganizationPair.objects.filter(readouts__gte=STORED_FROM)
    if organization_ids is not None:
        rows = rows.filter(organization__in=organization_ids, other__in=organization_ids)
    return sorted({tuple(sorted(pair)) for pair in rows.values_list("organization", "other")})


def counted_pairs(pairs):
    """{(lower id, higher id): (figures, head) as count_figures() and count_head() count them}
    of these pairs of organizations' ids, with the hierarchy read now: the one kept per edition
    is the previous edition's while a transaction changes it (derived.py writes them, drift.py
    checks them)."""
    if not pairs:
        return {}
    parents = dict(Organization.objects.values_list("pk", "parent"))
    organizations = Organization.objects.in_bulk({pk for pair in pairs for pk in pair})
    counted = {}
    for a, b in pairs:
        pair = Pair(organizations[a], organizations[b], parents)
        counted[(a, b)] = (pair.count_figures(), pair.count_head())
    return counted


# What a link to a readout reads of it, and what the lists show of each object (their
# templates read these fields only: models.PairFigures stores them, _plain()).
READOUT_LINK = ("id", "title", "slug", "date", "end_date", "status")
SHOWN = {
    Statement: ("id", "kind", "title", "issuer_name"),
    Commitment: ("id", "status", "actor_label", "description", "due_date", "timeframe"),
    Discrepancy: ("id", "subject"),
}


def _plain(instance):
    """An object a list shows, as JSON: its SHOWN fields and its readout's READOUT_LINK."""

    def values(obj, fields):
        return {name: _json(getattr(obj, name)) for name in fields}

    return {**values(instance, SHOWN[type(instance)]), "readout": values(instance.readout, READOUT_LINK)}


def _json(value):
    return value.isoformat() if isinstance(value, date) else value


def _thawed(model, values):
    """The unsaved object _plain() was made of, with its readout: what the lists' templates read."""
    fields = {name: value for name, value in values.items() if name != "readout"}
    thawed = _unsaved(model, fields)
    thawed.readout = _unsaved(Readout, values["readout"])
    return thawed


def _unsaved(model, values):
    return model(**{name: model._meta.get_field(name).to_python(value) for name, value in values.items()})


def counterparts(organization, limit=COUNTERPARTS_SHOWN):
    """The organization's most frequent counterparts (models.OrganizationPair), each with
    `shared` (their readouts together) and `relation_url`: one query."""
    pairs = OrganizationPair.objects.filter(organization=organization).select_related("other")
    found = []
    for pair in pairs.order_by("-readouts", "other__name")[:limit]:
        pair.other.shared = pair.readouts
        pair.other.relation_url = url(organization, pair.other)
        found.append(pair.other)
    return found
