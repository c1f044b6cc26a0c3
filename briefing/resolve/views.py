"""The resolved site: what the resolve stage hands to the render stage, nothing left to compute."""

from __future__ import annotations

from dataclasses import dataclass

from ..editions.views import EditionsView
from ..markup import RefTarget
from ..model import (
    Actor,
    Article,
    ArticleCard,
    Assessment,
    Content,
    Event,
    Figure,
    Judgment,
    Question,
    Report,
    Source,
    Text,
)


@dataclass(frozen=True)
class IndependentSource:
    """What a quote counts as: the outlet it comes from (a copy counts as its original), of a kind."""

    name: str
    kind: str | None  # news | analysis | opinion | blog; the reporting an article quotes (`via:`) is news


@dataclass(frozen=True)
class Speaker:
    """Whose words a quote is."""

    name: str
    role: str | None  # the actor's role, where the speaker is an actor
    url: str | None  # the actor's page


@dataclass(frozen=True)
class Retraction:
    """Why a quote counts as no source: its article, or the original it copies, is retracted or discredited."""

    kind: str  # retracted | discredited
    reason: Text
    article: ArticleCard  # the article withdrawn


@dataclass(frozen=True)
class Citation:
    """A quote located in its article: what a claim links to."""

    article: ArticleCard
    quote: str
    anchor: str
    url: str  # relative to the site root
    source: IndependentSource  # what it counts as (see sourcing.source_of)
    at_source_url: str | None  # the passage on the publisher's page, as a text fragment link
    at: Source  # where the claim's quote was written, for the audit
    via: str | None  # the outlet the article quotes in this passage, if the editor named it
    speaker: Speaker | None = None
    retraction: Retraction | None = None  # then it is shown, but counts as no source


@dataclass(frozen=True)
class Backlink:
    """A claim that cites a passage or names an actor, as a link back to it."""

    kind: str  # figure | question | event | judgment | relation
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
    """One relation as one actor's page says it: BEFORE, the other actor's name (a link), AFTER."""

    before: str
    other: Actor
    after: str
    stated_here: bool  # the page's own actor's entry states it (it is the relation's subject)
    background: bool  # general knowledge, not from the articles
    background_note: Text | None
    citation: Citation | None  # the passage that supports it
    at: Source


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
    discrepancy: bool  # two reports whose values cannot both be true
    sources: tuple[IndependentSource, ...]
    headline: str = ""  # what the reports say together, in a few words: "at least 18", "20 or more than 50"
    headline_sources: tuple[IndependentSource, ...] = ()  # the sources of the reports the headline rests on

    @property
    def unexplained(self) -> bool:
        """Reports that disagree, with no word from the editor on why they need not."""
        return self.discrepancy and self.figure.reconciled is None


@dataclass(frozen=True)
class EvidenceGroup:
    leans: str
    heading: str
    citations: tuple[Citation, ...]


@dataclass(frozen=True)
class AssessmentView:
    assessment: Assessment
    likelihood_range: str
    judgment_url: str | None  # the key judgment that answers the question
    judgment_label: str | None


@dataclass(frozen=True)
class QuestionPage:
    question: Question
    url: str
    actors: tuple[Actor, ...]
    groups: tuple[EvidenceGroup, ...]
    sources: tuple[IndependentSource, ...]
    assessment: AssessmentView | None = None


@dataclass(frozen=True)
class EventView:
    event: Event
    url: str
    actors: tuple[Actor, ...]
    citation: Citation | None
    sources: tuple[IndependentSource, ...]  # none for background


@dataclass(frozen=True)
class JudgmentView:
    judgment: Judgment
    url: str
    anchor: str
    likelihood_range: str
    citations: tuple[Citation, ...]  # the evidence that bears it out
    against: tuple[Citation, ...]  # the evidence that leans against it
    sources: tuple[IndependentSource, ...]  # of the evidence for it


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
    discrepancies: int  # figures whose reports disagree with no reconciling word from the editor
    quotes_verified: int
    key_figures: tuple[FigureView, ...] = ()  # the figures the briefing puts on its home page
    editions: EditionsView | None = None  # earlier editions, and what changed since the last one
