"""The rows of the CSV downloads: what a spreadsheet user wants of a readout and a commitment.

Rows are read as plain values, a chunk at a time: the chunk's readouts (or commitments), then
their participants, organizations and topics (or actors and updates) in one query each. No
model instance is built, which keeps a download of the whole archive fast and its memory flat.

Cells are plain text; one that a spreadsheet would read as a formula (starting with = + - @,
a tab or a line break) gets a leading apostrophe, so that opening the file runs nothing.
"""

import datetime
from collections import defaultdict
from itertools import islice

from django.urls import reverse

from ..models import (
    Commitment,
    CommitmentStatus,
    CommitmentUpdate,
    Participant,
    ParticipantRole,
    Readout,
    ReadoutFormat,
    readout_address,
)
from ..models.entities import person_sort_key
from ..models.readouts import role_text

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def cell(value):
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, int):
        return value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def chunks(rows, size):
    rows = iter(rows)
    while chunk := list(islice(rows, size)):
        yield chunk


def grouped(pairs):
    """{owner id: [values]} from (owner id, value...) rows, in the rows' order."""
    groups = defaultdict(list)
    for owner, *values in pairs:
        groups[owner].append(values[0] if len(values) == 1 else values)
    return groups


def joined(names):
    return "; ".join(names)


def person_entry(name, title, role, role_note):
    """'Kirill Dmitriev (Head of RDIF) [Delegation member (reported)]': the title they held then,
    and their part as the page states it."""
    titled = f"{name} ({title})" if title else name
    return f"{titled} [{role_text(role, role_note)}]"


# People by their part: those who took part (with any caveat their role's note gives), those who
# only issued a statement about the engagement, and those only mentioned in one.
PEOPLE_COLUMNS = ["participants", "issuers", "mentioned"]
PEOPLE_COLUMN = {role: "participants" for role in ParticipantRole.values} | {
    ParticipantRole.ISSUER: "issuers",
    ParticipantRole.MENTIONED: "mentioned",
}
READOUT_COLUMNS = [
    "id", "date", "end_date", "title", "format", "location", "summary", *PEOPLE_COLUMNS, "organizations",
    "topics", "statements", "permanent_url", "url",
]
READOUT_FIELDS = ["pk", "date", "end_date", "title", "format", "location", "summary", "statement_count", "slug"]
FORMATS = dict(ReadoutFormat.choices)


def readout_rows(readouts, site, chunk_size):
    """`readouts` (a queryset annotated with statement_count) as rows; `site` is the absolute
    address of the site's root, without its final slash."""
    for chunk in chunks(readouts.values_list(*READOUT_FIELDS).iterator(chunk_size), chunk_size):
        ids = [row[0] for row in chunk]
        people = defaultdict(lambda: defaultdict(list))  # {readout: {column: [entries]}}
        for readout, name, title, role, note in (
            Participant.objects.filter(readout__in=ids)
            .order_by("position", "id")
            .values_list("readout", "person__name", "title", "role", "role_note")
        ):
            people[readout][PEOPLE_COLUMN[role]].append(person_entry(name, title, role, note))
        organizations = grouped(
            Readout.organizations.through.objects.filter(readout__in=ids)
            .order_by("organization__name", "organization")
            .values_list("readout", "organization__name")
        )
        topics = grouped(  # themes before places, as on the list
            Readout.topics.through.objects.filter(readout__in=ids)
            .order_by("-topic__kind", "topic__name", "topic")
            .values_list("readout", "topic__name")
        )
        for pk, date, end_date, title, format, location, summary, statement_count, slug in chunk:
            yield [
                pk,
                date,
                end_date,
                title,
                FORMATS.get(format, format),
                location,
                summary,
                *(joined(people[pk][column]) for column in PEOPLE_COLUMNS),
                joined(organizations[pk]),
                joined(topics[pk]),
                statement_count,
                site + reverse("readouts:readout_short", args=[pk]),
                site + readout_address(date, slug),
            ]


COMMITMENT_COLUMNS = [
    "id", "actor", "actor_people", "actor_organizations", "counterpart", "description", "exact_words",
    "timeframe", "due_date", "status", "latest_update_date", "latest_update_status", "latest_update_note",
    "readout_date", "readout_title", "readout_url", "url",
]
COMMITMENT_FIELDS = [
    "pk", "actor_label", "counterpart", "description", "exact_words", "timeframe", "due_date", "status",
    "readout", "readout__date", "readout__title", "readout__slug",
]
STATUSES = dict(CommitmentStatus.choices)


def latest(updates):
    """The update that set the commitment's status: the latest dated one (Commitment.sync_status).
    `updates`: (id, date, status, note) rows."""
    return max(updates, key=lambda u: (u[1] is not None, u[1] or datetime.date.min, u[0]), default=None)


def commitment_rows(commitments, site, chunk_size):
    for chunk in chunks(commitments.values_list(*COMMITMENT_FIELDS).iterator(chunk_size), chunk_size):
        ids = [row[0] for row in chunk]
        people = grouped(
            Commitment.actor_people.through.objects.filter(commitment__in=ids)
            .order_by(person_sort_key("person__"), "person__name", "person")
            .values_list("commitment", "person__name")
        )
        organizations = grouped(
            Commitment.actor_organizations.through.objects.filter(commitment__in=ids)
            .order_by("organization__name", "organization")
            .values_list("commitment", "organization__name")
        )
        updates = grouped(
            CommitmentUpdate.objects.filter(commitment__in=ids).values_list("commitment", "id", "date", "status", "note")
        )
        for (
            pk, actor, counterpart, description, exact_words, timeframe, due_date, status,
            readout, readout_date, readout_title, readout_slug,
        ) in chunk:
            update = latest(updates[pk])
            yield [
                pk,
                actor,
                joined(people[pk]),
                joined(organizations[pk]),
                counterpart,
                description,
                exact_words,
                timeframe,
                due_date,
                STATUSES.get(status, status),
                update[1] if update else None,
                STATUSES.get(update[2], update[2]) if update else None,
                update[3] if update else None,
                readout_date,
                readout_title,
                site + readout_address(readout_date, readout_slug),
                site + reverse("readouts:commitment_detail", args=[pk]),
            ]
