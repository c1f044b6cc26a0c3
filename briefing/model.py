"""The content model: plain, frozen data passed from stage to stage."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields

from . import labels

KINDS_OF_ARTICLE = ("news", "analysis", "opinion", "blog")
KINDS_OF_ACTOR = ("person", "organization", "state", "place")
QUALIFIERS = ("about", "at least", "more than", "as many as", "up to")
LEANS = ("yes", "no", "unclear")
CONFIDENCES = ("low", "moderate", "high")
# Estimative words, in order, with the probability range each stands for (ICD 203).
LIKELIHOODS = {
    "almost no chance": "1–5%",
    "very unlikely": "5–20%",
    "unlikely": "20–45%",
    "roughly even chance": "45–55%",
    "likely": "55–80%",
    "very likely": "80–95%",
    "almost certain": "95–99%",
}


@dataclass(frozen=True)
class Source:
    """Where in the content something was written: for error messages."""

    path: str
    line: int | None


@dataclass(frozen=True)
class Text:
    """A Markdown field, with the line its text starts on."""

    markdown: str
    at: Source


@dataclass(frozen=True)
class QuoteRef:
    """A claim's pointer to the exact words of an article."""

    article: str
    quote: str
    at: Source
    via: str | None = None  # the outlet whose reporting the article quotes here, e.g. a blog quoting Reuters


@dataclass(frozen=True, order=True)
class PartialDate:
    """YYYY, YYYY-MM or YYYY-MM-DD; sorts before any fuller date within its span."""

    year: int
    month: int = 0
    day: int = 0

    @property
    def iso(self) -> str:
        parts = [f"{self.year:04d}"]
        if self.month:
            parts.append(f"{self.month:02d}")
        if self.day:
            parts.append(f"{self.day:02d}")
        return "-".join(parts)

    @property
    def label(self) -> str:
        return labels.partial_date(self)


@dataclass(frozen=True)
class ArticleCard:
    """What other pages show of an article. It leaves out the text, so that an edit to the
    text changes the article's own page and not every page that lists or quotes it."""

    slug: str
    title: str
    outlet: str | None
    author: str | None
    published: dt.datetime | dt.date | None
    url: str | None
    kind: str | None
    syndicates: str | None

    @classmethod
    def of(cls, article: Article) -> ArticleCard:
        return cls(*(getattr(article, f.name) for f in fields(cls)))


@dataclass(frozen=True)
class Article(ArticleCard):
    """An article as the editor wrote it: its card, and its text with where it came from."""

    body: str
    at: Source
    body_line: int  # the file line the body starts on, to locate problems inside it
    syndicates_line: int | None = None
    accept: str | None = None  # the editor's reason for leaving a weak spot the audit reports


@dataclass(frozen=True)
class Relation:
    actor: str
    relation: str
    at: Source


@dataclass(frozen=True)
class Actor:
    id: str
    name: str
    kind: str
    role: str | None
    aliases: tuple[str, ...]
    summary: Text | None
    related: tuple[Relation, ...]
    at: Source
    accept: str | None = None  # the editor's reason for leaving a weak spot the audit reports


@dataclass(frozen=True)
class Report:
    value: float
    qualifier: str | None
    source: QuoteRef


@dataclass(frozen=True)
class Figure:
    id: str
    label: str
    unit: str | None
    reports: tuple[Report, ...]
    note: Text | None
    at: Source
    accept: str | None = None  # the editor's reason for leaving a weak spot the audit reports


@dataclass(frozen=True)
class Evidence:
    source: QuoteRef
    leans: str


@dataclass(frozen=True)
class Question:
    id: str
    question: str
    summary: Text | None
    actors: tuple[str, ...]
    evidence: tuple[Evidence, ...]
    watch: tuple[Text, ...]
    at: Source
    actor_lines: tuple[int | None, ...] = ()
    accept: str | None = None  # the editor's reason for leaving a weak spot the audit reports


@dataclass(frozen=True)
class Event:
    id: str
    date: PartialDate
    event: Text
    actors: tuple[str, ...]
    source: QuoteRef | None
    at: Source
    actor_lines: tuple[int | None, ...] = ()
    accept: str | None = None  # the editor's reason for leaving a weak spot the audit reports


@dataclass(frozen=True)
class Judgment:
    number: int
    text: Text
    likelihood: str
    confidence: str
    evidence: tuple[QuoteRef, ...]
    at: Source
    accept: str | None = None  # the editor's reason for leaving a weak spot the audit reports


@dataclass(frozen=True)
class Briefing:
    title: str
    subtitle: str | None
    as_of: dt.date | None
    base_url: str | None
    bottom_line: Text | None
    key_judgments: tuple[Judgment, ...]
    at: Source


@dataclass(frozen=True)
class Content:
    """Everything the editor wrote, validated field by field but not yet cross-checked."""

    briefing: Briefing
    articles: tuple[Article, ...]
    actors: tuple[Actor, ...]
    figures: tuple[Figure, ...]
    questions: tuple[Question, ...]
    events: tuple[Event, ...]
    # (kind, id) of entries that were written but had problems: not "unknown" when referenced
    broken_ids: frozenset[tuple[str, str]] = field(default=frozenset())
