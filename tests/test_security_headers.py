"""Every response carries the Content-Security-Policy and Permissions-Policy with the existing
security headers: pages, cached pages, the admin, the API, errors (docs/security-headers.md)."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from tests.factories import make_readout

pytestmark = pytest.mark.django_db

POLICY = {
    "default-src": "'none'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self'",
    "connect-src": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
    "base-uri": "'none'",
}


def directives(header):
    return dict(part.strip().split(" ", 1) for part in header.split(";"))


def assert_secured(response):
    assert directives(response["Content-Security-Policy"]) == POLICY
    features = dict(item.split("=") for item in response["Permissions-Policy"].split(", "))
    assert features["camera"] == features["geolocation"] == features["microphone"] == "()"
    assert features["clipboard-write"] == "(self)"  # the Copy buttons
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_pages_the_admin_the_api_and_errors_carry_the_headers(client):
    readout = make_readout()
    for url, status in [
        (reverse("readouts:home"), 200),
        (readout.get_absolute_url(), 200),
        (reverse("admin:login"), 200),
        (reverse("api:readout-list"), 200),
        (reverse("syndication:readouts_rss"), 200),
        ("/readouts/1999/01/01/no-such-readout/", 404),
    ]:
        response = client.get(url)
        assert response.status_code == status, url
        assert_secured(response)


def test_a_page_served_from_the_cache_carries_them_too(client, settings, django_assert_max_num_queries):
    settings.READOUTS_CACHE_SECONDS = 600
    cache.clear()
    make_readout()
    first = client.get(reverse("readouts:readout_list"))
    assert_secured(first)
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {**POLICY, "img-src": ["'self'", "https://example.org"]}}
    with django_assert_max_num_queries(1):  # from the cache: at most the edition is read
        cached = client.get(reverse("readouts:readout_list"))
    assert cached.content == first.content
    # The header is the current policy's, added as the page leaves, not the one stored with it.
    assert directives(cached["Content-Security-Policy"])["img-src"] == "'self' https://example.org"
    cache.clear()
