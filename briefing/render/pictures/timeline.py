"""The timeline's picture: every event on a time axis, numbered as in the list below it.

A long background and a crowded last few weeks get a scale each, one above the other and
each the full width, so that the days of the crisis can be told apart on a phone. A year or
a month is drawn as the span it covers. Events dated after the briefing's as-of date are
drawn dashed and hollow beyond an "as of" rule, labelled "scheduled". The dates of the
events are labelled on the axis, the busiest first, as many as fit the narrowest screen.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from markupsafe import Markup

from ... import labels
from ...markup import RefTarget
from ...model import PartialDate
from ...resolve.views import EventView
from .svg import NARROWEST, SMALL_PX, KeyItem, esc, key, num, pct, text_width

LEFT, RIGHT = 4.0, 96.0  # where the scale runs, in percent of the strip
BADGE_H, LANE_H = 18, 22
CLOSE_UP_DAYS = 91  # events this close to the last one make a close-up of their own
Scale = Callable[[float], float]


@dataclass(frozen=True)
class Placed:
    """An event as the picture draws it: its number in the list, the days it covers, whether it is still to come."""

    number: int
    view: EventView
    start: int  # the first day it covers (a proleptic Gregorian ordinal)
    end: int  # the day after the last
    scheduled: bool


def days_of(date: PartialDate) -> tuple[int, int]:
    """The days a partial date covers, as ordinals: a year, a month or a day."""
    if date.day:
        first = dt.date(date.year, date.month, date.day)
        return first.toordinal(), first.toordinal() + 1
    if date.month:
        first = dt.date(date.year, date.month, 1)
        after = dt.date(date.year + date.month // 12, date.month % 12 + 1, 1)
        return first.toordinal(), after.toordinal()
    return dt.date(date.year, 1, 1).toordinal(), dt.date(date.year + 1, 1, 1).toordinal()


def is_scheduled(date: PartialDate, as_of: dt.date | None) -> bool:
    """Whether an event is still to come on the as-of date: the whole of its span is after it."""
    return as_of is not None and days_of(date)[0] > as_of.toordinal()


def place(events: tuple[EventView, ...], as_of: dt.date | None) -> list[Placed]:
    return [Placed(i, e, *days_of(e.event.date), is_scheduled(e.event.date, as_of)) for i, e in enumerate(events, 1)]


def panels(placed: list[Placed], as_of: dt.date | None) -> list[tuple[int, int]]:
    """The scales, as [first day, day after the last): one, or two where most events crowd
    into the last weeks of a long history (the background, then a close-up of those weeks).
    The last scale reaches the as-of date when it falls within weeks of its events."""
    lo, hi = min(p.start for p in placed), max(p.end for p in placed)
    recent = [p for p in placed if p.start >= hi - CLOSE_UP_DAYS]
    earlier = [p for p in placed if p.start < hi - CLOSE_UP_DAYS]
    scales = [(lo, hi)]
    if len(recent) >= 3 and earlier and hi - lo > 2 * 365:
        scales = [(lo, max(p.end for p in earlier)), (min(p.start for p in recent), hi)]
    if as_of is not None:
        first, last, day = *scales[-1], as_of.toordinal()
        if first - CLOSE_UP_DAYS <= day < last + CLOSE_UP_DAYS and (len(scales) == 1 or day >= scales[0][1]):
            scales[-1] = (min(first, day), max(last, day + 1))
    return scales


def timeline_axis(events: tuple[EventView, ...], root: str, as_of: dt.date | None = None,
                  refs: Mapping[tuple[str, str], RefTarget] | None = None) -> Markup:
    """The picture above the timeline's list (nothing for fewer than two events)."""
    if len(events) < 2:
        return Markup("")
    placed = place(events, as_of)
    scales = panels(placed, as_of)
    blocks = []
    for i, (lo, hi) in enumerate(scales):
        inside = [p for p in placed if (lo <= p.start < hi) and (i == len(scales) - 1 or p.start < scales[i + 1][0])]
        title = _panel_title(inside, len(scales), i)
        blocks.append(f'<div class="timeline-panel">{title}{_strip(inside, lo, hi, root, as_of, refs or {})}</div>')
    items = [KeyItem('<rect class="badge" x="3" y="0" width="22" height="16" rx="3"/>',
                     "an event, numbered as in the list below")]
    if any(p.scheduled for p in placed):
        items.append(KeyItem('<rect class="badge scheduled" x="3.5" y="0.5" width="21" height="15" rx="3"/>',
                             "scheduled: dated after the as-of date"))
    if any(not p.view.event.date.day for p in placed):
        items.append(KeyItem('<rect class="span" x="2" y="5" width="24" height="6"/>', "a month or a year: the span it covers"))
    if as_of is not None and any(lo <= as_of.toordinal() < hi for lo, hi in scales):
        items.append(KeyItem('<line class="as-of" x1="14" x2="14" y1="0" y2="16"/>',
                             f"as of {labels.day(as_of)}, the date of this briefing"))
    caption = "Every event, on one time axis or two (the background, then a close-up of the last weeks); each mark links to its entry below."
    return Markup(f'<figure class="picture timeline-picture">{key(items, "Key to the marks")}{"".join(blocks)}'
                  f"<figcaption>{esc(caption)}</figcaption></figure>")


def _panel_title(inside: list[Placed], count: int, index: int) -> str:
    if count == 1 or not inside:
        return ""
    words = "The background" if index == 0 else "Close up"
    return f'<p class="timeline-panel-title">{words}: {esc(_date_range(inside[0].view.event.date, inside[-1].view.event.date))}</p>'


def _date_range(first: PartialDate, last: PartialDate) -> str:
    """2–13 January 2022; 1992 to August 2021."""
    if first == last:
        return first.label
    if first.day and last.day and (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{last.day} {labels.MONTHS[first.month - 1]} {first.year}"
    return f"{first.label} to {last.label}"


def _strip(inside: list[Placed], lo: int, hi: int, root: str, as_of: dt.date | None,
           refs: Mapping[tuple[str, str], RefTarget]) -> str:
    def x(day: float) -> float:
        return LEFT + (day - lo) / (hi - lo) * (RIGHT - LEFT)

    lanes = _lanes(inside, x)
    rule = as_of is not None and lo <= as_of.toordinal() < hi
    words = _as_of_words(as_of, x, any(p.scheduled for p in inside)) if rule and as_of is not None else []
    top = 8 + 14 * len({y for y, _, _ in words})
    axis_y = top + (max(lanes, default=0) + 1) * LANE_H + 4
    height = axis_y + 30
    parts = [f'<line class="axis" x1="{pct(LEFT)}" x2="{pct(RIGHT)}" y1="{axis_y}" y2="{axis_y}"/>']
    parts += _ticks_and_labels(inside, lo, hi, x, axis_y)
    if rule and as_of is not None:
        rx = pct(x(as_of.toordinal() + 1))
        parts.append(f'<line class="as-of" x1="{rx}" x2="{rx}" y1="2" y2="{axis_y}"/>')
        for y, dx, (text, cls) in words:
            anchor = ' text-anchor="end"' if dx < 0 else ""
            parts.append(f'<svg x="{rx}" y="{y}" overflow="visible"><text{cls} x="{dx}"{anchor}>{esc(text)}</text></svg>')
    for p, lane in sorted(zip(inside, lanes), key=lambda pl: -pl[1]):  # the upper first: their leaders pass behind
        parts.append(_badge(p, lane, x, axis_y, root, refs))
    return f'<svg class="timeline-strip" width="100%" height="{height}">{"".join(parts)}</svg>'


def _badge_width(number: int) -> float:
    return max(22.0, len(str(number)) * 9 + 8)


def _lanes(inside: list[Placed], x: Scale) -> list[int]:
    """Stack the marks so that none covers another at the narrowest width: lane 0 is on the axis."""
    ends: list[float] = []
    lanes = []
    for p in inside:
        centre = x((p.start + p.end) / 2) / 100 * NARROWEST
        half = _badge_width(p.number) / 2
        for lane, end in enumerate(ends):
            if centre - half >= end + 3:
                ends[lane] = centre + half
                lanes.append(lane)
                break
        else:
            ends.append(centre + half)
            lanes.append(len(ends) - 1)
    return lanes


def _badge(p: Placed, lane: int, x: Scale, axis_y: float, root: str, refs: Mapping[tuple[str, str], RefTarget]) -> str:
    date = p.view.event.date
    centre = x((p.start + p.end) / 2)
    width = _badge_width(p.number)
    top = axis_y - 6 - BADGE_H - lane * LANE_H
    scheduled = " scheduled" if p.scheduled else ""
    span = ""
    if not date.day:  # a month or a year: the stretch of axis it covers
        x1, x2 = x(p.start), x(p.end)
        span = f'<rect class="span{scheduled}" x="{pct(x1)}" y="{axis_y - 3}" width="{pct(max(x2 - x1, 0.4))}" height="6"/>'
    words = labels.short_words(labels.plain_text(p.view.event.event.markdown, refs), 14)
    label = f"{p.number}. {date.label}{' (scheduled)' if p.scheduled else ''}: {words}"
    return (f'<a href="{esc(root + p.view.url)}" aria-label="{esc(label)}">{span}'
            f'<svg x="{pct(centre)}" y="{num(top)}" overflow="visible">'
            f'<line class="leader" x1="0" x2="0" y1="{BADGE_H}" y2="{num(axis_y - top)}"/>'
            f'<rect class="badge{scheduled}" x="{num(-width / 2)}" y="0" width="{num(width)}" height="{BADGE_H}" rx="3"/>'
            f'<text class="badge-text{scheduled}" x="0" y="13.5" text-anchor="middle">{p.number}</text></svg></a>')


def _as_of_words(as_of: dt.date, x: Scale, scheduled: bool) -> list[tuple[int, int, tuple[str, str]]]:
    """The words at the as-of rule, as (baseline, offset from the rule, (text, class)): "as of 8 Jan"
    before it and "scheduled" after it where the narrowest screen has room, else both after it, one
    above the other."""
    rx = x(as_of.toordinal() + 1)  # the end of the as-of day: what is known by then lies before it
    words = f"as of {as_of.day} {labels.MONTHS[as_of.month - 1][:3]}"
    room_before, room_after = rx / 100 * NARROWEST, (100 - rx) / 100 * NARROWEST
    after = ("scheduled", ' class="scheduled-words"')
    fits_after = room_after >= text_width(after[0], SMALL_PX) + 8
    if room_before >= text_width(words, SMALL_PX) + 8:
        return [(14, -5, (words, ""))] + ([(14, 5, after)] if scheduled and fits_after else [])
    return [(14, 5, (words, ""))] + ([(28, 5, after)] if scheduled else [])


def _ticks_and_labels(inside: list[Placed], lo: int, hi: int, x: Scale, axis_y: float) -> list[str]:
    """A small tick for every day (or year) where they can be told apart, and the dates of
    the events labelled: the first and last, then the busiest, as many as fit side by side."""
    unit = "day" if hi - lo <= 120 else "month" if hi - lo <= 3 * 366 else "year"
    parts = []
    if unit == "day":
        minor = [(d, d + 1) for d in range(lo, hi)]
    elif unit == "year":
        years = range(dt.date.fromordinal(lo).year, dt.date.fromordinal(hi - 1).year + 1)
        minor = [(dt.date(y, 1, 1).toordinal(), dt.date(y, 1, 1).toordinal()) for y in years if len(years) <= 60]
    else:
        minor = []
    for start, end in minor:
        mx = x((start + end) / 2)
        if LEFT <= mx <= RIGHT:
            parts.append(f'<line class="tick" x1="{pct(mx)}" x2="{pct(mx)}" y1="{axis_y}" y2="{axis_y + 4}"/>')
    # The units that hold events, each with how many, in order of priority.
    units: dict[tuple[int, int, int], tuple[int, int, int]] = {}  # key -> (count, start, end)
    for p in inside:
        if unit == "day" and not p.view.event.date.day or unit == "month" and not p.view.event.date.month:
            continue  # a month on a scale of days is drawn as its span, not labelled as its first day
        date = dt.date.fromordinal(p.start)
        k = (date.year, date.month if unit != "year" else 0, date.day if unit == "day" else 0)
        start, end = days_of(PartialDate(*k))
        count = units.get(k, (0, start, end))[0] + 1
        units[k] = (count, start, end)
    ordered = sorted(units)
    priority = ordered[:1] + ordered[-1:] + sorted(ordered[1:-1], key=lambda k: (-units[k][0], k))
    taken: list[tuple[float, float, tuple[int, int, int]]] = []
    for k in dict.fromkeys(priority):
        _, start, end = units[k]
        cx = x((start + end) / 2) / 100 * NARROWEST
        # The first label names its month (or year), and so may any in another month (or year) than the first.
        half = text_width(_unit_label(k, k == ordered[0] or _new_period(unit, ordered[0], k)), SMALL_PX) / 2 + 5
        if all(cx + half <= left or cx - half >= right for left, right, _ in taken):
            taken.append((cx - half, cx + half, k))
    previous: tuple[int, int, int] | None = None
    for _, _, k in sorted(taken, key=lambda t: t[2]):
        _, start, end = units[k]
        cx = x((start + end) / 2)
        full = previous is None or _new_period(unit, previous, k)
        anchor = "start" if cx < 6 else "end" if cx > 94 else "middle"
        parts.append(f'<line class="tick major" x1="{pct(cx)}" x2="{pct(cx)}" y1="{axis_y}" y2="{axis_y + 7}"/>'
                     f'<text x="{pct(cx)}" y="{axis_y + 22}" text-anchor="{anchor}">{esc(_unit_label(k, full))}</text>')
        previous = k
    return parts


def _new_period(unit: str, before: tuple[int, int, int], k: tuple[int, int, int]) -> bool:
    """Whether a date label must name its month (a day's) or its year (a month's) again."""
    return before[:2] != k[:2] if unit == "day" else before[0] != k[0]


def _unit_label(k: tuple[int, int, int], full: bool) -> str:
    year, month, day = k
    if day:
        return f"{day} {labels.MONTHS[month - 1][:3]}" if full else str(day)
    if month:
        return f"{labels.MONTHS[month - 1][:3]} {year}" if full else labels.MONTHS[month - 1][:3]
    return str(year)
