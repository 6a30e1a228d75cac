"""The browsable API in Chromium, under the site's Content-Security-Policy: its pages load with
nothing reported (no policy violation, console error or failed load), its script runs, and its
filters' form filters, `format` included."""

import datetime

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser import test_content_security as content_security
from tests.factories import make_person, make_readout, make_participant

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def visit(page, url):
    response = content_security.visit(page, url)
    assert response.headers["content-type"] == "text/html; charset=utf-8", url
    # browse.js ran: prettify has highlighted the JSON (its punctuation, for one).
    expect(page.locator(".response-info pre span.pun").first).to_be_attached()
    page.check()


def test_the_browsable_api_runs_under_the_policy_with_nothing_reported(live_server, watched):
    person = make_person(name="Volodymyr Zelenskyy")
    call = make_readout(title="Zelenskyy–Trump telephone call")
    make_participant(call, person)
    make_readout(title="Talks in Riyadh", format="talks", date=datetime.date(2025, 3, 24))

    for url in [
        reverse("api:root"),
        reverse("api:readout-list"),
        reverse("api:readout-detail", args=[call.pk]),
        reverse("api:person-list"),
        reverse("api:commitment-list"),
    ]:
        visit(watched, live_server.url + url)

    # The root names the schema and the documentation.
    visit(watched, live_server.url + reverse("api:root"))
    expect(watched.get_by_role("link", name=reverse("api:schema"), exact=True)).to_be_visible()
    expect(watched.get_by_text("docs/api.md")).to_be_visible()

    # The filters' form opens (Bootstrap's modal) and `format` filters.
    visit(watched, live_server.url + reverse("api:readout-list"))
    expect(watched.locator("form[method=post]")).to_have_count(0)
    watched.get_by_role("button", name="Filters").click()
    dialog = watched.get_by_role("dialog", name="Filters")
    expect(dialog).to_be_visible()
    dialog.get_by_label("Format").select_option("talks")
    dialog.get_by_role("button", name="Submit").click()
    watched.wait_for_url("**/api/readouts/?*format=talks*")
    response = watched.locator(".response-info")
    expect(response).to_contain_text("Talks in Riyadh")
    expect(response).not_to_contain_text("telephone call")
    watched.check()
