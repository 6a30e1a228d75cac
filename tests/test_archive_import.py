"""import_archive: every record checked first, then all written or nothing; importing again changes nothing."""

import copy
import json
import re

import pytest

from readouts.archive import format
from readouts.models import Commitment, Person, Readout, Source, Statement
from tests.archive_helpers import (
    empty_the_archive,
    export,
    import_errors,
    import_file,
    load_sample,
    make_full_readout,
    write,
)
from tests.factories import make_commitment, make_person, make_update

pytestmark = pytest.mark.django_db


@pytest.fixture
def backup():
    """The sample archive, exported."""
    load_sample()
    return json.loads(export())


def row_ids():
    return [sorted(model.objects.values_list("pk", flat=True)) for model in (Readout, Statement, Commitment, Person)]


def test_importing_the_same_file_twice_changes_nothing(tmp_path, backup):
    path = write(tmp_path, backup)
    empty_the_archive()
    first, _ = import_file(path)
    assert "readouts: 8 created" in first
    ids, exported = row_ids(), export()
    again, _ = import_file(path)
    assert again.endswith("nothing changed.\n")
    assert row_ids() == ids and export() == exported


def test_importing_a_backup_over_the_same_archive_changes_nothing(tmp_path, backup):
    ids = row_ids()
    out, _ = import_file(write(tmp_path, backup))
    assert "nothing changed" in out
    assert row_ids() == ids


def test_a_backup_undoes_later_edits_and_keeps_commitments_at_their_addresses(tmp_path, backup):
    commitments = sorted(Commitment.objects.values_list("pk", flat=True))
    readout = Readout.objects.get(date="2025-03-19", slug="trump-zelenskyy-telephone-call")
    Readout.objects.filter(pk=readout.pk).update(title="Edited", status="draft")
    readout.statements.last().delete()
    readout.topics.clear()
    readout.participants.first().delete()
    readout.links_out.all().delete()
    added = make_commitment(readout, description="Added after the backup")
    make_update(added)
    make_person(slug="added-later")
    out, _ = import_file(write(tmp_path, backup))
    assert "readouts: 1 updated" in out and "statements: 1 created" in out
    assert re.search(r"commitments: (.*, )?1 deleted", out) and re.search(r"commitment_updates: (.*, )?1 deleted", out)
    assert json.loads(export())["readouts"] == backup["readouts"]
    assert json.loads(export())["links"] == backup["links"]
    assert sorted(Commitment.objects.values_list("pk", flat=True)) == commitments  # the added one is gone
    assert Person.objects.filter(slug="added-later").exists()  # rows the file does not mention stay


def test_a_record_may_name_rows_already_in_the_database(tmp_path):
    make_person(slug="kept-person")
    archive = {
        "format": "readouts-archive",
        "version": 1,
        "readouts": [
            {
                "date": "2025-03-19", "slug": "a-call", "title": "A call", "format": "phone_call",
                "summary": "They spoke.", "status": "published",
                "participants": [{"person": "kept-person"}],
            }
        ],
    }
    import_file(write(tmp_path, archive))
    readout = Readout.objects.get(slug="a-call")
    assert readout.participants.get().person.slug == "kept-person"
    assert readout.published_at is not None and readout.participants.get().role == "principal"


def test_hostile_text_is_stored_exactly(tmp_path):
    readout = make_full_readout()
    fields = Readout.objects.values().get(pk=readout.pk)
    path = write(tmp_path, export())
    empty_the_archive()
    import_file(path)
    copy_fields = Readout.objects.values().get(slug=readout.slug)
    ids = {"id", "country_id"}  # the country is created anew, with a new id
    assert {k: v for k, v in copy_fields.items() if k not in ids} == {k: v for k, v in fields.items() if k not in ids}


def broken(backup):
    """The sample archive with one error of each kind, at known places."""
    archive = copy.deepcopy(backup)
    readouts = archive["readouts"]
    readouts[0]["format"] = "telepathy"  # bad choice
    readouts[1]["date"] = "2025-02-30"  # no such day
    readouts[2]["statements"][1]["speakers"].append("nobody-at-all")  # names nothing
    archive["people"][3]["slug"] = archive["people"][2]["slug"]  # duplicate slug
    archive["sources"][0]["url"] = "not a url"
    del readouts[3]["title"]  # missing
    readouts[4]["statements"][0]["position"] = "1"  # wrong type
    readouts[5]["commitments"][0]["statement"] = 99  # no such statement
    readouts[6]["statements"][0]["text"] = "NUL \x00 inside"
    readouts[7]["surprise"] = True  # unknown field
    archive["topics"][0]["parent"] = archive["topics"][0]["slug"]  # inside itself
    archive["links"][0]["to_readout"] = archive["links"][0]["from_readout"]
    return archive


def test_a_file_with_errors_stores_nothing(tmp_path, backup):
    before, ids = export(), row_ids()
    summary, errors = import_errors(write(tmp_path, broken(backup)))
    assert summary == f"{len(errors)} error(s) in {tmp_path / 'archive.json'}, listed above; nothing was imported."
    assert export() == before and row_ids() == ids


def test_a_file_with_errors_stores_nothing_in_an_empty_database(tmp_path, backup):
    empty_the_archive()
    import_errors(write(tmp_path, broken(backup)))
    assert not (Readout.objects.exists() or Person.objects.exists() or Source.objects.exists())


def test_every_error_is_listed_with_its_position(tmp_path, backup):
    _, errors = import_errors(write(tmp_path, broken(backup)))
    expected = {
        "readouts[0].format": "not a valid choice",
        "readouts[1].date": "'2025-02-30' is not a date",
        "readouts[2].statements[1].speakers": "'nobody-at-all' is neither in the file's people nor in the database",
        "people[3].slug": "the same slug as people[2]",
        "sources[0].url": "Enter a valid URL",
        "readouts[3].title": "missing",
        "readouts[4].statements[0].position": "expected a whole number",
        "readouts[5].commitments[0].statement": "the readout has no statement 99",
        "readouts[6].statements[0].text": "NUL character",
        "readouts[7].surprise": "unknown field",
        "topics[0].parent": "would sit inside itself",
        "links[0]": "a readout cannot link to itself",
    }
    for path, message in expected.items():
        assert any(line.startswith(f"{path}: ") and message in line for line in errors), (path, errors)
    assert len(errors) == len(expected)


def test_model_rules_apply_to_imported_records(tmp_path, backup):
    archive = copy.deepcopy(backup)
    readout = archive["readouts"][0]
    readout["end_date"] = "2025-01-01"  # before it starts
    readout["statements"][0].update(text="", summary="")
    readout["commitments"][0]["due_date"] = "2024-12-31"
    readout["participants"].append(dict(readout["participants"][0]))
    readout["statements"][0]["quotes"] = [{"text": "Said.", "speaker": None, "speaker_label": ""}]
    _, errors = import_errors(write(tmp_path, archive))
    assert any(line.startswith("readouts[0].end_date: The last day cannot come before the first") for line in errors)
    assert any(line.startswith("readouts[0].statements[0].text: Enter the verbatim text") for line in errors)
    assert any(line.startswith("readouts[0].commitments[0].due_date: A commitment cannot fall due") for line in errors)
    assert any(line.startswith(f"readouts[0].participants[{len(readout['participants']) - 1}]: the same person")
               for line in errors)
    assert any(line.startswith("readouts[0].statements[0].quotes[0]: Say who said it") for line in errors)


@pytest.mark.parametrize(
    "content, message",
    [
        ('{"format": "readouts-archive", "version": 1, ', "is not valid JSON: Expecting property name"),
        ("[1, 2]", "an archive is a JSON object, not a list"),
        ('{"format": "something-else", "version": 1}', "this file is not a Readouts archive"),
        ('{"format": "readouts-archive", "version": 5}', "reads archives of versions 1, 2, 3 and 4, not 5"),
        ('{"format": "readouts-archive", "version": "2"}', "reads archives of versions 1, 2, 3 and 4, not '2'"),
        ('{"format": "readouts-archive", "version": 1, "readouts": {}}', "readouts: expected a list, not an object"),
    ],
)
def test_files_that_are_not_archives_are_refused_with_a_message(tmp_path, content, message):
    summary, errors = import_errors(write(tmp_path, content))
    assert message in summary + "\n".join(errors)


def test_missing_and_undecodable_files_are_refused_with_a_message(tmp_path):
    assert import_errors(tmp_path / "nowhere.json")[0] == f"No such file: {tmp_path / 'nowhere.json'}."
    assert "is a directory" in import_errors(tmp_path)[0]
    latin1 = tmp_path / "latin1.json"
    latin1.write_bytes('{"title": "Zürich"}'.encode("latin-1"))
    assert "is not UTF-8 text" in import_errors(latin1)[0]


def test_dry_run_checks_and_writes_nothing(tmp_path, backup):
    path = write(tmp_path, backup)
    empty_the_archive()
    out, _ = import_file(path, "--dry-run")
    assert "is a valid archive: " in out and "8 readouts" in out and "43 statements" in out
    assert not Readout.objects.exists()
    assert import_errors(write(tmp_path, broken(backup)))[1]  # and reports errors like a real import


@pytest.mark.parametrize(
    "located",
    ["readouts", "readouts[1].title", "readouts[0].statements[0].quotes[0].text", "people[2].slug"],
)
def test_a_key_given_twice_in_any_object_is_refused_where_it_is(tmp_path, backup, located):
    """json alone would keep the last value silently."""
    archive = copy.deepcopy(backup)
    *parts, key = re.findall(r"\w+", located)
    record = archive
    for part in parts:
        record = record[int(part)] if part.isdigit() else record[part]
    record[key] = "DUPLICATE-MARK"
    twice = f'"{key}": "an earlier value", "{key}": {json.dumps(backup_value(backup, parts, key))}'
    text = json.dumps(archive).replace(f'"{key}": "DUPLICATE-MARK"', twice)
    before = export()
    _, errors = import_errors(write(tmp_path, text))
    assert errors == [f"{located}: given more than once in the same object"]
    assert export() == before


def backup_value(backup, parts, key):
    for part in parts:
        backup = backup[int(part)] if part.isdigit() else backup[part]
    return backup[key]


def test_text_longer_than_the_archive_allows_is_refused_where_it_is(tmp_path, backup):
    archive = copy.deepcopy(backup)
    readouts = archive["readouts"]
    title_length = Readout._meta.get_field("title").max_length
    readouts[0]["summary"] = "s" * (format.TEXT_LIMIT + 1)
    readouts[1]["title"] = "t" * (title_length + 1)
    readouts[2]["statements"][0]["text"] = "w " * (format.LONG_TEXT_LIMITS[(Statement, "text")] // 2 + 1)
    readouts[3]["commitments"][0]["description"] = "d" * (format.TEXT_LIMIT + 1)
    before = export()
    _, errors = import_errors(write(tmp_path, archive))
    assert errors == [
        f"readouts[0].summary: {format.TEXT_LIMIT + 1:,} characters, more than the {format.TEXT_LIMIT:,} "
        "an archive may hold here",
        f"readouts[1].title: Ensure this value has at most {title_length} characters (it has {title_length + 1}).",
        "readouts[2].statements[0].text: 1,000,002 characters, more than the 1,000,000 an archive may hold here",
        f"readouts[3].commitments[0].description: {format.TEXT_LIMIT + 1:,} characters, more than the "
        f"{format.TEXT_LIMIT:,} an archive may hold here",
    ]
    assert export() == before


def test_text_up_to_the_limits_is_imported(tmp_path, backup):
    archive = copy.deepcopy(backup)
    archive["readouts"][0]["summary"] = "s" * format.TEXT_LIMIT
    archive["readouts"][0]["statements"][0]["text"] = "w" * (format.TEXT_LIMIT * 5)
    import_file(write(tmp_path, archive))
    record = archive["readouts"][0]
    readout = Readout.objects.get(date=record["date"], slug=record["slug"])
    assert len(readout.summary) == format.TEXT_LIMIT
    assert len(readout.statements.get(position=record["statements"][0]["position"]).text) == format.TEXT_LIMIT * 5


def test_a_file_larger_than_the_limit_is_refused_before_it_is_read(tmp_path, backup):
    path = write(tmp_path, {**backup, "padding": " " * 1024 * 1024})
    before = export()
    summary, errors = import_errors(path, "--max-size", "1")
    assert summary == f"{path} is 1 MB, more than the 1 MB an import reads (--max-size); nothing was imported."
    assert errors == []
    assert export() == before
