"""Conditional GET: public pages and feeds carry a validator of the archive's edition and the
day, and answer 304 while neither has changed, from the page cache or not; never the admin."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from readouts import caching

from tests.factories import make_editor, make_readout, make_statement

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]




@pytest.fixture
def readout():
    readout = make_readout(title="Call on grain corridors")
    make_statement(readout)
    return readout


def test_a_page_carries_a_weak_etag_and_last_modified(client, readout):
    response = client.get(readout.get_absolute_url())
    assert response.status_code == 200
    assert response["ETag"].startswith('W/"')
    assert response["Last-Modified"].endswith(" GMT")
    assert response["Cache-Control"] == "no-cache"


@pytest.mark.parametrize("address", ["/", "/readouts/", "feed"])
def test_an_unchanged_page_or_feed_answers_304(client, readout, address):
    address = reverse("syndication:readouts_atom") if address == "feed" else address
    first = client.get(address)
    by_etag = client.get(address, HTTP_IF_NONE_MATCH=first["ETag"])
    by_date = client.get(address, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    for response in (by_etag, by_date):
        assert response.status_code == 304
        assert response.content == b""
        assert response["ETag"] == first["ETag"]
        assert "Accept-Encoding" in response["Vary"]


def test_a_304_needs_no_query_once_the_edition_is_known(client, readout, django_assert_num_queries):
    first = client.get(readout.get_absolute_url())
    with django_assert_num_queries(0):
        assert client.get(readout.get_absolute_url(), HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_an_edit_changes_the_validator(client, readout):
    first = client.get(readout.get_absolute_url())
    readout.title = "Call on Black Sea grain corridors"
    readout.save()
    again = client.get(readout.get_absolute_url(), HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200
    assert again["ETag"] != first["ETag"]
    assert "Black Sea" in again.text


def test_a_new_day_changes_the_validator_as_the_citation_changes(client, readout, monkeypatch):
    first = client.get(readout.get_absolute_url())
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: tomorrow)
    by_etag = client.get(readout.get_absolute_url(), HTTP_IF_NONE_MATCH=first["ETag"])
    by_date = client.get(readout.get_absolute_url(), HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert by_etag.status_code == by_date.status_code == 200
    assert by_etag["ETag"] != first["ETag"]
    assert f"{tomorrow:%-d %B %Y}" in by_etag.text or tomorrow.isoformat() in by_etag.text


def test_a_compressed_page_has_the_same_validator_and_answers_304(client, readout):
    plain = client.get(readout.get_absolute_url())
    compressed = client.get(readout.get_absolute_url(), HTTP_ACCEPT_ENCODING="gzip, br")
    assert compressed["Content-Encoding"] == "br"
    assert compressed["ETag"] == plain["ETag"]
    again = client.get(readout.get_absolute_url(), HTTP_ACCEPT_ENCODING="gzip, br", HTTP_IF_NONE_MATCH=compressed["ETag"])
    assert again.status_code == 304


def test_editors_and_the_admin_get_no_validator(client, readout):
    client.force_login(make_editor())
    first = client.get(readout.get_absolute_url())
    assert "ETag" not in first and "Last-Modified" not in first
    admin = client.get(reverse("admin:readouts_readout_changelist"))
    assert admin.status_code == 200 and "ETag" not in admin
    assert client.get(readout.get_absolute_url(), HTTP_IF_NONE_MATCH='W/"1-20250101", *').status_code == 200


def test_a_deployment_that_changes_the_pages_changes_the_validator(client, readout, monkeypatch):
    first = client.get(readout.get_absolute_url())
    monkeypatch.setattr(caching, "release", lambda: "0ther0ne")
    again = client.get(readout.get_absolute_url(), HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200
    assert again["ETag"] != first["ETag"]
