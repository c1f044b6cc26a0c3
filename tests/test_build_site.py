"""End to end: real builds of the default briefing and of a small one, read back page by page."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

from conftest import run_build
from html_pages import read_page

from briefing.markup import normalize


def test_default_briefing_builds_every_page_kind(default_site: Path):
    site = default_site
    project = site.parent
    for name in ("index.html", "articles/index.html", "actors/index.html", "figures.html",
                 "questions/index.html", "timeline.html", "404.html", "static/style.css"):
        assert (site / name).is_file(), name
    for slug in (p.stem for p in (project / "content/articles").glob("*.md")):
        assert (site / f"articles/{slug}.html").is_file()
    assert len(list((site / "actors").glob("*.html"))) >= 16  # 15+ actors and the index


def _internal_targets(site: Path):
    for page in sorted(site.rglob("*.html")):
        facts = read_page(page)
        for link in facts.links:
            parts = urlsplit(link)
            if parts.scheme or link.startswith("//") or link.startswith("mailto:"):
                continue
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            yield page, link, target, parts.fragment


def test_every_internal_link_and_fragment_on_the_default_site_resolves(default_site: Path):
    site = default_site.resolve()
    ids: dict[Path, set[str]] = {}
    checked = 0
    for page, link, target, fragment in _internal_targets(site):
        assert target.is_relative_to(site), f"{page.name}: {link} leaves the site"
        assert target.is_file(), f"{page.relative_to(site)}: broken link {link}"
        if fragment:
            if target not in ids:
                ids[target] = read_page(target).ids
            assert fragment in ids[target], f"{page.relative_to(site)}: no #{fragment} in {target.name}"
        checked += 1
    assert checked > 500


def test_every_quote_link_lands_on_an_element_that_wraps_the_quoted_words(default_site: Path):
    site = default_site
    figures = read_page(site / "figures.html")
    quote_links = [link for link in figures.links if "#q-" in link]
    assert len(quote_links) >= 8
    import html
    import re
    source = (site / "figures.html").read_text(encoding="utf-8")
    pairs = re.findall(r'<a href="([^"]+#q-[^"]+)">“(.*?)”</a>', source, re.S)
    assert pairs
    for href, quote in pairs:
        path, fragment = href.split("#")
        target = read_page((site / path).resolve())
        assert fragment in target.ids
        wrapped = normalize(target.text_of(fragment))[0]
        assert normalize(html.unescape(quote))[0] in wrapped, (href, quote)


def test_article_pages_list_the_claims_that_quote_them(small_project: Path):
    assert run_build(small_project).returncode == 0
    page = read_page(small_project / "site/articles/one.html")
    assert "Quoted in this briefing" in page.text
    # the quote used by a figure and by an event: one anchor, both backlinks
    assert "../figures.html#count" in page.links
    assert "../timeline.html#landing" in page.links
    assert "../questions/hold.html" in page.links
    assert "../index.html#judgment-1" in page.links


def test_cross_references_link_both_ways(small_project: Path):
    assert run_build(small_project).returncode == 0
    site = small_project / "site"
    home = read_page(site / "index.html")
    assert "actors/alpha.html" in home.links and "figures.html#count" in home.links
    alpha = read_page(site / "actors/alpha.html")
    beta = read_page(site / "actors/beta.html")
    # Alpha's entry says it leads Beta; Beta's page shows the relation from its side.
    assert "../actors/beta.html" in alpha.links and "Leads Beta Group" in alpha.text
    assert "../actors/alpha.html" in beta.links and "Led by: Alpha Person" in beta.text
    # Alpha is named by the question and the event, and mentioned in both articles.
    assert "../questions/hold.html" in alpha.links
    assert "../timeline.html#landing" in alpha.links
    assert "../articles/one.html" in alpha.links and "../articles/two.html" in alpha.links


def test_actor_names_in_article_bodies_link_to_the_actor(small_project: Path):
    assert run_build(small_project).returncode == 0
    html = (small_project / "site/articles/one.html").read_text(encoding="utf-8")
    assert '<a href="../actors/alpha.html" class="actor">Alpha</a>' in html
    assert '<a href="../actors/beta.html" class="actor">Beta Group</a>' in html


def test_figures_show_reports_side_by_side_and_flag_only_reports_that_cannot_all_be_true(small_project: Path):
    assert run_build(small_project).returncode == 0
    figures = read_page(small_project / "site/figures.html")
    assert "as many as 3,000" in figures.text and "2,500" in figures.text
    assert "Daily One" in figures.text and "Weekly Two" in figures.text
    assert "Discrepancy" not in figures.text  # "as many as 3,000" allows 2,500
    figures_yaml = small_project / "content/figures.yaml"
    figures_yaml.write_text(figures_yaml.read_text().replace("qualifier: as many as", "qualifier: more than"))
    assert run_build(small_project).returncode == 0
    assert "Discrepancy" in read_page(small_project / "site/figures.html").text
    home = read_page(small_project / "site/index.html")
    assert "1 where sources disagree" in home.text
    figures_yaml.write_text(figures_yaml.read_text().replace("  note:", "  reconciled: Counted on different days.\n  note:")
                            if "  note:" in figures_yaml.read_text() else figures_yaml.read_text()
                            + "  reconciled: Counted on different days.\n")
    assert run_build(small_project).returncode == 0
    page = read_page(small_project / "site/figures.html")
    assert "Discrepancy" not in page.text and "Reports differ; reconciled below" in page.text
    assert "Counted on different days." in page.text
    assert "where sources disagree" not in read_page(small_project / "site/index.html").text


def test_question_groups_evidence_by_leaning_and_lists_signposts(small_project: Path):
    assert run_build(small_project).returncode == 0
    page = read_page(small_project / "site/questions/hold.html")
    text = page.text
    assert text.index("Evidence leaning yes") < text.index("Alpha said the talks were over")
    assert text.index("Evidence leaning no") < text.index("an initial 2,500 soldiers")
    assert "Signposts to watch" in text and "../actors/beta.html" in page.links


def test_timeline_orders_partial_dates_before_fuller_ones(small_project: Path):
    assert run_build(small_project).returncode == 0
    text = read_page(small_project / "site/timeline.html").text
    assert text.index("2014") < text.index("March 2014") < text.index("6 January 2022")


def test_home_page_shows_estimative_words_a_reader_understands(small_project: Path):
    assert run_build(small_project).returncode == 0
    text = read_page(small_project / "site/index.html").text
    assert "Likely (55–80% chance)" in text
    assert "Likely (55–80% chance) Confidence: moderate" in text  # apart: confidence is not likelihood


def test_article_page_shows_its_metadata_and_original_link(small_project: Path):
    assert run_build(small_project).returncode == 0
    page = read_page(small_project / "site/articles/one.html")
    assert "Daily One · A. Writer · 6 Jan 2022 · News · Original" in page.text  # one line: the byline
    for words in ("Daily One", "A. Writer", "6 Jan 2022", "News"):
        assert words in page.text
    assert "https://example.com/one" in page.links


def test_every_page_is_reachable_from_the_home_page(default_site: Path):
    site = default_site.resolve()
    seen, queue = set(), [site / "index.html"]
    while queue:
        page = queue.pop()
        if page in seen:
            continue
        seen.add(page)
        for link in read_page(page).links:
            parts = urlsplit(link)
            if parts.scheme or not parts.path.endswith(".html"):
                continue
            queue.append((page.parent / parts.path).resolve())
    every_page = {p.resolve() for p in site.rglob("*.html")} - {site / "404.html"}
    assert every_page <= seen
