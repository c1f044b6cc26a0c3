"""The Markdown every field and body is written in: CommonMark, safe links, [[cross-references]]."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from urllib.parse import unquote

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

XREF_KINDS = ("actor", "article", "figure", "question", "event")
# [[id]], [[id|text]], [[kind:id]], [[kind:id|text]]
XREF_PATTERN = re.compile(r"\[\[\s*(?:([a-z]+)\s*:\s*)?([^\[\]|\n]*?)\s*(?:\|([^\[\]\n]*))?\]\]")
SAFE_SCHEMES = ("http", "https", "mailto")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")


@dataclass(frozen=True)
class RefTarget:
    """Where a cross-reference goes (relative to the site root) and the words it shows by default."""

    url: str
    text: str


def is_safe_url(url: str) -> bool:
    """Relative links, #fragments, http(s) and mailto only: no javascript:, data: or file:."""
    squeezed = re.sub(r"[\x00-\x20\x7f]+", "", unquote(html.unescape(url))).lower()
    match = _SCHEME.match(squeezed)
    return match is None or match.group(1) in SAFE_SCHEMES


def make_markdown(typographic: bool = False) -> MarkdownIt:
    """A CommonMark parser with raw HTML shown as text, unsafe links dropped and [[refs]] understood.

    Cross-references are looked up in env["refs"] ({(kind, id): RefTarget}); links are made
    relative with env["root"] ("" on top-level pages, "../" one folder down). `typographic`
    curls straight quotes and apostrophes: for the editor's own words, never for an article's
    text, which is quoted as the outlet printed it.
    """
    md = MarkdownIt("commonmark", {"html": False, "typographer": typographic, "quotes": "“”‘’"})
    md.enable("table").enable("strikethrough")
    if typographic:
        md.enable("smartquotes")
    md.validateLink = is_safe_url  # type: ignore[method-assign]
    md.inline.ruler.before("link", "xref", _xref_rule)
    return md


def _xref_rule(state: StateInline, silent: bool) -> bool:
    if not state.src.startswith("[[", state.pos):
        return False
    match = XREF_PATTERN.match(state.src, state.pos)
    if not match:
        return False
    kind, key, label = match.group(1) or "actor", match.group(2).strip(), match.group(3)
    target = state.env.get("refs", {}).get((kind, key))
    if target is None:
        return False  # left as text; the resolve stage has already reported it
    if not silent:
        link = state.push("link_open", "a", 1)
        link.attrs = {"href": state.env.get("root", "") + target.url, "class": f"xref xref-{kind}"}
        text = state.push("text", "", 0)
        text.content = (label or "").strip() or target.text
        state.push("link_close", "a", -1)
    state.pos = match.end()
    return True


def find_xrefs(markdown: str) -> list[tuple[str, str, int]]:
    """Every [[ref]] in a text as (kind, id, line offset within the text)."""
    found = []
    for match in XREF_PATTERN.finditer(markdown):
        kind = match.group(1) or "actor"
        found.append((kind, match.group(2).strip(), markdown.count("\n", 0, match.start())))
    return found


def text_token(content: str) -> Token:
    """A plain text token, for splitting a text around a link or a quote mark-up."""
    token = Token("text", "", 0)
    token.content = content
    return token
