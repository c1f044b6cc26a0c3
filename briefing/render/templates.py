"""The Jinja2 templates of templates/: the environment every page is rendered in, and what they read."""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2
import jinja2.runtime
from markupsafe import Markup

from .. import labels, urls
from ..errors import BuildFailed, Problem
from ..markup import RefTarget, make_markdown
from ..model import ArticleCard, Text
from ..resolve.views import Site
from . import pictures


class Templates:
    """The Jinja2 environment of one build: filters for Markdown and dates, the site and `urls` as globals."""

    def __init__(self, templates_dir: Path, site: Site) -> None:
        self.templates_dir = templates_dir
        self.site = site
        self.md = make_markdown(typographic=True)  # the editor's fields: never an article's text
        self._markdown_done: dict[tuple[str, str], Markup] = {}
        self._items_done: dict[tuple[str, str], Markup] = {}
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(templates_dir)),
            autoescape=True,  # everything an editor writes is escaped unless it went through Markdown
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            auto_reload=False,  # one environment per build: a template cannot change under it, so no stat per page
            # Compiled templates are cached on disk (keyed by their source), so that a build
            # does not spend most of its time compiling templates that have not changed.
            bytecode_cache=jinja2.FileSystemBytecodeCache(),
        )
        self.env.filters["md"] = self._markdown_filter
        self.env.filters["md_inline"] = self._markdown_inline_filter
        self.env.filters["date"] = labels.human_date
        self.env.filters["short_day"] = labels.short_day
        self.env.filters["typo"] = labels.typographic
        self.env.globals["site"] = site
        self.env.globals["briefing"] = site.content.briefing
        self.env.globals["urls"] = urls
        self.env.globals["labels"] = labels
        self.env.globals["pictures"] = pictures
        self.env.globals["article_item"] = self._article_item
        # The site's path on its host ("/briefing/"): only the 404 page, served at any depth, uses it.
        self.env.globals["base_path"] = urlsplit(site.content.briefing.base_url or "").path

    def markdown(self, text: Text | str | None, root: str,
                 refs: Mapping[tuple[str, str], RefTarget] | None = None) -> Markup:
        """The HTML of a Markdown field; `refs` gives an earlier edition its own words for its [[references]]."""
        if text is None:
            return Markup("")
        source = text.markdown if isinstance(text, Text) else text
        if refs is not None:
            return Markup(self.md.render(source, {"refs": refs, "root": root}))
        key = (source, root)
        if key not in self._markdown_done:
            env = {"refs": self.site.refs, "root": root}
            self._markdown_done[key] = Markup(self.md.render(source, env))
        return self._markdown_done[key]

    @jinja2.pass_context
    def _markdown_filter(self, context: jinja2.runtime.Context, text: Text | str | None) -> Markup:
        return self.markdown(text, context["root"], context.get("edition_refs"))

    @jinja2.pass_context
    def _markdown_inline_filter(self, context: jinja2.runtime.Context, text: Text | str | None) -> Markup:
        html = str(self.markdown(text, context["root"], context.get("edition_refs"))).strip()
        if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
            html = html[3:-4]
        return Markup(html)

    @jinja2.pass_context
    def _article_item(self, context: jinja2.runtime.Context, article: ArticleCard) -> Markup:
        """partials/article-item.html for one article: an article named by a hundred actors is
        laid out once, not a hundred times (a long briefing's actor pages list thousands)."""
        key = (article.slug, context["root"])
        if key not in self._items_done:
            html = self.env.get_template("partials/article-item.html").render(root=key[1], article=article)
            self._items_done[key] = Markup(html.strip())
        return self._items_done[key]

    def render(self, template: str, path: str, **context: Any) -> str:
        """The page at `path` (which sets `root`, the way back to the site's root), any template error as one line."""
        try:
            return self.env.get_template(template).render(root=urls.root_of(path), page_path=path, **context)
        except jinja2.TemplateSyntaxError as exc:
            raise BuildFailed([Problem(f"templates/{exc.name or template}", exc.lineno,
                                       f"template syntax: {exc.message}")]) from None
        except jinja2.TemplateNotFound as exc:
            raise BuildFailed([Problem(f"templates/{template}", None, f"template '{exc.name}' not found")]) from None
        except jinja2.UndefinedError as exc:
            raise BuildFailed([Problem(f"templates/{template}", _template_line(exc),
                                       f"template error: {exc.message}")]) from None
        except (jinja2.TemplateError, TypeError, ValueError, AttributeError, KeyError, IndexError) as exc:
            # An edited template can fail in any of the ways an expression can: say where, in one line.
            raise BuildFailed([Problem(f"templates/{template}", _template_line(exc),
                                       f"template error: {type(exc).__name__}: {exc}")]) from None

    @functools.cached_property
    def stamps(self) -> tuple[tuple[str, int, int], ...]:
        """Every template file as `stat` sees it: what the pages' looks depend on (read once a build)."""
        files = sorted(p for p in self.templates_dir.rglob("*") if p.is_file())
        return tuple((str(p), stat.st_mtime_ns, stat.st_size) for p in files for stat in [p.stat()])

    @functools.cached_property
    def signature(self) -> str:
        """What every page depends on besides its own view: the briefing and the templates."""
        return hashlib.sha256(repr((self.site.content.briefing, self.stamps)).encode()).hexdigest()

    def reads_site(self, template: str) -> bool:
        """Whether a template (with all it extends, imports and includes) may read `site`: then
        its pages show more than their own entity, and are rendered every time.

        Read off the template's tags, not its parsed tree (parsing every template took a tenth
        of a small briefing's build): `site` anywhere inside {{ }} or {% %}, even in a string,
        counts, and so does a template named by a variable, so that the answer errs only
        towards rendering a page again."""
        names, seen = [template], set()
        while names:
            name = names.pop()
            if name in seen:
                continue
            seen.add(name)
            assert self.env.loader is not None
            tags = _TAG.findall(self.env.loader.get_source(self.env, name)[0])
            if any(_SITE.search(tag) for tag in tags):
                return True
            for tag in tags:
                named = _NAMES_TEMPLATE.match(tag)
                if named and not named.group(2):
                    return True  # {% include some_variable %}: which template, only rendering tells
                if named:
                    names.append(named.group(2)[1:-1])
        return False


_TAG = re.compile(r"\{[{%](.*?)[%}]\}", re.S)
_SITE = re.compile(r"(?<![\w.])site\b")
# The first template a tag names: {% extends/import/include/from "name" %} (None when it is an expression).
_NAMES_TEMPLATE = re.compile(r"""-?\s*(extends|import|include|from)\s+("[^"]*"|'[^']*')?""")


def _template_line(exc: Exception) -> int | None:
    tb = exc.__traceback__
    line = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename.endswith(".html"):
            line = tb.tb_lineno
        tb = tb.tb_next
    return line
