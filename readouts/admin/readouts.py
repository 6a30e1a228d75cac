"""One screen enters a whole engagement: the readout's fields; its statements, each with its
quotes and the commitments it records, each commitment with its updates; its participants; its
discrepancies with their versions; its links to earlier readouts; and the earlier commitments it
settles or advances. Nothing needs a first save or another screen. The admin saves the screen in
one transaction, and only once every form on it, nested ones included, is valid."""

from django.contrib import admin
from django.db.models import Count
from django.urls import reverse

from readouts.models import Discrepancy, Participant, Readout, ReadoutLink, Statement

from .commitments import StatementCommitmentInline, UnattachedCommitmentInline
from .common import URL_FIELD_OVERRIDES, former_addresses_inline
from .history import HistoryAdmin
from .locking import LockedAdminMixin, LockedInlineMixin
from .nesting import NestedAdminMixin, StackedInline, TabularInline
from .settling import SettledCommitmentInline
from .statements import PROVENANCE, STATEMENT_FIELDS, DiscrepancyVersionInline, QuoteInline, StatementInlineForm
from .validation import ParticipantFormSet, ReadoutLinkFormSet


class YearFilter(admin.SimpleListFilter):
    title = "year"
    parameter_name = "year"

    def lookups(self, request, model_admin):
        return [(str(day.year), str(day.year)) for day in Readout.objects.dates("date", "year", order="DESC")]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(date__year=self.value())
        return queryset


class StatementInline(LockedInlineMixin, StackedInline):
    model = Statement
    extra = 1
    formfield_overrides = URL_FIELD_OVERRIDES
    show_change_link = True  # earlier texts and translations are entered on the statement's own page
    autocomplete_fields = ["issuer", "joint_issuers", "speakers", "topics", "sources"]
    form = StatementInlineForm  # an edit of the text is checked against its earlier texts
    # Provenance folds away, so that a readout of ten statements stays a screen to scroll through.
    fieldsets = [(None, {"fields": [*STATEMENT_FIELDS, "position"]}), (PROVENANCE[0], {**PROVENANCE[1], "classes": ["collapse"]})]
    inlines = [QuoteInline, StatementCommitmentInline]


class ParticipantInline(LockedInlineMixin, TabularInline):
    model = Participant
    formset = ParticipantFormSet  # a repeated person and role is refused by name
    extra = 1
    fields = ["person", "role", "role_note", "title", "represented", "sources", "position"]
    autocomplete_fields = ["person", "represented", "sources"]


class DiscrepancyInline(LockedInlineMixin, StackedInline):
    model = Discrepancy
    extra = 0
    fields = ["subject", "resolution", "position"]
    inlines = [DiscrepancyVersionInline]


class ReadoutLinkInline(LockedInlineMixin, TabularInline):
    model = ReadoutLink
    fk_name = "from_readout"
    formset = ReadoutLinkFormSet  # a repeated link is refused by name
    extra = 0
    verbose_name = "link to an earlier readout"
    verbose_name_plural = "follows up on, responds to, refers to"
    fields = ["kind", "to_readout", "note"]
    autocomplete_fields = ["to_readout"]


@admin.register(Readout)
class ReadoutAdmin(LockedAdminMixin, NestedAdminMixin, HistoryAdmin):
    list_display = ["title", "date", "format", "status", "statement_count"]
    list_filter = ["status", "format", YearFilter, "topics", "organizations"]
    search_fields = ["title", "slug", "summary", "venue", "city", "location"]
    date_hierarchy = "date"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["country", "organizations", "topics", "sources"]
    readonly_fields = ["published_at", "created_at", "updated_at"]
    save_on_top = True
    fieldsets = [
        (None, {"fields": ["title", "slug", ("date", "end_date"), ("time", "time_zone"), "format"]}),
        (None, {"fields": [("venue", "city", "country"), "location", "duration", "summary", "background", "organizations", "topics", "sources"]}),
        ("Publication", {"fields": ["status", ("published_at", "created_at", "updated_at")]}),
    ]
    inlines = [
        ParticipantInline,
        StatementInline,
        UnattachedCommitmentInline,
        SettledCommitmentInline,
        DiscrepancyInline,
        ReadoutLinkInline,
        former_addresses_inline("readout", TabularInline),
    ]
    actions = ["publish", "return_to_draft"]

    def get_queryset(self, request):
        queryset = super().get_queryset(request).annotate(statement_count=Count("statements", distinct=True))
        # A grouped query drops the model's ordering, which the autocomplete's pages need.
        return queryset.order_by(*Readout._meta.ordering)

    @admin.display(description="Statements", ordering="statement_count")
    def statement_count(self, obj):
        return obj.statement_count

    def view_on_site(self, obj):
        # The public page answers 404 for drafts; editors see those in preview.
        if obj.is_published:
            return obj.get_absolute_url()
        return reverse("readouts:readout_preview", args=[obj.pk])

    @admin.action(description="Publish selected readouts", permissions=["change"])
    def publish(self, request, queryset):
        self._set_status(request, queryset, Readout.Status.PUBLISHED)

    @admin.action(description="Return selected readouts to draft", permissions=["change"])
    def return_to_draft(self, request, queryset):
        self._set_status(request, queryset, Readout.Status.DRAFT)

    def _set_status(self, request, queryset, status):
        # Saved one by one so that Readout.save() stamps published_at and each change is logged.
        changed = list(queryset.exclude(status=status))
        for readout in changed:
            readout.status = status
            readout.save(update_fields=["status", "published_at", "updated_at"])
            self.log_change(request, readout, f"Status set to {readout.get_status_display().lower()}.")
        self.message_user(request, f"{len(changed)} readout(s) now {Readout.Status(status).label.lower()}.")
