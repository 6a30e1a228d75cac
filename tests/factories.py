"""Small factories for tests: plain functions that fill in what a test does not care about."""

import datetime
import itertools
from importlib import import_module
from types import SimpleNamespace

from django.contrib.auth.models import Group, User
from django.db import connection, transaction
from django.db.migrations.executor import MigrationExecutor

from readouts.models import (
    Commitment,
    CommitmentUpdate,
    Organization,
    Participant,
    Person,
    Readout,
    Source,
    Statement,
    Topic,
)

_counter = itertools.count(1)


def _next():
    return next(_counter)


def make_organization(**kwargs):
    n = _next()
    kwargs.setdefault("name", f"Country {n}")
    kwargs.setdefault("slug", f"country-{n}")
    kwargs.setdefault("kind", "country")
    return Organization.objects.create(**kwargs)


def make_person(**kwargs):
    n = _next()
    kwargs.setdefault("name", f"Person {n}")
    kwargs.setdefault("slug", f"person-{n}")
    return Person.objects.create(**kwargs)


def make_topic(**kwargs):
    n = _next()
    kwargs.setdefault("name", f"Topic {n}")
    kwargs.setdefault("slug", f"topic-{n}")
    return Topic.objects.create(**kwargs)


def make_readout(topics=(), organizations=(), **kwargs):
    n = _next()
    kwargs.setdefault("title", f"Telephone call {n}")
    kwargs.setdefault("slug", f"telephone-call-{n}")
    kwargs.setdefault("date", datetime.date(2025, 3, 19))
    kwargs.setdefault("format", "phone_call")
    kwargs.setdefault("summary", f"The leaders spoke about item {n}.")
    kwargs.setdefault("status", Readout.Status.PUBLISHED)
    readout = Readout.objects.create(**kwargs)
    readout.topics.set(topics)
    readout.organizations.set(organizations)
    return readout


def make_source(**kwargs):
    n = _next()
    kwargs.setdefault("name", f"News agency {n}")
    kwargs.setdefault("url", f"https://news.example/{n}")
    return Source.objects.create(**kwargs)


def make_statement(readout, speakers=(), sources=(), **kwargs):
    kwargs.setdefault("kind", "readout")
    kwargs.setdefault("issuer_name", "The White House")
    kwargs.setdefault("language", "en")
    kwargs.setdefault("date_issued", readout.date)
    if not kwargs.get("text"):
        kwargs.setdefault("summary", "The two leaders discussed a ceasefire.")
    statement = Statement.objects.create(readout=readout, **kwargs)
    statement.speakers.set(speakers)
    statement.sources.set(sources)
    return statement


def make_participant(readout, person=None, **kwargs):
    kwargs.setdefault("role", "principal")
    kwargs.setdefault("title", "President")
    return Participant.objects.create(readout=readout, person=person or make_person(), **kwargs)


def make_commitment(readout, actor_people=(), **kwargs):
    kwargs.setdefault("actor_label", "United States")
    kwargs.setdefault("description", "Meet again in the coming days.")
    kwargs.setdefault("timeframe", "in the coming days")
    commitment = Commitment.objects.create(readout=readout, **kwargs)
    commitment.actor_people.set(actor_people)
    return commitment


def make_update(commitment, **kwargs):
    kwargs.setdefault("date", commitment.readout.date + datetime.timedelta(days=5))
    kwargs.setdefault("status", "fulfilled")
    kwargs.setdefault("note", "The teams met.")
    return CommitmentUpdate.objects.create(commitment=commitment, **kwargs)


# The migrations that make the Editors group and grant it each model's permissions.
EDITORS_MIGRATIONS = [
    ("0002_editors_group", "create_editors_group"),
    ("0007_former_addresses", "grant_editors"),
    ("0014_statement_versions_and_translations", "grant_editors"),
]


def editors_group():
    """The Editors group the migrations made. A test with transaction=True empties the database
    as it ends, and only tests asking for a serialized rollback get migrations' rows back (and
    not in Playwright's thread: see tests/browser/conftest.py), so whatever runs after one finds
    no group; it is then made again by the migrations' own functions."""
    group = Group.objects.filter(name="Editors").first()
    if group is None:
        loader = MigrationExecutor(connection).loader
        for name, function in EDITORS_MIGRATIONS:
            state = loader.project_state(("readouts", name)).apps
            getattr(import_module(f"readouts.migrations.{name}"), function)(state, SimpleNamespace(connection=connection))
        group = Group.objects.get(name="Editors")
    return group


EDITOR_PASSWORD = "correct horse battery staple"


def make_editor(username="editor", password=EDITOR_PASSWORD):
    user = User.objects.create_user(username=username, password=password, is_staff=True)
    user.groups.add(editors_group())
    return user


# Added for the public pages' tests.


def make_quote(statement, **kwargs):
    kwargs.setdefault("text", "We are very much on track.")
    if "speaker" not in kwargs:
        kwargs.setdefault("speaker_label", "The readout")
    return statement.quotes.create(**kwargs)


def make_discrepancy(readout, versions=(), **kwargs):
    """versions: (says, statement) pairs, one per account."""
    kwargs.setdefault("subject", "Scope of the ceasefire")
    discrepancy = readout.discrepancies.create(**kwargs)
    for position, (says, statement) in enumerate(versions):
        discrepancy.versions.create(says=says, statement=statement, position=position)
    return discrepancy


def make_version(statement, **kwargs):
    """An earlier text of the statement (its publisher changed it)."""
    kwargs.setdefault("text", "The text as first published.")
    kwargs.setdefault("seen_on", statement.readout.date)
    return statement.versions.create(**kwargs)


def make_translation(statement, **kwargs):
    kwargs.setdefault("language", "uk")
    kwargs.setdefault("kind", "archive")
    kwargs.setdefault("text", "Переклад.")
    return statement.translations.create(**kwargs)


def make_link(from_readout, to_readout, **kwargs):
    kwargs.setdefault("kind", "follows_up")
    return from_readout.links_out.create(to_readout=to_readout, **kwargs)


# One transaction, as an import writes it: what is derived from the readouts is refreshed once, at
# its end, not after each of its thousand rows (17 s for 12 readouts).
@transaction.atomic
def build_sized_archive(size):
    """`size` published readouts (and one draft) around one person, country and topic."""
    person = make_person(slug="the-person")
    country = make_organization(slug="the-country")
    body = make_organization(kind="government_body", parent=country)  # listed in the first readout
    topic = make_topic(slug="the-topic")
    make_topic(parent=topic)
    readouts = []
    for n in range(size):
        people = [person, *(make_person(organization=country) for _ in range(3))]
        topics = [topic, make_topic(), make_topic(kind="place", parent=topic)]
        organizations = [country, make_organization(), *([body] if n == 0 else [])]
        readout = make_readout(date=datetime.date(2025, 1 + n % 6, 1 + n), topics=topics, organizations=organizations)
        for role, participant in zip(["principal", "principal", "delegation_member", "issuer"], people):
            make_participant(readout, participant, role=role, represented=country, title=f"Title {n % 3}")
        statements = [
            make_statement(readout, issuer=country, speakers=people[:2], sources=[make_source(), make_source()],
                           text="One.\n\nTwo.\n\nThree.")
            for _ in range(3)
        ]
        for statement in statements:
            make_quote(statement, speaker=people[0])
            make_quote(statement)
        # The first statement was changed by its publisher, and translated.
        Statement.objects.filter(pk=statements[0].pk).update(text_seen_on=readout.date, text_source=make_source())
        make_version(statements[0], source=make_source())
        make_translation(statements[0], source=make_source())
        make_translation(statements[0], version=statements[0].versions.get(), kind="official")
        make_discrepancy(readout, versions=[("one", statements[0]), ("two", statements[1])])
        make_discrepancy(readout, versions=[("three", statements[1]), ("four", None)])
        for _ in range(3):
            commitment = make_commitment(readout, actor_people=people[:2], statement=statements[0])
            commitment.actor_organizations.add(country)
        if readouts:
            make_link(readout, readouts[-1])
            make_update(readouts[-1].commitments.first(), evidence=readout, date=readout.date, status="in_progress")
        readouts.append(readout)
    make_readout(status=Readout.Status.DRAFT, topics=[topic])
    return readouts
