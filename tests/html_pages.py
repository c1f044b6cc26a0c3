"""Reading built pages back: links, ids and text, with the standard library's HTML parser."""

from __future__ import annotations

from html.parser import HTMLParser

BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "div", "td", "th", "dd", "dt", "section", "nav",
          "header", "footer", "blockquote", "ul", "ol", "tr", "main", "article", "title", "table", "details",
          "summary", "br"}
from pathlib import Path


class PageFacts(HTMLParser):
    """The links, ids, scripts and text of one page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.tags: list[tuple[str, dict]] = []
        self.text_parts: list[str] = []
        self.id_text: dict[str, list[str]] = {}
        self._open_ids: list[tuple[str, str, int]] = []  # (id, tag, depth)
        self._depth = 0

    def handle_starttag(self, tag, attrs):
        if tag in BLOCKS:
            self.handle_data(" ")
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        for name in ("href", "src"):
            if attributes.get(name) and tag != "base":
                self.links.append(attributes[name])
        if tag not in ("br", "img", "meta", "link", "input", "hr"):
            self._depth += 1
            if "id" in attributes:
                self._open_ids.append((attributes["id"], tag, self._depth))
                self.id_text[attributes["id"]] = []
        if "id" in attributes:
            self.ids.add(attributes["id"])

    def handle_endtag(self, tag):
        if tag in BLOCKS:
            self.handle_data(" ")
        if self._open_ids and self._open_ids[-1][2] == self._depth and self._open_ids[-1][1] == tag:
            self._open_ids.pop()
        self._depth -= 1

    def handle_data(self, data):
        self.text_parts.append(data)
        for anchor, _, _ in self._open_ids:
            self.id_text[anchor].append(data)

    @property
    def text(self) -> str:
        return " ".join("".join(self.text_parts).split())

    def text_of(self, anchor: str) -> str:
        return " ".join("".join(self.id_text.get(anchor, [])).split())


def read_page(path: Path) -> PageFacts:
    facts = PageFacts()
    facts.feed(path.read_text(encoding="utf-8"))
    return facts
