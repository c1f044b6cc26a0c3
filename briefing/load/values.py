"""Values an editor writes that need more than a type to be safe: figures' numbers and the site's address."""

from __future__ import annotations

import math
import re
from typing import Any
from urllib.parse import unquote


def number(value: Any) -> float | None:
    """A report's value: a finite number (YAML's .inf and .nan are not counts of anything)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        try:
            value = float(value.replace(",", "").replace("%", "").strip())
        except ValueError:
            return None
    if isinstance(value, (int, float)) and math.isfinite(value):
        return value
    return None


# What a figure can be and still be read, compared and plotted: counts, sums of money, shares.
# Past a thousand trillion a float no longer holds every whole number, and 1.7e308 overflows the
# plot's axis; below 0.0001 a value shows as 1e-05, or as nothing at all.
LARGEST_VALUE, SMALLEST_VALUE = 1e15, 1e-4


def value_problem(raw: Any, value: float | None) -> str | None:
    """Why a report's value cannot be used, or None."""
    if value is None:
        if isinstance(raw, str) and _overflows(raw):
            return f"'value' {raw.strip()} is too large to plot: at most {LARGEST_VALUE:,.0f} either side of 0"
        return f"'value' should be a number, not '{raw}'"
    if abs(value) > LARGEST_VALUE:
        return f"'value' {raw} is too large to plot: at most {LARGEST_VALUE:,.0f} either side of 0"
    if value and abs(value) < SMALLEST_VALUE:
        return f"'value' {raw} is too small to plot: 0, or at least {SMALLEST_VALUE}"
    return None


def _overflows(text: str) -> bool:
    try:
        return math.isinf(float(text.replace(",", "").replace("%", "").strip()))
    except ValueError:
        return False


_HOST = re.compile(r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)*[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                   r"|\[[0-9A-Fa-f:.]+\]")
_PATH = re.compile(r"(?:/(?:[A-Za-z0-9._~!$&'()*+,;=:@-]|%[0-9A-Fa-f]{2})+)*/?")


def base_url_problem(url: str) -> str | None:
    """Why `url` cannot be the site's public address, or None.

    It goes into robots.txt, the feed, the sitemap and the 404 page's <base href>: only an absolute
    http(s) address of a host and a folder, nothing a browser or a crawler would read otherwise
    (`https://example.org//evil.example/` is a base of //evil.example/, another host).
    """
    scheme, sep, rest = url.partition("://")
    if not sep or scheme not in ("http", "https"):
        return "it must start with http:// or https://"
    if any(ch.isspace() or ord(ch) < 32 or 0x7F <= ord(ch) <= 0x9F for ch in url):
        return "it has a space, line break or control character"
    if "\\" in url:
        return "it has a backslash"
    if "?" in url or "#" in url:
        return "it has a query (?) or fragment (#)"
    host, slash, site_path = rest.partition("/")
    if "@" in host:
        return "it has a user name (@) before the host"
    name, colon, port = host.rpartition(":") if not host.endswith("]") else (host, "", "")
    if not colon:
        name = host
    if not _HOST.fullmatch(name) or (colon and not (port.isdigit() and 0 < int(port) < 65536)):
        return "its host is not a domain name or IP address (with an optional :port)"
    site_path = slash + site_path
    if "//" in site_path:
        return "its path has an empty part (//)"
    segments = [unquote(part) for part in site_path.split("/")]
    if "." in segments or ".." in segments:
        return "its path has a . or .. part"
    if not _PATH.fullmatch(site_path):
        return "its path has characters a URL cannot hold as they are (use %-escapes)"
    return None
