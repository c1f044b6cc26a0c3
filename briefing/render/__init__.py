"""Stage 3: lay the resolved site out with Jinja2 templates, every page in memory.

The index pages and the pictures are made here; templates.py holds the Jinja2 environment,
pictures/ draws the pictures (an actor's page asks for its own, as `pictures` in its template),
feeds.py writes the feed, the sitemap and robots.txt, editions.py the pages of earlier editions,
export.py claims.json.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TypeVar

from .. import urls
from ..cache import BuildCache
from ..markup import RefTarget
from ..model import ArticleCard
from ..parallel import fork_map
from ..resolve.views import Site
from . import pictures
from .editions import edition_pages
from .export import claims_json
from .feeds import atom_feed, robots_txt, sitemap
from .templates import Templates


@dataclass(frozen=True)
class Page:
    """One file of the finished site: its path under site/ and its bytes-to-be."""

    path: str
    content: str
    reused: bool = False  # the same as in the previous build: the write stage may link, not write


def render_site(site: Site, templates_dir: Path, cache: BuildCache | None = None) -> list[Page]:
    """Every page of the site, rendered; the write stage puts them on disk.

    With a `cache` kept from the last build, a page whose view, briefing and templates are
    unchanged is taken from it instead of rendered again.
    """
    cache = cache or BuildCache()
    shown = without_texts(site)
    t = Templates(templates_dir, shown)
    # The pages about the whole briefing never show an article's text: an edit to one (the
    # dev server's commonest rebuild) leaves them as they were, and they are taken as they were.
    inputs = (t.signature, shown)
    site_wide = cache.site_wide.recall("all", inputs)
    if site_wide is None:
        site_wide = SiteWidePages(index_pages(t, shown), edition_pages(t, shown) + [(urls.CLAIMS, claims_json(shown))],
                                  _feed_files(shown))
        reused = False
    else:
        reused = True
    cache.site_wide.keep("all", inputs, site_wide)
    pages = [Page(path, html, reused) for path, html in site_wide.indexes]
    pages += entity_pages(t, [("article.html", a.url, a) for a in site.articles]
                          + [("actor.html", a.url, a) for a in site.actors]
                          + [("question.html", q.url, q) for q in site.questions], cache)
    pages += [Page(path, html, reused) for path, html in site_wide.after]
    base_url = site.content.briefing.base_url
    if base_url:  # the sitemap names every page, so it is made each time (it takes no time)
        paths = [p.path for p in pages]
        pages += [Page(path, html, reused) for path, html in site_wide.feeds[:1]]
        pages += [Page(urls.SITEMAP, sitemap(paths, base_url))]
        pages += [Page(path, html, reused) for path, html in site_wide.feeds[1:]]
    return pages


@dataclass(frozen=True)
class SiteWidePages:
    """(path, HTML) of the pages about the briefing as a whole, in the order they are listed."""

    indexes: list[tuple[str, str]]  # the home page and the index of each kind of entity
    after: list[tuple[str, str]]  # the editions' pages and claims.json
    feeds: list[tuple[str, str]]  # the feed and robots.txt, where there is a base_url


def without_texts(site: Site) -> Site:
    """The site as every page sees it through `site`: no article's text, which only the
    article's own page shows (through its view)."""
    return replace(site, content=replace(site.content, articles=()),
                   articles=tuple(_with(page, html="", article=_with(page.article, body="")) for page in site.articles))


T = TypeVar("T")


def _with(view: T, **changes: object) -> T:
    """dataclasses.replace for a frozen view whose fields were checked when it was made: a
    copy of its fields, with `changes`, without running __init__ again (replace, 20,000
    times, was half a second of each dev-server save of a 10,000-article briefing)."""
    copy = object.__new__(type(view))
    copy.__dict__.update(view.__dict__, **changes)
    return copy


def index_pages(t: Templates, site: Site) -> list[tuple[str, str]]:
    cards: dict[str, ArticleCard] = {a.article.slug: a.article for a in site.articles}
    return [
        (urls.HOME, t.render("index.html", urls.HOME)),
        (urls.ARTICLES, t.render("articles.html", urls.ARTICLES)),
        (urls.ACTORS, t.render("actors.html", urls.ACTORS,
                               overview=pictures.actor_overview(site.actors, urls.root_of(urls.ACTORS)))),
        (urls.FIGURES, t.render("figures.html", urls.FIGURES,
                                plots={f.figure.id: pictures.figure_plot(f, "", cards) for f in site.figures})),
        (urls.QUESTIONS, t.render("questions.html", urls.QUESTIONS)),
        (urls.TIMELINE, t.render("timeline.html", urls.TIMELINE,
                                 axis=pictures.timeline_axis(site.events, "", site.content.briefing.as_of, site.refs))),
        (urls.NOT_FOUND, t.render("404.html", urls.NOT_FOUND)),
    ]


def _feed_files(site: Site) -> list[tuple[str, str]]:
    base_url = site.content.briefing.base_url
    if not base_url:  # the feed, the sitemap and robots.txt need absolute URLs: see feeds.py
        return []
    return [(urls.FEED, atom_feed(site, base_url)), (urls.ROBOTS, robots_txt(base_url))]


def entity_pages(t: Templates, jobs: list[tuple[str, str, object]], cache: BuildCache) -> list[Page]:
    """Pages that each show one entity, as (template, path, view): last build's HTML where
    nothing the page shows has changed, the rest rendered, over the machine's cores when
    there are many (a cold build of a large briefing: only the HTML comes back from a worker)."""
    stamps, signature = t.stamps, t.signature
    before = cache.targets.recall("all", None) or {}
    cache.targets.keep("all", None, dict(t.site.refs))
    changed = _changed_targets(before, t.site.refs)
    reusable = {template: cache.templates.get(template, stamps, functools.partial(_shows_only_its_view, t, template))
                for template in {template for template, _, _ in jobs}}
    found: list[str | None] = []
    for template, path, view in jobs:
        html = cache.pages.recall(path, (template, signature, view)) if reusable[template] else None
        if html is not None and any(url in html for url in changed):
            html = None  # it links a [[reference]] whose words changed
        found.append(html)
    todo = [i for i, html in enumerate(found) if html is None]
    rendered = dict(zip(todo, fork_map(lambda i: t.render(jobs[i][0], jobs[i][1], page=jobs[i][2]), todo)))
    pages = []
    for i, (template, path, view) in enumerate(jobs):
        page = Page(path, rendered[i]) if i in rendered else Page(path, found[i] or "", reused=True)
        if reusable[template]:
            cache.pages.keep(path, (template, signature, view), page.content)
        pages.append(page)
    return pages


def _shows_only_its_view(t: Templates, template: str) -> bool:
    return not t.reads_site(template)


def _changed_targets(before: Mapping[tuple[str, str], RefTarget], now: Mapping[tuple[str, str], RefTarget]) -> set[str]:
    """The addresses (as an href ends: `figures.html#id"`) of the [[reference]] targets whose
    words or address differ from the last build's."""
    return {f'{target.url}"' for key in before.keys() | now.keys() if before.get(key) != now.get(key)
            for target in (before.get(key), now.get(key)) if target is not None}
