"""Commitments: entered under the statement that records them on the readout's screen, each with
its dated updates; the commitment's own screen holds the same fields, for finding one by search."""

from django import forms
from django.contrib import admin
from django.utils.text import Truncator

from readouts.models import Commitment, CommitmentUpdate

from .common import limit_statement_choices
from .history import HistoryAdmin
from .locking import LockedAdminMixin, LockedInlineMixin
from .nesting import NestedAdminMixin, StackedInline


class CommitmentForm(forms.ModelForm):
    class Meta:
        model = Commitment
        fields = "__all__"
        # Shown under the read-only status, here and in the readout's screen.
        help_texts = {"status": "Follows the latest dated update: add an update to change it."}


# The commitment's own fields, wherever it is entered; its statement is the one it is nested in.
COMMITMENT_FIELDS = [
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


class CommitmentUpdateInline(LockedInlineMixin, StackedInline):
    model = CommitmentUpdate
    fk_name = "commitment"
    extra = 0
    classes = ["collapse"]
    fields = [("date", "status"), "note", "evidence", "sources"]
    autocomplete_fields = ["evidence", "sources"]


class CommitmentInlineMixin(LockedInlineMixin):
    model = Commitment
    form = CommitmentForm
    extra = 0
    classes = ["collapse"]
    view_on_site = False  # its public page 404s while the readout is a draft
    readonly_fields = ["status"]
    autocomplete_fields = ["actor_people", "actor_organizations", "sources"]
    inlines = [CommitmentUpdateInline]


class StatementCommitmentInline(CommitmentInlineMixin, StackedInline):
    """The commitments a statement records; each belongs to the statement's readout (Commitment.save)."""

    fk_name = "statement"
    verbose_name_plural = "commitments this statement records"
    fields = COMMITMENT_FIELDS


class UnattachedCommitmentInline(CommitmentInlineMixin, StackedInline):
    """Commitments no statement records: entered before nesting, or left when their statement was
    deleted. Choosing a statement moves one under it."""

    fk_name = "readout"
    verbose_name_plural = "commitments recorded by no statement"
    fields = ["statement", *COMMITMENT_FIELDS]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(statement=None)

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        limit_statement_choices(formset.form, obj)
        return formset


@admin.register(Commitment)
class CommitmentAdmin(LockedAdminMixin, NestedAdminMixin, HistoryAdmin):
    form = CommitmentForm
    list_display = ["actor_label", "short_description", "readout", "status", "due_date"]
    list_select_related = ["readout"]
    list_filter = ["status", "readout__status"]
    search_fields = ["actor_label", "description", "exact_words", "readout__title"]
    autocomplete_fields = ["readout", "actor_people", "actor_organizations", "sources"]
    readonly_fields = ["status"]
    fields = ["readout", "statement", *COMMITMENT_FIELDS]
    inlines = [CommitmentUpdateInline]

    @admin.display(description="What", ordering="description")
    def short_description(self, obj):
        return Truncator(obj.description).chars(80)

    def get_form(self, request, obj=None, **kwargs):
        return limit_statement_choices(super().get_form(request, obj, **kwargs), obj.readout if obj else None)

    def view_on_site(self, obj):
        # The public page exists only once the readout is published.
        return obj.get_absolute_url() if obj.readout.is_published else None
