"""The dev server: a real server on 127.0.0.1, real files edited, pages checked over HTTP."""

from __future__ import annotations

import http.client
import json
import os
import re
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import jinja2
import pytest

from briefing.devserver import PORT_TRIES, DevServer, content_type, is_loopback, resolve_site_path, serve
from briefing.devserver.livereload import (
    RELOAD_SCRIPT_URL,
    Rebuilder,
    inject_reload_script,
    is_editor_noise,
    problem_lines,
)
from briefing.errors import BuildFailed, ContentError, Problem

REPO = Path(__file__).resolve().parent.parent

# The tests edit the conftest's `small_project`, a tiny valid briefing on the real templates.
ARTICLE = "content/articles/one.md"
PAGE = "/articles/one.html"
OLD_WORDS = "did not comment"
BROKEN_YAML = "- id: [unclosed\n  name: Broken\n"


def change(path: Path, old: str, new: str) -> None:
    """Save `path` with `old` replaced by `new`, as an editor would."""
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


class Running:
    """A started DevServer and what it printed, with small HTTP helpers."""

    def __init__(self, project: Path) -> None:
        self.project = project
        self.output: list[str] = []
        # Without the search index: Pagefind's run would only slow the start (one test covers it).
        self.server = DevServer(project, port=0, echo=self.output.append,
                                echo_error=self.output.append, search=False)
        self.port = self.server.port
        self.url = self.server.url

    def get(self, path: str, method: str = "GET") -> tuple[int, dict[str, str], bytes]:
        """Sends `path` exactly as written: http.client does not normalise `..`."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            conn.request(method, path)
            response = conn.getresponse()
            return response.status, dict(response.getheaders()), response.read()
        finally:
            conn.close()

    def state(self, seen: int = -1) -> dict:
        status, _, body = self.get(f"/__reload__/poll?seen={seen}")
        assert status == 200
        return json.loads(body)

    def rebuilds(self) -> int:
        return sum(line.startswith("rebuilt ") for line in self.output)


def serving(project: Path) -> Iterator[Running]:
    """The body of a `running` fixture: the server runs while the test does."""
    running = Running(project)
    running.server.start()
    yield running
    running.server.stop()


@pytest.fixture
def running(small_project: Path) -> Iterator[Running]:
    yield from serving(small_project)


def wait_until(predicate, timeout: float = 10.0, interval: float = 0.02):
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting")
        time.sleep(interval)


# --- units: what counts as a save, where the script goes, what an error shows ------------

@pytest.mark.parametrize("name", [
    "content/articles/.a.md.swp", "content/articles/a.md~", "content/articles/4913",
    "content/.git/index", "content/articles/#a.md#", "content/articles/.#a.md",
    "templates/page.html___jb_tmp___", "content/.DS_Store", "content/actors.yaml.tmp",
])
def test_editor_and_tool_files_are_noise(name: str) -> None:
    assert is_editor_noise(name)


@pytest.mark.parametrize("name", [
    "content/articles/a.md", "content/actors.yaml", "templates/article.html",
    "templates/static/style.css", "content/articles/new-article.txt", "content/editions/2022-01-07.json",
])
def test_content_files_are_not_noise(name: str) -> None:
    assert not is_editor_noise(name)


def test_script_goes_before_the_last_body_end_tag() -> None:
    html = b"<html><body><p>&lt;/body&gt; in text</p></BODY >\n</html>"
    served = inject_reload_script(html, 42)
    assert served == (b'<html><body><p>&lt;/body&gt; in text</p><script src="'
                      + RELOAD_SCRIPT_URL.encode() + b'" data-epoch="42" async></script></BODY >\n</html>')


def test_script_is_appended_to_a_page_without_body() -> None:
    assert inject_reload_script(b"<p>hi", 1).startswith(b"<p>hi<script src=")


def test_problem_lines_are_the_file_line_messages() -> None:
    failed = BuildFailed([Problem("content/actors.yaml", 12, "unknown actor 'putn'", "putin"),
                          Problem("content/articles/a.md", 3, "bad \x1b[31mcolour")])
    assert problem_lines(failed) == [
        "content/actors.yaml:12: unknown actor 'putn' (did you mean putin?)",
        "content/articles/a.md:3: bad ?[31mcolour",
    ]
    syntax = jinja2.TemplateSyntaxError("unexpected '}'", 7, "article.html", "templates/article.html")
    assert problem_lines(syntax) == ["templates/article.html:7: unexpected '}'"]
    assert problem_lines(ContentError("content/a.md", 1, "not UTF-8")) == [
        "content/a.md:1: not UTF-8"]
    assert problem_lines(ZeroDivisionError("x")) == ["internal error: ZeroDivisionError: x"]


def test_a_burst_of_changes_gives_one_build() -> None:
    calls = []

    def fake_build():
        calls.append(time.monotonic())
        return SimpleNamespace(pages=1, seconds=0.0, warnings=[])

    rebuilder = Rebuilder(fake_build, settle=0.05, echo=lambda line: None)
    loop = threading.Thread(target=rebuilder.run, daemon=True)
    loop.start()
    try:
        for _ in range(8):
            rebuilder.changed()
            time.sleep(0.01)
        wait_until(lambda: calls, timeout=2)
        time.sleep(0.3)
        assert len(calls) == 1
        rebuilder.changed()
        wait_until(lambda: len(calls) == 2, timeout=2)
    finally:
        rebuilder.stop()
        loop.join(timeout=2)
    assert not loop.is_alive()


def test_a_failed_build_keeps_the_epoch_and_reports_errors() -> None:
    outcomes = iter([SimpleNamespace(pages=3, seconds=0.1, warnings=[]),
                     BuildFailed([Problem("content/actors.yaml", 2, "broken")]),
                     SimpleNamespace(pages=3, seconds=0.1, warnings=["a.md:1: w"]),
                     SimpleNamespace(pages=3, seconds=0.1, warnings=["a.md:1: w"])])

    def scripted_build():
        outcome = next(outcomes)
        if isinstance(outcome, Exception):
            raise outcome
        return outcome

    printed: list[str] = []
    rebuilder = Rebuilder(scripted_build, echo=printed.append, echo_error=printed.append)
    good = rebuilder.rebuild()
    bad = rebuilder.rebuild()
    assert (bad.epoch, bad.errors) == (good.epoch, ("content/actors.yaml:2: broken",))
    assert bad.outcome > good.outcome
    fixed = rebuilder.rebuild()
    assert fixed.epoch > good.epoch and fixed.errors == ()
    rebuilder.rebuild()
    assert printed == ["rebuilt 3 pages in 0.10 s",
                       "content/actors.yaml:2: broken",
                       "build failed (1 problem); still serving the last good site",
                       "warning: a.md:1: w",
                       "rebuilt 3 pages in 0.10 s (1 warning)",
                       "rebuilt 3 pages in 0.10 s (1 warning)"]


def test_content_types() -> None:
    assert content_type(Path("a.html")) == "text/html; charset=utf-8"
    assert content_type(Path("s.CSS")) == "text/css; charset=utf-8"
    assert content_type(Path("app.js")) == "text/javascript; charset=utf-8"
    assert content_type(Path("logo.svg")) == "image/svg+xml"
    assert content_type(Path("f.woff2")) == "font/woff2"
    assert content_type(Path("p.png")) == "image/png"
    assert content_type(Path("blob")) == "application/octet-stream"


def test_loopback_hosts() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.5")


# --- the real server --------------------------------------------------------------------

def test_the_minimal_tree_builds_and_is_served(running: Running) -> None:
    status, headers, body = running.get(PAGE)
    assert status == 200
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert OLD_WORDS.encode() in body
    assert RELOAD_SCRIPT_URL.encode() in body
    assert running.output[0].startswith("rebuilt ")


def test_the_reload_script_is_never_written_to_disk(running: Running) -> None:
    running.get(PAGE)
    change(running.project / ARTICLE, OLD_WORDS, "changed words")
    wait_until(lambda: b"changed words" in running.get(PAGE)[2])
    site = running.project / "site"
    files = [path for path in site.rglob("*") if path.is_file()]
    assert files
    assert not [path for path in files if b"__reload__" in path.read_bytes()]


def test_the_reload_script_is_served_as_javascript(running: Running) -> None:
    status, headers, body = running.get(RELOAD_SCRIPT_URL)
    assert status == 200
    assert headers["Content-Type"].startswith("text/javascript")
    assert b"textContent" in body and b"innerHTML" not in body


def test_files_get_their_content_types(running: Running) -> None:
    site = running.project / "site"
    for name in ("t.css", "t.js", "t.svg", "t.json", "t.woff2", "t.bin"):
        (site / name).write_bytes(b"x")
    expected = {"t.css": "text/css; charset=utf-8", "t.js": "text/javascript; charset=utf-8",
                "t.svg": "image/svg+xml", "t.json": "application/json",
                "t.woff2": "font/woff2", "t.bin": "application/octet-stream"}
    for name, kind in expected.items():
        status, headers, body = running.get(f"/{name}")
        assert (status, headers["Content-Type"], body) == (200, kind, b"x")
    status, headers, body = running.get("/t.css", method="HEAD")
    assert (status, headers["Content-Length"], body) == (200, "1", b"")


def test_folders_serve_their_index_and_never_a_listing(running: Running) -> None:
    site = running.project / "site"
    (site / "sub").mkdir()
    (site / "sub" / "index.html").write_text("<html><body>sub index</body></html>")
    (site / "empty").mkdir()
    (site / "empty" / "file.txt").write_text("listed?")
    status, headers, _ = running.get("/sub?x=1")
    assert (status, headers["Location"]) == (301, "/sub/?x=1")
    status, _, body = running.get("/sub/")
    assert status == 200 and b"sub index" in body
    status, _, body = running.get("/empty/")
    assert status == 404 and b"file.txt" not in body
    assert running.get("/")[0] == 200


def test_unknown_pages_get_the_sites_own_404_page(running: Running) -> None:
    status, headers, body = running.get("/no-such-page.html")
    assert status == 404
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    own = (running.project / "site" / "404.html").read_bytes()
    assert body == inject_reload_script(own, running.state()["epoch"])


ESCAPES = ["/../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E/secret.txt", "/..%2fsecret.txt",
           "/%2e%2e%2fsecret.txt", "/articles/../../secret.txt", "/articles/%2e%2e/%2e%2e/secret.txt",
           "/..\\secret.txt", "/%5c..%5csecret.txt", "/.%2e/secret.txt", "//../secret.txt", "/%00../secret.txt"]


@pytest.mark.parametrize("path", ESCAPES)
def test_paths_out_of_site_name_no_file(tmp_path: Path, path: str) -> None:
    site = tmp_path / "site"
    (site / "articles").mkdir(parents=True)
    (tmp_path / "secret.txt").write_text("TOP SECRET")
    assert resolve_site_path(site, path) is None
    assert resolve_site_path(site, "/articles/") == (site / "articles").resolve()


def test_paths_out_of_site_are_refused(running: Running) -> None:
    (running.project / "secret.txt").write_text("TOP SECRET")
    for path in ESCAPES:
        status, _, body = running.get(path)
        assert status == 404, path
        assert b"TOP SECRET" not in body


def test_symlinks_out_of_site_are_refused(running: Running, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("TOP SECRET")
    (outside / "index.html").write_text("<html><body>TOP SECRET</body></html>")
    site = running.project / "site"
    (site / "leak.txt").symlink_to(outside / "secret.txt")
    (site / "leakdir").symlink_to(outside, target_is_directory=True)
    (site / "alias.html").symlink_to(site / "index.html")  # inside site/: fine
    for path in ("/leak.txt", "/leakdir/", "/leakdir/secret.txt", "/leakdir/index.html"):
        status, _, body = running.get(path)
        assert status == 404, path
        assert b"TOP SECRET" not in body
    assert running.get("/alias.html")[0] == 200


def test_a_save_rebuilds_and_answers_waiting_pages(running: Running) -> None:
    before = running.state()
    answered: list[dict] = []
    waiter = threading.Thread(target=lambda: answered.append(running.state(before["outcome"])))
    waiter.start()
    time.sleep(0.2)
    assert not answered  # the long poll is waiting for news
    change(running.project / ARTICLE, OLD_WORDS, "fresh words")
    waiter.join(timeout=10)
    assert answered and answered[0]["epoch"] > before["epoch"] and answered[0]["errors"] == []
    assert b"fresh words" in running.get(PAGE)[2]
    assert re.fullmatch(r"rebuilt \d+ pages in \d+\.\d\d s.*", running.output[-1])


def test_a_broken_file_keeps_the_last_good_site_until_fixed(running: Running) -> None:
    good = running.state()
    actors = running.project / "content/actors.yaml"
    good_text = actors.read_text(encoding="utf-8")
    actors.write_text(good_text + BROKEN_YAML, encoding="utf-8")
    broken = wait_until(lambda: (state := running.state(good["outcome"]))["errors"] and state)
    assert broken["epoch"] == good["epoch"]
    assert all(re.match(r"(.*/)?content/actors\.yaml:\d+: ", line) for line in broken["errors"])
    status, _, body = running.get(PAGE)
    assert status == 200 and OLD_WORDS.encode() in body
    assert broken["errors"][0] in running.output
    assert running.output[-1].startswith("build failed")
    actors.write_text(good_text, encoding="utf-8")
    fixed = running.state(broken["outcome"])
    assert fixed["errors"] == [] and fixed["epoch"] > good["epoch"]


def test_a_burst_of_saves_gives_one_rebuild(running: Running) -> None:
    article = running.project / ARTICLE
    text = article.read_text(encoding="utf-8")
    before = running.rebuilds()
    for n in range(4):  # save, save again, and a safe-write: temp file renamed over the article
        article.write_text(text.replace(OLD_WORDS, f"burst {n} words"), encoding="utf-8")
        time.sleep(0.005)
    temp = article.with_name("one.md.tmp")
    temp.write_text(text.replace(OLD_WORDS, "final words"), encoding="utf-8")
    temp.replace(article)
    wait_until(lambda: b"final words" in running.get(PAGE)[2])
    time.sleep(0.5)
    assert running.rebuilds() == before + 1


def test_editor_files_do_not_rebuild(running: Running) -> None:
    articles = running.project / "content/articles"
    before = running.rebuilds()
    for name in (".one.md.swp", "one.md~", "4913", "#one.md#"):
        (articles / name).write_text("junk")
    (running.project / "content/.git").mkdir()
    (running.project / "content/.git/index").write_text("junk")
    (running.project / "site/extra.html").write_text("output is not watched")
    time.sleep(0.6)
    assert running.rebuilds() == before


def test_many_requests_at_once_and_clients_that_hang_up(running: Running) -> None:
    site = running.project / "site"
    (site / "big.bin").write_bytes(os.urandom(4 << 20))
    outcome = running.state()["outcome"]
    polls = [threading.Thread(target=running.state, args=(outcome,), daemon=True)
             for _ in range(4)]
    for poll in polls:
        poll.start()
    for _ in range(10):  # ask for 4 MB, then reset the connection before reading it
        sock = socket.create_connection(("127.0.0.1", running.port))
        sock.sendall(b"GET /big.bin HTTP/1.1\r\nHost: x\r\n\r\n")
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        sock.close()
    results: list[int] = []

    def fetch_many() -> None:
        for _ in range(10):
            results.append(running.get(PAGE)[0])

    workers = [threading.Thread(target=fetch_many) for _ in range(16)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=30)
    assert results == [200] * 160
    assert running.get("/big.bin")[0] == 200
    assert not [line for line in running.output if "dev server" in line]


def _busy_ports(count: int) -> list[socket.socket]:
    for start in range(20000, 60000, 997):
        held: list[socket.socket] = []
        try:
            for port in range(start, start + count):
                sock = socket.socket()
                held.append(sock)
                sock.bind(("127.0.0.1", port))
                sock.listen()
            return held
        except OSError:
            for sock in held:
                sock.close()
    pytest.skip("no run of free ports")


def test_all_ports_busy_is_one_clear_line(small_project: Path, capsys) -> None:
    held = _busy_ports(PORT_TRIES)
    try:
        port = held[0].getsockname()[1]
        assert serve(small_project, port=port) == 1
    finally:
        for sock in held:
            sock.close()
    err = capsys.readouterr().err
    assert err == (f"error: port {port} and the {PORT_TRIES - 1} after it are in use on "
                   "127.0.0.1; choose another with --port\n")


def _start_cli(project: Path, *options: str) -> subprocess.Popen:
    """`python build.py --serve`, as the editor runs it."""
    return subprocess.Popen(
        [sys.executable, str(REPO / "build.py"), "--serve", "--project", str(project), *options],
        cwd=REPO, text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _read_until_serving(process: subprocess.Popen) -> tuple[list[str], int]:
    lines: list[str] = []
    while not (lines and lines[-1].startswith("serving site/ at ")):
        line = process.stdout.readline()
        assert line, process.stderr.read()
        lines.append(line)
    return lines, int(re.search(r"http://[^ ]+:(\d+)/ ", lines[-1]).group(1))


def _interrupt(process: subprocess.Popen) -> tuple[str, str]:
    process.send_signal(signal.SIGINT)
    try:
        return process.communicate(timeout=10)
    finally:
        process.kill()


def test_ctrl_c_stops_cleanly_even_with_pages_waiting(small_project: Path) -> None:
    process = _start_cli(small_project, "--port", "0")
    lines, port = _read_until_serving(process)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", "/__reload__/poll?seen=-1")
    seen = json.loads(conn.getresponse().read())["outcome"]
    conn.request("GET", f"/__reload__/poll?seen={seen}")  # left waiting
    time.sleep(0.2)
    out, err = _interrupt(process)
    assert process.returncode == 0
    assert "Traceback" not in err and "Error" not in err
    assert lines[0].startswith("rebuilt ")
    assert lines[-1] == f"serving site/ at http://127.0.0.1:{port}/ (watching content/, templates/; Ctrl-C to stop)\n"
    assert out == "stopped\n"


def test_a_busy_port_is_said_and_the_next_one_used(small_project: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        process = _start_cli(small_project, "--port", str(port))
        lines, serving = _read_until_serving(process)
        _interrupt(process)
    assert lines[0] == f"port {port} is in use; using {serving} instead\n"
    assert process.returncode == 0


def test_serving_beyond_this_machine_warns(small_project: Path) -> None:
    process = _start_cli(small_project, "--host", "0.0.0.0", "--port", "0")
    _read_until_serving(process)
    _, err = _interrupt(process)
    assert err.startswith("warning: serving on 0.0.0.0: ")
    assert process.returncode == 0


def test_the_sourcing_audit_is_a_page_of_the_dev_server(small_project):
    """`python build.py check` as a page: the same located lines, escaped, and it follows saves."""
    from urllib.request import urlopen

    from briefing.devserver import AUDIT_URL, DevServer

    lines: list[str] = []
    server = DevServer(small_project, port=0, echo=lines.append, echo_error=lines.append)
    try:
        server.start()
        page = urlopen(server.url.rstrip("/") + AUDIT_URL, timeout=10).read().decode()
        assert "content/briefing.yaml:6: key judgment 1 rests on a single source (Daily One)" in page
        assert "/__reload__/client.js" in page  # it reloads after each rebuild like the site's pages
        briefing = small_project / "content/briefing.yaml"
        briefing.write_text(briefing.read_text().replace("confidence: moderate",
                                                         "confidence: moderate\n    accept: <b>one outlet</b>"))
        page = urlopen(server.url.rstrip("/") + AUDIT_URL, timeout=10).read().decode()
        assert "[accepted: &lt;b&gt;one outlet&lt;/b&gt;]" in page
    finally:
        server.stop()


def test_a_project_inside_a_hidden_folder_is_still_watched(tmp_path):
    """Editors keep projects in places like ~/.work: only the project's own dot-files are noise."""
    from briefing.devserver.livereload import ChangeHandler

    saves: list[int] = []
    handler = ChangeHandler(lambda: saves.append(1), root=tmp_path / ".work" / "brief")

    class Event:
        event_type, is_directory, dest_path = "modified", False, ""
        src_path = str(tmp_path / ".work" / "brief" / "content" / "actors.yaml")

    handler.on_any_event(Event())
    Event.src_path = str(tmp_path / ".work" / "brief" / "content" / ".actors.yaml.swp")
    handler.on_any_event(Event())
    assert saves == [1]
