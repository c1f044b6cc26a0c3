"""Quotes in article text: found across emphasis, line breaks and quote-mark styles, and anchored in place."""

from __future__ import annotations

import bisect
import difflib
import re
from dataclasses import dataclass

from markdown_it.token import Token

from .markdown import text_token

_FOLD = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
    "\u00a0": " ", "\u202f": " ", "\u2009": " ",
})


# Only these change the text's length or letters once folded: a single space stays as it is.
_FOLD_RUNS = re.compile(r"\s{2,}|[^\S ]|''|\u2026")


class BackMap:
    """For each character of a folded text, the index of the original character it came from.

    Kept as the stretches that map one to one and the replacements between them, rather than
    one number per character: an article is folded once per build, and that is most of it.
    """

    def __init__(self) -> None:
        self.starts: list[int] = []  # where each stretch starts in the folded text
        self.stretches: list[tuple[int, bool]] = []  # (original index, one to one?)
        self.length = 0

    def add(self, folded_at: int, original_at: int, one_to_one: bool) -> None:
        self.starts.append(folded_at)
        self.stretches.append((original_at, one_to_one))

    def __getitem__(self, index: int) -> int:
        if index < 0:
            index += self.length
        k = bisect.bisect_right(self.starts, index) - 1
        original, one_to_one = self.stretches[k]
        return original + (index - self.starts[k]) if one_to_one else original

    def __len__(self) -> int:
        return self.length


def normalize(text: str) -> tuple[str, BackMap]:
    """Fold quote marks, dashes and white space; return the folded text and, for each of its
    characters, the index of the original character it came from."""
    folded = text.translate(_FOLD)
    out: list[str] = []
    back = BackMap()
    written = 0  # characters of `out` so far
    last = len(folded) - len(folded.lstrip())  # white space at the start is dropped
    back.add(0, last, True)
    for match in _FOLD_RUNS.finditer(folded, last):
        start, end = match.span()
        out.append(folded[last:start])
        written += start - last
        piece = match.group(0)
        replacement = '"' if piece == "''" else "..." if piece == "\u2026" else " "
        back.add(written, start, False)
        out.append(replacement)
        written += len(replacement)
        back.add(written, end, True)
        last = end
    out.append(folded[last:])
    result = "".join(out).rstrip(" ")
    back.length = len(result)
    return result, back


def normalize_quote(quote: str) -> str:
    return normalize(quote)[0]


@dataclass
class Segment:
    start: int  # offset in the article's plain text
    end: int
    block: int  # index of the inline token in the block token list
    child: int  # index of the child token inside it


class ArticleText:
    """An article body's tokens and its plain text, where quotes are looked up and anchored."""

    def __init__(self, tokens: list[Token]):
        self.tokens = tokens
        self._normalized: tuple[str, BackMap] | None = None
        self.plain, self.segments = self._plain_text()

    def _plain_text(self) -> tuple[str, list[Segment]]:
        parts: list[str] = []
        segments: list[Segment] = []
        offset = 0
        for b, token in enumerate(self.tokens):
            if token.type != "inline" or not token.children:
                continue
            if parts:
                parts.append("\n")
                offset += 1
            block = self._block_segments(b, offset)
            parts.extend(piece for _, piece in block)
            segments.extend(segment for segment, _ in block)
            offset = block[-1][0].end if block else offset
        return "".join(parts), segments

    def _block_segments(self, block: int, offset: int) -> list[tuple[Segment, str]]:
        """The text pieces of one paragraph (or heading, or item), from `offset` in the plain text."""
        found = []
        for c, child in enumerate(self.tokens[block].children or ()):
            if child.type in ("text", "code_inline"):
                piece = child.content
            elif child.type in ("softbreak", "hardbreak"):
                piece = " "
            else:
                continue
            if piece:
                found.append((Segment(offset, offset + len(piece), block, c), piece))
                offset += len(piece)
        return found

    @property
    def normalized(self) -> tuple[str, BackMap]:
        if self._normalized is None:
            self._normalized = normalize(self.plain)
        return self._normalized

    def find(self, wanted: str) -> tuple[int, int] | None:
        """The span in the plain text of a quote (given normalized), or None."""
        if not wanted:
            return None
        text, back = self.normalized
        at = text.find(wanted)
        if at < 0:  # a quote may start a sentence the article continues, or the other way round
            at = text.find(wanted[0].swapcase() + wanted[1:])
        if at < 0:
            return None
        return back[at], back[at + len(wanted) - 1] + 1

    def closest_passage(self, wanted: str) -> str | None:
        """The sentence of the article most like a quote (given normalized) that was not found."""
        sentences = [
            sentence
            for block in self.plain.split("\n")
            for sentence in re.split(r"(?<=[.!?\"])\s+", normalize(block)[0])
            if sentence
        ]
        candidates = sentences + [a + " " + b for a, b in zip(sentences, sentences[1:])]
        best, best_ratio = None, 0.45
        for candidate in candidates:
            matcher = difflib.SequenceMatcher(None, wanted, candidate, autojunk=False)
            if matcher.real_quick_ratio() <= best_ratio or matcher.quick_ratio() <= best_ratio:
                continue
            ratio = matcher.ratio()
            if ratio > best_ratio:
                best, best_ratio = candidate, ratio
        if best and len(best) > 160:
            best = best[:157] + "..."
        return best

    def anchor(self, spans: list[tuple[int, int, str]]) -> None:
        """Wrap each (start, end, id) span in an element carrying the id; longest spans first so that
        a quote inside another nests inside it."""
        for start, end, anchor_id in sorted(spans, key=lambda s: (s[0], -(s[1] - s[0]))):
            first = self._segment_at(start)
            last = self._segment_at(end - 1)
            if first.block == last.block:
                self._mark_inline(first.block, start, end, anchor_id)
            else:
                self._wrap_blocks(first.block, last.block, anchor_id)

    def _segment_at(self, offset: int) -> Segment:
        lo, hi = 0, len(self.segments) - 1
        while lo < hi:
            mid = (lo + hi) // 2
            if self.segments[mid].end <= offset:
                lo = mid + 1
            else:
                hi = mid
        return self.segments[lo]

    def _mark_inline(self, block: int, start: int, end: int, anchor_id: str) -> None:
        children = self.tokens[block].children
        assert children is not None  # a segment's block is an inline token with text in it
        # Split the text tokens at the quote's ends so that the mark can sit between tokens.
        for cut in (end, start):
            seg = self._segment_at(cut) if cut < len(self.plain) else None
            if seg and seg.block == block and seg.start < cut < seg.end and children[seg.child].type == "text":
                token = children[seg.child]
                head, tail = text_token(token.content[: cut - seg.start]), text_token(token.content[cut - seg.start:])
                children[seg.child: seg.child + 1] = [head, tail]
                self._resegment_block(block, start)
        first = self._segment_at(start)
        last = self._segment_at(end - 1)
        i, j = _balance(children, first.child, last.child + 1)
        opening, closing = _wrapping("html_inline", f'<mark class="quote" id="{anchor_id}">', "</mark>")
        children[j:j] = [closing]
        children[i:i] = [opening]
        self._resegment_block(block, start)

    def _resegment_block(self, block: int, offset_inside: int) -> None:
        """Re-index one paragraph's segments after its tokens were split or wrapped: its text,
        and so every offset outside it, is unchanged."""
        lo = hi = self.segments.index(self._segment_at(offset_inside))
        while lo > 0 and self.segments[lo - 1].block == block:
            lo -= 1
        while hi < len(self.segments) and self.segments[hi].block == block:
            hi += 1
        self.segments[lo:hi] = [segment for segment, _ in self._block_segments(block, self.segments[lo].start)]

    def _wrap_blocks(self, first_block: int, last_block: int, anchor_id: str) -> None:
        tokens = self.tokens
        i, j = _balance(tokens, first_block - 1, last_block + 2)
        while True:  # a <div> may not sit directly inside a list: take the whole list
            parent = _enclosing_opener(tokens, i)
            if parent is None or parent.type not in ("bullet_list_open", "ordered_list_open"):
                break
            i = tokens.index(parent)
            i, j = _balance(tokens, i, i + 1)
        opening, closing = _wrapping("html_block", f'<div class="quote" id="{anchor_id}">\n', "</div>\n")
        tokens[j:j] = [closing]
        tokens[i:i] = [opening]
        self.segments = self._resegment()

    def _resegment(self) -> list[Segment]:
        return self._plain_text()[1]


def _wrapping(kind: str, opening_html: str, closing_html: str) -> tuple[Token, Token]:
    """The two raw-HTML tokens that wrap a quoted passage."""
    opening, closing = Token(kind, "", 1), Token(kind, "", -1)
    opening.content, closing.content = opening_html, closing_html
    return opening, closing


def _balance(tokens: list[Token], i: int, j: int) -> tuple[int, int]:
    """Widen [i, j) until it holds as many openings as closings, so a wrapper around it nests."""
    while True:
        depth, low = 0, 0
        for token in tokens[i:j]:
            depth += token.nesting
            low = min(low, depth)
        if low < 0:
            i = max(_unmatched_opener_before(tokens, i), 0)
        elif depth > 0:
            j = _unmatched_closer_after(tokens, j) + 1
        else:
            return i, j


def _unmatched_opener_before(tokens: list[Token], i: int) -> int:
    pending = 0
    for k in range(i - 1, -1, -1):
        if tokens[k].nesting == -1:
            pending += 1
        elif tokens[k].nesting == 1:
            if pending == 0:
                return k
            pending -= 1
    return -1


def _unmatched_closer_after(tokens: list[Token], j: int) -> int:
    pending = 0
    for k in range(j, len(tokens)):
        if tokens[k].nesting == 1:
            pending += 1
        elif tokens[k].nesting == -1:
            if pending == 0:
                return k
            pending -= 1
    return len(tokens) - 1


def _enclosing_opener(tokens: list[Token], i: int) -> Token | None:
    k = _unmatched_opener_before(tokens, i)
    return tokens[k] if k >= 0 else None
