"""The resolved site: what the resolve stage hands to the render stage, nothing left to compute."""

from __future__ import annotations

from dataclasses import dataclass

from ..markup import RefTarget
from ..model import Actor, Article, ArticleCard, Content, Event, Figure, Judgment, Question, Report, Source


@dataclass(frozen=True)
class Citation:
    """A quote located in its article: what a claim links to."""

    article: ArticleCard
    quote: str
    anchor: str
    url: str  # relative to the site root
    source: str  # the independent source it counts as (see sourcing.source_name)
    at_source_url: str | None  # the passage on the publisher's page, as a text fragment link
    at: Source  # where the claim's quote was written, for the audit
    via: str | None  # the outlet the article quotes in this passage, if the editor named it


@dataclass(frozen=True)
class Backlink:
    """A claim that cites a passage or names an actor, as a link back to it."""

    kind: str  # figure | question | event | judgment
    label: str
    url: str


@dataclass(frozen=True)
class QuoteAnchor:
    id: str
    quote: str
    cited_by: tuple[Backlink, ...]


@dataclass(frozen=True)
class CopyLink:
    """One side of a copy relation between two articles."""

    article: ArticleCard
    description: str  # "a machine rewrite", "a near-verbatim copy", "a copy or rewrite"
    score: float | None


@dataclass(frozen=True)
class ArticlePage:
    article: Article
    url: str
    html: str  # the body, with actor links and quote anchors in place
    anchors: tuple[QuoteAnchor, ...]
    mentions: tuple[Actor, ...]
    original: CopyLink | None
    copies: tuple[CopyLink, ...]


@dataclass(frozen=True)
class RelationView:
    other: Actor
    text: str
    outgoing: bool  # True: this actor's entry lists `other`; False: `other` lists this actor


@dataclass(frozen=True)
class ActorPage:
    actor: Actor
    url: str
    relations: tuple[RelationView, ...]
    articles: tuple[ArticleCard, ...]
    named_in: tuple[Backlink, ...]


@dataclass(frozen=True)
class ReportView:
    report: Report
    value_text: str
    citation: Citation


@dataclass(frozen=True)
class FigureView:
    figure: Figure
    url: str
    reports: tuple[ReportView, ...]
    discrepancy: bool
    sources: tuple[str, ...]


@dataclass(frozen=True)
class EvidenceGroup:
    leans: str
    heading: str
    citations: tuple[Citation, ...]


@dataclass(frozen=True)
class QuestionPage:
    question: Question
    url: str
    actors: tuple[Actor, ...]
    groups: tuple[EvidenceGroup, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True)
class EventView:
    event: Event
    url: str
    actors: tuple[Actor, ...]
    citation: Citation | None
    sources: tuple[str, ...]


@dataclass(frozen=True)
class JudgmentView:
    judgment: Judgment
    url: str
    likelihood_range: str
    citations: tuple[Citation, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True)
class ActorGroup:
    """The actors of one kind, for the actors index."""

    kind: str
    heading: str
    actors: tuple[ActorPage, ...]


@dataclass(frozen=True)
class Site:
    """Everything the render stage lays out; nothing in it needs computing again."""

    content: Content
    articles: tuple[ArticlePage, ...]
    actors: tuple[ActorPage, ...]
    actor_groups: tuple[ActorGroup, ...]
    figures: tuple[FigureView, ...]
    questions: tuple[QuestionPage, ...]
    events: tuple[EventView, ...]
    judgments: tuple[JudgmentView, ...]
    refs: dict[tuple[str, str], RefTarget]
    discrepancies: int
    quotes_verified: int
