"""A reader follows the archive's links in a real browser, from the home page to a topic."""

import datetime

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from readouts.models import Readout
from tests.factories import make_participant, make_person, make_readout, make_statement, make_topic

pytestmark = [
    pytest.mark.browser,
    # The live server answers from another thread, so the data must be committed.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_reader_goes_from_the_home_page_through_a_person_to_a_topic(live_server, page):
    zelenskyy = make_person(name="Volodymyr Zelenskyy", slug="volodymyr-zelenskyy")
    trump = make_person(name="Donald Trump", slug="donald-trump")
    energy = make_topic(name="Energy infrastructure", slug="energy-infrastructure")
    air_defence = make_topic(name="Air defence", slug="air-defence")

    call = make_readout(
        title="Trump–Zelenskyy phone call",
        slug="trump-zelenskyy-phone-call",
        date=datetime.date(2025, 3, 19),
        summary="The presidents discussed a pause in strikes on energy infrastructure.",
        topics=[energy],
    )
    make_participant(call, trump, title="President of the United States")
    make_participant(call, zelenskyy, title="President of Ukraine")
    make_statement(call, issuer_name="The White House", summary="A very good call.")

    visit = make_readout(
        title="Zelenskyy visits a Patriot battery",
        slug="zelenskyy-visits-a-patriot-battery",
        date=datetime.date(2025, 2, 3),
        format="visit",
        summary="The president inspected the air-defence units.",
        topics=[air_defence],
    )
    make_participant(visit, zelenskyy, title="President of Ukraine")
    make_readout(title="A call still being edited", status=Readout.Status.DRAFT)

    page.goto(live_server.url + reverse("readouts:home"))
    expect(page.get_by_role("heading", level=1)).to_have_text("What each side said")

    page.get_by_role("link", name="All readouts, with filters").click()
    expect(page).to_have_url(live_server.url + reverse("readouts:readout_list"))
    expect(page.get_by_role("heading", name="2 readouts")).to_be_visible()
    expect(page.get_by_text("A call still being edited")).to_have_count(0)

    page.get_by_role("link", name="Trump–Zelenskyy phone call").click()
    expect(page).to_have_url(live_server.url + call.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text("Trump–Zelenskyy phone call")

    page.get_by_role("region", name="Participants").get_by_role("link", name="Volodymyr Zelenskyy").click()
    expect(page).to_have_url(live_server.url + zelenskyy.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text("Volodymyr Zelenskyy")

    page.get_by_role("region", name="Readouts").get_by_role("link", name="Zelenskyy visits a Patriot battery").click()
    expect(page).to_have_url(live_server.url + visit.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text("Zelenskyy visits a Patriot battery")

    page.get_by_role("link", name="Air defence", exact=True).click()
    expect(page).to_have_url(live_server.url + air_defence.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text("Air defence")
    expect(page.get_by_role("link", name="Zelenskyy visits a Patriot battery")).to_be_visible()
    expect(page.get_by_role("link", name="Trump–Zelenskyy phone call")).to_have_count(0)
