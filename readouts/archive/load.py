"""Write a checked archive into the database (inside the caller's transaction).

Top-level records are matched to existing rows by natural key and updated in place; a readout's
children, which have no key, to the existing children holding the same (or the most similar)
values (participants by person and role), so that importing a file again changes nothing and
restoring a backup keeps commitments at their addresses. The file is the whole truth about the readouts it holds (children it does not list
are deleted, as are links between two of its readouts that it does not list); rows it does not
mention are left alone.

Rows are written with bulk_create and bulk_update, a batch at a time. Those send no signals:
the caller rebuilds whatever listens to saves (the search index).
"""

from collections import Counter, defaultdict, namedtuple

from django.utils import timezone

from readouts.models import Readout, ReadoutLink

from .format import (
    EARLIER_TEXTS,
    ENTITIES,
    FORMER_ADDRESSES,
    LINKS,
    NUMBERED,
    READOUTS,
    STAMPS,
    STATEMENTS,
    from_json,
    reference,
    walk,
)

BATCH = 500

# Where a child record sits: its readout's pk and its statement's (None above statements). A
# record names a statement of its readout, or an earlier text of its statement, by number.
Scope = namedtuple("Scope", ["readout", "statement"])
COUNT_NAMES = {kind.model._meta.label: kind.count_name for kind, _ in walk(READOUTS)} | {
    LINKS.model._meta.label: LINKS.count_name
}


def load(data, found, progress=None):
    """Write `data`, an archive that validate.check() passed; returns what changed, by kind."""
    loader = Loader(found, progress)
    loader.load(data)
    return loader.stats


class Loader:
    def __init__(self, found, progress):
        self.ids = defaultdict(dict, {name: dict(refs) for name, refs in found.items()})  # name -> {reference: pk}
        # {owner's pk: pks of its statements (readout) or earlier texts (statement), in the file's order}
        self.numbered = {"statements": {}, "earlier_texts": {}}
        self.stats = defaultdict(Counter)  # count name -> {"created": n, "updated": n, "deleted": n}
        self.progress = progress
        self.now = timezone.now()

    def load(self, data):
        for kind in ENTITIES:
            for records in by_depth(kind, data.get(kind.name, [])):
                self.upsert(kind, records)
        readouts = data.get("readouts", [])
        # Every readout before any child: an update's evidence may be a later readout.
        self.upsert(READOUTS, readouts)
        if self.progress:
            self.progress.start(len(readouts), "importing readouts")
        for start in range(0, len(readouts), BATCH):
            chunk = readouts[start : start + BATCH]
            pks = [self.ids["readouts"][reference(READOUTS, record)] for record in chunk]
            for child in READOUTS.children:
                self.sync(child, [(pk, Scope(pk, None), record.get(child.name, [])) for pk, record in zip(pks, chunk)])
            for numbers in self.numbered.values():
                numbers.clear()
            if self.progress:
                self.progress.advance(len(chunk))
        kept = self.upsert(LINKS, data.get("links", []))
        self.remove_links({self.ids["readouts"][reference(READOUTS, record)] for record in readouts}, kept)
        self.upsert(FORMER_ADDRESSES, data.get("former_addresses", []))

    def upsert(self, kind, records):
        """Create or update top-level records, matched by natural key; returns their pks."""
        pks = []
        first = kind.field(kind.key[0]).attname
        for start in range(0, len(records), BATCH):
            chunk = records[start : start + BATCH]
            keys = [self.key(kind, record) for record in chunk]
            candidates = kind.model.objects.filter(**{f"{first}__in": {key[0] for key in keys}})
            existing = {self.row_key(kind, row): row for row in candidates}
            pairs = [(existing.get(key) or kind.model(), record, None) for key, record in zip(keys, chunk)]
            rows = self.write(kind, pairs)
            pks += [row.pk for row in rows]
            if kind is not LINKS:
                self.ids[kind.name].update((reference(kind, record), row.pk) for row, record in zip(rows, chunk))
        return pks

    def sync(self, kind, groups):
        """Write each parent's children: groups are (parent pk, Scope, records in the file's order)."""
        parent = kind.field(kind.parent).attname
        existing = defaultdict(list)
        for row in kind.model.objects.filter(**{f"{parent}__in": [group[0] for group in groups]}):
            existing[getattr(row, parent)].append(row)  # in the model's order, as exported
        pairs, extras = [], []
        for parent_pk, scope, records in groups:
            rows, left = self.pair(kind, existing[parent_pk], records, scope)
            extras += left
            pairs += [
                (row or kind.model(**{parent: parent_pk}), record, scope) for row, record in zip(rows, records)
            ]
        if extras:  # first, so that a new participant may take a deleted one's person and role
            _, deleted = kind.model.objects.filter(pk__in=[row.pk for row in extras]).delete()
            for label, count in deleted.items():
                if label in COUNT_NAMES:
                    self.stats[COUNT_NAMES[label]]["deleted"] += count
        self.write(kind, pairs)
        if kind is STATEMENTS:
            for row, _, scope in pairs:
                self.numbered["statements"].setdefault(scope.readout, []).append(row.pk)
        if kind is EARLIER_TEXTS:
            for row, _, scope in pairs:
                self.numbered["earlier_texts"].setdefault(scope.statement, []).append(row.pk)
        for child in kind.children:
            self.sync(
                child,
                [
                    (row.pk, scope._replace(statement=row.pk) if kind is STATEMENTS else scope, record.get(child.name, []))
                    for row, record, scope in pairs
                ],
            )

    def pair(self, kind, rows, records, scope):
        """The existing row each record updates (None: a new one), and the rows left over.

        A row holding exactly the record's values goes to it first; then each remaining record
        takes the remaining row that shares most of its values. So a child added, removed or
        edited since the file was written takes no other child's row, and commitments keep their
        numbers. Participants are paired by person and role alone (unique per readout)."""
        names = kind.match or [name for name in kind.values + tuple(kind.refs) if not kind.field(name).many_to_many]
        wanted = [self.key(kind, record, scope, names) for record in records]
        held = [self.row_key(kind, row, names) for row in rows]
        paired, free = [None] * len(records), set(range(len(rows)))
        same = defaultdict(list)
        for j, values in enumerate(held):
            same[values].append(j)
        for i, values in enumerate(wanted):
            if same.get(values):
                paired[i] = same[values].pop(0)
                free.discard(paired[i])
        if not kind.match:
            candidates = sorted(
                (-sum(a == b for a, b in zip(wanted[i], held[j])), i, j)
                for i in range(len(records))
                if paired[i] is None
                for j in free
            )
            for _, i, j in candidates:
                if paired[i] is None and j in free:
                    paired[i] = j
                    free.discard(j)
        return [None if j is None else rows[j] for j in paired], [rows[j] for j in sorted(free)]

    def write(self, kind, pairs):
        """Save (row, record, Scope) pairs, a row without a pk being new; returns the rows."""
        new, changed = [], []
        for row, record, scope in pairs:
            if self.assign(kind, row, record, scope) or row.pk is None:
                (changed if row.pk else new).append(row)
        self.create(kind, new)
        if changed:
            columns = [name for name in kind.values + tuple(kind.refs) if not kind.field(name).many_to_many]
            kind.model.objects.bulk_update(changed, columns)
        updated = {row.pk for row in changed}
        for name in kind.refs:
            if kind.field(name).many_to_many:
                updated |= self.set_related(kind, name, pairs)
        self.stats[kind.count_name]["created"] += len(new)
        self.stats[kind.count_name]["updated"] += len(updated - {row.pk for row in new})
        return [row for row, _, _ in pairs]

    def assign(self, kind, row, record, scope):
        """Set the row's fields from the record; returns whether any changed."""
        changed = False
        for name in kind.values + tuple(kind.refs):
            field = kind.field(name)
            if field.many_to_many or (name in STAMPS and name not in record and row.pk):
                continue
            value = self.value(kind, name, record, scope)
            if getattr(row, field.attname) != value:
                setattr(row, field.attname, value)
                changed = True
        if kind is READOUTS and row.status == Readout.Status.PUBLISHED and row.published_at is None:
            row.published_at = self.now  # as Readout.save() does
            changed = True
        return changed

    def value(self, kind, name, record, scope=None):
        field = kind.field(name)
        if name not in record:
            return field.get_default()
        target, value = kind.refs.get(name), record[name]
        if target is None:
            return from_json(field, value)
        if value is None:
            return None
        if target in NUMBERED:
            return self.numbered[target][getattr(scope, NUMBERED[target])][value - 1]
        return self.ids[target][value]

    def key(self, kind, record, scope=None, names=None):
        return tuple(hashable(self.value(kind, name, record, scope)) for name in names or kind.key)

    def row_key(self, kind, row, names=None):
        return tuple(hashable(getattr(row, kind.field(name).attname)) for name in names or kind.key)

    def create(self, kind, rows):
        stamped = [
            field
            for field in kind.model._meta.concrete_fields
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
        ]
        given = [[getattr(row, field.attname) for field in stamped] for row in rows]
        kind.model.objects.bulk_create(rows)
        if stamped and rows:
            # bulk_create stamps auto_now fields with the current time: the archive's times win.
            for row, values in zip(rows, given):
                for field, value in zip(stamped, values):
                    if value is not None:
                        setattr(row, field.attname, value)
            kind.model.objects.bulk_update(rows, [field.name for field in stamped])

    def set_related(self, kind, name, pairs):
        """Make a many-to-many field what the records say; returns the pks of rows it changed."""
        field, target = kind.field(name), kind.refs[name]
        through = field.remote_field.through
        owner, related = f"{field.m2m_field_name()}_id", f"{field.m2m_reverse_field_name()}_id"
        wanted = {(row.pk, self.ids[target][ref]) for row, record, _ in pairs for ref in record.get(name, [])}
        rows = through.objects.filter(**{f"{owner}__in": [row.pk for row, _, _ in pairs]})
        present = {(owner_pk, related_pk): pk for pk, owner_pk, related_pk in rows.values_list("pk", owner, related)}
        stale = {pair: pk for pair, pk in present.items() if pair not in wanted}
        missing = wanted - present.keys()
        through.objects.filter(pk__in=stale.values()).delete()
        through.objects.bulk_create([through(**{owner: pair[0], related: pair[1]}) for pair in missing])
        return {owner_pk for owner_pk, _ in missing | stale.keys()}

    def remove_links(self, readout_pks, kept):
        """Links between two of the file's readouts are all in it: delete the others."""
        kept, ordered = set(kept), sorted(readout_pks)
        stale = []
        for start in range(0, len(ordered), BATCH):
            links = ReadoutLink.objects.filter(from_readout__in=ordered[start : start + BATCH])
            stale += [pk for pk, to in links.values_list("pk", "to_readout") if to in readout_pks and pk not in kept]
        if stale:
            self.stats[LINKS.count_name]["deleted"] += ReadoutLink.objects.filter(pk__in=stale).delete()[0]


def hashable(value):
    """A value that can key a dict: a statement's paragraph ids (a list) as a tuple."""
    return tuple(value) if isinstance(value, list) else value


def by_depth(kind, records):
    """Organizations and topics in rounds, each after the round holding its parent, so that the
    parent exists when it is written; other kinds in one round."""
    if "parent" not in kind.refs:
        return [records]
    index = {record[kind.key[0]]: record for record in records}
    depth = {}

    def depth_of(ref):
        if ref not in depth:
            parent = index[ref].get("parent")
            depth[ref] = depth_of(parent) + 1 if parent in index else 0
        return depth[ref]

    rounds = defaultdict(list)
    for ref, record in index.items():
        rounds[depth_of(ref)].append(record)
    return [rounds[level] for level in sorted(rounds)]
