"""What an edition holds: every claim of the briefing with its ratings, quotes and sources, as plain values.

An edition read from content/editions/ and the snapshot of the briefing as it stands are the
same records, so that one comparison serves both. They hold words, not links into the
content: an edition must read the same when the content has moved on.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..markup import RefTarget


@dataclass(frozen=True)
class SourceRecord:
    """An independent source, as a claim counted it (resolve/sourcing.py)."""

    name: str
    kind: str | None


@dataclass(frozen=True)
class SpeakerRecord:
    name: str
    role: str | None


@dataclass(frozen=True)
class QuoteRecord:
    """One quote a claim cites, with what it counted as."""

    article: str
    quote: str
    passage: str | None  # its address on the site (urls.quote), relative to the root
    speaker: SpeakerRecord | None
    via: str | None
    counts_as: SourceRecord | None  # None: its article (or the original it copies) is retracted or discredited
    leans: str | None = None  # evidence only: for | against (a judgment's), yes | no | unclear (a question's)


@dataclass(frozen=True)
class Rating:
    """A likelihood and a confidence: what moves when a judgment or an assessment moves."""

    likelihood: str
    confidence: str

    @property
    def words(self) -> str:
        return f"{self.likelihood} ({self.confidence} confidence)"

    def move_to(self, after: Rating) -> str:
        """How it moved, in the fewest words: "from likely to very likely", "confidence from low to moderate"."""
        if self.confidence == after.confidence:
            return f"from {self.likelihood} to {after.likelihood}"
        if self.likelihood == after.likelihood:
            return f"confidence from {self.confidence} to {after.confidence}"
        return f"from {self.words} to {after.words}"


@dataclass(frozen=True)
class JudgmentRecord:
    id: str | None
    text: str  # Markdown
    likelihood: str
    confidence: str
    changed: str | None  # Markdown: the editor's reason for its latest move
    evidence: tuple[QuoteRecord, ...]
    sources: tuple[SourceRecord, ...]  # the independent sources of the evidence for it

    @property
    def rating(self) -> Rating:
        return Rating(self.likelihood, self.confidence)


@dataclass(frozen=True)
class ReportRecord:
    value: float
    qualifier: str | None
    source: QuoteRecord


@dataclass(frozen=True)
class FigureRecord:
    id: str
    label: str
    unit: str | None
    basis: str
    reports: tuple[ReportRecord, ...]
    sources: tuple[SourceRecord, ...]


@dataclass(frozen=True)
class AssessmentRecord:
    likelihood: str
    confidence: str
    text: str | None  # Markdown
    judgment: str | None

    @property
    def rating(self) -> Rating:
        return Rating(self.likelihood, self.confidence)


@dataclass(frozen=True)
class QuestionRecord:
    id: str
    question: str
    assessment: AssessmentRecord | None
    evidence: tuple[QuoteRecord, ...]
    sources: tuple[SourceRecord, ...]


@dataclass(frozen=True)
class EventRecord:
    id: str
    date: str  # YYYY, YYYY-MM or YYYY-MM-DD
    text: str  # Markdown
    basis: str
    source: QuoteRecord | None
    sources: tuple[SourceRecord, ...]


@dataclass(frozen=True)
class ArticleRecord:
    slug: str
    title: str
    outlet: str | None
    author: str | None
    kind: str | None
    published: str | None  # ISO 8601: a date, or a date and time
    url: str | None
    syndicates: str | None
    retracted: str | None  # Markdown: why
    discredited: str | None  # Markdown: why

    @property
    def withdrawn(self) -> tuple[str, str] | None:
        """("retracted" or "discredited", the reason), or None for an article that stands."""
        if self.retracted:
            return "retracted", self.retracted
        if self.discredited:
            return "discredited", self.discredited
        return None


@dataclass(frozen=True)
class Edition:
    """The briefing as published on `as_of`: a file of content/editions/, or the content as it stands."""

    title: str
    as_of: dt.date | None
    base_url: str | None
    bottom_line: str | None  # Markdown
    refs: tuple[tuple[tuple[str, str], RefTarget], ...]  # the words and address of each [[reference]] in it
    judgments: tuple[JudgmentRecord, ...]
    figures: tuple[FigureRecord, ...]
    questions: tuple[QuestionRecord, ...]
    events: tuple[EventRecord, ...]
    articles: tuple[ArticleRecord, ...]
    path: str | None = None  # content/editions/AS_OF.json, for problems; None for the content as it stands

    @property
    def targets(self) -> dict[tuple[str, str], RefTarget]:
        return dict(self.refs)

    def judgment(self, judgment_id: str) -> tuple[int, JudgmentRecord] | None:
        """The judgment with this id and its number (from 1), if the edition has it."""
        for number, record in enumerate(self.judgments, start=1):
            if record.id == judgment_id:
                return number, record
        return None
