"""Former addresses and paragraph anchors travel in the archive: a backup restored answers at
every old address and keeps every anchor; a file that gets them wrong is refused whole."""

import datetime
import json

import pytest
from django.core.management import call_command

from readouts.models import FormerAddress, Organization, Person, Readout, Statement, Topic
from tests.archive_helpers import empty_the_archive, export, import_errors, import_file, make_full_readout, write
from tests.factories import make_organization, make_participant, make_person, make_readout, make_statement, make_topic

pytestmark = pytest.mark.django_db

TEXT = "Alpha.\n\nBravo.\n\nCharlie."


def renamed_archive():
    """The full readout, renamed, with everything else renamed too and a statement edited."""
    readout = make_full_readout()
    readout.old_address = readout.get_absolute_url()
    readout.slug = "renamed-talks"
    readout.save()
    statement = readout.statements.filter(text__gt="").get()
    statement.text = "A new opening.\n\n" + statement.text
    statement.save()
    for make, slug in ((make_person, "person"), (make_organization, "organization"), (make_topic, "topic")):
        thing = make(slug=f"old-{slug}")
        thing.slug = f"new-{slug}"
        thing.save()
    # In the readout, so that each has a page once it is published.
    make_participant(readout, Person.objects.get(slug="new-person"), position=99)
    readout.organizations.add(Organization.objects.get(slug="new-organization"))
    readout.topics.add(Topic.objects.get(slug="new-topic"))
    return readout


def test_former_addresses_and_anchors_survive_export_import_export_unchanged(client, tmp_path):
    readout = renamed_archive()
    first = export()
    archive = json.loads(first)
    assert [address["path"] for address in archive["former_addresses"]] == sorted(
        FormerAddress.objects.values_list("path", flat=True)
    )
    assert archive["counts"]["former_addresses"] == 4
    ids = {tuple(s["paragraph_ids"]) for r in archive["readouts"] for s in r["statements"]}
    assert any(len(numbers) > 1 and numbers[0] > numbers[1] for numbers in ids)  # the new opening's
    empty_the_archive()
    assert not FormerAddress.objects.exists()
    import_file(write(tmp_path, first))
    assert export() == first
    Readout.objects.update(status="published")
    call_command("rebuild_derived", verbosity=0)  # an update() signals nothing
    copy = Readout.objects.get(slug="renamed-talks")
    assert client.get("/people/old-person/")["Location"] == "/people/new-person/"
    assert client.get("/organizations/old-organization/")["Location"] == "/organizations/new-organization/"
    assert client.get("/topics/old-topic/")["Location"] == "/topics/new-topic/"
    assert FormerAddress.objects.get(readout=copy).path == readout.old_address
    assert client.get(readout.old_address)["Location"] == "/readouts/2025/03/18/renamed-talks/"
    statement = copy.statements.filter(text__gt="").get()
    assert statement.paragraph_ids == Statement.objects.get(pk=statement.pk).paragraph_ids
    assert statement.numbered_paragraphs[0][0] == statement.last_paragraph_id  # the opening, numbered last


def test_importing_the_same_file_twice_changes_nothing(tmp_path):
    renamed_archive()
    first = export()
    path = write(tmp_path, first)
    import_file(path)
    import_file(path)
    assert export() == first


def test_a_filtered_export_keeps_only_its_records_former_addresses():
    draft = make_readout(slug="draft-old", status=Readout.Status.DRAFT)
    draft.slug = "draft-new"
    draft.save()
    published = make_readout(slug="public-old", date=datetime.date(2025, 3, 1))
    published.slug = "public-new"
    published.save()
    person = make_person(slug="named-by-the-draft-alone")
    draft.participants.create(person=person)
    person.slug = "renamed-person"
    person.save()
    archive = json.loads(export("--published-only"))
    assert [address["path"] for address in archive["former_addresses"]] == ["/readouts/2025/03/01/public-old/"]
    assert archive["former_addresses"][0]["readout"] == "2025-03-01/public-new"


def test_statements_written_in_bulk_export_no_ids_and_come_back_the_same(tmp_path):
    readout = make_readout()
    Statement.objects.bulk_create([Statement(readout=readout, kind="readout", issuer_name="A", language="en", text=TEXT)])
    first = export()
    assert json.loads(first)["readouts"][0]["statements"][0]["paragraph_ids"] == []
    empty_the_archive()
    import_file(write(tmp_path, first))
    assert export() == first


def small_archive():
    readout = make_readout(slug="call")
    make_statement(readout, text=TEXT)
    person = make_person(slug="old")
    person.slug = "new"
    person.save()
    return json.loads(export())


@pytest.mark.parametrize(
    "change, path, message",
    [
        (lambda a: a["former_addresses"][0].update(person=None), "former_addresses[0]", "exactly one"),
        (lambda a: a["former_addresses"][0].update(topic="nowhere"), "former_addresses[0].topic", "neither"),
        (lambda a: a["former_addresses"][0].update(path="people/old/"), "former_addresses[0].path", "starts with"),
        (lambda a: a["former_addresses"].append(dict(a["former_addresses"][0])), "former_addresses[1].path", "same"),
        (lambda a: a["readouts"][0]["statements"][0].update(paragraph_ids=[1, 2]), "readouts[0].statements[0]"
         ".paragraph_ids", "2 numbers for 3 paragraphs"),
        (lambda a: a["readouts"][0]["statements"][0].update(paragraph_ids=[1, 1, 2]), "readouts[0].statements[0]"
         ".paragraph_ids", "twice"),
        (lambda a: a["readouts"][0]["statements"][0].update(paragraph_ids=[1, 0, 2]), "readouts[0].statements[0]"
         ".paragraph_ids", "whole numbers from 1"),
        (lambda a: a["readouts"][0]["statements"][0].update(paragraph_ids=[1, 2, 7]), "readouts[0].statements[0]"
         ".last_paragraph_id", "lower than paragraph number 7"),
        (lambda a: a["readouts"][0]["statements"][0].update(last_paragraph_id="3"), "readouts[0].statements[0]"
         ".last_paragraph_id", "whole number"),
    ],
)
def test_a_wrong_former_address_or_paragraph_numbering_is_refused(tmp_path, change, path, message):
    archive = small_archive()
    change(archive)
    _, errors = import_errors(write(tmp_path, archive))
    assert any(line.startswith(f"{path}: ") and message in line for line in errors), errors
