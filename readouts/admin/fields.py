"""The form field every editors' screen gives each kind of model field, whatever the admin's own
formfield_overrides: dates read one way (dates.py), slugs filled in at a readable length, and
relations labelled as their pickers label them (pickers.py).
The locking mixins, which every screen and inline carries, carry this one too."""

from django import forms
from django.db import models

from .dates import IsoDateField, IsoDateWidget
from .pickers import with_picker


class ReadableSlugInput(forms.TextInput):
    """A slug field whose prepopulated value is cut between words (static/js/admin-slug.js)."""

    class Media:
        js = ["admin/js/urlify.js", "js/admin-slug.js"]


class EditorFieldsMixin:
    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if type(db_field) is models.DateField:
            kwargs = {"form_class": IsoDateField, "widget": IsoDateWidget, **kwargs}
        elif isinstance(db_field, models.SlugField):
            kwargs = {"widget": ReadableSlugInput, **kwargs}
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        return with_picker(super().formfield_for_foreignkey(db_field, request, **kwargs))

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        return with_picker(super().formfield_for_manytomany(db_field, request, **kwargs))
