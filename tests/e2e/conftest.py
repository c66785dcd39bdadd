"""Browser-test fixtures: skip without Chromium, unless REQUIRE_E2E=1 makes that a failure."""

from __future__ import annotations

import os

import pytest

from tests.e2e.live import chromium_available, launch_browser, running_server

VIEWPORT = {"width": 1400, "height": 1700}


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium driven by Playwright."""
    if not chromium_available():
        reason = "Debian chromium is not installed at /usr/bin/chromium (apt-get install chromium)"
        if os.environ.get("REQUIRE_E2E") == "1":
            pytest.fail(f"REQUIRE_E2E=1 but {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch_browser(playwright)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def server():
    """The dashboard on the bundled data, served on 127.0.0.1."""
    with running_server() as base:
        yield base


@pytest.fixture
def page(browser, server):
    """A fresh tab at a tall viewport; the base URL is ``page.base``."""
    context = browser.new_context(viewport=VIEWPORT, accept_downloads=True)
    tab = context.new_page()
    tab.base = server
    yield tab
    context.close()
