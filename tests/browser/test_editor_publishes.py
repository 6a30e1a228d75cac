"""An editor enters a readout through the admin's pages, keeps it a draft, then publishes it."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.admin_helpers import PASSWORD, choose_in_autocomplete, log_in, readout_fieldsets
from tests.factories import make_editor, make_person

pytestmark = [
    pytest.mark.browser,
    # The live server answers from another thread, so the data must be committed; the
    # serialized rollback brings back the Editors group (made by a data migration) that
    # an earlier transactional test's flush removed.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TITLE = "Rubio–Lavrov telephone call"


def public_list_titles(page, live_server):
    page.goto(live_server.url + reverse("readouts:readout_list"))
    return page.locator(".readout-item__title")


def test_an_editor_adds_a_draft_readout_then_publishes_it(live_server, page):
    make_editor(username="maria", password=PASSWORD)
    make_person(name="Sergey Lavrov", slug="sergey-lavrov")
    make_person(name="Marco Rubio", slug="marco-rubio")

    log_in(page, live_server, "maria")

    # From the admin's index to the add form, by the links an editor would follow.
    page.get_by_role("row", name="Readouts").get_by_role("link", name="Add").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Add readout")

    readout = readout_fieldsets(page)
    readout.get_by_label("Title").press_sequentially(TITLE)
    expect(readout.get_by_label("Slug")).not_to_have_value("")  # filled in from the title
    readout.get_by_label("Date:", exact=True).fill("2025-02-12")
    readout.get_by_label("Format").select_option(label="Phone call")
    readout.get_by_label("Summary").fill("The two ministers agreed to keep in touch and to prepare a meeting.")
    expect(readout.get_by_label("Status")).to_have_value("draft")

    statement = page.locator("#statements-0")
    statement.get_by_label("Kind:", exact=True).select_option(label="Readout")
    statement.get_by_label("Issuer name").fill("U.S. Department of State")
    statement.get_by_label("Language:", exact=True).fill("en")
    statement.get_by_label("Summary").fill("The Secretary spoke with the Russian foreign minister.")

    participant = page.locator("#participants-0")
    choose_in_autocomplete(page, participant.locator(".field-person"), "Rubio", "Marco Rubio")
    participant.locator(".field-role select").select_option(label="Principal")
    participant.locator(".field-title input").fill("Secretary of State")

    page.get_by_role("button", name="Save", exact=True).first.click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")

    # A draft is not public.
    expect(public_list_titles(page, live_server).filter(has_text=TITLE)).to_have_count(0)

    # Back in the admin: open the draft, publish it.
    page.goto(live_server.url + reverse("admin:readouts_readout_changelist"))
    page.get_by_role("link", name=TITLE).click()
    expect(page.locator("#statements-0").get_by_label("Issuer name")).to_have_value("U.S. Department of State")
    expect(page.locator("#participants-0 .field-person")).to_contain_text("Marco Rubio")
    readout_fieldsets(page).get_by_label("Status").select_option(label="Published")
    page.get_by_role("button", name="Save", exact=True).first.click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

    titles = public_list_titles(page, live_server)
    expect(titles.filter(has_text=TITLE)).to_have_count(1)
    titles.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.get_by_role("region", name="Participants").get_by_role("link", name="Marco Rubio")).to_be_visible()
    expect(page.get_by_role("region", name="Statements")).to_contain_text("U.S. Department of State")
