"""Under the Content-Security-Policy (no inline script or style), every page and admin screen
works and the browser reports nothing: no policy violation, no console error, no failed load."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.admin_helpers import PASSWORD, choose_in_autocomplete, log_in, readout_fieldsets
from tests.factories import (
    make_editor,
    make_organization,
    make_participant,
    make_person,
    make_readout,
    make_statement,
    make_topic,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def visit(page, url):
    response = page.goto(url)
    assert response.status == 200, url
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.wait_for_load_state("load")
    page.check()
    return response


def test_public_pages_run_under_the_policy_with_nothing_reported(live_server, watched):
    person = make_person(name="Volodymyr Zelenskyy", slug="volodymyr-zelenskyy")
    topic = make_topic(name="Energy infrastructure", slug="energy-infrastructure")
    organization = make_organization(name="Kremlin", slug="kremlin")
    readout = make_readout(title="Trump–Putin telephone call", topics=[topic], organizations=[organization])
    make_participant(readout, person)
    make_statement(readout, issuer=organization, issuer_name="Kremlin")
    watched.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)

    for url in [
        reverse("readouts:home"),
        reverse("readouts:readout_list"),
        reverse("readouts:readout_list") + "?format=phone_call",
        person.get_absolute_url(),
        topic.get_absolute_url(),
        organization.get_absolute_url(),
        reverse("readouts:commitment_list"),
        reverse("readouts:search") + "?q=Putin",
    ]:
        visit(watched, live_server.url + url)

    # The readout page's script runs: its Copy buttons copy.
    visit(watched, live_server.url + readout.get_absolute_url())
    cite = watched.get_by_role("region", name="Cite this readout")
    cite.get_by_role("button", name="Copy the APA citation").click()
    expect(cite.get_by_role("status")).to_have_text("Copied the APA citation.")
    watched.check()


def test_admin_screens_work_under_the_policy_with_nothing_reported(live_server, watched):
    make_editor(username="maria", password=PASSWORD)
    make_person(name="Marco Rubio", slug="marco-rubio")
    make_readout(title="An earlier call")

    log_in(watched, live_server, "maria")
    watched.check()
    visit(watched, live_server.url + reverse("admin:readouts_readout_changelist"))
    visit(watched, live_server.url + reverse("admin:readouts_person_changelist"))

    visit(watched, live_server.url + reverse("admin:readouts_readout_add"))
    readout = readout_fieldsets(watched)
    # Prepopulated slug.
    readout.get_by_label("Title").press_sequentially("Rubio call")
    expect(readout.get_by_label("Slug")).to_have_value("rubio-call")
    # The date picker's calendar and its "Today" shortcut.
    date = readout.get_by_label("Date:", exact=True)
    readout.get_by_role("link", name="Today").first.click()
    expect(date).not_to_have_value("")
    readout.get_by_role("link", name="Choose a Date").first.click()
    calendar = watched.locator(".calendarbox:visible")
    expect(calendar).to_be_visible()
    calendar.locator(".calendarnav-next").click()
    chosen = calendar.locator("td a").first
    chosen.click()
    expect(calendar).to_have_count(0)
    expect(date).to_have_value(re.compile(r"\d{4}-\d{2}-01"))  # the first of next month
    # An inline's "Add another" row.
    statements = watched.locator("#statements-group")
    rows = statements.locator(".inline-related:not(.empty-form)")
    before = rows.count()
    statements.get_by_role("link", name="Add another Statement").click()
    expect(rows).to_have_count(before + 1)
    # An autocomplete field.
    choose_in_autocomplete(watched, watched.locator("#participants-0 .field-person"), "Rubio", "Marco Rubio")
    expect(watched.locator("#participants-0 .field-person")).to_contain_text("Marco Rubio")
    watched.check()
