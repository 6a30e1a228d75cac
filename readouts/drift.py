"""Whether the derived tables hold what their definitions give now (`manage.py check_derived`):
the appearance tables (membership.tables()), the readouts' sizes and the counts beside them
(derived.tables(), derived.counts()), the large pairs' stored figures (relations.Pair) and the
search index (its documents and facet rows, as index.reindex() would write them).

Each table's rows are compared with its definition's in the database (EXCEPT, both ways); the
search index, whose rows only its engine writes, by writing each batch of documents again in a
savepoint that is then rolled back, and comparing the rows before and after.
"""

from dataclasses import dataclass, field

from django.db import connection, transaction

from . import derived, relations
from .models import Organization, PairFigures, Readout
from .search import index

EXAMPLES = 3

# The search index's tables on each engine: (table, its readout column, the columns compared).
# documents.py reads some rows (a readout's topics, say) in no set order, which changes the
# order of names in a document but not what a search finds: a vector is compared as its words
# with their weights, without positions, and a text as its lines, in any order.
WORDS = """(SELECT string_agg(lexeme || ':' || COALESCE((SELECT string_agg(w, '' ORDER BY w) FROM unnest(weights) AS w), ''),
    ' ' ORDER BY lexeme) FROM unnest({}))"""
INDEX_TABLES = {
    "postgresql": [
        ("readouts_search_document", "readout_id", {"document": WORDS.format("document")}),
        ("readouts_search_ranking", "readout_id", {"vector": WORDS.format("vector")}),
        ("readouts_search_facet", "readout_id", {name: name for name in ("facet", "value", "label")}),
    ],
    "sqlite": [
        ("readouts_search_fts", "rowid", {name: name for name in ("title", "names", "summary", "body", "extra", "statements")}),
        ("readouts_search_facet", "readout_id", {name: name for name in ("facet", "value", "label")}),
    ],
}


def _lines(value):
    return tuple(sorted(value.split("\n"))) if isinstance(value, str) and "\n" in value else value


@dataclass
class Drift:
    table: str
    missing: int = 0
    extra: int = 0
    duplicates: int = 0
    examples: list = field(default_factory=list)  # (missing or extra, description)

    def __bool__(self):
        return bool(self.missing or self.extra or self.duplicates)

    def report(self):
        counts = [f"{n:,} {what}" for what, n in [("missing", self.missing), ("extra", self.extra),
                                                  ("duplicated", self.duplicates)] if n]
        lines = [f"{self.table}: {', '.join(counts)} row(s)"]
        lines += [f"  {kind}: {description}" for kind, description in self.examples]
        return "\n".join(lines)


def check():
    """[Drift] of every derived table that differs from its definition (none: all agree)."""
    published = Readout.objects.filter(status=Readout.Status.PUBLISHED).values("pk")
    found = []
    for model, columns, rows in derived.tables():
        found.append(_compare(model, columns, rows(published).query.sql_with_params()))
    for entity_counts in derived.counts().values():
        for count in entity_counts:
            found.append(_compare(count.model, count.columns, (count.sql(), ())))
    found.append(_compare_figures())
    found += _compare_index()
    return [drift for drift in found if drift]


def _compare(model, columns, definition):
    table, listed = model._meta.db_table, ", ".join(columns)
    sql, params = definition
    stored = f"SELECT {listed} FROM {table}"
    drift = Drift(model.__name__)
    with connection.cursor() as cursor:
        for kind, difference, difference_params in [
            ("missing", f"SELECT * FROM ({sql}) AS defined EXCEPT {stored}", params),
            ("extra", f"{stored} EXCEPT SELECT * FROM ({sql}) AS defined", params),
        ]:
            cursor.execute(f"SELECT COUNT(*) FROM ({difference}) AS difference", difference_params)
            setattr(drift, kind, cursor.fetchone()[0])
            cursor.execute(f"{difference} LIMIT {EXAMPLES}", difference_params)
            drift.examples += [(kind, _describe(model, columns, row)) for row in cursor.fetchall()]
        cursor.execute(f"SELECT COUNT(*) - (SELECT COUNT(*) FROM (SELECT DISTINCT {listed} FROM {table}) AS d) FROM {table}")
        drift.duplicates = cursor.fetchone()[0]
    return drift


def _describe(model, columns, row):
    """A row as a reader can check it: the names of the people, readouts... its ids point to."""
    parts = []
    for column, value in zip(columns, row):
        related = next((f.related_model for f in model._meta.concrete_fields if f.attname == column and f.is_relation), None)
        if related is not None and value is not None:
            obj = related.objects.filter(pk=value).first()
            value = f"{obj} (#{value})" if obj else f"#{value}, which does not exist"
        parts.append(f"{column.removesuffix('_id')}={value}")
    return ", ".join(parts)


def _compare_figures():
    """The stored figures and heads of large pairs against the pairs' counted again: a pair
    stored that should not be is extra, one not stored missing, and one whose figures or head
    differ both."""
    drift = Drift(PairFigures.__name__)
    stored = {(row.organization_id, row.other_id): (row.figures, row.head) for row in PairFigures.objects.all()}
    counted = relations.counted_pairs(relations.stored_pairs())
    for key in sorted(set(stored) | set(counted)):
        kind = "missing" if key not in stored else "extra" if key not in counted else None
        if kind is None and stored[key] != counted[key]:
            kind = "differs"
        if kind is None:
            continue
        drift.missing += kind != "extra"
        drift.extra += kind != "missing"
        if len(drift.examples) < EXAMPLES:
            names = " and ".join(Organization.objects.filter(pk__in=key).order_by("slug").values_list("name", flat=True))
            drift.examples.append((kind, f"the figures of {names}"))
    return drift


def _compare_index():
    tables = INDEX_TABLES[connection.vendor]
    drifts = {table: Drift(table) for table, _, _ in tables}
    with transaction.atomic(), connection.cursor() as cursor:
        ids = set(Readout.objects.published().values_list("pk", flat=True))
        for table, key, _ in tables:
            cursor.execute(f"SELECT DISTINCT {key} FROM {table}")
            ids.update(row[0] for row in cursor.fetchall())
        ids = sorted(ids)
        for start in range(0, len(ids), index.BATCH):
            batch = ids[start : start + index.BATCH]
            stored = _index_rows(cursor, tables, batch)
            savepoint = transaction.savepoint()
            index.reindex(batch)
            expected = _index_rows(cursor, tables, batch)
            transaction.savepoint_rollback(savepoint)
            for table, _, columns in tables:
                _tally(drifts[table], list(columns), expected[table] - stored[table], stored[table] - expected[table])
    return list(drifts.values())


def _index_rows(cursor, tables, batch):
    marks = ", ".join(["%s"] * len(batch))
    rows = {}
    for table, key, columns in tables:
        cursor.execute(f"SELECT {key}, {', '.join(columns.values())} FROM {table} WHERE {key} IN ({marks})", batch)
        rows[table] = {tuple(_lines(value) for value in row) for row in cursor.fetchall()}
    return rows


def _tally(drift, columns, missing, extra):
    """Count a batch's differences; describe the first few by readout, and by which columns of
    a row differ where one row stands in for another."""
    drift.missing += len(missing)
    drift.extra += len(extra)
    by_readout = {}
    for kind, rows in [("missing", missing), ("extra", extra)]:
        for row in rows:
            by_readout.setdefault(row[0], {}).setdefault(kind, []).append(row[1:])
    for readout_id in sorted(by_readout)[: max(0, EXAMPLES - len(drift.examples))]:
        readout = Readout.objects.filter(pk=readout_id).first()
        name = f"{readout} (#{readout_id})" if readout else f"#{readout_id}, which does not exist"
        rows = by_readout[readout_id]
        if len(rows) == 2 and len(rows["missing"]) == len(rows["extra"]) == 1:
            differing = [column for column, a, b in zip(columns, rows["missing"][0], rows["extra"][0]) if a != b]
            drift.examples.append(("differs", f"readout {name}: {', '.join(differing)}"))
            continue
        for kind, values in rows.items():
            shown = "; ".join(", ".join(str(value)[:40] for value in row) for row in values[:EXAMPLES])
            drift.examples.append((kind, f"readout {name}: {shown}"))
