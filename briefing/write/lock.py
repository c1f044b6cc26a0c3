"""One build at a time writes a site: a lock file beside it, and the repair of a swap a kill cut short."""

from __future__ import annotations

import fcntl
import os
import shutil
import stat
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import BuildFailed, Problem


def lock_path(site_dir: Path) -> Path:
    """`.site.lock` beside `site/`: outside what is published, and gone with `/.site.*` in .gitignore."""
    return site_dir.with_name(f".{site_dir.name}.lock")


@contextmanager
def site_lock(site_dir: Path, waiting: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold the project's site lock; a second build waits here (saying so) until the first is done.

    flock(2) is released by the kernel when its holder dies, so a killed build never leaves the
    next one waiting. The holder removes the file when done, so nothing is left beside site/; a
    waiter that then finds its lock on a removed file takes a fresh one.
    """
    path = lock_path(site_dir)
    said = False
    while True:
        try:
            handle = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        except OSError as exc:
            raise BuildFailed([Problem(shown_site(site_dir), None, f"cannot write beside it in {site_dir.parent}: "
                                                                   f"{exc.strerror or exc}")]) from None
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if not said:
                holder = os.pread(handle, 32, 0).decode("ascii", "replace").strip()
                say = waiting or (lambda line: print(line, file=sys.stderr, flush=True))
                say(f"waiting for another build of {shown_site(site_dir)}/ to finish"
                    + (f" (process {holder})" if holder.isdigit() else "") + "...")
                said = True
            fcntl.flock(handle, fcntl.LOCK_EX)
        if _same_file(handle, path):
            break
        os.close(handle)  # the holder removed the file as we waited on it: lock the new one
    try:
        os.ftruncate(handle, 0)
        os.pwrite(handle, str(os.getpid()).encode(), 0)
        yield
    finally:
        try:
            os.unlink(path)
        except OSError:
            pass
        os.close(handle)  # closing releases the lock


def _same_file(handle: int, path: Path) -> bool:
    try:
        on_disk = os.stat(path)
    except OSError:
        return False
    held = os.fstat(handle)
    return (held.st_dev, held.st_ino) == (on_disk.st_dev, on_disk.st_ino)


def recover_site(site_dir: Path) -> None:
    """At the start of a build: if a build was killed between its two renames, put site/ back now,
    so that a build that then fails on the content still leaves the last good site in place."""
    if not os.path.lexists(site_dir) and any(site_dir.parent.glob(f".{site_dir.name}.old-*")):
        with site_lock(site_dir):
            recover(site_dir)


def recover(site_dir: Path) -> None:
    """Finish what a killed build left half done, under the lock: a `site/` moved aside and never
    replaced is put back, and the folders a build was writing are removed."""
    parent = site_dir.parent
    if not parent.is_dir():
        return
    moved_aside = sorted((p for p in parent.glob(f".{site_dir.name}.old-*") if p.is_dir() and not p.is_symlink()),
                         key=lambda p: p.stat().st_mtime_ns)
    if moved_aside and not os.path.lexists(site_dir):
        os.rename(moved_aside.pop(), site_dir)  # the last whole site there was
    for leftover in moved_aside + list(parent.glob(f".{site_dir.name}.new-*")):
        remove_tree(leftover)


def remove_tree(path: Path) -> None:
    """Delete a folder the build made, even where its files were made read-only since."""
    def make_writable(function: Callable[[str], object], name: str, _info: object) -> None:
        parent = os.path.dirname(name)
        try:
            os.chmod(parent, stat.S_IMODE(os.lstat(parent).st_mode) | stat.S_IRWXU)
            function(name)
        except OSError:
            pass  # left for the next build to try again: it is hidden and never published

    if path.is_symlink() or not path.exists():
        path.unlink(missing_ok=True)
        return
    if sys.version_info >= (3, 12):
        shutil.rmtree(path, onexc=make_writable)
    else:
        shutil.rmtree(path, onerror=make_writable)


def shown_site(site_dir: Path) -> str:
    """How error lines name the site folder: as the user typed it when it is the usual `site`."""
    try:
        return site_dir.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return site_dir.as_posix()
