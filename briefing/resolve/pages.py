"""The pages that gather from everywhere: one per article (its passages and who cites them) and one per actor."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping

from .. import urls
from ..markup import find_xrefs
from ..model import Actor, Article, Text
from .bodies import ProcessedBody
from .citations import CitedPassages
from .claims import event_backlink, figure_backlink, judgment_backlink, question_backlink
from .copies import CopyOf
from .index import Index
from .views import (
    ActorGroup,
    ActorPage,
    ArticlePage,
    Backlink,
    CopyLink,
    EventView,
    FigureView,
    JudgmentView,
    QuestionPage,
    QuoteAnchor,
    RelationView,
)

ACTOR_GROUPS = (("person", "People"), ("organization", "Organizations"), ("state", "States"), ("place", "Places"))


def newest_first(articles: Iterable[Article]) -> list[Article]:
    return sorted(articles, key=lambda a: (a.published.isoformat() if a.published else "", a.slug), reverse=True)


def article_page(article: Article, body: ProcessedBody, quotes: tuple[str, ...], index: Index,
                 passages: CitedPassages, copies: list[CopyOf]) -> ArticlePage:
    """An article's page: its body, the passages claims quote (in reading order) and its copies."""
    first_quote: dict[str, tuple[int, str]] = {}
    for quote in quotes:
        found = body.located.get(quote)
        if found is not None:
            first_quote.setdefault(found.anchor, (found.start, quote))
    anchors = tuple(QuoteAnchor(anchor, quote, passages.cited_by.get((article.slug, anchor), ()))
                    for anchor, (_, quote) in sorted(first_quote.items(), key=lambda item: item[1][0]))
    original = None
    for relation in copies:
        if relation.copy == article.slug:
            original = CopyLink(index.cards[relation.original], relation.description, relation.score)
    derived = tuple(CopyLink(index.cards[r.copy], r.description, r.score)
                    for r in sorted(copies, key=lambda r: r.copy) if r.original == article.slug)
    actors = tuple(sorted((index.actors[a] for a in body.mentions), key=lambda a: a.name.lower()))
    return ArticlePage(article, urls.article(article.slug), body.html, anchors, actors, original, derived)


def claims_naming_actors(index: Index, figures: Iterable[FigureView], questions: Iterable[QuestionPage],
                         events: Iterable[EventView], judgments: Iterable[JudgmentView]) -> dict[str, list[Backlink]]:
    """actor id -> the claims that name it: in their actors list, by [[ref]] or by name."""
    named: dict[str, list[Backlink]] = defaultdict(list)

    def add(backlink: Backlink, actors: tuple[Actor, ...], *texts: str | Text | None) -> None:
        ids = {a.id for a in actors}
        for text in texts:
            if text is not None:
                markdown = text.markdown if isinstance(text, Text) else text
                ids |= {key for kind, key, _ in find_xrefs(markdown) if kind == "actor"}
                ids |= index.matcher.actors_in(markdown)
        for actor_id in sorted(ids):
            named[actor_id].append(backlink)

    for figure in figures:
        add(figure_backlink(figure.figure), (), figure.figure.label, figure.figure.note)
    for question in questions:
        q = question.question
        add(question_backlink(q), question.actors, q.question, q.summary)
    for event in events:
        add(event_backlink(event.event, index.targets), event.actors, event.event.event)
    for judgment in judgments:
        add(judgment_backlink(judgment.judgment, index.targets), (), judgment.judgment.text)
    return named


def actor_pages(index: Index, relations: Mapping[str, tuple[RelationView, ...]],
                mentioned_in: Mapping[str, list[Article]],
                named_in: Mapping[str, list[Backlink]]) -> tuple[tuple[ActorPage, ...], tuple[ActorGroup, ...]]:
    """Every actor's page (by name) and the actors grouped by kind, for the actors index."""
    pages = tuple(
        ActorPage(a, urls.actor(a.id), relations.get(a.id, ()),
                  tuple(index.cards[article.slug] for article in mentioned_in.get(a.id, ())),
                  tuple(named_in.get(a.id, ())))
        for a in sorted(index.content.actors, key=lambda a: a.name.lower()))
    groups = tuple(ActorGroup(kind, heading, tuple(p for p in pages if p.actor.kind == kind))
                   for kind, heading in ACTOR_GROUPS if any(p.actor.kind == kind for p in pages))
    return pages, groups
