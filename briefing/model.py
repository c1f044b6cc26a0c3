"""The content model: plain, frozen data passed from stage to stage."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING

from . import labels

if TYPE_CHECKING:
    from .editions.records import Edition

KINDS_OF_ARTICLE = ("news", "analysis", "opinion", "blog")
KINDS_OF_ACTOR = ("person", "organization", "state", "place")
QUALIFIERS = ("about", "at least", "more than", "as many as", "up to")
LEANS = ("yes", "no", "unclear")  # a question's evidence: the answer it points to
JUDGMENT_LEANS = ("for", "against")  # a key judgment's evidence: does it bear the judgment out?
CONFIDENCES = ("low", "moderate", "high")
BASES = ("sources", "background")  # background: general knowledge, not from the briefing's articles
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
    speaker: str | None = None  # whose words they are: an actor id, or a name and role
    speaker_line: int | None = None


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
    # Why the outlet withdrew it, or why it is not to be believed: either way it counts as no source.
    retracted: Text | None = field(default=None, kw_only=True)
    discredited: Text | None = field(default=None, kw_only=True)

    @classmethod
    def of(cls, article: Article) -> ArticleCard:
        return cls(**{f.name: getattr(article, f.name) for f in fields(cls)})


@dataclass(frozen=True)
class Article(ArticleCard):
    """An article as the editor wrote it: its card, and its text with where it came from."""

    body: str
    at: Source
    body_line: int  # the file line the body starts on, to locate problems inside it
    syndicates_line: int | None = None
    accept: str | None = None  # the editor's reason for leaving a weak spot the audit reports
    note: Text | None = None  # what this text is, in the editor's words (say, page furniture)


@dataclass(frozen=True)
class RelationKind:
    """A kind of relation, in the words each of its two actors' pages shows it.

    `subject` is shown on the page of the actor whose entry states it, with {o} for the
    other actor; `object` is shown on the other actor's page, before ": " and this actor.
    A symmetric kind reads the same from both sides.
    """

    subject: str
    object: str
    symmetric: bool = False
    titled: bool = False  # takes a `title`, which replaces {title} in both phrases


def _kind(subject: str, obj: str, **flags: bool) -> RelationKind:
    return RelationKind(subject, obj, **flags)


# The vocabulary of relations (README: "Relations"). S states it on its own entry of O.
RELATION_KINDS: dict[str, RelationKind] = {
    "head-of-state-of": _kind("Head of state of {o}", "Head of state"),
    "head-of": _kind("Head of {o}", "Head"),
    "spokesman-of": _kind("Spokesman of {o}", "Spokesman"),
    "member-of": _kind("Member of {o}", "Member"),
    "founding-member-of": _kind("Founding member of {o}", "Founding member"),
    "leads": _kind("Leads {o}", "Led by"),
    "predecessor-of": _kind("Predecessor of {o}", "Predecessor"),
    "former-patron-of": _kind("Former patron of {o}", "Former patron"),
    "backs": _kind("Backs {o}", "Backed by"),
    "asked-for-help": _kind("Asked {o} for help", "Asked for help by"),
    "sent-troops-to": _kind("Sent troops to {o}", "Troops sent in by"),
    "masses-troops-on-border-of": _kind("Masses troops on the border of {o}", "Troops massed on its border by"),
    "controls": _kind("Controls {o}", "Controlled by"),
    "role": _kind("{title}, {o}", "{title}", titled=True),
    "part-of": _kind("{title} of {o}", "{title}", titled=True),
    "ally-of": _kind("Ally of {o}", "Ally of", symmetric=True),
    "neighbour-of": _kind("Neighbour of {o}", "Neighbour of", symmetric=True),
    "rival-of": _kind("Rival of {o}", "Rival of", symmetric=True),
    "has-ties-with": _kind("Has ties with {o}", "Has ties with", symmetric=True),
    "in-talks-with": _kind("In talks with {o}", "In talks with", symmetric=True),
    "close-to": _kind("Personally close to {o}", "Personally close to", symmetric=True),
}
# part-of without a title: "Part of Ukraine" on the part's page, "Includes: Crimea" on the whole's.
UNTITLED_PART_OF = ("Part", "Includes")
# Where a kind's value is a mapping, the key that names the other actor.
RELATION_OBJECT_KEYS = {"role": "at", "part-of": "of"}


@dataclass(frozen=True)
class Relation:
    """One statement about two actors: this actor (its subject) is KIND of `actor`."""

    actor: str  # the other actor's id
    at: Source
    kind: str | None = None  # from RELATION_KINDS; None for free text and the old form
    title: str | None = None  # for kinds that take one ("Director", "Largest city")
    phrase: str | None = None  # free text: shown before the other actor's name on this actor's page
    inverse: str | None = None  # free text: shown before ": this actor" on the other actor's page
    relation: str | None = None  # the old form's words: "`actor` is RELATION to this actor"
    basis: str = "sources"
    source: QuoteRef | None = None
    background: Text | None = None  # what of it comes from outside the articles


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
    basis: str = "sources"  # "background": its role and summary are general knowledge
    background: Text | None = None  # what of it comes from outside the articles


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
    reconciled: Text | None = None  # why reports that disagree need not contradict each other
    basis: str = "sources"
    background: Text | None = None  # what of it comes from outside the articles


@dataclass(frozen=True)
class Evidence:
    source: QuoteRef
    leans: str  # a question's: yes | no | unclear; a judgment's: for | against


@dataclass(frozen=True)
class Assessment:
    """The answer a question has now, in the estimative words of a key judgment."""

    text: Text | None
    likelihood: str
    confidence: str
    judgment: str | None  # the id of the key judgment that answers it
    at: Source


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
    assessment: Assessment | None = None


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
    basis: str = "sources"
    background: Text | None = None  # what of it comes from outside the articles


@dataclass(frozen=True)
class Judgment:
    number: int
    text: Text
    likelihood: str
    confidence: str
    evidence: tuple[Evidence, ...]  # leaning for or against the judgment
    at: Source
    accept: str | None = None  # the editor's reason for leaving a weak spot the audit reports
    id: str | None = None  # a stable name, for links that outlive a reordering
    changed: Text | None = None  # why its likelihood or confidence moved since the last edition


@dataclass(frozen=True)
class Briefing:
    title: str
    subtitle: str | None
    as_of: dt.date | None
    base_url: str | None
    bottom_line: Text | None
    key_judgments: tuple[Judgment, ...]
    at: Source
    limits: Text | None = None  # "Sources and limits": what the reader should know of the sources
    key_figures: tuple[tuple[str, int | None], ...] = ()  # (figure id, line): shown on the home page


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
    editions: tuple[Edition, ...] = ()  # content/editions/: the briefing as published on earlier dates
