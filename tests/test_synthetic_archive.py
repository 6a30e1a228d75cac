"""The synthetic archive (scripts/build_synthetic_archive.py): its shapes, its marks, its seed, --clear,
and its place outside the site's code."""

import io
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count
from django.urls import reverse

from readouts.models import (
    Commitment,
    CommitmentUpdate,
    Organization,
    Participant,
    Person,
    Readout,
    Source,
    Statement,
    StatementTranslation,
    StatementVersion,
    Topic,
)
from readouts.models.statements import check_texts
from scripts.synthetic.clearing import synthetic_counts
from scripts.synthetic.command import Command
from tests.factories import make_organization, make_participant, make_person, make_readout, make_source, make_statement, make_topic

pytestmark = pytest.mark.django_db

N, SEED = 30, 7


def build(n=N, *args):
    out = io.StringIO()
    call_command(Command(), n, "--seed", str(SEED), *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def snapshot():
    """What the archive says, without the timestamps that record when it was built."""
    return {
        "readouts": list(
            Readout.objects.order_by("pk").values_list(
                "pk", "title", "slug", "date", "end_date", "format", "location", "summary", "background", "status"
            )
        ),
        "statements": list(Statement.objects.order_by("pk").values_list("pk", "readout", "kind", "issuer", "text")),
        "participants": list(
            Participant.objects.order_by("readout", "position").values_list("readout", "person", "role", "title")
        ),
        "topics": list(Readout.topics.through.objects.order_by("readout", "topic").values_list("readout", "topic")),
        "commitments": list(Commitment.objects.order_by("pk").values_list("pk", "readout", "status", "description")),
        "updates": list(CommitmentUpdate.objects.order_by("commitment", "date").values_list("commitment", "evidence", "status")),
        "people": list(Person.objects.order_by("pk").values_list("pk", "name", "slug", "alternate_names")),
        "earlier texts": list(StatementVersion.objects.order_by("pk").values_list("statement", "seen_on", "text")),
        "translations": list(StatementTranslation.objects.order_by("pk").values_list("statement", "language", "kind", "text")),
    }


def test_statements_participants_topics_and_commitments_have_realistic_shapes():
    build()
    readouts = Readout.objects.annotate(
        statements_=Count("statements", distinct=True),
        participants_=Count("participants", distinct=True),
        topics_=Count("topics", distinct=True),
        commitments_=Count("commitments", distinct=True),
    )
    assert readouts.count() == N
    for readout in readouts:
        assert 1 <= readout.statements_ <= 4
        assert 2 <= readout.participants_ <= 8
        assert 2 <= readout.topics_ <= 6
        assert 0 <= readout.commitments_ <= 4
        assert readout.title.startswith("Synthetic: ")
    for statement in Statement.objects.all():
        assert 150 <= len(statement.text.split()) <= 1500
        assert all(40 <= len(paragraph.split()) <= 150 for paragraph in statement.paragraphs)
    assert CommitmentUpdate.objects.count() <= 3 * Commitment.objects.count()
    for update in CommitmentUpdate.objects.select_related("commitment__readout", "evidence"):
        assert update.evidence.date >= update.commitment.readout.date
    assert Person.objects.count() >= 500
    assert Person.objects.exclude(alternate_names="").exists()
    assert Topic.objects.filter(parent__isnull=False).exists()
    assert Organization.objects.filter(kind="government_body", parent__kind="country").exists()


def test_everything_built_is_marked_synthetic():
    build()
    for model in (Readout, Person, Organization, Topic, Source):
        assert model.objects.exists()
        assert not model.objects.filter(is_synthetic=False).exists(), model.__name__


def test_the_same_seed_builds_the_same_archive():
    build()
    first = snapshot()
    build(N, "--clear")
    assert snapshot() == first


def test_another_seed_builds_another_archive():
    build()
    first = snapshot()
    call_command(Command(), N, "--seed", str(SEED + 1), "--clear", stdout=io.StringIO(), stderr=io.StringIO())
    assert snapshot()["statements"] != first["statements"]


def real_archive():
    country = make_organization(name="Ukraine", slug="ukraine")
    person = make_person(name="Volodymyr Zelenskyy", slug="volodymyr-zelenskyy", organization=country)
    topic = make_topic(name="Ceasefire", slug="ceasefire")
    readout = make_readout(topics=[topic], organizations=[country])
    make_participant(readout, person, represented=country)
    make_statement(readout, speakers=[person], sources=[make_source()], issuer=country)
    return readout


def test_clear_removes_only_synthetic_rows():
    real = real_archive()
    models = (Readout, Person, Organization, Topic, Source, Statement, Participant, StatementVersion, StatementTranslation)
    before = {model: model.objects.count() for model in models}
    build(N, "--alongside-real")
    assert StatementVersion.objects.count() > before[StatementVersion]
    assert Readout.objects.count() == before[Readout] + N
    build(0, "--clear")
    after = {model: model.objects.count() for model in before}
    assert after == before
    assert Readout.objects.get() == real
    assert not any(synthetic_counts().values())


def test_a_few_statements_have_earlier_texts_and_translations(client):
    build(100)
    statements = Statement.objects.count()
    changed = Statement.objects.filter(versions__isnull=False).distinct().prefetch_related("versions__source")
    assert 0.01 * statements <= changed.count() <= 0.15 * statements
    assert {row["n"] for row in StatementVersion.objects.values("statement").annotate(n=Count("pk"))} <= {1, 2}
    for statement in changed:
        versions = list(statement.versions.all())
        # In order, each different from the next, as an editor's would have to be.
        assert check_texts([(v.seen_on, v.text) for v in versions], statement.text, statement.text_seen_on) == []
        assert all(v.source.is_synthetic for v in versions)
        later = [*versions[1:], statement]
        for version, after in zip(versions, later):  # a sentence or a few words apart
            before_words, after_words = version.text.split(), after.text.split()
            assert abs(len(before_words) - len(after_words)) <= 30
            assert len(set(before_words) ^ set(after_words)) <= 30
    translations = StatementTranslation.objects.select_related("statement")
    assert 0 < translations.count() <= 0.15 * statements
    for translation in translations:
        assert translation.language != translation.statement.language
        assert len(translation.text.split("\n\n")) == len(translation.statement.paragraphs)
        translation.full_clean()
    readout = changed.filter(readout__status="published").first().readout
    page = client.get(readout.get_absolute_url())
    assert page.status_code == 200
    assert "Changed by its publisher" in page.content.decode()


def test_refuses_to_mix_with_real_readouts_unless_told():
    real_archive()
    with pytest.raises(CommandError, match="real readout"):
        build()
    assert not Readout.objects.filter(is_synthetic=True).exists()


def test_refuses_to_add_a_second_synthetic_archive_without_clear():
    build()
    with pytest.raises(CommandError, match="--clear"):
        build()
    assert Readout.objects.count() == N


def test_pages_of_a_synthetic_readout_render(client):
    build()
    readout = Readout.objects.published().annotate(n=Count("commitments")).filter(n__gt=0).first()
    person = Person.objects.filter(participations__readout=readout).first()
    organization = readout.organizations.first()
    topic = readout.topics.first()
    commitment = readout.commitments.first()
    for url in (
        readout.get_absolute_url(),
        person.get_absolute_url(),
        organization.get_absolute_url(),
        topic.get_absolute_url(),
        commitment.get_absolute_url(),
        reverse("readouts:month_archive", args=[readout.date.year, readout.date.month]),
        reverse("readouts:readout_list"),
        reverse("readouts:home"),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
    assert "Synthetic: " in client.get(readout.get_absolute_url()).content.decode()


ROOT = Path(__file__).resolve().parent.parent


def run(*args):
    return subprocess.run([sys.executable, *args], cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_the_script_runs_the_command():
    result = run("scripts/build_synthetic_archive.py", "-1")
    assert result.returncode == 1
    assert "CommandError: N must be 0 or more." in result.stderr


def test_the_site_never_imports_the_generator():
    # It is a developer's tool: every module of the site, migrations included, loads without it.
    result = run(
        "-c",
        "import pkgutil, sys, django; django.setup(); import config.urls, readouts; "
        "loaded = [__import__(m.name) for m in pkgutil.walk_packages(readouts.__path__, 'readouts.')]; "
        "print(len(loaded), sorted(name for name in sys.modules if name.startswith('scripts')))",
    )
    assert result.returncode == 0, result.stderr
    count, scripts = result.stdout.split(" ", 1)
    assert int(count) > 50
    assert scripts.strip() == "[]"
