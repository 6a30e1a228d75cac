"""Topics: what was discussed (themes) and where (places), in a hierarchy."""

from django.db import models

from .entities import Named, NamedQuerySet
from .hierarchy import validate_parent


class TopicKind(models.TextChoices):
    THEME = "theme", "Theme"
    PLACE = "place", "Place"


class Topic(Named, models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    kind = models.CharField(max_length=10, choices=TopicKind.choices, default=TopicKind.THEME)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text="The broader topic, e.g. 'Air defence' for 'Patriot'.",
    )
    description = models.TextField(blank=True)
    is_synthetic = models.BooleanField(
        default=False, editable=False, help_text="Made by build_synthetic_archive for scale tests; never real."
    )

    objects = NamedQuerySet.as_manager()
    page_view = "readouts:topic_detail"

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=models.Q(kind__in=TopicKind.values), name="topic_kind_valid"),
            models.CheckConstraint(condition=~models.Q(parent=models.F("pk")), name="topic_not_its_own_parent"),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        validate_parent(self, "A topic")
