"""Write the archive, or a filtered part of it, as one deterministic JSON document.

Readouts are read a batch at a time, each batch with one query per kind of child and per
many-to-many field, so that 100,000 readouts take a few thousand queries, not millions. Records
are sorted by natural key in Python (code-point order, the same on every database engine) and
written with sorted keys, so the same archive always gives the same bytes.
"""

import dataclasses
import datetime
import json
from collections import Counter, defaultdict
from contextlib import contextmanager

from django.db import connection, transaction

from readouts import membership
from readouts.models import FormerAddress, Organization, Person, Readout, ReadoutLink, Topic

from .format import ENTITIES, FORMAT, FORMER_ADDRESSES, LINKS, READOUTS, VERSION, timestamp, to_json, walk

BATCH = 1000


@dataclasses.dataclass(frozen=True)
class Selection:
    """Which readouts to export. Unfiltered, the export holds every row; filtered, it holds the
    readouts that pass and what they name (people, organizations, topics, sources, with the
    parents of organizations and topics): it never says more than those readouts do."""

    published_only: bool = False
    since: datetime.date | None = None
    until: datetime.date | None = None
    topic: Topic | None = None
    person: Person | None = None
    exclude_synthetic: bool = False

    @property
    def is_whole(self):
        return not (self.published_only or self.since or self.until or self.topic or self.person)

    def readouts(self):
        readouts = Readout.objects.published() if self.published_only else Readout.objects.all()
        if self.since:
            readouts = readouts.filter(date__gte=self.since)
        if self.until:
            readouts = readouts.filter(date__lte=self.until)
        # The same definition as the topic's and the person's pages; drafts have no appearance
        # rows, so with them it is read from the rows the definition follows (slower).
        for entity in (self.topic, self.person):
            if entity and self.published_only:
                readouts = readouts.of(entity)
            elif entity:
                readouts = readouts.filter(membership.readouts_of(entity))
        if self.exclude_synthetic:
            readouts = readouts.filter(is_synthetic=False)
        return readouts

    def as_json(self):
        return {
            "published_only": self.published_only,
            "since": self.since and self.since.isoformat(),
            "until": self.until and self.until.isoformat(),
            "topic": self.topic and self.topic.slug,
            "person": self.person and self.person.slug,
            "exclude_synthetic": self.exclude_synthetic,
        }


@contextmanager
def snapshot():
    """On PostgreSQL, one consistent view of the archive for the whole export while editors work.
    (On SQLite a long read transaction would lock editors out, so each query reads on its own.)"""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        yield
        return
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        yield


def write_archive(out, selection, exported_at=None, progress=None):
    """Write the archive to `out` (a text stream); returns the counts it wrote."""
    with snapshot():
        return Exporter(out, selection, progress).write(exported_at)


class Exporter:
    def __init__(self, out, selection, progress):
        self.json = JsonWriter(out)
        self.selection = selection
        self.progress = progress
        self.counts = Counter()
        self.no_batch = Batch()  # for records outside readouts: no children, no many-to-many fields

    def write(self, exported_at):
        readouts = sorted(
            self.selection.readouts().values_list("date", "slug", "pk"), key=lambda row: (row[0], row[1])
        )
        # {list name: {pk: reference}}: every entity, but only the readouts exported, so that a
        # reference to any other readout (an update's evidence) is left out.
        self.keys = {kind.name: dict(kind.model.objects.values_list("pk", kind.key[0])) for kind in ENTITIES}
        self.keys["readouts"] = {pk: f"{date.isoformat()}/{slug}" for date, slug, pk in readouts}
        included = self.included_entities()

        self.json.item("format", FORMAT)
        self.json.item("version", VERSION)
        if exported_at:
            self.json.item("exported_at", timestamp(exported_at))
        self.json.item("filter", self.selection.as_json())
        for kind in ENTITIES:
            self.json.list(kind.name, self.entity_records(kind, included))
        self.json.list("readouts", self.readout_records([pk for _, _, pk in readouts]))
        self.json.list("links", self.link_records())
        self.json.list("former_addresses", self.former_address_records(included))
        self.json.item("counts", dict(sorted(self.counts.items())))
        self.json.close()
        return self.counts

    def included_entities(self):
        """{list name: pks} of the entities to write, or None where all of them go."""
        if self.selection.is_whole and not self.selection.exclude_synthetic:
            return None
        included = {kind.name: set() for kind in ENTITIES}
        if self.selection.is_whole:
            for kind in ENTITIES:
                included[kind.name].update(kind.model.objects.filter(is_synthetic=False).values_list("pk", flat=True))
        chosen = self.selection.readouts().values("pk")
        for kind, path in walk(READOUTS):
            for name, target in kind.refs.items():
                if target in included:
                    named = kind.model.objects.filter(**{f"{path}__in": chosen}).values_list(name, flat=True)
                    included[target].update(pk for pk in named if pk is not None)
        people_organization = dict(Person.objects.values_list("pk", "organization"))
        included["organizations"].update(people_organization[pk] for pk in included["people"])
        for model, name in ((Organization, "organizations"), (Topic, "topics")):
            parents = dict(model.objects.values_list("pk", "parent"))
            for pk in list(included[name]):
                pk = parents[pk]
                while pk is not None and pk not in included[name]:  # stops on a cycle made behind clean()'s back
                    included[name].add(pk)
                    pk = parents[pk]
        included["organizations"].discard(None)
        return included

    def entity_records(self, kind, included):
        keys = self.keys[kind.name]
        pks = [pk for pk, key in sorted(keys.items(), key=lambda item: item[1])]
        if included is not None:
            pks = [pk for pk in pks if pk in included[kind.name]]
        for start in range(0, len(pks), BATCH):
            rows = kind.model.objects.in_bulk(pks[start : start + BATCH])
            for pk in pks[start : start + BATCH]:
                yield self.record(kind, rows[pk], self.no_batch)

    def readout_records(self, pks):
        if self.progress:
            self.progress.start(len(pks), "readouts")
        for start in range(0, len(pks), BATCH):
            batch = Batch.fetch(pks[start : start + BATCH])
            for pk in pks[start : start + BATCH]:
                yield self.record(READOUTS, batch.readouts[pk], batch, readout_pk=pk)
            if self.progress:
                self.progress.advance(len(batch.readouts))

    def link_records(self):
        keys = self.keys["readouts"]
        links = []
        for link in ReadoutLink.objects.all():
            if link.from_readout_id in keys and link.to_readout_id in keys:
                links.append(self.record(LINKS, link, self.no_batch))
        return sorted(links, key=lambda record: [record[name] for name in LINKS.key])

    def former_address_records(self, included):
        """The former addresses of the records written, by path (sorted here, as everything else)."""
        for address in sorted(FormerAddress.objects.all(), key=lambda address: address.path):
            kind = next(name for name in FORMER_ADDRESSES.refs if getattr(address, f"{name}_id") is not None)
            target, owner = FORMER_ADDRESSES.refs[kind], getattr(address, f"{kind}_id")
            if owner in self.keys[target] and (included is None or target == "readouts" or owner in included[target]):
                yield self.record(FORMER_ADDRESSES, address, self.no_batch)

    def record(self, kind, row, batch, readout_pk=None):
        record = {name: to_json(kind.field(name), getattr(row, kind.field(name).attname)) for name in kind.values}
        for name, target in kind.refs.items():
            field = kind.field(name)
            if field.many_to_many:
                named = batch.m2m[kind.name, name].get(row.pk, ())
                record[name] = sorted(self.keys[target][pk] for pk in named)
            elif target == "statements":
                record[name] = batch.statement_numbers[readout_pk].get(getattr(row, field.attname))
            elif target == "earlier_texts":
                record[name] = batch.version_numbers[row.statement_id].get(getattr(row, field.attname))
            else:
                record[name] = self.keys[target].get(getattr(row, field.attname))
        for child in kind.children:
            children = batch.children[child.name].get(row.pk, ())
            record[child.name] = [self.record(child, item, batch, readout_pk) for item in children]
        self.counts[kind.count_name] += 1
        return record


class Batch:
    """A batch of readouts with their children and many-to-many rows, one query per kind."""

    def __init__(self):
        self.readouts = {}
        self.children = defaultdict(dict)  # list name -> {parent pk: [rows in the archive's order]}
        self.m2m = defaultdict(dict)  # (list name, field) -> {owner pk: [related pks]}
        self.statement_numbers = defaultdict(dict)  # readout pk -> {statement pk: number from 1}
        self.version_numbers = defaultdict(dict)  # statement pk -> {earlier text pk: number from 1}

    @classmethod
    def fetch(cls, pks):
        batch = cls()
        batch.readouts = Readout.objects.in_bulk(pks)
        for kind, path in walk(READOUTS):
            if kind is not READOUTS:
                parent = kind.field(kind.parent).attname
                grouped = batch.children[kind.name]
                for row in kind.model.objects.filter(**{f"{path}__in": pks}):  # the model's ordering
                    grouped.setdefault(getattr(row, parent), []).append(row)
            for name in kind.refs:
                field = kind.field(name)
                if field.many_to_many:
                    owner, related = field.m2m_field_name(), field.m2m_reverse_field_name()
                    pairs = field.remote_field.through.objects.filter(**{f"{owner}__{path}__in": pks})
                    grouped = batch.m2m[kind.name, name]
                    for owner_pk, related_pk in pairs.values_list(f"{owner}_id", f"{related}_id"):
                        grouped.setdefault(owner_pk, []).append(related_pk)
        for readout_pk, statements in batch.children["statements"].items():
            batch.statement_numbers[readout_pk] = {row.pk: n for n, row in enumerate(statements, 1)}
        for statement_pk, versions in batch.children["earlier_texts"].items():
            batch.version_numbers[statement_pk] = {row.pk: n for n, row in enumerate(versions, 1)}
        return batch


class JsonWriter:
    """Streams one JSON object, laid out exactly as json.dumps(indent=2) would lay it out."""

    def __init__(self, out):
        self.out = out
        self.separator = "{\n  "

    def item(self, key, value):
        self._key(key)
        self.out.write(self._dumps(value, "\n  "))

    def list(self, key, records):
        self._key(key)
        self.out.write("[")
        separator = "\n    "
        for record in records:
            self.out.write(separator + self._dumps(record, "\n    "))
            separator = ",\n    "
        self.out.write("]" if separator == "\n    " else "\n  ]")

    def close(self):
        self.out.write("\n}\n")

    def _key(self, key):
        self.out.write(f"{self.separator}{json.dumps(key)}: ")
        self.separator = ",\n  "

    @staticmethod
    def _dumps(value, newline):
        # JSON strings never hold a raw "\n" (it is escaped), so this only re-indents the layout.
        return json.dumps(value, ensure_ascii=False, sort_keys=True, indent=2).replace("\n", newline)
