"""The sitemap's sections: every public page, and no other.

The index lists each section's pages (a section holds at most 50,000 addresses, and 200,000
readouts need several). Each section's page runs a fixed number of queries (a count and a slice),
and the index one count per section plus the latest change of those that have one.

Which pages are public follows their views: a readout or a commitment only if the readout is
published; a year or a month only if it has a published readout; a person, an organization or a
topic always, since their pages answer 200 even before any of their readouts is published.
"""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.db.models.functions import ExtractMonth, ExtractYear
from django.urls import reverse

from ..models import Commitment, Organization, Person, Readout, Topic


class PagesSitemap(Sitemap):
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


class ArchivesSitemap(Sitemap):
    """Years and months that have published readouts, each last changed when its newest-edited
    readout was."""

    def items(self):
        published = Readout.objects.published().order_by()
        years = (
            published.annotate(year=ExtractYear("date"))
            .values("year")
            .annotate(lastmod=Max("updated_at"))
            .order_by("year")
        )
        months = (
            published.annotate(year=ExtractYear("date"), month=ExtractMonth("date"))
            .values("year", "month")
            .annotate(lastmod=Max("updated_at"))
            .order_by("year", "month")
        )
        return [*years, *months]

    def location(self, archive):
        if "month" in archive:
            return reverse("readouts:month_archive", args=[archive["year"], archive["month"]])
        return reverse("readouts:year_archive", args=[archive["year"]])

    def lastmod(self, archive):
        return archive["lastmod"]

    def get_latest_lastmod(self):
        return Readout.objects.published().aggregate(latest=Max("updated_at"))["latest"]


class ReadoutsSitemap(Sitemap):
    """Published readouts, oldest first, so that a page of the sitemap keeps its addresses as the
    archive grows."""

    def items(self):
        return Readout.objects.published().only("pk", "date", "slug", "updated_at").order_by("pk")

    def lastmod(self, readout):
        return readout.updated_at

    def get_latest_lastmod(self):
        return Readout.objects.published().aggregate(latest=Max("updated_at"))["latest"]


class CommitmentsSitemap(Sitemap):
    def items(self):
        return Commitment.objects.published().only("pk").order_by("pk")


class EntitySitemap(Sitemap):
    model = None

    def items(self):
        return self.model.objects.only("pk", "slug").order_by("pk")


class PeopleSitemap(EntitySitemap):
    model = Person


class OrganizationsSitemap(EntitySitemap):
    model = Organization


class TopicsSitemap(EntitySitemap):
    model = Topic


SITEMAPS = {
    "pages": PagesSitemap,
    "archives": ArchivesSitemap,
    "readouts": ReadoutsSitemap,
    "people": PeopleSitemap,
    "organizations": OrganizationsSitemap,
    "topics": TopicsSitemap,
    "commitments": CommitmentsSitemap,
}
