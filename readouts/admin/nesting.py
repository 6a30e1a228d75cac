"""Inlines nested inside inlines (django-nested-admin), so that one screen holds a readout with
its statements' quotes and commitments, each commitment's updates and each discrepancy's
versions. A group's heading counts its stored rows, so that a collapsed group still says what it
holds ("Quotes (3)")."""

import nested_admin
from django.forms.models import BaseInlineFormSet
from nested_admin.formsets import NestedInlineFormSet
from nested_admin.nested import NestedInlineAdminFormset


class InlineFormSet(NestedInlineFormSet):
    """Rows read as Django reads them: only the parent's, through the inline's own queryset (under
    a row lock while saving, admin/locking.py). nested-admin reads any posted id, of any parent,
    for rows dragged between parents, which this archive does not offer; so a row of another
    record, or one deleted since the screen was opened, is not found: its row is not saved (nor
    deleted), and the lock says what happened to it."""

    def get_queryset(self):
        return BaseInlineFormSet.get_queryset(self)

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


class StackedInline(nested_admin.NestedStackedInline):
    formset = InlineFormSet
    is_sortable = False  # rows keep the order of their position field, which editors type


class TabularInline(nested_admin.NestedTabularInline):
    formset = InlineFormSet
    is_sortable = False
