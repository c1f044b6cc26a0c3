"""Cleaning one raw article: encoding repaired, chrome dropped, paragraphs rebuilt, metadata found."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import rules
from .paragraphs import Block, Line, mark_blockquotes, paragraphs, render

FIELDS = ("title", "outlet", "author", "published", "url", "kind")
# A first line this long that ends like a sentence is the lede, not a headline.
_MAX_TITLE = 150


@dataclass(frozen=True)
class Change:
    line: int      # 1-based line in the raw input
    rule: str      # short, named rule: "error-widget", "ad-line", "hard-wrap", "mojibake" ...
    text: str      # the affected raw line (or a short summary)


@dataclass(frozen=True)
class CleanedArticle:
    title: str
    body: str                  # Markdown, paragraphs separated by blank lines
    outlet: str | None
    author: str | None
    published: str | None      # ISO "2022-01-07" or "2022-01-07T10:00"
    url: str | None
    kind: str | None           # news | analysis | opinion | blog, when the text makes it clear
    changes: tuple[Change, ...]
    missing: tuple[str, ...]   # metadata fields not found, e.g. ("outlet", "author")


@dataclass
class _Scan:
    """What the line pass learns while it walks the text."""

    changes: list[Change] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)
    kept: list[Line | None] = field(default_factory=list)   # None: a dropped line, which breaks paragraphs
    blog: bool = False

    def drop(self, number: int, rule: str, text: str) -> None:
        self.changes.append(Change(number, rule, text.strip()))
        self.kept.append(None)

    def learn(self, key: str, value: str | None) -> None:
        if value and key not in self.meta:
            self.meta[key] = value.strip()


def clean_article(raw_text: str) -> CleanedArticle:
    """Clean one raw article: encoding repaired, chrome dropped, paragraphs rebuilt, metadata found."""
    lines, changes = _repair_encoding(raw_text)
    scan = _Scan(changes=changes)
    body_start = _scan_header(lines, scan)
    _scan_body(lines, body_start, scan)
    blocks = _blocks(scan.kept, lines)
    paras = paragraphs(blocks)
    wide_gaps = any(block.gap_before >= 2 for block in blocks[1:])
    mark_blockquotes(paras, wide_gaps)
    for para in paras:
        scan.changes.extend(Change(*note) for note in para.notes)
    meta = scan.meta
    if scan.blog:
        meta.setdefault("kind", "blog")
    missing = tuple(key for key in FIELDS if not meta.get(key))
    ordered = sorted(scan.changes, key=lambda c: c.line)
    return CleanedArticle(meta.get("title", ""), render(paras) if paras else "", meta.get("outlet"),
                          meta.get("author"), meta.get("published"), meta.get("url"), meta.get("kind"),
                          tuple(ordered), missing)


def _repair_encoding(raw_text: str) -> tuple[list[str], list[Change]]:
    text = raw_text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    changes: list[Change] = []
    fixed: list[str] = []
    for number, line in enumerate(text.split("\n"), 1):
        repaired = rules.fix_mojibake(line)
        if repaired != line:
            changes.append(Change(number, "mojibake", line.strip()))
        fixed.append(repaired)
    quotes = rules.document_quotes("\n".join(fixed))
    for i, line in enumerate(fixed):
        repaired = rules.restore_truncated_quotes(line, quotes)
        if repaired != line:
            changes.append(Change(i + 1, "mojibake-truncated", f"quote marks restored: {line.strip()[:70]}"))
        # Non-breaking and odd spaces are layout, not text; quotes must match with plain spaces.
        plain = re.sub(r"[\u00a0\u2007\u202f]", " ", repaired)
        if plain != repaired:
            changes.append(Change(i + 1, "whitespace", "non-breaking spaces made plain spaces"))
        fixed[i] = re.sub(r"[\t\f\v]", " ", plain).rstrip()  # a page break from a PDF is a space in a title
    return fixed, changes


def _scan_header(lines: list[str], scan: _Scan) -> int:
    """Metadata and chrome above the title, then the title itself; returns the first body line index."""
    i = 0
    while i < len(lines):
        stripped = lines[i].strip()
        number = i + 1
        if not stripped:
            scan.kept.append(None)
            i += 1
            continue
        date = rules.parse_date_line(stripped)
        origin = rules.ORIGIN_LINE.match(stripped)
        url = rules.URL_LINE.match(stripped)
        if date:
            scan.learn("published", date)
            scan.blog = True  # a date header above the headline is the blog layout (Blogger's date-header)
            scan.drop(number, "date-header", stripped)
        elif origin:
            scan.learn("outlet", rules.expand_abbreviation(origin.group(1), "\n".join(lines)))
            scan.drop(number, "origin-line", stripped)
        elif url:
            scan.learn("url", url.group(1))
            scan.drop(number, "source-url", stripped)
        elif _chrome(stripped, number, scan):
            pass
        else:
            return _take_title(lines, i, scan)
        i += 1
    return i


def _take_title(lines: list[str], i: int, scan: _Scan) -> int:
    stripped = lines[i].strip()
    if len(stripped) > _MAX_TITLE or (rules.ends_sentence(stripped) and len(stripped.split()) > 20):
        return i  # no headline in the text: the first line is already the article
    title, end = stripped, i
    # A quoted headline wrapped over lines: “Russia's Involvement in / Kazakhstan's Crisis ...”
    if title[:1] in "“\"" and not re.search(r"[”\"]$", title[1:]):
        while end + 1 < len(lines) and lines[end + 1].strip() and end - i < 3:
            end += 1
            title += " " + lines[end].strip()
            if re.search(r"[”\"]$", title):
                break
        if not re.search(r"[”\"]$", title):
            title, end = stripped, i
    if end > i:
        scan.changes.append(Change(i + 1, "hard-wrap", f"title joined from lines {i + 1}-{end + 1}"))
    if title[:1] in "“\"" and title[-1:] in "”\"":
        title = title[1:-1]
    scan.learn("title", title)
    scan.kept.extend([None] * (end - i + 1))
    return end + 1


def _chrome(stripped: str, number: int, scan: _Scan) -> bool:
    """Drop a line of page furniture; learn the outlet or the blog layout it reveals."""
    unbulleted = stripped.lstrip(rules.BULLETS + " ")
    rule = rules.line_rule(stripped) or (rules.line_rule(unbulleted) if unbulleted != stripped else None)
    if not rule:
        return False
    for pattern in rules.OUTLET_IN_CHROME:
        match = pattern.search(unbulleted)
        if match:
            scan.learn("outlet", match.group(1))
    if rule == "comment-footer":
        scan.blog = True
    scan.drop(number, rule, stripped)
    return True


def _scan_body(lines: list[str], start: int, scan: _Scan) -> None:
    bullet_pending = False
    for i in range(start, len(lines)):
        stripped, number = lines[i].strip(), i + 1
        if not stripped:
            scan.kept.append(None)
            continue
        if rules.RECOMMENDED.pattern.search(stripped):
            for j in range(i, len(lines)):
                if lines[j].strip():
                    scan.changes.append(Change(j + 1, "recommended-stories", lines[j].strip()[:100]))
            scan.kept.extend([None] * (len(lines) - i))
            return
        near_top = i - start < 12
        if _chrome(stripped, number, scan):
            if scan.changes[-1].rule == "reading-time":
                _take_byline(scan)
            continue
        if rules.is_bullet_only(stripped):
            bullet_pending = True
            scan.drop(number, "separator", stripped)
            continue
        byline = rules.BYLINE_BY.match(stripped)
        date = rules.parse_date_line(stripped) if near_top else None
        url = rules.URL_LINE.match(stripped) if near_top or i > len(lines) - 4 else None
        if byline and near_top:
            scan.learn("author", byline.group(1))
            scan.drop(number, "byline", stripped)
        elif date:
            scan.learn("published", date)
            scan.drop(number, "dateline", stripped)
        elif url:
            scan.learn("url", url.group(1))
            scan.drop(number, "source-url", stripped)
        else:
            dateline = rules.DATELINE.match(stripped)
            if dateline:
                scan.learn("dateline-outlet", dateline.group(1))
            scan.kept.append(Line(number, lines[i].rstrip(), list_item=bullet_pending))
            bullet_pending = False
    if "dateline-outlet" in scan.meta:
        scan.learn("outlet", scan.meta.pop("dateline-outlet"))


def _take_byline(scan: _Scan) -> None:
    """A reading time ("·2 min read") follows the byline: the kept line before it is the author."""
    for k in range(len(scan.kept) - 2, -1, -1):
        line = scan.kept[k]
        if line is None:
            continue
        if rules.NAME.match(line.text.strip()):
            scan.learn("author", line.text.strip())
            scan.changes.append(Change(line.number, "byline", line.text.strip()))
            scan.kept[k] = None
        return


def _blocks(kept: list[Line | None], lines: list[str]) -> list[Block]:
    """Group kept lines into blocks; count the truly blank lines between them."""
    blocks: list[Block] = []
    current: list[Line] = []
    run = longest = 0
    gap = 1
    for index, line in enumerate(kept):
        if line is None:
            if current:
                blocks.append(Block(current, gap))
                current, run, longest = [], 0, 0
            blank = index < len(lines) and not lines[index].strip()
            run = run + 1 if blank else 0
            longest = max(longest, run)
            continue
        if not current:
            gap = longest if blocks else 1
        current.append(line)
    if current:
        blocks.append(Block(current, gap))
    return blocks
