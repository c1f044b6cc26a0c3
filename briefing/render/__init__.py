"""Stage 3: lay the resolved site out with Jinja2 templates, every page in memory."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import jinja2
import jinja2.meta
from markupsafe import Markup

from ..errors import BuildFailed, Problem
from ..markup import make_markdown
from ..model import MONTHS, Text
from ..resolve.views import Site
from . import pictures
from .feeds import FEED_PATH, ROBOTS_PATH, SITEMAP_PATH, atom_feed, robots_txt, sitemap


@dataclass(frozen=True)
class Page:
    """One file of the finished site: its path under site/ and its bytes-to-be."""

    path: str
    content: str
    reused: bool = False  # the same as in the previous build: the write stage may link, not write


def human_date(value: dt.date | dt.datetime | None) -> str:
    if value is None:
        return ""
    text = f"{value.day} {MONTHS[value.month - 1]} {value.year}"
    if isinstance(value, dt.datetime):
        text += f", {value:%H:%M}"
    return text


class Renderer:
    """Holds the Jinja2 environment and the Markdown parser for one build."""

    def __init__(self, templates_dir: Path, site: Site, cache: dict | None = None):
        self.site = site
        self.templates_dir = templates_dir
        self.page_cache = cache
        self.fresh_pages: dict[str, tuple] = {}  # new cache entries, kept only once the build succeeds
        self._cacheable_templates: dict[str, bool] = {}
        self._shared: tuple | None = None
        self.md = make_markdown()
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(templates_dir)),
            autoescape=True,  # everything an editor writes is escaped unless it went through Markdown
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            # Compiled templates are cached on disk (keyed by their source), so that a build
            # does not spend most of its time compiling templates that have not changed.
            bytecode_cache=jinja2.FileSystemBytecodeCache(),
        )
        self.env.filters["md"] = self._markdown_filter
        self.env.filters["md_inline"] = self._markdown_inline_filter
        self.env.filters["date"] = human_date
        self.env.globals["site"] = site
        self.env.globals["briefing"] = site.content.briefing
        # The site's path on its host ("/briefing/"): only the 404 page, served at any depth, uses it.
        self.env.globals["base_path"] = urlsplit(site.content.briefing.base_url or "").path
        self._cache: dict[tuple[str, str], Markup] = {}

    def markdown(self, text: Text | str | None, root: str) -> Markup:
        if text is None:
            return Markup("")
        source = text.markdown if isinstance(text, Text) else text
        key = (source, root)
        if key not in self._cache:
            env = {"refs": self.site.refs, "root": root}
            self._cache[key] = Markup(self.md.render(source, env))
        return self._cache[key]

    @jinja2.pass_context
    def _markdown_filter(self, context: jinja2.runtime.Context, text: Text | str | None) -> Markup:
        return self.markdown(text, context["root"])

    @jinja2.pass_context
    def _markdown_inline_filter(self, context: jinja2.runtime.Context, text: Text | str | None) -> Markup:
        html = str(self.markdown(text, context["root"])).strip()
        if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
            html = html[3:-4]
        return Markup(html)

    def page(self, template: str, path: str, **context) -> Page:
        root = "../" * path.count("/")
        try:
            html = self.env.get_template(template).render(root=root, page_path=path, **context)
        except jinja2.TemplateSyntaxError as exc:
            raise BuildFailed([Problem(f"templates/{exc.name or template}", exc.lineno, f"template syntax: {exc.message}")]) from None
        except jinja2.TemplateNotFound as exc:
            raise BuildFailed([Problem(f"templates/{template}", None, f"template '{exc.name}' not found")]) from None
        except jinja2.UndefinedError as exc:
            raise BuildFailed([Problem(f"templates/{template}", _template_line(exc), f"template error: {exc.message}")]) from None
        except (jinja2.TemplateError, TypeError, ValueError, AttributeError, KeyError, IndexError) as exc:
            # An edited template can fail in any of the ways an expression can: say where, in one line.
            raise BuildFailed([Problem(f"templates/{template}", _template_line(exc),
                                       f"template error: {type(exc).__name__}: {exc}")]) from None
        return Page(path, html)

    def entity_pages(self, jobs: list[tuple[str, str, object]]) -> list[Page]:
        """Pages that each show one entity, as (template, path, view): the previous build's HTML
        where nothing the page shows has changed (the dev server keeps that cache; a full build
        has none), the rest rendered. Rendering in worker processes was measured (bench/) and
        did not pay: sending 1,000 pages back costs about what rendering them does."""
        pages: dict[str, Page] = {}
        todo = []
        changed_targets: set[str] = set()
        if self.page_cache is not None:
            if self.page_cache.get("shared") != self._shared_inputs():
                self.page_cache.clear()  # another briefing or other templates: no page is the same
            changed_targets = self._changed_targets(self.page_cache.get("refs", {}))
        self.fresh_pages["shared"] = self._shared_inputs()
        self.fresh_pages["refs"] = dict(self.site.refs)
        for template, path, view in jobs:
            if self.page_cache is not None and self._cacheable(template):
                inputs = (template, view)
                hit = self.page_cache.get(path)
                # A page links a [[reference]] whose words changed only if its HTML has the link.
                if hit is not None and hit[0] == inputs and not any(url in hit[1] for url in changed_targets):
                    pages[path] = Page(path, hit[1], reused=True)
                    continue
                self.fresh_pages[path] = (inputs, None)  # the HTML is filled in below
            todo.append((template, path, view))
        for page in map(self._render_job, todo):
            pages[page.path] = page
            if page.path in self.fresh_pages:
                self.fresh_pages[page.path] = (self.fresh_pages[page.path][0], page.content)
        return [pages[path] for _, path, _ in jobs]

    def _render_job(self, job: tuple[str, str, object]) -> Page:
        template, path, view = job
        return self.page(template, path, page=view)

    def _shared_inputs(self) -> tuple:
        """What every entity page depends on besides its entity: the briefing and the templates.
        (The link targets its Markdown resolves against are compared apart: _changed_targets.)"""
        if self._shared is None:
            files = sorted(p for p in self.templates_dir.rglob("*") if p.is_file())
            templates = tuple((str(p), stat.st_mtime_ns, stat.st_size) for p in files for stat in [p.stat()])
            self._shared = (self.site.content.briefing, templates)
        return self._shared

    def _changed_targets(self, before: dict) -> set[str]:
        """The addresses (as an href ends: `figures.html#id"`) of the [[reference]] targets whose
        words or address differ from the last build's."""
        now = self.site.refs
        return {f'{target.url}"' for key in before.keys() | now.keys() if before.get(key) != now.get(key)
                for target in (before.get(key), now.get(key)) if target is not None}

    def _cacheable(self, template: str) -> bool:
        """A template (with all it extends and imports) that reads `site` shows more than its
        entity: its pages are rendered every time."""
        templates = self._shared_inputs()[1]
        known = self.page_cache.get(None) if self.page_cache is not None else None
        if known and known[0] == templates:  # parsed in an earlier build, templates unchanged
            self._cacheable_templates = known[1]
        if template in self._cacheable_templates:
            return self._cacheable_templates[template]
        names, seen, reads = [template], set(), set()
        while names:
            name = names.pop()
            if name in seen:
                continue
            seen.add(name)
            source = self.env.loader.get_source(self.env, name)[0]
            tree = self.env.parse(source)
            reads |= jinja2.meta.find_undeclared_variables(tree)
            names += [ref for ref in jinja2.meta.find_referenced_templates(tree) if ref]
        self._cacheable_templates[template] = "site" not in reads
        self.fresh_pages[None] = (templates, self._cacheable_templates)
        return self._cacheable_templates[template]


def _template_line(exc: Exception) -> int | None:
    tb = exc.__traceback__
    line = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename.endswith(".html"):
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def render_site(site: Site, templates_dir: Path, cache: dict | None = None) -> tuple[list[Page], dict]:
    """Every page of the site, rendered; the write stage puts them on disk.

    `cache` (kept by the dev server between builds) holds each entity page with what it
    was made from, so that a page whose inputs are unchanged is not rendered again. The
    entries this build made are returned apart: the caller keeps them once the site is
    written, for a reused page is linked from the site on disk.
    """
    r = Renderer(templates_dir, site, cache)
    pages = [
        r.page("index.html", "index.html"),
        r.page("articles.html", "articles/index.html"),
        r.page("actors.html", "actors/index.html", actor_map=pictures.actor_map(site.actors, "../")),
        r.page("figures.html", "figures.html",
               plots={f.figure.id: pictures.figure_plot(f, "") for f in site.figures}),
        r.page("questions.html", "questions/index.html"),
        r.page("timeline.html", "timeline.html", axis=pictures.timeline_axis(site.events, "")),
        r.page("404.html", "404.html"),
    ]
    pages += r.entity_pages([("article.html", a.url, a) for a in site.articles]
                            + [("actor.html", a.url, a) for a in site.actors]
                            + [("question.html", q.url, q) for q in site.questions])
    base_url = site.content.briefing.base_url
    if base_url:  # the feed, the sitemap and robots.txt need absolute URLs: see feeds.py
        paths = [p.path for p in pages]
        pages += [Page(FEED_PATH, atom_feed(site, base_url)), Page(SITEMAP_PATH, sitemap(paths, base_url)),
                  Page(ROBOTS_PATH, robots_txt(base_url))]
    return pages, r.fresh_pages
