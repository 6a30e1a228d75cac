"""Small helpers shared by the admin modules."""

from django.contrib import admin
from django.db import models
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from readouts.models import FormerAddress, Statement

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

    While the readout is being entered it has none yet, and the field says so.
    """
    field = form_class.base_fields.get("statement")
    if field is not None:
        if readout is not None and readout.pk:
            field.queryset = readout.statements.all()
        else:
            field.queryset = Statement.objects.none()
            field.help_text = "The readout's statements are offered here once it is saved."
    return form_class


def former_addresses_inline(owner, base=admin.TabularInline):
    """A read-only list of the addresses an object had, each now a permanent redirect to it.

    Saves write them; editors cannot add or edit one, and one goes only with its owner. `base` is
    the inline class of the owner's screen (a nested one on a screen whose inlines nest)."""

    class FormerAddressInline(base):
        model = FormerAddress
        fk_name = owner
        fields = ["path"]
        readonly_fields = ["path"]
        extra = 0
        can_delete = False
        verbose_name_plural = "former addresses (each redirects here)"

        def has_add_permission(self, request, obj=None):
            return False

        def has_change_permission(self, request, obj=None):
            return False

    return FormerAddressInline
