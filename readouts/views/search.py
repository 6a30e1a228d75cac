"""The search page: full-text search of the published readouts, narrowed by the list's filters,
with facet counts of what was found. A fixed number of queries whatever the archive's size."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.http import Http404
from django.shortcuts import render

from .. import search
from ..cards import readout_cards
from ..filters import ReadoutFilter
from ..models import Readout, ReadoutFormat, StatementKind
from ..search import DATE, RELEVANCE, parse
from ..search.names import with_other_spellings
from ..search.query import MAX_CHARACTERS, MAX_TERMS
from ..templatetags.readouts_tags import changed_query
from . import names
from .paging import paginate

# The facets, in the sidebar's order: (name, heading); the name is the filter's, except year.
FACETS = [
    ("year", "Year"),
    ("person", "People"),
    ("organization", "Countries and organizations"),
    ("topic", "Topics"),
    ("format", "Format"),
    ("statement_kind", "Kind of statement"),
]
CHOICE_LABELS = {"format": dict(ReadoutFormat.choices), "statement_kind": dict(StatementKind.choices)}


@dataclass(frozen=True)
class Option:
    label: str
    count: int
    url: str
    selected: bool


def search_page(request):
    query = parse(request.GET.get("q", ""))
    order = DATE if request.GET.get("order") == DATE else RELEVANCE
    filterset = ReadoutFilter(request.GET, queryset=Readout.objects.published())
    # An invalid filter shows its error instead of silently searching everything else.
    valid = filterset.is_valid()
    if valid and (moved := names.by_slug(request, filterset)):
        return moved
    context = {
        "query": query,
        "order": order,
        "filterset": filterset,
        "max_characters": MAX_CHARACTERS,
        "max_terms": MAX_TERMS,
        "kept": [(name, value) for name, value in request.GET.items() if name not in ("q", "page") and value],
        "order_links": {
            RELEVANCE: changed_query(request, order=None),
            DATE: changed_query(request, order=DATE),
        },
        "active_filters": _active_filters(request, filterset.form) if valid else [],
        "page": None,
    }
    if valid and query.is_searchable:
        query = context["query"] = with_other_spellings(query)
        number, per_page = _page_number(request), settings.READOUTS_PER_PAGE
        # Without filters, the index (published readouts only) is searched alone; with them,
        # within the readouts they find, read from the appearance tables where they can be.
        within = filterset if context["active_filters"] else None
        found = search.page(query, order, (number - 1) * per_page, per_page, within)
        page = paginate(request, _Found(found), count=found.total)
        page.object_list = _results(found)
        context.update(
            page=page,
            facets=_facets(request, filterset.form.cleaned_data, found.facets),
            facets_estimated=found.estimated,
        )
    return render(request, "readouts/search.html", context, status=200 if valid else 400)


def _page_number(request):
    """The page asked for, as the paginator reads it (a number that is not one is a 404)."""
    try:
        number = int(request.GET.get("page") or 1)
    except ValueError:
        raise Http404("No such page.")
    # Beyond, a page could not hold a readout (nor its offset fit in SQL's integers).
    if not 1 <= number <= 2**31 // settings.READOUTS_PER_PAGE:
        raise Http404("No such page.")
    return number


class _Found:
    """The readouts found, as the paginator sees them: their number, and the page already fetched."""

    def __init__(self, found):
        self.found = found

    def __len__(self):
        return self.found.total

    def __getitem__(self, window):
        return self.found.ids


def _results(found):
    """The page's readouts, in the search's order, as list entries with their snippets."""
    if not found.ids:
        return []
    # Published ones only: the index may not yet have heard of a readout's withdrawal.
    cards = readout_cards(Readout.objects.published().filter(pk__in=found.ids))
    readouts = {readout.pk: readout for readout in cards}
    for pk, readout in readouts.items():
        readout.snippet = found.snippets.get(pk)
    return [readouts[pk] for pk in found.ids if pk in readouts]


def _active_filters(request, form):
    """[(label, value, link that removes it)] for each filter in use."""
    active = []
    for name, field in form.fields.items():
        value = form.cleaned_data.get(name)
        if value in (None, ""):
            continue
        if isinstance(value, datetime.date):
            value = f"{value:%-d %B %Y}"
        elif name in CHOICE_LABELS:
            value = CHOICE_LABELS[name].get(value, value)
        active.append((field.label, str(value), changed_query(request, **{name: None})))
    return active


def _facets(request, filters, counts):
    """[(name, heading, [Option])]: each option's link adds its filter to the current address, or,
    for the chosen one, removes it; the counts come from search.page()."""
    facets = []
    for name, heading in FACETS:
        options = []
        rows = counts.get(name, [])
        if name == "year":
            rows = sorted(rows, reverse=True)
        for value, label, count in rows:
            if name == "year":
                year = int(value)
                span = (datetime.date(year, 1, 1), datetime.date(year, 12, 31))
                selected = (filters.get("date_after"), filters.get("date_before")) == span
                changes = dict.fromkeys(["date_after", "date_before"]) if selected else {
                    "date_after": span[0].isoformat(), "date_before": span[1].isoformat()
                }
            else:
                chosen = filters.get(name)
                selected = getattr(chosen, "slug", chosen) == value
                changes = {name: None if selected else value}
                label = CHOICE_LABELS[name].get(value, value) if name in CHOICE_LABELS else label
            options.append(Option(label or value, count, changed_query(request, **changes), selected))
        if options:
            facets.append((name, heading, options))
    return facets
