"""Claims to passages: every quote a claim cites, located in its article, and who cites each passage.

A quote's way from the YAML to the page: load/entries.py reads it into a QuoteRef;
`quotes_by_article` gathers every quote of an article so that resolve/bodies.py can find
and anchor them all in one pass over its text (markup/quotes.py does the finding);
`Citations.cite` turns the QuoteRef into a Citation that links to the anchor; and the
article's page (resolve/pages.py) lists the claims that cite each passage.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .. import urls
from ..errors import Problems
from ..labels import short_words
from ..load.fields import ID_PATTERN
from ..model import Content, Event, QuoteRef
from .bodies import ProcessedBody
from .index import Index, References
from .sourcing import retraction_of, source_of, text_fragment_url
from .views import Backlink, Citation, Speaker


def events_in_order(content: Content) -> list[Event]:
    """By date; events of one day in the order timeline.yaml gives them (the editor's order)."""
    return sorted(content.events, key=lambda e: e.date)


def quote_refs(content: Content) -> list[QuoteRef]:
    """Every quote of every claim, in the order the pages lay the claims out."""
    c = content
    refs = [r.source for f in c.figures for r in f.reports]
    refs += [e.source for q in c.questions for e in q.evidence]
    refs += [e.source for e in events_in_order(c) if e.source]
    refs += [e.source for j in c.briefing.key_judgments for e in j.evidence]
    refs += [r.source for a in c.actors for r in a.related if r.source]
    return refs


def quotes_by_article(content: Content) -> dict[str, tuple[str, ...]]:
    """article slug -> the quotes claims cite from it, in layout order (repeats kept)."""
    quotes: dict[str, list[str]] = defaultdict(list)
    for ref in quote_refs(content):
        quotes[ref.article].append(ref.quote)
    return {slug: tuple(found) for slug, found in quotes.items()}


@dataclass(frozen=True)
class CitedPassages:
    """Who cites each anchored passage: known only once every claim has been cited."""

    cited_by: Mapping[tuple[str, str], tuple[Backlink, ...]]  # (article slug, anchor) -> the claims
    quotes_verified: int


class Citations:
    """Turns each claim's QuoteRef into a Citation, reporting quotes that are not in their article."""

    def __init__(self, index: Index, bodies: Mapping[str, ProcessedBody], references: References,
                 problems: Problems) -> None:
        self.index, self.bodies, self.references, self.problems = index, bodies, references, problems
        self._cited_by: dict[tuple[str, str], list[Backlink]] = defaultdict(list)
        self._verified = 0

    def cite(self, ref: QuoteRef, backlink: Backlink) -> Citation | None:
        if not self.references.check_id("article", ref.article, ref.at.path, ref.at.line):
            return None
        body = self.bodies[ref.article]
        located = body.located.get(ref.quote)
        if located is None:
            passage = body.missing.get(ref.quote)
            self.problems.add(ref.at.path, ref.at.line,
                              f"quote not found in article '{ref.article}': \"{short_words(ref.quote, 14)}\"",
                              f'"{passage}"' if passage else None)
            return None
        self._verified += 1
        claims = self._cited_by[(ref.article, located.anchor)]
        if backlink not in claims:
            claims.append(backlink)
        article = self.index.cards[ref.article]
        return Citation(article, ref.quote, located.anchor, urls.quote(article.slug, located.anchor),
                        source_of(article, ref.via, self.index.cards),
                        text_fragment_url(article.url, located.passage) if article.url else None, ref.at, ref.via,
                        self._speaker(ref), retraction_of(article, self.index.cards))

    def _speaker(self, ref: QuoteRef) -> Speaker | None:
        """An actor (by id) or a name and role, as the editor wrote it."""
        if ref.speaker is None:
            return None
        if not ID_PATTERN.match(ref.speaker):
            return Speaker(ref.speaker, None, None)
        if not self.references.check_id("actor", ref.speaker, ref.at.path, ref.speaker_line):
            return None
        actor = self.index.actors[ref.speaker]
        return Speaker(actor.name, actor.role, urls.actor(actor.id))

    def cite_all(self, refs: Iterable[QuoteRef], backlink: Backlink) -> tuple[Citation, ...]:
        return tuple(c for c in (self.cite(ref, backlink) for ref in refs) if c)

    def passages(self) -> CitedPassages:
        return CitedPassages({key: tuple(claims) for key, claims in self._cited_by.items()}, self._verified)
