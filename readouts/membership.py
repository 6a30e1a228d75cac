"""What makes a readout "of" a person, an organization or a topic, defined once: routes().

A readout is of
- a person who took part in it, spoke one of its statements, is quoted in one, or is among the
  actors of one of its commitments;
- an organization listed among its organizations, represented by a participant, issuing one of
  its statements or among the actors of a commitment, and of every body the organization sits
  inside (a readout of the White House is one of the United States too);
- a topic it is tagged with or one of its statements is, and every broader topic above that one
  (Patriot counts for air defence).

The definition has two readings. tables() gives published readouts' appearance rows, which
readouts/derived.py writes and every public surface reads through
Readout.objects.published().of(entity): pages, lists, filters, feeds, the API, CSV and search
facets. readouts_of(entity) gives the same as a Q over every readout, drafts included.
"""


from django.apps import apps as global_apps
from django.db.models import Q, Value

from .models import (
    Organization,
    OrganizationAppearance,
    Person,
    PersonAppearance,
    Topic,
    TopicAppearance,
    hierarchy,
)

# The part a person had in a readout they were no participant of, by route, as their page says
# it (a participant's role and title say more, and the page shows those instead).
SPOKE, QUOTED, COMMITTED = "Spoke in a statement", "Quoted", "Among a commitment's actors"


def routes(apps=global_apps):
    """{entity model: [(row model, path from a row to the entity, path to its readout, part)]}:
    the rows through which a readout names a person, an organization or a topic."""
    model = lambda name: apps.get_model("readouts", name)  # noqa: E731
    Readout, Statement, Commitment = model("Readout"), model("Statement"), model("Commitment")
    return {
        model("Person"): [
            (model("Participant"), "person", "readout", None),
            (Statement.speakers.through, "person", "statement__readout", SPOKE),
            (model("Quote"), "speaker", "statement__readout", QUOTED),
            (Commitment.actor_people.through, "person", "commitment__readout", COMMITTED),
        ],
        model("Organization"): [
            (Readout.organizations.through, "organization", "readout", None),
            (model("Participant"), "represented", "readout", None),
            (Statement, "issuer", "readout", None),
            (Statement.joint_issuers.through, "organization", "statement__readout", None),
            (Commitment.actor_organizations.through, "organization", "commitment__readout", None),
        ],
        model("Topic"): [
            (Readout.topics.through, "topic", "readout", None),
            (Statement.topics.through, "topic", "statement__readout", None),
        ],
    }


def nesting(entity_model):
    """How many levels of parents the model's rows have (0 for people; the sample archive's
    places have three: Oval Office < White House < Washington < United States). One query of
    the whole hierarchy, a few hundred rows at most."""
    if not any(field.name == "parent" for field in entity_model._meta.fields):
        return 0
    return hierarchy.depth(dict(entity_model.objects.values_list("pk", "parent")))


def paths(entity_model, apps=global_apps):
    """Every (row model, path to the entity, path to the readout, part) leading from a readout
    to the entity, its routes followed up through every level of parents."""
    levels = range(nesting(entity_model) + 1)
    return [
        (rows, "__".join([entity, *["parent"] * level]), readout, part)
        for rows, entity, readout, part in routes(apps)[entity_model]
        for level in levels
    ]


def appearance_rows(entity_model, apps=global_apps):
    """function(readouts) -> (entity, readout, date) rows of the readouts (a queryset of pks)."""

    def rows(readouts):
        selects = [
            model.objects.filter(**{f"{readout}__in": readouts, f"{entity}__isnull": False})
            .order_by()
            .values_list(entity, readout, f"{readout}__date")
            for model, entity, readout, _ in paths(entity_model, apps)
        ]
        return selects[0].union(*selects[1:])  # UNION drops duplicates

    return rows


def tables(apps=global_apps):
    """[(model, columns, function(readouts) -> a queryset of rows in the columns' order)], from
    the models of `apps`; `readouts` is a queryset of published pks."""
    model = lambda name: apps.get_model("readouts", name)  # noqa: E731
    Participant, Commitment = model("Participant"), model("Commitment")

    def roles(readouts):
        participants = Participant.objects.filter(readout__in=readouts).order_by()
        return participants.values_list("person", "title", "represented", "readout", "readout__date").distinct()

    def actors(through, entity):
        """Rows of the commitments' actors, each followed up through every level of parents: a
        commitment of the White House is one of the United States too."""

        def commitments(readouts):
            levels = nesting(model(entity.title()))
            selects = [
                through.objects.filter(commitment__readout__in=readouts, **{f"{actor}__isnull": False})
                .order_by()
                .values_list(actor, *(f"commitment__{column}" for column in commitment_fields))
                for actor in ("__".join([entity, *["parent"] * level]) for level in range(levels + 1))
            ]
            return selects[0].union(*selects[1:]) if levels else selects[0]  # UNION drops duplicates

        return commitments

    appearance_columns = ["readout_id", "date"]
    # What the tracker's tallies read of a commitment (status, due date) is kept with its row.
    commitment_fields = ["id", "readout", "readout__date", "position", "status", "due_date"]
    commitment_columns = ["commitment_id", "readout_id", "date", "position", "status", "due_date"]
    return [
        *(
            (model(f"{name}Appearance"), [f"{name.lower()}_id", *appearance_columns], appearance_rows(model(name), apps))
            for name in ("Person", "Organization", "Topic")
        ),
        (model("PersonRole"), ["person_id", "title", "represented_id", "readout_id", "date"], roles),
        (
            model("PersonCommitment"),
            ["person_id", *commitment_columns],
            actors(Commitment.actor_people.through, "person"),
        ),
        (
            model("OrganizationCommitment"),
            ["organization_id", *commitment_columns],
            actors(Commitment.actor_organizations.through, "organization"),
        ),
    ]


def readouts_of(entity):
    """Readouts of a person, an organization or a topic, drafts included, as a Q over Readout.

    One IN over a UNION: PostgreSQL cannot turn ORed IN-subqueries into joins and scanned every
    readout, probing each (390 ms for an organization with a topic filter at 100,000 readouts)."""
    selects = [
        model.objects.filter(**{entity_path: entity}).order_by().values(readout)
        for model, entity_path, readout, _ in paths(type(entity))
    ]
    return Q(pk__in=selects[0].union(*selects[1:]))


def parts(person, readout_ids):
    """{readout id: [SPOKE, QUOTED, COMMITTED, as they apply]}: what the person did in these
    readouts besides taking part, in one query."""
    selects = [
        model.objects.filter(**{entity: person, f"{readout}__in": readout_ids})
        .order_by()
        .values_list(readout, Value(part))
        for model, entity, readout, part in routes()[Person]
        if part
    ]
    found = {}
    for readout, part in selects[0].union(*selects[1:]):
        found.setdefault(readout, set()).add(part)
    order = [part for *_, part in routes()[Person]]
    return {readout: sorted(done, key=order.index) for readout, done in found.items()}


# The published readouts of a person, organization or topic, as the appearance tables hold them
# (Readout.objects.published().of(entity) reads them too).

APPEARANCES = {Person: PersonAppearance, Organization: OrganizationAppearance, Topic: TopicAppearance}


def appearances(entity):
    """The entity's appearance rows, newest readout first: its index answers a page of them."""
    model = APPEARANCES[type(entity)]
    return model.objects.filter(**{model.entity_field: entity}).order_by("-date", "-readout")
