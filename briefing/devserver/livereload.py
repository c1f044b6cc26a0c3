"""Live reload for the dev server: which saves count, the build loop, and the script pages poll."""

from __future__ import annotations

import re
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePath

import jinja2
import watchdog.events

from ..build import BuildResult
from ..errors import BuildFailed, ContentError, Problem

# Files that editors and their tools write next to the real ones: vim swap files and
# its "4913" write test, emacs locks and autosaves, JetBrains safe-write temp files,
# "~" backups, and anything hidden (.git, .DS_Store, .a.md.swp).
_NOISE_SUFFIXES = ("~", ".swp", ".swo", ".swx", ".swn", ".tmp", ".temp", ".bak", ".kate-swp",
                   "___jb_tmp___", "___jb_old___", ".crdownload", ".part", ".pyc")
_NOISE_NAMES = {"4913", "__pycache__", "Thumbs.db"}
# Reading a file (the build reads every one) reports "opened" and "closed_no_write": not a change.
_CHANGE_EVENTS = {
    watchdog.events.EVENT_TYPE_CREATED,
    watchdog.events.EVENT_TYPE_MODIFIED,
    watchdog.events.EVENT_TYPE_DELETED,
    watchdog.events.EVENT_TYPE_MOVED,
    watchdog.events.EVENT_TYPE_CLOSED,
}
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def is_editor_noise(path: str | PurePath) -> bool:
    """True for files an editor or tool writes that are not content (swap files, backups, .git)."""
    parts = PurePath(path).parts
    if not parts:
        return True
    if any(part.startswith(".") or part in _NOISE_NAMES for part in parts):
        return True
    name = parts[-1]
    return name.endswith(_NOISE_SUFFIXES) or (name.startswith("#") and name.endswith("#"))


class ChangeHandler(watchdog.events.FileSystemEventHandler):
    """Passes each save that matters to `on_change`; does nothing else in the watcher thread."""

    def __init__(self, on_change: Callable[[], None], root: str | PurePath | None = None) -> None:
        self._on_change = on_change
        self._root = PurePath(root) if root is not None else None  # a project may live under ~/.work
    def on_any_event(self, event: watchdog.events.FileSystemEvent) -> None:
        if event.event_type not in _CHANGE_EVENTS:
            return
        if event.is_directory and event.event_type == watchdog.events.EVENT_TYPE_MODIFIED:
            return  # a folder's mtime changes with every file in it; the file's own event is enough
        paths = [event.src_path, event.dest_path] if event.dest_path else [event.src_path]
        # A safe-write renames "a.md.tmp" onto "a.md": the destination is what counts.
        if any(not is_editor_noise(self._inside(_text(path))) for path in paths):
            self._on_change()

    def _inside(self, path: str) -> PurePath:
        pure = PurePath(path)
        if self._root is not None and pure.is_relative_to(self._root):
            return pure.relative_to(self._root)
        return pure


def _text(path: bytes | str) -> str:
    return path.decode("utf-8", "surrogateescape") if isinstance(path, bytes) else path


@dataclass(frozen=True)
class SiteStatus:
    """What open pages need to know: which good build they show, and what is broken now."""

    epoch: int  # stamp of the last good build (ms since 1970, so a restarted server is newer)
    outcome: int  # stamp of the last build, good or bad; pages wait for it to change
    errors: tuple[str, ...]  # the last build's error lines; empty when it succeeded


def problem_lines(error: Exception) -> list[str]:
    """The `file:line: message` lines a failed build shows in the terminal and the overlay."""
    if isinstance(error, BuildFailed):
        lines = [str(problem) for problem in error.problems] or [str(error)]
    elif isinstance(error, ContentError):
        lines = [str(error.problem)]
    elif isinstance(error, jinja2.TemplateSyntaxError):
        lines = [f"{error.filename or error.name}:{error.lineno}: {error.message}"]
    elif isinstance(error, OSError):
        lines = [f"{error.filename or ''}: {error.strerror or error}".lstrip(": ")]
    else:  # a bug in the build: still one line, and the server stays up
        lines = [f"internal error: {type(error).__name__}: {error}"]
    return [_CONTROL_CHARS.sub("?", line) for line in lines]


class Rebuilder:
    """One build loop: waits for saves to settle, rebuilds, and tells waiting pages."""

    def __init__(self, build: Callable[[], BuildResult], *, settle: float = 0.05,
                 max_wait: float = 1.0, echo: Callable[[str], None] | None = None,
                 echo_error: Callable[[str], None] | None = None,
                 idle: Callable[[Callable[[], bool]], object] | None = None, idle_after: float = 2.0) -> None:
        self._build = build
        # Work that may wait until the editor pauses (the search index): run once after a
        # good build when no save has come for idle_after seconds, in this same loop. It is
        # given a test of whether a save has come since, to stop early: the save comes first.
        self._idle, self._idle_after, self._idle_due = idle, idle_after, False
        self._settle = settle  # quiet time that ends a burst of saves
        self._max_wait = max_wait  # a burst that never ends still gets built
        self._echo = echo or (lambda line: print(line, flush=True))
        self._echo_error = echo_error or (lambda line: print(line, file=sys.stderr, flush=True))
        self._cond = threading.Condition()
        self._changes = 0  # counts saves; the loop compares counts to see a burst end
        self._pending = False
        self._building = False
        self._stopping = False
        self._warnings: tuple[Problem, ...] = ()
        self._status = SiteStatus(epoch=0, outcome=0, errors=())

    def changed(self) -> None:
        """Record a save. Called from the watcher thread, so it only sets a flag."""
        with self._cond:
            self._changes += 1
            self._pending = True
            self._cond.notify_all()

    def status(self) -> SiteStatus:
        with self._cond:
            return self._status

    def rebuild(self) -> SiteStatus:
        """Build once now and publish the outcome (the loop calls this; so does startup)."""
        with self._cond:
            self._building = True
        try:
            result = self._build()
        except KeyboardInterrupt:
            self._publish_nothing()
            raise
        except Exception as error:  # noqa: BLE001 - any failure must leave the server up
            errors = tuple(problem_lines(error))
            for line in errors:
                self._echo_error(line)
            self._echo_error(f"build failed ({len(errors)} problem{'s' * (len(errors) != 1)}); "
                             "still serving the last good site")
            return self._publish(errors)
        warnings = tuple(result.warnings)
        if warnings != self._warnings:  # say them when they change, not on every save
            for warning in warnings:
                self._echo_error(f"warning: {_CONTROL_CHARS.sub('?', str(warning))}")
            self._warnings = warnings
        count = f" ({len(warnings)} warning{'s' * (len(warnings) != 1)})" if warnings else ""
        self._echo(f"rebuilt {result.pages} pages in {result.seconds:.2f} s{count}")
        self._idle_due = self._idle is not None
        return self._publish(())

    def _publish(self, errors: tuple[str, ...]) -> SiteStatus:
        with self._cond:
            previous = self._status
            stamp = max(int(time.time() * 1000), previous.outcome + 1)
            self._status = SiteStatus(epoch=previous.epoch if errors else stamp, outcome=stamp,
                                      errors=errors)
            self._building = False
            self._cond.notify_all()
            return self._status

    def _publish_nothing(self) -> None:
        with self._cond:
            self._building = False
            self._cond.notify_all()

    def run(self) -> None:
        """The build loop; returns after stop()."""
        while True:
            with self._cond:
                woken = self._cond.wait_for(lambda: self._pending or self._stopping,
                                            timeout=self._idle_after if self._idle_due else None)
                if self._stopping:
                    return
                if woken:
                    if not self._wait_for_quiet():
                        return
                    self._pending = False
                else:
                    self._idle_due = False
            if not woken:
                # The editor paused: do the deferred work, then wait again. Not under the lock:
                # pages are served and saves noted meanwhile, and a save stops the work.
                self._run_idle()
                continue
            self.rebuild()

    def _run_idle(self) -> None:
        try:
            if self._idle is not None:
                self._idle(lambda: self._pending or self._stopping)
        except Exception as error:  # noqa: BLE001 - deferred work must not stop the server
            for line in problem_lines(error):
                self._echo_error(line)

    def _wait_for_quiet(self) -> bool:
        """Editors write a temp file, rename it and save twice: wait for the burst to end.
        False if the server is stopping instead."""
        deadline = time.monotonic() + self._max_wait
        while not self._stopping:
            seen = self._changes
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return True
            self._cond.wait(timeout=min(self._settle, remaining))
            if self._changes == seen:
                return not self._stopping
        return False

    def stop(self) -> None:
        with self._cond:
            self._stopping = True
            self._cond.notify_all()

    def wait_until_built(self, timeout: float) -> None:
        """Hold a request while a build runs, so it never sees a site half swapped."""
        with self._cond:
            self._cond.wait_for(lambda: not self._building or self._stopping, timeout=timeout)

    def wait_for_news(self, seen: int, timeout: float) -> SiteStatus:
        """Long poll: return when a build outcome other than `seen` exists, or at the timeout."""
        with self._cond:
            self._cond.wait_for(lambda: self._status.outcome != seen or self._stopping,
                                timeout=timeout)
            return self._status


# Served as an external file so pages with a strict Content-Security-Policy run it too;
# it sets no inline handlers and puts build errors in the page with textContent only.
RELOAD_SCRIPT_URL = "/__reload__/client.js"
POLL_URL = "/__reload__/poll"
# The script lives beside this module as a file of its own, to read and edit as JavaScript.
RELOAD_SCRIPT = Path(__file__).with_name("reload.js").read_text(encoding="utf-8")

_BODY_END = re.compile(rb"</body\s*>", re.IGNORECASE)


def inject_reload_script(html: bytes, epoch: int) -> bytes:
    """Add the reload script to a page as it is served (never to the file on disk)."""
    tag = b'<script src="%s" data-epoch="%d" async></script>' % (RELOAD_SCRIPT_URL.encode(), epoch)
    ends = list(_BODY_END.finditer(html))
    if not ends:
        return html + tag
    at = ends[-1].start()
    return html[:at] + tag + html[at:]
