"""Browser tests: Playwright for Python driving Debian's Chromium (never a downloaded browser).

Without /usr/bin/chromium these tests are skipped, with the reason, unless REQUIRE_BROWSER is
set (CI sets it): then they fail, so that a missing browser cannot pass unnoticed.
"""

import os
from pathlib import Path

import pytest
from django.core.servers.basehttp import WSGIServer
from django.db import connections
from django.test.testcases import LiveServerThread
from playwright.sync_api import expect

CHROMIUM = Path("/usr/bin/chromium")

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
# between page actions are still synchronous, so Django's async-safety guard must stand aside.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def playwright(playwright):
    yield playwright
    # While Playwright's event loop runs (from the first browser test to the end of the session),
    # Django keeps this thread's database connections apart from those it had before (asgiref's
    # Local stores them per context once a loop is running). Close them while that is still so:
    # a connection left open keeps PostgreSQL from dropping the test database at the end.
    connections.close_all()


class SerialWSGIServer(WSGIServer):
    """The live server, answering one request at a time (Django closes each connection after
    its response, so the browser waits its turn)."""

    def __init__(self, *args, connections_override=None, **kwargs):
        super().__init__(*args, **kwargs)  # requests run in the server's thread, which has them


@pytest.fixture(scope="session", autouse=True)
def serial_live_server():
    """On SQLite the test database lives in memory, and the threaded live server shares its one
    connection, and with it Django's transaction state, between all its request threads: a
    request that ended while the admin's save was open committed that save half-way, which
    then failed ("cannot commit - no transaction is active"). Serve one request at a time there."""
    if connections["default"].vendor != "sqlite":
        yield
        return
    threaded, LiveServerThread.server_class = LiveServerThread.server_class, SerialWSGIServer
    yield
    LiveServerThread.server_class = threaded


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is missing: install Debian's chromium package (apt-get install chromium)."
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail(f"REQUIRE_BROWSER is set but {reason}", pytrace=False)
        pytest.skip(reason)
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "args": [
            "--no-sandbox",
            "--headless",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


# Fail fast and clearly rather than after Playwright's 30-second default, but give a
# machine busy with parallel test workers (CI) as long for an assertion as for an action:
# expect()'s own default of 5 seconds once expired while the live server was still answering.
TIMEOUT_MS = 10_000
expect.set_options(timeout=TIMEOUT_MS)


@pytest.fixture
def page(page):
    page.set_default_timeout(TIMEOUT_MS)
    return page


@pytest.fixture
def scriptless(browser):
    """open(url, width): a page with scripts off at that width (900 px tall), closed after the test."""
    contexts = []

    def open_page(url, width):
        context = browser.new_context(java_script_enabled=False, viewport={"width": width, "height": 900})
        contexts.append(context)
        page = context.new_page()
        page.goto(url)
        return page

    yield open_page
    for context in contexts:
        context.close()


# The `watched` fixture: a page and what went wrong on it, for tests of the
# Content-Security-Policy. Collected in the page itself, from before any of its scripts runs.
LISTEN = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", function (event) {
  window.__violations.push(event.violatedDirective + " " + (event.blockedURI || "inline") + " " + event.sourceFile + ":" + event.lineNumber);
});
"""


@pytest.fixture
def watched(page):
    """The page, and what went wrong on it: console errors, script errors, failed loads, and
    CSP violations (read from each document before it is left)."""
    problems = []
    page.add_init_script(LISTEN)
    page.on("console", lambda message: message.type == "error" and problems.append(f"console: {message.text}"))
    page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    # A request the page cancels itself is no failure: select2 aborts its search for the
    # previous letters when another is typed.
    page.on(
        "requestfailed",
        lambda request: request.failure != "net::ERR_ABORTED" and problems.append(f"failed: {request.url} {request.failure}"),
    )
    page.on(
        "response",
        lambda response: response.status >= 400 and problems.append(f"{response.status}: {response.url}"),
    )

    def check():
        problems.extend(f"CSP: {violation}" for violation in page.evaluate("window.__violations || []"))
        assert problems == []

    page.check = check
    return page
