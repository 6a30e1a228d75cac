"""export_archive: the whole archive or a filtered part of it, always the same bytes for the same data."""

import datetime
import io
import json
import re

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext

from readouts.archive.format import TOP_LEVEL, walk
from readouts.models import Organization, Person, Readout, Source, Topic
from tests.archive_helpers import (
    SAMPLE,
    empty_the_archive,
    export,
    import_file,
    load_sample,
    make_full_readout,
    write,
)
from tests.factories import (
    make_commitment,
    make_link,
    make_participant,
    make_person,
    make_readout,
    make_source,
    make_statement,
    make_topic,
    make_update,
)

pytestmark = pytest.mark.django_db


def test_the_format_holds_every_field_of_every_model():
    for top in TOP_LEVEL:
        for kind, _ in walk(top):
            meta = kind.model._meta
            fields = {field.name for field in meta.concrete_fields + meta.many_to_many} - {"id", kind.parent}
            assert set(kind.values) | set(kind.refs) == fields, kind.name


def test_sample_archive_survives_export_import_export_unchanged(tmp_path):
    load_sample()
    first = export()
    empty_the_archive()
    assert not Readout.objects.exists()
    import_file(write(tmp_path, first))
    assert export() == first
    counts = json.loads(first)["counts"]
    assert (counts["readouts"], counts["statements"], counts["commitments"]) == (8, 43, 49)


def test_every_field_and_awkward_text_survive_the_round_trip(tmp_path):
    readout = make_full_readout()
    first = export()
    statement_text = readout.statements.get(position=1, text__gt="").text
    empty_the_archive()
    import_file(write(tmp_path, first))
    assert export() == first
    assert "Зеленський" in first and "🇺🇦" in first  # written as themselves, not escaped
    copy = Readout.objects.get(slug=readout.slug)
    assert (copy.title, copy.status, copy.time) == (readout.title, "draft", readout.time)
    assert copy.created_at == datetime.datetime(2025, 3, 19, 8, 0, 0, 123456, tzinfo=datetime.UTC)
    assert copy.statements.get(text__gt="").text == statement_text


def test_the_file_is_sorted_indented_utf8_and_unstamped():
    load_sample()
    text = export()
    archive = json.loads(text)
    assert text == json.dumps(archive, ensure_ascii=False, indent=2) + "\n"
    assert list(archive)[:4] == ["format", "version", "filter", "organizations"]
    assert "exported_at" not in archive
    slugs = [person["slug"] for person in archive["people"]]
    assert slugs == sorted(slugs)
    keys = [(readout["date"], readout["slug"]) for readout in archive["readouts"]]
    assert keys == sorted(keys)
    assert all(list(record) == sorted(record) for record in archive["readouts"] + archive["sources"])


def test_stamp_records_the_time_of_the_export():
    assert "exported_at" in json.loads(export("--stamp"))


def filtered(*args):
    archive = json.loads(export(*args))
    return archive, {f"{readout['date']}/{readout['slug']}" for readout in archive["readouts"]}


def keys_of(readouts):
    return {f"{readout.date.isoformat()}/{readout.slug}" for readout in readouts}


def named_by(readouts):
    """What the readouts name, found through the models' own relations."""
    people = Person.objects.filter(
        Q(participations__readout__in=readouts) | Q(statements__readout__in=readouts)
        | Q(quotes__statement__readout__in=readouts) | Q(commitments__readout__in=readouts)
    )
    organizations = Organization.objects.filter(
        Q(readouts__in=readouts) | Q(statements__readout__in=readouts) | Q(representatives__readout__in=readouts)
        | Q(commitments__readout__in=readouts) | Q(people__in=people)
    )
    topics = Topic.objects.filter(readouts__in=readouts)
    sources = Source.objects.filter(
        Q(readouts__in=readouts) | Q(statements__readout__in=readouts) | Q(commitments__readout__in=readouts)
        | Q(commitment_updates__commitment__readout__in=readouts)
        | Q(discrepancy_versions__discrepancy__readout__in=readouts)
    )

    def with_parents(entities):
        slugs = set()
        for entity in entities:
            while entity:
                slugs.add(entity.slug)
                entity = entity.parent
        return slugs

    return {
        "people": set(people.values_list("slug", flat=True)),
        "organizations": with_parents(organizations.distinct()),
        "topics": with_parents(topics.distinct()),
        "sources": set(sources.values_list("url", flat=True)),
    }


def assert_holds_exactly(archive, readouts):
    named = named_by(readouts)
    assert {person["slug"] for person in archive["people"]} == named["people"]
    assert {organization["slug"] for organization in archive["organizations"]} == named["organizations"]
    assert {topic["slug"] for topic in archive["topics"]} == named["topics"]
    assert {source["url"] for source in archive["sources"]} == named["sources"]
    for link in archive["links"]:
        assert {link["from_readout"], link["to_readout"]} <= keys_of(readouts)


def test_a_date_range_holds_its_readouts_and_what_they_name():
    load_sample()
    archive, keys = filtered("--since", "2025-02-18", "--until", "2025-03-11")
    expected = Readout.objects.filter(date__range=("2025-02-18", "2025-03-11"))
    assert keys == keys_of(expected) and len(keys) == 3
    assert_holds_exactly(archive, expected)
    assert archive["filter"]["since"] == "2025-02-18"
    evidence = {update["evidence"] for r in archive["readouts"] for c in r["commitments"] for update in c["updates"]}
    assert evidence - {None} <= keys  # references to readouts outside the file are left out


def test_a_topic_holds_the_readouts_about_it_or_its_subtopics():
    load_sample()
    topic = Topic.objects.get(slug="humanitarian-issues")
    archive, keys = filtered("--topic", topic.slug)
    expected = Readout.objects.filter(Q(topics=topic) | Q(topics__parent=topic)).distinct()
    assert keys == keys_of(expected) and 0 < len(keys) < 8
    assert_holds_exactly(archive, expected)


def test_a_person_holds_the_readouts_they_took_part_in():
    load_sample()
    archive, keys = filtered("--person", "vladimir-putin")
    expected = Readout.objects.filter(participants__person__slug="vladimir-putin")
    assert keys == keys_of(expected) and len(keys) == 2
    assert_holds_exactly(archive, expected)


def test_published_only_holds_nothing_of_drafts():
    load_sample()
    published = Readout.objects.get(slug="trump-zelenskyy-telephone-call", date="2025-03-19")
    draft = make_readout(title="Secret draft call", status="draft", topics=[make_topic(slug="draft-only-topic")])
    insider = make_person(slug="draft-only-person")
    make_participant(draft, insider)
    make_statement(draft, text="Words of the draft statement.", sources=[make_source(url="https://draft.example/")])
    make_commitment(draft, description="A commitment only the draft records")
    make_update(published.commitments.first(), evidence=draft, note="Evidence in a draft")
    make_link(draft, published)
    text = export("--published-only")
    archive = json.loads(text)
    for secret in ("Secret draft call", "Words of the draft", "only the draft records", "draft-only-person",
                   "draft-only-topic", "https://draft.example/", draft.slug):
        assert secret not in text
    assert {readout["status"] for readout in archive["readouts"]} == {"published"}
    updates = [u for r in archive["readouts"] for c in r["commitments"] for u in c["updates"]]
    assert [u["evidence"] for u in updates if u["note"] == "Evidence in a draft"] == [None]
    assert archive["filter"]["published_only"] is True
    assert "Secret draft call" in export()  # the operators' backup keeps drafts


def test_synthetic_rows_can_be_left_out():
    load_sample()
    make_readout(title="Synthetic: a call", is_synthetic=True, topics=[make_topic(slug="fake", is_synthetic=True)])
    make_person(slug="fake-person", is_synthetic=True)
    with_them, without = export(), export("--exclude-synthetic")
    assert "Synthetic: a call" in with_them and "fake-person" in with_them
    for fake in ("Synthetic: a call", "fake-person", '"fake"'):
        assert fake not in without
    assert json.loads(without)["counts"]["readouts"] == 8
    assert json.loads(without)["counts"]["people"] == Person.objects.filter(is_synthetic=False).count()


def test_the_number_of_queries_does_not_grow_with_the_readouts():
    def queries_for(n):
        empty_the_archive()
        for _ in range(n):
            make_full_readout()
        with CaptureQueriesContext(connection) as queries:
            export()
        return len(queries)

    assert queries_for(2) == queries_for(6)


def test_output_to_a_file_with_progress_on_stderr(tmp_path):
    load_sample()
    err = io.StringIO()
    target = tmp_path / "backup.json"
    call_command("export_archive", "--output", str(target), "--progress", stderr=err)
    assert target.read_text(encoding="utf-8") == export()
    assert "readouts [" in err.getvalue() and "] 8/8 100%" in err.getvalue()
    assert not (tmp_path / "backup.json.partial").exists()


@pytest.mark.parametrize(
    "args, message",
    [
        (["--topic", "nowhere"], "No topic has the slug 'nowhere'"),
        (["--person", "nobody"], "No person has the slug 'nobody'"),
        (["--since", "2025-13-01"], "'2025-13-01' is not a date"),
        (["--since", "2025-04-01", "--until", "2025-03-01"], "--since is after --until"),
    ],
)
def test_bad_filters_are_refused_clearly(args, message):
    with pytest.raises(CommandError, match=message):
        export(*args)


def test_every_readout_list_is_written_in_the_models_order():
    """Children keep the order readers see (position, then entry order), which import restores."""
    readout = make_full_readout()
    archive = json.loads(export())
    record = next(r for r in archive["readouts"] if r["slug"] == readout.slug)
    assert [p["position"] for p in record["participants"]] == [1, 2]
    assert [u["date"] for u in record["commitments"][0]["updates"]] == ["2025-03-23", None]


def test_the_format_page_names_every_field_and_every_allowed_value():
    page = (SAMPLE.parent.parent / "docs" / "archive-format.md").read_text(encoding="utf-8")
    sections = re.split(r"^#{3,5} ", page, flags=re.MULTILINE)
    for top in TOP_LEVEL:
        for kind, _ in walk(top):
            section = next(section for section in sections if section.startswith(f"`{kind.name}`"))
            for name in kind.fields:
                assert f"`{name}`" in section, (kind.name, name)
            for name in kind.values:
                for value, _ in kind.field(name).choices or ():
                    assert f"`{value}`" in page, (kind.name, name, value)
