"""Days as the archive writes them for readers, on its pages and in its feeds."""

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
