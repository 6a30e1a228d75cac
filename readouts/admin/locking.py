"""Optimistic locking for the editors' screens: a save made on a form opened before someone else
changed, or deleted, a record shown on it is refused, saying what changed, by whom and when, and
the form comes back as the editor left it. Nothing on the screen is saved: the admin saves only
once every form on it is valid.

Each form of an existing record carries a hidden version: the record's id, when the form was
opened, and a short digest of the stored value of each field on the form. On save, the digests
are taken again from the record as it is now, read under a row lock so that two saves of one
record queue and the second sees the first. A digest rather than a version column: it catches a
change whatever wrote it (another screen, an import, a QuerySet.update), needs no column on the
archive's tables, and tells which fields changed. Who changed them comes from the records'
history (readouts/history/).

The re-rendered form carries the current version, so saving it again, once the editor has read
what changed, stores it. Mix LockedAdminMixin into a ModelAdmin and LockedInlineMixin into each
of its editable inlines (before the admin class); nothing here depends on a screen's layout.
"""

import datetime
import hashlib
import json
from functools import cache

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import flatten_fieldsets
from django.core.exceptions import ValidationError
from django.db import router, transaction
from django.db.models import QuerySet
from django.forms.utils import pretty_name
from django.utils import timezone
from django.utils.text import Truncator

from .pickers import PickerFieldsMixin

VERSION = "_version"


def _plain(value):
    if isinstance(value, (list, tuple, set, QuerySet)):
        return sorted(str(getattr(item, "pk", item)) for item in value)
    return str(getattr(value, "pk", value))


def _digest(value):
    return hashlib.blake2b(json.dumps(_plain(value)).encode(), digest_size=4).hexdigest()


def digests(form):
    """Each field's digest of the value the form was given from the database."""
    return {name: _digest(form.initial[name]) for name in form.fields if name != VERSION and name in form.initial}


def version(form):
    return json.dumps(
        {"id": _plain(form.instance.pk), "at": timezone.now().isoformat(), "fields": digests(form)},
        separators=(",", ":"),
    )


def _read(token):
    """The version a form was opened with, or None when it has none (or not one of ours)."""
    try:
        opened = json.loads(token)
        opened["at"] = datetime.datetime.fromisoformat(opened["at"])
        if not isinstance(opened["fields"], dict):
            return None
    except (TypeError, ValueError, KeyError):
        return None
    return opened


def _editors(model, pk, since):
    """(names of who saved or deleted the record since then, when last) from its history."""
    history = getattr(model, "history", None)
    try:
        pk = model._meta.pk.to_python(pk)
    except ValidationError:  # a version not written by this module
        return [], None
    if history is None or since is None or pk is None:
        return [], None
    records = list(
        history.filter(id=pk, history_date__gt=since).select_related("history_user").order_by("history_date")
    )
    names = []
    for record in records:
        user = record.history_user
        name = (user.get_full_name() or user.get_username()) if user else "an import or a script"
        if name not in names:
            names.append(name)
    return names, records[-1].history_date if records else None


def _shown(field, value):
    """A changed value as the message quotes it; relations are only named."""
    if isinstance(field, forms.ModelChoiceField):
        return None
    if isinstance(field, forms.ChoiceField):
        value = dict(field.choices).get(value, value)
    if value in (None, ""):
        return "empty"
    return f"“{Truncator(str(value)).chars(80)}”"


def _as_data(field, value):
    """A stored value as the browser would post it from the field's widget."""
    value = field.prepare_value(value)
    if isinstance(field.widget, forms.CheckboxInput):
        return ["on"] if value else []
    formatted = value if isinstance(value, (list, tuple)) else field.widget.format_value(value)
    if formatted is None:
        return []
    return [str(item) for item in formatted] if isinstance(formatted, (list, tuple)) else [str(formatted)]


class Conflict:
    """What happened to one record since its form was opened."""

    def __init__(self, form, opened, changed=(), deleted=False):
        model = form._meta.model
        pk = opened["id"] if opened else form.instance.pk
        self.record = f"{model._meta.verbose_name} “{form.instance}”" if not deleted else model._meta.verbose_name
        self.deleted = deleted
        self.changed = changed
        self.who, self.when = _editors(model, pk, opened["at"] if opened else None)

    def who_and_when(self):
        who = " and ".join(self.who) if self.who else "someone"
        if not self.when:
            return who, ""
        when = timezone.localtime(self.when)
        return who, f" on {when:%-d %B %Y} at {when:%H:%M}"

    def by(self):
        return "".join(self.who_and_when())

    def message(self):
        who, when = self.who_and_when()
        if self.deleted:
            return (
                f"Since you opened this page, {who} deleted this {self.record}{when}. Nothing was saved. "
                "Tick “Delete” on this row to save the rest, or copy what you need into a new row."
            )
        if self.changed is None:
            return (
                f"This form does not say which version of the {self.record} it was opened on. Nothing was saved. "
                "Check the entries below against the record as it is now, then save again."
            )
        fields = "; ".join(
            f"{label}{f' (now {value})' if value else ''}{', where the form keeps your entry' if yours else ''}"
            for label, value, yours in self.changed
        )
        return (
            f"Since you opened this page, {who} changed this {self.record}{when}: {fields}. Nothing was saved. "
            "The form now shows their change in the fields you had left as they were, and your entries "
            "everywhere else: check it, then save again to store it."
        )

    def summary(self):
        what = "deleted" if self.deleted else "changed"
        return f"the {self.record} ({what} by {self.by()})"


class LockedFormMixin:
    """For a ModelForm: the hidden version, and the check against the record as stored now."""

    conflict = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound and self.instance.pk is not None:
            # Taken when rendered: a formset adds its fields (the parent's key) after __init__.
            self.initial[VERSION] = lambda: version(self)

    def clean(self):
        cleaned_data = super().clean()
        token = self.data.get(self.add_prefix(VERSION))
        opened = _read(token) if token else None
        if self.instance.pk is None:
            if opened and opened["id"] != "None":
                self._row_deleted(opened)
            return cleaned_data
        theirs = {}
        if opened is None or opened["id"] != _plain(self.instance.pk):
            self.conflict = Conflict(self, opened, changed=None)
        else:
            changed = [name for name, digest in digests(self).items() if opened["fields"].get(name) != digest]
            if changed:
                yours = {name for name in changed if self._entered(name, opened)}
                labels = [
                    (
                        self.fields[name].label or pretty_name(name),
                        _shown(self.fields[name], self.initial[name]),
                        name in yours,
                    )
                    for name in changed
                ]
                self.conflict = Conflict(self, opened, changed=labels)
                # Where the editor left a field as it was, the form now shows the other change.
                theirs = {
                    name: _as_data(self.fields[name], self.initial[name]) for name in changed if name not in yours
                }
        if self.conflict:
            self.add_error(None, self.conflict.message())
            data = self.data.copy()
            for name, values in theirs.items():
                data.setlist(self.add_prefix(name), values)
            # Saving again, once read, is a choice made knowing what changed: carry today's version.
            data[self.add_prefix(VERSION)] = version(self)
            self.data = data
        return cleaned_data

    def _entered(self, name, opened):
        """Whether the editor changed this field from what the form was opened with."""
        return name not in self.cleaned_data or _digest(self.cleaned_data[name]) != opened["fields"].get(name)

    def _row_deleted(self, opened):
        """An inline row whose record is gone: the formset found no record for its id."""
        self.conflict = Conflict(self, opened, deleted=True)
        pk_name = self._meta.model._meta.pk.name
        if pk_name in self._errors:  # "Select a valid choice", at a hidden field nobody sees
            del self._errors[pk_name]
        self.add_error(None, self.conflict.message())


class LockedInlineFormSetMixin:
    """A row the editor deletes must not take with it a change they never saw."""

    def clean(self):
        super().clean()
        lost = [form.conflict for form in self.deleted_forms if form.conflict and not form.conflict.deleted]
        if lost:
            raise ValidationError(
                [
                    f"You deleted the {conflict.record}, which {conflict.by()} changed since you opened this page. "
                    "Nothing was saved; save again to delete it all the same."
                    for conflict in lost
                ]
            )


@cache
def locked_form(form_class):
    version_field = forms.CharField(required=False, widget=forms.HiddenInput)
    return type(form_class.__name__, (LockedFormMixin, form_class), {VERSION: version_field})


@cache
def locked_formset(formset_class):
    return type(formset_class.__name__, (LockedInlineFormSetMixin, formset_class), {})


def _with_version(fieldsets):
    if VERSION in flatten_fieldsets(fieldsets):
        return fieldsets
    *rest, (name, options) = fieldsets
    return [*rest, (name, {**options, "fields": [*options["fields"], VERSION]})]


def _saving(request, model):
    return request.method == "POST" and transaction.get_connection(router.db_for_write(model)).in_atomic_block


# Every editable admin also shows its pickers' labels (pickers.py).
class LockedAdminMixin(PickerFieldsMixin):
    """For a ModelAdmin: its change form carries the record's version and is checked on save."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.form = locked_form(self.form)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        # Only a form that may save carries a version (view-only screens show fields read-only).
        return _with_version(fieldsets) if obj is not None and self.has_change_permission(request, obj) else fieldsets

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is None or not _saving(request, self.model):
            return obj
        # Saves of one record queue here, each then reading what the one before stored.
        list(self.model._base_manager.select_for_update().filter(pk=obj.pk).values_list("pk"))
        return super().get_object(request, object_id, from_field)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if request.method == "POST":
            conflicts = _conflicts(context)
            if conflicts:
                messages.error(
                    request,
                    "Nothing was saved: since you opened this page, "
                    + "; ".join(conflict.summary() for conflict in conflicts)
                    + ". What you entered is still below, with what changed at each record.",
                )
        return super().render_change_form(request, context, add, change, form_url, obj)


def _conflicts(context):
    forms_ = [context["adminform"].form] if "adminform" in context else []
    for inline in context.get("inline_admin_formsets", []):
        forms_ += inline.formset.forms
    return [form.conflict for form in forms_ if getattr(form, "conflict", None)]


class LockedInlineMixin(PickerFieldsMixin):
    """For an InlineModelAdmin: each row of an existing record carries its version."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.form = locked_form(self.form)
        self.formset = locked_formset(self.formset)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        return _with_version(fieldsets) if obj is not None and self.has_change_permission(request, obj) else fieldsets

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if _saving(request, self.model):
            # The rows are checked and saved under a lock, like the record on their own screen.
            queryset = queryset.select_for_update(of=("self",))
        return queryset
