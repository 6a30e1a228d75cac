"""Commitments a readout records, and the dated updates that follow them to later readouts."""

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from .reversing import address


class CommitmentStatus(models.TextChoices):
    ANNOUNCED = "announced", "Announced"
    IN_PROGRESS = "in_progress", "In progress"
    FULFILLED = "fulfilled", "Fulfilled"
    FULFILLED_LATE = "fulfilled_late", "Fulfilled late"
    FULFILLED_WITH_VARIANCE = "fulfilled_with_variance", "Fulfilled with variance"
    PARTLY_FULFILLED = "partly_fulfilled", "Partly fulfilled"
    CONTESTED = "contested", "Contested"
    STALLED = "stalled", "Stalled"
    NOT_IMPLEMENTED = "not_implemented", "Not implemented"
    NOT_FULFILLED_IN_PERIOD = "not_fulfilled_in_period", "Not fulfilled in the period"
    ABANDONED = "abandoned", "Abandoned"
    SUPERSEDED = "superseded", "Superseded"
    UNKNOWN = "unknown", "Unknown"

    @classmethod
    def open_values(cls):
        """Statuses of a commitment whose outcome is still pending."""
        return [cls.ANNOUNCED, cls.IN_PROGRESS, cls.STALLED, cls.UNKNOWN]

    @classmethod
    def groups(cls):
        """[(key, label, statuses)]: how the tracker's table and charts group the thirteen
        statuses into five outcomes a reader can compare at a glance. Every status is in
        exactly one group; the pending group is open_values()."""
        return [
            ("kept", "Kept", [cls.FULFILLED, cls.FULFILLED_LATE, cls.FULFILLED_WITH_VARIANCE]),
            ("partly", "Partly kept", [cls.PARTLY_FULFILLED]),
            ("pending", "Pending", cls.open_values()),
            ("not_kept", "Not kept", [cls.NOT_IMPLEMENTED, cls.NOT_FULFILLED_IN_PERIOD, cls.ABANDONED]),
            ("disputed", "Contested or superseded", [cls.CONTESTED, cls.SUPERSEDED]),
        ]


class CommitmentVerbs:
    """What narrows and counts commitments, for querysets of commitments and of an actor's
    commitment rows alike (models/appearances.py, which carry the status, the due date and the
    readout's date), so that the tracker's filters, tallies and chart read either.
    `commitment` is the path from a row to its commitment's id, `made_on` to its readout's date."""

    commitment = "pk"
    made_on = "readout__date"

    def open(self):
        return self.filter(status__in=CommitmentStatus.open_values())

    def overdue(self, today=None):
        """Open commitments whose due date has passed: due yesterday or earlier, by the site's
        calendar (TIME_ZONE). Only the due date counts: a timeframe in words ("in the coming
        days") is not read; editors give the date a timeframe implies as the due date."""
        return self.filter(overdue(today))


class CommitmentQuerySet(CommitmentVerbs, models.QuerySet):
    def published(self):
        return self.filter(readout__status="published")


def overdue(today=None):
    """CommitmentVerbs.overdue()'s condition, to count overdue commitments beside others in
    one query (a subquery of the overdue ones took 60 ms of a country's tallies at 100,000)."""
    return models.Q(status__in=CommitmentStatus.open_values(), due_date__lt=today or timezone.localdate())


class Commitment(models.Model):
    readout = models.ForeignKey("Readout", on_delete=models.CASCADE, related_name="commitments")
    statement = models.ForeignKey(
        "Statement",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="commitments",
        help_text="The statement that records it.",
    )
    actor_label = models.CharField(
        max_length=300, help_text="Who committed, as the statement puts it, e.g. 'United States and Russia'."
    )
    actor_people = models.ManyToManyField("Person", blank=True, related_name="commitments")
    actor_organizations = models.ManyToManyField("Organization", blank=True, related_name="commitments")
    counterpart = models.CharField(max_length=300, blank=True, help_text="To whom, where the statement says.")
    description = models.TextField(help_text="What was committed, in the editor's words.")
    exact_words = models.TextField(blank=True, help_text="The statement's own words, where there are some.")
    timeframe = models.CharField(max_length=200, blank=True, help_text="As stated, e.g. 'in the coming days'.")
    due_date = models.DateField(
        null=True,
        blank=True,
        help_text="The date it falls due: the one stated, or the one a timeframe implies (\"within 30 days\" of "
        "the readout). An open commitment past it counts as overdue.",
    )
    status = models.CharField(max_length=30, choices=CommitmentStatus.choices, default=CommitmentStatus.ANNOUNCED)
    sources = models.ManyToManyField(
        "Source", blank=True, related_name="commitments", help_text="Where the archive read the commitment."
    )
    position = models.PositiveSmallIntegerField(default=0)

    objects = CommitmentQuerySet.as_manager()

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=CommitmentStatus.values), name="commitment_status_valid"
            ),
        ]
        indexes = [
            # Open commitments on the home page and the status filter.
            models.Index(fields=["status", "readout"], name="commitment_status_idx"),
        ]

    def __str__(self):
        return f"{self.actor_label}: {self.description[:80]}"

    def get_absolute_url(self):
        return address("readouts:commitment_detail", self.pk)

    @property
    def recorded_at(self):
        """Its readout, also while it is entered under a statement of a readout being entered (so
        none of them has an id yet); None when neither is known. A missing relation raises
        RelatedObjectDoesNotExist, an AttributeError."""
        return getattr(self, "readout", None) or getattr(self.statement, "readout", None)

    def clean(self):
        if self.statement_id and self.readout_id and self.statement.readout_id != self.readout_id:
            raise ValidationError({"statement": "Choose a statement of the same readout."})
        readout = self.recorded_at
        if self.due_date and readout and readout.date and self.due_date < readout.date:
            raise ValidationError({"due_date": (
                f"A commitment cannot fall due before the readout that records it: the due date ({self.due_date}) "
                f"is before the readout's date ({readout.date}). Correct the due date, or leave it empty and give "
                "the timeframe in words."
            )})

    def save(self, *args, **kwargs):
        # Entered under a statement, a commitment belongs to that statement's readout.
        if self.readout_id is None and self.statement_id is not None:
            self.readout_id = self.statement.readout_id
        super().save(*args, **kwargs)

    def sync_status(self):
        """The current status is the latest dated update's, or 'announced' when there is none."""
        latest = self.updates.order_by(models.F("date").desc(nulls_last=True), "-id").first()
        status = latest.status if latest else CommitmentStatus.ANNOUNCED
        if status != self.status:
            self.status = status
            Commitment.objects.filter(pk=self.pk).update(status=status)


class CommitmentUpdate(models.Model):
    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="updates")
    date = models.DateField(null=True, blank=True, help_text="Leave empty only where the sources give no date.")
    status = models.CharField(max_length=30, choices=CommitmentStatus.choices)
    note = models.TextField(blank=True)
    evidence = models.ForeignKey(
        "Readout",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="evidence_for",
        help_text="The later readout that shows what became of the commitment.",
    )
    sources = models.ManyToManyField(
        "Source", blank=True, related_name="commitment_updates", help_text="Where the archive read the outcome."
    )

    class Meta:
        ordering = [models.F("date").asc(nulls_last=True), "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=CommitmentStatus.values), name="commitment_update_status_valid"
            ),
        ]
        # Migration 0019 adds commitment_update_newest_idx: newest first, undated last, the order a
        # scorecard reads updates in until five are the actor's (sorting all of them took 37 ms at
        # 100,000 readouts on PostgreSQL). Not declared here: SQLite cannot index NULLS LAST.

    def __str__(self):
        return f"{self.get_status_display()} ({self.date or 'undated'})"

    def clean(self):
        # The commitment is unsaved (no commitment_id) when both are entered on the readout's screen.
        commitment = getattr(self, "commitment", None)
        readout = commitment.recorded_at if commitment is not None else None
        if self.date and readout and readout.date and self.date < readout.date:
            raise ValidationError(
                {"date": f"An update cannot be dated before the readout that records the commitment: this update's "
                 f"date ({self.date}) is before that readout's date ({readout.date}). Correct the update's date, or "
                 "leave it empty if the sources give none."}
            )

    # In one transaction with the commitment's new status, so that what is derived from the
    # readout (its commitments' rows carry the status) is refreshed after both, not between them.
    def save(self, *args, **kwargs):
        with transaction.atomic():
            super().save(*args, **kwargs)
            self.commitment.sync_status()

    def delete(self, *args, **kwargs):
        with transaction.atomic():
            result = super().delete(*args, **kwargs)
            self.commitment.sync_status()
        return result
