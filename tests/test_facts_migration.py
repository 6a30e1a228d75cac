"""Migration 0016 moves what the archive's free text states into the fields 0015 added, and
nothing it does not state; the sample archive's fixture holds what the migration makes of it."""

import importlib

import pytest
from django.apps import apps
from django.core.management import call_command

from readouts.models import Readout, Source
from tests.archive_helpers import SAMPLE
from tests.factories import make_organization, make_readout, make_source

pytestmark = pytest.mark.django_db

migration = importlib.import_module("readouts.migrations.0016_facts_from_free_text")


def place(readout):
    readout.refresh_from_db()
    return readout.venue, readout.city, readout.country, readout.location


def test_places_the_sample_archive_states_move_into_the_fields():
    us = make_organization(name="United States")
    saudi_arabia = make_organization(name="Saudi Arabia")
    russia = make_organization(name="Russia", alternate_names="Russian Federation")
    # The sample archive's eight locations, as they read before the migration.
    cases = {
        "Diriyah Palace, Riyadh, Saudi Arabia": ("Diriyah Palace", "Riyadh", saudi_arabia, ""),
        "Oval Office, White House, Washington, United States": ("Oval Office, White House", "Washington", us, ""),
        "Ritz-Carlton Hotel (dateline of the US press remarks), Jeddah, Saudi Arabia": (
            "Ritz-Carlton Hotel (dateline of the US press remarks)", "Jeddah", saudi_arabia, "",
        ),
        "Riyadh, Saudi Arabia (venue not stated)": ("", "Riyadh", saudi_arabia, "venue not stated"),
        "Moscow, Russian Federation": ("", "Moscow", russia, ""),
    }
    unchanged = [
        "telephone; the participants' own locations are not stated in the sources consulted",
        "telephone; locations not stated",
        "telephone; Trump in the Oval Office (Scavino); Zelenskyy in Helsinki, Finland, during an official visit",
        "Helsinki, Finland",  # no such country in the archive
        "Riyadh",
    ]
    readouts = {text: make_readout(location=text) for text in [*cases, *unchanged]}
    migration.forwards(apps, None)
    for text, expected in cases.items():
        assert place(readouts[text]) == expected
    for text in unchanged:
        assert place(readouts[text]) == ("", "", None, text)


def test_a_note_gives_the_kind_and_language_it_names_and_no_more():
    notes = {
        "States Zelenskyy took the call in Helsinki.\nIn Finnish; date as recorded: 2025-03.": (
            "", "fi", "States Zelenskyy took the call in Helsinki.\nDate as recorded: 2025-03.",
        ),
        "Copy of the Kremlin list of facilities.\nAggregator.": ("republication", "", "Copy of the Kremlin list of facilities."),
        "Primary copy; in Italian.": ("republication", "it", "Primary copy."),
        "Used only for the duration claim.\nBlog.": ("other", "", "Used only for the duration claim.\nBlog."),
        "In Russian.": ("", "ru", ""),
        "Quotes the joint statement in its original English wording.": (
            "", "", "Quotes the joint statement in its original English wording.",
        ),
        "In Klingon.": ("", "", "In Klingon."),
        "Blog; in German; in French.": ("", "", "Blog; in German; in French."),  # at odds with itself
    }
    sources = {note: make_source(note=note) for note in notes}
    silent = make_source(note="")
    migration.forwards(apps, None)
    for note, expected in notes.items():
        source = Source.objects.get(pk=sources[note].pk)
        assert (source.kind, source.language, source.note) == expected
    silent.refresh_from_db()
    assert (silent.kind, silent.language) == ("", "")


def rows():
    return (
        list(Readout.objects.order_by("pk").values_list("pk", "venue", "city", "country", "location")),
        list(Source.objects.order_by("pk").values_list("pk", "kind", "language", "note")),
    )


def test_the_sample_archive_is_what_the_migration_makes_of_its_free_text():
    call_command("loaddata", str(SAMPLE), verbosity=0)
    loaded = rows()
    assert [venue for _, venue, *_ in loaded[0] if venue] == [
        "Diriyah Palace", "Oval Office, White House", "Ritz-Carlton Hotel (dateline of the US press remarks)",
    ]
    assert sum(1 for *_, language, _ in loaded[1] if language) == 9
    # Back to the free text the archive held before 0015, then forwards again.
    migration.backwards(apps, None)
    Readout.objects.update(venue="", city="", country=None)
    Source.objects.update(kind="", language="")
    assert Readout.objects.filter(location="Riyadh, Saudi Arabia (venue not stated)").exists()
    migration.forwards(apps, None)
    assert rows() == loaded
