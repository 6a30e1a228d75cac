"""Small helpers shared by the admin modules."""

from django.db import models
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from readouts.models import Statement

# An address typed without a scheme ("unn.ua/news/…") is read as https, as Django 6 will do.
URL_FIELD_OVERRIDES = {models.URLField: {"assume_scheme": "https"}}


def readout_links(readouts):
    """A list of links to each readout's admin page, read in one query."""
    rows = readouts.only("pk", "title", "date", "status")
    items = format_html_join(
        "",
        '<li><a href="{}">{}</a>{}</li>',
        (
            (reverse("admin:readouts_readout_change", args=[r.pk]), str(r), "" if r.is_published else " (draft)")
            for r in rows
        ),
    )
    return format_html("<ul>{}</ul>", items) if items else "None yet."


def limit_statement_choices(form_class, readout):
    """Offer only the readout's own statements: a select over the whole archive would be unusable.

    While the readout is being created it has none yet; the editor chooses after saving.
    """
    field = form_class.base_fields.get("statement")
    if field is not None:
        field.queryset = readout.statements.all() if readout is not None and readout.pk else Statement.objects.none()
    return form_class
