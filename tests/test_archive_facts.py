"""Version 3 of the archive format carries a readout's place, a statement's topics and place,
the sources of quotes and participants, and a source's kind and language; an older file may not
give them."""

import copy
import json

import pytest

from readouts.models import Readout
from tests.archive_helpers import HOSTILE, empty_the_archive, export, import_errors, import_file, make_full_readout, write

pytestmark = pytest.mark.django_db


def test_the_new_facts_survive_export_and_import(tmp_path):
    readout = make_full_readout()
    first = export()
    empty_the_archive()
    import_file(write(tmp_path, first))
    assert export() == first
    copied = Readout.objects.get(slug=readout.slug)
    assert (copied.venue, copied.city, copied.country.name) == (HOSTILE, HOSTILE, HOSTILE)
    statement = copied.statements.get(place=HOSTILE)
    assert [topic.kind for topic in statement.topics.all()] == ["place"]
    source = statement.quotes.get(speaker__isnull=False).sources.get()
    assert (source.kind, source.language) == ("republication", "fi")
    assert copied.participants.get(role="delegation_member").sources.get() == source


def test_a_version_2_file_may_not_give_what_version_3_added(tmp_path):
    make_full_readout()
    archive = json.loads(export())
    older = copy.deepcopy(archive)
    older["version"] = 2
    _, errors = import_errors(write(tmp_path, older))
    assert "readouts[0].venue: unknown field in an archive of version 2 (new in version 3)" in errors
    assert "sources[0].language: unknown field in an archive of version 2 (new in version 3)" in errors
