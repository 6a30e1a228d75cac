"""The PostgreSQL engine: native full-text search ('english' configuration) over one weighted
tsvector per readout, with a GIN index, ranked by ts_rank().

Queries are built from Django's SearchQuery objects: plainto_tsquery and phraseto_tsquery with
the reader's terms as bound parameters, combined with && || !!, so nothing the reader types is
tsquery syntax.
"""

import operator
from functools import reduce

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db.models import Case, F, Func, TextField, Value, When

from ..models import Statement

CONFIG = "english"
REPLACEMENT = "\ufffd"


def _tsquery(term):
    return SearchQuery(" ".join(term.words), config=CONFIG, search_type="phrase" if term.is_phrase else "plain")


def _any(terms):
    return reduce(operator.or_, map(_tsquery, terms))


def compile_query(query):
    # Without any excluded term: each one negated (only a single SearchQuery can be inverted).
    excluded = [~_tsquery(term) for term in query.excluded]
    return reduce(operator.and_, [*map(_any, query.required), *excluded])


def search(readouts, query, order):
    tsquery = compile_query(query)
    found = readouts.filter(search_document__document=tsquery)
    if order == "date":
        return found.order_by("-date", "-pk")
    # ts_rank's default weights: A 1.0 (title, names), B 0.4 (summary), C 0.2 (statements).
    rank = SearchRank(F("search_document__document"), tsquery)
    return found.annotate(rank=rank).order_by("-rank", "-date", "-pk")


def highlighted_statements(readout_ids, query, start, stop):
    """(readout id, statement id, issuer, kind, body with start/stop around every match) for the
    statements of these readouts that match any of the query's terms, in page order."""
    tsquery = _any(query.positive_terms)
    # The body a statement's page shows (Statement.body), with any marker characters replaced.
    body = Case(When(text__regex=r"\S", then=F("text")), default=F("summary"))
    body = Func(body, Value(start + stop), Value(REPLACEMENT * 2), function="translate", output_field=TextField())
    statements = (
        Statement.objects.filter(readout__in=readout_ids)
        .annotate(body=body)
        .annotate(vector=SearchVector("body", config=CONFIG))
        .filter(vector=tsquery)
        .annotate(
            highlighted=SearchHeadline(
                "body", tsquery, config=CONFIG, start_sel=start, stop_sel=stop, highlight_all=True
            )
        )
        .order_by("readout", "position", "pk")
    )
    return statements.values_list("readout", "pk", "issuer_name", "kind", "highlighted")


def delete(cursor, readout_ids):
    cursor.execute("DELETE FROM readouts_search_document WHERE readout_id = ANY(%s)", [list(readout_ids)])
    cursor.execute("DELETE FROM readouts_search_facet WHERE readout_id = ANY(%s)", [list(readout_ids)])


def clear(cursor):
    # DELETE, not TRUNCATE: its lock would stop every search until the rebuild commits.
    cursor.execute("DELETE FROM readouts_search_document")
    cursor.execute("DELETE FROM readouts_search_facet")


def insert(cursor, documents):
    # One statement per table and batch: the vectors are computed in the database from arrays.
    cursor.execute(
        f"""INSERT INTO readouts_search_document (readout_id, document)
        SELECT id, setweight(to_tsvector('{CONFIG}', a), 'A')
            || setweight(to_tsvector('{CONFIG}', b), 'B')
            || setweight(to_tsvector('{CONFIG}', c), 'C')
        FROM unnest(%s::bigint[], %s::text[], %s::text[], %s::text[]) AS t (id, a, b, c)""",
        [
            [document.readout_id for document in documents],
            [document.title + "\n" + "\n".join(document.names) for document in documents],
            [document.summary for document in documents],
            ["\n\n".join([*(body for *_, body in document.bodies), *document.extra]) for document in documents],
        ],
    )
    facets = [
        (document.readout_id, facet, value, label)
        for document in documents
        for (facet, value), label in document.facets.items()
    ]
    cursor.execute(
        """INSERT INTO readouts_search_facet (readout_id, facet, value, label)
        SELECT * FROM unnest(%s::bigint[], %s::text[], %s::text[], %s::text[])""",
        [list(column) for column in zip(*facets)] if facets else [[], [], [], []],
    )


def optimize(cursor):
    """After a rebuild: fresh statistics for the planner."""
    cursor.execute("ANALYZE readouts_search_document, readouts_search_facet")
