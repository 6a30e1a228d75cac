"""Full-text search of the published readouts, on PostgreSQL or SQLite behind one interface.

    query = parse(request.GET["q"])                      # readouts.search.query
    with planned():                                      # the search's queries go in here
        found = search(Readout.objects.published(), query, "relevance")   # an ordered queryset
        snippets(ids_on_the_page, query)                 # {readout id: Snippet}

The search page asks the index alone instead (matches(): its rows that match, ranked there),
and facets.results() counts them, counts their facets and picks the page's readouts in one
query, reading readouts only for the page (and for the filters, if any).

The index (index.py) holds one document per published readout, kept current by readouts.derived and
rebuilt by `manage.py rebuild_derived`; each engine's module (postgres.py, sqlite.py)
builds its queries and writes its tables.
"""

from django.db import connection

from . import postgres, sqlite
from .query import parse
from .snippets import START, STOP, best_snippets

RELEVANCE, DATE = "relevance", "date"

__all__ = ["DATE", "RELEVANCE", "engine", "matches", "parse", "planned", "search", "snippets"]


def engine():
    return postgres if connection.vendor == "postgresql" else sqlite


def planned():
    """A block for a search's queries, with what the engine's planner needs to hear (postgres.py)."""
    return engine().planned()


def search(readouts, query, order=RELEVANCE):
    """The readouts (a queryset) that match a searchable query, best first or newest first."""
    return engine().search(readouts, query, order)


def matches(query, order=RELEVANCE, within=None):
    """(sql, params) of the index's (readout id, rank) rows that match a searchable query, ranked
    unless in date order, of the readouts `within` names (a queryset of readout ids, as from
    values_list(..., flat=True)) if given (facets.results)."""
    if within is not None:
        within = within.order_by().query.sql_with_params()
    return engine().matches(query, order == RELEVANCE, within)


def snippets(readout_ids, query):
    """{readout id: Snippet} for the readouts one of whose statement paragraphs matches; one query."""
    if not readout_ids:
        return {}
    return best_snippets(engine().highlighted_statements(list(readout_ids), query, START, STOP))
