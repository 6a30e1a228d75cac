"""The PostgreSQL engine: native full-text search ('english' configuration) over one weighted
tsvector per readout with a GIN index, ranked by ts_rank() over a small second one.

Queries are built from Django's SearchQuery objects: plainto_tsquery and phraseto_tsquery with
the reader's terms as bound parameters, combined with && || !!, so nothing the reader types is
tsquery syntax.

Each readout has two vectors. Its document (readouts_search_document: A title, names, topics;
B summary; C statements and quotes) is only ever read through its GIN index, which answers @@
without reading the vectors themselves: a common word matches most of the archive, and reading
(and decompressing) that many large vectors costs seconds. Its ranking vector
(readouts_search_ranking) holds the A and B parts only, small enough to stay in the table's
rows: it is read for every readout found, and ts_rank() runs where it matches one of the
query's terms, so a match in the title, a name or a topic ranks first, then one in the
summary, then the readouts that match in their statements only (rank 0), newest first.

search() and the snippets are ORM queries (the snippets with one SQL condition). The rest is
SQL, each piece saying what measurement or missing ORM form made it so: at 95,000 readouts a common word's search took 2-3 s through the ORM's plain
join, which scanned and decompressed every large tsvector and ranked by reading them all again.
"""

import operator
from contextlib import contextmanager
from functools import reduce

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection, transaction
from django.db.models import BooleanField, Case, F, Func, TextField, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.db.models.sql import Query

from ..models import SearchDocument, Statement

CONFIG = "english"
REPLACEMENT = "\ufffd"
TABLES = ["readouts_search_document", "readouts_search_ranking", "readouts_search_facet"]

# ts_rank(): the best match ranks highest.
RANK_DESCENDING = True
# Newest first, of many readouts found: down the readouts' date index, each one's match checked.
WALK_NEWEST = True


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
    # ts_rank's default weights: A 1.0 (title, names, topics), B 0.4 (summary).
    rank = Coalesce(SearchRank(F("search_ranking__vector"), tsquery), 0.0)
    return found.annotate(rank=rank).order_by("-rank", "-date", "-pk")


def matches(query, ranked, within=None):
    """(sql, params) of the index's rows that match: (readout id, rank, 0 unless `ranked`), from
    the index's tables alone, of readouts within `within` ((sql, params) of readout ids) if given.
    SQL, as a part of facets.RESULTS, and because the ORM can write neither the OFFSET 0 fence
    nor a rank computed only where the ranking vector matches (both measured below)."""
    tsquery, tsquery_params = _sql(compile_query(query))
    # OFFSET 0 keeps the match a query of its own, answered by the GIN index: asked for a few
    # thousand readouts within filters, the planner would check each one's document instead,
    # reading (and decompressing) each large vector (70 ms for 7,000 readouts).
    found = f"(SELECT readout_id FROM readouts_search_document WHERE document @@ {tsquery} OFFSET 0) AS d"
    if ranked:
        # Only a readout whose ranking vector matches one of the query's terms can rank above 0:
        # ts_rank() runs for those alone, the cheaper @@ for the others. (Finding them through
        # that vector's GIN index instead is faster for a common word but not safe: the planner
        # guesses a phrase matches a row or two and joins them to every readout found in a loop:
        # 'full-scale invasion' took 1.85 s at 100,000 readouts, 0.30 s this way.)
        any_term, any_term_params = _sql(_any(query.positive_terms))
        sql = (
            f"SELECT d.readout_id, CASE WHEN r.vector @@ {any_term} THEN ts_rank(r.vector, {tsquery}) ELSE 0 END "
            f"FROM {found} LEFT JOIN readouts_search_ranking r ON r.readout_id = d.readout_id"
        )
        params = [*any_term_params, *tsquery_params, *tsquery_params]
    else:
        sql, params = f"SELECT d.readout_id, 0 FROM {found}", list(tsquery_params)
    if within:
        sql += f" WHERE d.readout_id IN ({within[0]})"
        params += within[1]
    return sql, params


def _sql(expression):
    compiler = Query(SearchDocument).get_compiler(connection=connection)
    return expression.resolve_expression(compiler.query).as_sql(compiler, connection)


@contextmanager
def planned():
    """A search's queries, planned to read `document` through its index only.

    The planner prices a sequential scan of the (small) table below the index for a common word,
    not knowing that it would then read every large vector; within this transaction it may not.
    The same planner, pricing that index's plan in the hundreds of thousands, would have JIT
    compile it: some 20 ms spent to save none. And a common word's matches (a hundred thousand
    ids and ranks, read three times: counted, sampled, ranked) stay in memory, not a temporary file.
    SET LOCAL has no ORM form; with it a common word's search went from 2-3 s to 0.3-0.6 s at
    95,000 readouts.
    """
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off; SET LOCAL jit = off; SET LOCAL work_mem = '16MB'")
        yield


def highlighted_statements(readout_ids, query, start, stop):
    """(readout id, statement id, issuer, kind, body with start/stop around every match) for the
    statements of these readouts, in page order; the match is on any of the query's terms, and a
    statement without one comes back unmarked (cheaper than matching it first: one parse, not two)."""
    tsquery = _any(query.positive_terms)
    # The body a statement's page shows (Statement.body), with any marker characters replaced.
    body = Case(When(text__regex=r"\S", then=F("text")), default=F("summary"))
    body = Func(body, Value(start + stop), Value(REPLACEMENT * 2), function="translate", output_field=TextField())
    headline = SearchHeadline("body", tsquery, config=CONFIG, start_sel=start, stop_sel=stop, highlight_all=True)
    statements = (
        Statement.objects.filter(readout__in=readout_ids)
        .annotate(body=body)
        .annotate(highlighted=Case(When(_may_match(query), then=headline), default=F("body")))
        .order_by("readout", "position", "pk")
    )
    return statements.values_list("readout", "pk", "issuer_name", "kind", "highlighted")


def _may_match(query):
    """Whether a statement's text holds the start of a stem of one of the query's words: a cheap
    test (a substring) that spares ts_headline(), which parses the whole text, the statements
    that cannot match (most of a rare word's). The stem less a final i, e or y ("polici",
    "policy"; "sky", "skies"), and less the l of -bl ("abl", "ability"), starts every word that
    English stemming takes to it. SQL: the ORM has no form for a set-returning function such as
    unnest(); the test spared ts_headline() a third of a rare word's page of statements."""
    words = " ".join(word for term in query.positive_terms for word in term.words)
    return RawSQL(
        f"""EXISTS (
            SELECT 1 FROM unnest(tsvector_to_array(to_tsvector('{CONFIG}', %s))) AS stem
            WHERE strpos(lower({Statement._meta.db_table}.text || ' ' || {Statement._meta.db_table}.summary),
                         regexp_replace(rtrim(stem, 'iey'), 'bl$', 'b')) > 0
        )""",
        [words],
        output_field=BooleanField(),
    )


# Writing the index (index.py): SQL, since the facet table has no model, ANALYZE no ORM form, and
# bulk_create() would compute each readout's title, names and summary vectors twice (once per
# table) where the data-modifying WITH computes them once. Not measured against the ORM.


def delete(cursor, readout_ids):
    for table in TABLES:
        cursor.execute(f"DELETE FROM {table} WHERE readout_id = ANY(%s)", [list(readout_ids)])


def clear(cursor):
    # DELETE, not TRUNCATE: its lock would stop every search until the rebuild commits.
    for table in TABLES:
        cursor.execute(f"DELETE FROM {table}")


def insert(cursor, documents):
    # Two statements per batch, the vectors computed in the database from arrays: one writes both
    # vectors (a data-modifying WITH), one the facet rows.
    cursor.execute(
        f"""WITH parts (id, ranking, c) AS (
            SELECT id, setweight(to_tsvector('{CONFIG}', a), 'A') || setweight(to_tsvector('{CONFIG}', b), 'B'), c
            FROM unnest(%s::bigint[], %s::text[], %s::text[], %s::text[]) AS t (id, a, b, c)
        ), ranking AS (
            INSERT INTO readouts_search_ranking (readout_id, vector) SELECT id, ranking FROM parts
        )
        INSERT INTO readouts_search_document (readout_id, document)
        SELECT id, ranking || setweight(to_tsvector('{CONFIG}', c), 'C') FROM parts""",
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
    cursor.execute(f"ANALYZE {', '.join(TABLES)}")
