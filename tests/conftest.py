import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.db.backends.base.base import BaseDatabaseWrapper

from readouts import caching, search
from tests.factories import EDITOR_PASSWORD, make_editor


@pytest.fixture(autouse=True)
def fast_test_settings(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # The test client's own host, so that absolute addresses read as the client's requests do;
    # tests/test_origin.py sends other hosts and checks none of them gets in.
    settings.READOUTS_BASE_URL = "http://testserver"
    # The hashed-name manifest only exists after collectstatic; tests/test_static.py checks it.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # Pages and figures are computed afresh in every test (query counts, edits between
    # requests); tests/test_caching.py turns caching on to test it.
    settings.READOUTS_CACHE_SECONDS = 0
    # django-axes counts failed sign-ins and needs the request in authenticate(), which
    # client.login() does not pass; tests/test_login_throttling.py turns it on to test it.
    settings.AXES_ENABLED = False


@pytest.fixture(autouse=True)
def no_index_left_behind(request, django_db_blocker):
    """A test that really commits (transaction=True, a live server for the browser) leaves the
    database to flush, which empties the models' tables but not the search index's (no models):
    empty those too, or the next tests would find its readouts."""
    yield
    marker = request.node.get_closest_marker("django_db")
    committed = marker and marker.kwargs.get("transaction")
    if committed or {"live_server", "transactional_db"} & set(request.fixturenames):
        with django_db_blocker.unblock(), connection.cursor() as cursor:
            search.engine().clear(cursor)


@pytest.fixture
def page_cache(settings):
    """Pages and figures cached as in production, from an empty cache and no edition known."""
    settings.READOUTS_CACHE_SECONDS = 600
    settings.READOUTS_PAGE_CACHE = True
    cache.clear()
    yield
    cache.clear()
    caching._seen.update(edition=None, until=0.0, down=False)


@pytest.fixture
def editor(client):
    """A member of the Editors group, signed in on `client`."""
    user = make_editor()
    assert client.login(username=user.username, password=EDITOR_PASSWORD)
    return user


def _only_the_tests_transaction(connection):
    return connection.in_atomic_block and all(block._from_testcase for block in connection.atomic_blocks)


@pytest.fixture(autouse=True)
def commits(monkeypatch):
    """Run on_commit callbacks as a committed transaction would, though a test's transaction
    never commits: at the end of each outermost atomic block the code opens, and at once
    outside any (autocommit). What is derived from the archive (readouts/derived.py) is written
    on commit, and the tests read it after their edits as a reader would after the editor's."""
    real_on_commit, real_exit = BaseDatabaseWrapper.on_commit, transaction.Atomic.__exit__

    def on_commit(connection, func, robust=False):
        if not _only_the_tests_transaction(connection):
            return real_on_commit(connection, func, robust)
        func()  # as in autocommit, and raised even if robust: a test should see it fail

    def exit(atomic, exc_type, exc_value, traceback):
        result = real_exit(atomic, exc_type, exc_value, traceback)
        connection = transaction.get_connection(atomic.using)
        if exc_type is None and not atomic._from_testcase and _only_the_tests_transaction(connection):
            while connection.run_on_commit:
                _, func, _ = connection.run_on_commit.pop(0)
                func()
        return result

    monkeypatch.setattr(BaseDatabaseWrapper, "on_commit", on_commit)
    monkeypatch.setattr(transaction.Atomic, "__exit__", exit)
