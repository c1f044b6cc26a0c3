"""Stage 4: put the pages on disk beside site/, then swap the new site in whole."""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from ..errors import BuildFailed, Problem
from ..render import Page
from .lock import recover, remove_tree, shown_site, site_lock
from .static import copy_static

MOUNT_POINT = ("is a mount point: the build replaces site/ whole, which cannot be done to a mount point; "
               "mount the folder above it instead")


def write_site(pages: list[Page], static_dir: Path | None, site_dir: Path,
               finish: Callable[[Path], None] | None = None, carry_over: tuple[str, ...] = ()) -> int:
    """Write every page and static asset into a fresh folder, then replace site_dir with it.

    `finish` runs on the fresh folder before the swap (the search index is built there).
    Folders named in `carry_over` (a search index not rebuilt this time) are taken from the
    old site. Pages the render stage reused are hard-linked from the old site rather than
    written again. Until the final rename nothing of the old site is touched, so a failure
    at any point leaves the last good site exactly as it was (a failure to write is one line
    naming the file); a kill between the two renames of the swap is undone by the next build
    (lock.recover). One build at a time does this (lock.site_lock). Returns the number of files.
    """
    site_dir = site_dir.absolute()
    shown = shown_site(site_dir)
    if os.path.ismount(site_dir):
        raise BuildFailed([Problem(shown, None, MOUNT_POINT)])
    try:
        site_dir.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BuildFailed([Problem(shown, None, f"cannot be made: {exc.strerror or exc}")]) from None
    with site_lock(site_dir):
        recover(site_dir)  # a build killed mid-swap left site/ aside: put it back first
        return _write_and_swap(pages, static_dir, site_dir, finish, carry_over)


def _write_and_swap(pages: list[Page], static_dir: Path | None, site_dir: Path,
                    finish: Callable[[Path], None] | None, carry_over: tuple[str, ...]) -> int:
    shown = shown_site(site_dir)
    try:
        staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.new-", dir=site_dir.parent))
    except OSError as exc:
        raise BuildFailed([Problem(shown, None, f"cannot write the new site beside it in {site_dir.parent}: "
                                                f"{exc.strerror or exc}")]) from None
    try:
        seen: set[str] = set()
        folders: set[str] = set()
        # Paths as strings: a dev-server save of a 10,000-page site links every page, and
        # pathlib's objects cost more than the links.
        new_root, old_root = str(staging), str(site_dir)
        for page in pages:
            if page.path in seen:
                raise BuildFailed([Problem(page.path, None, "two pages would be written to the same path")])
            seen.add(page.path)
            target = os.path.join(new_root, page.path)
            folder = os.path.dirname(target)
            if folder not in folders:  # one mkdir per folder, not per page
                os.makedirs(folder, exist_ok=True)
                folders.add(folder)
            data = page.content.encode("utf-8")
            old = os.path.join(old_root, page.path)
            if not (page.reused and _same_size(old, len(data)) and _link(old, target)):
                _write(Path(target), data)
        count = len(pages)
        if static_dir is not None and static_dir.is_dir():
            count += copy_static(static_dir, staging / "static")
        for folder in carry_over:
            if (site_dir / folder).is_dir():
                shutil.copytree(site_dir / folder, staging / folder, copy_function=_link_or_copy)
        if finish is not None:
            finish(staging)
        os.chmod(staging, 0o755)
        _swap_in(staging, site_dir)
    except BaseException as exc:
        remove_tree(staging)
        if isinstance(exc, OSError):  # a full disk, a read-only folder: one line, the old site kept
            raise BuildFailed([_write_problem(exc, staging, site_dir)]) from None
        if isinstance(exc, BuildFailed):  # the search index's problems name files as site/ will have them
            raise BuildFailed([_in_site(problem, staging, site_dir) for problem in exc.problems]) from None
        raise
    return count


def _write_problem(exc: OSError, staging: Path, site_dir: Path) -> Problem:
    """The file a write failed on, named as it would have been in site/."""
    name = Path(exc.filename or staging)
    name = site_dir / name.relative_to(staging) if name.is_relative_to(staging) else name
    return Problem(shown_site(name), None, f"cannot be written: {exc.strerror or exc}")


def _in_site(problem: Problem, staging: Path, site_dir: Path) -> Problem:
    name = Path(problem.path)
    if not name.is_absolute() or not name.is_relative_to(staging):
        return problem
    return Problem(shown_site(site_dir / name.relative_to(staging)), problem.line, problem.message, problem.hint)


def _write(target: Path, data: bytes) -> None:
    try:
        target.write_bytes(data)
    except OSError as exc:  # a failed write() names no file (the disk is full): name this one
        exc.filename = exc.filename or str(target)
        raise


def _same_size(path: str, size: int) -> bool:
    # A reused page is linked only if the old site still has it as it was written (another
    # build may have replaced site/ since, say `python build.py` run beside `--serve`).
    try:
        return os.stat(path).st_size == size
    except OSError:
        return False


def _link(source: str | Path, target: str | Path) -> bool:
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
        remove_tree(old)
        try:
            os.rename(site_dir, old)
        except OSError as exc:
            if exc.errno in (errno.EBUSY, errno.EXDEV):  # a bind mount that ismount() cannot see
                raise BuildFailed([Problem(shown_site(site_dir), None, MOUNT_POINT)]) from None
            raise
    try:
        os.rename(staging, site_dir)
    except OSError:
        if old is not None:
            os.rename(old, site_dir)  # put the last good site back before failing
        raise
    if old is not None:
        remove_tree(old)
