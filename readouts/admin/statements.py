"""Statements, their sources and quotes, and the discrepancies between accounts.

Quotes and discrepancy versions cannot nest inside the readout screen, so they are inlines here;
the readout screen links to these pages.
"""

from django.contrib import admin

from readouts.models import Discrepancy, DiscrepancyVersion, Quote, Source, Statement

from .common import URL_FIELD_OVERRIDES, limit_statement_choices
from .history import HistoryAdmin
from .locking import LockedAdminMixin, LockedInlineMixin


@admin.register(Source)
class SourceAdmin(LockedAdminMixin, HistoryAdmin):
    formfield_overrides = URL_FIELD_OVERRIDES
    list_display = ["name", "url", "published_on"]
    list_filter = ["published_on"]
    search_fields = ["name", "url", "note"]


class QuoteInline(LockedInlineMixin, admin.StackedInline):
    model = Quote
    extra = 0
    fields = ["text", ("speaker", "speaker_label")]
    autocomplete_fields = ["speaker"]


@admin.register(Statement)
class StatementAdmin(LockedAdminMixin, HistoryAdmin):
    formfield_overrides = URL_FIELD_OVERRIDES
    list_display = ["__str__", "readout", "kind", "language", "verbatim", "date_issued"]
    list_select_related = ["readout"]
    list_filter = ["kind", "language", "readout__status"]
    search_fields = ["issuer_name", "title", "text", "summary", "readout__title"]
    autocomplete_fields = ["readout", "issuer", "speakers", "sources"]
    inlines = [QuoteInline]

    @admin.display(boolean=True, description="Verbatim text")
    def verbatim(self, obj):
        return obj.is_verbatim


class DiscrepancyVersionInline(LockedInlineMixin, admin.StackedInline):
    model = DiscrepancyVersion
    extra = 0
    fields = ["says", ("issuer_label", "statement"), "sources", "position"]
    autocomplete_fields = ["sources"]

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        limit_statement_choices(formset.form, obj.readout if obj else None)
        return formset


@admin.register(Discrepancy)
class DiscrepancyAdmin(LockedAdminMixin, HistoryAdmin):
    list_display = ["subject", "readout"]
    list_select_related = ["readout"]
    list_filter = ["readout__status"]
    search_fields = ["subject", "resolution", "readout__title"]
    autocomplete_fields = ["readout"]
    inlines = [DiscrepancyVersionInline]
