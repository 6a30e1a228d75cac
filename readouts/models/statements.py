"""Statements issued about a readout, where the archive read them, and where accounts differ."""

from difflib import SequenceMatcher

from django.core.exceptions import ValidationError
from django.db import models


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


class Source(models.Model):
    """A place where the archive read a statement: a publisher's page or a copy of it."""

    name = models.CharField(max_length=300, help_text="The publisher, e.g. 'UNN (Ukrainian National News)'.")
    url = models.URLField(max_length=1000, unique=True, help_text="The address where the copy was read.")
    published_on = models.DateField(null=True, blank=True)
    note = models.TextField(blank=True)
    is_synthetic = models.BooleanField(
        default=False, editable=False, help_text="Made by build_synthetic_archive for scale tests; never real."
    )

    class Meta:
        ordering = ["name", "id"]

    def __str__(self):
        return self.name


class Statement(models.Model):
    readout = models.ForeignKey("Readout", on_delete=models.CASCADE, related_name="statements")
    position = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(max_length=20, choices=StatementKind.choices)
    kind_note = models.CharField(max_length=200, blank=True, help_text="E.g. 'Truth Social post', 'Oval Office'.")
    title = models.CharField(max_length=300, blank=True, help_text="The statement's own headline, if it has one.")
    issuer_name = models.CharField(max_length=300, help_text="The issuing institution as the statement names it.")
    issuer = models.ForeignKey(
        "Organization", null=True, blank=True, on_delete=models.PROTECT, related_name="statements"
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
    cites = models.CharField(max_length=500, blank=True, help_text="What the source cites in turn, e.g. 'State Department website'.")
    official_url = models.URLField(max_length=1000, blank=True, help_text="The issuer's own address, if seen.")
    note = models.TextField(blank=True, help_text="Editor's note on provenance or reliability.")
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
    def body(self):
        return self.text if self.is_verbatim else self.summary

    @property
    def paragraphs(self):
        return split_paragraphs(self.body)

    @property
    def anchor(self):
        return f"s{self.pk}"

    @property
    def numbered_paragraphs(self):
        """(number, text) of each paragraph; the number is its anchor's: #s12-p3."""
        paragraphs = self.paragraphs
        if usable_ids(self.paragraph_ids, len(paragraphs)):
            return list(zip(self.paragraph_ids, paragraphs))
        return list(enumerate(paragraphs, start=1))

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


class Quote(models.Model):
    """A short verbatim quote from a statement, with who said it."""

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="quotes")
    text = models.TextField()
    speaker = models.ForeignKey("Person", null=True, blank=True, on_delete=models.PROTECT, related_name="quotes")
    speaker_label = models.CharField(
        max_length=300, blank=True, help_text="Where the speaker is not a person, e.g. 'Kremlin readout'."
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
