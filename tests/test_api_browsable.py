"""The API in a browser: DRF's browsable page for an Accept naming text/html, read-only, under
the site's Content-Security-Policy; JSON, as before, for every other client."""

import datetime
import re

import pytest
from django.urls import reverse

from readouts.models import Readout
from tests.factories import make_commitment, make_organization, make_participant, make_person, make_readout, make_topic

pytestmark = pytest.mark.django_db

READOUTS = reverse("api:readout-list")
# What Chromium and Firefox send for a page.
CHROMIUM = (
    "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,"
    "application/signed-exchange;v=b3;q=0.7"
)
FIREFOX = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
MARK = "Zanzibarian"  # in every draft, and nowhere else


def browse(client, url, expect=200, accept=CHROMIUM):
    response = client.get(url, HTTP_ACCEPT=accept)
    assert response.status_code == expect, url
    assert response["Content-Type"] == "text/html; charset=utf-8", url
    return response


def html(response):
    return response.content.decode()


@pytest.fixture
def archive():
    person = make_person(name="Volodymyr Zelenskyy", slug="volodymyr-zelenskyy")
    readout = make_readout(
        title="Zelenskyy–Trump telephone call", topics=[make_topic(slug="energy")],
        organizations=[make_organization(slug="ukraine")],
    )
    make_participant(readout, person)
    make_commitment(readout, description="A pause in strikes on energy infrastructure.")
    make_readout(title="Talks in Riyadh", format="talks", date=datetime.date(2025, 3, 24))
    draft = make_readout(
        title=f"{MARK} draft call", status=Readout.Status.DRAFT, format="phone_call",
        topics=[make_topic(name=f"{MARK} topic")], organizations=[make_organization(name=f"{MARK} ministry")],
    )
    make_participant(draft, make_person(name=f"{MARK} envoy"))
    return {"readout": readout, "person": person, "draft": draft}


def addresses(archive):
    readout = archive["readout"]
    return [
        reverse("api:root"),
        READOUTS,
        reverse("api:readout-detail", args=[readout.pk]),
        reverse("api:person-list"),
        reverse("api:person-detail", args=[archive["person"].pk]),
        reverse("api:organization-list"),
        reverse("api:topic-list"),
        reverse("api:commitment-list"),
        reverse("api:commitment-detail", args=[readout.commitments.get().pk]),
    ]


@pytest.mark.parametrize("accept", [CHROMIUM, FIREFOX, "text/html"])
def test_a_browser_gets_the_page_with_no_form_that_writes(client, archive, accept):
    for url in addresses(archive):
        page = html(browse(client, url, accept=accept))
        assert "<pre" in page and 'href="http://testserver/api/' in page, url
        assert not re.search(r"<form[^>]*method=.?post", page, re.IGNORECASE), url
        for writes in ("Raw data", "_content", 'data-method="', "deleteModal", ">OPTIONS<", ">DELETE<", "csrfmiddlewaretoken"):
            assert writes not in page, (url, writes)


def test_the_page_sets_no_cookie(client, archive):
    # DRF's template reads the CSRF token, which would set a cookie (and stop compression).
    for url in addresses(archive):
        assert not browse(client, url).cookies, url


@pytest.mark.parametrize("accept", [None, "*/*", "application/json", "application/json, text/plain, */*"])
def test_every_other_client_gets_json_as_before(client, archive, accept):
    for url in addresses(archive):
        response = client.get(url, HTTP_ACCEPT=accept) if accept else client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"] == "application/json", url
        assert response.json() == client.get(url).json()


def test_both_vary_on_accept(client, archive):
    """So that no cache between the site and its readers serves one in place of the other."""
    for url in addresses(archive):
        for accept in (CHROMIUM, "application/json"):
            vary = [name.strip().lower() for name in client.get(url, HTTP_ACCEPT=accept)["Vary"].split(",")]
            assert "accept" in vary, (url, accept)


def test_the_page_keeps_to_the_sites_policy(client, archive):
    policy = client.get(reverse("readouts:home"))["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    for url in addresses(archive):
        page = browse(client, url)
        assert page["Content-Security-Policy"] == policy, url
        text = html(page)
        # Nothing the policy would block: no inline script or style, nothing from elsewhere.
        assert "<style" not in text and " style=" not in text, url
        assert not re.search(r"\son[a-z]+=", text), url
        scripts = re.findall(r"<script([^>]*)>", text)
        assert scripts and all(re.fullmatch(r' src="/static/[^"]+"', attributes) for attributes in scripts), url
        assert all(href.startswith("/static/") for href in re.findall(r'<link[^>]* href="([^"]+)"', text)), url


def test_the_root_links_the_lists_the_schema_and_the_documentation(client, archive):
    page = html(browse(client, reverse("api:root")))
    assert f'<a href="{reverse("api:schema")}">' in page
    assert "docs/api.md" in page
    assert f'href="http://testserver{READOUTS}"' in page
    assert f'href="{reverse("readouts:home")}"' in page


def test_drafts_stay_hidden_in_the_page(client, archive):
    for url in [*addresses(archive), READOUTS + "?format=phone_call", READOUTS + "?q=call"]:
        assert MARK not in html(browse(client, url)), url
    # The filters' menus (in the page, as on /readouts/) list only what published readouts hold.
    assert "Filters" in html(browse(client, READOUTS))
    browse(client, reverse("api:readout-detail", args=[archive["draft"].pk]), expect=404)


def test_format_still_filters_the_readouts_in_both(client, archive):
    url = READOUTS + "?format=talks"
    assert [item["title"] for item in client.get(url).json()["results"]] == ["Talks in Riyadh"]
    page = html(browse(client, url))
    assert "Talks in Riyadh" in page and "telephone call" not in page
    page = html(browse(client, READOUTS + "?format=phone_call"))
    assert "Zelenskyy–Trump telephone call" in page and "Talks in Riyadh" not in page


@pytest.mark.parametrize(
    "url, status",
    [
        (READOUTS + "?page=abc", 404),
        (READOUTS + "?page=99", 404),
        (READOUTS + "?page=0", 404),
        (READOUTS + "?page_size=0", 400),
        (READOUTS + "?format=pigeon", 400),
        (READOUTS + "?format=pigeon&format=<script>", 400),
        (READOUTS + "?person=nobody-at-all", 400),
        (READOUTS + "?organization=nowhere&topic=nothing", 400),
        (READOUTS + "?date_after=yesterday", 400),
        (READOUTS + "?date_after=2025-03-20&date_before=2025-03-01", 400),
        (READOUTS + "?q=!!!", 400),
        (READOUTS + "?ordering=sideways", 400),
        (reverse("api:commitment-list") + "?status=kept-ish", 400),
        (reverse("api:organization-list") + "?kind=planet", 400),
        ("/api/readouts/abc/", 404),
        ("/api/readouts/99999999999999999999999/", 404),
    ],
)
def test_bad_input_is_a_4xx_in_the_page_too(client, archive, url, status):
    page = html(browse(client, url, expect=status))
    assert f"HTTP {status}" in page
    assert "<script>" not in page.replace('<script src="', "")
