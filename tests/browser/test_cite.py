"""A reader copies a readout's citation with one click, in a real browser."""

import pytest
from playwright.sync_api import expect

from readouts.models import Statement
from tests.factories import make_organization, make_readout, make_statement, make_version

pytestmark = [
    pytest.mark.browser,
    # The live server answers from another thread, so the data must be committed.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_reader_copies_the_apa_citation(live_server, page, settings):
    # The site never reads the clipboard (its Permissions-Policy says so); this test does.
    settings.PERMISSIONS_POLICY = {**settings.PERMISSIONS_POLICY, "clipboard-read": "self"}
    readout = make_readout(title="Trump–Putin telephone call", slug="trump-putin-telephone-call")
    make_statement(readout, issuer=make_organization(name="Kremlin"), issuer_name="Kremlin")
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)

    page.goto(live_server.url + readout.get_absolute_url())
    cite = page.get_by_role("region", name="Cite this readout")
    # The BibTeX entry (and its button) opens on request.
    expect(cite.get_by_role("button", name="Copy")).to_have_count(2)
    cite.get_by_text("BibTeX").click()
    expect(cite.get_by_role("button", name="Copy")).to_have_count(3)
    cite.get_by_role("button", name="Copy the APA citation").click()

    expect(cite.get_by_role("status")).to_have_text("Copied the APA citation.")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == cite.locator("#cite-apa").inner_text()
    assert copied.startswith("Kremlin. (2025, March 19). Trump–Putin telephone call. Readouts. Retrieved ")


def test_a_reader_copies_the_citation_of_an_earlier_text(live_server, page, settings):
    settings.PERMISSIONS_POLICY = {**settings.PERMISSIONS_POLICY, "clipboard-read": "self"}
    readout = make_readout(title="Trump–Putin telephone call", slug="trump-putin-telephone-call")
    statement = make_statement(readout, issuer=make_organization(name="The White House"), text="Now.")
    make_version(statement, text="Then.")
    Statement.objects.filter(pk=statement.pk).update(text_seen_on=readout.date)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)

    page.goto(live_server.url + readout.get_absolute_url())
    earlier = page.locator(f"#{statement.anchor}-v1")
    earlier.locator("> summary").click()
    earlier.locator(".cite-version > summary").click()
    earlier.get_by_role("button", name="Copy the Chicago citation of version 1").click()

    expect(earlier.get_by_role("status")).to_have_text(
        "Copied the Chicago citation of version 1 of The White House’s readout."
    )
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("The White House. “Readout: Trump–Putin telephone call.” Version 1, as first")
    assert copied.endswith(f"/r/{readout.pk}/#{statement.anchor}-v1.")
    # The readout's own citation keeps its buttons and its status line.
    expect(page.get_by_role("region", name="Cite this readout").get_by_role("button", name="Copy")).to_have_count(2)


def test_without_scripts_the_citations_are_there_and_no_button_is(live_server, browser):
    readout = make_readout(title="A meeting in Riyadh")
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + readout.get_absolute_url())
    cite = page.get_by_role("region", name="Cite this readout")
    expect(cite.locator("#cite-bibtex")).to_contain_text("title = {{A meeting in Riyadh}}")
    expect(cite.get_by_role("button")).to_have_count(0)
    context.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_the_bibtex_entry_wraps_instead_of_scrolling_sideways(live_server, page, width):
    readout = make_readout(
        title="Joint statement of the United States and Ukraine following the high-level talks in Jeddah",
        slug="joint-statement-of-the-united-states-and-ukraine-following-the-talks",
    )
    make_statement(readout, issuer=make_organization(name="The White House"))
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server.url + readout.get_absolute_url())
    cite = page.get_by_role("region", name="Cite this readout")
    cite.get_by_text("BibTeX").click()
    bibtex = cite.locator("#cite-bibtex")
    expect(bibtex).to_contain_text("following the high-level talks in Jeddah")
    assert bibtex.evaluate("element => element.scrollWidth <= element.clientWidth")
