"""Accessibility and layout of the built default site, checked in headless Chromium.

axe-core (pinned in package.json, installed by `npm ci`) runs on every kind of page in
light and dark mode; the pages must also fit a 320 px screen and print without the nav.
Pages are served over HTTP under the base_url's path with netlify.toml's headers, so the
search box is there and the 404 page is reached as a host serves it: at a missing address.
"""

from __future__ import annotations

import json
from itertools import pairwise
from pathlib import Path

import pytest
from conftest import REPO
from site_server import serve_site

pytest_plugins = ["browser_support"]  # the `browser` and `page` fixtures

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"

# One page of every kind the site has.
PAGE_KINDS = {
    "home": "index.html",
    "articles index": "articles/index.html",
    "article": "articles/mt-wide-implications.html",  # the richest: blockquote, headings, nested quotes
    "actors index": "actors/index.html",
    "actor": "actors/tokayev.html",
    "figures": "figures.html",
    "questions index": "questions/index.html",
    "question": "questions/two-fronts.html",
    "timeline": "timeline.html",
    "404": "no/such/page.html",  # a missing address, two folders deep: the host answers with 404.html
}


@pytest.fixture(scope="module")
def built_site(default_site: Path) -> Path:
    return default_site


@pytest.fixture(scope="module")
def site_url(built_site: Path):
    """The built site over HTTP, at the path of the default briefing's base_url (/briefing/)."""
    with serve_site(built_site, "/briefing/") as url:
        yield url


def test_every_page_kind_exists(built_site: Path):
    for name in PAGE_KINDS.values():
        assert (built_site / name).is_file() or name.startswith("no/"), name


def _axe_source() -> str:
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: run `npm ci` in {REPO}")
    return AXE.read_text(encoding="utf-8")


def _violations(page) -> list[dict]:
    # Through the DevTools protocol, as the CSP (rightly) refuses a <script> the site did not ship.
    page.evaluate("() => {\n" + _axe_source() + "\n}")
    result = page.evaluate(
        """async () => {
            const r = await axe.run(document);
            return {passes: r.passes.length, violations: r.violations.map(v => ({id: v.id, impact: v.impact,
                help: v.help, nodes: v.nodes.map(n => n.target.join(' ') + ' :: ' + n.failureSummary)}))};
        }"""
    )
    assert result["passes"] >= 10, "axe-core checked almost nothing: did the page load?"
    return result["violations"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", list(PAGE_KINDS))
def test_axe_finds_no_violation(site_url: str, page, kind: str, scheme: str):
    page.emulate_media(color_scheme=scheme)
    page.goto(site_url + PAGE_KINDS[kind])
    page.locator("[data-search] input").wait_for(state="visible", timeout=10_000)
    violations = _violations(page)
    assert violations == [], f"{kind} ({scheme}):\n" + json.dumps(violations, indent=1)
    expected = ["Failed to load resource: the server responded with a status of 404 (Not Found)"] if kind == "404" else []
    assert page.console_errors == expected, "a stylesheet or script failed to load, or the CSP refused one"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violation_in_search_results(site_url: str, page, scheme: str):
    page.emulate_media(color_scheme=scheme)
    page.goto(site_url + "index.html")
    page.locator("[data-search] input").fill("Kazakhstan")
    page.locator(".search-results li").first.wait_for(timeout=10_000)
    violations = _violations(page)
    assert violations == [], f"search results ({scheme}):\n" + json.dumps(violations, indent=1)


def test_the_404_page_at_any_depth_has_its_stylesheet_and_working_links(site_url: str, page):
    response = page.goto(site_url + "no/such/page.html")
    assert response.status == 404
    assert page.evaluate("() => document.styleSheets[0].cssRules.length") > 10
    page.get_by_role("link", name="the briefing").click()
    page.wait_for_load_state("load")
    assert page.url == site_url + "index.html"


def test_skip_link_is_the_first_stop_and_moves_focus_to_main(site_url: str, page):
    page.goto(site_url + PAGE_KINDS["article"])
    page.keyboard.press("Tab")
    focused = page.evaluate("() => [document.activeElement.className, document.activeElement.textContent]")
    assert focused == ["skip-link", "Skip to content"]
    box = page.locator(".skip-link").bounding_box()
    assert box and box["y"] >= 0, "the focused skip link must be on screen"
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"
    page.keyboard.press("Tab")  # the next stop is inside the main content, not back in the nav
    assert page.evaluate("() => document.querySelector('main').contains(document.activeElement)")


@pytest.mark.parametrize("kind", list(PAGE_KINDS))
def test_landmarks_and_headings_are_in_order(site_url: str, page, kind: str):
    page.goto(site_url + PAGE_KINDS[kind])
    facts = page.evaluate(
        """() => ({
            banner: document.querySelectorAll('body > header').length,
            nav: document.querySelectorAll('body > header nav').length,
            navNames: [...document.querySelectorAll('nav')].map(n => n.getAttribute('aria-label')
                || document.getElementById(n.getAttribute('aria-labelledby') || '')?.textContent || ''),
            main: document.querySelectorAll('main').length,
            footer: document.querySelectorAll('body > footer').length,
            h1InMain: document.querySelectorAll('main h1').length,
            h1: document.querySelectorAll('h1').length,
            levels: [...document.querySelectorAll('h1,h2,h3,h4,h5,h6')].map(h => +h.tagName[1]),
        })"""
    )
    assert (facts["banner"], facts["nav"], facts["main"], facts["footer"]) == (1, 1, 1, 1), facts
    names = facts["navNames"]  # more than one nav (the home page's contents) only with names that tell them apart
    assert all(names) and len(set(names)) == len(names), names
    assert facts["h1"] == facts["h1InMain"] == 1, facts
    levels = facts["levels"]
    assert levels[0] == 1
    for before, after in pairwise(levels):
        assert after <= before + 1, f"{kind}: heading level jumps from h{before} to h{after}"


def test_likelihood_and_confidence_are_said_in_words_not_colour_alone(built_site: Path):
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert 'class="badge likelihood likelihood-likely"><strong>Likely</strong>' in home
    assert "(55–80% chance)" in home and "Confidence: moderate" in home


@pytest.mark.parametrize("kind", list(PAGE_KINDS))
def test_every_page_fits_a_320px_screen_without_horizontal_scrolling(site_url: str, page, kind: str):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(site_url + PAGE_KINDS[kind])
    page.locator("[data-search] input").wait_for(state="visible", timeout=10_000)
    widths = page.evaluate("() => [document.scrollingElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], f"{kind}: {widths[0]} px wide in a {widths[1]} px window"


def test_print_hides_the_navigation_search_and_skip_link(site_url: str, page):
    page.goto(site_url + PAGE_KINDS["article"])
    page.locator("[data-search] input").wait_for(state="visible", timeout=10_000)
    assert page.locator(".site-header nav").is_visible()
    page.emulate_media(media="print")
    assert not page.locator(".site-header nav").is_visible()
    assert page.evaluate("() => getComputedStyle(document.querySelector('.skip-link')).display") == "none"
    assert not page.locator("[data-search]").is_visible()
    assert page.locator("main h1").is_visible()
    assert page.evaluate("() => getComputedStyle(document.body).backgroundColor") == "rgb(255, 255, 255)"
