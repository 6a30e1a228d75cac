"""Facet counts: how many of the readouts found fall under each year, person, organization,
topic, format and kind of statement, the most frequent first, in one query over the index's
facet rows (documents.py gives them the meaning of the list's filters).

Each readout has some twenty facet rows, so counting them for a common word's tens of thousands
of readouts takes seconds. Beyond SAMPLE readouts found, the counts are estimated from a sample
of about SAMPLE of them, the same readouts for the same search (chosen by a hash of their ids,
which follows neither dates nor the order readouts were entered in).
"""

from dataclasses import dataclass

from django.db import connection
from django.db.models import F

LIMIT = 10
SAMPLE = 1_000
_HASH_MULTIPLIER, _HASH_MODULUS = 2_654_435_761, 1_000_003  # Knuth's multiplicative hash, a prime

# Largest counts first, then by value, LIMIT per facet; the window function needs SQLite 3.25+.
COUNTS = """
SELECT facet, value, label, found FROM (
    SELECT facet, value, MAX(label) AS label, COUNT(*) AS found,
        ROW_NUMBER() OVER (PARTITION BY facet ORDER BY COUNT(*) DESC, value) AS place
    FROM readouts_search_facet
    WHERE readout_id IN ({found})
    GROUP BY facet, value
) AS counted
WHERE place <= %s
ORDER BY facet, place
"""


@dataclass(frozen=True)
class FacetCounts:
    counts: dict  # {facet: [(value, label, count), ...]}
    estimated: bool  # counted in a sample, and scaled up


def facet_counts(found, total):
    """The facet counts of `found` (a queryset of readouts), of which there are `total`."""
    sql, params = found.order_by().values(found_id=F("pk")).query.sql_with_params()
    scale = 1
    if total > SAMPLE:
        threshold = round(_HASH_MODULUS * SAMPLE / total)
        sampled = f"(found_id * {_HASH_MULTIPLIER}) %% {_HASH_MODULUS} < %s"
        sql = f"SELECT found_id FROM ({sql}) AS everything WHERE {sampled}"
        params = (*params, threshold)
        scale = _HASH_MODULUS / threshold
    with connection.cursor() as cursor:
        cursor.execute(COUNTS.format(found=sql), [*params, LIMIT])
        rows = cursor.fetchall()
    counts = {}
    for facet, value, label, count in rows:
        counts.setdefault(facet, []).append((value, label, _estimate(count * scale) if scale != 1 else count))
    return FacetCounts(counts, estimated=scale != 1)


def _estimate(count):
    """Two significant figures: an estimate should not look exact."""
    count = round(count)
    digits = len(str(count))
    return round(count, 2 - digits) if digits > 2 else count
