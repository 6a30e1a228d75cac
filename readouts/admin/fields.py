"""The form field every editors' screen gives each kind of model field, whatever the admin's own
formfield_overrides: dates read one way (dates.py), slugs filled in at a readable length, and
relations labelled as their pickers label them (pickers.py).
The locking mixins, which every screen and inline carries, carry this one too."""

from django import forms
from django.db import models

from .dates import IsoDateField, IsoDateWidget
from .pickers import ChosenSelect, ChosenSelectMultiple, chosen_form, with_picker


class ReadableSlugInput(forms.TextInput):
    """A slug field whose prepopulated value is cut between words (static/js/admin-slug.js)."""

    class Media:
        js = ["admin/js/urlify.js", "js/admin-slug.js"]


class EditorFieldsMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.form = chosen_form(self.form)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if type(db_field) is models.DateField:
            kwargs = {"form_class": IsoDateField, "widget": IsoDateWidget, **kwargs}
        elif isinstance(db_field, models.SlugField):
            kwargs = {"widget": ReadableSlugInput, **kwargs}
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        kwargs = self._autocomplete(ChosenSelect, db_field, request, kwargs)
        return with_picker(super().formfield_for_foreignkey(db_field, request, **kwargs))

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        kwargs = self._autocomplete(ChosenSelectMultiple, db_field, request, kwargs)
        return with_picker(super().formfield_for_manytomany(db_field, request, **kwargs))

    def _autocomplete(self, widget, db_field, request, kwargs):
        # Django's own choice of widget for autocomplete_fields, taking chosen values already read.
        if "widget" in kwargs or db_field.name not in self.get_autocomplete_fields(request):
            return kwargs
        return {**kwargs, "widget": widget(db_field, self.admin_site, using=kwargs.get("using"))}
