"""What a busy reader relies on, measured in headless Chromium at a phone's and a desktop's width:
the bottom line and the judgments first, nothing too small or cut off, claims that land with
their context, search that tells the truth, and quotes that stay marked on paper."""

from __future__ import annotations

from pathlib import Path

import pytest
from site_server import serve_site
from test_site_a11y import PAGE_KINDS

pytest_plugins = ["browser_support"]  # the `browser` and `page` fixtures

PHONE, DESKTOP = {"width": 375, "height": 740}, {"width": 1280, "height": 900}


@pytest.fixture(scope="module")
def site_url(default_site: Path):
    with serve_site(default_site, "/briefing/") as url:
        yield url


def _ready(page) -> None:
    page.locator("[data-search] input").wait_for(state="visible", timeout=10_000)


def test_the_first_judgment_and_the_contents_are_on_the_first_screen_of_a_desktop(site_url: str, page):
    page.set_viewport_size(DESKTOP)
    page.goto(site_url + "index.html")
    first = page.locator(".judgment").first.locator(".judgment-text").bounding_box()
    contents = page.locator("nav.contents").bounding_box()
    assert first["y"] + 40 < DESKTOP["height"], first  # its first line, with its likelihood above it
    assert contents["y"] + contents["height"] <= DESKTOP["height"], contents
    assert page.locator(".judgment").first.locator(".likelihood").bounding_box()["y"] < first["y"]


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375", "1280"])
@pytest.mark.parametrize("kind", [k for k in PAGE_KINDS if k != "404"])
def test_no_text_is_smaller_than_12px_and_nothing_is_cut_off(site_url: str, page, kind: str, viewport):
    page.set_viewport_size(viewport)
    page.goto(site_url + PAGE_KINDS[kind])
    _ready(page)
    found = page.evaluate("""() => {
        const small = [], clipped = [];
        for (const el of document.querySelectorAll('body *')) {
            if (el.closest('svg, .visually-hidden, [hidden]')) continue;
            const style = getComputedStyle(el);
            if (style.display === 'none' || style.visibility === 'hidden') continue;
            if (el.getBoundingClientRect().width <= 1) continue;  // there for screen readers only
            const text = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
            if (text && parseFloat(style.fontSize) < 12) small.push(el.tagName + '.' + el.className + ' ' + style.fontSize);
            const scrolls = ['auto', 'scroll'].includes(style.overflowX);
            const ellipsis = style.textOverflow === 'ellipsis' && el.title;  // the whole text is its title
            if (el.scrollWidth > el.clientWidth + 1 && style.overflowX !== 'visible' && !scrolls && !ellipsis)
                clipped.push(el.tagName + '.' + el.className);
        }
        return {small, clipped, page: [document.scrollingElement.scrollWidth, window.innerWidth]};
    }""")
    assert found["small"] == [], found["small"]
    assert found["clipped"] == [], found["clipped"]
    assert found["page"][0] <= found["page"][1], "the page scrolls sideways"


def test_the_header_is_one_row_of_title_and_search_and_one_of_sections_on_a_phone(site_url: str, page):
    page.set_viewport_size(PHONE)
    page.goto(site_url + "figures.html")
    _ready(page)
    header = page.locator(".site-header").bounding_box()
    search = page.locator("[data-search] input").bounding_box()
    nav = page.locator(".site-header nav a", has_text="Figures").bounding_box()
    assert header["height"] <= search["height"] + nav["height"] + 24, (header, search, nav)


def test_the_search_box_takes_its_place_without_moving_the_page(site_url: str, page):
    page.set_viewport_size(PHONE)
    page.goto(site_url + "index.html")
    before = page.locator("main h1").bounding_box()["y"]
    _ready(page)
    assert page.locator("main h1").bounding_box()["y"] == before


def test_landing_on_a_quote_keeps_the_source_in_view_and_offers_the_way_back(site_url: str, page):
    page.set_viewport_size(PHONE)
    page.goto(site_url + "figures.html")
    quote = page.locator("#csto-force-size table a[href*='#q-']").first
    claim_page = page.url
    quote.click()
    page.wait_for_load_state("load")
    bar = page.locator("[data-source-bar]")
    assert bar.bounding_box()["y"] == 0, "the byline stays at the top of the screen"
    assert "Axios" in bar.inner_text() or "TBEN" in bar.inner_text() or "blog" in bar.inner_text().lower()
    back = bar.locator("[data-back] a").first
    assert "Figure: Size of the whole CSTO force" in back.inner_text() and back.inner_text().endswith("↩")
    target = page.evaluate("() => document.querySelector(':target').getBoundingClientRect().top")
    assert 0 < target < PHONE["height"], "the quote is on screen, under the bar"
    back.click()
    page.wait_for_load_state("load")
    assert page.url.startswith(claim_page.split("#")[0]) and page.url.endswith("#csto-force-size")
    landed = page.evaluate("() => getComputedStyle(document.querySelector(':target')).backgroundColor")
    assert landed != "rgba(0, 0, 0, 0)", "the figure the reader came back to is marked"


def test_an_article_links_each_actor_once(site_url: str, page):
    page.goto(site_url + "articles/axios-putin-calculus.html")
    hrefs = page.evaluate("() => [...document.querySelectorAll('.article-body a.actor')].map(a => a.getAttribute('href'))")
    assert hrefs and len(hrefs) == len(set(hrefs))


def test_search_counts_every_match_and_its_panel_lies_over_the_page(site_url: str, page):
    page.set_viewport_size(DESKTOP)
    page.goto(site_url + "figures.html")
    _ready(page)
    main_top = page.locator("main").bounding_box()["y"]
    box = page.locator("[data-search] input")
    box.fill("troops")
    page.locator(".search-results li").first.wait_for(timeout=10_000)
    status = page.locator(".search-status").inner_text()
    truth = page.evaluate("""async () => {
        const pagefind = await import(new URL('pagefind/pagefind.js', document.baseURI.replace(/[^/]*$/, '')).href);
        return (await pagefind.search('troops')).results.length;
    }""")
    assert status == f"{truth} pages match “troops”" and truth > 10
    assert page.locator("main").bounding_box()["y"] == main_top, "the results do not push the page down"
    assert page.locator(".search-results li").count() == 10
    page.locator(".search-more").click()
    page.wait_for_function(f"() => document.querySelectorAll('.search-results li').length == {min(truth, 20)}")
    # the keyboard: down into the results, up back to the box, Esc closes
    box.press("ArrowDown")
    assert page.evaluate("() => document.activeElement.closest('.search-results') !== null")
    page.keyboard.press("ArrowUp")
    assert page.evaluate("() => document.activeElement.id") == "search-input"
    box.press("Escape")
    assert page.locator("#search-panel").is_hidden()


def test_search_filters_by_kind_of_page(site_url: str, page):
    page.goto(site_url + "index.html")
    _ready(page)
    page.locator("[data-search] input").fill("Tokayev")
    page.locator(".search-results li").first.wait_for(timeout=10_000)
    page.get_by_role("button", name="Actor (").click()
    page.wait_for_function("() => document.querySelector('.search-filters [aria-pressed=true]').textContent.startsWith('Actor')")
    page.locator(".search-results li").first.wait_for(timeout=10_000)
    kinds = page.locator(".search-results .search-kind").all_inner_texts()
    assert kinds and all(kind == " · Actor" for kind in kinds)


def test_a_quote_stays_marked_on_paper_without_backgrounds(site_url: str, page):
    page.emulate_media(color_scheme="dark")
    page.goto(site_url + "articles/axios-putin-calculus.html")
    page.emulate_media(media="print", color_scheme="dark")
    marks = page.evaluate("""() => {
        const mark = document.querySelector('mark.quote');
        const style = getComputedStyle(mark);
        return {underline: style.textDecorationLine, before: getComputedStyle(mark, '::before').content,
                after: getComputedStyle(mark, '::after').content, color: style.color,
                flag: getComputedStyle(document.body).color};
    }""")
    assert "underline" in marks["underline"] and marks["before"] == '"["' and marks["after"] == '"]"'
    assert marks["color"] == "rgb(0, 0, 0)" and marks["flag"] == "rgb(0, 0, 0)"  # black on paper, whatever the screen
    footer = page.locator(".site-footer .print-only")
    assert footer.is_visible() and "example.org/briefing/articles/axios-putin-calculus.html" in footer.inner_text()
    assert "as of 8 January 2022" in footer.inner_text()


def test_tables_of_reports_become_cards_on_a_phone(site_url: str, page):
    page.set_viewport_size(PHONE)
    page.goto(site_url + "figures.html")
    cells = page.evaluate("""() => [...document.querySelectorAll('table.reports tr')].slice(1, 3).map(tr =>
        [...tr.querySelectorAll('td')].map(td => [getComputedStyle(td).display, Math.round(td.getBoundingClientRect().width)]))""")
    for row in cells:
        assert all(display == "block" for display, _ in row)
        assert len({width for _, width in row}) == 1  # stacked, each the card's full width
