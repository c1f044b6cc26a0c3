"""A tiny HTTP server for browser tests: serves a built site/ under a path, as a host would.

It adds the headers netlify.toml sets (so the Content-Security-Policy is the one tested),
and answers a missing address with 404.html and status 404, as Netlify and GitHub Pages do.
"""

from __future__ import annotations

import fnmatch
import threading
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

REPO = Path(__file__).resolve().parent.parent


def netlify_headers() -> list[tuple[str, dict[str, str]]]:
    """(path pattern, headers) from netlify.toml, in file order."""
    config = tomllib.loads((REPO / "netlify.toml").read_text(encoding="utf-8"))
    return [(rule["for"], rule["values"]) for rule in config.get("headers", [])]


class SiteHandler(SimpleHTTPRequestHandler):
    prefix = "/"
    headers_rules: ClassVar[list[tuple[str, dict[str, str]]]] = []

    def log_message(self, *args) -> None:  # quiet in test output
        pass

    def send_head(self):
        path = self.path.split("?", 1)[0].split("#", 1)[0]
        if not path.startswith(self.prefix):
            return self._not_found()
        self.path = "/" + path[len(self.prefix):]
        local = Path(self.translate_path(self.path))
        if local.is_dir() and not (local / "index.html").is_file() or not local.exists():
            return self._not_found()
        return super().send_head()

    def _not_found(self):
        body = (Path(self.directory) / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def end_headers(self) -> None:
        site_path = "/" + self.path.lstrip("/")
        for pattern, values in self.headers_rules:
            if fnmatch.fnmatch(site_path, pattern):
                for name, value in values.items():
                    self.send_header(name, value)
        super().end_headers()


@contextmanager
def serve_site(site: Path, prefix: str = "/") -> Iterator[str]:
    """Serve site at http://127.0.0.1:PORT{prefix}; yields that URL."""
    handler = type("Handler", (SiteHandler,), {"prefix": prefix, "headers_rules": netlify_headers()})
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(handler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
