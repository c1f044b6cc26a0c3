"""The pages editions add, in headless Chromium: axe-core in light and dark mode, and a 320 px screen."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator

import pytest
from conftest import REPO, run_build, write_tree
from site_server import serve_site
from test_editions import EDITIONS, THREE, _as_of, _edit, _freeze, _retract_one
from test_site_a11y import _violations

pytest_plugins = ["browser_support"]  # the `browser` and `page` fixtures

PAGES = {
    "home with what changed": "index.html",
    "editions index": "editions/index.html",
    "an edition": "editions/2022-01-07.html",
    "a retracted article": "articles/one.html",
    "figures with a retracted report": "figures.html",
}


@pytest.fixture(scope="module")
def site_url(tmp_path_factory) -> Iterator[str]:
    """Two editions, a judgment moved with its reason and one without, a new article, a retraction."""
    project = tmp_path_factory.mktemp("editions-browser") / "project"
    write_tree(project / "content", EDITIONS)
    shutil.copytree(REPO / "templates", project / "templates")
    _freeze(project)
    _as_of(project, "2022-01-07")
    _edit(project / "content/briefing.yaml", "likelihood: likely", "likelihood: very likely\n    changed: Confirmed.")
    _freeze(project)
    _as_of(project, "2022-01-08")
    _edit(project / "content/briefing.yaml", "likelihood: unlikely", "likelihood: roughly even chance")
    write_tree(project / "content", {"articles/three.md": THREE})
    _retract_one(project)
    assert run_build(project, search=True).returncode == 0
    with serve_site(project / "site", "/b/") as url:
        yield url


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", list(PAGES))
def test_axe_finds_no_violation(site_url: str, page, kind: str, scheme: str):
    page.emulate_media(color_scheme=scheme)
    page.goto(site_url + PAGES[kind])
    page.locator("[data-search] input").wait_for(state="visible", timeout=10_000)
    violations = _violations(page)
    assert violations == [], f"{kind} ({scheme}):\n" + json.dumps(violations, indent=1)
    assert page.console_errors == []


@pytest.mark.parametrize("kind", list(PAGES))
def test_every_page_fits_a_320px_screen(site_url: str, page, kind: str):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(site_url + PAGES[kind])
    widths = page.evaluate("() => [document.scrollingElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], f"{kind}: {widths[0]} px wide in a {widths[1]} px window"
