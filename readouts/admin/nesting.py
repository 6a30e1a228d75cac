"""Inlines nested inside inlines (django-nested-admin), so that one screen holds a readout with
its statements' quotes and commitments, each commitment's updates and each discrepancy's
versions. A group's heading counts its stored rows, so that a collapsed group still says what it
holds ("Quotes (3)")."""

import nested_admin
from django.db.models import Prefetch
from django.forms.models import BaseInlineFormSet, _get_foreign_key
from nested_admin.formsets import NestedInlineFormSet
from nested_admin.nested import NestedInlineAdminFormset

from .pickers import chosen_rows


class InlineFormSet(NestedInlineFormSet):
    """Rows read as Django reads them: only the parent's, through the inline's own queryset (under
    a row lock while saving, admin/locking.py). nested-admin reads any posted id, of any parent,
    for rows dragged between parents, which this archive does not offer; so a row of another
    record, or one deleted since the screen was opened, is not found: its row is not saved (nor
    deleted), and the lock says what happened to it."""

    def get_queryset(self):
        # Shown, not saved: the rows the parent's group read with its own (ShownRows), rather
        # than a query for each parent row.
        rows = getattr(self.instance, "_prefetched_objects_cache", {}).get(self.fk.remote_field.get_accessor_name())
        if rows is not None and not self.is_bound:
            return rows
        return BaseInlineFormSet.get_queryset(self)

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        # A stored row's parent is this formset's record: naming the row (a tabular row's
        # title) reads no query for it.
        if form.instance.pk is not None and getattr(form.instance, self.fk.attname) == self.instance.pk:
            self.fk.set_cached_value(form.instance, self.instance)
        return form

    def get_saved_instance_for_form(self, form, commit, form_instances=None):
        # nested-admin would fetch the posted id from anywhere and save (or delete) that record.
        if form._is_initial and form.instance.pk is None:
            return None
        return super().get_saved_instance_for_form(form, commit, form_instances)


class _Headed:
    """An inline as one formset's template reads it, with that formset's heading."""

    def __init__(self, inline, title):
        self._inline = inline
        self.title = title

    def __getattr__(self, name):
        return getattr(self._inline, name)


class CountedInlineAdminFormset(NestedInlineAdminFormset):
    def __init__(self, inline, formset, *args, **kwargs):
        super().__init__(inline, formset, *args, **kwargs)
        count = formset.initial_form_count()
        self.opts = _Headed(inline, f"{inline.verbose_name_plural[:1].upper()}{inline.verbose_name_plural[1:]} ({count})")


class NestedAdminMixin(nested_admin.NestedModelAdminMixin):
    """For a ModelAdmin whose inlines nest (before the admin class)."""

    inline_admin_formset_helper_cls = CountedInlineAdminFormset

    class Media:
        css = {"all": ["css/editors.css"]}


class ShownRows:
    """An inline whose rows, when shown, bring what their forms show: the values of their
    autocompletes (pickers.chosen_rows()), and the rows of the inlines nested in them, each read
    through its inline's own queryset (which the nested formsets then show). One query per group
    rather than per row: a readout of forty commitments ran forty queries for their updates,
    and eighty for their people and sources. Saving reads each row's nested rows under its lock
    instead."""

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.method == "POST":
            return queryset
        return queryset.prefetch_related(*chosen_rows(self.model, self.get_autocomplete_fields(request)), *(
            Prefetch(
                _get_foreign_key(self.model, inline.model, inline.fk_name).remote_field.get_accessor_name(),
                queryset=inline.get_queryset(request),
            )
            for inline in self.get_inline_instances(request)
        ))


class StackedInline(ShownRows, nested_admin.NestedStackedInline):
    formset = InlineFormSet
    is_sortable = False  # rows keep the order of their position field, which editors type


class TabularInline(ShownRows, nested_admin.NestedTabularInline):
    formset = InlineFormSet
    is_sortable = False
