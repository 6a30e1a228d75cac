"""Days as the archive writes them for readers, on its pages and in its feeds."""

from django.utils.formats import date_format


def date_span(start, end=None):
    """A day or a run of days as a reader writes them: '19 March 2025', '23–25 March 2025',
    '30 April – 2 May 2025', '31 December 2024 – 2 January 2025' (spaced where a side has spaces)."""
    if end is None or end == start:
        return date_format(start, "j F Y")
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{date_format(end, 'j F Y')}"
    if start.year == end.year:
        return f"{date_format(start, 'j F')} – {date_format(end, 'j F Y')}"
    return f"{date_format(start, 'j F Y')} – {date_format(end, 'j F Y')}"
