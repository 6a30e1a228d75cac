"""Figures of the archive: the home page's (its size, the people, countries and topics with the
most readouts) and each person's, organization's and topic's count of published readouts, which
the lists show.

A count is read from the count tables (models.PersonCount...), which the write path
(readouts/derived.py) keeps equal to the appearance rows: an index gives the most frequent, and
no request groups every appearance of the archive (2.6-4.2 s at 100,000 readouts did, on the
first visit to the home page after each edit).
"""

from collections import Counter

from django.db.models import Count, Sum

from .models import (
    Organization,
    OrganizationCount,
    OrganizationKind,
    Person,
    PersonCount,
    ReadoutSize,
    Topic,
    TopicCount,
)

COUNTS = {Person: PersonCount, Organization: OrganizationCount, Topic: TopicCount}


def readout_counts(model, among=None):
    """{pk: published readouts} for people, organizations or topics (`model`), for the pks
    `among` (a queryset or list) or all; 0 for those without."""
    count = COUNTS[model]
    rows = count.objects.all()
    if among is not None:
        rows = rows.filter(pk__in=among)
    return Counter(dict(rows.values_list("pk", "readouts")))


def counted(entities):
    """The people, organizations or topics (a list, of one kind), each with its `readout_count`:
    one query, for these only."""
    entities = list(entities)
    if entities:
        with_counts(entities, readout_counts(type(entities[0]), [entity.pk for entity in entities]))
    return entities


def with_counts(entities, counts):
    """The entities as a list, each with its `readout_count`."""
    entities = list(entities)
    for entity in entities:
        entity.readout_count = counts[entity.pk]
    return entities


def counted_public(entities):
    """The public ones of these people, organizations or topics (a queryset), each with its
    `readout_count`, read with it from its count row: one query."""
    return _from_count_rows(entities.public().select_related("count"))


def most_appearing(entities, limit, ties=("name",)):
    """The `limit` entities (a queryset) with the most published readouts, each with its
    `readout_count`: the count table's index read from the top."""
    ranked = entities.filter(count__isnull=False).order_by("-count__readouts", *ties).select_related("count")
    return _from_count_rows(ranked[:limit])


def _from_count_rows(entities):
    """The entities (read with their count row) as a list, each with its `readout_count`."""
    entities = list(entities)
    for entity in entities:
        entity.readout_count = entity.count.readouts
    return entities


def archive_size():
    """Published readouts, their statements and commitments, and the people in them: sums over
    one row per readout (counting statements joined to readouts took 20 ms at 20,000 readouts
    on SQLite, 2 ms this way)."""
    sizes = ReadoutSize.objects.aggregate(readouts=Count("*"), statements=Sum("statements"), commitments=Sum("commitments"))
    return {
        "readouts": sizes["readouts"],
        "statements": sizes["statements"] or 0,
        "people": PersonCount.objects.count(),
        "commitments": sizes["commitments"] or 0,
    }


def most_frequent_people(limit):
    return most_appearing(Person.objects.all(), limit, ties=("sort_name", "name"))


def most_frequent_countries(limit):
    return most_appearing(Organization.objects.filter(kind=OrganizationKind.COUNTRY), limit)


def most_frequent_topics(limit):
    return most_appearing(Topic.objects.all(), limit)
