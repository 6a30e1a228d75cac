"""Commitments: entered under the statement that records them on the readout's screen, each with
its dated updates; the commitment's own screen holds the same fields, for finding one by search."""

from django import forms
from django.contrib import admin
from django.db.models import Exists, F, OuterRef, Q
from django.utils.text import Truncator, smart_split, unescape_string_literal

from readouts.models import Commitment, CommitmentStatus, CommitmentUpdate

from .common import limit_statement_choices
from .history import HistoryAdmin
from .locking import LockedAdminMixin, LockedInlineMixin
from .nesting import InlineFormSet, NestedAdminMixin, StackedInline


class CommitmentForm(forms.ModelForm):
    class Meta:
        model = Commitment
        fields = "__all__"
        # Shown under the read-only status, here and in the readout's screen.
        help_texts = {"status": "Follows the latest dated update: add an update to change it."}


# What a commitment says and who made it, searched before its readout's title.
OWN_SEARCH_FIELDS = ["description", "exact_words", "actor_label", "actor_people__name", "actor_organizations__name"]


def search_words(search_term):
    """The words and "quoted phrases" of a search, as ModelAdmin.get_search_results() reads them."""
    return [
        unescape_string_literal(bit) if bit.startswith(('"', "'")) and bit[0] == bit[-1] else bit
        for bit in smart_split(search_term)
    ]


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


class CommitmentUpdateFormSet(InlineFormSet):
    """One undated update at most: a second one says nothing the first did not, and hides which
    came first. The editor is pointed at the one to edit."""

    def clean(self):
        super().clean()
        # A row left empty has no cleaned data; a deleted one no longer counts.
        rows = [form for form in self.forms if getattr(form, "cleaned_data", None) and not form.cleaned_data.get("DELETE")]
        undated = [form for form in rows if form.cleaned_data.get("date") is None]
        if len(undated) < 2:
            return
        first, *rest = sorted(undated, key=lambda form: (form.instance.pk is None, form.instance.pk or 0))
        status = first.cleaned_data.get("status") or first.instance.status
        for form in rest:
            form.add_error(
                "date",
                f"This commitment already has an undated update (“{CommitmentStatus(status).label}”): edit that "
                "one instead, or give this one the date the sources give.",
            )


class CommitmentUpdateInline(LockedInlineMixin, StackedInline):
    model = CommitmentUpdate
    formset = CommitmentUpdateFormSet
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
    # Newest first, in the list and in the pickers (a readout settles recent promises most often).
    ordering = ["-readout__date", "readout", "position", "id"]
    # The commitment's own text and actors come first; see get_search_results().
    search_fields = [*OWN_SEARCH_FIELDS, "readout__title"]
    autocomplete_fields = ["readout", "actor_people", "actor_organizations", "sources"]
    readonly_fields = ["status"]
    fields = ["readout", "statement", *COMMITMENT_FIELDS]
    inlines = [CommitmentUpdateInline]

    def get_search_results(self, request, queryset, search_term):
        """Commitments whose own text and actors hold every word first, then those found only
        with their readout's title: "sign the minerals" lists the commitment to sign before the
        rest of the signing's commitments, and "Jeddah" still finds what was agreed there."""
        found, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        words = search_words(search_term)
        if not words:
            return found, may_have_duplicates
        own = Commitment.objects.filter(
            *(Q.create([(f"{field}__icontains", word) for field in OWN_SEARCH_FIELDS], connector=Q.OR) for word in words),
            pk=OuterRef("pk"),
        )
        ordering = found.query.order_by or self.model._meta.ordering
        return found.alias(own_match=Exists(own)).order_by(F("own_match").desc(), *ordering), may_have_duplicates

    @admin.display(description="What", ordering="description")
    def short_description(self, obj):
        return Truncator(obj.description).chars(80)

    def get_form(self, request, obj=None, **kwargs):
        return limit_statement_choices(super().get_form(request, obj, **kwargs), obj.readout if obj else None)

    def view_on_site(self, obj):
        # The public page exists only once the readout is published.
        return obj.get_absolute_url() if obj.readout.is_published else None
