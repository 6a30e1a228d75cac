"""The comparison of two statements in a real browser, scripts off: side by side on a wide
screen, stacked in reading order on a phone (positions, not pixels)."""

import datetime

import pytest
from playwright.sync_api import expect

from readouts.comparison import compare_url
from tests.browser.test_content_security import visit
from tests.factories import make_readout, make_statement

pytestmark = [
    pytest.mark.browser,
    # The live server answers from another thread, so the data must be committed.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WHITE_HOUSE = (
    "President Trump and President Putin spoke today about the need for peace and a ceasefire.\n\n"
    "The leaders agreed that the movement to peace will begin with an energy and infrastructure ceasefire. "
    "They also discussed the Middle East at length, and the two leaders spoke about Iran."
)
KREMLIN = (
    "Vladimir Putin and Donald Trump held a telephone conversation about peace.\n\n"
    "Donald Trump proposed a pause. The leaders agreed that the movement to peace will begin with an energy "
    "and infrastructure ceasefire for thirty days."
)


@pytest.fixture
def comparison_page(live_server, scriptless):
    readout = make_readout(title="Trump–Putin call", slug="trump-putin-call", date=datetime.date(2025, 3, 18))
    left = make_statement(readout, issuer_name="The White House", text=WHITE_HOUSE)
    right = make_statement(readout, issuer_name="Kremlin", text=KREMLIN)
    url = live_server.url + compare_url(readout, left, right)

    def open_at(width):
        page = scriptless(url, width)
        expect(page.get_by_role("heading", level=1)).to_have_text("White House and Kremlin accounts compared")
        return page

    return open_at


def box(locator):
    return locator.bounding_box()


def test_on_a_wide_screen_the_accounts_stand_side_by_side(comparison_page):
    page = comparison_page(1280)
    left, right = box(page.locator("#compare-left")), box(page.locator("#compare-right"))
    assert left["y"] == right["y"] and left["x"] + left["width"] <= right["x"]
    # The passage both contain starts level in both columns.
    row = page.locator(".compare__row", has_text="movement to peace").first
    cells = row.locator(".compare__cell")
    expect(cells).to_have_count(2)
    first, second = box(cells.nth(0)), box(cells.nth(1))
    assert first["y"] == second["y"] and first["x"] == left["x"] and second["x"] == right["x"]
    expect(cells.nth(0).locator("mark.shared")).to_be_visible()
    # Whose words they are is said by the columns' heads; the per-cell label is for screen readers.
    assert box(cells.nth(0).locator(".compare__who"))["width"] <= 1
    # Where one side has no counterpart, its column says so.
    expect(page.get_by_text("Nothing here in The White House’s account").first).to_be_visible()


def test_on_a_phone_the_accounts_stack_in_reading_order(comparison_page):
    page = comparison_page(390)
    left, right = box(page.locator("#compare-left")), box(page.locator("#compare-right"))
    assert left["x"] == right["x"] and left["y"] + left["height"] <= right["y"]
    row = page.locator(".compare__row", has_text="movement to peace").first
    cells = row.locator(".compare__cell")
    first, second = box(cells.nth(0)), box(cells.nth(1))
    assert first["x"] == second["x"] and first["y"] + first["height"] <= second["y"]
    # Each passage says whose words it is; a side with nothing there is left out.
    expect(cells.nth(0).locator(".compare__who")).to_have_text("The White House")
    expect(cells.nth(1).locator(".compare__who")).to_have_text("Kremlin")
    expect(page.get_by_text("Nothing here in The White House’s account").first).to_be_hidden()
    # Nothing wider than the screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_the_page_runs_under_the_content_security_policy_with_nothing_reported(live_server, watched):  # noqa: F811
    readout = make_readout()
    left = make_statement(readout, issuer_name="The White House", text=WHITE_HOUSE)
    right = make_statement(readout, issuer_name="Kremlin", text=KREMLIN)
    visit(watched, live_server.url + compare_url(readout, left, right))
    expect(watched.locator("mark.shared").first).to_have_css("text-decoration-line", "underline")
