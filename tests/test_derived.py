"""The one write path (readouts/derived.py): every edit records its readouts, one callback per
transaction refreshes them when it commits and moves the edition once, and check_derived finds
any table that drifted from its definition. tests/conftest.py runs on_commit callbacks as a
commit would; the last test commits for real."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.urls import reverse

from readouts import derived, figures
from readouts.models import (
    ArchiveEdition,
    Participant,
    Person,
    PersonAppearance,
    PersonCount,
    PersonPair,
    Readout,
    Representative,
    Statement,
    TopicCount,
)

from .admin_helpers import add_readout, change_url, form_data, readout_fields
from .factories import (
    make_commitment,
    make_discrepancy,
    make_link,
    make_organization,
    make_participant,
    make_person,
    make_quote,
    make_readout,
    make_source,
    make_statement,
    make_topic,
    make_update,
)

pytestmark = pytest.mark.django_db


def check_derived():
    """check_derived's report, having asserted that it passed."""
    out = io.StringIO()
    try:
        call_command("check_derived", stdout=out)
    except CommandError:
        pytest.fail(out.getvalue())
    return out.getvalue()


@pytest.fixture
def refreshes(monkeypatch):
    """The readout ids of each refresh the write path runs from now on."""
    calls = []
    real = derived.refresh
    monkeypatch.setattr(derived, "refresh", lambda ids, named=None: calls.append(set(ids)) or real(ids, named))
    return calls


def test_nothing_is_derived_before_the_transaction_commits():
    person = make_person()
    edition = ArchiveEdition.current()
    with transaction.atomic():
        readout = make_readout()
        make_participant(readout, person)
        assert not PersonAppearance.objects.filter(person=person).exists()
        assert ArchiveEdition.current() == edition
    assert PersonAppearance.objects.filter(person=person, readout=readout).exists()
    assert PersonCount.objects.get(person=person).readouts == 1
    assert ArchiveEdition.current() == edition + 1


def test_a_rolled_back_transaction_refreshes_nothing(refreshes):
    person = make_person()
    refreshes.clear()
    with pytest.raises(RuntimeError), transaction.atomic():
        make_participant(make_readout(), person)
        raise RuntimeError
    assert refreshes == []
    assert not PersonAppearance.objects.exists()


def test_a_transaction_refreshes_each_readout_once_and_moves_the_edition_once(refreshes):
    country, person, other, topic = make_organization(), make_person(), make_person(), make_topic()
    refreshes.clear()
    edition = ArchiveEdition.current()
    with transaction.atomic():
        first, second = make_readout(), make_readout()
        for readout in (first, second):
            make_participant(readout, person, represented=country)
            make_participant(readout, other)
            readout.topics.add(topic)
            make_statement(readout, issuer=country, speakers=[person])
    assert refreshes == [{first.pk, second.pk}]
    assert ArchiveEdition.current() == edition + 1
    assert PersonPair.objects.get(person=person, other=other).readouts == 2
    assert Representative.objects.get(organization=country, person=person).readouts == 2
    assert TopicCount.objects.get(topic=topic).readouts == 2
    check_derived()


def test_a_change_to_no_readout_moves_the_edition_only(refreshes):
    person, source = make_person(), make_source()
    make_participant(make_readout(), person)
    refreshes.clear()
    edition = ArchiveEdition.current()
    person.biography = "Born in Kyiv."
    person.save()
    source.name = "Reuters"
    source.save()
    assert refreshes == [set(), set()]
    assert ArchiveEdition.current() == edition + 2


@pytest.mark.parametrize(
    "edit",
    [
        "participant",
        "statement",
        "speakers",
        "quote",
        "commitment",
        "actors",
        "update",
        "discrepancy",
        "link",
        "organizations",
        "topics",
        "reverse topics",
        "readout",
    ],
)
def test_every_kind_of_edit_refreshes_its_readout(refreshes, edit):
    readout, person, country, topic = make_readout(), make_person(), make_organization(), make_topic()
    statement = make_statement(readout)
    commitment = make_commitment(readout)
    other = make_readout()
    refreshes.clear()
    {
        "participant": lambda: make_participant(readout, person),
        "statement": lambda: make_statement(readout, issuer=country),
        "speakers": lambda: statement.speakers.add(person),
        "quote": lambda: make_quote(statement, speaker=person),
        "commitment": lambda: make_commitment(readout, actor_people=[person]),
        "actors": lambda: person.commitments.add(commitment),
        "update": lambda: make_update(commitment),
        "discrepancy": lambda: make_discrepancy(readout),
        "link": lambda: make_link(other, readout),
        "organizations": lambda: readout.organizations.add(country),
        "topics": lambda: readout.topics.add(topic),
        "reverse topics": lambda: topic.readouts.add(readout),
        "readout": lambda: Readout.objects.get(pk=readout.pk).save(),
    }[edit]()
    assert refreshes and all(readout.pk in ids for ids in refreshes)
    check_derived()


def test_a_row_moved_to_another_readout_refreshes_both(refreshes):
    person = make_person()
    first, second = make_readout(), make_readout()
    participant = make_participant(first, person)
    refreshes.clear()
    participant.readout = second
    participant.save()
    assert refreshes == [{first.pk, second.pk}]
    assert set(PersonAppearance.objects.values_list("readout", flat=True)) == {second.pk}
    check_derived()


def test_renaming_an_entity_refreshes_its_readouts_drafts_included(refreshes):
    person = make_person(name="Mike Waltz")
    published, draft = make_readout(), make_readout(status=Readout.Status.DRAFT)
    for readout in (published, draft):
        make_participant(readout, person)
    quoted = make_readout()
    make_quote(make_statement(quoted), speaker=person)
    refreshes.clear()
    person.name = "Michael Waltz"
    person.save()
    assert refreshes == [{published.pk, draft.pk, quoted.pk}]
    check_derived()


def test_moving_a_topic_under_another_parent_recounts_both_parents():
    broad, other = make_topic(name="Air defence"), make_topic(name="Energy")
    narrow = make_topic(name="Patriot", parent=broad)
    make_readout(topics=[narrow])
    assert TopicCount.objects.get(topic=broad).readouts == 1
    narrow.parent = other
    narrow.save()
    assert not TopicCount.objects.filter(topic=broad).exists()
    assert TopicCount.objects.get(topic=other).readouts == 1
    check_derived()


def test_deleting_entities_leaves_the_derived_tables_right():
    broad = make_topic(name="Air defence")
    narrow = make_topic(name="Patriot", parent=broad)
    actor = make_person()
    readout = make_readout(topics=[narrow])
    make_commitment(readout, actor_people=[actor])
    narrow.delete()
    actor.delete()
    assert not TopicCount.objects.exists()
    check_derived()


def test_deleting_a_readout_leaves_no_rows_and_recounts_its_people():
    country, person, other = make_organization(), make_person(), make_person()
    kept, deleted = make_readout(), make_readout()
    for readout in (kept, deleted):
        make_participant(readout, person, represented=country)
        make_participant(readout, other)
        make_statement(readout, issuer=country)
    deleted.delete()
    assert not PersonAppearance.objects.filter(readout=deleted.pk).exists()
    assert PersonPair.objects.get(person=person, other=other).readouts == 1
    assert Representative.objects.get(organization=country, person=person).readouts == 1
    assert PersonCount.objects.get(person=person).readouts == 1
    check_derived()


def test_unpublishing_removes_the_counts_of_whoever_appeared_only_there():
    person = make_person()
    readout = make_readout()
    make_participant(readout, person)
    readout.status = Readout.Status.DRAFT
    readout.save()
    assert not PersonCount.objects.filter(person=person).exists()
    assert figures.readout_counts(Person)[person.pk] == 0
    check_derived()


def test_raw_saves_record_nothing(refreshes):
    """loaddata saves raw: rebuild_derived follows it."""
    readout, person = make_readout(), make_person()
    refreshes.clear()
    Participant(readout=readout, person=person).save_base(raw=True)
    assert refreshes == []


def test_admin_edits_leave_every_derived_table_as_its_definition_gives(client, editor):
    """Real admin screens: add a readout with its inlines, rename its person, change its
    topics, unpublish it; the tables agree with their definitions after each."""
    country, person, topic, other_topic = make_organization(), make_person(), make_topic(), make_topic()
    response = add_readout(
        client,
        readout_fields(status="published", topics=[topic.pk], organizations=[country.pk]),
        {Participant: [{"person": person.pk, "role": "principal", "title": "President", "position": 0}]},
    )
    assert response.status_code == 302
    check_derived()
    readout = Readout.objects.get(slug="trump-zelenskyy-phone-call")
    edits = [(person, {"name": ["Volodymyr Zelensky"]}), (readout, {"topics": [str(other_topic.pk)]}),
             (readout, {"status": ["draft"]})]
    for obj, changes in edits:
        page = client.get(change_url(obj))
        assert client.post(change_url(obj), form_data(page) | changes).status_code == 302, obj
        check_derived()
    assert not PersonCount.objects.filter(person=person).exists()
    assert client.post(reverse("admin:readouts_readout_delete", args=[readout.pk]), {"post": "yes"}).status_code == 302
    assert not Readout.objects.exists()
    check_derived()


def test_check_derived_reports_a_corrupted_row_and_fails(client):
    country, person = make_organization(name="Ukraine"), make_person(name="Volodymyr Zelenskyy")
    readout = make_readout(title="Call on the ceasefire")
    make_participant(readout, person, represented=country)
    assert "agrees" in check_derived()
    PersonAppearance.objects.filter(person=person).delete()
    PersonCount.objects.filter(person=person).update(readouts=7)
    out = io.StringIO()
    # Three: the search facets are read from the appearance rows, so the index disagrees too.
    with pytest.raises(CommandError, match="3 derived table"):
        call_command("check_derived", stdout=out)
    report = out.getvalue()
    assert "readouts_search_facet" in report
    assert "PersonAppearance: 1 missing row(s)" in report
    assert "Volodymyr Zelenskyy" in report and "Call on the ceasefire" in report
    assert "PersonCount: 1 extra row(s)" in report and "readouts=7" in report
    call_command("rebuild_derived", verbosity=0)
    check_derived()


def test_check_derived_reports_a_stale_search_document():
    readout = make_readout(title="Call on the ceasefire")
    make_statement(readout, text="Both sides agreed to a ceasefire.")
    Statement.objects.filter(readout=readout).update(text="Both sides agreed to meet in Geneva.")  # no signals
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("check_derived", stdout=out)
    assert "Call on the ceasefire" in out.getvalue()


@pytest.mark.django_db(transaction=True)
def test_a_committed_admin_save_is_derived_on_commit(client):
    """Really committed, not emulated: the admin's save, then its callback."""
    from .factories import EDITOR_PASSWORD, make_editor

    editor = make_editor()
    assert client.login(username=editor.username, password=EDITOR_PASSWORD)
    person, topic = make_person(), make_topic()
    response = add_readout(
        client,
        readout_fields(status="published", topics=[topic.pk]),
        {Participant: [{"person": person.pk, "role": "principal", "title": "President", "position": 0}]},
    )
    assert response.status_code == 302
    assert PersonCount.objects.get(person=person).readouts == 1
    check_derived()
