"""Pictures drawn at build time as SVG: figure dot plots, the timeline axis, the actor map.

Each picture reads without colour (shapes, words and positions carry the meaning), every
mark that stands for a source is a link, and the page around it has a table or list that
says the same for screen readers and print.
"""

from __future__ import annotations

import math
from html import escape

from markupsafe import Markup

from .. import labels, urls
from ..model import PartialDate
from ..resolve.views import ActorPage, EventView, FigureView

FONT = 'font-family="system-ui, sans-serif"'


def figure_plot(view: FigureView, root: str) -> Markup:
    """One row per report: a dot at the value, a bracketed range for 'as many as'/'up to',
    an open arrow for 'at least'/'more than', a ring for 'about'."""
    reports = view.reports
    if len(reports) < 2:
        return Markup("")
    values = [r.report.value for r in reports]
    low, high = min(0.0, min(values)), max(values) * 1.15 or 1.0
    label_w, plot_w, row_h, top = 230, 360, 34, 28
    width, height = label_w + plot_w + 30, top + row_h * len(reports) + 34

    def x(value: float) -> float:
        return label_w + (value - low) / (high - low) * plot_w

    title_id = f"plot-{view.figure.id}"
    parts = [f'<svg class="plot" viewBox="0 0 {width} {height}" role="group" aria-labelledby="{title_id}" {FONT} font-size="13">',
             f'<title id="{title_id}">Reported values of {escape(view.figure.label)}, one row per source</title>']
    axis_y = top + row_h * len(reports) + 4
    parts.append(f'<line x1="{label_w}" y1="{axis_y}" x2="{label_w + plot_w}" y2="{axis_y}" stroke="currentColor"/>')
    for tick in _ticks(low, high):
        tx = x(tick)
        parts.append(f'<line x1="{tx:.1f}" y1="{axis_y}" x2="{tx:.1f}" y2="{axis_y + 5}" stroke="currentColor"/>'
                     f'<text x="{tx:.1f}" y="{axis_y + 18}" text-anchor="middle" fill="currentColor">{labels.value(tick, None)}</text>')
    for i, r in enumerate(reports):
        y = top + row_h * i + row_h / 2
        vx = x(r.report.value)
        source = escape(_shorten(r.citation.via or r.citation.article.outlet or r.citation.article.title, 30))
        qualifier = r.report.qualifier or ""
        link = f"{root}{r.citation.url}"
        parts.append(f'<text x="{label_w - 10}" y="{y + 4:.1f}" text-anchor="end" fill="currentColor">{source}</text>')
        parts.append(f'<line x1="{label_w}" y1="{y:.1f}" x2="{label_w + plot_w}" y2="{y:.1f}" stroke="currentColor" stroke-opacity="0.15"/>')
        label = escape(f"{source}: {r.value_text} (go to the quoted passage)")
        parts.append(f'<a href="{escape(link)}" aria-label="{label}">')
        if qualifier in ("as many as", "up to"):  # a ceiling: anything from the axis up to the value
            parts.append(f'<line x1="{x(low):.1f}" y1="{y:.1f}" x2="{vx:.1f}" y2="{y:.1f}" stroke="currentColor" stroke-width="3" stroke-dasharray="6 3"/>'
                         f'<path d="M{vx:.1f} {y - 8:.1f} h-5 v16 h5" fill="none" stroke="currentColor" stroke-width="2"/>')
        elif qualifier in ("at least", "more than"):  # a floor: the value or beyond
            parts.append(f'<line x1="{vx:.1f}" y1="{y:.1f}" x2="{vx + 40:.1f}" y2="{y:.1f}" stroke="currentColor" stroke-width="3"/>'
                         f'<path d="M{vx + 34:.1f} {y - 6:.1f} l8 6 l-8 6" fill="none" stroke="currentColor" stroke-width="2"/>')
        if qualifier == "about":
            parts.append(f'<circle cx="{vx:.1f}" cy="{y:.1f}" r="7" fill="none" stroke="currentColor" stroke-width="3"/>')
        else:
            parts.append(f'<circle cx="{vx:.1f}" cy="{y:.1f}" r="6" fill="currentColor"/>')
        parts.append(f'<text x="{vx:.1f}" y="{y - 10:.1f}" text-anchor="middle" fill="currentColor">{escape(r.value_text)}</text></a>')
    parts.append("</svg>")
    return Markup("".join(parts))


def _shorten(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def _ticks(low: float, high: float) -> list[float]:
    span = high - low
    step = 10 ** math.floor(math.log10(span / 4)) if span > 0 else 1
    for factor in (1, 2, 5, 10):
        if span / (step * factor) <= 6:
            step *= factor
            break
    first = math.ceil(low / step) * step
    return [first + i * step for i in range(int((high - first) // step) + 1)]


def _span(date: PartialDate) -> tuple[float, float]:
    """A partial date as the stretch of time it covers, in fractional years."""
    if date.day:
        start = date.year + (date.month - 1) / 12 + (date.day - 1) / 365
        return start, start + 1 / 365
    if date.month:
        start = date.year + (date.month - 1) / 12
        return start, start + 1 / 12
    return float(date.year), date.year + 1.0


def timeline_axis(events: tuple[EventView, ...], root: str) -> Markup:
    """Events on a time axis; a year or a month is drawn as the span it covers. Where a long
    background and a short crisis share a timeline, the axis breaks at the largest gap."""
    if len(events) < 2:
        return Markup("")
    spans = [_span(e.event.date) for e in events]
    panels = _panels(sorted(spans))
    width, lane_h, panel_gap, left = 760, 16, 36, 20
    lanes = _lanes(spans, panels)
    lane_count = max(lanes) + 1
    height = 40 + lane_count * lane_h + 30
    plot_w = width - 2 * left - panel_gap * (len(panels) - 1)
    # Two panels: the background gets two fifths of the width, the crowded crisis the rest.
    shares = [1.0] if len(panels) == 1 else [0.4, 0.6]
    offsets: list[float] = []
    x0: float = left
    for share in shares:
        offsets.append(x0)
        x0 += share * plot_w + panel_gap

    def x(t: float) -> float:
        for (lo, hi), off, share in zip(panels, offsets, shares):
            if lo <= t <= hi:
                return off + (t - lo) / (hi - lo or 1) * share * plot_w
        return offsets[-1] + shares[-1] * plot_w

    parts = [f'<svg class="timeline-axis" viewBox="0 0 {width} {height}" role="group" aria-labelledby="timeline-axis-title" {FONT} font-size="12">',
             '<title id="timeline-axis-title">The events on a time axis; the list below gives each one</title>']
    axis_y = height - 30
    for (lo, hi), off, share in zip(panels, offsets, shares):
        inside = [e.event.date for e, (start, _) in zip(events, spans) if lo <= start <= hi]
        parts.append(f'<line x1="{off:.1f}" y1="{axis_y}" x2="{off + share * plot_w:.1f}" y2="{axis_y}" stroke="currentColor"/>')
        parts.append(f'<text x="{off:.1f}" y="{axis_y + 16}" fill="currentColor">{escape(labels.short_date(min(inside)))}</text>'
                     f'<text x="{off + share * plot_w:.1f}" y="{axis_y + 16}" text-anchor="end" fill="currentColor">{escape(labels.short_date(max(inside)))}</text>')
    for off in offsets[1:]:
        parts.append(f'<text x="{off - panel_gap / 2:.1f}" y="{axis_y + 4}" text-anchor="middle" fill="currentColor">…</text>')
    for event, (start, end), lane in zip(events, spans, lanes):
        y = 30 + lane * lane_h
        x1, x2 = x(start), max(x(end), x(start) + 6)
        label = escape(f"{event.event.date.label}: go to the event")
        parts.append(f'<a href="{escape(root + event.url)}" aria-label="{label}">'
                     f'<rect x="{x1:.1f}" y="{y:.1f}" width="{x2 - x1:.1f}" height="10" rx="2" fill="currentColor"/></a>')
    parts.append("</svg>")
    return Markup("".join(parts))


def _panels(spans: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """One axis, or two where most events crowd into the last weeks of a long history:
    the background, then the crisis at a scale where its days can be told apart."""
    lo, hi = spans[0][0], max(end for _, end in spans)
    recent = [s for s in spans if s[0] >= hi - 0.25]
    earlier = [s for s in spans if s[0] < hi - 0.25]
    if len(recent) >= 3 and earlier and hi - lo > 2:
        return [(lo, max(end for _, end in earlier)), (recent[0][0], hi)]
    return [(lo, hi)]


def _lanes(spans: list[tuple[float, float]], panels: list[tuple[float, float]]) -> list[int]:
    """Stack overlapping events in lanes so that none hides another."""
    ends: list[float] = []
    lanes = []
    for start, end in spans:
        margin = (panels[-1][1] - panels[-1][0]) / 60
        for lane, lane_end in enumerate(ends):
            if start >= lane_end + margin:
                ends[lane] = end
                lanes.append(lane)
                break
        else:
            ends.append(end)
            lanes.append(len(ends) - 1)
    return lanes


def actor_map(actors: tuple[ActorPage, ...], root: str) -> Markup:
    """The actors that have relations, round a circle grouped by kind, relations as chords.

    A circle keeps every name legible and the same content always gives the same picture;
    shapes tell the kinds apart without colour (circle: person, triangle: organization,
    square: state, diamond: place).
    """
    edges = sorted({(p.actor.id, r.other.id, f"{r.before}{r.other.name}{r.after}") for p in actors for r in p.relations if r.stated_here})
    linked = {a for a, _, _ in edges} | {b for _, b, _ in edges}
    order = [p.actor for p in sorted(actors, key=lambda p: (KIND_ORDER.index(p.actor.kind), p.actor.name.lower()))
             if p.actor.id in linked]
    if len(order) < 2:
        return Markup("")
    longest = max(len(a.name) for a in order)
    radius = 230
    width = height = int(2 * (radius + 30 + longest * 7.5))
    cx, cy = width / 2, height / 2
    angle = {a.id: 2 * math.pi * i / len(order) - math.pi / 2 for i, a in enumerate(order)}

    def point(actor_id: str, r: float = radius) -> tuple[float, float]:
        return cx + r * math.cos(angle[actor_id]), cy + r * math.sin(angle[actor_id])

    names = {a.id: a.name for a in order}
    parts = [f'<svg class="actor-map" viewBox="0 0 {width} {height}" role="group" aria-labelledby="actor-map-title" {FONT} font-size="14">',
             '<title id="actor-map-title">Map of the actors and their relations; the list of actors gives the same</title>']
    for a, b, text in edges:
        (x1, y1), (x2, y2) = point(a), point(b)
        parts.append(f'<path d="M{x1:.1f} {y1:.1f} Q{cx:.1f} {cy:.1f} {x2:.1f} {y2:.1f}" fill="none" stroke="currentColor" stroke-opacity="0.4">'
                     f'<title>{escape(names[a])} → {escape(names[b])}: {escape(text)}</title></path>')
    for actor in order:
        x, y = point(actor.id)
        lx, ly = point(actor.id, radius + 16)
        anchor = "start" if math.cos(angle[actor.id]) >= 0 else "end"
        rotation = math.degrees(angle[actor.id]) + (0 if anchor == "start" else 180)
        shape = {"person": f'<circle cx="{x:.1f}" cy="{y:.1f}" r="7"',
                 "state": f'<rect x="{x - 6:.1f}" y="{y - 6:.1f}" width="12" height="12"',
                 "organization": f'<path d="M{x:.1f} {y - 8:.1f} l7 13 h-14 z"',
                 "place": f'<path d="M{x:.1f} {y - 8:.1f} l8 8 l-8 8 l-8 -8 z"'}[actor.kind]
        # The name is the link's accessible name, so it is never shortened.
        parts.append(f'<a href="{escape(root + urls.actor(actor.id))}">'
                     f'{shape} fill="currentColor"/>'
                     f'<text x="{lx:.1f}" y="{ly:.1f}" dy="0.35em" text-anchor="{anchor}" fill="currentColor" '
                     f'transform="rotate({rotation:.1f} {lx:.1f} {ly:.1f})">{escape(actor.name)}</text></a>')
    parts.append("</svg>")
    return Markup("".join(parts))


KIND_ORDER = ("person", "organization", "state", "place")
