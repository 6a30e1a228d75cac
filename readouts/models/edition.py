from django.db import models
from django.db.models import F
from django.utils import timezone


class ArchiveEdition(models.Model):
    """One row whose number goes up whenever anything in the archive changes.

    Cached pages and figures are stored under the edition they were computed from, so an edit
    retires them in every process at once, whichever cache each process has: the number is read
    from the database, which all processes share.
    """

    number = models.PositiveBigIntegerField(default=0)
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        default_permissions = ()  # kept by the application, never by editors
        constraints = [models.CheckConstraint(condition=models.Q(pk=1), name="archive_edition_single_row")]

    def __str__(self):
        return f"Edition {self.number} ({self.changed_at:%Y-%m-%d %H:%M})"

    @classmethod
    def current(cls):
        return cls.objects.filter(pk=1).values_list("number", flat=True).first() or 0

    @classmethod
    def read(cls):
        """The number and the moment of the last change."""
        return cls.objects.filter(pk=1).values_list("number", "changed_at").first() or (0, None)

    @classmethod
    def bump(cls):
        """Inside the editor's transaction, so readers see the new edition and the new rows
        together, at its commit, and never one without the other."""
        if not cls.objects.filter(pk=1).update(number=F("number") + 1, changed_at=timezone.now()):
            cls.objects.get_or_create(pk=1, defaults={"number": 1})
