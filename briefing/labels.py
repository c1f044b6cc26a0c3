"""The words and numbers a reader sees for dates, values and references: one format each."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .markup import RefTarget
    from .model import PartialDate
    from .resolve.views import IndependentSource

MONTHS = ("January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December")


def day(value: dt.date) -> str:
    """6 January 2022."""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def human_date(value: dt.date | dt.datetime | None) -> str:
    """6 January 2022, or 6 January 2022, 14:30 for a date and time; '' for none."""
    if value is None:
        return ""
    text = day(value)
    if isinstance(value, dt.datetime):
        text += f", {value:%H:%M}"
    return text


def partial_date(date: PartialDate) -> str:
    """2014, March 2014 or 6 January 2022."""
    if date.day:
        return f"{date.day} {MONTHS[date.month - 1]} {date.year}"
    if date.month:
        return f"{MONTHS[date.month - 1]} {date.year}"
    return str(date.year)


def as_day(value: dt.date | dt.datetime | None) -> dt.date | None:
    """The day of a date or a date and time (the two cannot be compared as they are)."""
    return value.date() if isinstance(value, dt.datetime) else value


def short_day(value: dt.date | dt.datetime | None) -> str:
    """6 Jan 2022, for bylines."""
    if value is None:
        return ""
    return f"{value.day} {MONTHS[value.month - 1][:3]} {value.year}"


_OPENING = re.compile(r"(^|[\s(\[{\u2014\u2013-])[\"']")
_APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)|(?<=s)'(?=\s|$)")


@functools.lru_cache(maxsize=4096)  # the briefing's title alone is curled five times on every page
def typographic(text: str) -> str:
    """The editor's straight quotes and apostrophes curled: Russia’s, “second front”.
    (Never used on quotes from an article: those stay as the outlet printed them.)"""
    text = _APOSTROPHE.sub("\u2019", text)
    text = _OPENING.sub(lambda m: m.group(1) + ("\u201c" if m.group(0)[-1] == '"' else "\u2018"), text)
    return text.replace('"', "\u201d").replace("'", "\u2019")


def short_date(date: PartialDate) -> str:
    """2014, Mar 2014 or 6 Jan 2022: for axis labels."""
    return " ".join(part[:3] if part.isalpha() else part for part in partial_date(date).split())


def value(number: float, qualifier: str | None) -> str:
    """A reported value as the reader sees it: 'as many as 3,000', '12.5'."""
    text = f"{number:,.0f}" if float(number).is_integer() else f"{number:,}"
    return " ".join(part for part in (qualifier, text) if part)


def short_words(text: str, words: int = 12) -> str:
    """The first words of a text, with an ellipsis when there were more."""
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def plain_text(markdown: str, refs: Mapping[tuple[str, str], RefTarget]) -> str:
    """A Markdown snippet as plain words, for link labels, titles and the feed."""
    from .markup import XREF_PATTERN  # here, not above: the model imports this module, and needs no Markdown

    def ref_text(match: re.Match[str]) -> str:
        kind, key, label = match.group(1) or "actor", match.group(2).strip(), match.group(3)
        target = refs.get((kind, key))
        return (label or "").strip() or (target.text if target else key)

    text = XREF_PATTERN.sub(ref_text, markdown)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return re.sub(r"[*_`#>]+", "", text).strip()


_KIND_WORDS = {"news": "news", "analysis": "analysis", "opinion": "opinion", "blog": "blog", None: "of unknown kind"}


def sources(found: tuple[IndependentSource, ...]) -> str:
    """'3 independent sources: 1 news, 2 opinion'; 'No source in the briefing's articles'."""
    if not found:
        return "No source in the briefing's articles"
    counts: dict[str | None, int] = {}
    for source in found:
        counts[source.kind] = counts.get(source.kind, 0) + 1
    kinds = ", ".join(f"{n} {_KIND_WORDS.get(kind, kind)}" for kind, n in counts.items())
    plural = "s" if len(found) != 1 else ""
    return f"{len(found)} independent source{plural}: {kinds}"
