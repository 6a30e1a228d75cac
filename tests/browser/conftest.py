"""Browser tests: Playwright for Python driving Debian's Chromium (never a downloaded browser).

Without /usr/bin/chromium these tests are skipped, with the reason, unless REQUIRE_BROWSER is
set (CI sets it): then they fail, so that a missing browser cannot pass unnoticed.
"""

import os
from pathlib import Path

import pytest
from django.db import connections

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


@pytest.fixture
def page(page):
    # Fail fast and clearly rather than after Playwright's 30-second default.
    page.set_default_timeout(10_000)
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
