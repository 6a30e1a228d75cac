"""The sample archive (fixtures/sample_archive.json) holds what the corpus says, and nothing else."""

import importlib.util
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from django.apps import apps
from django.core.management import call_command
from django.urls import reverse

from readouts.models import (
    Commitment,
    CommitmentUpdate,
    DiscrepancyVersion,
    Organization,
    Person,
    Quote,
    Readout,
    Source,
    Statement,
    Topic,
)
from tests.archive_helpers import SAMPLE

ROOT = Path(__file__).resolve().parent.parent
CORPUS_FILE = ROOT / "fixtures" / "corpus" / "readouts.yaml"
SEED_FILE = ROOT / "fixtures" / "corpus" / "seed-unn-2025-03-20.txt"


@pytest.fixture(scope="module")
def corpus():
    with open(CORPUS_FILE, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def corpus_statements(corpus):
    return [statement for event in corpus["events"] for statement in event["statements"]]


def corpus_commitments(corpus):
    return [c for statement in corpus_statements(corpus) for c in statement.get("commitments", [])]


@pytest.fixture
def archive(db):
    call_command("loaddata", str(SAMPLE), verbosity=0)
    call_command("rebuild_derived", verbosity=0)  # loaddata saves raw


def load_builder():
    spec = importlib.util.spec_from_file_location("build_sample_archive", ROOT / "scripts" / "build_sample_archive.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_fixture_is_what_the_script_builds_from_the_corpus(tmp_path):
    """The committed fixture cannot drift from the corpus: rebuilding gives the same bytes."""
    output = tmp_path / "sample_archive.json"
    load_builder().main(["--output", str(output)])
    assert output.read_bytes() == SAMPLE.read_bytes()


def test_archive_has_one_row_per_corpus_record(archive, corpus):
    assert Readout.objects.count() == len(corpus["events"])
    assert Statement.objects.count() == len(corpus_statements(corpus))
    assert Commitment.objects.count() == len(corpus_commitments(corpus))
    assert CommitmentUpdate.objects.count() == len(corpus_commitments(corpus))
    assert Person.objects.count() == len(corpus["people"])
    assert Source.objects.count() == len(corpus["sources"])
    assert Quote.objects.count() == sum(1 for s in corpus_statements(corpus) if s.get("quote"))
    versions = [v for e in corpus["events"] for d in e.get("discrepancies", []) for v in d["versions"]]
    assert DiscrepancyVersion.objects.count() == len(versions)


def test_every_readout_is_published(archive):
    assert Readout.objects.published().count() == Readout.objects.count() > 0


def archive_models():
    """The archive's own tables: not the search index's (unmanaged, readouts/models/search.py)."""
    return [model for model in apps.get_app_config("readouts").get_models() if model._meta.managed]


def test_loading_twice_does_not_duplicate(archive):
    counts = {model: model.objects.count() for model in archive_models()}
    call_command("loaddata", str(SAMPLE), verbosity=0)
    call_command("rebuild_derived", verbosity=0)  # loaddata saves raw
    assert {model: model.objects.count() for model in counts} == counts


def test_every_row_passes_model_validation(archive):
    for model in archive_models():
        for obj in model.objects.all():
            obj.full_clean()


def test_seed_statement_holds_the_seed_text_verbatim(archive):
    lines = SEED_FILE.read_text(encoding="utf-8").split("\n")
    statement = Statement.objects.get(issuer_name="UNN (Ukrainian National News)", readout__date="2025-03-19")
    assert statement.text == "\n\n".join(lines[1:])
    assert statement.paragraphs == [line for line in lines[1:] if line.strip()]
    assert lines[0] == f" date {statement.date_issued.isoformat()} {statement.title}"
    assert statement.cites == "State Department website"


def test_statements_keep_the_corpus_order_and_summaries(archive, corpus):
    for event, readout in zip(corpus["events"], Readout.objects.order_by("pk")):
        assert readout.title == event["title"]
        stored = list(readout.statements.order_by("position"))
        assert [s.summary for s in stored] == [s["summary"] for s in event["statements"]]
        assert [s.issuer_name for s in stored] == [s["issuer"]["institution"] for s in event["statements"]]


def test_only_the_seed_statement_claims_verbatim_text(archive):
    assert list(Statement.objects.exclude(text="").values_list("issuer_name", flat=True)) == [
        "UNN (Ukrainian National News)"
    ]


def test_every_commitment_has_the_corpus_outcome_status(archive, corpus):
    expected = [c["outcome"]["status"] for c in corpus_commitments(corpus)]
    assert list(Commitment.objects.order_by("pk").values_list("status", flat=True)) == expected
    for commitment in Commitment.objects.prefetch_related("updates"):
        assert [update.status for update in commitment.updates.all()] == [commitment.status]


def test_commitment_evidence_is_the_corpus_by_event(archive, corpus):
    titles = {e["id"]: e["title"] for e in corpus["events"]}
    expected = [titles.get(c["outcome"].get("by_event")) for c in corpus_commitments(corpus)]
    updates = CommitmentUpdate.objects.order_by("commitment_id").select_related("evidence")
    assert [u.evidence.title if u.evidence else None for u in updates] == expected


def test_commitments_and_outcomes_carry_the_corpus_sources(archive, corpus):
    urls = {source["id"]: source["url"] for source in corpus["sources"]}
    commitments = Commitment.objects.order_by("pk").prefetch_related("sources", "updates__sources")
    for commitment, record in zip(commitments, corpus_commitments(corpus), strict=True):
        assert {s.url for s in commitment.sources.all()} == {urls[i] for i in record["src"]}
        (update,) = commitment.updates.all()
        assert {s.url for s in update.sources.all()} == {urls[i] for i in record["outcome"].get("src", [])}


def test_no_official_url_is_claimed(archive, corpus):
    """official_url_seen is false for every statement: the archive links only the copies it read."""
    assert all(s["official_url_seen"] is False for s in corpus_statements(corpus))
    assert not Statement.objects.exclude(official_url="").exists()


def test_no_unverified_item_is_in_the_archive(corpus):
    text = SAMPLE.read_text(encoding="utf-8")
    for item in corpus["unverified"]:
        assert item["item"] not in text
        assert item["why"] not in text
    # Names and claims that only the unverified list holds.
    for phrase in ["Karasevych", "Zhovkva", "Kolisnyk", "moved beyond the economic minerals deal", "S192",
                   "25 times", "secondary sanctions", "see unverified list"]:
        assert phrase not in text


class VisibleText(HTMLParser):
    """What a reader sees of a page, and can open: its text, outside scripts and styles."""

    def __init__(self):
        super().__init__()
        self.text, self.hidden = [], 0

    def handle_starttag(self, tag, attrs):
        self.hidden += tag in ("script", "style")

    def handle_endtag(self, tag):
        self.hidden -= tag in ("script", "style")

    def handle_data(self, data):
        if not self.hidden:
            self.text.append(data)


# The corpus's record codes: sources (S003), events (E10) and their statements (E09-S2).
RECORD_CODE = re.compile(r"\bS\d{3}\b|\bE\d\d(?:-S\d+)?\b|Corpus source")


def test_no_public_page_shows_an_internal_record_code(archive, client):
    addresses = [reverse(name) for name in (
        "readouts:home", "readouts:readout_list", "readouts:person_list", "readouts:organization_list",
        "readouts:topic_list", "readouts:commitment_list",
    )]
    addresses += [readout.get_absolute_url() for readout in Readout.objects.all()]
    addresses += [commitment.get_absolute_url() for commitment in Commitment.objects.all()]
    for model in (Person, Organization, Topic):  # those with a page: in a published readout
        addresses += [record.get_absolute_url() for record in model.objects.public()]
    for address in addresses:
        response = client.get(address)
        assert response.status_code == 200, address
        page = VisibleText()
        page.feed(response.content.decode())
        found = RECORD_CODE.findall(" ".join(page.text))
        assert not found, (address, found)
