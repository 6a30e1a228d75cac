"""The SQLite engine: an FTS5 table (porter stemming, diacritics removed) ranked by bm25().

Every term reaches FTS5 as a string ("..." with inner quotes doubled) inside an expression
built here, and the expression is a bound parameter: nothing the reader types is FTS5 syntax.

search() is an ORM query (models.SearchText). matches() is SQL, a part of facets.RESULTS that
the ORM cannot write (below); the snippets are, as highlight() reads columns the model does not
map, in one query per page; writing the index is, as the facet table has no model and FTS5's
'optimize' command no ORM form.
"""

import json
from contextlib import contextmanager

from django.db import connection
from django.db.models import F, FloatField, Func, Value

TABLE = "readouts_search_fts"
COLUMNS = ["title", "names", "summary", "body", "extra", "statements"]
# bm25() weights, by column: the title and names weigh most, then the summary, then statements.
WEIGHTS = [10.0, 10.0, 4.0, 1.0, 1.0, 0.0]
BODY = COLUMNS.index("body")
# Between statements in the body column: control characters are never indexed (documents.clean).
SEPARATOR = "\n\x1e\n"
# bm25(): the best match ranks lowest.
RANK_DESCENDING = False
# Newest first: the dates of the readouts found, sorted (FTS5 is no faster checked readout by readout).
WALK_NEWEST = False


class Bm25(Func):
    function = "bm25"
    output_field = FloatField()


def _string(term):
    return '"' + " ".join(term.words).replace('"', '""') + '"'


def _any(terms):
    return "(" + " OR ".join(_string(term) for term in terms) + ")"


def match_expression(query):
    expression = " AND ".join(_any(clause) for clause in query.required)
    if query.excluded:
        expression = f"({expression}) NOT {_any(query.excluded)}"
    return expression


def search(readouts, query, order):
    found = readouts.filter(search_text__table__match=match_expression(query))
    if order == "date":
        return found.order_by("-date", "-pk")
    rank = Bm25(F("search_text__table"), *(Value(weight) for weight in WEIGHTS))
    return found.annotate(rank=rank).order_by("rank", "-date", "-pk")  # bm25: lower is better


def matches(query, ranked, within=None):
    """(sql, params) of the index's rows that match: (readout id, rank, 0 unless `ranked`), from
    the FTS5 table alone, of readouts within `within` ((sql, params) of readout ids) if given."""
    rank = f"bm25({TABLE}, {', '.join(map(str, WEIGHTS))})" if ranked else "0"
    sql = f"SELECT rowid, {rank} FROM {TABLE} WHERE {TABLE} MATCH %s"
    params = [match_expression(query)]
    if within:
        # +rowid: a test on each match, not a constraint handed to FTS5, which would run the
        # MATCH again for each readout within (seconds for a common word and a broad filter). The
        # ORM has no form for the unary +.
        sql += f" AND +rowid IN ({within[0]})"
        params += within[1]
    return sql, params


def highlighted_statements(readout_ids, query, start, stop):
    """(readout id, statement id, issuer, kind, body with start/stop around every match) for the
    statements of these readouts, in page order; the match is on any of the query's terms."""
    placeholders = ", ".join(["%s"] * len(readout_ids))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT rowid, statements, highlight({TABLE}, {BODY}, %s, %s) FROM {TABLE} "
            f"WHERE {TABLE} MATCH %s AND rowid IN ({placeholders})",
            [start, stop, _any(query.positive_terms), *readout_ids],
        )
        rows = cursor.fetchall()
    for readout_id, statements, body in rows:
        for (statement_id, issuer, kind), text in zip(json.loads(statements), body.split(SEPARATOR)):
            yield readout_id, statement_id, issuer, kind, text


def delete(cursor, readout_ids):
    placeholders = ", ".join(["%s"] * len(readout_ids))
    cursor.execute(f"DELETE FROM {TABLE} WHERE rowid IN ({placeholders})", readout_ids)
    cursor.execute(f"DELETE FROM readouts_search_facet WHERE readout_id IN ({placeholders})", readout_ids)


def clear(cursor):
    cursor.execute(f"DELETE FROM {TABLE}")
    cursor.execute("DELETE FROM readouts_search_facet")


def insert(cursor, documents):
    cursor.executemany(
        f"INSERT INTO {TABLE} (rowid, {', '.join(COLUMNS)}) VALUES (%s, %s, %s, %s, %s, %s, %s)",
        [
            (
                document.readout_id,
                document.title,
                "\n".join(document.names),
                document.summary,
                SEPARATOR.join(body for *_, body in document.bodies),
                "\n".join(document.extra),
                json.dumps([statement for *statement, _ in document.bodies]),
            )
            for document in documents
        ],
    )
    cursor.executemany(
        "INSERT INTO readouts_search_facet (readout_id, facet, value, label) VALUES (%s, %s, %s, %s)",
        [
            (document.readout_id, facet, value, label)
            for document in documents
            for (facet, value), label in document.facets.items()
        ],
    )


@contextmanager
def planned():
    """Nothing to set: with ANALYZE's statistics (optimize()) SQLite starts from the FTS5 table."""
    yield


def optimize(cursor):
    """After a rebuild: merge FTS5's segments into one, which later searches read faster, and
    gather statistics (ANALYZE), without which the planner takes a condition such as
    status = 'published' for a selective one and looks each readout up in the FTS5 table."""
    cursor.execute(f"INSERT INTO {TABLE} ({TABLE}) VALUES ('optimize')")
    cursor.execute("ANALYZE")
