"""Dates an editor cannot misread: every date field of the admin shows 2025-04-30 and accepts
that or "30 April 2025" ("30 Apr 2025"). A day and month in figures (03/04/2025, 3.4.2025,
03-04-2025) is refused, saying how to write it: read as British or American it names two days.

The calendar widget writes the first of the locale's input formats, ISO in config/formats/."""

import datetime
import re

from django import forms
from django.contrib.admin.widgets import AdminDateWidget

ISO = "%Y-%m-%d"
INPUT_FORMATS = [ISO, "%d %B %Y", "%d %b %Y"]
HOW = "Enter the date as 2025-04-30 or 30 April 2025"

# Day and month in figures in either order, then a year: 03/04/2025, 3.4.25, 03-04-2025.
FIGURES = re.compile(r"(\d{1,2})\s*[./-]\s*(\d{1,2})\s*[./-]\s*(\d{2}|\d{4})\.?")


def _day(day, month, year):
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def _long(day):
    return f"{day.day} {day:%B}"


def figures_message(value):
    """What to say about a date written in figures, or None when it is not one."""
    match = FIGURES.fullmatch(value.strip())
    if match is None:
        return None
    first, second, year = (int(part) for part in match.groups())
    if len(match.group(3)) == 2:
        year += 2000
    british, american = _day(first, second, year), _day(second, first, year)
    if british and american and british != american:
        return f"{HOW}: {value.strip()} could be {_long(british)} or {_long(american)}."
    day = british or american
    if day is None:
        return f"{HOW}: {value.strip()} is not a date."
    return f"Enter the date as {day:{ISO}} or {day.day} {day:%B %Y}, not in figures ({value.strip()})."


class IsoDateWidget(AdminDateWidget):
    def __init__(self, attrs=None, format=None):
        super().__init__(attrs={"placeholder": "YYYY-MM-DD", **(attrs or {})}, format=format or ISO)


class IsoDateField(forms.DateField):
    widget = IsoDateWidget
    input_formats = INPUT_FORMATS
    default_error_messages = {"invalid": f"{HOW}."}

    def to_python(self, value):
        if isinstance(value, str) and (message := figures_message(value)):
            raise forms.ValidationError(message, code="invalid")
        return super().to_python(value)
