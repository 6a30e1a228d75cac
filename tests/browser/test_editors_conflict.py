"""Two editors in two browsers on one readout: the later save, made on a page opened before the
other's, is refused with what changed and by whom; saving again keeps both changes."""

import os

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from readouts.models import Readout
from tests.factories import make_editor, make_readout

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "a long and unguessable passphrase"


def signed_in(browser, live_server, username):
    make_editor(username=username, password=PASSWORD)
    page = browser.new_context().new_page()
    page.set_default_timeout(10_000)
    page.goto(live_server.url + reverse("admin:index"))
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    return page


def readout_field(page, label):
    return page.locator("#readout_form > div > fieldset").get_by_label(label, exact=True)


def test_the_later_of_two_editors_is_told_and_keeps_both_changes(live_server, browser):
    readout = make_readout(title="Rubio–Lavrov telephone call", location="Kyiv", duration="")
    url = live_server.url + reverse("admin:readouts_readout_change", args=[readout.pk])
    alice, bob = signed_in(browser, live_server, "alice"), signed_in(browser, live_server, "bob")
    bob.goto(url)

    alice.goto(url)
    readout_field(alice, "Location:").fill("Diriyah Palace, Riyadh")
    alice.get_by_role("button", name="Save and continue editing").first.click()
    expect(alice.locator(".messagelist")).to_contain_text("was changed successfully")

    readout_field(bob, "Duration:").fill("about an hour")
    bob.get_by_role("button", name="Save and continue editing").first.click()

    expect(bob.locator(".messagelist")).to_contain_text("Nothing was saved")
    expect(bob.locator(".errornote + .errorlist, .errorlist.nonfield").first).to_contain_text(
        "alice changed this readout"
    )
    expect(readout_field(bob, "Duration:")).to_have_value("about an hour")
    expect(readout_field(bob, "Location:")).to_have_value("Diriyah Palace, Riyadh")
    if os.environ.get("SCREENSHOT_DIR"):
        bob.screenshot(path=os.path.join(os.environ["SCREENSHOT_DIR"], "conflict.png"), full_page=False)

    bob.get_by_role("button", name="Save and continue editing").first.click()
    expect(bob.locator(".messagelist")).to_contain_text("was changed successfully")
    readout.refresh_from_db()
    assert (readout.location, readout.duration) == ("Diriyah Palace, Riyadh", "about an hour")
    assert Readout.objects.count() == 1

    bob.get_by_role("link", name="History").click()
    history = bob.locator("#change-history")
    expect(history).to_contain_text("Kyiv")
    expect(history).to_contain_text("alice")
    expect(history).to_contain_text("bob")
    if os.environ.get("SCREENSHOT_DIR"):
        bob.screenshot(path=os.path.join(os.environ["SCREENSHOT_DIR"], "history.png"), full_page=True)
