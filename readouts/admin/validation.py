"""Rows of the readout screen that may not repeat, refused by name: Django's own check says only
"Please correct the duplicate data for person and role", and nothing of which row or what to do.

Each check runs over the rows as the editor left them (deleted ones aside), and over any stored
row the screen does not show (one another editor saved since it was opened), so the database's
unique constraint is never what refuses a save. The formsets are nested-admin's, as every inline
of the readout's screen (admin/nesting.py)."""

from django.core.exceptions import ValidationError
from django.db.models.functions import Coalesce

from .nesting import InlineFormSet


class UniqueRowsMixin:
    """Marks each row that repeats an earlier one on `fields`, at `fields[0]`, with the message
    the subclass's message(cleaned_data) writes."""

    fields = ()

    def validate_unique(self):
        seen = set()
        if self.instance.pk:
            shown = [form.instance.pk for form in self.forms if form.instance.pk]
            stored = self.model._default_manager.filter(**{self.fk.name: self.instance}).exclude(pk__in=shown)
            seen.update(stored.values_list(*(self.model._meta.get_field(name).attname for name in self.fields)))
        for form in self.forms:
            if form in self.deleted_forms or not form.is_valid():
                continue
            key = tuple(getattr(value, "pk", value) for value in map(form.cleaned_data.get, self.fields))
            if None in key or "" in key:
                continue
            if key in seen:
                form.add_error(self.fields[0], self.message(form.cleaned_data))
            seen.add(key)
        super().validate_unique()

    def label(self, name, value):
        return dict(self.model._meta.get_field(name).choices).get(value, value)


class ParticipantRows(UniqueRowsMixin):
    """A person takes each role once in a readout (the participant_unique_role constraint)."""

    fields = ("person", "role")

    def message(self, data):
        return (f"{data['person']} is already a participant as {self.label('role', data['role'])}: "
                "remove this row, or choose another role.")


class ReadoutLinkRows(UniqueRowsMixin):
    """A readout links to another once per kind (the readout_link_unique constraint)."""

    fields = ("to_readout", "kind")

    def message(self, data):
        return (f"This readout already {self.label('kind', data['kind'])} {data['to_readout']}: "
                "remove this row, or choose another kind of link.")


class LinksInRows:
    """The links on the screen point back in time (ReadoutLink.clean); this keeps the links to
    the readout, from other readouts' screens, doing so when its date moves later."""

    def clean(self):
        super().clean()
        readout = self.instance  # with the date on its form
        if readout.pk is None or readout.date is None:
            return
        earlier = (
            readout.links_in.select_related("from_readout")
            .annotate(last_day=Coalesce("from_readout__end_date", "from_readout__date"))
            .filter(last_day__lt=readout.date)
        )
        if earlier:
            raise ValidationError([
                f"The date ({readout.date}) is after {link.from_readout}, which {link.get_kind_display()} this "
                "readout: correct the date, or remove that link on the other readout's screen."
                for link in earlier
            ])


class ParticipantFormSet(ParticipantRows, InlineFormSet):
    pass


class ReadoutLinkFormSet(ReadoutLinkRows, LinksInRows, InlineFormSet):
    pass
