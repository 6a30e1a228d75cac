"""The archive format, version 4: its kinds of record, their fields, and how values are written.

Version 2 added statements' earlier texts and translations, and the date and source of a
changed statement's current text; version 3 a readout's venue, city and country, a statement's
topics and place, sources on quotes and participants, and a source's kind and language;
version 4 a joint statement's issuers. An older file is read as one without what came after it.

One description drives the export, the checks and the import; docs/archive-format.md explains it
field by field, and a test checks that it covers every field of every model.
"""

import dataclasses
import datetime
import re

from readouts.models import (
    Commitment,
    CommitmentUpdate,
    Discrepancy,
    DiscrepancyVersion,
    FormerAddress,
    Organization,
    Participant,
    Person,
    Quote,
    Readout,
    ReadoutLink,
    Source,
    Statement,
    StatementTranslation,
    StatementVersion,
    Topic,
)

FORMAT = "readouts-archive"
VERSION = 4
# Versions an import reads. A file of an older version is one without the fields NEW_FIELDS gives
# for the versions after it.
READABLE = (1, 2, 3, 4)

# Set by the archive itself; a record may leave them out (an existing readout keeps its own,
# a new one gets the time of the import, as when an editor saves it).
STAMPS = ("created_at", "updated_at", "published_at")


@dataclasses.dataclass(frozen=True, eq=False)  # each kind is one object: hashed by identity
class Kind:
    """One kind of record: a list at the top of the file, or inside each record of its parent."""

    name: str  # the list's key
    model: type
    values: tuple  # fields written as plain JSON values
    refs: dict = dataclasses.field(default_factory=dict)  # field -> the list whose records it names
    children: tuple = ()
    parent: str = ""  # children: the foreign key to the enclosing record, implied by the nesting
    key: tuple = ()  # top level: the natural key, unique in the file and in the database
    match: tuple = ()  # children: matched to existing rows by these fields rather than by position
    count: str = ""  # its name in `counts`, where the list's name alone is ambiguous

    @property
    def count_name(self):
        return self.count or self.name

    @property
    def fields(self):
        return self.values + tuple(self.refs) + tuple(child.name for child in self.children)

    def field(self, name):
        return self.model._meta.get_field(name)


ORGANIZATIONS = Kind(
    "organizations",
    Organization,
    ("slug", "name", "kind", "alternate_names", "description", "is_synthetic"),
    refs={"parent": "organizations"},
    key=("slug",),
)
PEOPLE = Kind(
    "people",
    Person,
    ("slug", "name", "sort_name", "alternate_names", "description", "is_synthetic"),
    refs={"organization": "organizations"},
    key=("slug",),
)
TOPICS = Kind(
    "topics",
    Topic,
    ("slug", "name", "kind", "description", "is_synthetic"),
    refs={"parent": "topics"},
    key=("slug",),
)
SOURCES = Kind(
    "sources", Source, ("url", "name", "published_on", "kind", "language", "note", "is_synthetic"), key=("url",)
)

QUOTES = Kind(
    "quotes", Quote, ("text", "speaker_label"), refs={"speaker": "people", "sources": "sources"}, parent="statement"
)
# In the order they were seen: a text's place in the list is its version number.
EARLIER_TEXTS = Kind(
    "earlier_texts",
    StatementVersion,
    ("seen_on", "text", "note", "paragraph_ids"),
    refs={"source": "sources"},
    parent="statement",
    count="statement_versions",
)
TRANSLATIONS = Kind(
    "translations",
    StatementTranslation,
    ("language", "kind", "text", "translator", "note"),
    # `version`: the number of the earlier text it translates (from 1), null for the current one.
    refs={"version": "earlier_texts", "source": "sources"},
    parent="statement",
    match=("version", "language"),
    count="statement_translations",
)
STATEMENTS = Kind(
    "statements",
    Statement,
    (
        "position", "kind", "kind_note", "title", "issuer_name", "date_issued", "date_note", "language",
        "language_note", "text", "summary", "cites", "official_url", "note", "paragraph_ids", "last_paragraph_id",
        "text_seen_on", "place",
    ),
    refs={
        "issuer": "organizations",
        "joint_issuers": "organizations",
        "speakers": "people",
        "sources": "sources",
        "text_source": "sources",
        "topics": "topics",
    },
    # Earlier texts before translations: translations name them by number.
    children=(QUOTES, EARLIER_TEXTS, TRANSLATIONS),
    parent="readout",
)
# Refs that name a record by its number in a list of the enclosing record: {target: its owner}.
NUMBERED = {"statements": "readout", "earlier_texts": "statement"}
PARTICIPANTS = Kind(
    "participants",
    Participant,
    ("position", "role", "role_note", "title"),
    refs={"person": "people", "represented": "organizations", "sources": "sources"},
    parent="readout",
    # Unique per readout: matching by position could swap two rows' (person, role) mid-update.
    match=("person", "role"),
)
VERSIONS = Kind(
    "versions",
    DiscrepancyVersion,
    ("position", "says", "issuer_label"),
    refs={"statement": "statements", "sources": "sources"},
    parent="discrepancy",
    count="discrepancy_versions",
)
DISCREPANCIES = Kind(
    "discrepancies", Discrepancy, ("position", "subject", "resolution"), children=(VERSIONS,), parent="readout"
)
UPDATES = Kind(
    "updates",
    CommitmentUpdate,
    ("date", "status", "note"),
    refs={"evidence": "readouts", "sources": "sources"},
    parent="commitment",
    count="commitment_updates",
)
COMMITMENTS = Kind(
    "commitments",
    Commitment,
    ("position", "actor_label", "counterpart", "description", "exact_words", "timeframe", "due_date", "status"),
    refs={
        "statement": "statements",
        "actor_people": "people",
        "actor_organizations": "organizations",
        "sources": "sources",
    },
    children=(UPDATES,),
    parent="readout",
)
READOUTS = Kind(
    "readouts",
    Readout,
    (
        "date", "slug", "title", "end_date", "time", "time_zone", "format", "venue", "city", "location", "duration",
        "summary", "background", "status", "published_at", "is_synthetic", "created_at", "updated_at",
    ),
    refs={"country": "organizations", "organizations": "organizations", "topics": "topics", "sources": "sources"},
    # Statements first: the others name them by number.
    children=(STATEMENTS, PARTICIPANTS, DISCREPANCIES, COMMITMENTS),
    key=("date", "slug"),
)
LINKS = Kind(
    "links",
    ReadoutLink,
    ("kind", "note"),
    refs={"from_readout": "readouts", "to_readout": "readouts"},
    key=("from_readout", "to_readout", "kind"),
)

# Each names its one owner; the others are null.
FORMER_ADDRESSES = Kind(
    "former_addresses",
    FormerAddress,
    ("path",),
    refs={"readout": "readouts", "person": "people", "organization": "organizations", "topic": "topics"},
    key=("path",),
)

# What each version added: a file of an older version that gives one is refused.
NEW_FIELDS = {
    2: {STATEMENTS: {"text_seen_on", "text_source", "earlier_texts", "translations"}},
    3: {
        READOUTS: {"venue", "city", "country"},
        STATEMENTS: {"topics", "place"},
        QUOTES: {"sources"},
        PARTICIPANTS: {"sources"},
        SOURCES: {"kind", "language"},
    },
    4: {STATEMENTS: {"joint_issuers"}},
}

ENTITIES = (ORGANIZATIONS, PEOPLE, TOPICS, SOURCES)
TOP_LEVEL = ENTITIES + (READOUTS, LINKS, FORMER_ADDRESSES)
METADATA = ("format", "version", "exported_at", "filter", "counts")


def walk(kind, path="pk"):
    """The kind and its descendants, each with the lookup from it to its readout ("statement__readout")."""
    yield kind, path
    for child in kind.children:
        yield from walk(child, child.parent if kind is READOUTS else f"{child.parent}__{path}")


def required(field):
    return not (field.blank or field.null or field.has_default() or field.many_to_many)


# Natural keys: how one record names another.


def reference(kind, values):
    """The name of a top-level record in references, from its key's values as written:
    a slug, a source's URL, or "YYYY-MM-DD/slug" for a readout."""
    return "/".join(str(values[name]) for name in kind.key)


def existing_pks(kind, references, chunk=500):
    """{reference: pk} for the records of a kind that the database already holds."""
    found = {}
    references = sorted(references)
    for start in range(0, len(references), chunk):
        wanted = set(references[start : start + chunk])
        if kind is READOUTS:
            dates = {ref.split("/", 1)[0] for ref in wanted}
            rows = Readout.objects.filter(date__in=dates).values_list("pk", "date", "slug")
            pairs = ((pk, f"{date.isoformat()}/{slug}") for pk, date, slug in rows)
        else:
            pairs = kind.model.objects.filter(**{f"{kind.key[0]}__in": wanted}).values_list("pk", kind.key[0])
        found.update((ref, pk) for pk, ref in pairs if ref in wanted)
    return found


# Values. Text is a JSON string; dates, times and timestamps are ISO 8601 strings.

# The database does not bound text fields; an archive does, so that a mistaken or hostile file
# cannot store a 50 MB summary (docs/archive-format.md, "Limits"). Character fields keep the
# models' own max_length, which the models' validation checks.
TEXT_LIMIT = 100_000
# A statement's verbatim text may be a long press conference's transcript.
LONG_TEXT_LIMITS = {
    (Statement, "text"): 1_000_000,
    (StatementVersion, "text"): 1_000_000,
    (StatementTranslation, "text"): 1_000_000,
}


def text_limit(field):
    return LONG_TEXT_LIMITS.get((field.model, field.name), TEXT_LIMIT)


DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
TIME = re.compile(r"\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?")
READOUT_REFERENCE = re.compile(r"(\d{4}-\d{2}-\d{2})/(.+)")


def to_json(field, value):
    if value is None:
        return None
    kind = field.get_internal_type()
    if kind == "DateTimeField":
        return timestamp(value)
    if kind in ("DateField", "TimeField"):
        return value.isoformat()
    return value


def timestamp(moment):
    """In UTC, to the microsecond: 2025-03-19T14:30:00.123456Z."""
    return moment.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z")


def from_json(field, value):
    """The Python value of a field as written in the file; ValueError says what is wrong with it."""
    if value is None:
        if field.null:
            return None
        raise ValueError("may not be null")
    kind = field.get_internal_type()
    if kind == "BooleanField":
        if not isinstance(value, bool):
            raise ValueError("expected true or false")
        return value
    if kind in ("PositiveSmallIntegerField", "PositiveIntegerField"):
        if not isinstance(value, int) or isinstance(value, bool):
            raise ValueError("expected a whole number")
        return value
    if kind == "JSONField":  # paragraph ids (of a statement or an earlier text), the only ones
        if not isinstance(value, list) or not all(type(n) is int and n > 0 for n in value):
            raise ValueError("expected a list of whole numbers from 1")
        if len(set(value)) != len(value):
            raise ValueError("lists a number twice")
        return value
    text = check_text(value)
    if kind == "DateField":
        return _parse(datetime.date, text, DATE, "a date (YYYY-MM-DD)")
    if kind == "TimeField":
        return _parse(datetime.time, text, TIME, "a time (HH:MM or HH:MM:SS)")
    if kind == "DateTimeField":
        moment = _parse(datetime.datetime, text, None, "a date and time (ISO 8601)")
        if moment.tzinfo is None:
            raise ValueError("needs a time zone offset, e.g. 2025-03-19T14:30:00Z")
        return moment
    if kind == "TextField" and len(text) > text_limit(field):
        raise ValueError(f"{len(text):,} characters, more than the {text_limit(field):,} an archive may hold here")
    return text


def check_text(value):
    if not isinstance(value, str):
        raise ValueError("expected a string")
    if "\x00" in value:
        raise ValueError("contains a NUL character, which the database cannot store")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("contains an unpaired surrogate: not valid Unicode text") from None
    return value


def _parse(kind, text, pattern, what):
    try:
        if pattern and not pattern.fullmatch(text):
            raise ValueError
        return kind.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{text!r} is not {what}") from None
