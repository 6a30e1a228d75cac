"""The sitemap's sections: every public page, and no other.

The index lists each section's pages. The protocol allows 50,000 addresses a page, but Django
takes some 100 µs to write each (mostly reverse()): 5 s for a page that full. PER_PAGE keeps a
page to a fraction of a second, and 200,000 readouts to 100 pages. Each page runs a fixed number
of queries (a count and a slice), and the index one count per section and the readouts' latest
change.

Which pages are public follows their views: a readout or a commitment only if the readout is
published; a year or a month only if it has a published readout; a person, an organization or a
topic always, since their pages answer 200 even before any of their readouts is published.

Of the pages of pairs (readouts.relations), which exist for any two organizations or people,
only those of two top-level organizations (countries, international organizations) that share
a published readout are listed: a few hundred such organizations make at most tens of
thousands. Pairs of people or of bodies grow with the square of their number and add little a
search engine lacks: person and readout pages link them.
"""

from django.contrib.sitemaps import Sitemap
from django.db.models import F, Max
from django.urls import reverse

from ..models import (
    Commitment,
    Organization,
    OrganizationKind,
    OrganizationPair,
    Person,
    Readout,
    Topic,
)

PER_PAGE = 2000


class Section(Sitemap):
    limit = PER_PAGE


class PagesSitemap(Section):
    """The home page and the lists."""

    def items(self):
        return [
            "readouts:home",
            "readouts:readout_list",
            "readouts:person_list",
            "readouts:organization_list",
            "readouts:topic_list",
            "readouts:commitment_list",
        ]

    def location(self, name):
        return reverse(name)


class ArchivesSitemap(Section):
    """Years and months that have published readouts. From their distinct days, which the
    database reads from its index of published readouts by date alone (grouping by year and month
    in SQL, or asking each month's latest change, reads every readout: four times slower at 10,000)."""

    def items(self):
        days = Readout.objects.published().order_by().values_list("date", flat=True).distinct()
        months = sorted({(day.year, day.month) for day in days})
        years = sorted({year for year, _ in months})
        return [(year, None) for year in years] + months

    def location(self, archive):
        year, month = archive
        if month is None:
            return reverse("readouts:year_archive", args=[year])
        return reverse("readouts:month_archive", args=[year, month])


class ReadoutsSitemap(Section):
    """Published readouts, oldest first, so that a page of the sitemap keeps its addresses as the
    archive grows."""

    def items(self):
        return Readout.objects.published().only("pk", "date", "slug", "updated_at").order_by("pk")

    def lastmod(self, readout):
        return readout.updated_at

    def get_latest_lastmod(self):
        return Readout.objects.published().aggregate(latest=Max("updated_at"))["latest"]


class CommitmentsSitemap(Section):
    def items(self):
        return Commitment.objects.published().only("pk").order_by("pk")


class EntitySitemap(Section):
    model = None

    def items(self):
        return self.model.objects.public().only("pk", "slug").order_by("pk")


class PeopleSitemap(EntitySitemap):
    model = Person


class OrganizationsSitemap(EntitySitemap):
    model = Organization


class TopicsSitemap(EntitySitemap):
    model = Topic


class RelationsSitemap(Section):
    """Pairs of top-level organizations with a published readout together, news organizations
    aside (OrganizationPair holds their count both ways: listed once, in the address's order)."""

    def items(self):
        return (
            OrganizationPair.objects.filter(
                organization__parent=None, other__parent=None, organization__slug__lt=F("other__slug")
            )
            .exclude(organization__kind=OrganizationKind.MEDIA)  # a news organization is nobody's counterpart
            .values_list("organization__slug", "other__slug")
            .order_by("organization", "other")
        )

    def location(self, slugs):
        return reverse("readouts:relation_detail", args=slugs)


SITEMAPS = {
    "pages": PagesSitemap,
    "archives": ArchivesSitemap,
    "readouts": ReadoutsSitemap,
    "people": PeopleSitemap,
    "organizations": OrganizationsSitemap,
    "topics": TopicsSitemap,
    "commitments": CommitmentsSitemap,
    "relations": RelationsSitemap,
}
