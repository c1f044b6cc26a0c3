"""What the resolve stage hands on of the editions: what changed, each judgment's history, each edition's page.

Everything here is worked out (labels, addresses, which reason goes with which move); the
templates only lay it out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..markup import RefTarget
from .records import Edition, JudgmentRecord, QuoteRecord, Rating


@dataclass(frozen=True)
class JudgmentChange:
    kind: str  # moved | added | withdrawn
    id: str
    number: int  # in the later edition; for a withdrawn judgment, in the earlier one
    url: str  # its current version; for a withdrawn judgment, where it stood in the earlier edition
    label: str  # its first words
    before: Rating | None
    after: Rating | None
    reason: str | None  # Markdown: the editor's `changed:` for this move
    stale_reason: bool = False  # `changed:` is still the reason given for an earlier move

    @property
    def move(self) -> str:
        """"from likely to very likely": how a judgment that moved moved."""
        return self.before.move_to(self.after) if self.before and self.after else ""


@dataclass(frozen=True)
class ReportChange:
    kind: str  # new | value | dropped
    value: str  # as a reader sees it, with the unit ("as many as 3,000 troops")
    before: str | None  # the value it replaced (kind "value")
    source: str  # who reports it
    url: str | None  # the quoted passage


@dataclass(frozen=True)
class FigureChange:
    id: str
    label: str
    url: str
    new: bool  # a figure the earlier edition did not have
    reports: tuple[ReportChange, ...]


@dataclass(frozen=True)
class QuestionChange:
    id: str
    label: str
    url: str
    new: bool
    before: Rating | None  # the assessment; None: not assessed
    after: Rating | None

    @property
    def move(self) -> str:
        if self.before and self.after:
            return self.before.move_to(self.after)
        return f"from {self.before.words if self.before else 'none'} to {self.after.words if self.after else 'none'}"


@dataclass(frozen=True)
class ArticleChange:
    slug: str
    title: str
    url: str
    outlet: str | None
    published: str | None  # as a reader sees it


@dataclass(frozen=True)
class EventChange:
    id: str
    label: str  # its date and first words
    url: str


@dataclass(frozen=True)
class ClaimLink:
    label: str
    url: str
    unsupported: bool  # nothing it cites counts as a source any more


@dataclass(frozen=True)
class RetractionChange:
    slug: str
    title: str
    url: str
    outlet: str | None
    kind: str  # retracted | discredited
    reason: str  # Markdown
    claims: tuple[ClaimLink, ...]  # the claims that cite it


@dataclass(frozen=True)
class Changes:
    """What changed from one edition to the next, in the claims themselves."""

    since: dt.date | None  # the earlier edition's date
    since_url: str  # its page
    judgments: tuple[JudgmentChange, ...]  # moved, then added, then withdrawn
    figures: tuple[FigureChange, ...]
    questions: tuple[QuestionChange, ...]
    articles: tuple[ArticleChange, ...]
    events: tuple[EventChange, ...]
    retractions: tuple[RetractionChange, ...]
    summary: tuple[str, ...]  # one plain line per change: for the feed and the editions' pages

    @property
    def count(self) -> int:
        return len(self.summary)


@dataclass(frozen=True)
class HistoryStep:
    rating: Rating
    since: dt.date | None  # the first edition with this rating (None: the briefing as it stands, undated)
    until: dt.date | None  # the last one
    reason: str | None  # Markdown: why it moved to this rating


@dataclass(frozen=True)
class JudgmentHistory:
    steps: tuple[HistoryStep, ...]  # newest first
    new: bool  # in no earlier edition


@dataclass(frozen=True)
class EditionQuote:
    """A quote as an edition cited it, linked to the article where the briefing still has it."""

    quote: QuoteRecord
    title: str
    outlet: str | None
    article_url: str | None
    passage_url: str | None
    withdrawn: str | None  # retracted | discredited, as the edition had it


@dataclass(frozen=True)
class EditionJudgment:
    record: JudgmentRecord
    number: int
    anchor: str
    likelihood_range: str
    sources: str  # "2 independent sources: 1 news, 1 analysis"
    source_names: tuple[str, ...]
    evidence: tuple[EditionQuote, ...]
    against: tuple[EditionQuote, ...]
    current_url: str | None  # None: withdrawn since
    moved_from: Rating | None  # the rating it had in the edition before, when it moved
    reason: str | None  # Markdown: why it moved in this edition


@dataclass(frozen=True)
class EditionLink:
    as_of: dt.date | None
    url: str


@dataclass(frozen=True)
class EditionPage:
    """An earlier edition as it stood, from its file alone but for links to what the briefing still has."""

    edition: Edition
    url: str
    previous: EditionLink | None  # no link to the next: a page that gained one would not stay as it stood
    changes: Changes | None  # against the edition before it
    judgments: tuple[EditionJudgment, ...]
    refs: tuple[tuple[tuple[str, str], RefTarget], ...]  # its [[references]], to the pages that still exist

    @property
    def targets(self) -> dict[tuple[str, str], RefTarget]:
        return dict(self.refs)


@dataclass(frozen=True)
class EditionsView:
    current: Edition  # the briefing as it stands: claims.json, and what `python build.py edition` freezes
    changes: Changes | None  # against the latest edition before as_of; None: there is none
    histories: tuple[tuple[str, JudgmentHistory], ...]  # judgment id -> its history (when there are editions)
    pages: tuple[EditionPage, ...]  # every edition, newest first

    def history(self, judgment_id: str | None) -> JudgmentHistory | None:
        return dict(self.histories).get(judgment_id or "")
