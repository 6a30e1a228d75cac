"""The appearance tables and the counts beside them (readouts/derived.py) always hold what the
definitions in readouts.membership give for published readouts: after a rebuild, and after
every kind of edit, once it commits."""

import datetime

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from readouts import derived, membership
from readouts.models import (
    Organization,
    OrganizationAppearance,
    OrganizationCount,
    Participant,
    Person,
    PersonAppearance,
    PersonCount,
    PersonPair,
    Readout,
    Representative,
    Topic,
    TopicAppearance,
    TopicCount,
)

from .admin_helpers import add_readout, readout_fields
from .archive_helpers import SAMPLE, load_sample
from .factories import (
    make_commitment,
    make_organization,
    make_participant,
    make_person,
    make_readout,
    make_statement,
    make_topic,
)

def rows_of(entity):
    return set(membership.appearances(entity).values_list("readout", "date"))


def defined(entity):
    readouts = Readout.objects.published().filter(membership.readouts_of(entity))
    return set(readouts.values_list("pk", "date"))


def assert_all_agree():
    entities = [*Person.objects.all(), *Organization.objects.all(), *Topic.objects.all()]
    assert entities
    for entity in entities:
        assert rows_of(entity) == defined(entity), entity


def test_the_sample_archive_agrees_with_the_definitions(db):
    load_sample()
    assert TopicAppearance.objects.exists()
    assert_all_agree()


def every_row():
    counts = [count.model for entity_counts in derived.counts().values() for count in entity_counts]
    models = [*(model for model, _, _ in membership.tables()), *counts]
    return {model: set(model.objects.values_list(*columns(model))) for model in models}


def columns(model):
    return [field.attname for field in model._meta.local_fields if field.name != "id"]


def test_edits_give_what_a_rebuild_gives(world):
    """Rows written edit by edit (pairs counted up and down) equal those derived at once."""
    country, person, broad, narrow, readout, draft = world
    other, third = make_person(), make_person()
    for each in (readout, draft):
        make_participant(each, person, represented=country, title="Foreign Minister")
        make_participant(each, other, title="President")
    make_participant(readout, third, title="")
    make_commitment(readout, actor_people=[person, other]).actor_organizations.add(country)
    make_commitment(draft, actor_people=[person])
    readout.topics.add(narrow)
    make_statement(readout, issuer=country)
    Participant.objects.filter(person=third).delete()
    draft.status = Readout.Status.PUBLISHED
    draft.save()
    edited = every_row()
    assert edited[PersonPair] == {(person.pk, other.pk, 2), (other.pk, person.pk, 2)}
    assert edited[Representative] == {(country.pk, person.pk, 2)}
    call_command("rebuild_derived", verbosity=0)
    assert every_row() == edited
    readout.delete()
    assert every_row()[PersonPair] == {(person.pk, other.pk, 1), (other.pk, person.pk, 1)}
    assert every_row()[Representative] == {(country.pk, person.pk, 1)}
    deleted = every_row()
    call_command("rebuild_derived", verbosity=0)
    assert every_row() == deleted


@pytest.mark.django_db(transaction=True)  # migrating changes the schema, so no test transaction
def test_migrating_an_archive_derives_what_a_rebuild_gives():
    """Migration 0009 derives the rows with SQL of its own: they equal what the code derives."""
    call_command("loaddata", str(SAMPLE), verbosity=0)  # raw: derives nothing
    before = ("readouts", "0008_archive_edition")
    try:
        executor = MigrationExecutor(connection)
        executor.migrate([before])
        assert "readouts_personappearance" not in connection.introspection.table_names()
        # A draft, written with the models as they were: it must get no rows.
        readouts = executor.loader.project_state(before).apps.get_model("readouts", "Readout").objects
        draft = readouts.filter(status="published", participants__isnull=False).first().pk
        readouts.filter(pk=draft).update(status="draft")
    finally:
        executor = MigrationExecutor(connection)  # a fresh one, which sees 0008 as the last applied
        executor.migrate(executor.loader.graph.leaf_nodes())
    migrated = every_row()
    assert all(migrated.values()), [model for model, rows in migrated.items() if not rows]
    assert draft not in {readout for _, readout, _ in migrated[PersonAppearance]}
    call_command("rebuild_derived", verbosity=0)
    rebuilt = every_row()
    # 0009 froze the meaning of its day; membership has since grown (speakers, quotes, commitment
    # actors, bodies inside a country, every level of subtopics), which a rebuild brings in, and
    # the readout counts with it.
    broader = {PersonAppearance, OrganizationAppearance, TopicAppearance}
    recounted = {PersonCount, OrganizationCount, TopicCount}
    assert {model: rows for model, rows in rebuilt.items() if model not in broader | recounted} == {
        model: rows for model, rows in migrated.items() if model not in broader | recounted
    }
    for model in broader:
        assert migrated[model] <= rebuilt[model], model


@pytest.fixture
def world(db):
    """A published readout and a draft, with a country, a person, a topic and its subtopic."""
    country, person = make_organization(), make_person()
    broad = make_topic(name="Air defence")
    narrow = make_topic(name="Patriot", parent=broad)
    readout = make_readout(date=datetime.date(2025, 3, 1))
    draft = make_readout(status=Readout.Status.DRAFT)
    return country, person, broad, narrow, readout, draft


def test_a_participant_makes_a_person_and_whom_they_represent_appear(world):
    country, person, _, _, readout, draft = world
    participant = make_participant(readout, person, represented=country)
    make_participant(draft, person, represented=country)
    assert rows_of(person) == {(readout.pk, readout.date)}
    assert rows_of(country) == {(readout.pk, readout.date)}
    participant.delete()
    assert rows_of(person) == rows_of(country) == set()


def test_a_participant_moved_to_another_readout_leaves_the_first(world):
    _, person, _, _, readout, _ = world
    other = make_readout()
    participant = make_participant(readout, person)
    participant.readout = other
    participant.save()
    assert rows_of(person) == {(other.pk, other.date)}


def test_publishing_unpublishing_and_redating(world):
    country, person, _, _, _, draft = world
    make_participant(draft, person)
    draft.organizations.add(country)
    assert rows_of(person) == rows_of(country) == set()
    draft.status = Readout.Status.PUBLISHED
    draft.save()
    assert rows_of(person) == rows_of(country) == {(draft.pk, draft.date)}
    draft.date = datetime.date(2024, 12, 31)
    draft.save()
    assert rows_of(person) == {(draft.pk, datetime.date(2024, 12, 31))}
    draft.status = Readout.Status.DRAFT
    draft.save()
    assert rows_of(person) == rows_of(country) == set()


def test_a_statement_makes_its_issuer_appear(world):
    country, _, _, _, readout, _ = world
    statement = make_statement(readout, issuer=country)
    assert rows_of(country) == {(readout.pk, readout.date)}
    statement.issuer = None
    statement.save()
    assert rows_of(country) == set()
    statement.issuer = country
    statement.save()
    statement.delete()
    assert rows_of(country) == set()


def test_organizations_added_removed_and_cleared_from_either_side(world):
    country, _, _, _, readout, _ = world
    readout.organizations.add(country)
    assert rows_of(country) == {(readout.pk, readout.date)}
    readout.organizations.remove(country)
    assert rows_of(country) == set()
    country.readouts.add(readout)
    assert rows_of(country) == {(readout.pk, readout.date)}
    country.readouts.clear()
    assert rows_of(country) == set()


def test_a_subtopic_counts_for_its_parent(world):
    _, _, broad, narrow, readout, _ = world
    readout.topics.add(narrow)
    assert rows_of(narrow) == rows_of(broad) == {(readout.pk, readout.date)}
    readout.topics.clear()
    assert rows_of(narrow) == rows_of(broad) == set()
    narrow.readouts.add(readout)
    assert rows_of(broad) == {(readout.pk, readout.date)}


def test_a_topic_moved_under_another_parent_moves_its_readouts(world):
    _, _, broad, narrow, readout, _ = world
    other = make_topic(name="Energy")
    readout.topics.add(narrow)
    narrow.parent = other
    narrow.save()
    assert rows_of(broad) == set()
    assert rows_of(other) == {(readout.pk, readout.date)}


def test_deleting_a_subtopic_removes_its_readouts_from_the_parent(world):
    _, _, broad, narrow, readout, _ = world
    readout.topics.add(narrow)
    narrow.delete()
    assert rows_of(broad) == set()


def test_deleting_a_readout_deletes_its_rows(world):
    country, person, broad, _, readout, _ = world
    make_participant(readout, person, represented=country)
    make_statement(readout, issuer=country)
    readout.topics.add(broad)
    readout.delete()
    assert rows_of(person) == rows_of(country) == rows_of(broad) == set()
    assert_all_agree()


def test_pages_and_filters_follow_an_edit_at_once(client, world):
    country, person, broad, _, readout, _ = world
    make_participant(readout, person, represented=country)
    readout.topics.add(broad)
    for url in (
        person.get_absolute_url(),
        country.get_absolute_url(),
        broad.get_absolute_url(),
        reverse("readouts:readout_list") + f"?person={person.slug}&organization={country.slug}&topic={broad.slug}",
    ):
        assert readout.get_absolute_url() in client.get(url).content.decode(), url
    readout.status = Readout.Status.DRAFT
    readout.save()
    for url in (person.get_absolute_url(), country.get_absolute_url(), broad.get_absolute_url()):
        assert readout.get_absolute_url() not in client.get(url).content.decode(), url


def test_a_stale_row_never_shows_a_draft(client, world):
    """Should a row outlive its readout's publication (a bulk update sends no signals), the
    pages still list published readouts only."""
    _, person, _, _, readout, _ = world
    make_participant(readout, person)
    Readout.objects.filter(pk=readout.pk).update(status=Readout.Status.DRAFT)
    assert rows_of(person)  # stale
    assert readout.get_absolute_url() not in client.get(person.get_absolute_url()).content.decode()


def test_the_list_reads_appearances_in_the_same_order_as_the_readouts(world):
    """ReadoutFilter.readout_ids() (appearance rows) finds what its queryset finds, in order, for
    every combination of filters."""
    import itertools

    from readouts.filters import ReadoutFilter

    country, person, broad, narrow, _, _ = world
    other = make_person()
    for n in range(12):
        readout = make_readout(date=datetime.date(2025, 1 + n % 4, 1 + n % 3), format=["phone_call", "meeting"][n % 2])
        make_participant(readout, [person, other][n % 3 == 0], represented=country if n % 2 else None)
        readout.topics.add([broad, narrow][n % 2])
        if n % 4 == 0:
            make_statement(readout, kind="joint_statement")
    choices = {
        "person": ["", person.slug, other.slug],
        "organization": ["", country.slug],
        "topic": ["", broad.slug, narrow.slug],
        "format": ["", "meeting"],
        "statement_kind": ["", "joint_statement"],
        "date_after": ["", "2025-02-01"],
        "date_before": ["", "2025-03-02"],
    }
    for values in itertools.product(*choices.values()):
        filterset = ReadoutFilter(dict(zip(choices, values)), queryset=Readout.objects.published().newest_first())
        assert filterset.is_valid()
        assert list(filterset.readout_ids()) == list(filterset.qs.values_list("pk", flat=True)), values


def test_an_admin_save_refreshes_its_readout_once_when_it_commits(db, client, editor, monkeypatch):
    """The admin saves a readout, its participants and its m2m rows with some twenty signals;
    they gather into one refresh when the save commits, which moves the edition once, after
    which the pages show the readout."""
    from readouts.models import ArchiveEdition

    country, person, topic = make_organization(), make_person(), make_topic()
    calls = []
    real_refresh = derived.refresh
    monkeypatch.setattr(derived, "refresh", lambda ids, named=None: calls.append(set(ids)) or real_refresh(ids, named))
    edition = ArchiveEdition.current()
    response = add_readout(
        client,
        readout_fields(status="published", topics=[topic.pk], organizations=[country.pk]),
        {Participant: [{"person": person.pk, "role": "principal", "title": "President", "position": 0}]},
    )
    assert response.status_code == 302
    readout = Readout.objects.get(slug="trump-zelenskyy-phone-call")
    assert calls == [{readout.pk}]
    assert ArchiveEdition.current() == edition + 1
    assert rows_of(person) == rows_of(country) == rows_of(topic) == {(readout.pk, readout.date)}
    client.logout()
    assert readout.get_absolute_url() in client.get(person.get_absolute_url()).content.decode()
