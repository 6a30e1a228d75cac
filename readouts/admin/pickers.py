"""What an autocomplete shows of a record: enough to tell two records apart, in its results and
as the chosen value, so the editor can confirm what was picked ("Kyiv Post" three times told
nothing). One picker per model: `read` adds to a queryset what the label needs, as joins or
annotations of the same query, so a page of labels costs a fixed number of queries; `label`
writes it. Models without a picker show their __str__ (a readout's already gives its date).

The results come from the site's autocomplete view (editors_site.py); the chosen values from
each admin's form fields (fields.py, carried by every editable admin and inline), read with the
rows of an inline's group when it is shown (chosen_rows()), not again for each widget.
"""

from dataclasses import dataclass
from functools import cache
from typing import Callable
from urllib.parse import urlsplit

from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.db.models import OuterRef, Prefetch, QuerySet, Subquery
from django.utils.text import Truncator

from readouts.dates import date_span
from readouts.models import Commitment, Organization, Participant, Person, Source

SEPARATOR = " — "
# select2's width for the boxes of several chosen values, and of one long label (its default is
# the <select>'s, which cuts "United States and Russia: appoint…" before it says anything).
CHOSEN_WIDTH = "min(100%, 50em)"


@dataclass(frozen=True)
class Picker:
    label: Callable[[object], str]
    read: Callable[[QuerySet], QuerySet] = QuerySet.all
    long: bool = False  # labels that need a wide box even for one chosen value


def source_label(source):
    """Publisher, day, address and language: "Kyiv Post — 13 March 2025 — kyivpost.com/post/48866
    — en". The address, without its scheme, is what tells a publisher's pages apart: most end in
    their headline."""
    address = urlsplit(source.url)
    parts = [
        source.name,
        date_span(source.published_on) if source.published_on else "undated",
        Truncator(address.netloc.removeprefix("www.") + address.path.rstrip("/")).chars(60),
        getattr(source, "language", ""),  # once Source has a language
    ]
    return SEPARATOR.join(part for part in parts if part)


def with_latest_title(people):
    # The title of their latest participation that gives one (drafts count: editors see them).
    titles = (
        Participant.objects.filter(person=OuterRef("pk"))
        .exclude(title="")
        .order_by("-readout__date", "-readout_id", "-id")
        .values("title")[:1]
    )
    return people.select_related("organization").annotate(latest_title=Subquery(titles))


def person_label(person):
    """"Marco Rubio — Secretary of State"; without any title, whom they usually represent."""
    detail = person.latest_title or (person.organization.name if person.organization else "")
    return SEPARATOR.join(part for part in [person.name, detail] if part)


def commitment_label(commitment):
    """Its actors, the first ten words of what they committed to, and the readout that records
    it: "Ukraine: sign the minerals agreement — Meeting in Rome (26 April 2025)"."""
    return f"{commitment.actor_label}: {Truncator(commitment.description).words(10)}{SEPARATOR}{commitment.readout}"


def organization_label(organization):
    """"Ministry of Foreign Affairs (Russia)": a body inside a country, named with it unless its
    name says it already ("Office of the President of Ukraine")."""
    parent = organization.parent
    if parent is None or parent.name in organization.name:
        return organization.name
    return f"{organization.name} ({parent.name})"


PICKERS = {
    Source: Picker(source_label, long=True),
    Person: Picker(person_label, with_latest_title),
    Commitment: Picker(commitment_label, lambda commitments: commitments.select_related("readout"), long=True),
    Organization: Picker(organization_label, lambda organizations: organizations.select_related("parent")),
}


class PickerJsonView(AutocompleteJsonView):
    """The results of a search in an autocomplete, each with its picker's label."""

    def get_queryset(self):
        queryset = super().get_queryset()
        if not queryset.ordered:
            # An admin that counts in a grouped query (the readouts') loses the model's order.
            queryset = queryset.order_by(*queryset.model._meta.ordering, "pk")
        picker = PICKERS.get(queryset.model)
        return picker.read(queryset) if picker else queryset

    def serialize_result(self, obj, to_field_name):
        picker = PICKERS.get(type(obj))
        result = super().serialize_result(obj, to_field_name)
        return {**result, "text": picker.label(obj)} if picker else result


def with_picker(field):
    """A model choice field whose chosen values (the only options an autocomplete renders) and
    choices are read and labelled by its model's picker."""
    picker = PICKERS.get(field.queryset.model) if field is not None else None
    if picker:
        field.queryset = picker.read(field.queryset)
        field.label_from_instance = picker.label
        if picker.long or isinstance(field.widget, AutocompleteSelectMultiple):
            # Chosen values are cut at the box's edge: wide enough to read a label whole.
            field.widget.attrs["data-width"] = CHOSEN_WIDTH
    return field


def chosen_rows(model, names):
    """Prefetches that read, with a group's rows, the values their autocompletes `names` show,
    as their pickers label them; Django's widget reads each row's values again, one query per
    widget (three for each participant of a readout)."""
    prefetches = []
    for name in names:
        related = model._meta.get_field(name).related_model
        picker = PICKERS.get(related)
        prefetches.append(Prefetch(name, queryset=picker.read(related.objects.all()) if picker else None))
    return prefetches


class _Chosen(list):
    """Values already read, answering the one query an autocomplete makes for them."""

    def using(self, alias):
        return self

    def filter(self, **lookups):
        return self


class ChosenFromRows:
    """An autocomplete showing, as its chosen values, those its form's record was read with
    (chosen_rows()), while they are the values it shows: unchanged, not posted otherwise."""

    chosen = None

    def optgroups(self, name, value, attr=None):
        shown = {str(v) for v in value if str(v) not in self.choices.field.empty_values}
        if self.chosen is None or shown != {str(row.pk) for row in self.chosen}:
            return super().optgroups(name, value, attr)
        queryset, self.choices.queryset = self.choices.queryset, _Chosen(self.chosen)
        try:
            return super().optgroups(name, value, attr)
        finally:
            self.choices.queryset = queryset


class ChosenSelect(ChosenFromRows, AutocompleteSelect):
    pass


class ChosenSelectMultiple(ChosenFromRows, AutocompleteSelectMultiple):
    pass


def _read_with(record, name):
    """The values of a relation that were read with the record, or None if they were not."""
    field = record._meta.get_field(name)
    if field.many_to_many:
        rows = getattr(record, "_prefetched_objects_cache", {}).get(name)
        return None if rows is None else list(rows)
    if field.is_cached(record):
        value = field.get_cached_value(record)
        return [] if value is None else [value]
    return None


class ChosenFormMixin:
    """For a ModelForm: its autocompletes show the values its record was read with."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            return
        for name, field in self.fields.items():
            widget = getattr(field.widget, "widget", field.widget)  # inside the admin's related-widget wrapper
            if isinstance(widget, ChosenFromRows):
                widget.chosen = _read_with(self.instance, name)


@cache
def chosen_form(form_class):
    return type(form_class.__name__, (ChosenFormMixin, form_class), {})
