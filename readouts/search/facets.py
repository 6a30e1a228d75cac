"""Facet counts: how many of the readouts found fall under each year, person, organization,
topic, format and kind of statement, the most frequent first, over the index's facet rows
(documents.py gives them the meaning of the list's filters). The same query counts the readouts
found, which the page's paginator then needs not count again, and (results()) picks the page's
readouts in the search's order: the search's matching, its most expensive part (a phrase
is checked against every candidate's positions), then runs once per page, not twice.

Each readout has some twenty facet rows, so counting them for a common word's tens of thousands
of readouts takes seconds. Beyond SAMPLE readouts found, the counts are estimated from a sample
of about SAMPLE of them, the same readouts for the same search (chosen by a hash of their ids,
which follows neither dates nor the order readouts were entered in).

Raw SQL, because the ORM cannot write one query that reads a CTE twice, numbers rows per facet
with a window function and returns rows of three kinds by UNION ALL, and the index's facet rows
have no model. Measured at 95,000 readouts: counting in a query of its own cost a common word
40 ms more on SQLite and 60 ms on PostgreSQL; matching again for the page paid a phrase's
position check twice.
"""

from dataclasses import dataclass, field

from django.db import connection
from django.db.models import F
from django.db.models.expressions import RawSQL

from ..models import Readout

LIMIT = 10
SAMPLE = 1_000
_HASH_MULTIPLIER, _HASH_MODULUS = 2_654_435_761, 1_000_003  # Knuth's multiplicative hash, a prime

# The readouts matched once (a CTE used twice is materialized): (readout id, rank) rows of the
# index ({found}). Their number first, then LIMIT values per facet, largest counts first (the
# window function needs SQLite 3.25+), then the page's readouts ({page}: their ids in order,
# numbered).
RESULTS = f"""
WITH found (readout_id, rank) AS ({{found}}),
total (n) AS (SELECT COUNT(*) FROM found),
sample (readout_id) AS (
    SELECT readout_id FROM found, total
    WHERE total.n <= %s OR (readout_id * {_HASH_MULTIPLIER}) %% {_HASH_MODULUS} < {_HASH_MODULUS} * %s / total.n
)
SELECT 0, '', '', '', n, 0 FROM total
UNION ALL
SELECT 1, facet, value, label, found, place FROM (
    SELECT facet, value, MAX(label) AS label, COUNT(*) AS found,
        ROW_NUMBER() OVER (PARTITION BY facet ORDER BY COUNT(*) DESC, value) AS place
    FROM readouts_search_facet
    WHERE readout_id IN (SELECT readout_id FROM sample)
    GROUP BY facet, value
) AS counted
WHERE place <= %s
UNION ALL
SELECT 2, '', '', '', readout_id, place FROM ({{page}}) AS page
ORDER BY 1, 2, 6
"""
# Best first: rank, the readout's date, its id. Readouts are read only for the page: the dates of
# those that rank at least as well as the page's last one (its rank found in `found` alone),
# looked up one by one (a join would read them all: PostgreSQL hashed all 100,000 readouts to
# join 25), so that ordering a common word's tens of thousands of matches reads the dates of a few.
BEST_FIRST = """
SELECT readout_id, ROW_NUMBER() OVER (ORDER BY {order}) AS place FROM (
    SELECT readout_id, rank, (SELECT date FROM readouts_readout WHERE id = found.readout_id) AS date
    FROM found
    WHERE rank {at_least} COALESCE((SELECT rank FROM found ORDER BY rank {direction} LIMIT 1 OFFSET %s), found.rank)
    ORDER BY {order} LIMIT %s OFFSET %s
) AS best"""
# Newest first, one of two ways, whichever suits the number found (the other is skipped): of many
# readouts found, down the readouts' date index until the page is full, checking each readout's
# match ({walked}: the page of a queryset); of few, their own dates sorted ({sorted}), where
# walking the index would check every readout in the archive for a match (a rare word: 480 ms,
# sorted 80 ms, at 100,000 readouts).
NEWEST_FIRST = """
SELECT readout_id, ROW_NUMBER() OVER (ORDER BY date DESC, readout_id DESC) AS place FROM (
    SELECT * FROM ({walked}) AS walked WHERE (SELECT n FROM total) > %s
    UNION ALL
    SELECT * FROM ({sorted}) AS sorted WHERE (SELECT n FROM total) <= %s
) AS newest"""
FEW = 1_000
SORTED = """
SELECT readout_id, ROW_NUMBER() OVER (ORDER BY date DESC, readout_id DESC) AS place FROM ({sorted}) AS newest"""


@dataclass(frozen=True)
class Results:
    total: int  # readouts found
    facets: dict  # {facet: [(value, label, count), ...]}, largest first
    estimated: bool  # the facets counted in a sample, and scaled up
    ids: list  # the page's readouts, in the search's order
    snippets: dict = field(default_factory=dict)  # {readout id: Snippet}, of the page's readouts


def results(matches, ranked, rank_descending, offset, limit, walked=None):
    """The number of readouts matched (`matches`: (sql, params) of (readout id, rank) rows of
    the index, which holds published readouts only), their facet counts, and the ids of `limit`
    of them from `offset`: if `ranked`, best first (the best rank highest if `rank_descending`)
    and then newest first; else newest first, through `walked` (the same readouts, a queryset
    newest first) if given and many were found. One query."""
    if ranked:
        direction = "DESC" if rank_descending else "ASC"
        page = BEST_FIRST.format(
            order=f"rank {direction}, date DESC, readout_id DESC",
            direction=direction,
            at_least=">=" if rank_descending else "<=",
        )
        page_params = [offset + limit - 1, limit, offset]
    else:
        found = Readout.objects.published().filter(pk__in=RawSQL("SELECT readout_id FROM found", []))
        page, page_params = _page_sql(found.order_by("-date", "-pk"), offset, limit)
        if walked is not None:
            walked, walked_params = _page_sql(walked, offset, limit)
            page = NEWEST_FIRST.format(walked=walked, sorted=page)
            page_params = [*walked_params, FEW, *page_params, FEW]
        else:
            page = SORTED.format(sorted=page)
    sql = RESULTS.format(found=matches[0], page=page)
    with connection.cursor() as cursor:
        cursor.execute(sql, [*matches[1], SAMPLE, SAMPLE, LIMIT, *page_params])
        (*_, total, _), *rows = cursor.fetchall()
    counts, estimated = _counts(total, [row for row in rows if row[0] == 1])
    return Results(total, counts, estimated, ids=[row[4] for row in rows if row[0] == 2])


def _page_sql(readouts, offset, limit):
    return readouts.values("date", readout_id=F("pk"))[offset : offset + limit].query.sql_with_params()


def _counts(total, rows):
    # The sample's share, as the query's integer arithmetic has it.
    scale = _HASH_MODULUS / (_HASH_MODULUS * SAMPLE // total) if total > SAMPLE else 1
    counts = {}
    for _, facet, value, label, count, _ in rows:
        counts.setdefault(facet, []).append((value, label, _estimate(count * scale) if scale != 1 else count))
    return counts, scale != 1


def _estimate(count):
    """Two significant figures: an estimate should not look exact."""
    count = round(count)
    digits = len(str(count))
    return round(count, 2 - digits) if digits > 2 else count
