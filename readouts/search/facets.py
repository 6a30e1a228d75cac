"""Facet counts: how many of the readouts found fall under each year, person, organization,
topic, format and kind of statement, the most frequent first, in one query over the index's
facet rows (documents.py gives them the meaning of the list's filters)."""

from django.db import connection

LIMIT = 10

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


def facet_counts(found):
    """{facet: [(value, label, count), ...]} for a queryset of readouts (a search's results)."""
    sql, params = found.order_by().values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(COUNTS.format(found=sql), [*params, LIMIT])
        rows = cursor.fetchall()
    counts = {}
    for facet, value, label, count in rows:
        counts.setdefault(facet, []).append((value, label, count))
    return counts
