"""The search index: Pagefind's own binary run over the written pages of a site (before the build swaps
the site in, or on the served site once the dev server's editor pauses), and a check that it is whole."""

from __future__ import annotations

import importlib
import json
import os
import shutil
import subprocess
import tempfile
import time
import zlib
from collections.abc import Callable
from pathlib import Path

from .. import urls
from ..errors import BuildFailed, Problem
from .lock import remove_tree, site_lock

NOT_INSTALLED = "search index not built: Pagefind is not installed (pip install . installs it), or build with --no-search"

# Pagefind's Linux binaries allocate with jemalloc (tikv-jemallocator, whose variables start _RJEM_),
# which by default keeps freed memory for 10 s. Pagefind builds its index from a copy of the
# pages it parsed, freeing each as it goes: handed back within a second, that memory no longer
# adds to the peak (2.0 -> 1.8 GB at 10,000 articles; no slower). A setting of the user's wins.
ALLOCATOR = {"_RJEM_MALLOC_CONF": "dirty_decay_ms:1000,muzzy_decay_ms:0"}
TIMEOUT = 300  # seconds


def pagefind_binary() -> str | None:
    """The native Pagefind program that the pinned pagefind[bin] installs, as its own package finds it.

    Run directly rather than as `python -m pagefind`, which starts a second Python and imports
    asyncio (0.1 s) only to exec this same program. None if it is not installed.
    """
    try:
        return str(importlib.import_module("pagefind_bin").get_executable())
    except (ImportError, OSError):  # OSError: the package is there but its binary is not
        return None


def index_for_search(site_dir: Path) -> None:
    """Build the Pagefind search index into site_dir/pagefind, for static/site.js.

    Pagefind (pinned in pyproject.toml) reads the written pages: only <main data-pagefind-body>
    is indexed, with the page's kind as metadata.
    """
    index = site_dir / urls.SEARCH_INDEX
    parts = _index(site_dir, index, None)
    assert parts is not None  # nothing interrupts a build's index
    check_search_index(index, parts)
    _list_parts(index, parts)


def refresh_search_index(site_dir: Path, interrupted: Callable[[], bool]) -> bool:
    """Bring the index of the site being served up to date (the dev server, once the editor pauses).

    Pagefind cannot update an index it wrote (see the README), so it reads every page again. It
    writes into a fresh folder, swapped in once checked: the old index's files go with it (Pagefind
    would leave them beside the new ones, to be carried over by every rebuild), and a search
    meanwhile reads the old index whole. When `interrupted()` (a save came) Pagefind is stopped,
    as the pages it reads are about to change: False, and nothing is changed.
    """
    index, fresh, old = (site_dir / name for name in (urls.SEARCH_INDEX, ".pagefind-new", ".pagefind-old"))
    with site_lock(site_dir):  # a `build.py` run beside the server waits rather than swap site/ under Pagefind
        remove_tree(fresh)
        try:
            parts = _index(site_dir, fresh, interrupted)
            if parts is None:
                return False
            check_search_index(fresh, parts)
            _list_parts(fresh, parts)
        except BaseException:
            remove_tree(fresh)
            raise
        remove_tree(old)
        if index.exists():
            os.rename(index, old)
        os.rename(fresh, index)
        remove_tree(old)
    return True


# Pagefind holds every page it reads, and a copy of them all as it builds the index: about 180 MB
# for each 1,000 articles, 1.8 GB at 10,000 (see the README). A large site is indexed in parts of
# this many pages, one Pagefind run each, into pagefind/ and pagefind/parts/N/, and site.js merges
# them as the reader searches (Pagefind's mergeIndex): a tenth of the memory for the same time.
PAGES_PER_PART = 3000
PARTS_LIST = "parts.json"  # in pagefind/: the other parts' folders, for site.js; [] for one index


def _index(site_dir: Path, output: Path, interrupted: Callable[[], bool] | None) -> list[str] | None:
    """Index site_dir's pages into output, in parts when there are many: the other parts' folders
    (under output), or None if `interrupted()`."""
    pages = _pages(site_dir)
    parts = [pages[start:start + PAGES_PER_PART] for start in range(0, len(pages), PAGES_PER_PART)]
    if len(parts) <= 1:
        return [] if _run_pagefind(site_dir, output, interrupted) else None
    names = [f"parts/{n}/" for n in range(1, len(parts))]
    for part, folder in zip(parts, [output] + [output / name for name in names]):
        if not _index_part(site_dir, part, folder, interrupted):
            return None
    return names


def _list_parts(index: Path, parts: list[str]) -> None:
    """pagefind/parts.json, which site.js reads to search every part; written once the index is checked."""
    (index / PARTS_LIST).write_text(json.dumps(parts) + "\n", encoding="utf-8")


def _pages(site_dir: Path) -> list[str]:
    """The site's .html files, as paths under it, in order; none of a folder of the index or a hidden one."""
    found = []
    for folder, subfolders, files in os.walk(site_dir):
        subfolders[:] = sorted(d for d in subfolders if not d.startswith(".") and d != urls.SEARCH_INDEX)
        relative = os.path.relpath(folder, site_dir)
        found += [os.path.normpath(os.path.join(relative, name)) for name in sorted(files) if name.endswith(".html")]
    return found


def _index_part(site_dir: Path, pages: list[str], output: Path, interrupted: Callable[[], bool] | None) -> bool:
    """Pagefind over some of the pages: they are linked, at the same paths, into a hidden folder of
    their own in the site (Pagefind reads a whole folder), so that their addresses in the index are
    the site's. The folder goes when the part is done; a kill leaves it to go with the staged site,
    or with the served site at the dev server's next build."""
    part = Path(tempfile.mkdtemp(prefix=".search-part-", dir=site_dir))
    try:
        for page in pages:
            target = part / page
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(site_dir / page, target)
            except OSError:  # a file system without hard links
                shutil.copyfile(site_dir / page, target)
        return _run_pagefind(part, output, interrupted, shown=site_dir)
    finally:
        remove_tree(part)


def _run_pagefind(site_dir: Path, output: Path, interrupted: Callable[[], bool] | None, *,
                  shown: Path | None = None) -> bool:
    """Run Pagefind over site_dir into output; False if it was stopped because `interrupted()`.
    Problems name `shown` (the site a part's folder stands for) rather than site_dir."""
    binary = pagefind_binary()
    where = str(shown or site_dir)
    if binary is None:
        raise BuildFailed([Problem(where, None, NOT_INSTALLED)])
    command = [binary, "--site", str(site_dir), "--output-path", str(output), "--silent"]
    deadline = time.monotonic() + TIMEOUT
    if interrupted is not None and interrupted():
        return False
    try:
        with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              env={**ALLOCATOR, **os.environ}) as pagefind:
            while True:
                # The build waits in one call; the dev server looks for a save every 50 ms.
                wait = deadline - time.monotonic() if interrupted is None else 0.05
                try:
                    out, err = pagefind.communicate(timeout=max(wait, 0))
                    break
                except subprocess.TimeoutExpired:
                    stopping = interrupted is not None and interrupted()
                    if stopping or time.monotonic() >= deadline:
                        pagefind.kill()
                        pagefind.communicate()
                        if stopping:
                            return False
                        raise
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise BuildFailed([Problem(where, None, f"search index not built: {exc}")]) from None
    if pagefind.returncode != 0:
        why = (err or out).strip().splitlines()[-1:] or [f"exit status {pagefind.returncode}"]
        raise BuildFailed([Problem(where, None, f"search index not built: {why[0]}")])
    return True


# Pagefind says nothing when a write fails, and a file it could not finish is cut short or empty.
# If the disk has less than this left once it is done, some write may have failed: refuse.
MIN_FREE_AFTER_INDEX = 256 * 1024


def check_search_index(folder: Path, parts: list[str] | None = None) -> None:
    """BuildFailed unless the index Pagefind wrote into folder is whole: every file there non-empty,
    the entry file of each part (`parts`: the folders under it, by default as parts.json lists them) valid JSON naming index files that exist, every compressed file complete, and
    room left on the disk (so no write can have failed for want of it)."""
    entry = folder / "pagefind-entry.json"

    def fail(path: Path, message: str) -> BuildFailed:
        return BuildFailed([Problem(str(path), None, f"search index not written whole: {message}")])

    if not entry.is_file():
        raise fail(folder, "Pagefind wrote no pagefind-entry.json")
    files = sorted(_files(folder))
    for path, size in files:
        if size == 0:
            raise fail(path, "the file is empty (is the disk full?)")
    listed = folder / PARTS_LIST
    if parts is None and listed.is_file():  # an index already listed: its parts as listed
        try:
            parts = [str(name) for name in json.loads(listed.read_text(encoding="utf-8"))]
        except (ValueError, TypeError) as exc:
            raise fail(listed, f"it is not the list of the index's parts ({exc})") from None
    for part in [folder] + [folder / name for name in parts or []]:
        entry = part / "pagefind-entry.json"
        if not entry.is_file():
            raise fail(part, "Pagefind wrote no pagefind-entry.json")
        try:
            languages = json.loads(entry.read_text(encoding="utf-8"))["languages"]
            metas = [part / f"pagefind.{language['hash']}.pf_meta" for language in languages.values()]
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise fail(entry, f"it is not the index's table of contents ({exc})") from None
        for meta in metas:
            if not meta.is_file():
                raise fail(meta, "the file is missing (is the disk full?)")
    for path, _ in files:
        if (path.suffix.startswith(".pf_") or path.suffix == ".pagefind") and not _whole_gzip(path.read_bytes()):
            raise fail(path, "the file is cut short (is the disk full?)")
    disk = os.statvfs(folder)
    free = (disk.f_bfree if os.geteuid() == 0 else disk.f_bavail) * disk.f_frsize
    if free < MIN_FREE_AFTER_INDEX:
        raise fail(folder, f"the disk is full ({free // 1024} KiB left), so some of its files may be cut short")


def _files(folder: Path) -> list[tuple[Path, int]]:
    """Every file under folder with its size. (os.scandir: Path.rglob and a stat per file take
    a quarter of a second over the 11,000 files of a 10,000-article index.)"""
    found = []
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                found += _files(Path(entry.path))
            elif entry.is_file(follow_symlinks=False):
                found.append((Path(entry.path), entry.stat(follow_symlinks=False).st_size))
    return found


def _whole_gzip(data: bytes) -> bool:
    """Whether data is one gzip stream that ends: a file cut short stops before its end."""
    stream = zlib.decompressobj(wbits=31)  # 31: gzip's header and trailer, checked with its CRC
    try:
        stream.decompress(data)
    except zlib.error:
        return False
    return stream.eof
