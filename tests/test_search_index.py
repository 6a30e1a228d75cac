"""The index follows every editor action once it commits, and rebuild_derived rebuilds it."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone

from readouts.models import Participant, Readout, Statement
from readouts.search import RELEVANCE, index, page, parse, search
from tests.admin_helpers import formset_data, readout_fields, statement_row, version_on
from tests.factories import (
    make_organization,
    make_participant,
    make_person,
    make_quote,
    make_readout,
    make_statement,
    make_topic,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """A block whose on_commit callbacks run at its end, as if it were a committed transaction."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def found(text):
    return set(search(Readout.objects.published(), parse(text)).values_list("title", flat=True))


def facets(text):
    return page(parse(text), RELEVANCE, 0, 10).facets


# Readouts


def test_a_published_readout_is_indexed_when_created(commit):
    with commit():
        make_readout(title="Ceasefire call")
    assert found("ceasefire") == {"Ceasefire call"}


def test_a_draft_is_indexed_when_published_and_removed_when_unpublished(commit):
    with commit():
        readout = make_readout(title="Ceasefire call", status=Readout.Status.DRAFT)
    assert found("ceasefire") == set()
    with commit():
        readout.status = Readout.Status.PUBLISHED
        readout.save()
    assert found("ceasefire") == {"Ceasefire call"}
    with commit():
        readout.status = Readout.Status.DRAFT
        readout.save()
    assert found("ceasefire") == set()
    assert facets("call") == {}


def test_an_edited_readout_is_found_by_its_new_words_only(commit):
    with commit():
        readout = make_readout(title="Ceasefire call", summary="About Kursk.")
    with commit():
        readout.title, readout.summary = "Truce call", "About Odesa."
        readout.save()
    assert found("ceasefire") == found("Kursk") == set()
    assert found("truce Odesa") == {"Truce call"}


def test_a_deleted_readout_leaves_the_index(commit):
    with commit():
        readout = make_readout(title="Ceasefire call")
        make_statement(readout, text="Kursk.")
    readout_id = readout.pk
    with commit():
        readout.delete()
    assert found("ceasefire") == found("Kursk") == set()
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM readouts_search_facet WHERE readout_id = %s", [readout_id])
        assert cursor.fetchone()[0] == 0


# A readout's statements, quotes and participants


def test_statements_added_edited_and_deleted(commit):
    with commit():
        readout = make_readout(title="Call")
    with commit():
        statement = make_statement(readout, text="They discussed Kursk.")
    assert found("Kursk") == {"Call"}
    with commit():
        statement.text = "They discussed Odesa."
        statement.save()
    assert found("Kursk") == set() and found("Odesa") == {"Call"}
    with commit():
        statement.delete()
    assert found("Odesa") == set()


def test_a_statement_moved_to_another_readout_leaves_the_first(commit):
    with commit():
        first, second = make_readout(title="First"), make_readout(title="Second")
        statement = make_statement(first, text="They discussed Kursk.")
    with commit():
        statement.readout = second
        statement.save()
    assert found("Kursk") == {"Second"}


def test_quotes_added_edited_and_deleted(commit):
    with commit():
        statement = make_statement(make_readout(title="Call"))
    with commit():
        quote = make_quote(statement, text="Very much on track.")
    assert found("track") == {"Call"}
    with commit():
        quote.text = "A good start."
        quote.save()
    assert found("track") == set() and found("start") == {"Call"}
    with commit():
        quote.delete()
    assert found("start") == set()


def test_participants_added_changed_and_removed(commit):
    kellogg, waltz = make_person(name="Keith Kellogg"), make_person(name="Michael Waltz")
    with commit():
        readout = make_readout(title="Call")
    with commit():
        participant = make_participant(readout, kellogg)
    assert found("Kellogg") == {"Call"}
    with commit():
        participant.person = waltz
        participant.save()
    assert found("Kellogg") == set() and found("Waltz") == {"Call"}
    with commit():
        participant.delete()
    assert found("Waltz") == set()


# Many-to-many: a readout's topics and organizations, a statement's speakers, from either side


def test_topics_added_removed_and_cleared_from_either_side(commit):
    kursk, odesa = make_topic(name="Kursk"), make_topic(name="Odesa")
    with commit():
        readout = make_readout(title="Call")
    with commit():
        readout.topics.add(kursk)
    assert found("Kursk") == {"Call"}
    with commit():
        readout.topics.remove(kursk)
    assert found("Kursk") == set()
    with commit():
        odesa.readouts.add(readout)
    assert found("Odesa") == {"Call"}
    with commit():
        odesa.readouts.clear()
    assert found("Odesa") == set()
    with commit():
        readout.topics.set([kursk])
    with commit():
        readout.topics.clear()
    assert found("Kursk") == set()


def test_organizations_added_and_removed_from_either_side(commit):
    kremlin = make_organization(name="Kremlin")
    with commit():
        readout = make_readout(title="Call")
    with commit():
        kremlin.readouts.add(readout)
    assert found("Kremlin") == {"Call"}
    assert [value for value, _, _ in facets("call")["organization"]] == [kremlin.slug]
    with commit():
        readout.organizations.remove(kremlin)
    assert found("Kremlin") == set()


def test_speakers_added_and_removed_from_either_side(commit):
    rubio = make_person(name="Marco Rubio")
    with commit():
        statement = make_statement(make_readout(title="Call"))
    with commit():
        statement.speakers.add(rubio)
    assert found("Rubio") == {"Call"}
    with commit():
        rubio.statements.clear()
    assert found("Rubio") == set()
    with commit():
        rubio.statements.add(statement)
    assert found("Rubio") == {"Call"}


# People, organizations and topics renamed or deleted: the readouts that name them


def test_a_renamed_person_is_found_by_the_new_name_in_every_way_they_appear(commit):
    with commit():
        person = make_person(name="Mike Waltz")
        make_participant(make_readout(title="Participant"), person)
        make_statement(make_readout(title="Speaker"), speakers=[person])
        make_quote(make_statement(make_readout(title="Quoted")), speaker=person)
        make_readout(title="Draft", status=Readout.Status.DRAFT)
    with commit():
        person.name = "Michael Waltz"
        person.save()
    assert found("Michael") == {"Participant", "Speaker", "Quoted"}
    with commit():
        person.alternate_names = "Mike Waltz\nM. Waltz"
        person.save()
    assert found("Mike") == {"Participant", "Speaker", "Quoted"}


def test_saving_a_person_unchanged_reindexes_nothing(commit, monkeypatch):
    with commit():
        person = make_person(name="Marco Rubio")
        make_participant(make_readout(), person)
    calls = []
    monkeypatch.setattr(index, "reindex", calls.append)
    with commit():
        person.description = "Secretary of State."
        person.save()
    assert calls == []


def test_a_renamed_organization_and_its_new_slug_reach_the_facets(commit):
    with commit():
        ministry = make_organization(name="Foreign Ministry", slug="foreign-ministry", kind="government_body")
        make_statement(make_readout(title="Issued"), issuer=ministry)
    with commit():
        ministry.name, ministry.slug = "Ministry of Foreign Affairs", "mfa"
        ministry.save()
    assert found("affairs") == {"Issued"}
    assert ("mfa", "Ministry of Foreign Affairs", 1) in facets("issued")["organization"]


def test_a_renamed_topic_and_a_topic_moved_under_another(commit):
    with commit():
        air_defence, missiles = make_topic(name="Air defence"), make_topic(name="Missiles")
        patriot = make_topic(name="Patriot", parent=air_defence)
        make_readout(title="Call", topics=[patriot])
    with commit():
        patriot.name = "Patriot systems"
        patriot.save()
    assert found("systems") == {"Call"}
    with commit():
        air_defence.name = "Air and missile defence"
        air_defence.save()
    assert {label for _, label, _ in facets("call")["topic"]} == {"Patriot systems", "Air and missile defence"}
    with commit():
        patriot.parent = missiles
        patriot.save()
    assert {label for _, label, _ in facets("call")["topic"]} == {"Patriot systems", "Missiles"}


def test_deleted_topic_organization_and_speaker_leave_their_readouts_documents(commit):
    with commit():
        topic, body = make_topic(name="Kursk"), make_organization(name="Kremlin")
        speaker = make_person(name="Dmitry Peskov")
        make_statement(make_readout(title="Call", topics=[topic], organizations=[body]), speakers=[speaker])
    with commit():
        topic.delete()
        body.delete()
        speaker.delete()
    assert found("Kursk") == found("Kremlin") == found("Peskov") == set()
    assert found("call") == {"Call"}


# Transactions


def test_one_transaction_reindexes_each_readout_once(commit, monkeypatch):
    calls = []
    monkeypatch.setattr(index, "reindex", lambda ids: calls.append(set(ids)))
    with commit():
        with transaction.atomic():
            readout = make_readout(topics=[make_topic()])
            make_participant(readout)
            make_quote(make_statement(readout, speakers=[make_person()]))
            readout.title = "Changed"
            readout.save()
    assert calls == [{readout.pk}]


def test_a_rolled_back_savepoint_neither_loses_nor_leaks_ids(commit, monkeypatch):
    calls = []
    monkeypatch.setattr(index, "reindex", lambda ids: calls.append(set(ids)))
    with commit():
        with transaction.atomic():
            with pytest.raises(RuntimeError), transaction.atomic():
                make_readout(title="Rolled back")
                raise RuntimeError
            kept = make_readout(title="Kept")
    assert calls == [{kept.pk}]


def test_an_admin_save_reindexes_the_readout_once(admin_client, commit, monkeypatch):
    client = admin_client
    with commit():
        readout = make_readout(title="Before")
    calls = []
    monkeypatch.setattr(index, "reindex", lambda ids: calls.append(set(ids)))
    url = reverse("admin:readouts_readout_change", args=[readout.pk])
    rows = {Statement: [statement_row(text="One."), statement_row(text="Two.", position=1)]}
    with commit():
        page = client.get(url)
        # The version the page was opened on, as a browser posts it (readouts/admin/locking.py).
        fields = readout_fields(title="After", slug=readout.slug, status="published", _version=version_on(page))
        response = client.post(url, fields | formset_data(page, rows))
    assert response.status_code == 302
    assert calls == [{readout.pk}]


def test_the_admin_publish_action_indexes_and_return_to_draft_removes(admin_client, commit):
    client = admin_client
    with commit():
        readout = make_readout(title="Ceasefire call", status=Readout.Status.DRAFT)
    changelist = reverse("admin:readouts_readout_changelist")
    with commit():
        client.post(changelist, {"action": "publish", "_selected_action": [readout.pk]})
    assert found("ceasefire") == {"Ceasefire call"}
    with commit():
        client.post(changelist, {"action": "return_to_draft", "_selected_action": [readout.pk]})
    assert found("ceasefire") == set()


def test_raw_saves_schedule_nothing(django_capture_on_commit_callbacks):
    """loaddata saves raw; rebuild_derived follows it (Makefile, README)."""
    person = make_person()
    now = timezone.now()
    readout = Readout(
        title="Loaded", slug="loaded", date=datetime.date(2025, 3, 1), format="meeting", summary="S.",
        status=Readout.Status.PUBLISHED, created_at=now, updated_at=now,
    )
    with django_capture_on_commit_callbacks() as callbacks:
        readout.save_base(raw=True)
        Participant(readout=readout, person=person).save_base(raw=True)
        Statement(readout=readout, kind="readout", issuer_name="Kremlin", language="ru", text="T.").save_base(raw=True)
    assert callbacks == []


# The rebuild command


def test_rebuild_command_indexes_every_published_readout_and_drops_stale_rows():
    make_readout(title="Ceasefire one")
    make_readout(title="Ceasefire two")
    make_readout(title="Ceasefire draft", status=Readout.Status.DRAFT)
    # Rows for a readout that no longer exists, as a bulk delete without signals leaves them.
    gone = make_readout(title="Ceasefire gone")
    index.reindex([gone.pk])
    Readout.objects.filter(pk=gone.pk)._raw_delete(connection.alias)
    out, err = io.StringIO(), io.StringIO()
    call_command("rebuild_derived", stdout=out, stderr=err)
    assert found("ceasefire") == {"Ceasefire one", "Ceasefire two"}
    assert "Indexed 2 published readouts" in out.getvalue()
    assert "indexing readouts [" in err.getvalue() and "] 2/2 100%" in err.getvalue()
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM readouts_search_facet WHERE readout_id = %s", [gone.pk])
        assert cursor.fetchone()[0] == 0


def test_rebuild_works_in_batches(monkeypatch):
    monkeypatch.setattr(index, "BATCH", 2)
    for n in range(5):
        make_readout(title=f"Ceasefire {n}")
    progress = []
    assert index.rebuild(lambda done, total: progress.append((done, total))) == 5
    assert progress == [(2, 5), (4, 5), (5, 5)]
    assert len(found("ceasefire")) == 5
