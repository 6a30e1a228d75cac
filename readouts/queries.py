"""The figures the home page and the lists show: how many readouts each person, organization or
topic appears in, and the archive's size.

Every function here reads published readouts only, and each runs a fixed number of queries
whatever the archive's size: no count is ever computed with a query per row.
"""


from django.db.models import Count, Exists, OuterRef

from .membership import readout_counts
from .models import (
    Commitment,
    Organization,
    OrganizationKind,
    Person,
    PersonAppearance,
    Readout,
    Statement,
    Topic,
)


def person_readout_count():
    return Count("appearances")


def organization_readout_counts(among=None):
    return readout_counts(Organization, among)


def topic_readout_counts(among=None):
    return readout_counts(Topic, among)


def with_counts(entities, counts):
    """The entities as a list, each with its `readout_count`."""
    entities = list(entities)
    for entity in entities:
        entity.readout_count = counts[entity.pk]
    return entities


def most_appearing(entities, counts, limit):
    ranked = sorted(with_counts(entities, counts), key=lambda entity: (-entity.readout_count, entity.name))
    return [entity for entity in ranked[:limit] if entity.readout_count]


# The home page.


def archive_size():
    published = Readout.objects.published()
    return {
        "readouts": published.count(),
        "statements": Statement.objects.filter(readout__in=published).count(),
        # One probe of the index per person, not a DISTINCT over 500,000 appearances.
        "people": Person.objects.filter(Exists(PersonAppearance.objects.filter(person=OuterRef("pk")))).count(),
        "commitments": Commitment.objects.published().count(),
    }


def most_frequent_people(limit):
    return (
        Person.objects.annotate(readout_count=person_readout_count())
        .filter(readout_count__gt=0)
        .order_by("-readout_count", "sort_name", "name")[:limit]
    )


def most_frequent_countries(limit):
    countries = Organization.objects.filter(kind=OrganizationKind.COUNTRY)
    return most_appearing(countries, organization_readout_counts(among=countries), limit)


def most_frequent_topics(limit):
    return most_appearing(Topic.objects.all(), topic_readout_counts(), limit)
