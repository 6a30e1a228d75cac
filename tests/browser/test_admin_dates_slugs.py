"""The admin's widgets in a browser: the calendar writes ISO dates, and a long title fills in a
slug of at most 60 characters, cut between words."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.admin_helpers import PASSWORD, log_in, readout_fieldsets
from tests.factories import make_editor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TITLE = "Meeting of the delegations of the United States and Ukraine on the minerals agreement in Riyadh"


def test_the_calendar_fills_in_iso_dates_and_the_slug_is_readable(live_server, page):
    make_editor(username="maria", password=PASSWORD)
    log_in(page, live_server, "maria")
    expect(page.locator(".start-here")).to_contain_text("Add a readout")
    page.locator(".start-here").get_by_role("link", name="Add a readout").click()
    # The slug is filled in by scripts bound as the page loads: type only once they are.
    expect(page).to_have_url(live_server.url + reverse("admin:readouts_readout_add"))
    page.wait_for_load_state("load")

    readout = readout_fieldsets(page)
    readout.get_by_label("Title").press_sequentially(TITLE)
    expect(readout.get_by_label("Slug")).to_have_value("meeting-of-the-delegations-of-the-united-states-and-ukraine")

    date = readout.get_by_label("Date:", exact=True)
    page.locator("#id_date ~ .datetimeshortcuts").get_by_role("link", name="Today").click()
    expect(date).to_have_value(timezone.localdate().isoformat())

    page.locator("#id_end_date ~ .datetimeshortcuts a").last.click()  # the calendar
    page.locator(".calendarbox:visible td:not(.nonday) a", has_text=re.compile(r"^3$")).click()
    expect(readout.get_by_label("End date")).to_have_value(f"{timezone.localdate():%Y-%m}-03")
