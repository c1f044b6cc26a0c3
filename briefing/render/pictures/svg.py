"""What every picture shares: escaping, words wrapped to a width, the marks for kinds of actor, the key.

Text in a picture is sized in CSS pixels and never scaled below 12 px: the strips are drawn
without a viewBox (positions in percent, sizes in pixels), and the few pictures that do scale
are designed at a width no wider than the narrowest screen allows (see NARROWEST).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from html import escape

from markupsafe import Markup

# The narrowest drawing width a picture must read at: a 320 px screen less the page's padding.
NARROWEST = 296
TEXT_PX = 14  # the size of text in a picture
SMALL_PX = 13  # axis labels: still at least 12 px as drawn
# Average advance of a character, in ems, for the widest common UI font (DejaVu Sans): a
# line wrapped with these estimates fits whatever font the reader's system gives system-ui.
EM_REGULAR = 0.57
EM_BOLD = 0.64

KIND_ORDER = ("person", "organization", "state", "place")
KIND_MARK_WORDS = {"person": "circle", "organization": "triangle", "state": "square", "place": "diamond"}
KIND_PLURAL = {"person": "people", "organization": "organizations", "state": "states", "place": "places"}


def esc(text: object) -> str:
    """Text for an SVG or HTML attribute or element."""
    return escape(str(text), quote=True)


def num(value: float) -> str:
    """A coordinate, short: 12, 12.5."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def pct(value: float) -> str:
    """A position along a strip drawn without a viewBox."""
    return f"{value:.2f}".rstrip("0").rstrip(".") + "%"


def text_width(text: str, size: float = TEXT_PX, bold: bool = False) -> float:
    """The width a text takes at most, in pixels (an estimate on the wide side)."""
    return len(text) * size * (EM_BOLD if bold else EM_REGULAR)


@dataclass(frozen=True)
class Run:
    """Words of one style inside a wrapped text: the other actor's name is `strong`."""

    text: str
    strong: bool = False


@dataclass
class _Chunk:
    """Text that is never broken across lines: a word, with what is glued to it (a name and its colon)."""

    runs: list[Run]
    space_before: bool
    width: float


def wrap(runs: Iterable[Run], width: float, size: float = TEXT_PX) -> list[list[Run]]:
    """Runs of words broken into lines no wider than `width` pixels. A word longer than a line is
    broken after its hyphens where it has any, and otherwise stands on a line of its own; the
    spaces between words are plain runs, so that a strong name is underlined without them."""
    chunks: list[_Chunk] = []
    space = True
    for run in runs:
        for token in re.findall(r"\S+|\s+", run.text):
            if token.isspace():
                space = True
                continue
            for i, part in enumerate(_hyphen_parts(token, width, size, run.strong)):
                advance = text_width(part, size, run.strong)
                if chunks and not space and i == 0:  # glued: "Nazarbayev" + ":"
                    chunks[-1].runs.append(Run(part, run.strong))
                    chunks[-1].width += advance
                else:
                    chunks.append(_Chunk([Run(part, run.strong)], space and i == 0, advance))
            space = False
    lines: list[list[_Chunk]] = []
    used, space_width = 0.0, text_width(" ", size)
    for chunk in chunks:
        glue = space_width if chunk.space_before else 0.0
        if lines and used + glue + chunk.width <= width:
            lines[-1].append(chunk)
            used += glue + chunk.width
        else:
            lines.append([chunk])
            used = chunk.width
    return [_merge(line) for line in lines]


def _hyphen_parts(word: str, width: float, size: float, bold: bool) -> list[str]:
    """A word too long for a line: broken after its own hyphens, or else (a last resort, so that
    nothing is ever drawn outside its picture) into pieces that fit, each but the last with a hyphen."""
    if text_width(word, size, bold) <= width:
        return [word]
    if "-" in word.strip("-"):
        pieces = word.split("-")
        return [piece + "-" for piece in pieces[:-1]] + [pieces[-1]]
    fits = max(2, int(width / text_width("m", size, bold)) - 1)
    pieces = [word[i:i + fits] for i in range(0, len(word), fits)]
    return [piece + "-" for piece in pieces[:-1]] + pieces[-1:]


def _merge(line: list[_Chunk]) -> list[Run]:
    """A line's chunks as runs of one style each, with plain spaces between words."""
    merged: list[Run] = []
    for i, chunk in enumerate(line):
        # A space between two words of a name belongs to the name (it is underlined with it).
        between = bool(merged) and merged[-1].strong and chunk.runs[0].strong
        pieces = ([Run(" ", between)] if i and chunk.space_before else []) + chunk.runs
        for piece in pieces:
            if merged and merged[-1].strong == piece.strong:
                merged[-1] = Run(merged[-1].text + piece.text, merged[-1].strong)
            else:
                merged.append(piece)
    return merged


def plain(runs: Iterable[Run]) -> str:
    return "".join(run.text for run in runs)


def kind_mark(kind: str, x: float, y: float, size: float = 10, hollow: bool = False) -> str:
    """A shape for a kind of actor, centred on (x, y): what tells the kinds apart without colour."""
    half = size / 2
    paint = 'class="hollow"' if hollow else 'fill="currentColor"'
    if kind == "person":
        return f'<circle cx="{num(x)}" cy="{num(y)}" r="{num(half)}" {paint}/>'
    if kind == "organization":
        return f'<path d="M{num(x)} {num(y - half - 1)}l{num(half + 1)} {num(size + 1)}h{num(-size - 2)}z" {paint}/>'
    if kind == "state":
        side = size - 1
        return f'<rect x="{num(x - side / 2)}" y="{num(y - side / 2)}" width="{num(side)}" height="{num(side)}" {paint}/>'
    return f'<path d="M{num(x)} {num(y - half - 1)}l{num(half + 1)} {num(half + 1)}l{num(-half - 1)} {num(half + 1)}l{num(-half - 1)} {num(-half - 1)}z" {paint}/>'


@dataclass(frozen=True)
class KeyItem:
    """One line of a picture's key: a small drawing of a mark (SVG content in a 28 × 16 box) and its meaning."""

    drawing: str
    meaning: str


def key(items: Iterable[KeyItem], label: str = "Key") -> Markup:
    """The key of a picture, as a list beside it: every mark it uses, in words."""
    rows = "".join(f'<li><svg class="key-mark" width="28" height="16" aria-hidden="true">{item.drawing}</svg>'
                   f"{esc(item.meaning)}</li>" for item in items)
    return Markup(f'<ul class="picture-key" aria-label="{esc(label)}">{rows}</ul>')
