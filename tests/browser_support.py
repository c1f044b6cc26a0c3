"""Browser fixtures for tests: Playwright driving the system's Chromium (never a downloaded one).

Use them in a test module with `pytest_plugins = ["browser_support"]`.
Without /usr/bin/chromium the browser tests are skipped on a workstation and fail in CI.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("BRIEFING_CHROMIUM", "/usr/bin/chromium"))
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run"]


def launch(playwright):
    """Debian's Chromium with the flags that let it run as root in a container."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser) -> Iterator[object]:
    """A fresh tab in its own context.

    `page.console_errors` collects console errors (failed loads, CSP refusals) and
    `page.script_errors` uncaught script exceptions, for tests to assert on.
    """
    context = browser.new_context()
    tab = context.new_page()
    tab.console_errors = []
    tab.script_errors = []
    tab.on("console", lambda message: message.type == "error" and tab.console_errors.append(message.text))
    tab.on("pageerror", lambda error: tab.script_errors.append(str(error)))
    yield tab
    context.close()
