"""The readout page's layout in a real browser, on the sample archive's 19 March 2025
Trump–Zelenskyy call: side by side on a wide screen, stacked with a jump list on a phone.
Positions of elements, not pixels of screenshots."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from readouts.models import Readout
from tests.archive_helpers import SAMPLE

pytestmark = [
    pytest.mark.browser,
    # The live server answers from another thread, so the data must be committed.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WIDE, PHONE = {"width": 1280, "height": 900}, {"width": 390, "height": 844}
# The bar: the first difference between accounts within the first two screens.
FIRST_DIFFERENCE_WITHIN = 1600


@pytest.fixture
def call():
    call_command("loaddata", str(SAMPLE), verbosity=0)
    call_command("rebuild_derived", verbosity=0)  # loaddata saves raw
    return Readout.objects.get(date="2025-03-19", slug="trump-zelenskyy-telephone-call")


def box(locator):
    found = locator.bounding_box()
    assert found is not None, locator
    return found


def page_top(page, locator):
    """The element's top from the top of the page, wherever the page is scrolled."""
    return box(locator)["y"] + page.evaluate("window.scrollY")


def test_on_a_wide_screen_the_sides_stand_side_by_side(live_server, page, call):
    page.set_viewport_size(WIDE)
    page.goto(live_server.url + call.get_absolute_url())
    columns = page.locator(".side")
    expect(columns).to_have_count(3)
    expect(columns.get_by_role("heading", level=3)).to_have_text(
        ["United States", "UNN (Ukrainian National News)", "Ukraine"]
    )
    tops = [box(columns.nth(i))["y"] for i in range(3)]
    lefts = [box(columns.nth(i))["x"] for i in range(3)]
    assert max(tops) - min(tops) < 1, tops  # one row, scanned across
    assert lefts == sorted(lefts) and len(set(lefts)) == 3, lefts
    # Every side is in view, so the jump list is not needed.
    expect(page.get_by_role("navigation", name="Statements by side")).to_be_hidden()


def test_the_first_difference_is_within_two_screens_and_before_the_statements(live_server, page, call):
    page.set_viewport_size(WIDE)
    page.goto(live_server.url + call.get_absolute_url())
    differences = page.get_by_role("region", name="Where the accounts differ")
    summary = differences.get_by_text("The accounts differ on 4 points:")
    expect(summary).to_be_visible()
    first_card = differences.locator(".discrepancy").first
    assert page_top(page, first_card) <= FIRST_DIFFERENCE_WITHIN
    assert page_top(page, first_card) < page_top(page, page.get_by_role("region", name="Statements", exact=True))
    # The versions of a point stand next to each other.
    versions = first_card.locator(".version")
    assert box(versions.nth(0))["y"] == box(versions.nth(1))["y"]
    assert box(versions.nth(0))["x"] < box(versions.nth(1))["x"]
    # Its link in the summary leads to the card.
    summary.get_by_role("link").first.click()
    expect(page).to_have_url(live_server.url + call.get_absolute_url() + "#" + first_card.get_attribute("id"))


def test_on_a_phone_the_sides_stack_and_a_jump_list_leads_to_each(live_server, page, call):
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + call.get_absolute_url())
    columns = page.locator(".side")
    boxes = [box(columns.nth(i)) for i in range(3)]
    assert [b["x"] for b in boxes] == [boxes[0]["x"]] * 3
    assert boxes[0]["y"] + boxes[0]["height"] <= boxes[1]["y"] and boxes[1]["y"] + boxes[1]["height"] <= boxes[2]["y"]
    assert all(b["width"] <= PHONE["width"] for b in boxes)
    jump = page.get_by_role("navigation", name="Statements by side")
    expect(jump).to_be_visible()
    assert page_top(page, jump) < boxes[0]["y"] + page.evaluate("window.scrollY")
    jump.get_by_role("link", name="Ukraine").click()
    expect(page).to_have_url(live_server.url + call.get_absolute_url() + "#side-ukraine")
    expect(page.locator("#side-ukraine").get_by_role("heading", level=3)).to_be_in_viewport()


def test_provenance_opens_with_the_keyboard(live_server, page, call):
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + call.get_absolute_url())
    details = page.locator(".provenance__more").first
    summary = details.locator("summary")
    hidden = details.locator(".sources, dl").first
    expect(hidden).to_be_hidden()
    summary.focus()
    page.keyboard.press("Enter")
    expect(hidden).to_be_visible()


def test_a_section_heading_is_never_lighter_or_smaller_than_the_headings_inside_it(live_server, page, call):
    page.set_viewport_size(WIDE)
    page.goto(live_server.url + call.get_absolute_url())
    sizes = page.evaluate(
        """() => ['h2', '.side__name', '.statement__title', '.discrepancy h3', '.quotes h5'].map(selector => {
            const style = getComputedStyle(document.querySelector('.readout ' + selector));
            return [parseFloat(style.fontSize), parseInt(style.fontWeight)];
        })"""
    )
    section, side, statement, point, label = sizes
    for inner in (side, statement, point, label):
        assert section[0] >= inner[0] and section[1] >= inner[1], sizes
    assert side[0] >= statement[0] and side[1] >= statement[1], sizes
