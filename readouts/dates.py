"""Days as the archive writes them for readers, on its pages and in its feeds."""

import datetime
import re

from django.utils.dates import MONTHS


def day_month(day):
    """'19 March': Django's date format "j F", without its formatter (~20 µs a date, which a
    pair's 500 timeline marks or a page of 25 readouts ask for again and again)."""
    return f"{day.day} {MONTHS[day.month]}"


def long_date(day):
    """'19 March 2025': the date format "j F Y"."""
    return f"{day_month(day)} {day.year:04d}"


def date_span(start, end=None):
    """A day or a run of days as a reader writes them: '19 March 2025', '23–25 March 2025',
    '30 April – 2 May 2025', '31 December 2024 – 2 January 2025' (spaced where a side has spaces)."""
    if end is None or end == start:
        return long_date(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{long_date(end)}"
    if start.year == end.year:
        return f"{day_month(start)} – {long_date(end)}"
    return f"{long_date(start)} – {long_date(end)}"


def _day(year, month, day):
    try:
        return datetime.date(int(year), int(month), int(day))
    except ValueError:  # not a day of the calendar: left as the editor wrote it
        return None


def _two_days(match):
    first, second = _day(*match.group(1, 2, 3)), _day(*match.group(5, 6, 7))
    if first is None or second is None:
        return match.group(0)
    if (first.year, first.month) == (second.year, second.month):
        return f"{first.day} {match.group(4)} {long_date(second)}"
    return f"{long_date(first)} {match.group(4)} {long_date(second)}"


def _days_of_a_month(match):
    first, last = _day(*match.group(1, 2, 3)), _day(*match.group(1, 2, 4))
    return match.group(0) if first is None or last is None or last <= first else date_span(first, last)


def _one_day(match):
    day = _day(*match.group(1, 2, 3))
    return match.group(0) if day is None else long_date(day)


def _month(match):
    month = int(match.group(2))
    return f"{MONTHS[month]} {match.group(1)}" if 1 <= month <= 12 else match.group(0)


# The ISO forms a date note uses, most specific first: two days joined by a word ("2025-03-23
# and 2025-03-25"), days of one month ("2025-03-18/19"), a day, and a month ("2025-03") only where
# the note opens with it: elsewhere "2010-11" may as well be two years.
IN_WORDS = [
    (re.compile(r"\b(\d{4})-(\d{2})-(\d{2}) (and|or) (\d{4})-(\d{2})-(\d{2})\b"), _two_days),
    (re.compile(r"\b(\d{4})-(\d{2})-(\d{2})/(\d{2})\b"), _days_of_a_month),
    (re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b(?!/\d)"), _one_day),
    (re.compile(r"^(\d{4})-(\d{2})(?=$| )"), _month),
]


def in_words(note):
    """A date note with its ISO dates written as a reader writes them: "2025-03-18/19" reads
    "18–19 March 2025", "on or before 2025-02-18 (exact day not verified)" reads "on or before
    18 February 2025 (exact day not verified)", "2025-03" reads "March 2025". Anything else
    in it is kept as written."""
    for pattern, words in IN_WORDS:
        note = pattern.sub(words, note)
    return note


def statement_date(statement):
    """When a statement was issued, as its page says it: the day and its note, the note alone
    (a span, an uncertain day), or "" when neither is known."""
    note = in_words(statement.date_note)
    if statement.date_issued is None:
        return note
    return f"{long_date(statement.date_issued)} ({note})" if note else long_date(statement.date_issued)
