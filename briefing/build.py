"""The build, stage by stage: load, resolve, render, write."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import urls
from .cache import BuildCache
from .errors import BuildFailed, Problem, Problems
from .load import load_content
from .render import render_site
from .resolve import resolve
from .resolve.views import Site
from .write import write_site
from .write.lock import recover_site
from .write.search import index_for_search
from .write.static import template_files


@dataclass(frozen=True)
class BuildResult:
    pages: int
    files: int
    seconds: float
    warnings: list[Problem]
    quotes_verified: int
    stage_seconds: dict[str, float] = field(default_factory=dict)
    pages_reused: int = 0  # pages a cached build took unchanged from the last one


def build(project_dir: Path, *, strict: bool = False, site_dir: Path | None = None,
          search: bool = True, cache: BuildCache | None = None) -> BuildResult:
    """Build project_dir/content with project_dir/templates into site_dir (default project_dir/site).

    Raises BuildFailed with every problem found; then site_dir is left exactly as it was.
    With strict, warnings count as problems. With search, the Pagefind index is built into
    the new site before it replaces the old one; without, the old site's index is kept.
    A `cache` kept from one build to the next (the dev server's) spares redoing what did not change.
    """
    project_dir = Path(project_dir)
    site_dir = Path(site_dir) if site_dir else project_dir / "site"
    templates_dir = project_dir / "templates"
    cache = cache or BuildCache()
    clock = _Clock()

    recover_site(site_dir)  # a build killed mid-swap: the last good site goes back before anything else
    problems = Problems()
    content = clock.time("load", load_content, project_dir / "content", problems, cache)
    site = clock.time("resolve", resolve, content, problems, cache)
    problems.raise_if_any(strict)
    if not templates_dir.is_dir():
        raise BuildFailed([Problem("templates", None, "no templates/ folder next to content/")])
    links_out = template_files(templates_dir, templates_dir, "templates")[1]
    if links_out:  # a template or stylesheet linked to a file outside templates/ would publish that file
        raise BuildFailed(links_out)
    try:
        pages = clock.time("render", render_site, site, templates_dir, cache)
        files = clock.time("write", write_site, pages, templates_dir / urls.STATIC, site_dir,
                           finish=(lambda staging: clock.time("search", index_for_search, staging)) if search else None,
                           carry_over=() if search else (urls.SEARCH_INDEX,))
    except BaseException:
        cache.discard()
        raise
    cache.commit(page.path for page in pages)  # only now is the site on disk the one these pages describe
    clock.seconds.setdefault("search", 0.0)
    clock.seconds["write"] -= clock.seconds["search"]
    return BuildResult(len(pages), files, clock.total(), problems.warnings, site.quotes_verified,
                       dict(clock.seconds), sum(1 for page in pages if page.reused))


def check(project_dir: Path) -> Site:
    """Load and resolve without writing anything: for the audit."""
    problems = Problems()
    site = resolve(load_content(Path(project_dir) / "content", problems), problems)
    problems.raise_if_any()
    return site


class _Clock:
    """Seconds spent in each stage, for the benchmark and the dev server's figures."""

    def __init__(self) -> None:
        self.started = time.perf_counter()
        self.seconds: dict[str, float] = {}

    def time(self, stage: str, work: Callable[..., object], *args: object, **kwargs: object) -> Any:
        begun = time.perf_counter()
        try:
            return work(*args, **kwargs)
        finally:
            self.seconds[stage] = self.seconds.get(stage, 0.0) + time.perf_counter() - begun

    def total(self) -> float:
        return time.perf_counter() - self.started
