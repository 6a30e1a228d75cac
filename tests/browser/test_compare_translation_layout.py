"""A statement's text beside its translation in a real browser, scripts off: paragraph beside
paragraph on a wide screen, each original paragraph over its translation on a phone (positions,
not pixels)."""

import datetime

import pytest
from playwright.sync_api import expect

from readouts.comparison import compare_url
from tests.factories import make_readout, make_statement, make_translation

pytestmark = [
    pytest.mark.browser,
    # The live server answers from another thread, so the data must be committed.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

KREMLIN = (
    "Владимир Путин и Дональд Трамп провели продолжительный телефонный разговор о положении на Украине.\n\n"
    "Лидеры договорились о тридцатидневной паузе в ударах по объектам энергетической инфраструктуры.\n\n"
    "Обсуждался также Ближний Восток."
)
KREMLIN_EN = (
    "Vladimir Putin and Donald Trump held a long telephone conversation about the situation in Ukraine.\n\n"
    "The leaders agreed on a thirty-day pause in strikes on energy infrastructure.\n\n"
    "The Middle East was also discussed."
)


@pytest.fixture
def beside_page(live_server, scriptless):
    readout = make_readout(title="Trump–Putin call", slug="trump-putin-call", date=datetime.date(2025, 3, 18))
    make_statement(readout, issuer_name="The White House", text="The leaders spoke.")
    kremlin = make_statement(readout, issuer_name="Kremlin", kind="statement", language="ru", text=KREMLIN)
    english = make_translation(kremlin, language="en", kind="archive", text=KREMLIN_EN)
    url = live_server.url + compare_url(readout, kremlin, english.token)

    def open_at(width):
        page = scriptless(url, width)
        expect(page.get_by_role("heading", level=1)).to_have_text("Kremlin statement and its English translation")
        return page

    return open_at


def box(page, selector):
    return page.locator(selector).bounding_box()


def test_on_a_wide_screen_each_paragraph_stands_beside_its_translation(beside_page):
    page = beside_page(1280)
    left, right = box(page, "#compare-left"), box(page, "#compare-right")
    assert left["y"] == right["y"] and left["x"] + left["width"] <= right["x"]
    for n in (1, 2, 3):
        original, translation = box(page, f"#a-p{n}"), box(page, f"#b-p{n}")
        # Level at the top, the original in the left column and the translation in the right.
        assert original["y"] == translation["y"]
        assert original["x"] + original["width"] <= translation["x"]
        assert original["x"] >= left["x"] and translation["x"] >= right["x"]
    # Each pair starts below the end of the longer paragraph of the pair before.
    for n in (1, 2):
        above = max(box(page, f"#a-p{n}")["y"] + box(page, f"#a-p{n}")["height"],
                    box(page, f"#b-p{n}")["y"] + box(page, f"#b-p{n}")["height"])
        assert box(page, f"#a-p{n + 1}")["y"] >= above
    expect(page.locator("#a-p1").locator("xpath=..")).to_have_attribute("lang", "ru")
    expect(page.locator("#b-p1").locator("xpath=..")).to_have_attribute("lang", "en")
    # The columns' heads say whose text it is; the per-paragraph label is for screen readers.
    assert page.locator(".compare__who").first.bounding_box()["width"] <= 1


def test_on_a_phone_each_original_paragraph_stands_over_its_translation(beside_page):
    page = beside_page(390)
    left, right = box(page, "#compare-left"), box(page, "#compare-right")
    assert left["x"] == right["x"] and left["y"] + left["height"] <= right["y"]
    previous_end = right["y"] + right["height"]
    for n in (1, 2, 3):
        original, translation = box(page, f"#a-p{n}"), box(page, f"#b-p{n}")
        assert original["x"] == translation["x"]
        assert previous_end <= original["y"] and original["y"] + original["height"] <= translation["y"]
        previous_end = translation["y"] + translation["height"]
    # Each paragraph says whose words it is.
    row = page.locator(".compare__row").first
    expect(row.locator(".compare__who").nth(0)).to_have_text("Original, in Russian")
    expect(row.locator(".compare__who").nth(1)).to_have_text("English translation")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_an_address_names_one_paragraph_of_the_translation(beside_page):
    page = beside_page(1280)
    page.goto(page.url.split("#")[0] + "#b-p2")
    expect(page.locator("#b-p2")).to_have_css("background-color", "rgb(255, 244, 214)")
    expect(page.locator("#b-p1")).not_to_have_css("background-color", "rgb(255, 244, 214)")
