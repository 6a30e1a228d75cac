"""The readout: one diplomatic engagement, its participants and its links to other readouts."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from .entities import OrganizationKind
from .reversing import readout_address
from .statements import Statement


class ReadoutFormat(models.TextChoices):
    PHONE_CALL = "phone_call", "Phone call"
    VIDEO_CALL = "video_call", "Video call"
    MEETING = "meeting", "Meeting"
    TALKS = "talks", "Talks"
    SUMMIT = "summit", "Summit"
    VISIT = "visit", "Visit"
    SIGNING_CEREMONY = "signing_ceremony", "Signing ceremony"
    PRESS_CONFERENCE = "press_conference", "Press conference"
    OTHER = "other", "Other"


class ReadoutVerbs:
    """What narrows a list of readouts, for querysets of readouts and of appearance rows alike
    (models/appearances.py), so that the list's filters narrow either (ReadoutFilter.readout_ids);
    `readout` is the path from a row to its readout's id."""

    readout = "pk"

    def of(self, entity):
        """Published readouts of a person, an organization or a topic (readouts.membership
        defines which), read from the entity's appearance rows. Chains: .of(person).of(topic)."""
        return self.filter(**{f"{self.readout}__in": entity.appearances.order_by().values("readout")})

    def with_statement_kind(self, kind):
        """Readouts with a statement of this kind (a joint statement, remarks...)."""
        return self.filter(**{f"{self.readout}__in": Statement.objects.filter(kind=kind).order_by().values("readout")})


class ReadoutQuerySet(ReadoutVerbs, models.QuerySet):
    def published(self):
        return self.filter(status=Readout.Status.PUBLISHED)

    def newest_first(self):
        return self.order_by("-date", "-id")


class Readout(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    title = models.CharField(max_length=300)
    slug = models.SlugField(max_length=200, help_text="Part of the address; unique among readouts of the same date.")
    date = models.DateField(help_text="The day of the engagement (its first day, for talks over several days).")
    end_date = models.DateField(null=True, blank=True, help_text="Last day, for talks over several days.")
    time = models.TimeField(null=True, blank=True, help_text="Local time, where known.")
    time_zone = models.CharField(max_length=64, blank=True, help_text="E.g. 'Europe/Kyiv' or 'ET', as the source gives it.")
    format = models.CharField(max_length=20, choices=ReadoutFormat.choices)
    # The place in three fields where the sources name it; `location` keeps what they do not
    # hold ("telephone; locations not stated", "venue not stated").
    venue = models.CharField(max_length=300, blank=True, help_text="The building or room, e.g. 'Diriyah Palace'.")
    city = models.CharField(max_length=200, blank=True, help_text="E.g. 'Riyadh'.")
    country = models.ForeignKey(
        "Organization",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="readouts_held",
        limit_choices_to={"kind": OrganizationKind.COUNTRY},
        help_text="The country it took place in.",
    )
    location = models.CharField(
        max_length=300,
        blank=True,
        help_text="What the place fields cannot say, e.g. 'telephone; locations not stated'.",
    )
    duration = models.CharField(max_length=200, blank=True, help_text="As the sources give it, e.g. 'about one hour'.")
    summary = models.TextField(help_text="The editor's short summary of the engagement.")
    background = models.TextField(
        blank=True, help_text="Context and outcome documented by the sources; paragraphs separated by a blank line."
    )
    organizations = models.ManyToManyField("Organization", blank=True, related_name="readouts")
    topics = models.ManyToManyField("Topic", blank=True, related_name="readouts")
    sources = models.ManyToManyField(
        "Source",
        blank=True,
        related_name="readouts",
        help_text="Where the archive read the engagement's own facts: place, duration, participants, background.",
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    is_synthetic = models.BooleanField(
        default=False, editable=False, help_text="Made by build_synthetic_archive for scale tests; never real."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ReadoutQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["date", "slug"], name="readout_slug_unique_per_date"),
            models.CheckConstraint(condition=models.Q(status__in=["draft", "published"]), name="readout_status_valid"),
            models.CheckConstraint(condition=models.Q(format__in=ReadoutFormat.values), name="readout_format_valid"),
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True) | models.Q(end_date__gte=models.F("date")),
                name="readout_ends_after_it_starts",
            ),
        ]
        indexes = [
            # The public list, archives and prev/next: published readouts, newest first.
            models.Index(fields=["status", "-date", "-id"], name="readout_published_date_idx"),
            # Filtering by format on the list.
            models.Index(fields=["status", "format", "-date"], name="readout_format_date_idx"),
        ]

    def __str__(self):
        return f"{self.title} ({self.date:%-d %B %Y})"

    def get_absolute_url(self):
        return readout_address(self.date, self.slug)

    @property
    def place(self):
        """Where it took place, in words: "Diriyah Palace, Riyadh, Saudi Arabia", then the location
        in brackets ("Riyadh, Saudi Arabia (venue not stated)"), or the location alone. Reads the
        country: select it with the readout."""
        place = ", ".join(part for part in (self.venue, self.city, self.country.name if self.country else "") if part)
        if place and self.location:
            return f"{place} ({self.location})"
        return place or self.location

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED

    def clean(self):
        errors = {}
        if self.date and self.date > timezone.localdate():
            errors["date"] = "A readout records an engagement that has happened: the date cannot be in the future."
        if self.date and self.end_date and self.end_date < self.date:
            errors["end_date"] = (
                f"The last day cannot come before the first: the end date ({self.end_date}) is before the date "
                f"({self.date}). Correct whichever is wrong; leave the end date empty for a one-day engagement."
            )
        # An archive's checks give a stand-in with no kind: the import leaves the kind to the file.
        if self.country_id and self.country.kind and self.country.kind != OrganizationKind.COUNTRY:
            errors["country"] = f"{self.country} is not a country: choose the country the engagement took place in."
        if self.date and self.slug:
            clash = Readout.objects.filter(date=self.date, slug=self.slug).exclude(pk=self.pk)
            if clash.exists():
                errors["slug"] = "Another readout of the same date already has this slug; choose another."
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if self.is_published and self.published_at is None:
            self.published_at = timezone.now()
        super().save(*args, **kwargs)


class ParticipantRole(models.TextChoices):
    PRINCIPAL = "principal", "Principal"
    HOST = "host", "Host"
    DELEGATION_MEMBER = "delegation_member", "Delegation member"
    ISSUER = "issuer", "Issuer of a statement"
    PARTICIPANT = "participant", "Participant"
    MENTIONED = "mentioned", "Mentioned"


# Roles of people who were not in the engagement: they only issued a statement about it, or
# are named in one.
NOT_TAKING_PART = frozenset({ParticipantRole.ISSUER, ParticipantRole.MENTIONED})


def role_text(role, role_note):
    """A part in a readout as every rendering states it, the role with the note that qualifies
    it: 'Delegation member (reported)', 'Issuer of a statement (joint statement)'."""
    label = ParticipantRole(role).label if role in ParticipantRole.values else role
    return f"{label} ({role_note})" if role_note else label


class Participant(models.Model):
    """A person's part in one readout, with the title they held on the day."""

    readout = models.ForeignKey(Readout, on_delete=models.CASCADE, related_name="participants")
    person = models.ForeignKey("Person", on_delete=models.PROTECT, related_name="participations")
    role = models.CharField(max_length=20, choices=ParticipantRole.choices, default=ParticipantRole.PRINCIPAL)
    role_note = models.CharField(max_length=200, blank=True, help_text="E.g. 'head of the US delegation'.")
    title = models.CharField(max_length=300, blank=True, help_text="The title they held at the time.")
    represented = models.ForeignKey(
        "Organization",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="representatives",
        help_text="Whom they represented.",
    )
    sources = models.ManyToManyField(
        "Source", blank=True, related_name="participants", help_text="Where the archive read their part and title."
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["readout", "person", "role"], name="participant_unique_role"),
            models.CheckConstraint(
                condition=models.Q(role__in=ParticipantRole.values), name="participant_role_valid"
            ),
        ]
        indexes = [
            # A person's page: their readouts; "people met most often" joins on readout.
            models.Index(fields=["person", "readout"], name="participant_person_idx"),
        ]

    def __str__(self):
        return f"{self.person} ({self.get_role_display()}) in {self.readout}"

    @property
    def takes_part(self):
        """Whether the sources place them in the engagement, with whatever caveat the role's
        note gives."""
        return self.role not in NOT_TAKING_PART

    @property
    def role_text(self):
        return role_text(self.role, self.role_note)


class ReadoutLinkKind(models.TextChoices):
    FOLLOWS_UP = "follows_up", "follows up on"
    RESPONDS_TO = "responds_to", "responds to"
    REFERS_TO = "refers_to", "refers to"


class ReadoutLink(models.Model):
    """A typed link from one readout to an earlier one it follows up on, responds to or refers to."""

    from_readout = models.ForeignKey(Readout, on_delete=models.CASCADE, related_name="links_out")
    to_readout = models.ForeignKey(Readout, on_delete=models.CASCADE, related_name="links_in")
    kind = models.CharField(max_length=20, choices=ReadoutLinkKind.choices, default=ReadoutLinkKind.FOLLOWS_UP)
    note = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["to_readout__date", "id"]
        constraints = [
            models.UniqueConstraint(fields=["from_readout", "to_readout", "kind"], name="readout_link_unique"),
            models.CheckConstraint(
                condition=~models.Q(from_readout=models.F("to_readout")), name="readout_link_not_to_itself"
            ),
            models.CheckConstraint(condition=models.Q(kind__in=ReadoutLinkKind.values), name="readout_link_kind_valid"),
        ]

    def __str__(self):
        return f"{self.from_readout} {self.get_kind_display()} {self.to_readout}"

    def clean(self):
        # The readout linking may be unsaved, with its date from its own form (the readout screen).
        origin = self._state.fields_cache.get("from_readout") or (self.from_readout if self.from_readout_id else None)
        target = self.to_readout if self.to_readout_id else None
        if origin is None or target is None or not origin.date or not target.date:
            return  # the day is wrong or missing, and said so at that field (or a stand-in of the import)
        if target.pk == origin.pk:
            raise ValidationError({"to_readout": "A readout cannot link to itself: choose the earlier readout it "
                                   f"{self.get_kind_display()}."})
        # Every kind points back in time: a readout follows up on, responds to or refers to one
        # that had happened by its own (last) day.
        last_day = max(origin.date, origin.end_date or origin.date)
        if target.date > last_day:
            raise ValidationError({"to_readout": (
                f"Choose an earlier (or same-day) readout: this readout {self.get_kind_display()} one that had "
                f"already happened, and {target} is after it ({last_day:%-d %B %Y}). To link the other way, add "
                "the link on the later readout's screen."
            )})
