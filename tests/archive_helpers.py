"""What the archive's export and import tests share: running the commands, emptying the
database, and a readout that fills every field of every model with awkward text."""

import datetime
import io
import itertools
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from readouts.models import CommitmentUpdate, Organization, Person, Readout, Source, Statement, Topic
from readouts.models.statements import split_paragraphs
from tests.factories import (
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
    make_translation,
    make_update,
    make_version,
)

SAMPLE = Path(__file__).resolve().parent.parent / "fixtures" / "sample_archive.json"

# Markup, template syntax, quotes and backslashes, scripts written right to left, joiners,
# combining marks, emoji, Unicode line and paragraph separators, tabs, CRLF, edge whitespace.
HOSTILE = (
    "  <script>alert('x')</script> &amp; \"q\" \\n \\ {{ v }} {% t %} Зеленський الرياض \u200f\u200b\u200d "
    "e\u0301 🇺🇦👨‍👩‍👧 \u2028\u2029\t\r\n\n end  "
)


def export(*args):
    out = io.StringIO()
    call_command("export_archive", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def import_file(path, *args):
    """Runs import_archive; returns its stdout and stderr (a CommandError propagates)."""
    out, err = io.StringIO(), io.StringIO()
    call_command("import_archive", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def import_errors(path, *args):
    """Runs an import that must fail; returns the summary and the lines listing each error."""
    err = io.StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("import_archive", str(path), *args, stdout=io.StringIO(), stderr=err)
    return str(raised.value), err.getvalue().splitlines()


def write(tmp_path, archive, name="archive.json"):
    path = tmp_path / name
    text = archive if isinstance(archive, str) else json.dumps(archive, ensure_ascii=False)
    path.write_text(text, encoding="utf-8")
    return path


def load_sample():
    call_command("loaddata", str(SAMPLE), verbosity=0)
    call_command("rebuild_derived", verbosity=0)  # loaddata saves raw


def empty_the_archive():
    """Delete every row of the archive, each before the rows it protects."""
    CommitmentUpdate.objects.all().delete()  # their evidence protects readouts
    Readout.objects.all().delete()  # with statements, quotes, participants, commitments, links...
    Person.objects.all().delete()
    Source.objects.all().delete()
    for model in (Organization, Topic):
        model.objects.update(parent=None)
        model.objects.all().delete()


_sources = itertools.count(1)


def make_full_readout():
    """A readout with every field of every model set, most of them to HOSTILE text."""
    text = HOSTILE
    country = make_organization(name=text, alternate_names=text, description=text)
    body = make_organization(kind="government_body", parent=country)
    person = make_person(name=text, sort_name=text, alternate_names=text, organization=body, description=text)
    theme = make_topic(name=text, description=text)
    subtopic = make_topic(kind="place", parent=theme)
    source = make_source(name=text, url=f"https://example.org/pfad/ü?q={next(_sources)}&b=%20#frag", note=text,
                         published_on=datetime.date(2025, 3, 20), kind="republication", language="fi")
    readout = make_readout(
        title=text, date=datetime.date(2025, 3, 18), end_date=datetime.date(2025, 3, 19),
        time=datetime.time(14, 30, 5, 120000), time_zone="Europe/Kyiv", format="talks", location=text,
        venue=text, city=text, country=country,
        duration=text, summary=text, background=text, topics=[theme, subtopic], organizations=[country, body],
    )
    readout.sources.set([source])
    # Returned to draft after publication: the draft keeps its first publication time.
    Readout.objects.filter(pk=readout.pk).update(
        status="draft",
        created_at=datetime.datetime(2025, 3, 19, 8, 0, 0, 123456, tzinfo=datetime.UTC),
        updated_at=datetime.datetime(2025, 3, 20, 9, 30, tzinfo=datetime.UTC),
    )
    first = make_statement(readout, speakers=[person], sources=[source], kind="joint_statement", kind_note=text,
                           title=text, issuer_name=text, issuer=body, date_note=text, language="uk",
                           language_note=text, text=text, cites=text, official_url="https://example.org/a",
                           note=text, position=1)
    second = make_statement(readout, summary=text, position=1, date_issued=None)
    # Changed twice by its publisher, and translated (the current text and the first one).
    Statement.objects.filter(pk=first.pk).update(text_seen_on=datetime.date(2025, 3, 21), text_source=source)
    version = make_version(first, text=f"{text}1", seen_on=datetime.date(2025, 3, 19), source=source, note=text,
                           paragraph_ids=list(range(3, 3 + len(split_paragraphs(f"{text}1")))))
    make_version(first, text=f"{text}2", seen_on=datetime.date(2025, 3, 19))
    make_translation(first, language="en", kind="third_party", text=text, source=source, translator=text, note=text)
    make_translation(first, language="en", kind="official", text=text, version=version)
    Statement.objects.filter(pk=first.pk).update(place=text)
    first.topics.set([subtopic])
    make_quote(first, text=text, speaker=person, speaker_label=text).sources.set([source])
    make_quote(second, text=text)
    make_participant(readout, person, role="delegation_member", role_note=text, title=text, represented=country,
                     position=2).sources.set([source])
    make_participant(readout, make_person(), position=1)
    discrepancy = make_discrepancy(readout, versions=[(text, first), (text, None)], resolution=text, position=3)
    discrepancy.versions.first().sources.set([source])
    discrepancy.versions.update(issuer_label=text)
    commitment = make_commitment(readout, actor_people=[person], statement=second, counterpart=text,
                                 description=text, exact_words=text, timeframe=text,
                                 due_date=datetime.date(2025, 4, 1), position=5, actor_label=text)
    commitment.actor_organizations.set([country])
    commitment.sources.set([source])
    later = make_readout(date=datetime.date(2025, 3, 25))
    update = make_update(commitment, note=text, evidence=later, status="partly_fulfilled")
    update.sources.set([source])
    make_update(commitment, date=None, status="stalled", note="")
    make_link(later, readout, kind="responds_to", note=text)
    return readout
