"""The archive file, version 2, carries statements' earlier texts and translations; version-1
files still load (with none); a file whose texts are out of order or name no earlier text is
refused whole."""

import copy
import datetime
import json

import pytest

from readouts.models import Readout, Statement, StatementTranslation, StatementVersion
from readouts.archive.format import NEW_FIELDS, TOP_LEVEL
from tests.archive_helpers import empty_the_archive, export, import_errors, import_file, write
from tests.factories import make_readout, make_source, make_statement, make_translation, make_version

pytestmark = pytest.mark.django_db


@pytest.fixture
def changed():
    """A statement changed twice by its publisher, with a translation of its first text and one of
    its current text."""
    readout = make_readout(slug="call", date=datetime.date(2025, 3, 19))
    source = make_source(url="https://kremlin.ru/events/1")
    statement = make_statement(readout, text="Now.", language="ru", text_seen_on=datetime.date(2025, 3, 21))
    first = make_version(statement, text="First.", seen_on=datetime.date(2025, 3, 19), source=source)
    make_version(statement, text="Second.", seen_on=datetime.date(2025, 3, 20))
    make_translation(statement, language="en", kind="official", text="First, in English.", version=first)
    make_translation(statement, language="en", kind="archive", text="Now, in English.")
    return statement


def statement_record(archive):
    return archive["readouts"][0]["statements"][0]


def test_earlier_texts_and_translations_are_written_in_order_with_numbers(changed):
    archive = json.loads(export())
    assert archive["version"] == 4
    record = statement_record(archive)
    assert record["text_seen_on"] == "2025-03-21"
    assert [(t["seen_on"], t["text"], t["source"]) for t in record["earlier_texts"]] == [
        ("2025-03-19", "First.", "https://kremlin.ru/events/1"),
        ("2025-03-20", "Second.", None),
    ]
    assert [(t["language"], t["version"], t["text"]) for t in record["translations"]] == [
        ("en", 1, "First, in English."),
        ("en", None, "Now, in English."),
    ]
    assert (archive["counts"]["statement_versions"], archive["counts"]["statement_translations"]) == (2, 2)


def test_round_trip_is_byte_identical_and_keeps_what_each_translation_translates(tmp_path, changed):
    first = export()
    empty_the_archive()
    import_file(write(tmp_path, first))
    assert export() == first
    statement = Statement.objects.get()
    translated = StatementTranslation.objects.get(version__isnull=False)
    assert translated.version == statement.versions.first()
    assert translated.version.text == "First."


def test_importing_the_same_file_again_changes_nothing(tmp_path, changed):
    first = export()
    pks = sorted(StatementVersion.objects.values_list("pk", flat=True))
    out, _ = import_file(write(tmp_path, first))
    assert out.endswith("nothing changed.\n")
    assert sorted(StatementVersion.objects.values_list("pk", flat=True)) == pks
    assert export() == first


def as_version_1(archive):
    """The archive without what versions 2 and 3 added."""
    archive = copy.deepcopy(archive)
    archive["version"] = 1

    def strip(kind, record):
        for added in NEW_FIELDS.values():
            for name in added.get(kind, ()):
                record.pop(name, None)
        for child in kind.children:
            for each in record.get(child.name, []):
                strip(child, each)

    for kind in TOP_LEVEL:
        for record in archive.get(kind.name, []):
            strip(kind, record)
    return archive


def test_a_version_1_file_loads_as_before_with_no_earlier_texts(tmp_path, changed):
    old = as_version_1(json.loads(export()))
    import_file(write(tmp_path, old))
    statement = Statement.objects.get()
    assert statement.text == "Now."
    assert (statement.text_seen_on, statement.versions.count(), statement.translations.count()) == (None, 0, 0)
    assert Readout.objects.get().slug == "call"


def test_a_version_1_file_may_not_give_what_version_2_added(tmp_path, changed):
    old = as_version_1(json.loads(export()))
    statement_record(old)["earlier_texts"] = []
    _, errors = import_errors(write(tmp_path, old))
    assert errors == ["readouts[0].statements[0].earlier_texts: unknown field in an archive of version 1 (new in version 2)"]


def broken(archive, change):
    archive = copy.deepcopy(archive)
    change(statement_record(archive))
    return archive


@pytest.mark.parametrize(
    "change, error",
    [
        (
            lambda s: s["earlier_texts"][1].update(seen_on="2025-03-22"),
            "readouts[0].statements[0].earlier_texts[1].seen_on: Seen on 22 March 2025, after the current text",
        ),
        (
            lambda s: s["earlier_texts"][0].update(text="Second."),
            "readouts[0].statements[0].earlier_texts[0].text: The same as earlier text 2",
        ),
        (
            lambda s: s.update(text_seen_on=None),
            "readouts[0].statements[0].text_seen_on: Say when the current text was first seen",
        ),
        (
            lambda s: s["translations"][0].update(version=3),
            "readouts[0].statements[0].translations[0].version: the statement has no earlier text 3 (it has 2)",
        ),
        (
            lambda s: s["translations"][0].update(version="1"),
            "readouts[0].statements[0].translations[0].version: expected an earlier text's number (from 1)",
        ),
        (
            lambda s: s["translations"][1].update(version=1),
            "readouts[0].statements[0].translations[1]: the same version and language as",
        ),
        (
            lambda s: s["translations"][1].update(language="ru"),
            "readouts[0].statements[0].translations[1].language: The statement is in this language already",
        ),
        (
            lambda s: s["translations"][1].update(kind="third_party"),
            "readouts[0].statements[0].translations[1].translator: Say whose translation it is",
        ),
        (
            lambda s: s["earlier_texts"][0].update(paragraph_ids=[1, 2]),
            "readouts[0].statements[0].earlier_texts[0].paragraph_ids: 2 numbers for 1 paragraphs",
        ),
    ],
)
def test_a_file_with_bad_texts_is_refused_whole(tmp_path, changed, change, error):
    path = write(tmp_path, broken(json.loads(export()), change))
    empty_the_archive()
    _, errors = import_errors(path)
    assert any(line.startswith(error) for line in errors), errors
    assert not Statement.objects.exists() and not StatementVersion.objects.exists()
