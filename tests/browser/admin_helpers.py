"""The admin's pages as an editor's browser drives them: signing in, select2 pickers, the
readout's own fieldsets."""

from django.urls import reverse
from playwright.sync_api import expect

PASSWORD = "a long and unguessable passphrase"


def log_in(page, live_server, username):
    page.goto(live_server.url + reverse("admin:index"))
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("link", name="Log out").or_(page.get_by_role("button", name="Log out"))).to_be_visible()


def choose_in_autocomplete(page, container, search, option):
    """Pick a value in one of the admin's select2 autocomplete widgets, as a person would."""
    container.locator(".select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill(search)
    page.locator(".select2-results__option", has_text=option).click()


def readout_fieldsets(page):
    """The readout's own fields, apart from the inlines' fields of the same names."""
    return page.locator("#readout_form > div > fieldset")
