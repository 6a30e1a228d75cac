"""The filters of the readout list and the commitment list (django-filter).

People, organizations and topics are chosen by slug, so a filtered address reads like
`/readouts/?person=volodymyr-zelenskyy&topic=air-defence`. What "a readout of" a person,
organization or topic means lives in readouts.membership; the filters ask for it with
Readout.objects.of(), as their own pages, feeds, the API and CSV do.
"""

from html import escape

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.db.models import Exists, OuterRef, Q
from django.forms.utils import flatatt
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import slugify

from . import caching, membership
from .models import (
    CommitmentStatus,
    Organization,
    OrganizationCommitment,
    Person,
    PersonCommitment,
    Readout,
    ReadoutFormat,
    StatementKind,
    Topic,
    hierarchy,
)


class LongSelect(forms.Select):
    """A <select> of people, organizations or topics, chosen by slug, joined in Python from
    (slug, name) rows: Django renders each option through its own template and builds a model
    instance per row, which takes most of a second for the thousands of people in an archive.
    Works with the model choice fields below, whose labels are the models' names."""

    def render(self, name, value, attrs=None, renderer=None):
        iterator = self.choices

        def options():
            rows = iterator.queryset.values_list(iterator.field.to_field_name, "name")
            if iterator.field.empty_label is not None:
                rows = [("", iterator.field.empty_label), *rows]
            return "".join(f'<option value="{escape(slug)}">{escape(label)}</option>' for slug, label in rows)

        # The options change only with the archive: built once per edition (30 ms for 6,700 rows).
        options = caching.figures(f"select:{iterator.queryset.model._meta.label_lower}:{name}", options)
        chosen = escape("" if value in (None, "") else str(value))
        options = options.replace(f'<option value="{chosen}">', f'<option value="{chosen}" selected>', 1)
        return format_html(
            "<select name=\"{}\"{}>{}</select>", name, flatatt(self.build_attrs(self.attrs, attrs)), mark_safe(options)
        )


class SlugChoiceField(forms.ModelChoiceField):
    """Rejects a malformed slug before it reaches the database (PostgreSQL refuses NUL bytes)."""

    def to_python(self, value):
        if value not in self.empty_values:
            try:
                validate_slug(value)
            except ValidationError:
                raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class SlugChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = SlugChoiceField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("to_field_name", "slug")
        kwargs.setdefault("empty_label", "Any")
        kwargs.setdefault("widget", LongSelect)
        super().__init__(*args, **kwargs)


class NameInput(forms.TextInput):
    """A box to type a person's name in: a <select> of everyone in the archive ran to 5,000
    options (337 KB of a page) at 100,000 readouts, too many to scroll through or to send."""

    def __init__(self, attrs=None):
        super().__init__({"autocomplete": "off", "spellcheck": "false", **(attrs or {})})


class NameField(SlugChoiceField):
    """A person, by slug or by name: the whole name, any of their other names, or a part of one
    that only they have. A name finds them as their slug does; the views then send the reader
    to the address with the slug (FilterNames.by_slug()), which stays theirs if someone of the
    same name comes later. Shows the name of whom it found."""

    widget = NameInput
    SUGGESTED = 5
    default_error_messages = {
        "unknown": "No one in the archive is called “%(name)s”; the People page lists everyone.",
        "several": "“%(name)s” could be %(suggested)s: type more of the name.",
    }

    HINT = "Their name, or part of it."

    def __init__(self, *args, help_text="", **kwargs):
        super().__init__(*args, help_text=f"{self.HINT} {help_text}".strip(), **kwargs)

    def to_python(self, value):
        value = " ".join(str(value or "").split())
        if value in self.empty_values:
            return None
        if len(value) > 200 or not value.isprintable():
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        found = self.queryset.filter(slug=value).first() or self._named(value)
        self.found = found
        return found

    def _named(self, name):
        people = self.queryset.order_by("name", "pk")
        exact = list(people.filter(name__iexact=name)[:2]) or list(people.filter(slug=slugify(name))[:2])
        if len(exact) == 1:
            return exact[0]
        matches = exact or list(
            people.filter(Q(name__icontains=name) | Q(alternate_names__icontains=name))[: self.SUGGESTED + 1]
        )
        if not matches:
            raise ValidationError(self.error_messages["unknown"], code="unknown", params={"name": name})
        if len(matches) == 1:
            return matches[0]
        names = [person.name for person in matches[: self.SUGGESTED]]
        suggested = ", ".join(names[:-1]) + (" or " if len(matches) <= self.SUGGESTED else ", ") + names[-1]
        if len(matches) > self.SUGGESTED:
            suggested += " or others"
        raise ValidationError(
            self.error_messages["several"], code="several", params={"name": name, "suggested": suggested}
        )

    def prepare_value(self, value):
        found = getattr(self, "found", None)
        return found.name if found is not None else super().prepare_value(value)


class NameFilter(SlugChoiceFilter):
    field_class = NameField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", NameInput)
        super().__init__(*args, **kwargs)


class FilterNames:
    """For a FilterSet with NameFilters: a name typed in one is sent to the slug's address."""

    def by_slug(self, query):
        """The query (a QueryDict) with the slug of each person found by name, or None where
        every one is given by slug already (valid filters)."""
        query, changed = query.copy(), False
        for name, narrowing in self.filters.items():
            found = self.form.cleaned_data.get(name)
            if isinstance(narrowing, NameFilter) and found is not None and query.get(name) != found.slug:
                query[name], changed = found.slug, True
        return query if changed else None


class DateInput(forms.DateInput):
    input_type = "date"


class ReadoutFilterForm(forms.Form):
    # (start, end) of each date range the form has: a range that ends before it starts is an error.
    ranges = (("date_after", "date_before"),)

    def clean(self):
        cleaned = super().clean()
        for start, end in self.ranges:
            after, before = cleaned.get(start), cleaned.get(end)
            if after and before and after > before:
                self.add_error(end, "The end of the range comes before its start.")
        return cleaned


class ReadoutFilter(FilterNames, django_filters.FilterSet):
    date_after = django_filters.DateFilter(
        field_name="date", lookup_expr="gte", label="From", widget=DateInput
    )
    date_before = django_filters.DateFilter(
        field_name="date", lookup_expr="lte", label="Until", widget=DateInput
    )
    person = NameFilter(
        queryset=Person.objects.public(),
        method="filter_of",
        label="Person",
        help_text="Took part, spoke or was quoted in one of its statements, or is among a commitment's actors.",
    )
    organization = SlugChoiceFilter(
        queryset=Organization.objects.public(),
        method="filter_of",
        label="Country or organization",
        help_text="Listed among its organizations, represented by a participant, issuing a statement or among a "
        "commitment's actors; a country includes the bodies inside it.",
    )
    topic = SlugChoiceFilter(
        queryset=Topic.objects.public(),
        method="filter_of",
        label="Topic",
        help_text="Includes its subtopics.",
    )
    format = django_filters.ChoiceFilter(choices=ReadoutFormat.choices, empty_label="Any", label="Format")
    statement_kind = django_filters.ChoiceFilter(
        choices=StatementKind.choices,
        method="filter_statement_kind",
        empty_label="Any",
        label="Kind of statement",
    )

    class Meta:
        form = ReadoutFilterForm

    # Every list these filters narrow is of published readouts, which the appearance rows hold.

    def filter_of(self, readouts, name, entity):
        return readouts.of(entity)

    def filter_statement_kind(self, readouts, name, kind):
        return readouts.with_statement_kind(kind)

    def readout_ids(self):
        """The ids of the readouts found, newest first (valid filters): a page of the list, or what
        a search is narrowed to.

        With a person, organization or topic chosen, read from the first one's appearance rows,
        which are in date order already and answer the readouts' verbs (ReadoutVerbs): every
        filter that is a method (using those verbs) or on a field the rows have (the date)
        narrows the rows themselves, and any other (the format) is checked on each row's readout.
        The readouts are then read for the page's entries only. Through the readouts, counting a
        country's readouts on one topic hashed all 95,000 published readouts (30-45 ms at
        100,000), and SQLite sorted the 8,000 found for every page (50 ms).
        """
        chosen = {name: value for name, value in self.form.cleaned_data.items() if value not in (None, "")}
        first = next((name for name, value in chosen.items() if type(value) in membership.APPEARANCES), None)
        if first is None:
            return self.qs.values_list("pk", flat=True)
        rows, readouts = membership.appearances(chosen.pop(first)), None
        for name, value in chosen.items():
            narrowing = self.filters[name]
            if narrowing.method or narrowing.field_name in {field.name for field in rows.model._meta.fields}:
                rows = narrowing.filter(rows, value)
            else:
                readouts = narrowing.filter(Readout.objects.order_by() if readouts is None else readouts, value)
        if readouts is not None:
            # The rows are of published readouts, which every list these filters narrow holds.
            rows = rows.filter(Exists(readouts.filter(pk=OuterRef("readout"))))
        return rows.values_list("readout", flat=True)


OPEN, OVERDUE = "open", "overdue"


def organization_parents():
    """{organization id: its parent's id or None}: one query of the whole hierarchy (a few
    hundred rows), kept per edition."""
    return caching.figures("organization-parents", lambda: dict(Organization.objects.values_list("pk", "parent")))


def bodies_within(organization, parents=None):
    """The ids of an organization and of every body inside it, at any depth."""
    return hierarchy.within(organization.pk, organization_parents() if parents is None else parents)


def commitment_rows(entity):
    """The commitments' appearance rows of a person, or of an organization (its bodies' commitments
    are its own rows): one per published commitment they are among the actors of."""
    model = PersonCommitment if isinstance(entity, Person) else OrganizationCommitment
    return model.objects.filter(**{model.entity_field: entity})


def committed_by(entity):
    """The commitments a person, or an organization or a body inside it, is among the actors of:
    as a set of commitment ids (published only)."""
    return commitment_rows(entity).values("commitment")


def made_at_readouts_of(entity):
    """The commitments made in a published readout of the person, organization or topic
    (readouts.membership): the readouts' ids, for `readout__in`."""
    return Readout.objects.published().of(entity).order_by().values("pk")


class CommitmentFilterForm(ReadoutFilterForm):
    ranges = (("made_after", "made_before"), ("due_after", "due_before"))


COUNTERPART_HELP = (
    "The other party: commitments made in a readout of this {}, whoever made them. Combine with an actor to "
    "read who committed what to whom."
)


class CommitmentFilter(FilterNames, django_filters.FilterSet):
    # `status` and `group` say what became of a commitment; the tracker's tallies and table count
    # what the other filters find, by status and group (CommitmentFilter.without_outcome).
    status = django_filters.ChoiceFilter(
        choices=[
            (OPEN, "Open (outcome pending)"),
            (OVERDUE, "Overdue (open, past its due date)"),
            *CommitmentStatus.choices,
        ],
        method="filter_status",
        empty_label="Any",
        label="Status",
    )
    group = django_filters.ChoiceFilter(
        choices=[(key, label) for key, label, _ in CommitmentStatus.groups()],
        method="filter_group",
        empty_label="Any",
        label="Outcome",
        help_text="The statuses grouped: kept, partly kept, pending, not kept, contested or superseded.",
    )
    person = NameFilter(
        queryset=Person.objects.public(),
        method="filter_actor",
        label="Committed by (person)",
    )
    organization = SlugChoiceFilter(
        queryset=Organization.objects.public(),
        method="filter_actor",
        label="Committed by (country or organization)",
        help_text="A country includes the bodies inside it.",
    )
    counterpart = SlugChoiceFilter(
        queryset=Organization.objects.public(),
        method="filter_made_at",
        label="Counterpart (country or organization)",
        help_text=COUNTERPART_HELP.format("country or organization, or a body inside it"),
    )
    counterpart_person = NameFilter(
        queryset=Person.objects.public(),
        method="filter_made_at",
        label="Counterpart (person)",
        help_text=COUNTERPART_HELP.format("person"),
    )
    topic = SlugChoiceFilter(
        queryset=Topic.objects.public(),
        method="filter_made_at",
        label="Topic",
        help_text="Made in a readout of this topic, or of one of its subtopics.",
    )
    made_after = django_filters.DateFilter(
        field_name="readout__date", method="filter_made_after", label="Made from", widget=DateInput
    )
    made_before = django_filters.DateFilter(
        field_name="readout__date", method="filter_made_before", label="Made until", widget=DateInput
    )
    due_after = django_filters.DateFilter(field_name="due_date", lookup_expr="gte", label="Due from", widget=DateInput)
    due_before = django_filters.DateFilter(
        field_name="due_date", lookup_expr="lte", label="Due until", widget=DateInput
    )

    class Meta:
        form = CommitmentFilterForm

    OUTCOME = ("status", "group")

    def filter_status(self, commitments, name, status):
        if status == OPEN:
            return commitments.open()
        if status == OVERDUE:
            return commitments.overdue(timezone.localdate())
        return commitments.filter(status=status)

    def filter_group(self, commitments, name, group):
        return commitments.filter(status__in={key: statuses for key, _, statuses in CommitmentStatus.groups()}[group])

    def filter_actor(self, commitments, name, entity):
        return commitments.filter(**{f"{commitments.commitment}__in": committed_by(entity)})

    # The readout's date: on an actor's rows (counted()), their own column rather than a join.

    def filter_made_after(self, commitments, name, day):
        return commitments.filter(**{f"{commitments.made_on}__gte": day})

    def filter_made_before(self, commitments, name, day):
        return commitments.filter(**{f"{commitments.made_on}__lte": day})

    def filter_made_at(self, commitments, name, entity):
        return commitments.filter(readout__in=made_at_readouts_of(entity))

    def chosen(self):
        """{name: value} of the filters given (valid filters)."""
        return {name: value for name, value in self.form.cleaned_data.items() if value not in (None, "")}

    def without_outcome(self):
        """The commitments every filter but status and group finds (valid filters): what the
        tracker's tallies and table count, so that each count's link (those filters and one
        status or group) lists as many commitments as it says."""
        return self._narrowed(self.queryset, self.chosen())

    def counted(self):
        """without_outcome(), as the chosen actor's commitment rows where an actor is chosen (a
        person's, else an organization's; the other filters narrow them in turn). The tracker's
        tallies and chart count these: they carry the status, the due date and the readout's
        date, where a country's thousands of commitments took 40 ms to count joined to their
        readouts at 100,000 readouts on PostgreSQL."""
        actor, chosen = self._actor()
        return self.without_outcome() if actor is None else self._narrowed(commitment_rows(actor), chosen)

    def lone_actor(self):
        """The person or organization chosen where no other filter but an outcome is (valid
        filters), whose counts by month the tracker then reads (tracker.actor_counts()); else None."""
        actor, chosen = self._actor()
        return actor if not set(chosen) - set(self.OUTCOME) else None

    def actor_ids(self):
        """The ids of the commitments every filter finds (outcome included), in the list's order
        (newest readout first), read from the chosen actor's commitment rows and their date
        index; None where no actor is chosen (valid filters). Through the commitments, PostgreSQL
        walked every readout newest first for a small country's 25 newest (13,000 probes, 20 ms
        at 100,000 readouts)."""
        actor, chosen = self._actor()
        if actor is None:
            return None
        rows = commitment_rows(actor)
        for name, value in chosen.items():
            rows = self.filters[name].filter(rows, value)
        # readout_id, not readout: that would order by the readout, as Readout orders, through a join.
        return rows.order_by("-date", "-readout_id", "position", "commitment_id").values_list("commitment", flat=True)

    def _actor(self):
        """The actor whose rows are read (the person chosen, else the organization) and the other
        filters chosen, which narrow those rows."""
        chosen = self.chosen()
        return chosen.pop("person", None) or chosen.pop("organization", None), chosen

    def _narrowed(self, commitments, chosen):
        for name, value in chosen.items():
            if name not in self.OUTCOME:
                commitments = self.filters[name].filter(commitments, value)
        return commitments
