"""Public responses are compressed, Brotli where the client accepts it, else gzip; the editors'
screens and anything with a session, a CSRF token or a cookie never are (BREACH)."""

import gzip
import json

import brotli
import pytest
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.urls import reverse

from readouts.middleware import PublicCompressionMiddleware

from tests.factories import make_editor, make_readout, make_statement

pytestmark = pytest.mark.django_db


@pytest.fixture
def readout():
    readout = make_readout(title="Call on grain corridors", summary="Grain. " * 300)
    make_statement(readout)
    return readout


def decoded(response):
    body = b"".join(response.streaming_content) if response.streaming else response.content
    encoding = response.get("Content-Encoding")
    return {"br": brotli.decompress, "gzip": gzip.decompress, None: bytes}[encoding](body)


@pytest.mark.parametrize(
    ("accept", "encoding"),
    [
        ("gzip, deflate, br, zstd", "br"),
        ("gzip", "gzip"),
        ("br;q=0, gzip;q=0.5", "gzip"),
        ("identity", None),
        ("", None),
    ],
)
def test_a_page_is_sent_in_the_encoding_the_client_accepts(client, readout, accept, encoding):
    plain = client.get(readout.get_absolute_url())
    response = client.get(readout.get_absolute_url(), HTTP_ACCEPT_ENCODING=accept)
    assert response.get("Content-Encoding") == encoding
    assert "Accept-Encoding" in response["Vary"]
    assert decoded(response) == plain.content
    if encoding:
        assert int(response["Content-Length"]) == len(response.content) < len(plain.content) / 3


@pytest.mark.parametrize("cache_on", [True, False])
def test_feeds_csv_and_the_api_are_compressed(client, settings, readout, cache_on):
    settings.READOUTS_CACHE_SECONDS = 600 if cache_on else 0
    cache.clear()
    for address in (reverse("syndication:readouts_atom"), reverse("downloads:readouts_csv"), "/api/readouts/"):
        response = client.get(address, HTTP_ACCEPT_ENCODING="br")
        assert response["Content-Encoding"] == "br", address
        assert b"Call on grain corridors" in decoded(response), address
    api = client.get("/api/readouts/", HTTP_ACCEPT_ENCODING="gzip")
    assert json.loads(decoded(api))["count"] == 1


def test_a_cached_page_is_stored_compressed_once_for_each_encoding(client, settings, readout):
    settings.READOUTS_CACHE_SECONDS = 600
    cache.clear()
    for accept in ("br", "gzip, br", "gzip", "gzip;q=1", ""):
        client.get(readout.get_absolute_url(), HTTP_ACCEPT_ENCODING=accept)
    keys = [key for key in cache._cache if ":readouts:page:" in key]
    assert len(keys) == 3
    cached = client.get(readout.get_absolute_url(), HTTP_ACCEPT_ENCODING="br")
    assert cached["Content-Encoding"] == "br"
    assert decoded(cached) == client.get(readout.get_absolute_url()).content
    cache.clear()


def test_the_admin_and_editors_pages_are_never_compressed(client, readout):
    login = client.get(reverse("admin:login"), HTTP_ACCEPT_ENCODING="gzip, br")
    assert login.status_code == 200 and "Content-Encoding" not in login
    client.force_login(make_editor())
    for address in (
        reverse("admin:readouts_readout_changelist"),
        reverse("admin:readouts_readout_change", args=[readout.pk]),
        reverse("readouts:readout_preview", args=[readout.pk]),
        readout.get_absolute_url(),
    ):
        response = client.get(address, HTTP_ACCEPT_ENCODING="gzip, br")
        assert response.status_code == 200, address
        assert "Content-Encoding" not in response, address


@pytest.mark.parametrize("secret", ["cookie", "csrf_token", None])
def test_a_public_response_with_a_cookie_or_a_csrf_token_is_not_compressed(rf, secret):
    def view(request):
        response = HttpResponse("<p>A page of the archive.</p>" * 50)
        if secret == "cookie":
            response.set_cookie("choice", "1")
        if secret == "csrf_token":
            get_token(request)
        return response

    response = PublicCompressionMiddleware(view)(rf.get("/readouts/", HTTP_ACCEPT_ENCODING="gzip, br"))
    assert response.get("Content-Encoding") == (None if secret else "br")
