"""What makes a readout "of" a person, an organization or a topic: the one definition that the
appearance tables are derived from (tables(), written by readouts/appearances.py) and that the
pages, lists, filters, feeds, API and CSV read (appearances(), appearing()).
"""

from django.apps import apps as global_apps
from django.db.models import Q

from .models import (
    Organization,
    OrganizationAppearance,
    Participant,
    Person,
    PersonAppearance,
    Readout,
    Statement,
    Topic,
    TopicAppearance,
)


def tables(apps=global_apps):
    """[(model, columns, function(readouts) -> a queryset of rows in the columns' order)], from
    the models of `apps` (a migration passes its own); `readouts` is a queryset of published pks."""
    Participant, Readout, Statement, Commitment = (
        apps.get_model("readouts", name) for name in ("Participant", "Readout", "Statement", "Commitment")
    )

    def people(readouts):
        participants = Participant.objects.filter(readout__in=readouts).order_by()
        return participants.values_list("person", "readout", "readout__date").distinct()

    def organizations(readouts):
        listed = Readout.organizations.through.objects.filter(readout__in=readouts)
        represented = Participant.objects.filter(readout__in=readouts, represented__isnull=False).order_by()
        issued = Statement.objects.filter(readout__in=readouts, issuer__isnull=False).order_by()
        return listed.values_list("organization", "readout", "readout__date").union(  # UNION drops duplicates
            represented.values_list("represented", "readout", "readout__date"),
            issued.values_list("issuer", "readout", "readout__date"),
        )

    def topics(readouts):
        tagged = Readout.topics.through.objects.filter(readout__in=readouts)
        from_subtopics = tagged.filter(topic__parent__isnull=False)
        return tagged.values_list("topic", "readout", "readout__date").union(
            from_subtopics.values_list("topic__parent", "readout", "readout__date")
        )

    def roles(readouts):
        participants = Participant.objects.filter(readout__in=readouts).order_by()
        return participants.values_list("person", "title", "represented", "readout", "readout__date").distinct()

    def actors(through, entity):
        def commitments(readouts):
            rows = through.objects.filter(commitment__readout__in=readouts)
            return rows.values_list(
                entity, "commitment", "commitment__readout", "commitment__readout__date", "commitment__position"
            )

        return commitments

    commitment_columns = ["commitment_id", "readout_id", "date", "position"]
    return [
        (apps.get_model("readouts", "PersonAppearance"), ["person_id", "readout_id", "date"], people),
        (apps.get_model("readouts", "OrganizationAppearance"), ["organization_id", "readout_id", "date"], organizations),
        (apps.get_model("readouts", "TopicAppearance"), ["topic_id", "readout_id", "date"], topics),
        (apps.get_model("readouts", "PersonRole"), ["person_id", "title", "represented_id", "readout_id", "date"], roles),
        (
            apps.get_model("readouts", "PersonCommitment"),
            ["person_id", *commitment_columns],
            actors(Commitment.actor_people.through, "person"),
        ),
        (
            apps.get_model("readouts", "OrganizationCommitment"),
            ["organization_id", *commitment_columns],
            actors(Commitment.actor_organizations.through, "organization"),
        ),
    ]


# Which readouts belong to a person, an organization or a topic. Each is a Q over Readout that
# the list's filters and the entity's own page share, so that both always agree.


def with_person(person):
    """Readouts in which the person took part (as any participant)."""
    return Q(pk__in=Participant.objects.filter(person=person).values("readout"))


def involving_organization(organization):
    """Readouts an organization took part in: listed among the readout's organizations,
    represented by a participant, or issuing one of its statements. Bodies inside a country
    count for themselves only, not for the country.

    One IN over a UNION: PostgreSQL cannot turn three ORed IN-subqueries into joins and scanned
    every readout, probing each (390 ms with a topic filter at 100,000 readouts)."""
    listed = Readout.organizations.through.objects.filter(organization=organization).values("readout")
    represented = Participant.objects.filter(represented=organization).order_by().values("readout")
    issued = Statement.objects.filter(issuer=organization).order_by().values("readout")
    return Q(pk__in=listed.union(represented, issued))


def with_statement_kind(kind):
    """The ids of readouts with a statement of this kind (a joint statement, remarks...)."""
    return Statement.objects.filter(kind=kind).values("readout")


def topic_family(topic_pk):
    """A topic and its direct subtopics (Patriot under air defence)."""
    return Topic.objects.filter(Q(pk=topic_pk) | Q(parent=topic_pk)).values("pk")


def about_topic(topic):
    """Readouts tagged with the topic or with one of its direct subtopics."""
    tagged = Readout.topics.through.objects.filter(topic__in=topic_family(topic.pk))
    return Q(pk__in=tagged.values("readout"))


# The published readouts of a person, organization or topic, as the appearance tables hold them
# (models/appearances.py; the same meanings as the three definitions above, which also cover
# drafts and are what readouts/appearances.py derives the tables from).

APPEARANCES = {Person: PersonAppearance, Organization: OrganizationAppearance, Topic: TopicAppearance}


def appearances(entity):
    """The entity's appearance rows, newest readout first: its index answers a page of them."""
    model = APPEARANCES[type(entity)]
    return model.objects.filter(**{model.entity_field: entity}).order_by("-date", "-readout")


def appearing(entity):
    """Published readouts of the entity, as a Q over Readout."""
    return Q(pk__in=appearances(entity).order_by().values("readout"))


def readouts_of(entity):
    """Readouts of a person, an organization or a topic, drafts included, as a Q over Readout."""
    of = {Person: with_person, Organization: involving_organization, Topic: about_topic}
    return of[type(entity)](entity)
