"""A database that cannot be reached: cached pages are still served under the last edition
known, anything else is a 503 in the site's design with Retry-After, never a 500."""

import pytest
from django.contrib.sessions.middleware import SessionMiddleware
from django.db import OperationalError, connection

from readouts import caching
from tests.factories import make_editor, make_readout, make_statement

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]




def refuse(execute, sql, params, many, context):
    raise OperationalError("connection to server at 127.0.0.1, port 5432 failed: Connection refused")


def database_down():
    """Every query fails from now on, as with PostgreSQL stopped; the edition is read again."""
    caching._seen["until"] = 0.0
    return connection.execute_wrapper(refuse)


def assert_unavailable(response):
    assert response.status_code == 503
    assert response["Retry-After"].isdigit()
    page = response.content.decode()
    assert "Briefly unavailable" in page
    assert 'class="site-header"' in page and "readouts.css" in page  # the site's own layout


def test_a_cached_page_is_served_while_the_database_is_down(client):
    readout = make_readout(title="Call on grain corridors")
    make_statement(readout)
    first = client.get(readout.get_absolute_url())
    with database_down():
        second = client.get(readout.get_absolute_url())
    assert second.status_code == 200
    assert second.content == first.content


def test_a_process_that_never_read_the_edition_serves_what_another_cached(client):
    readout = make_readout(title="Call on grain corridors")
    first = client.get(readout.get_absolute_url())
    caching._seen.update(edition=None, changed_at=None, until=0.0)  # as in a newly started worker
    with database_down():
        second = client.get(readout.get_absolute_url())
    assert second.status_code == 200
    assert second.content == first.content


def test_an_uncached_page_is_a_503_without_running_its_view(client, django_assert_max_num_queries):
    readout = make_readout()
    client.get("/")
    with database_down(), django_assert_max_num_queries(1):  # the edition, tried once
        response = client.get(readout.get_absolute_url())
    assert_unavailable(response)


def test_with_no_edition_known_anywhere_a_page_is_a_503(client):
    readout = make_readout()
    caching._seen.update(edition=None, changed_at=None, until=0.0)
    with database_down():
        response = client.get(readout.get_absolute_url())
    assert_unavailable(response)


def test_the_database_is_asked_again_once_it_is_back(client):
    readout = make_readout(title="Call on grain corridors")
    client.get("/")
    with database_down():
        assert client.get(readout.get_absolute_url()).status_code == 503
    caching._seen["until"] = 0.0  # a second later
    assert client.get(readout.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("cached", [True, False])
def test_a_view_whose_query_fails_answers_503(client, settings, cached):
    settings.READOUTS_PAGE_CACHE = cached
    readout = make_readout()
    caching.edition()  # the edition is read; the view's own queries fail
    with connection.execute_wrapper(refuse):
        response = client.get(readout.get_absolute_url())
    assert_unavailable(response)


def test_an_editors_screen_answers_503_too(client):
    client.force_login(make_editor())
    with connection.execute_wrapper(refuse):
        response = client.get("/admin/readouts/readout/")
    assert response.status_code == 503
    assert response["Retry-After"].isdigit()


def test_a_database_error_outside_any_view_answers_503(client, monkeypatch):
    def session_store_down(self, request):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(SessionMiddleware, "process_request", session_store_down)
    client.raise_request_exception = False
    assert_unavailable(client.get("/readouts/"))


def test_any_other_error_is_still_a_500(client, monkeypatch):
    def broken(self, request):
        raise ValueError("a bug")

    monkeypatch.setattr(SessionMiddleware, "process_request", broken)
    client.raise_request_exception = False
    response = client.get("/readouts/")
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()
