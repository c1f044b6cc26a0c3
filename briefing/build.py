"""The build, stage by stage: load, resolve, render, write."""

from __future__ import annotations

import logging
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from .errors import BuildFailed, Problem, Problems
from .load import load_content
from .render import render_site
from .resolve import resolve
from .resolve.views import Site
from .write import write_site
from .write.lock import recover_site
from .write.search_index import check_search_index
from .write.static import template_files

log = logging.getLogger("briefing")


@dataclass
class BuildCache:
    """What a long-running process (the dev server) keeps from one build to the next.

    Each stage looks up only what it made itself from the same inputs (files unchanged on
    disk, bodies with the same text, quotes and names, pages with the same view), so a build
    with a cache writes exactly what a build without one writes, only sooner.
    """

    files: dict = field(default_factory=dict)  # load: article file -> (stat, outcome)
    bodies: dict = field(default_factory=dict)  # bodies.py: slug -> (inputs, processed body); None -> names, targets
    copies: dict = field(default_factory=dict)  # resolve: the copies found among the texts last time
    # render: path -> (inputs, html); None -> what the templates read; "shared" -> what every page
    # shows; "refs" -> the reference targets the pages were made with
    pages: dict = field(default_factory=dict)


@dataclass(frozen=True)
class BuildResult:
    pages: int
    files: int
    seconds: float
    warnings: list[str]
    quotes_verified: int
    stage_seconds: dict[str, float] = field(default_factory=dict)
    pages_reused: int = 0  # pages a cached build took unchanged from the last one


def build(project_dir: Path, *, strict: bool = False, site_dir: Path | None = None,
          search: bool = True, cache: BuildCache | None = None) -> BuildResult:
    """Build project_dir/content with project_dir/templates into site_dir (default project_dir/site).

    Raises BuildFailed with every problem found; then site_dir is left exactly as it was.
    With strict, warnings count as problems. With search, the Pagefind index is built into
    the new site before it replaces the old one; without, the old site's index is kept.
    """
    project_dir = Path(project_dir)
    site_dir = Path(site_dir) if site_dir else project_dir / "site"
    templates_dir = project_dir / "templates"
    timings: dict[str, float] = {}
    started = last = time.perf_counter()

    def lap(stage: str) -> None:
        nonlocal last
        now = time.perf_counter()
        timings[stage] = now - last
        last = now

    recover_site(site_dir)  # a build killed mid-swap: the last good site goes back before anything else
    problems = Problems()
    content = load_content(project_dir / "content", problems, cache.files if cache else None)
    lap("load")
    site = resolve(content, problems, cache.bodies if cache else None, cache.copies if cache else None)
    lap("resolve")
    if strict:
        problems.extend(Problem(*_split_warning(w)) for w in site.warnings)
    problems.raise_if_any()
    if not templates_dir.is_dir():
        raise BuildFailed([Problem("templates", None, "no templates/ folder next to content/")])
    links_out = template_files(templates_dir, templates_dir, "templates")[1]
    if links_out:  # a template or stylesheet linked to a file outside templates/ would publish that file
        raise BuildFailed(links_out)
    pages, fresh_pages = render_site(site, templates_dir, cache.pages if cache else None)
    lap("render")
    search_seconds = 0.0

    def index(staging: Path) -> None:
        nonlocal search_seconds
        begun = time.perf_counter()
        index_for_search(staging)
        search_seconds = time.perf_counter() - begun

    files = write_site(pages, templates_dir / "static", site_dir, finish=index if search else None,
                       carry_over=() if search else ("pagefind",))
    lap("write")
    if cache is not None:  # only now is the site on disk the one these pages describe
        cache.pages.update(fresh_pages)
        for gone in set(cache.pages) - {page.path for page in pages} - {None, "shared", "refs"}:
            del cache.pages[gone]
    timings["write"] -= search_seconds
    timings["search"] = search_seconds
    return BuildResult(len(pages), files, time.perf_counter() - started, list(site.warnings),
                       site.quotes_verified, timings, sum(1 for page in pages if page.reused))


def index_for_search(site_dir: Path) -> None:
    """Build the Pagefind search index into site_dir/pagefind, for static/search.js.

    Pagefind (pinned in requirements.txt) reads the written pages: only <main data-pagefind-body>
    is indexed, with the page's kind as metadata.
    """
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--silent"]
    try:
        done = subprocess.run(command, check=False, capture_output=True, text=True, timeout=300)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise BuildFailed([Problem(str(site_dir), None, f"search index not built: {exc}")]) from None
    if done.returncode != 0:
        why = (done.stderr or done.stdout).strip().splitlines()[-1:] or [f"exit status {done.returncode}"]
        raise BuildFailed([Problem(str(site_dir), None,
                                   f"search index not built (is pagefind installed? pip install -r requirements.txt): {why[0]}")])
    check_search_index(site_dir)


def check(project_dir: Path) -> Site:
    """Load and resolve without writing anything: for the audit."""
    problems = Problems()
    site = resolve(load_content(Path(project_dir) / "content", problems), problems)
    problems.raise_if_any()
    return site


def _split_warning(warning: str) -> tuple[str, int | None, str]:
    """'path:line: message' back into its parts, for --strict."""
    head, _, message = warning.partition(": ")
    path, _, line = head.partition(":")
    return (path, int(line) if line.isdigit() else None, message or warning)
