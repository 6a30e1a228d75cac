"""Statements issued about a readout, where the archive read them, the earlier texts their
publishers replaced, their translations, and where accounts differ."""

from difflib import SequenceMatcher

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models

from .entities import OrganizationKind


class StatementKind(models.TextChoices):
    READOUT = "readout", "Readout"
    JOINT_STATEMENT = "joint_statement", "Joint statement"
    STATEMENT = "statement", "Statement"
    REMARKS = "remarks", "Remarks"
    INTERVIEW = "interview", "Interview"
    SOCIAL_MEDIA = "social_media", "Social-media statement"
    TRANSCRIPT = "transcript", "Transcript"
    MEDIA_REPORT = "media_report", "Media report"


def split_paragraphs(body):
    """The paragraphs a reader sees, split on blank lines (or single lines, for pasted text).

    The search's snippets split a highlighted copy of the body with it, to find each paragraph."""
    body = body.replace("\r\n", "\n").strip()
    parts = body.split("\n\n") if "\n\n" in body else body.split("\n")
    return [part.strip() for part in parts if part.strip()]


def usable_ids(ids, count):
    """Whether `ids` can number `count` paragraphs: as many distinct whole numbers from 1."""
    return (
        isinstance(ids, list)
        and len(ids) == count
        and all(isinstance(n, int) and not isinstance(n, bool) and n > 0 for n in ids)
        and len(set(ids)) == count
    )


# An edited paragraph is at least this alike its old self (difflib's ratio); and a run of
# changed paragraphs longer than this many old-and-new pairs is a new text, not an edit.
LIKENESS = 0.5
MAX_PAIRINGS = 400


def carry_paragraph_ids(old_paragraphs, old_ids, new_paragraphs, last_id):
    """(ids of the new paragraphs, the highest id ever given) after an edit of a statement's body.

    A paragraph left as it was keeps its id, and so does one edited in place: between unchanged
    paragraphs, each new paragraph takes, in order, the most alike old one that is at least half
    the same (by difflib's ratio), so a rewrite is not mistaken for an edit. A new paragraph gets
    an id never given before, so a link to a removed paragraph never lands on another one."""
    if not usable_ids(old_ids, len(old_paragraphs)):
        old_ids = list(range(1, len(old_paragraphs) + 1))  # the numbering the page showed
    last_id = max([last_id, *old_ids])
    ids = [None] * len(new_paragraphs)
    opcodes = SequenceMatcher(None, old_paragraphs, new_paragraphs, autojunk=False).get_opcodes()
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "equal":
            ids[j1:j2] = old_ids[i1:i2]
        elif tag == "replace" and (i2 - i1) * (j2 - j1) <= MAX_PAIRINGS:
            start = i1
            for j in range(j1, j2):
                best = None
                for i in range(start, i2):
                    matcher = SequenceMatcher(None, old_paragraphs[i], new_paragraphs[j])
                    if matcher.quick_ratio() >= LIKENESS and (ratio := matcher.ratio()) >= LIKENESS:
                        if best is None or ratio > best[0]:
                            best = (ratio, i)
                if best:
                    ids[j] = old_ids[best[1]]
                    start = best[1] + 1
    for j, value in enumerate(ids):
        if value is None:
            last_id += 1
            ids[j] = last_id
    return ids, last_id


class NumberedParagraphs:
    """For a text with `paragraphs` and their stored `paragraph_ids`: a statement's current
    text, or an earlier one."""

    @property
    def numbered_paragraphs(self):
        """(number, text) of each paragraph; the number is its anchor's: #s12-p3. Stored ids that
        do not fit the paragraphs (none yet, or a text edited outside save()) give way to 1 to n."""
        paragraphs = self.paragraphs
        if usable_ids(self.paragraph_ids, len(paragraphs)):
            return list(zip(self.paragraph_ids, paragraphs))
        return list(enumerate(paragraphs, start=1))


class SourceKind(models.TextChoices):
    # Blank: the archive does not know.
    OFFICIAL = "official", "Official text"
    NEWS_REPORT = "news_report", "News report"
    REPUBLICATION = "republication", "Aggregator or republication"
    OTHER = "other", "Other"


# A language code as in BCP 47 ("en", "zh-Hant"): a source's, and a translation's, where it is
# part of the translation's anchors.
language_code = RegexValidator(
    r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*\Z", "Enter a language code, e.g. 'en', 'uk' or 'zh-Hant'."
)


class Source(models.Model):
    """A place where the archive read a statement: a publisher's page or a copy of it."""

    name = models.CharField(max_length=300, help_text="The publisher, e.g. 'UNN (Ukrainian National News)'.")
    url = models.URLField(max_length=1000, unique=True, help_text="The address where the copy was read.")
    published_on = models.DateField(null=True, blank=True)
    kind = models.CharField(
        max_length=20, blank=True, choices=SourceKind.choices, help_text="Leave empty where it is not known."
    )
    language = models.CharField(
        max_length=35,
        blank=True,
        validators=[language_code],
        help_text="Language code of the page, e.g. 'en', 'fi'; empty where it is not known.",
    )
    note = models.TextField(blank=True)
    is_synthetic = models.BooleanField(
        default=False, editable=False, help_text="Made by build_synthetic_archive for scale tests; never real."
    )

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=["", *SourceKind.values]), name="source_kind_valid"
            ),
        ]

    def __str__(self):
        return self.name


class Statement(NumberedParagraphs, models.Model):
    readout = models.ForeignKey("Readout", on_delete=models.CASCADE, related_name="statements")
    position = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(max_length=20, choices=StatementKind.choices)
    kind_note = models.CharField(max_length=200, blank=True, help_text="E.g. 'Truth Social post', 'Oval Office'.")
    title = models.CharField(max_length=300, blank=True, help_text="The statement's own headline, if it has one.")
    issuer_name = models.CharField(max_length=300, help_text="The issuing institution as the statement names it.")
    issuer = models.ForeignKey(
        "Organization", null=True, blank=True, on_delete=models.PROTECT, related_name="statements"
    )
    joint_issuers = models.ManyToManyField(
        "Organization",
        blank=True,
        related_name="joint_statements",
        help_text="A joint statement's issuers, each government or body that issued it (the issuer above "
        "is then the one that released it).",
    )
    speakers = models.ManyToManyField(
        "Person", blank=True, related_name="statements", help_text="The persons who issued or spoke it."
    )
    date_issued = models.DateField(null=True, blank=True)
    date_note = models.CharField(max_length=200, blank=True, help_text="Where the day is uncertain, say so here.")
    language = models.CharField(max_length=35, help_text="Language code of the original, e.g. 'en', 'ru', 'uk'.")
    language_note = models.CharField(max_length=200, blank=True)
    text = models.TextField(blank=True, help_text="The verbatim text, where the archive holds it. Blank line between paragraphs.")
    summary = models.TextField(blank=True, help_text="The editor's summary, where the archive holds no verbatim text.")
    sources = models.ManyToManyField(Source, blank=True, related_name="statements")
    # A readout is of its statements' topics too (readouts.membership).
    topics = models.ManyToManyField(
        "Topic", blank=True, related_name="statements", help_text="What this statement speaks of, beyond the readout's topics."
    )
    place = models.CharField(
        max_length=300,
        blank=True,
        help_text="Where it was issued or delivered, where that differs from the readout's place, e.g. 'Helsinki'.",
    )
    cites = models.CharField(max_length=500, blank=True, help_text="What the source cites in turn, e.g. 'State Department website'.")
    official_url = models.URLField(max_length=1000, blank=True, help_text="The issuer's own address, if seen.")
    note = models.TextField(blank=True, help_text="Editor's note on provenance or reliability.")
    text_seen_on = models.DateField(
        null=True,
        blank=True,
        verbose_name="text seen on",
        help_text="When the archive first saw this text, if the publisher changed an earlier one.",
    )
    text_source = models.ForeignKey(
        Source,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="current_texts",
        verbose_name="text seen at",
        help_text="Where the archive first saw this text, if the publisher changed an earlier one.",
    )
    # The paragraphs' anchors (#s12-p3), kept by save() through edits of other paragraphs; empty
    # (rows written in bulk, fixtures) or out of step (a queryset update) means "by position".
    paragraph_ids = models.JSONField(
        default=list, blank=True, editable=False, help_text="Each paragraph's number in its anchor, in order."
    )
    last_paragraph_id = models.PositiveIntegerField(
        default=0, editable=False, help_text="The highest paragraph number ever given: never given again."
    )

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(kind__in=StatementKind.values), name="statement_kind_valid"),
            models.CheckConstraint(
                condition=~models.Q(text="", summary=""), name="statement_has_text_or_summary"
            ),
        ]
        indexes = [
            # The list's "statement kind" filter joins statements to readouts.
            models.Index(fields=["kind", "readout"], name="statement_kind_idx"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.issuer_name}"

    def clean(self):
        if not self.text.strip() and not self.summary.strip():
            # At a field, so that form validation skips the matching CheckConstraint's generic message.
            raise ValidationError({"text": "Enter the verbatim text or an editor's summary."})

    @property
    def is_verbatim(self):
        return bool(self.text.strip())

    @property
    def is_official(self):
        """Whether its issuer published it as its own: a media report, or a news organization's
        text, only carries or reports what others said. Reads the issuer (preload it)."""
        if self.kind == StatementKind.MEDIA_REPORT:
            return False
        return not (self.issuer_id and self.issuer.kind == OrganizationKind.MEDIA)

    @property
    def body(self):
        return self.text if self.is_verbatim else self.summary

    @property
    def paragraphs(self):
        return split_paragraphs(self.body)

    @property
    def anchor(self):
        return f"s{self.pk}"

    def save(self, *args, update_fields=None, **kwargs):
        if update_fields is None or {"text", "summary"} & set(update_fields):
            self.number_paragraphs()
            if update_fields is not None:
                update_fields = {*update_fields, "paragraph_ids", "last_paragraph_id"}
        super().save(*args, update_fields=update_fields, **kwargs)

    def number_paragraphs(self):
        """Give the paragraphs their ids, carried over from the stored body (one query) where
        there is one; a new statement keeps ids it was given that fit (a copy), else 1 to n."""
        paragraphs = self.paragraphs
        stored = None
        if self.pk is not None and not self._state.adding:
            stored = (
                Statement.objects.filter(pk=self.pk)
                .values("text", "summary", "paragraph_ids", "last_paragraph_id")
                .first()
            )
        if stored is None:
            if not usable_ids(self.paragraph_ids, len(paragraphs)):
                self.paragraph_ids = list(range(1, len(paragraphs) + 1))
            self.last_paragraph_id = max([self.last_paragraph_id or 0, *self.paragraph_ids])
            return
        old = split_paragraphs(stored["text"] if stored["text"].strip() else stored["summary"])
        self.paragraph_ids, self.last_paragraph_id = carry_paragraph_ids(
            old, stored["paragraph_ids"], paragraphs, stored["last_paragraph_id"]
        )


def same_text(a, b):
    """Whether two verbatim texts say the same, whatever their line endings and outer blanks."""
    return a.replace("\r\n", "\n").strip() == b.replace("\r\n", "\n").strip()


def check_texts(earlier, text, text_seen_on):
    """What is wrong with a statement's texts: `earlier`, its earlier texts in order as
    (seen_on, text) pairs, then its current `text`, first seen on `text_seen_on`. Returns
    (index into `earlier`, or None for the current text; field; message) triples. The admin
    and the archive's import both check with it."""
    problems = []
    if not earlier:
        return problems
    if not text.strip():
        problems.append((None, "text", "A statement with earlier texts holds its current verbatim text."))
    if text_seen_on is None:
        problems.append((None, "text_seen_on", "Say when the current text was first seen: the publisher changed an earlier one."))
    texts = [*earlier, (text_seen_on, text)]
    for i, ((seen_on, body), (next_seen_on, next_body)) in enumerate(zip(texts, texts[1:])):
        later = "the current text" if i + 1 == len(earlier) else f"earlier text {i + 2}"
        if not body.strip():
            problems.append((i, "text", "Enter the earlier text."))
        elif same_text(body, next_body):
            problems.append((i, "text", f"The same as {later}: an earlier text differs from the one that replaced it."))
        if seen_on and next_seen_on and seen_on > next_seen_on:
            problems.append(
                (i, "seen_on", f"Seen on {seen_on:%-d %B %Y}, after {later} ({next_seen_on:%-d %B %Y}): "
                 "an earlier text cannot be seen after the one that replaced it. Correct this date or the date "
                 f"{later} was first seen.")
            )
    return problems


class StatementVersion(NumberedParagraphs, models.Model):
    """A text of a statement that its publisher later changed, kept verbatim. Ordered by when it
    was seen, the earlier texts are versions 1, 2, ... of the statement; its own `text` is the
    current (last) version. Version numbers are counted, never stored."""

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="versions")
    text = models.TextField(help_text="The earlier text, verbatim. Blank line between paragraphs.")
    seen_on = models.DateField(help_text="When the archive (or the source) first saw this text.")
    # PROTECT: the source is the evidence that this text was ever published; deleting it must
    # be a decision about this version, not a side effect.
    source = models.ForeignKey(
        Source,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="statement_versions",
        help_text="Where the archive saw this text.",
    )
    note = models.TextField(blank=True)
    # The paragraphs' numbers when this was the current text (empty: by position), so that
    # #s12-p4 of that time is #s12-v1-p4 now.
    paragraph_ids = models.JSONField(default=list, blank=True, editable=False)

    class Meta:
        ordering = ["seen_on", "id"]
        verbose_name = "earlier text"
        constraints = [
            models.CheckConstraint(condition=~models.Q(text=""), name="statement_version_has_text"),
        ]

    def __str__(self):
        return f"Text seen on {self.seen_on:%-d %B %Y}" if self.seen_on else "Earlier text"

    @property
    def paragraphs(self):
        return split_paragraphs(self.text)


class TranslationKind(models.TextChoices):
    OFFICIAL = "official", "Official (by the issuer)"
    ARCHIVE = "archive", "The archive's own"
    THIRD_PARTY = "third_party", "A third party's"


class StatementTranslation(models.Model):
    """A translation of a statement's current text, or of one of its earlier texts. One per
    language and text: its paragraphs' anchors (#s12-en-p3, #s12-v1-en-p3) name the language."""

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="translations")
    version = models.ForeignKey(
        StatementVersion,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="translations",
        verbose_name="of the earlier text",
        help_text="Empty: a translation of the current text.",
    )
    language = models.CharField(
        max_length=35, validators=[language_code], help_text="Language code of the translation, e.g. 'en'."
    )
    kind = models.CharField(max_length=20, choices=TranslationKind.choices)
    text = models.TextField(help_text="The translation, paragraph by paragraph as the original. Blank line between paragraphs.")
    source = models.ForeignKey(
        Source,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="statement_translations",
        help_text="Where the translation was published.",
    )
    translator = models.CharField(max_length=300, blank=True, help_text="Who translated it, if not the issuer or the archive.")
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["language", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(kind__in=TranslationKind.values), name="translation_kind_valid"),
            models.CheckConstraint(condition=~models.Q(text=""), name="translation_has_text"),
            models.CheckConstraint(
                condition=~models.Q(kind=TranslationKind.THIRD_PARTY, source=None, translator=""),
                name="third_party_translation_says_whose",
            ),
            # One translation per language of each text: the language names its anchors.
            models.UniqueConstraint(
                fields=["statement", "language"],
                condition=models.Q(version=None),
                name="translation_language_unique",
                violation_error_message="This text already has a translation into this language.",
            ),
            models.UniqueConstraint(
                fields=["version", "language"],
                condition=~models.Q(version=None),
                name="version_translation_language_unique",
                violation_error_message="This text already has a translation into this language.",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} translation ({self.language})"

    def clean(self):
        errors = {}
        if self.kind == TranslationKind.THIRD_PARTY and not self.source_id and not self.translator.strip():
            errors["translator"] = "Say whose translation it is: choose its source or name the translator."
        # The statement as given (the archive's checks give an unsaved one), else as stored.
        statement = self._state.fields_cache.get("statement") or (self.statement if self.statement_id else None)
        if statement and self.version_id and self.version.statement_id != statement.pk:
            errors["version"] = "Choose an earlier text of the same statement."
        if statement and self.language and self.language.lower() == statement.language.lower():
            errors["language"] = "The statement is in this language already: a translation is into another one."
        if errors:
            raise ValidationError(errors)

    @property
    def anchor_prefix(self):
        """#s12-en for the current text's translation, #s12-v1-en for earlier text 1's; needs the
        statement's versions (prefetched) for the number."""
        if self.version_id is None:
            return f"s{self.statement_id}-{self.language}"
        return f"s{self.statement_id}-v{self._earlier_number()}-{self.language}"

    @property
    def token(self):
        """How the comparison page's address names it: "12-en" for the current text's
        translation, "12v1-en" for earlier text 1's (a text has one translation per language)."""
        if self.version_id is None:
            return f"{self.statement_id}-{self.language}"
        return f"{self.statement_id}v{self._earlier_number()}-{self.language}"

    def _earlier_number(self):
        """The number of the earlier text it translates (read from the prefetched versions)."""
        return next(n for n, v in enumerate(self.statement.versions.all(), 1) if v.pk == self.version_id)

    def numbered_paragraphs(self, original_ids):
        """(number, text) of each paragraph, aligned by position with the original's: the n-th
        paragraph takes the number of the original's n-th (`original_ids`), any beyond them the
        numbers after the original's highest."""
        ids = list(original_ids)
        paragraphs = split_paragraphs(self.text)
        last = max(ids, default=0)
        ids += range(last + 1, last + 1 + len(paragraphs) - len(ids))
        return list(zip(ids, paragraphs))


class Quote(models.Model):
    """A short verbatim quote from a statement, with who said it."""

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="quotes")
    text = models.TextField()
    speaker = models.ForeignKey("Person", null=True, blank=True, on_delete=models.PROTECT, related_name="quotes")
    speaker_label = models.CharField(
        max_length=300, blank=True, help_text="Where the speaker is not a person, e.g. 'Kremlin readout'."
    )
    sources = models.ManyToManyField(
        Source, blank=True, related_name="quotes", help_text="Where the archive read the quote, if not in all the statement's."
    )

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return self.text[:80]

    def clean(self):
        if not self.speaker_id and not self.speaker_label.strip():
            raise ValidationError("Say who said it: choose a person or describe the speaker.")


class Discrepancy(models.Model):
    """Where accounts of the same readout disagree; the versions are kept side by side."""

    readout = models.ForeignKey("Readout", on_delete=models.CASCADE, related_name="discrepancies")
    subject = models.CharField(max_length=300)
    resolution = models.TextField(blank=True, help_text="What the sources settle, if anything.")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name_plural = "discrepancies"

    def __str__(self):
        return self.subject


class DiscrepancyVersion(models.Model):
    discrepancy = models.ForeignKey(Discrepancy, on_delete=models.CASCADE, related_name="versions")
    says = models.TextField(help_text="What this account says.")
    issuer_label = models.CharField(max_length=300, blank=True, help_text="Whose account it is, e.g. 'Kremlin'.")
    statement = models.ForeignKey(
        Statement, null=True, blank=True, on_delete=models.SET_NULL, related_name="discrepancy_versions"
    )
    sources = models.ManyToManyField(Source, blank=True, related_name="discrepancy_versions")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self):
        return self.says[:80]

    def clean(self):
        if self.statement_id and self.discrepancy_id and self.statement.readout_id != self.discrepancy.readout_id:
            raise ValidationError({"statement": "Choose a statement of the same readout."})
