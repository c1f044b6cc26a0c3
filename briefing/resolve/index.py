"""The index of every id the content declares, built before any reference is checked.

Built once and then only read: every later part of the resolve stage looks ids up here,
and `References` reports the ones that are not there.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from .. import urls
from ..cache import Memo
from ..errors import Problems, closest
from ..markup import XREF_KINDS, ActorMatcher, RefTarget, find_xrefs
from ..model import Actor, Article, ArticleCard, Content, Judgment, Text


@dataclass(frozen=True)
class Index:
    content: Content
    actors: Mapping[str, Actor]
    articles: Mapping[str, Article]
    cards: Mapping[str, ArticleCard]  # what other pages show of each article
    judgments: Mapping[str, Judgment]  # the key judgments that have an id
    ids: Mapping[str, frozenset[str]]  # kind of entry -> its ids
    targets: Mapping[tuple[str, str], RefTarget]  # (kind, id) -> where a [[reference]] to it goes
    matcher: ActorMatcher  # every actor name and alias, for linking them in article bodies


def build_index(content: Content, matchers: Memo[ActorMatcher] | None = None,
                cards: Memo[ArticleCard] | None = None) -> Index:
    """Everything the content names, by kind and id.

    `matchers` keeps the actor-name pattern from one build to the next while the names are
    unchanged (compiling it was most of a small edit's rebuild); `cards` keeps each article's
    card while the article is unchanged, so that the next build's pages that list it compare
    equal to the last build's at a glance (the same object), not field by field."""
    c = content
    targets: dict[tuple[str, str], RefTarget] = {}
    targets.update({("actor", a.id): RefTarget(urls.actor(a.id), a.name) for a in c.actors})
    targets.update({("article", a.slug): RefTarget(urls.article(a.slug), a.title) for a in c.articles})
    targets.update({("figure", f.id): RefTarget(urls.figure(f.id), f.label) for f in c.figures})
    targets.update({("question", q.id): RefTarget(urls.question(q.id), q.question) for q in c.questions})
    targets.update({("event", e.id): RefTarget(urls.event(e.id), e.date.label) for e in c.events})
    names: dict[str, str] = {}
    for actor in c.actors:
        for name in (actor.name, *actor.aliases):
            names.setdefault(name, actor.id)
    ids = {"actor": frozenset(a.id for a in c.actors), "article": frozenset(a.slug for a in c.articles),
           "figure": frozenset(f.id for f in c.figures), "question": frozenset(q.id for q in c.questions),
           "event": frozenset(e.id for e in c.events),
           "judgment": frozenset(j.id for j in c.briefing.key_judgments if j.id)}
    return Index(
        content=c,
        actors=MappingProxyType({a.id: a for a in c.actors}),
        articles=MappingProxyType({a.slug: a for a in c.articles}),
        cards=MappingProxyType(_cards(c.articles, cards or Memo())),
        judgments=MappingProxyType({j.id: j for j in c.briefing.key_judgments if j.id}),
        ids=MappingProxyType(ids),
        targets=MappingProxyType(targets),
        matcher=(matchers or Memo()).get("names", names, lambda: ActorMatcher(names)),
    )


def _cards(articles: tuple[Article, ...], memo: Memo[ArticleCard]) -> dict[str, ArticleCard]:
    found = {a.slug: memo.get(a.slug, a, functools.partial(ArticleCard.of, a)) for a in articles}
    memo.retain(found)  # articles that are gone
    return found


class References:
    """Checks ids and [[references]] against the index, reporting each unknown one once where it is written."""

    def __init__(self, index: Index, problems: Problems) -> None:
        self.index, self.problems = index, problems

    def check_id(self, kind: str, key: str, path: str, line: int | None) -> bool:
        known = self.index.ids[kind]
        if key in known:
            return True
        broken = self.index.content.broken_ids
        if (kind, key) in broken or (kind, "*") in broken:
            return False  # its own entry has already been reported
        self.problems.add(path, line, f"unknown {kind} '{key}'", closest(key, known, cutoff=0.5))
        return False

    def check_markdown(self, text: Text | None) -> None:
        if text is not None:
            self.check_xrefs(text.markdown, text.at.path, text.at.line or 1)

    def check_xrefs(self, markdown: str, path: str, first_line: int) -> None:
        for kind, key, offset in find_xrefs(markdown):
            line = first_line + offset
            if kind not in XREF_KINDS:
                meant = closest(kind, XREF_KINDS, cutoff=0.4)
                self.problems.add(path, line, f"unknown kind of reference '{kind}:' in [[{kind}:{key}]]",
                                  f"[[{meant}:{key}]]" if meant else None)
            elif not key:
                self.problems.add(path, line, "an empty reference [[ ]]")
            else:
                self.check_id(kind, key, path, line)
