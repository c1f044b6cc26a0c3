"""The dot plot of a figure's reports: one row per report, its source named in full beside it.

Marks, from the heaviest to the lightest: a solid dot is a value reported as it is; a light
band is a value with a qualifier (a band up to a bar for "as many as" and "up to", from a bar
to an arrow for "at least" and "more than", 10% either side of a tick for "about"); a copy
of another article is drawn hollow and dashed, and named as a copy, since it is not a source
of its own. The heaviest mark is the firmest report.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from markupsafe import Markup

from ... import labels
from ...model import ArticleCard
from ...resolve.sourcing import original_of
from ...resolve.views import FigureView, ReportView
from .svg import NARROWEST, SMALL_PX, KeyItem, esc, key, pct, text_width

CEILING = ("as many as", "up to")  # anything from nothing up to the value
FLOOR = ("at least", "more than")  # the value or more
ROW_H = 40  # a row of the strip, at least: the value's words above, the mark below, level with the source's name
MARK_Y = 28
LEFT, RIGHT = 3.0, 95.0  # where the scale runs, in percent of the strip (room for the dot and the arrow)

Scale = Callable[[float], float]  # a value to its position along the strip, in percent


@dataclass(frozen=True)
class Mark:
    """How one report is drawn."""

    shape: str  # point | about | ceiling | floor
    copy_of: str | None  # the outlet (or title) of the article it copies: drawn hollow


def shape_of(qualifier: str | None) -> str:
    if qualifier in CEILING:
        return "ceiling"
    if qualifier in FLOOR:
        return "floor"
    return "about" if qualifier == "about" else "point"


def mark_of(report: ReportView, articles: Mapping[str, ArticleCard]) -> Mark:
    card = report.citation.article
    copy_of = None
    if card.syndicates:
        original = original_of(card, articles) if card.syndicates in articles else None
        copy_of = (original.outlet or f"“{original.title}”") if original else card.syndicates
    return Mark(shape_of(report.report.qualifier), copy_of)


def source_words(report: ReportView, mark: Mark) -> tuple[str, str]:
    """The source as the row names it, in full, and what it is: ('Reuters', 'quoted in Unattributed blog')."""
    card = report.citation.article
    outlet = card.outlet or f"“{card.title}”"
    notes = []
    if report.citation.via:
        notes.append(f"quoted in {outlet}")
    if mark.copy_of:
        notes.append(f"copy of {mark.copy_of}, not a separate source")
    return report.citation.via or outlet, "; ".join(notes)


def figure_plot(view: FigureView, root: str, articles: Mapping[str, ArticleCard] | None = None) -> Markup:
    """The picture of a figure with two reports or more (nothing for fewer): a key, one row per
    report with its source in HTML beside a strip, and a shared axis. Every mark is a link to
    the quoted passage."""
    if len(view.reports) < 2:
        return Markup("")
    articles = articles or {}
    marks = [mark_of(r, articles) for r in view.reports]
    values = [r.report.value for r in view.reports]
    low = min(0.0, *values)
    high = max(values) * 1.15 if max(values) > 0 else 1.0
    ticks = _ticks(low, high)
    high = max(high, ticks[-1])

    def x(value: float) -> float:
        return LEFT + (value - low) / (high - low) * (RIGHT - LEFT)

    unit = view.figure.unit or ""
    rows = []
    for report, mark in zip(view.reports, marks):
        name, note = source_words(report, mark)
        strip = _strip(report, mark, x, ticks, f"{root}{report.citation.url}", name, note, unit)
        note_html = f'<span class="dotplot-note">{esc(note)}</span>' if note else ""
        rows.append(f'<div class="dotplot-row"><p class="dotplot-source"><span class="dotplot-name">{esc(name)}</span>'
                    f"{note_html}</p>{strip}</div>")
    axis = _axis(ticks, x, unit)
    caption = "Each row is one report; each mark links to the passage it quotes. The table below gives the same."
    return Markup('<figure class="picture dotplot">'
                  f"{_key(marks)}"
                  f'<div class="dotplot-rows">{"".join(rows)}{axis}</div>'
                  f"<figcaption>{esc(caption)}</figcaption></figure>")


def _strip(report: ReportView, mark: Mark, x: Scale, ticks: list[float], href: str, name: str, note: str,
           unit: str) -> str:
    value = report.report.value
    vx = x(value)
    y = MARK_Y
    grid = "".join(f'<line class="grid" x1="{pct(x(t))}" x2="{pct(x(t))}" y1="0" y2="100%"/>' for t in ticks)
    hollow = mark.copy_of is not None
    band_class = "band copy" if hollow else "band"
    if mark.shape == "ceiling":
        start, end = x(0.0), vx  # the scale starts at 0 or below
        drawing = (f'<rect class="{band_class}" x="{pct(start)}" y="{y - 5}" width="{pct(end - start)}" height="10"/>'
                   f'<line class="cap{" copy" if hollow else ""}" x1="{pct(vx)}" x2="{pct(vx)}" y1="{y - 9}" y2="{y + 9}"/>')
    elif mark.shape == "floor":
        start, end = vx, RIGHT + 3
        drawing = (f'<rect class="{band_class}" x="{pct(start)}" y="{y - 5}" width="{pct(end - start)}" height="10"/>'
                   f'<line class="cap{" copy" if hollow else ""}" x1="{pct(vx)}" x2="{pct(vx)}" y1="{y - 9}" y2="{y + 9}"/>'
                   f'<svg x="{pct(end)}" y="{y}" overflow="visible"><path class="arrow" d="M-8 -8L0 0L-8 8"/></svg>')
    elif mark.shape == "about":
        start, end = x(value * 0.9), x(value * 1.1)
        drawing = (f'<rect class="{band_class}" x="{pct(min(start, end))}" y="{y - 5}" width="{pct(abs(end - start))}" height="10"/>'
                   f'<line class="cap{" copy" if hollow else ""}" x1="{pct(vx)}" x2="{pct(vx)}" y1="{y - 7}" y2="{y + 7}"/>')
    else:
        drawing = f'<circle class="{"dot copy" if hollow else "dot"}" cx="{pct(vx)}" cy="{y}" r="6.5"/>'
    anchor = "start" if vx < 22 else "end" if vx > 78 else "middle"
    shift = {"start": -6, "end": 6, "middle": 0}[anchor]
    words = report.value_text
    label = f"{name}{f' ({note})' if note else ''}: {words}{f' {unit}' if unit else ''}. Go to the quoted passage"
    text = f'<svg x="{pct(vx)}" y="{y - 13}" overflow="visible"><text x="{shift}" text-anchor="{anchor}">{esc(words)}</text></svg>'
    return (f'<svg class="dotplot-strip" width="100%" height="{ROW_H}">'
            f'<g aria-hidden="true">{grid}</g><a href="{esc(href)}" aria-label="{esc(label)}">'
            f'<rect class="hit" width="100%" height="{ROW_H}"/>{drawing}{text}</a></svg>')  # the whole row answers a tap


def _axis(ticks: list[float], x: Scale, unit: str) -> str:
    parts = []
    for tick in ticks:
        tx = x(tick)
        anchor = "start" if tx < 8 else "end" if tx > 90 else "middle"
        parts.append(f'<line x1="{pct(tx)}" x2="{pct(tx)}" y1="0" y2="6"/>'
                     f'<text x="{pct(tx)}" y="22" text-anchor="{anchor}">{esc(labels.value(tick, None))}</text>')
    title = f'<p class="dotplot-source dotplot-unit">{esc(unit[:1].upper() + unit[1:])}</p>' if unit else '<p class="dotplot-source"></p>'
    return (f'<div class="dotplot-row dotplot-axis" aria-hidden="true">{title}'
            f'<svg class="dotplot-strip" width="100%" height="28"><line x1="{pct(LEFT)}" x2="{pct(RIGHT + 3)}" y1="0.5" y2="0.5"/>'
            f'{"".join(parts)}</svg></div>')


def _ticks(low: float, high: float) -> list[float]:
    """Round values from low to about high, as many as fit the narrowest strip side by side."""
    span = high - low or 1.0
    for step in _steps(span):
        first = math.ceil(low / step) * step
        ticks = [first + i * step for i in range(int((high - first) / step + 1e-9) + 1)]
        widest = max(text_width(labels.value(t, None), SMALL_PX) for t in ticks)
        if len(ticks) <= 2 or (widest + 12) * len(ticks) <= NARROWEST * (RIGHT - LEFT) / 100:
            return ticks
    return [low, high]


def _steps(span: float) -> list[float]:
    base = 10 ** math.floor(math.log10(span / 8)) if span > 0 else 1.0
    return [base * factor for factor in (1, 2, 2.5, 5, 10, 20, 25, 50, 100)]


def _key(marks: list[Mark]) -> Markup:
    shapes = {m.shape for m in marks}
    items = []
    if "point" in shapes:
        items.append(KeyItem('<circle class="dot" cx="14" cy="8" r="6"/>', "a value as reported"))
    if "ceiling" in shapes:
        items.append(KeyItem('<rect class="band" x="0" y="3" width="20" height="10"/><line class="cap" x1="21" x2="21" y1="0" y2="16"/>',
                             "“as many as” or “up to”: anything up to the value"))
    if "floor" in shapes:
        items.append(KeyItem('<rect class="band" x="5" y="3" width="20" height="10"/><line class="cap" x1="5" x2="5" y1="0" y2="16"/>'
                             '<path class="arrow" d="M20 2L26 8L20 14"/>', "“at least” or “more than”: the value or more"))
    if "about" in shapes:
        items.append(KeyItem('<rect class="band" x="4" y="3" width="20" height="10"/><line class="cap" x1="14" x2="14" y1="1" y2="15"/>',
                             "“about”: within 10% of the value"))
    if any(m.copy_of for m in marks):
        items.append(KeyItem('<circle class="dot copy" cx="14" cy="8" r="6"/>', "a copy of another article: hollow, not a separate source"))
    return key(items, "Key to the marks")
