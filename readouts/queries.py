"""Queries the public pages share: what counts as a readout "of" a person, organization or topic,
the counts the lists show, and the preloading a list of readouts needs.

Every function here reads published readouts only, and each runs a fixed number of queries
whatever the archive's size: counts are annotated in SQL, never computed per row.
"""

from django.db.models import Count, F, IntegerField, OuterRef, Prefetch, Q, Subquery

from .models import (
    Commitment,
    CommitmentStatus,
    Organization,
    OrganizationKind,
    Participant,
    ParticipantRole,
    Person,
    Readout,
    Statement,
    Topic,
)

PUBLISHED = Readout.Status.PUBLISHED


class SubqueryCount(Subquery):
    """The number of rows a subquery returns, as a column of the outer query."""

    template = "(SELECT COUNT(*) FROM (%(subquery)s) _count)"
    output_field = IntegerField()


def readout_cards(readouts):
    """Readouts as list entries show them: their principals, topics and number of statements.

    Three queries for any number of readouts (the list, principals, topics).
    """
    principals = Participant.objects.filter(role__in=[ParticipantRole.PRINCIPAL, ParticipantRole.HOST])
    return readouts.annotate(statement_count=Count("statements")).prefetch_related(
        Prefetch("participants", queryset=principals.select_related("person"), to_attr="principals"),
        Prefetch("topics", queryset=Topic.objects.order_by("kind", "name")),
    )


# Which readouts belong to a person, an organization or a topic. Each is a Q over Readout that
# the list's filters and the entity's own page share, so that both always agree.


def with_person(person):
    """Readouts in which the person took part (as any participant)."""
    return Q(pk__in=Participant.objects.filter(person=person).values("readout"))


def involving_organization(organization):
    """Readouts an organization took part in: listed among the readout's organizations,
    represented by a participant, or issuing one of its statements. Bodies inside a country
    count for themselves only, not for the country."""
    return (
        Q(pk__in=Readout.organizations.through.objects.filter(organization=organization).values("readout"))
        | Q(pk__in=Participant.objects.filter(represented=organization).values("readout"))
        | Q(pk__in=Statement.objects.filter(issuer=organization).values("readout"))
    )


def about_topic(topic):
    """Readouts tagged with the topic or with one of its direct subtopics (Patriot under air defence)."""
    tagged = Readout.topics.through.objects.filter(Q(topic=topic) | Q(topic__parent=topic))
    return Q(pk__in=tagged.values("readout"))


# Counts of published readouts, annotated on entity querysets.


def person_readout_count():
    return Count(
        "participations__readout",
        filter=Q(participations__readout__status=PUBLISHED),
        distinct=True,
    )


def organization_readout_count():
    return SubqueryCount(Readout.objects.published().filter(involving_organization(OuterRef(OuterRef("pk")))).values("pk"))


def topic_readout_count():
    return SubqueryCount(Readout.objects.published().filter(about_topic(OuterRef(OuterRef("pk")))).values("pk"))


# The home page.


def archive_size():
    published = Readout.objects.published()
    return {
        "readouts": published.count(),
        "statements": Statement.objects.filter(readout__in=published).count(),
        "people": Person.objects.filter(participations__readout__in=published).distinct().count(),
        "commitments": Commitment.objects.published().count(),
    }


def most_frequent_people(limit):
    return (
        Person.objects.annotate(readout_count=person_readout_count())
        .filter(readout_count__gt=0)
        .order_by("-readout_count", "sort_name", "name")[:limit]
    )


def most_frequent_countries(limit):
    return (
        Organization.objects.filter(kind=OrganizationKind.COUNTRY)
        .annotate(readout_count=organization_readout_count())
        .filter(readout_count__gt=0)
        .order_by("-readout_count", "name")[:limit]
    )


def most_frequent_topics(limit):
    return (
        Topic.objects.annotate(readout_count=topic_readout_count())
        .filter(readout_count__gt=0)
        .order_by("-readout_count", "name")[:limit]
    )


def open_commitments():
    return (
        Commitment.objects.published()
        .open()
        .select_related("readout")
        .order_by("-readout__date", "-readout__id", "position", "id")
    )


# One readout's page.


def related_readouts(readout, person_ids, topic_ids, limit=5):
    """Published readouts sharing people or topics with this one, most shared first, in one query."""
    candidates = Readout.objects.published().exclude(pk=readout.pk).filter(
        Q(pk__in=Participant.objects.filter(person__in=person_ids).values("readout"))
        | Q(pk__in=Readout.topics.through.objects.filter(topic__in=topic_ids).values("readout"))
    )
    return (
        candidates.annotate(
            shared_people=Count("participants__person", filter=Q(participants__person__in=person_ids), distinct=True),
            shared_topics=Count("topics", filter=Q(topics__in=topic_ids), distinct=True),
        )
        .annotate(shared=F("shared_people") + F("shared_topics"))
        .order_by("-shared", "-date", "-id")[:limit]
    )


def previous_readout(readout):
    earlier = Q(date__lt=readout.date) | Q(date=readout.date, pk__lt=readout.pk)
    return Readout.objects.published().filter(earlier).order_by("-date", "-id").first()


def next_readout(readout):
    later = Q(date__gt=readout.date) | Q(date=readout.date, pk__gt=readout.pk)
    return Readout.objects.published().filter(later).order_by("date", "id").first()


def open_status_values():
    return list(CommitmentStatus.open_values())
