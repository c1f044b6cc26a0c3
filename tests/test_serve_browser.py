"""The dev server in a real browser: saves reload the open page; a broken file shows an overlay."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect
from test_serve import ARTICLE, BROKEN_YAML, OLD_WORDS, PAGE, Running, change, serving

pytest_plugins = ["browser_support"]  # the `browser` and `page` fixtures


@pytest.fixture
def running(small_project: Path) -> Iterator[Running]:
    yield from serving(small_project)


ERROR_LINE = re.compile(r"content/actors\.yaml:\d+: ")


def test_a_saved_edit_appears_in_the_open_page(page, running: Running) -> None:
    page.goto(running.url + PAGE.lstrip("/"))
    expect(page.locator("body")).to_contain_text(OLD_WORDS)
    page.evaluate("window.openedByHand = true")  # gone once the page reloads itself
    change(running.project / ARTICLE, OLD_WORDS, "fresh words")
    expect(page.locator("body")).to_contain_text("fresh words", timeout=5000)
    assert page.evaluate("window.openedByHand") is None
    assert page.script_errors == []


def test_a_broken_file_shows_an_overlay_until_it_is_fixed(page, running: Running) -> None:
    page.goto(running.url + PAGE.lstrip("/"))
    expect(page.locator("body")).to_contain_text(OLD_WORDS)
    other = page.context.new_page()
    other.goto(running.url)
    actors = running.project / "content/actors.yaml"
    good_text = actors.read_text(encoding="utf-8")
    actors.write_text(good_text + BROKEN_YAML, encoding="utf-8")
    for tab in (page, other):
        overlay = tab.locator("#briefing-build-error")
        expect(overlay).to_be_visible(timeout=5000)
        expect(overlay).to_contain_text(ERROR_LINE)
    expect(page.locator("body")).to_contain_text(OLD_WORDS)  # the last good page stays
    late = page.context.new_page()  # a tab opened while the build is broken shows it too
    late.goto(running.url + "articles/two.html")
    expect(late.locator("#briefing-build-error")).to_contain_text(ERROR_LINE, timeout=5000)
    actors.write_text(good_text, encoding="utf-8")
    for tab in (page, other, late):
        expect(tab.locator("#briefing-build-error")).to_have_count(0, timeout=5000)
    expect(page.locator("body")).to_contain_text(OLD_WORDS)
    assert page.script_errors == []


def test_the_overlay_shows_errors_as_text_under_a_strict_policy(page, running: Running) -> None:
    strict = running.project / "site" / "strict.html"
    strict.write_text(
        "<!doctype html><html><head><meta http-equiv=Content-Security-Policy "
        "content=\"default-src 'self'; script-src 'self'; style-src 'self'\">"
        "<title>strict</title></head><body><p>strict page</p></body></html>")
    page.goto(running.url + "strict.html")
    hostile = "<img src=x id=pwned>"
    change(running.project / ARTICLE, "kind: news", f"kind: {hostile}")
    overlay = page.locator("#briefing-build-error")
    expect(overlay).to_be_visible(timeout=5000)
    expect(overlay).to_contain_text(re.compile(r"content/articles/one\.md:\d+: "))
    expect(overlay).to_contain_text(hostile)  # shown as the characters it is
    assert page.locator("#pwned").count() == 0
    assert page.evaluate("document.querySelector('#briefing-build-error pre').children.length") == 0
    assert overlay.evaluate("e => getComputedStyle(e).position") == "fixed"
    assert [e for e in page.console_errors if "Content Security Policy" in e] == []
    assert page.script_errors == []
