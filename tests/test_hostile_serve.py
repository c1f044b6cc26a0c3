"""The dev server against hostile pages and a moving project: it answers only to its own names (a web
page cannot read the drafts through DNS rebinding), and it follows content/ and templates/ wherever
they come and go."""

from __future__ import annotations

import http.client
import shutil
import time
from pathlib import Path

import pytest
from test_serve import Running, serving, wait_until


@pytest.fixture
def running(small_project: Path):
    yield from serving(small_project)


def _get(running: Running, host: str | None, path: str = "/index.html") -> tuple[int, bytes]:
    """A request over a real connection to 127.0.0.1, with the Host header a browser would send."""
    conn = http.client.HTTPConnection("127.0.0.1", running.port, timeout=30)
    try:
        conn.putrequest("GET", path, skip_host=True)
        if host is not None:
            conn.putheader("Host", host)
        conn.endheaders()
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def test_its_own_names_are_answered_with_or_without_the_port(running: Running):
    for host in ("localhost", "127.0.0.1", "[::1]", "LOCALHOST", f"localhost:{running.port}",
                 f"127.0.0.1:{running.port}", f"[::1]:{running.port}"):
        status, body = _get(running, host)
        assert status == 200 and b"<html" in body, host


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8000", "localhost.evil.example", "127.0.0.1.nip.io",
                                  "localhost@evil.example", "[::1].evil.example", "localhost:8000:80", "", None,
                                  "127.0.0.2", "10.0.0.1:8000"])
def test_any_other_host_header_gets_403_on_every_address(running: Running, host: str | None):
    for path in ("/index.html", "/articles/one.html", "/__reload__/poll?seen=0", "/__reload__/client.js",
                 "/__check__", "/nothing-here"):
        status, body = _get(running, host, path)
        assert status == 403, (host, path)
        assert b"Alpha" not in body and b"<html" not in body


def test_the_host_it_was_given_is_answered_and_any_address_when_serving_on_all():
    from briefing.devserver import host_allowed

    assert host_allowed("briefing.lan:8000", "briefing.lan")
    assert not host_allowed("evil.example:8000", "briefing.lan")
    assert host_allowed("192.168.1.20:8000", "0.0.0.0")  # an IP address cannot be rebound to
    assert not host_allowed("evil.example", "0.0.0.0")
    assert not host_allowed("192.168.1.20", "127.0.0.1")


def _wait_for_outcome(running: Running, seen: int) -> dict:
    return wait_until(lambda: (state := running.state(seen))["outcome"] != seen and state, timeout=15)


def test_content_made_after_the_server_started_is_noticed(small_project: Path):
    content = small_project / "content"
    kept = small_project.parent / "content-aside"
    shutil.move(content, kept)
    for running in serving(small_project):
        start = running.state()
        assert any("no content/ folder here" in line for line in start["errors"])
        shutil.move(kept, content)
        state = _wait_for_outcome(running, start["outcome"])
        assert state["errors"] == []
        assert b"Alpha said the talks were over" in running.get("/articles/one.html")[2]


def test_content_deleted_and_restored_is_followed(running: Running):
    content = running.project / "content"
    kept = running.project.parent / "content-aside"
    good = running.state()
    shutil.move(content, kept)
    gone = _wait_for_outcome(running, good["outcome"])
    assert any("no content/ folder here" in line for line in gone["errors"])
    shutil.copytree(kept, content)  # put back as a new folder, as `git checkout` or a sync tool would
    back = _wait_for_outcome(running, gone["outcome"])
    assert back["errors"] == []
    # ... and it is watched again: a save in the restored folder rebuilds.
    article = content / "articles/one.md"
    article.write_text(article.read_text().replace("did not comment", "spoke at last"))
    saved = _wait_for_outcome(running, back["outcome"])
    assert saved["errors"] == [] and b"spoke at last" in running.get("/articles/one.html")[2]


@pytest.mark.filterwarnings("ignore:Callback with id:RuntimeWarning")  # watchdog meets a folder twice as it is made
def test_folders_made_after_the_server_started_are_watched(small_project: Path):
    templates = small_project / "templates"
    kept = small_project.parent / "templates-aside"
    shutil.move(templates, kept)
    for running in serving(small_project):
        start = running.state()
        assert start["errors"] == ["templates: no templates/ folder next to content/"]
        shutil.copytree(kept, templates)  # made while the server runs, folder by folder
        made = _wait_for_outcome(running, start["outcome"])
        assert made["errors"] == []
        folder = templates / "static/img"
        folder.mkdir()
        time.sleep(0.3)  # the new folder's own watch is in place
        (folder / "mark.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>')
        wait_until(lambda: running.get("/static/img/mark.svg")[0] == 200, timeout=15)
