"""Dates in the admin read one way only: shown as 2025-04-30, entered so or as "30 April 2025",
and refused in figures (03/04/2025) with a message saying how to write them."""

import datetime
import re

import pytest
from django.contrib import admin
from django.db import models
from django.urls import reverse

from readouts.admin.dates import IsoDateField
from readouts.models import Commitment, Readout
from tests.admin_helpers import add_readout, change_url, form_data, readout_fields
from tests.factories import make_commitment, make_readout, make_update

APRIL_3 = datetime.date(2025, 4, 3)


def form_errors(response):
    return response.context["adminform"].form.errors


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ["2025-04-03", "3 April 2025", "03 April 2025", "3 Apr 2025", "3 april 2025"])
def test_iso_and_long_dates_are_accepted(client, editor, typed):
    response = add_readout(client, readout_fields(date=typed))
    assert response.status_code == 302, form_errors(response)
    assert Readout.objects.get().date == APRIL_3


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ["03/04/2025", "3.4.2025", "03-04-2025", "3/4/25"])
def test_a_day_and_month_in_figures_is_refused_as_ambiguous(client, editor, typed):
    response = add_readout(client, readout_fields(date=typed))

    assert response.status_code == 200
    assert form_errors(response)["date"] == [
        f"Enter the date as 2025-04-30 or 30 April 2025: {typed} could be 3 April or 4 March."
    ]
    assert not Readout.objects.exists()


@pytest.mark.django_db
def test_an_unambiguous_date_in_figures_is_refused_with_its_written_forms(client, editor):
    response = add_readout(client, readout_fields(date="30/04/2025"))
    assert form_errors(response)["date"] == ["Enter the date as 2025-04-30 or 30 April 2025, not in figures (30/04/2025)."]


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ["31/31/2025", "April 2025", "2025-02-30", "yesterday"])
def test_a_date_that_is_no_date_says_how_to_write_one(client, editor, typed):
    response = add_readout(client, readout_fields(date=typed))
    assert response.status_code == 200
    assert form_errors(response)["date"][0].startswith("Enter the date as 2025-04-30 or 30 April 2025")


@pytest.mark.django_db
def test_dates_in_figures_are_refused_in_an_inline_row_too(client, editor):
    readout = make_readout(date=datetime.date(2025, 3, 19))
    commitment = make_commitment(readout)
    url = change_url(commitment)
    data = form_data(client.get(url)) | {
        "updates-TOTAL_FORMS": "1",
        "updates-0-date": "04/05/2025",
        "updates-0-status": "fulfilled",
    }

    response = client.post(url, data)

    updates = response.context["inline_admin_formsets"][0].formset
    assert updates.errors[0]["date"] == ["Enter the date as 2025-04-30 or 30 April 2025: 04/05/2025 could be 4 May or 5 April."]
    assert not commitment.updates.exists()


@pytest.mark.django_db
def test_forms_show_stored_dates_as_iso(client, editor):
    readout = make_readout(date=APRIL_3, end_date=datetime.date(2025, 4, 5))
    make_update(make_commitment(readout), date=datetime.date(2025, 4, 30))

    page = client.get(change_url(readout))

    assert form_data(page)["date"] == ["2025-04-03"]
    assert form_data(page)["end_date"] == ["2025-04-05"]
    assert 'placeholder="YYYY-MM-DD"' in page.content.decode()
    commitment_page = client.get(change_url(Commitment.objects.get()))
    assert form_data(commitment_page)["updates-0-date"] == ["2025-04-30"]


@pytest.mark.django_db
def test_list_columns_show_dates_as_iso(client, editor):
    make_readout(date=APRIL_3, title="Call on the ceasefire")
    page = client.get(reverse("admin:readouts_readout_changelist")).content.decode()
    assert "2025-04-03" in page
    assert "03/04/2025" not in page and "3 Apr 2025" not in page


@pytest.mark.django_db
def test_the_calendar_writes_iso_dates(client, editor):
    # DateTimeShortcuts.js fills a date field with the first input format of the admin's catalogue.
    catalogue = client.get(reverse("admin:jsi18n")).content.decode()
    assert re.search(r'"DATE_INPUT_FORMATS": \[\s*"%Y-%m-%d"', catalogue)


def _admins():
    """Every registered admin, and every inline of each, built for the admin site."""
    for model, model_admin in admin.site._registry.items():
        yield model_admin
        for inline_class in model_admin.inlines:
            yield inline_class(model_admin.model, admin.site)


def test_every_date_field_of_the_admin_uses_the_iso_field(rf):
    request = rf.get("/admin/")
    seen = 0
    for model_admin in _admins():
        for field in model_admin.model._meta.get_fields():
            if type(field) is models.DateField and field.editable:
                formfield = model_admin.formfield_for_dbfield(field, request)
                assert isinstance(formfield, IsoDateField), f"{model_admin}: {field.name}"
                seen += 1
    assert seen >= 8
