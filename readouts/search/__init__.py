"""Full-text search of the published readouts, on PostgreSQL or SQLite behind one interface.

    query = parse(request.GET["q"])                      # readouts.search.query
    found = page(query, "relevance", offset, limit)      # the search page's: Results
    with planned():                                      # any other search's queries go in here
        found = search(Readout.objects.published(), query, "relevance")   # an ordered queryset
        snippets(ids_on_the_page, query)                 # {readout id: Snippet}

page() asks the index alone (its rows that match, ranked there), and facets.results() counts
them, counts their facets and picks the page's readouts in one query, reading readouts only for
the page (and for the filters, if any).

The index (index.py) holds one document per published readout, kept current by readouts.derived and
rebuilt by `manage.py rebuild_derived`; each engine's module (postgres.py, sqlite.py)
builds its queries and writes its tables.
"""

from dataclasses import replace

from django.db import connection

from . import facets, postgres, sqlite
from ..models import Readout
from .facets import Results
from .query import parse
from .snippets import START, STOP, best_snippets

RELEVANCE, DATE = "relevance", "date"

__all__ = ["DATE", "RELEVANCE", "Results", "engine", "page", "parse", "planned", "search", "snippets"]


def engine():
    return postgres if connection.vendor == "postgresql" else sqlite


def planned():
    """A block for a search's queries, with what the engine's planner needs to hear (postgres.py)."""
    return engine().planned()


def search(readouts, query, order=RELEVANCE):
    """The readouts (a queryset) that match a searchable query, best first or newest first."""
    return engine().search(readouts, query, order)


def page(query, order, offset, limit, within=None):
    """`limit` of the published readouts that match a searchable query, from `offset`, best first
    or newest first: their number, their facet counts, the page's ids and snippets (Results).
    `within`, if given, is a valid ReadoutFilter (readouts.filters) whose readouts the search is
    narrowed to. Two queries: the count, facets and page in one, the snippets."""
    with planned():
        ids = within.readout_ids().order_by().query.sql_with_params() if within is not None else None
        found = engine().matches(query, order == RELEVANCE, ids)
        walked = None
        if order == DATE and engine().WALK_NEWEST:
            readouts = within.qs if within is not None else Readout.objects.published()
            walked = search(readouts, query, DATE)
        found = facets.results(found, order == RELEVANCE, engine().RANK_DESCENDING, offset, limit, walked)
        return replace(found, snippets=snippets(found.ids, query))


def snippets(readout_ids, query):
    """{readout id: Snippet} for the readouts one of whose statement paragraphs matches; one query."""
    if not readout_ids:
        return {}
    return best_snippets(engine().highlighted_statements(list(readout_ids), query, START, STOP))
