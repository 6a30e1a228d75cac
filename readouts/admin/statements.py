"""Statements, their sources and quotes, their earlier texts and translations, and the
discrepancies between accounts.

Quotes and discrepancy versions nest inside the readout's screen too (admin/readouts.py); earlier
texts and translations are entered on the statement's own screen, which the readout's links to.

A statement's earlier texts are the publisher's: what it published before it changed the text.
They are not the editors' history of the record (the History button), and are labelled so.
When the publisher changes a statement, the editor pastes the new text and ticks "The publisher
changed this text": the save keeps the stored text as an earlier text, with the date and source
it was seen at, in the same transaction, and moves the translations of that text with it.
"""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError

from readouts.models import (
    Discrepancy,
    DiscrepancyVersion,
    Quote,
    Source,
    Statement,
    StatementTranslation,
    StatementVersion,
)
from readouts.models.statements import check_texts, same_text

from .common import URL_FIELD_OVERRIDES, limit_statement_choices
from .dates import IsoDateField
from .history import HistoryAdmin
from .locking import LockedAdminMixin, LockedInlineMixin
from .nesting import InlineFormSet, NestedAdminMixin, StackedInline


@admin.register(Source)
class SourceAdmin(LockedAdminMixin, HistoryAdmin):
    formfield_overrides = URL_FIELD_OVERRIDES
    list_display = ["name", "url", "published_on", "kind", "language"]
    list_filter = ["kind", "language", "published_on"]
    search_fields = ["name", "url", "note"]


class QuoteInline(LockedInlineMixin, StackedInline):
    model = Quote
    extra = 0
    classes = ["collapse"]
    fields = ["text", ("speaker", "speaker_label"), "sources"]
    autocomplete_fields = ["speaker", "sources"]


# A statement's own fields, on its screen and in the readout screen's inline.
STATEMENT_FIELDS = [
    ("kind", "kind_note"),
    "title",
    ("issuer_name", "issuer"),
    "joint_issuers",
    "speakers",
    "topics",
    ("date_issued", "date_note"),
    "place",
    ("language", "language_note"),
    "text",
    "summary",
]
PROVENANCE = ("Provenance", {"fields": ["sources", "cites", "official_url", "note"]})


def check_statement_texts(earlier, text, text_seen_on):
    """Run check_texts() over `earlier`, a statement's earlier texts in order as (seen_on, text,
    form) triples (form None for a text with no row on the screen), and its current text. A
    problem with a text that has a row goes to that row; the others are returned as
    (index into `earlier` or None for the current text, field, message) for the caller to place."""
    unplaced = []
    for i, field, message in check_texts([(seen_on, body) for seen_on, body, _ in earlier], text, text_seen_on):
        form = earlier[i][2] if i is not None else None
        if form is not None:
            form.add_error(field, message)
        else:
            unplaced.append((i, field, message))
    return unplaced


class StatementVersionFormSet(InlineFormSet):
    """The earlier texts, with the one the statement form is about to keep (if ticked), in the
    order they were seen, then the current text: each seen no later than the next, each
    different from the next (models.statements.check_texts)."""

    def clean(self):
        super().clean()
        statement = self.instance  # with the statement form's values, not yet saved
        texts = []  # (seen_on, rank, the form or None for the text kept on this save, text)
        for i, form in enumerate(self.forms):
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE") or data.get("seen_on") is None or "text" not in data:
                continue
            rank = (0, form.instance.pk) if form.instance.pk else (2, i)
            texts.append((data["seen_on"], rank, form, data["text"]))
        pending = getattr(statement, "_pending_version", None)
        if pending is not None:
            texts.append((pending.seen_on, (1, 0), None, pending.text))
        if any(form.errors for form in self.forms if form not in self.deleted_forms):
            return  # a row with errors of its own: they say what to fix first
        texts.sort(key=lambda item: item[:2])
        earlier = [(seen_on, text, form) for seen_on, _, form, text in texts]
        unplaced = check_statement_texts(earlier, statement.text, statement.text_seen_on)
        if unplaced:
            raise ValidationError([
                ("The statement's current text: " if i is None else "The text stored until now: ") + message
                for i, _, message in unplaced
            ])


class StatementVersionInline(LockedInlineMixin, StackedInline):
    model = StatementVersion
    formset = StatementVersionFormSet
    extra = 0
    fields = ["text", ("seen_on", "source"), "note"]
    autocomplete_fields = ["source"]
    verbose_name = "earlier text, as the publisher first published it"
    verbose_name_plural = "Publisher's earlier texts (the statement before its publisher changed it; not the editors' History)"


class StatementInlineForm(forms.ModelForm):
    """A statement in the readout's screen. Its earlier texts are edited on its own screen, but
    an edit of its text here is checked against them as there, so it cannot make the statement
    hold no text or repeat the text its publisher replaced."""

    def clean(self):
        cleaned_data = super().clean()
        stored = self.instance
        if stored.pk is None or cleaned_data.get("DELETE") or "text" not in self.changed_data or "text" not in cleaned_data:
            return cleaned_data
        earlier = [(version.seen_on, version.text, None) for version in stored.versions.all()]
        for i, field, message in check_statement_texts(earlier, cleaned_data["text"], stored.text_seen_on):
            if i is not None:
                message = f"Earlier text {i + 1} (on the statement's own page): {message}"
            self.add_error(field if field in self.fields else "text", message)
        return cleaned_data


class StatementTranslationFormSet(InlineFormSet):
    """One translation per language of each text (the language names its anchors)."""

    def clean(self):
        super().clean()
        seen = {}
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE") or not data.get("language"):
                continue
            version = data.get("version")
            key = (version.pk if version else None, data["language"].lower())
            if key in seen:
                form.add_error("language", "This text already has a translation into this language.")
            seen[key] = form


class StatementTranslationInline(LockedInlineMixin, StackedInline):
    model = StatementTranslation
    formset = StatementTranslationFormSet
    extra = 0
    fields = [("language", "kind"), "version", "text", ("source", "translator"), "note"]
    autocomplete_fields = ["source"]
    verbose_name_plural = "translations (each aligned paragraph by paragraph with the text it translates)"

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        field = formset.form.base_fields.get("version")
        if field is not None:
            # Only this statement's earlier texts; a new statement has none yet.
            field.queryset = obj.versions.all() if obj is not None else StatementVersion.objects.none()
            field.empty_label = "The current text"
        return formset


class StatementForm(forms.ModelForm):
    """The statement, and the switch that keeps its stored text when the publisher changed it."""

    publisher_changed = forms.BooleanField(
        required=False,
        label="The publisher changed this text",
        help_text="Tick, then paste the publisher's new text above and say when it was first seen: the text "
        "stored until now is kept as an earlier text (with its translations).",
    )
    earlier_seen_on = IsoDateField(
        required=False,
        label="The text stored until now was first seen on",
        help_text="Filled in from the statement; correct it if you know better.",
    )

    class Meta:
        model = Statement
        fields = ()  # the admin adds those of its fieldsets, with its own widgets

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        stored = self.instance
        if stored.pk is not None:
            # Not in self.initial: the lock's digests cover stored fields only (admin/locking.py).
            self.fields["earlier_seen_on"].initial = stored.text_seen_on or stored.date_issued

    def clean(self):
        cleaned_data = super().clean()
        self.pending_version = None
        if not cleaned_data.get("publisher_changed"):
            return cleaned_data
        stored = None
        if self.instance.pk is not None:
            stored = (
                Statement.objects.filter(pk=self.instance.pk)
                .values("text", "text_seen_on", "text_source", "paragraph_ids")
                .first()
            )
        if stored is None or not stored["text"].strip():
            self.add_error("publisher_changed", "There is no stored verbatim text to keep: enter the text, save, "
                           "and tick this box when the publisher changes it.")
            return cleaned_data
        if "text" in cleaned_data and same_text(stored["text"], cleaned_data["text"]):
            self.add_error("text", "Paste the publisher's new text here: this is the text stored until now.")
        if cleaned_data.get("earlier_seen_on") is None and "earlier_seen_on" not in self.errors:
            self.add_error("earlier_seen_on", "Say when the text stored until now was first seen.")
        if cleaned_data.get("text_seen_on") is None and "text_seen_on" not in self.errors:
            self.add_error("text_seen_on", "Say when the publisher's new text was first seen.")
        if self.errors:
            return cleaned_data
        self.pending_version = StatementVersion(
            text=stored["text"],
            seen_on=cleaned_data["earlier_seen_on"],
            source_id=stored["text_source"],
            paragraph_ids=stored["paragraph_ids"],
        )
        # For the earlier texts' formset, which checks the order of every text.
        self.instance._pending_version = self.pending_version
        return cleaned_data


@admin.register(Statement)
class StatementAdmin(LockedAdminMixin, NestedAdminMixin, HistoryAdmin):
    form = StatementForm
    formfield_overrides = URL_FIELD_OVERRIDES
    list_display = ["__str__", "readout", "kind", "language", "verbatim", "date_issued", "changed_by_publisher"]
    list_select_related = ["readout"]
    list_filter = ["kind", "language", "readout__status"]
    search_fields = ["issuer_name", "title", "text", "summary", "readout__title"]
    autocomplete_fields = ["readout", "issuer", "joint_issuers", "speakers", "topics", "sources", "text_source"]
    fieldsets = [
        (None, {"fields": ["readout", "position", *STATEMENT_FIELDS]}),
        PROVENANCE,
        (
            "When the publisher changes this text",
            {
                "description": "Keep what the publisher first published: tick the box, paste the new text "
                "above, and say when it was seen. Earlier texts are listed below the quotes.",
                "fields": ["publisher_changed", "earlier_seen_on", ("text_seen_on", "text_source")],
            },
        ),
    ]
    inlines = [QuoteInline, StatementVersionInline, StatementTranslationInline]

    @admin.display(boolean=True, description="Verbatim text")
    def verbatim(self, obj):
        return obj.is_verbatim

    @admin.display(boolean=True, description="Changed by its publisher", ordering="text_seen_on")
    def changed_by_publisher(self, obj):
        return obj.text_seen_on is not None

    def save_model(self, request, obj, form, change):
        pending = getattr(form, "pending_version", None)
        if pending is not None:
            # Before the new text is saved, in the same transaction: the stored text is kept.
            pending.statement = obj
            pending.save()
            form.moved_translations = list(obj.translations.filter(version=None))
            for translation in form.moved_translations:
                translation.version = pending
                translation.save(update_fields=["version"])
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        moved = {translation.pk: translation.version for translation in getattr(form, "moved_translations", [])}
        for row in formset.forms:
            # A translation of the text just kept, edited on this save, stays with that text.
            if row.instance.pk in moved and row.instance.version_id is None:
                row.instance.version = moved[row.instance.pk]
        super().save_formset(request, form, formset, change)


class DiscrepancyVersionInline(LockedInlineMixin, StackedInline):
    model = DiscrepancyVersion
    extra = 0
    classes = ["collapse"]
    verbose_name_plural = "versions (what each account says)"
    fields = ["says", ("issuer_label", "statement"), "sources", "position"]
    autocomplete_fields = ["sources"]

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        # `obj` is the discrepancy, unsaved while entered on the readout's screen.
        limit_statement_choices(formset.form, getattr(obj, "readout", None))
        return formset


@admin.register(Discrepancy)
class DiscrepancyAdmin(LockedAdminMixin, NestedAdminMixin, HistoryAdmin):
    list_display = ["subject", "readout"]
    list_select_related = ["readout"]
    list_filter = ["readout__status"]
    search_fields = ["subject", "resolution", "readout__title"]
    autocomplete_fields = ["readout"]
    inlines = [DiscrepancyVersionInline]
