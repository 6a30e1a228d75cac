"""The rows of the CSV downloads: what a spreadsheet user wants of a readout and a commitment.

Cells are plain text; one that a spreadsheet would read as a formula (starting with = + - @,
a tab or a line break) gets a leading apostrophe, so that opening the file runs nothing.
"""

import datetime

from django.urls import reverse

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


def names(objects):
    return "; ".join(obj.name for obj in objects)


READOUT_COLUMNS = [
    "id", "date", "end_date", "title", "format", "location", "summary", "participants", "organizations",
    "topics", "statements", "permanent_url", "url",
]


def readout_row(readout, absolute):
    participants = "; ".join(
        f"{p.person.name} ({p.title})" if p.title else p.person.name for p in readout.participants.all()
    )
    return [
        readout.pk,
        readout.date,
        readout.end_date,
        readout.title,
        readout.get_format_display(),
        readout.location,
        readout.summary,
        participants,
        names(readout.organizations.all()),
        names(readout.topics.all()),
        readout.statement_count,
        absolute(reverse("readouts:readout_short", args=[readout.pk])),
        absolute(readout.get_absolute_url()),
    ]


COMMITMENT_COLUMNS = [
    "id", "actor", "actor_people", "actor_organizations", "counterpart", "description", "exact_words",
    "timeframe", "due_date", "status", "latest_update_date", "latest_update_status", "latest_update_note",
    "readout_date", "readout_title", "readout_url", "url",
]


def latest(updates):
    """The update that set the commitment's status: the latest dated one (Commitment.sync_status)."""
    return max(updates, key=lambda u: (u.date is not None, u.date or datetime.date.min, u.pk), default=None)


def commitment_row(commitment, absolute):
    update = latest(commitment.updates.all())
    readout = commitment.readout
    return [
        commitment.pk,
        commitment.actor_label,
        names(commitment.actor_people.all()),
        names(commitment.actor_organizations.all()),
        commitment.counterpart,
        commitment.description,
        commitment.exact_words,
        commitment.timeframe,
        commitment.due_date,
        commitment.get_status_display(),
        update.date if update else None,
        update.get_status_display() if update else None,
        update.note if update else None,
        readout.date,
        readout.title,
        absolute(readout.get_absolute_url()),
        absolute(commitment.get_absolute_url()),
    ]
