"""The dev server: serves site/ over HTTP (http.py) and rebuilds it as the editor saves (livereload.py)."""

from __future__ import annotations

import contextlib
import html
import os
import signal
import stat
import sys
import threading
from collections.abc import Callable
from pathlib import Path, PurePath

import watchdog.events
from watchdog.observers import Observer
from watchdog.observers.api import ObservedWatch

from ..audit import audit
from ..build import BuildResult, build, check
from ..cache import BuildCache
from ..errors import BuildFailed, ContentError
from ..write.search import refresh_search_index
from .http import (
    AUDIT_URL,
    PORT_TRIES,
    ServeError,
    bind,
    content_type,
    host_allowed,
    is_loopback,
    resolve_site_path,
)
from .livereload import ChangeHandler, Rebuilder, problem_lines

__all__ = ["AUDIT_URL", "PORT_TRIES", "DevServer", "ServeError", "content_type", "host_allowed", "is_loopback",
           "resolve_site_path", "serve"]

WATCHED_FOLDERS = ("content", "templates")  # the stylesheet and scripts live in templates/static/


class DevServer:
    """site/ over HTTP, rebuilt on every save. Binds on creation; start() builds and serves."""

    def __init__(self, project_dir: Path, *, host: str = "127.0.0.1", port: int = 8000,
                 strict: bool = False, echo: Callable[[str], None] | None = None,
                 echo_error: Callable[[str], None] | None = None, search: bool = True) -> None:
        self.project_dir = Path(project_dir).resolve()
        self.site_dir = self.project_dir / "site"
        self._echo = echo or (lambda line: print(line, flush=True))
        self._echo_error = echo_error or (lambda line: print(line, file=sys.stderr, flush=True))
        # Rebuilds reuse what the last build made from unchanged inputs, and leave the search
        # index for when the editor pauses: a save shows in the browser in a fraction of a second.
        self.cache = BuildCache()
        self._indexed = not search  # with --no-search, never: the first build is like the others
        self.rebuilder = Rebuilder(lambda: self._build(strict), echo=self._echo, echo_error=self._echo_error,
                                   idle=(lambda interrupted: refresh_search_index(self.site_dir, interrupted))
                                   if search else None)
        self.httpd = bind(host, port, self.site_dir, self.rebuilder, self._echo_error)
        self.httpd.audit = self.audit_page
        self.host = host
        self.port: int = self.httpd.server_address[1]
        self.watched = [self.project_dir / name for name in WATCHED_FOLDERS]
        self._observer = Observer()
        self._threads: list[threading.Thread] = []
        self._changes = ChangeHandler(self.rebuilder.changed, root=self.project_dir)
        self._watches: dict[str, tuple[tuple[int, int], ObservedWatch]] = {}  # folder -> (its inode, watch)
        self._watching = threading.Lock()

    def audit_page(self) -> bytes:
        """`python build.py check` as a page: the weak spots of the sourcing, for the editor."""
        try:
            result = audit(check(self.project_dir))
            found = [str(p) for p in result.findings]
            accepted = [f"{p} [accepted: {reason}]" for p, reason in result.accepted]
            heading = f"{len(found)} weak spot{'s' * (len(found) != 1)}, {len(accepted)} accepted in the content"
        except (BuildFailed, ContentError) as error:
            found, accepted = problem_lines(error), []
            heading = "The content has errors: fix them first"
        items = "".join(f"<li><code>{html.escape(line)}</code></li>" for line in found) or "<li>None.</li>"
        kept = "".join(f"<li><code>{html.escape(line)}</code></li>" for line in accepted)
        return (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sourcing audit</title>'
                f'<meta name="viewport" content="width=device-width, initial-scale=1">'
                f'<link rel="stylesheet" href="/static/style.css"></head><body><main id="main">'
                f"<h1>Sourcing audit</h1><p>{html.escape(heading)}. Fix each in the content, or give its entry "
                f"<code>accept: reason</code>. This page follows your saves.</p>"
                f"<h2>To look at</h2><ul>{items}</ul>"
                + (f"<h2>Accepted</h2><ul>{kept}</ul>" if kept else "") + "</main></body></html>").encode()

    def _build(self, strict: bool) -> BuildResult:
        result = build(self.project_dir, strict=strict, cache=self.cache, search=not self._indexed)
        self._indexed = True
        return result

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/"

    def start(self) -> None:
        """Watch, build once, then serve and rebuild in background threads."""
        # The project folder itself, not only content/ and templates/: they may be made after the
        # server starts, or deleted and put back, and each time their watch must follow.
        self._observer.schedule(_FolderEvents(self._folders_changed), str(self.project_dir), recursive=False)
        self._watch_folders()
        self._observer.start()  # before the build, so a save during it is not lost
        self.rebuilder.rebuild()
        for name, target in (("briefing-http", lambda: self.httpd.serve_forever(0.2)),
                             ("briefing-build", self.rebuilder.run)):
            thread = threading.Thread(target=target, name=name, daemon=True)
            thread.start()
            self._threads.append(thread)

    def _folders_changed(self) -> None:
        self._watch_folders()
        self.rebuilder.changed()

    def _watch_folders(self) -> None:
        """A recursive watch on each watched folder there is now, and on no folder that has gone."""
        with self._watching:
            for folder in self.watched:
                try:
                    found = folder.stat()
                    key = (found.st_dev, found.st_ino) if stat.S_ISDIR(found.st_mode) else None
                except OSError:
                    key = None
                known = self._watches.get(folder.name)
                if known is not None and known[0] != key:  # deleted, or deleted and made anew
                    del self._watches[folder.name]
                    with contextlib.suppress(KeyError, ValueError, OSError):
                        self._observer.unschedule(known[1])
                    known = None
                if key is not None and known is None:
                    try:
                        watch = self._observer.schedule(self._changes, str(folder), recursive=True)
                    except OSError:
                        continue  # gone again already: its deletion brings us back here
                    self._watches[folder.name] = (key, watch)

    def stop(self) -> None:
        self.rebuilder.stop()
        self._observer.stop()
        if self._threads:
            self.httpd.shutdown()
        self.httpd.server_close()
        if self._observer.is_alive():
            self._observer.join(timeout=2)
        for thread in self._threads:
            thread.join(timeout=5)  # a build under way finishes first

    def wait(self) -> None:
        """Block until Ctrl-C (KeyboardInterrupt) or the server's threads end."""
        while all(thread.is_alive() for thread in self._threads):
            self._threads[0].join(timeout=0.5)


class _FolderEvents(watchdog.events.FileSystemEventHandler):
    """Calls `on_change` when content/ or templates/ appears in the project folder, goes, or is
    renamed; everything else there (site/ and its swap, the lock) is not the editor's."""

    def __init__(self, on_change: Callable[[], None]) -> None:
        self._on_change = on_change

    def on_any_event(self, event: watchdog.events.FileSystemEvent) -> None:
        if event.event_type not in (watchdog.events.EVENT_TYPE_CREATED, watchdog.events.EVENT_TYPE_DELETED,
                                    watchdog.events.EVENT_TYPE_MOVED):
            return
        names = {PurePath(os.fsdecode(path)).name for path in (event.src_path, event.dest_path) if path}
        if names & set(WATCHED_FOLDERS):
            self._on_change()


def serve(project_dir: Path, *, host: str = "127.0.0.1", port: int = 8000,
          strict: bool = False, search: bool = True) -> int:
    """Build, serve site/ and rebuild on every save until Ctrl-C; returns the exit code."""
    if not is_loopback(host):
        print(f"warning: serving on {host}: other machines that can reach it can read the site",
              file=sys.stderr, flush=True)
    try:
        server = DevServer(project_dir, host=host, port=port, strict=strict, search=search)
    except ServeError as error:
        print(f"error: {error}", file=sys.stderr, flush=True)
        return 1
    if port not in (0, server.port):
        print(f"port {port} is in use; using {server.port} instead", flush=True)
    in_main = threading.current_thread() is threading.main_thread()
    try:
        server.start()
        folders = ", ".join(f"{folder.name}/" for folder in server.watched)
        print(f"sourcing audit at {server.url.rstrip('/')}{AUDIT_URL}", flush=True)
        print(f"serving site/ at {server.url} (watching {folders}; Ctrl-C to stop)", flush=True)
        server.wait()
    except KeyboardInterrupt:
        pass
    finally:
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN) if in_main else None
        try:
            server.stop()
        finally:
            if in_main:
                signal.signal(signal.SIGINT, previous)
    print("stopped", flush=True)
    return 0
