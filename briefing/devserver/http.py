"""The dev server's HTTP side: files of site/ (never from outside it), the reload script and its
long poll, the audit page; only to the host names it was started for."""

from __future__ import annotations

import errno
import http.server
import ipaddress
import json
import mimetypes
import re
import socket
import socketserver
import sys
from collections.abc import Callable
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from .livereload import POLL_URL, RELOAD_SCRIPT, RELOAD_SCRIPT_URL, Rebuilder, inject_reload_script

PORT_TRIES = 10  # a busy port moves the server up to this many ports along
POLL_TIMEOUT = 25.0  # a long poll answers at least this often, so proxies never time it out

_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".map": "application/json",
    ".xml": "application/xml",
    ".rss": "application/rss+xml",
    ".atom": "application/atom+xml",
    ".svg": "image/svg+xml",
    ".txt": "text/plain; charset=utf-8",
    ".md": "text/plain; charset=utf-8",
    ".ico": "image/x-icon",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".webmanifest": "application/manifest+json",
}
_FALLBACK_404 = (b"<!doctype html><html lang=en><meta charset=utf-8><title>Not found</title>"
                 b"<body><h1>Not found</h1><p>There is no page at this address in site/.</p>"
                 b"</body></html>")


class ServeError(Exception):
    """The server cannot start; the message is one line for the terminal."""


def content_type(path: Path) -> str:
    known = _TYPES.get(path.suffix.lower())
    if known:
        return known
    guess, _ = mimetypes.guess_type(path.name)
    return guess or "application/octet-stream"


def resolve_site_path(root: Path, url_path: str) -> Path | None:
    """The file or folder inside `root` that a URL path names, or None if it names nothing there.

    The path is decoded once, so `%2e%2e` is `..` and is refused like it; symlinks are
    followed and must still land inside `root`.
    """
    text = unquote(url_path)
    parts = text.split("/")
    if "\x00" in text or "\\" in text or ".." in parts:
        return None
    try:
        base = root.resolve(strict=True)
        found = base.joinpath(*(part for part in parts if part not in ("", "."))).resolve(strict=True)
    except (OSError, RuntimeError):  # missing, a symlink loop, or a name the OS rejects
        return None
    if not found.is_relative_to(base) or not (found.is_file() or found.is_dir()):
        return None
    return found


# The names a page of this machine's own is served under. Any other Host header comes from a
# page that had a name of its own point at this machine (DNS rebinding) to read the drafts.
LOCAL_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
_HOST_HEADER = re.compile(r"(\[[0-9a-f:.]+\]|[^:\[\]/@\s]+)(?::\d{1,5})?")
_ANY_ADDRESS = ("", "0.0.0.0", "::")


def host_allowed(header: str | None, bound: str) -> bool:
    """True for a Host header of localhost, 127.0.0.1 or [::1], or the --host the server was given,
    each with or without a port (as Vite's and webpack's dev servers do). Served on every address
    (0.0.0.0), the server also answers any IP address: no DNS name can be rebound to one of those."""
    match = _HOST_HEADER.fullmatch((header or "").strip().lower())
    if not match:
        return False
    name = match.group(1).strip("[]")
    if name in LOCAL_NAMES or name == bound.lower().strip("[]"):
        return True
    if bound in _ANY_ADDRESS:
        try:
            ipaddress.ip_address(name)
            return True
        except ValueError:
            return False
    return False


def is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


AUDIT_URL = "/__check__"


class SiteHTTPServer(http.server.ThreadingHTTPServer):
    """One thread per request (many tabs, each holding a long poll); never prints tracebacks."""

    request_queue_size = 128

    def __init__(self, address: tuple[str, int], site_dir: Path, rebuilder: Rebuilder,
                 echo_error: Callable[[str], None]) -> None:
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        self.host = address[0]
        self.site_dir = site_dir
        self.rebuilder = rebuilder
        self.echo_error = echo_error
        self.audit: Callable[[], bytes] | None = None  # the sourcing audit page, when there is a project
        super().__init__(address, SiteRequestHandler)

    def server_bind(self) -> None:
        # HTTPServer.server_bind looks up the host's full name in DNS, which can stall.
        socketserver.TCPServer.server_bind(self)
        host, self.server_port = self.server_address[:2]
        self.server_name = str(host)

    def handle_error(self, request: object, client_address: object) -> None:
        error = sys.exc_info()[1]
        if not isinstance(error, (ConnectionError, TimeoutError)):
            self.echo_error(f"dev server: {type(error).__name__}: {error}")


class SiteRequestHandler(http.server.BaseHTTPRequestHandler):
    """GET and HEAD for files inside site/, the reload script, and the reload long poll."""

    server: SiteHTTPServer
    server_version = "briefing-dev"
    timeout = 60  # a client that connects and sends nothing does not hold a thread forever

    def do_GET(self) -> None:
        self._respond(send_body=True)

    def do_HEAD(self) -> None:
        self._respond(send_body=False)

    def handle(self) -> None:
        try:
            super().handle()
        except (ConnectionError, TimeoutError):
            pass  # the browser closed the tab or reloaded mid-response: nothing to tell anyone

    def log_message(self, format: str, *args: object) -> None:
        pass  # a terminal full of GET lines would bury the build errors

    def _respond(self, *, send_body: bool) -> None:
        if not host_allowed(self.headers.get("Host"), self.server.host):
            self._send(403, _TYPES[".txt"], b"This dev server answers only to localhost, 127.0.0.1, [::1] and the "
                                            b"--host it was started with.\n", send_body)
            return
        try:
            url = urlsplit(self.path)
            if url.path == RELOAD_SCRIPT_URL:
                self._send(200, _TYPES[".js"], RELOAD_SCRIPT.encode(), send_body)
            elif url.path == POLL_URL:
                self._poll(url.query, send_body)
            elif url.path == AUDIT_URL and self.server.audit is not None:
                self._send(200, _TYPES[".html"], self._with_reload(self.server.audit()), send_body)
            else:
                self._serve_file(url.path, url.query, send_body)
        except (ConnectionError, TimeoutError):
            raise
        except Exception as error:  # noqa: BLE001 - one bad request must not stop the server
            self.server.echo_error(f"dev server: {self.path}: {type(error).__name__}: {error}")
            self.send_error(500)

    def _poll(self, query: str, send_body: bool) -> None:
        try:
            seen = int(parse_qs(query).get("seen", [""])[0])
        except ValueError:
            seen = -1  # a page that has seen nothing yet gets the state at once
        status = self.server.rebuilder.wait_for_news(seen, timeout=POLL_TIMEOUT)
        body = json.dumps({"epoch": status.epoch, "outcome": status.outcome,
                           "errors": list(status.errors)})
        self._send(200, "application/json", body.encode(), send_body)

    def _serve_file(self, path: str, query: str, send_body: bool) -> None:
        self.server.rebuilder.wait_until_built(timeout=30)
        root = self.server.site_dir
        found = resolve_site_path(root, path)
        if found is not None and found.is_dir():
            if not path.endswith("/"):
                # Relative links inside articles/index.html need the trailing slash.
                location = "/" + path.lstrip("/") + "/" + (f"?{query}" if query else "")
                self.send_response(301)
                self.send_header("Location", location)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            found = resolve_site_path(root, path + "index.html")  # never a listing
        if found is None or not found.is_file():
            page = resolve_site_path(root, "/404.html")
            body = page.read_bytes() if page is not None and page.is_file() else _FALLBACK_404
            self._send(404, _TYPES[".html"], self._with_reload(body), send_body)
            return
        body = found.read_bytes()
        kind = content_type(found)
        if kind.startswith("text/html"):
            body = self._with_reload(body)
        self._send(200, kind, body, send_body)

    def _with_reload(self, html: bytes) -> bytes:
        return inject_reload_script(html, self.server.rebuilder.status().epoch)

    def _send(self, status: int, kind: str, body: bytes, send_body: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        if send_body:
            self.wfile.write(body)


def bind(host: str, port: int, site_dir: Path, rebuilder: Rebuilder,
          echo_error: Callable[[str], None]) -> SiteHTTPServer:
    if not 0 <= port <= 65535:
        raise ServeError(f"port {port} is not a port number (0-65535)")
    candidates = [port] if port == 0 else range(port, min(port + PORT_TRIES, 65536))
    for candidate in candidates:
        try:
            return SiteHTTPServer((host, candidate), site_dir, rebuilder, echo_error)
        except OSError as error:
            if error.errno != errno.EADDRINUSE:
                reason = error.strerror or str(error)
                raise ServeError(f"cannot serve on {host} port {candidate}: {reason}") from None
    raise ServeError(f"port {port} and the {len(candidates) - 1} after it are in use on {host}; "
                     "choose another with --port")
