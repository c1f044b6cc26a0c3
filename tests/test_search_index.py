"""The search index as the build and the dev server make it: Pagefind's own binary, a refresh once
the editor pauses that a save stops, and an index swapped in whole."""

from __future__ import annotations

import gzip
import threading
import time
from pathlib import Path
from types import SimpleNamespace

from conftest import site_digest

from briefing.build import build
from briefing.devserver import DevServer
from briefing.devserver.livereload import Rebuilder
from briefing.errors import BuildFailed
from briefing.write.search import check_search_index, refresh_search_index

ARTICLE = "content/articles/one.md"
NEW_WORD = "quixotically"  # in no page of the small project


def _indexed_text(index: Path) -> str:
    """Every page's text as Pagefind stored it for excerpts (fragments: gzip, a tag, then JSON);
    "" while the index is being swapped."""
    try:
        return "".join(gzip.decompress(path.read_bytes()).decode() for path in (index / "fragment").iterdir())
    except OSError:
        return ""


def _wait_until(condition, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def test_a_refresh_swaps_in_a_fresh_index_and_leaves_nothing_beside_it(small_project: Path):
    build(small_project, search=True)
    site = small_project / "site"
    (site / "pagefind/fragment/en_stale.pf_fragment").write_bytes(b"from an older index")
    article = site / "articles/one.html"
    article.write_text(article.read_text().replace("<h1>", f"<h1>{NEW_WORD} "))
    assert refresh_search_index(site, lambda: False) is True
    check_search_index(site / "pagefind")
    assert not (site / "pagefind/fragment/en_stale.pf_fragment").exists()
    assert NEW_WORD in _indexed_text(site / "pagefind")
    assert sorted(p.name for p in site.iterdir() if p.name.startswith(".")) == []


def test_a_refresh_a_save_interrupts_leaves_the_index_as_it_was(small_project: Path, monkeypatch):
    build(small_project, search=True)
    site = small_project / "site"
    before = site_digest(site)
    assert refresh_search_index(site, lambda: True) is False  # a save came before it began
    assert site_digest(site) == before
    slow_pagefind = small_project.parent / "pagefind"  # as on a large site: still reading when the save comes
    slow_pagefind.write_text("#!/bin/sh\nexec sleep 60\n")
    slow_pagefind.chmod(0o755)
    monkeypatch.setattr("briefing.write.search.pagefind_binary", lambda: str(slow_pagefind))
    started = time.monotonic()
    assert refresh_search_index(site, lambda: time.monotonic() > started + 0.3) is False
    assert time.monotonic() - started < 3
    assert site_digest(site) == before
    assert sorted(p.name for p in site.iterdir() if p.name.startswith(".")) == []


def test_a_save_during_the_refresh_stops_it_and_is_built_at_once() -> None:
    """At 10,000 articles Pagefind takes half a minute: a save must not wait for it."""
    built: list[float] = []
    refreshes: list[str] = []

    def fake_build() -> SimpleNamespace:
        built.append(time.monotonic())
        return SimpleNamespace(pages=1, seconds=0.0, warnings=[])

    def refresh(interrupted) -> None:
        refreshes.append("started")
        gives_up = time.monotonic() + 5  # so that a loop that never tells it fails the test, not hangs it
        while not interrupted() and time.monotonic() < gives_up:
            time.sleep(0.01)
        refreshes.append("stopped" if interrupted() else "ran to its end")

    rebuilder = Rebuilder(fake_build, echo=lambda line: None, idle=refresh, idle_after=0.1)
    rebuilder.rebuild()
    loop = threading.Thread(target=rebuilder.run, daemon=True)
    loop.start()
    try:
        _wait_until(lambda: refreshes == ["started"], timeout=5)
        saved = time.monotonic()
        answered = threading.Event()

        def serve_a_page_and_save() -> None:
            rebuilder.wait_until_built(timeout=5)
            rebuilder.changed()
            answered.set()

        threading.Thread(target=serve_a_page_and_save, daemon=True).start()
        assert answered.wait(timeout=2), "a page or a save waited for the refresh"
        _wait_until(lambda: len(built) == 2, timeout=5)
        assert refreshes[:2] == ["started", "stopped"]
        assert built[1] - saved < 1.5  # the burst's quiet time (at most max_wait), not the refresh
        _wait_until(lambda: len(refreshes) == 3, timeout=5)  # and after the next pause, again
    finally:
        rebuilder.stop()
        loop.join(timeout=5)
    assert not loop.is_alive() and refreshes[-1] == "stopped"  # stopping the server stops it too


def test_the_dev_server_brings_the_index_up_to_date_once_the_editor_pauses(small_project: Path):
    lines: list[str] = []
    server = DevServer(small_project, port=0, echo=lines.append, echo_error=lines.append)
    try:
        server.start()
        index = small_project / "site/pagefind"
        assert NEW_WORD not in _indexed_text(index)
        article = small_project / ARTICLE
        article.write_text(article.read_text().replace("did not comment", f"did not comment {NEW_WORD}"))
        _wait_until(lambda: NEW_WORD in _indexed_text(index), timeout=30)
        check_search_index(index)
    finally:
        server.stop()
    assert not [line for line in lines if "search index" in line], lines


def _split_copy(default_site: Path, tmp_path: Path, monkeypatch, pages_per_part: int) -> Path:
    """The default site indexed again, in parts of a few pages (as a briefing of thousands is)."""
    import shutil

    from briefing.write import search

    site = tmp_path / "site"
    shutil.copytree(default_site, site, ignore=shutil.ignore_patterns("pagefind"))
    monkeypatch.setattr(search, "PAGES_PER_PART", pages_per_part)
    search.index_for_search(site)
    return site


def _page_count(index: Path) -> int:
    import json

    return sum(language["page_count"]
               for language in json.loads((index / "pagefind-entry.json").read_text())["languages"].values())


def test_a_large_site_is_indexed_in_parts_that_hold_every_page_once(default_site: Path, tmp_path: Path, monkeypatch):
    import json

    site = _split_copy(default_site, tmp_path, monkeypatch, 20)
    index = site / "pagefind"
    parts = json.loads((index / "parts.json").read_text())
    pages = sum(1 for _ in site.rglob("*.html"))
    assert parts == [f"parts/{n}/" for n in range(1, -(-pages // 20))]
    assert sum(_page_count(folder) for folder in [index] + [index / part for part in parts]) == _page_count(
        default_site / "pagefind")
    assert json.loads((default_site / "pagefind/parts.json").read_text()) == []  # a small briefing: one index
    assert not [p for p in site.iterdir() if p.name.startswith(".")], "no part's folder is left in the site"
    check_search_index(index)
    (index / parts[-1] / "pagefind-entry.json").unlink()
    try:
        check_search_index(index)
    except BuildFailed as failed:
        assert "pagefind-entry.json" in str(failed) and parts[-1].rstrip("/") in str(failed)
    else:
        raise AssertionError("a part without its table of contents passed the check")
