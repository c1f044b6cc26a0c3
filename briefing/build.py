"""The build, stage by stage: load, resolve, render, write."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from pathlib import Path

from .errors import BuildFailed, Problem, Problems
from .load import load_content
from .render import render_site
from .resolve import resolve
from .write import write_site

log = logging.getLogger("briefing")


@dataclass(frozen=True)
class BuildResult:
    pages: int
    files: int
    seconds: float
    warnings: list[str]
    quotes_verified: int
    stage_seconds: dict[str, float] = field(default_factory=dict)


def build(project_dir: Path, *, strict: bool = False, site_dir: Path | None = None) -> BuildResult:
    """Build project_dir/content with project_dir/templates into site_dir (default project_dir/site).

    Raises BuildFailed with every problem found; then site_dir is left exactly as it was.
    With strict, warnings count as problems.
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

    problems = Problems()
    content = load_content(project_dir / "content", problems)
    lap("load")
    site = resolve(content, problems)
    lap("resolve")
    if strict:
        problems.extend(Problem(*_split_warning(w)) for w in site.warnings)
    problems.raise_if_any()
    if not templates_dir.is_dir():
        raise BuildFailed([Problem("templates", None, "no templates/ folder next to content/")])
    pages = render_site(site, templates_dir)
    lap("render")
    files = write_site(pages, templates_dir / "static", site_dir)
    lap("write")
    return BuildResult(len(pages), files, time.perf_counter() - started, list(site.warnings),
                       site.quotes_verified, timings)


def _split_warning(warning: str) -> tuple[str, int | None, str]:
    """'path:line: message' back into its parts, for --strict."""
    head, _, message = warning.partition(": ")
    path, _, line = head.partition(":")
    return (path, int(line) if line.isdigit() else None, message or warning)
