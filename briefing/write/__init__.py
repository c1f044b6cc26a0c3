"""Stage 4: put the pages on disk beside site/, then swap the new site in whole."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from ..errors import BuildFailed, Problem
from ..render import Page


def write_site(pages: list[Page], static_dir: Path | None, site_dir: Path,
               finish: Callable[[Path], None] | None = None, carry_over: tuple[str, ...] = ()) -> int:
    """Write every page and static asset into a fresh folder, then replace site_dir with it.

    `finish` runs on the fresh folder before the swap (the search index is built there).
    Folders named in `carry_over` (a search index not rebuilt this time) are taken from the
    old site. Pages the render stage reused are hard-linked from the old site rather than
    written again. Until the final rename nothing of the old site is touched, so a failure
    at any point leaves the last good site exactly as it was. Returns the number of files.
    """
    site_dir = site_dir.absolute()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.new-", dir=site_dir.parent))
    try:
        seen: set[str] = set()
        for page in pages:
            if page.path in seen:
                raise BuildFailed([Problem(page.path, None, "two pages would be written to the same path")])
            seen.add(page.path)
            target = staging / page.path
            target.parent.mkdir(parents=True, exist_ok=True)
            data = page.content.encode("utf-8")
            if not (page.reused and _same_size(site_dir / page.path, len(data)) and _link(site_dir / page.path, target)):
                target.write_bytes(data)
        count = len(pages)
        if static_dir is not None and static_dir.is_dir():
            shutil.copytree(static_dir, staging / "static", dirs_exist_ok=True)
            count += sum(1 for p in (staging / "static").rglob("*") if p.is_file())
        for folder in carry_over:
            if (site_dir / folder).is_dir():
                shutil.copytree(site_dir / folder, staging / folder, copy_function=_link_or_copy)
        if finish is not None:
            finish(staging)
        os.chmod(staging, 0o755)
        _swap_in(staging, site_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return count


def _same_size(path: Path, size: int) -> bool:
    # A reused page is linked only if the old site still has it as it was written (another
    # build may have replaced site/ since, say `python build.py` run beside `--serve`).
    try:
        return path.stat().st_size == size
    except OSError:
        return False


def _link(source: Path, target: Path) -> bool:
    try:
        os.link(source, target)
        return True
    except OSError:  # no old file, or a file system without hard links: write it instead
        return False


def _link_or_copy(source: str, target: str) -> None:
    if not _link(Path(source), Path(target)):
        shutil.copy2(source, target)


def _swap_in(staging: Path, site_dir: Path) -> None:
    old = None
    if site_dir.exists():
        old = site_dir.with_name(f".{site_dir.name}.old-{os.getpid()}")
        shutil.rmtree(old, ignore_errors=True)
        os.rename(site_dir, old)
    try:
        os.rename(staging, site_dir)
    except OSError:
        if old is not None:
            os.rename(old, site_dir)  # put the last good site back before failing
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
