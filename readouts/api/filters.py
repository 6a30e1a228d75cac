"""The API's filters: the pages' own (readouts.filters), with the search box's `q` and an order.

The readout list's filters are ReadoutFilter itself, so that /api/readouts/?person=… and
/readouts/?person=… always list the same readouts; `q` goes through the same search module as
/search/. The type of each filter is told to drf-spectacular here, where it cannot guess it.
"""

import copy

import django_filters
from django import forms
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import set_override

from ..filters import CommitmentFilter, ReadoutFilter
from ..models import Organization, OrganizationKind, Topic, TopicKind
from ..search import DATE, RELEVANCE, search
from ..search.names import with_other_spellings
from ..search.query import MAX_CHARACTERS, parse

SLUG = {"type": "string", "pattern": r"^[-a-zA-Z0-9_]+$"}


class SearchField(forms.CharField):
    """The search box's text, parsed as /search/ parses it; a text with nothing to search is an error."""

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return value
        query = parse(value)
        if not query.is_searchable:
            raise forms.ValidationError(
                "Nothing to search for: common words (the, of…), punctuation and operators alone are left out."
            )
        return query


class SearchFilter(django_filters.CharFilter):
    field_class = SearchField


# Readouts: (value, label, ordering); "relevance" is the search's own order, and without `q` the newest first.
ORDERINGS = {
    RELEVANCE: ("Best match first (with q; otherwise newest first)", None),
    "-date": ("Newest first", ("-date", "-id")),
    "date": ("Oldest first", ("date", "id")),
    "title": ("By title, A to Z", ("title", "id")),
    "-title": ("By title, Z to A", ("-title", "-id")),
}


class ReadoutAPIFilter(ReadoutFilter):
    q = SearchFilter(
        method="filter_q",
        label="Search",
        help_text=f"Full-text search, as on /search/: words, \"phrases\", OR, -excluded (at most {MAX_CHARACTERS} characters).",
    )
    ordering = django_filters.ChoiceFilter(
        choices=[(value, label) for value, (label, _) in ORDERINGS.items()],
        method="filter_ordering",
        label="Order",
    )

    def filter_q(self, readouts, name, query):
        # Ranking is wasted where another order replaces it.
        order = RELEVANCE if self.form.cleaned_data.get("ordering") in (None, "", RELEVANCE) else DATE
        return search(readouts, with_other_spellings(query), order)

    def filter_ordering(self, readouts, name, value):
        fields = ORDERINGS[value][1]
        if fields is None:
            return readouts
        return readouts.order_by(*fields)


class OrganizationAPIFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=OrganizationKind.choices, label="Kind")

    class Meta:
        model = Organization
        fields = ["kind"]


class TopicAPIFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=TopicKind.choices, label="Kind")

    class Meta:
        model = Topic
        fields = ["kind"]


def _describe(filterset, **schemas):
    """Give the schema types drf-spectacular cannot infer from filters with a `method`, on the
    subclass's own copies, so the pages' filters are left as they are."""
    filterset.base_filters = {name: copy.deepcopy(f) for name, f in filterset.base_filters.items()}
    for name, schema in schemas.items():
        set_override(filterset.base_filters[name], "field", schema)


_describe(
    ReadoutAPIFilter,
    person={**SLUG, "description": "A person's slug: " + ReadoutFilter.base_filters["person"].extra["help_text"]},
    organization={**SLUG, "description": "An organization's slug: " + ReadoutFilter.base_filters["organization"].extra["help_text"]},
    topic={**SLUG, "description": "A topic's slug. " + ReadoutFilter.base_filters["topic"].extra["help_text"]},
    q=OpenApiTypes.STR,
)


class CommitmentAPIFilter(CommitmentFilter):
    """The commitment list's filters, as /commitments/ reads them."""


def _slug(filterset, name, whose):
    help_text = filterset.base_filters[name].extra.get("help_text")
    return {**SLUG, "description": f"{whose} slug." + (f" {help_text}" if help_text else "")}


_describe(
    CommitmentAPIFilter,
    person=_slug(CommitmentFilter, "person", "Among the actors: a person's"),
    organization=_slug(CommitmentFilter, "organization", "Among the actors: an organization's"),
    counterpart=_slug(CommitmentFilter, "counterpart", "An organization's"),
    counterpart_person=_slug(CommitmentFilter, "counterpart_person", "A person's"),
    topic=_slug(CommitmentFilter, "topic", "A topic's"),
)
