"""Commitments get their own screen, because their dated updates cannot nest inside the readout's."""

from django import forms
from django.contrib import admin
from django.utils.text import Truncator

from readouts.models import Commitment, CommitmentUpdate

from .common import limit_statement_choices
from .history import HistoryAdmin
from .locking import LockedAdminMixin, LockedInlineMixin


class CommitmentForm(forms.ModelForm):
    class Meta:
        model = Commitment
        fields = "__all__"
        # Shown under the read-only status, here and in the readout's screen.
        help_texts = {"status": "Follows the latest dated update: add an update to change it."}


# The same fields on the commitment's own screen and inline on its readout's screen.
COMMITMENT_FIELDS = [
    "statement",
    "actor_label",
    ("actor_people", "actor_organizations"),
    "counterpart",
    "description",
    "exact_words",
    ("timeframe", "due_date"),
    "sources",
    "status",
    "position",
]


class CommitmentUpdateInline(LockedInlineMixin, admin.StackedInline):
    model = CommitmentUpdate
    extra = 0
    fields = [("date", "status"), "note", "evidence", "sources"]
    autocomplete_fields = ["evidence", "sources"]


@admin.register(Commitment)
class CommitmentAdmin(LockedAdminMixin, HistoryAdmin):
    form = CommitmentForm
    list_display = ["actor_label", "short_description", "readout", "status", "due_date"]
    list_select_related = ["readout"]
    list_filter = ["status", "readout__status"]
    search_fields = ["actor_label", "description", "exact_words", "readout__title"]
    autocomplete_fields = ["readout", "actor_people", "actor_organizations", "sources"]
    readonly_fields = ["status"]
    fields = ["readout", *COMMITMENT_FIELDS]
    inlines = [CommitmentUpdateInline]

    @admin.display(description="What", ordering="description")
    def short_description(self, obj):
        return Truncator(obj.description).chars(80)

    def get_form(self, request, obj=None, **kwargs):
        return limit_statement_choices(super().get_form(request, obj, **kwargs), obj.readout if obj else None)

    def view_on_site(self, obj):
        # The public page exists only once the readout is published.
        return obj.get_absolute_url() if obj.readout.is_published else None
