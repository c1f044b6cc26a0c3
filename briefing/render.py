"""Stage 3: lay the resolved site out with Jinja2 templates, every page in memory."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import jinja2
from markupsafe import Markup

from .errors import BuildFailed, Problem
from .feeds import FEED_PATH, ROBOTS_PATH, SITEMAP_PATH, atom_feed, robots_txt, sitemap
from . import pictures
from .markup import make_markdown
from .model import MONTHS, Text
from .resolve import Site


@dataclass(frozen=True)
class Page:
    """One file of the finished site: its path under site/ and its bytes-to-be."""

    path: str
    content: str


def human_date(value: dt.date | dt.datetime | None) -> str:
    if value is None:
        return ""
    text = f"{value.day} {MONTHS[value.month - 1]} {value.year}"
    if isinstance(value, dt.datetime):
        text += f", {value:%H:%M}"
    return text


class Renderer:
    """Holds the Jinja2 environment and the Markdown parser for one build."""

    def __init__(self, templates_dir: Path, site: Site):
        self.site = site
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
        return Page(path, html)

    def article_body(self, tokens: list) -> Markup:
        env = {"refs": self.site.refs, "root": "../"}
        return Markup(self.md.renderer.render(body_headings_under_title(tokens), self.md.options, env))


def body_headings_under_title(tokens: list) -> list:
    """The body's headings renumbered h2, h3... by rank, so they sit under the page's h1 and skip no level.

    An article pasted with `### Section` headings would otherwise jump from the title's h1
    to h3, which screen-reader users navigate by and the HTML checker reports.
    """
    levels = sorted({int(t.tag[1]) for t in tokens if t.type == "heading_open"})
    new_tag = {f"h{level}": f"h{min(rank + 2, 6)}" for rank, level in enumerate(levels)}
    if all(old == new for old, new in new_tag.items()):
        return tokens
    return [dataclasses.replace(t, tag=new_tag[t.tag]) if t.type in ("heading_open", "heading_close") else t
            for t in tokens]


def _template_line(exc: Exception) -> int | None:
    tb = exc.__traceback__
    line = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename.endswith(".html"):
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def render_site(site: Site, templates_dir: Path) -> list[Page]:
    """Every page of the site, rendered; the write stage puts them on disk."""
    r = Renderer(templates_dir, site)
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
    for article in site.articles:
        pages.append(r.page("article.html", article.url, page=article, body=r.article_body(article.tokens)))
    for actor in site.actors:
        pages.append(r.page("actor.html", actor.url, page=actor))
    for question in site.questions:
        pages.append(r.page("question.html", question.url, page=question))
    base_url = site.content.briefing.base_url
    if base_url:  # the feed, the sitemap and robots.txt need absolute URLs: see feeds.py
        paths = [p.path for p in pages]
        pages += [Page(FEED_PATH, atom_feed(site, base_url)), Page(SITEMAP_PATH, sitemap(paths, base_url)),
                  Page(ROBOTS_PATH, robots_txt(base_url))]
    return pages
