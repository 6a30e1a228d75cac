"""What the index holds for each published readout, read from the archive in batches.

A document has the readout's text in three weights: `title` and `names` (the people, with their
other spellings, the organizations, the topics, its statements' too, and the venue, city and
country it took place in) weigh most, then `summary` (with the readout's background and what
its location adds), then the statements: `bodies` (each statement's text as its page shows
it, one per statement, in the page's order, so that a snippet can be traced to its paragraph)
and `extra` (statement titles and places, summaries kept beside a verbatim text, quotes, the
earlier texts a publisher replaced, translations, so that a sentence since removed still finds
its readout, and the commitments' descriptions and exact words). It also has the
readout's facet values; those of people, organizations and topics are its appearance rows (the
meaning readouts.membership gives "a readout of"), which the list's filters read too, so a
facet's count is what its filter finds. The write path rewrites a readout's rows before it
reindexes the readout.

Fourteen queries read any number of readouts.
"""

import re
from dataclasses import dataclass, field

from ..membership import APPEARANCES
from ..models import Commitment, Participant, Quote, Readout, Statement, StatementTranslation, StatementVersion
from ..models.entities import split_names

# Control characters other than tab and line breaks, and the snippet markers (snippets.py).
_UNINDEXED = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ue000\ue001]")


def clean(text):
    """The text without those characters, each replaced so that splitting it into paragraphs
    (which strips whitespace) still finds the paragraphs of the original."""
    return _UNINDEXED.sub(lambda match: " " if match[0].isspace() else "\ufffd", text or "")


@dataclass
class Document:
    readout_id: int
    title: str = ""
    summary: str = ""
    names: dict = field(default_factory=dict)  # an ordered set: a name counts once
    bodies: list = field(default_factory=list)  # (statement id, issuer, kind, body)
    extra: list = field(default_factory=list)
    facets: dict = field(default_factory=dict)  # (facet, value) -> label

    def add_name(self, name, alternate_names=""):
        for each in [name, *split_names(alternate_names or "")]:
            if each:
                self.names[clean(each)] = None

    def add_facet(self, facet, value, label=""):
        if value:
            self.facets[(facet, str(value))] = label


def read_documents(readout_ids):
    """Documents for the published readouts among `readout_ids`, in no particular order."""
    readouts = Readout.objects.published().filter(pk__in=readout_ids)
    documents = {}
    rows = readouts.values_list(
        "pk", "title", "summary", "background", "date", "format", "location", "venue", "city",
        "country__name", "country__alternate_names",
    )
    for pk, title, summary, background, date, format, location, venue, city, country, others in rows:
        text = "\n\n".join(part for part in (summary, background, location) if part)
        document = documents[pk] = Document(pk, title=clean(title), summary=clean(text))
        document.add_name(venue)
        document.add_name(city)
        document.add_name(country, others)
        document.add_facet("year", date.year)
        document.add_facet("format", format)
    ids = list(documents)

    def each(rows):
        for readout_id, *values in rows:
            yield documents[readout_id], values

    for appearance in APPEARANCES.values():  # facets "person", "organization", "topic"
        entity = appearance.entity_field
        rows = appearance.objects.filter(readout__in=ids).values_list("readout", f"{entity}__slug", f"{entity}__name")
        for document, (slug, name) in each(rows):
            document.add_facet(entity, slug, name)

    participants = Participant.objects.filter(readout__in=ids).values_list(
        "readout", "person__name", "person__alternate_names", "represented__name", "represented__alternate_names"
    )
    for document, (name, others, body, body_others) in each(participants):
        document.add_name(name, others)
        document.add_name(body, body_others)

    listed = Readout.organizations.through.objects.filter(readout__in=ids).values_list(
        "readout", "organization__name", "organization__alternate_names"
    )
    for document, (name, others) in each(listed):
        document.add_name(name, others)

    tagged = Readout.topics.through.objects.filter(readout__in=ids).values_list("readout", "topic__name")
    for document, (name,) in each(tagged):
        document.add_name(name)
    tagged = Statement.topics.through.objects.filter(statement__readout__in=ids).values_list(
        "statement__readout", "topic__name"
    )
    for document, (name,) in each(tagged):
        document.add_name(name)

    statements = Statement.objects.filter(readout__in=ids).order_by("readout", "position", "pk")
    for document, (pk, kind, title, text, summary, place, issuer_name, issuer, others) in each(
        statements.values_list(
            "readout", "pk", "kind", "title", "text", "summary", "place", "issuer_name",
            "issuer__name", "issuer__alternate_names",
        )
    ):
        verbatim = bool(text.strip())  # as Statement.body chooses
        document.bodies.append((pk, issuer_name, kind, clean(text if verbatim else summary)))
        document.extra.extend(clean(part) for part in (title, summary if verbatim else "", place) if part)
        document.add_name(issuer_name)
        document.add_name(issuer, others)
        document.add_facet("statement_kind", kind)

    joint = Statement.joint_issuers.through.objects.filter(statement__readout__in=ids).values_list(
        "statement__readout", "organization__name", "organization__alternate_names"
    )
    for document, (name, others) in each(joint):
        document.add_name(name, others)

    speakers = Statement.speakers.through.objects.filter(statement__readout__in=ids).values_list(
        "statement__readout", "person__name", "person__alternate_names"
    )
    for document, (name, others) in each(speakers):
        document.add_name(name, others)

    quotes = Quote.objects.filter(statement__readout__in=ids).values_list(
        "statement__readout", "text", "speaker__name", "speaker__alternate_names"
    )
    for document, (text, name, others) in each(quotes):
        document.extra.append(clean(text))
        document.add_name(name, others)

    for model in (StatementVersion, StatementTranslation):
        texts = model.objects.filter(statement__readout__in=ids).order_by("statement", "pk")
        for document, (text,) in each(texts.values_list("statement__readout", "text")):
            document.extra.append(clean(text))

    commitments = Commitment.objects.filter(readout__in=ids).order_by("readout", "position", "pk")
    for document, texts in each(commitments.values_list("readout", "description", "exact_words")):
        document.extra.extend(clean(text) for text in texts if text)

    return list(documents.values())
