"""Issue 13's proof: an editor enters a whole engagement on the readout's screen, as a new
editor would, and it takes at most three loads of that screen and two saves, with no other
admin screen; then the public pages show it, and what it settled, where readers look."""

import datetime
import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from readouts.models import Commitment, CommitmentUpdate, Readout
from tests.browser.admin_helpers import PASSWORD, choose_in_autocomplete, log_in, readout_fieldsets
from tests.factories import make_commitment, make_editor, make_person, make_readout, make_statement

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TITLE = "Signing of the minerals agreement"


def own(locator, group):
    """Of the elements found inside a group, the one that is the group's own, not a nested group's."""
    index = locator.evaluate_all("(found, group) => found.findIndex(el => el.closest('.djn-group').id === group)", group)
    return locator.nth(index) if index >= 0 else None


def open_group(page, prefix):
    """Unfold a collapsed group of rows (its <details>), as an editor clicks its heading."""
    details = own(page.locator(f"#{prefix}-group details"), f"{prefix}-group")
    if details is not None and not details.evaluate("d => d.open"):
        details.locator("summary").first.click()


def add_row(page, prefix):
    """Add a row to a group, as its "Add another" link does; returns the new row."""
    open_group(page, prefix)
    rows = page.evaluate(
        "prefix => [...document.querySelectorAll('[id^=\"' + prefix + '-\"]')]"
        ".filter(el => new RegExp('^' + prefix + '-\\\\d+$').test(el.id)).length",
        prefix,
    )
    own(page.locator(f"#{prefix}-group .djn-add-handler"), f"{prefix}-group").click()
    return page.locator(f"#{prefix}-{rows}")


def test_an_editor_enters_an_engagement_on_one_screen(live_server, page):
    make_editor(username="nadia", password=PASSWORD)
    make_person(name="Scott Bessent", slug="scott-bessent")
    make_person(name="Yulia Svyrydenko", slug="yulia-svyrydenko")
    make_person(name="Denys Shmyhal", slug="denys-shmyhal")
    earlier = make_readout(title="Trump–Zelenskyy meeting", status=Readout.Status.PUBLISHED, date=datetime.date(2025, 2, 28))
    earlier_statement = make_statement(earlier)
    promised = [
        make_commitment(earlier, statement=earlier_statement, actor_label="Ukraine and the United States",
                        description="Sign the minerals agreement."),
        make_commitment(earlier, statement=earlier_statement, actor_label="United States",
                        description="Set up a reconstruction investment fund."),
    ]

    log_in(page, live_server, "nadia")
    screens = []  # every admin page the browser loads from here on
    page.on("framenavigated", lambda frame: frame == page.main_frame and "/admin/" in frame.url and screens.append(frame.url))
    page.goto(live_server.url + reverse("admin:readouts_readout_add"))

    readout = readout_fieldsets(page)
    readout.get_by_label("Title").fill(TITLE)
    readout.get_by_label("Date:", exact=True).fill("2025-04-30")
    readout.get_by_label("Format").select_option(index=1)
    readout.get_by_label("Summary").fill("The two governments signed the agreement on a reconstruction investment fund.")
    readout.get_by_label("Status").select_option(label="Published")

    for index, (name, title) in enumerate([("Bessent", "Secretary of the Treasury"), ("Svyrydenko", "First Deputy Prime Minister"), ("Shmyhal", "Prime Minister")]):
        row = page.locator(f"#participants-{index}") if index == 0 else add_row(page, "participants")
        choose_in_autocomplete(page, row.locator(".field-person"), name, name)
        row.locator(".field-title input").fill(title)
        row.locator(".field-position input").fill(str(index))

    # Two statements, each with a quote; the first records a commitment with an update.
    for index, (issuer, language) in enumerate([("U.S. Department of the Treasury", "en"), ("Government of Ukraine", "uk")]):
        statement = page.locator("#statements-0") if index == 0 else add_row(page, "statements")
        statement.get_by_label("Kind:", exact=True).select_option(label="Statement")
        statement.get_by_label("Issuer name").fill(issuer)
        statement.get_by_label("Language:", exact=True).fill(language)
        statement.get_by_label("Summary").fill(f"{issuer} announced the signing.")
        statement.locator(".field-position input").first.fill(str(index))
        quote = add_row(page, f"statements-{index}-quotes")
        quote.get_by_label("Text").fill("A historic economic partnership." if index == 0 else "A fair agreement.")
        quote.get_by_label("Speaker label").fill(issuer)

    commitment = add_row(page, "statements-0-commitments")
    commitment.get_by_label("Actor label").fill("United States and Ukraine")
    commitment.get_by_label("Description").fill("Ratify the agreement.")
    update = add_row(page, "statements-0-commitments-0-updates")
    update.get_by_label("Date:").fill("2025-05-08")
    update.get_by_label("Status:").select_option(label="In progress")
    update.get_by_label("Note").fill("Submitted to parliament.")

    discrepancy = add_row(page, "discrepancies")
    discrepancy.get_by_label("Subject").fill("Who controls the fund")
    for index, (who, says) in enumerate([("Treasury", "A joint fund."), ("Government of Ukraine", "Equal governance.")]):
        version = add_row(page, "discrepancies-0-versions")
        version.get_by_label("Says").fill(says)
        version.get_by_label("Issuer label").fill(who)
        version.locator(".field-position input").fill(str(index))

    link = add_row(page, "links_out")
    choose_in_autocomplete(page, link.locator(".field-to_readout"), "Trump", "Trump–Zelenskyy meeting")

    for index, (search, status) in enumerate([("minerals", "Fulfilled late"), ("reconstruction", "In progress")]):
        settled = add_row(page, "evidence_for")
        choose_in_autocomplete(page, settled.locator(".field-commitment"), search, promised[index].description)
        settled.get_by_label("Now").select_option(label=status)

    # Save 1 of 2.
    page.get_by_role("button", name="Save and continue editing").first.click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")

    # Saved, the screen says what the readout settles and links to each commitment.
    settles = page.locator("#evidence_for-group")
    expect(settles).to_contain_text("(2)")
    expect(settles.get_by_role("link", name=f"commitment {promised[0].pk}")).to_be_visible()

    # Now the readout's statements are offered for the discrepancy's versions: save 2 of 2.
    open_group(page, "discrepancies-0-versions")
    page.locator("#discrepancies-0-versions-0 .field-statement select").select_option(index=1)
    page.get_by_role("button", name="Save", exact=True).first.click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

    readout_screens = [url for url in screens if re.search(r"/admin/readouts/readout/(add|\d+/change)/", url)]
    assert len(readout_screens) <= 3, screens
    assert [url for url in screens if url not in readout_screens and not url.endswith("/readout/")] == []

    saved = Readout.objects.get(title=TITLE)
    assert saved.participants.count() == 3 and saved.statements.count() == 2
    assert Commitment.objects.get(readout=saved).updates.get().status == "in_progress"
    assert saved.discrepancies.get().versions.count() == 2
    assert CommitmentUpdate.objects.filter(evidence=saved).count() == 2

    # The public pages: the new readout, the earlier one, the commitment, a person.
    page.goto(live_server.url + saved.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.locator("#evidence")).to_contain_text("Sign the minerals agreement.")
    page.goto(live_server.url + earlier.get_absolute_url())
    expect(page.get_by_role("link", name=TITLE).first).to_be_visible()
    page.goto(live_server.url + promised[0].get_absolute_url())
    expect(page.get_by_role("link", name=TITLE).first).to_be_visible()
    expect(page.locator("main")).to_contain_text("Fulfilled late")
    page.goto(live_server.url + reverse("readouts:person_detail", args=["scott-bessent"]))
    expect(page.get_by_role("link", name=TITLE).first).to_be_visible()
