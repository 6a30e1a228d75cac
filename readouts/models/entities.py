"""People and organizations: who speaks, who is represented, who issues statements."""

from django.db import models
from django.db.models import F, Value
from django.db.models.functions import Coalesce, NullIf, Substr, Upper

from .hierarchy import validate_parent
from .reversing import address, slug_addresses


def split_names(text):
    """Alternate names are stored one per line; blank lines are ignored."""
    return [line.strip() for line in text.splitlines() if line.strip()]


class NamedQuerySet(models.QuerySet):
    """People, organizations or topics."""

    def public(self):
        """Those in at least one published readout (membership.py's "of"): the ones with a count
        row, which derived.py writes from the published readouts' appearance rows. One named
        only in drafts, or in nothing yet, has no page, no place in a list, sitemap, feed,
        filter or the API, so that no reader learns of a name before the editors publish it."""
        return self.filter(count__isnull=False)


class Named:
    """What people, organizations and topics share: a page, named `page_view` in the URLconf,
    whose only argument is the slug."""

    page_view = None

    def get_absolute_url(self):
        return address(self.page_view, self.slug)

    @classmethod
    def addresses(cls):
        """get_absolute_url() as a function of the slug, for a list of links (slug_addresses())."""
        return slug_addresses(cls.page_view)

    @property
    def is_public(self):
        """Whether it has a page (NamedQuerySet.public()): its count row, read with it through
        select_related("count") (a query of its own otherwise)."""
        return hasattr(self, "count")


class OrganizationKind(models.TextChoices):
    COUNTRY = "country", "Country"
    GOVERNMENT_BODY = "government_body", "Government body"
    INTERNATIONAL = "international", "International organization"
    MEDIA = "media", "News organization"
    OTHER = "other", "Other"


class Organization(Named, models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=OrganizationKind.choices)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text="The country (or larger body) this body sits inside.",
    )
    alternate_names = models.TextField(blank=True, help_text="Other names and spellings, one per line.")
    description = models.TextField(blank=True)
    is_synthetic = models.BooleanField(
        default=False, editable=False, help_text="Made by build_synthetic_archive for scale tests; never real."
    )

    objects = NamedQuerySet.as_manager()
    page_view = "readouts:organization_detail"

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=OrganizationKind.values),
                name="organization_kind_valid",
            ),
            models.CheckConstraint(
                condition=~models.Q(parent=models.F("pk")),
                name="organization_not_its_own_parent",
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        validate_parent(self, "An organization")

    @property
    def alternate_name_list(self):
        return split_names(self.alternate_names)


def person_sort_key(path=""):
    """What puts people in alphabetical order: the sort name, or the name where it is blank (then
    "name" breaks ties). `path` reaches the person from another model, e.g. "person__"."""
    return Coalesce(NullIf(f"{path}sort_name", Value("")), f"{path}name")


PERSON_SORT_KEY = person_sort_key()
# Alphabetical lists of people are grouped by the sort key's initial (letters in upper case).
PERSON_INITIAL = Upper(Substr(PERSON_SORT_KEY, 1, 1))


class Person(Named, models.Model):
    name = models.CharField(max_length=200, help_text="The name as the archive spells it.")
    slug = models.SlugField(max_length=200, unique=True)
    sort_name = models.CharField(max_length=200, blank=True, help_text="For alphabetical lists, e.g. 'Zelenskyy, Volodymyr'.")
    alternate_names = models.TextField(
        blank=True, help_text="Other spellings found in sources (Zelensky, Zelenskiy), one per line."
    )
    organization = models.ForeignKey(
        Organization,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
        help_text="The country or organization this person usually represents.",
    )
    description = models.TextField(blank=True)
    is_synthetic = models.BooleanField(
        default=False, editable=False, help_text="Made by build_synthetic_archive for scale tests; never real."
    )

    objects = NamedQuerySet.as_manager()
    page_view = "readouts:person_detail"

    class Meta:
        ordering = [PERSON_SORT_KEY.asc(), "name"]
        verbose_name_plural = "people"
        indexes = [
            # The default ordering: the admin's list of people and its autocomplete.
            models.Index(PERSON_SORT_KEY, F("name"), name="person_sort_idx"),
            # The list of people, a page at a time, and its initials.
            models.Index(PERSON_INITIAL, PERSON_SORT_KEY, F("name"), name="person_initial_idx"),
        ]

    @property
    def public_organization(self):
        """The organization the person usually represents, if it has a page (None if it is named
        in no published readout yet): what public pages and the API show. Read with
        select_related("organization__count")."""
        organization = self.organization
        return organization if organization is not None and organization.is_public else None

    def __str__(self):
        return self.name

    @property
    def alternate_name_list(self):
        return split_names(self.alternate_names)
