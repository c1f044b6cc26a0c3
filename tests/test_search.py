"""Search with Pagefind: the index is built with the site, and a reader finds an article by a word in it.

The site is served over HTTP under the sub-path of the default briefing's base_url, with the
headers of netlify.toml, so the Content-Security-Policy the host sends is the one in force.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import REPO
from site_server import serve_site

pytest_plugins = ["browser_support"]  # the `browser` and `page` fixtures


@pytest.fixture(scope="module")
def built_site(default_site: Path) -> Path:
    return default_site


def _site_path(site: Path) -> str:
    line = next(text for text in (REPO / "content/briefing.yaml").read_text().splitlines() if text.startswith("base_url:"))
    return urlsplit(line.split(":", 1)[1].split("#")[0].strip()).path


def test_the_build_indexes_every_page_of_content_but_not_the_lists_of_pages(built_site: Path):
    assert (built_site / "pagefind/pagefind.js").is_file()
    assert list((built_site / "pagefind/fragment").glob("*.pf_fragment"))
    for name in ("index.html", "articles/interesting-times.html", "actors/tokayev.html", "timeline.html",
                 "figures.html", "questions/two-fronts.html"):
        assert "data-pagefind-body" in (built_site / name).read_text(encoding="utf-8"), name
    for name in ("404.html", "articles/index.html", "actors/index.html", "questions/index.html"):
        assert "data-pagefind-body" not in (built_site / name).read_text(encoding="utf-8"), name


def test_without_javascript_the_search_box_is_not_shown(built_site: Path, browser):
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto((built_site / "index.html").as_uri())
    assert not tab.locator("[data-search]").is_visible()
    assert tab.locator("[data-search]").get_attribute("hidden") is not None
    context.close()


def test_opened_from_disk_the_search_box_stays_hidden_and_nothing_fails(built_site: Path, page):
    page.goto((built_site / "articles/index.html").as_uri())
    page.wait_for_load_state("load")
    assert not page.locator("[data-search]").is_visible()
    assert page.script_errors == []


def test_searching_a_word_from_an_article_finds_it_and_opens_it(built_site: Path, page):
    with serve_site(built_site, _site_path(built_site)) as url:
        response = page.goto(url + "figures.html")
        assert "script-src 'self' 'wasm-unsafe-eval'" in response.headers["content-security-policy"]
        box = page.locator("[data-search] input")
        box.wait_for(state="visible", timeout=10_000)
        box.fill("irredentist")  # a word only one article has
        result = page.locator(".search-results li a").first
        result.wait_for(timeout=10_000)
        item = page.locator(".search-results li").first
        assert "Source article" in item.inner_text()
        assert item.locator("mark").first.inner_text().lower() == "irredentist"
        href = result.get_attribute("href")
        result.click()
        page.wait_for_load_state("load")
        # It lands on the passage: the quote around the word, as a fragment and a text fragment.
        assert page.url.startswith(url + "articles/mt-wide-implications.html#q-")
        assert ":~:text=" in href and "irredentist" in href
        assert "irredentist" in page.locator("main").inner_text()
        assert page.console_errors == [], "CSP refusals or failed loads"
        assert page.script_errors == []


def test_every_result_names_the_kind_of_page(built_site: Path, page):
    with serve_site(built_site, _site_path(built_site)) as url:
        page.goto(url + "index.html")
        box = page.locator("[data-search] input")
        box.wait_for(state="visible", timeout=10_000)
        box.fill("Tokayev")
        page.locator(".search-results li").first.wait_for(timeout=10_000)
        kinds = page.locator(".search-results .search-kind").all_inner_texts()
        assert len(kinds) == page.locator(".search-results li").count() > 1
        assert {k.strip(" ·") for k in kinds} <= {"Briefing", "Articles", "Source article", "Actors", "Actor",
                                                 "Figures", "Questions", "Open question", "Timeline"}
        assert page.console_errors == []


def test_an_index_in_parts_is_searched_as_one(built_site: Path, page, tmp_path: Path, monkeypatch):
    """A briefing of thousands of pages is indexed in parts (write/search.py): site.js merges them,
    so a word is found whichever part its page is in, and the count is the one index's count."""
    import shutil

    from briefing.write import search

    split = tmp_path / "site"
    shutil.copytree(built_site, split, ignore=shutil.ignore_patterns("pagefind"))
    monkeypatch.setattr(search, "PAGES_PER_PART", 20)
    search.index_for_search(split)
    assert "articles/mt-wide-implications.html" not in search._pages(split)[:20]  # not in the first part

    def count(site: Path, word: str) -> str:
        with serve_site(site, _site_path(site)) as url:
            page.goto(url + "index.html")
            box = page.locator("[data-search] input")
            box.wait_for(state="visible", timeout=10_000)
            box.fill(word)
            page.locator(".search-results li").first.wait_for(timeout=10_000)
            status = page.locator(".search-status").inner_text()
            assert page.console_errors == [] and page.script_errors == []
            return status

    assert count(split, "irredentist") == count(built_site, "irredentist") == "1 page matches “irredentist”"
    assert count(split, "troops") == count(built_site, "troops")
    with serve_site(split, _site_path(split)) as url:
        page.goto(url + "index.html")
        page.locator("[data-search] input").wait_for(state="visible", timeout=10_000)
        page.locator("[data-search] input").fill("irredentist")
        page.locator(".search-results li a").first.click()
        page.wait_for_load_state("load")
        assert page.url.startswith(url + "articles/mt-wide-implications.html")
