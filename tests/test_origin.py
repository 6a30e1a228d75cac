"""Absolute addresses come from READOUTS_BASE_URL (readouts/origin.py), whatever host a request
names: a reader after a poisoned request gets the same pages, from the cache or not."""

import re

import pytest
from django.urls import reverse

from tests.syndication_helpers import build_archive

pytestmark = pytest.mark.django_db

BASE = "http://testserver"
POISON = {
    "HTTP_HOST": "127.0.0.1:6666",  # an allowed host on another port
    "HTTP_X_FORWARDED_HOST": "evil.example",
    "HTTP_X_FORWARDED_PROTO": "https",
    "HTTP_X_FORWARDED_PORT": "6666",
}


@pytest.fixture(autouse=True)
def caching_on(page_cache, settings):
    settings.READOUTS_PER_PAGE = 1  # lists with previous and next pages
    settings.ALLOWED_HOSTS = ["testserver", "127.0.0.1"]


def addresses(archive):
    readout = archive.newer
    return [
        "/",
        "/readouts/",
        "/readouts/?page=2",
        "/readouts/?person=" + archive.person.slug,
        readout.get_absolute_url(),
        archive.person.get_absolute_url(),
        archive.commitment.get_absolute_url(),
        reverse("readouts:search") + "?q=call",
        reverse("syndication:readouts_atom"),
        reverse("syndication:readouts_rss"),
        reverse("syndication:person_atom", args=[archive.person.slug]),
        reverse("syndication:commitment_rss", args=[archive.commitment.pk]),
        reverse("syndication:sitemap"),
        reverse("syndication:sitemap_section", args=["readouts"]),
        reverse("syndication:robots_txt"),
        reverse("syndication:opensearch"),
        reverse("downloads:readouts_csv"),
        reverse("downloads:commitments_csv"),
        "/api/",
        "/api/readouts/?page_size=1&page=2",
        f"/api/readouts/{readout.pk}/",
    ]


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_a_poisoned_host_reaches_no_address_of_any_page(client):
    archive = build_archive()
    for address in addresses(archive):
        poisoned = client.get(address, **POISON)
        clean = client.get(address)
        assert poisoned.status_code == clean.status_code == 200, address
        texts = [body(response).decode() for response in (poisoned, clean)]
        for text in texts:
            assert "127.0.0.1" not in text and "6666" not in text and "evil.example" not in text, address
            assert "https://testserver" not in text, address
        assert f"{BASE}/" in texts[1], address


def test_canonical_and_neighbours_are_at_the_base_url(client, settings):
    settings.READOUTS_BASE_URL = "https://readouts.example.org"
    build_archive()
    page = client.get("/readouts/?page=2", **POISON).text
    links = dict(re.findall(r'<link rel="(canonical|prev|next)" href="([^"]*)">', page))
    assert links == {
        "canonical": "https://readouts.example.org/readouts/?page=2",
        "prev": "https://readouts.example.org/readouts/",
        "next": "https://readouts.example.org/readouts/?page=3",
    }


def test_a_host_that_is_not_allowed_is_refused_even_for_a_cached_page(client):
    build_archive()
    assert client.get("/readouts/").status_code == 200  # now cached
    assert client.get("/readouts/", HTTP_HOST="evil.example").status_code == 400
