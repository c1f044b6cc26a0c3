"""Where the briefing's sourcing is weak: single sources, opinion only, copies, quotes with no speaker."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping

from ..model import ArticleCard, Source
from ..resolve.sourcing import original_of
from ..resolve.views import Citation, IndependentSource, Site

OPINION_KINDS = ("opinion", "blog")
Report = Callable[[Source, str, "str | None"], None]  # records one weak spot, with the entry's accept: reason
# Words in quotation marks inside a quote: somebody's words the article quotes.
_INNER_QUOTE = re.compile(r"[“\"]([^”\"]{3,})[”\"]")


def sourcing_findings(site: Site, report: Report) -> None:
    cards: Mapping[str, ArticleCard] = {a.slug: a for a in site.content.articles}
    for judgment in site.judgments:
        j = judgment.judgment
        _single_source(report, j.at, f"key judgment {j.number}", judgment.sources, j.accept, judgment.citations)
        _quoted(report, cards, judgment.citations + judgment.against, j.accept)
    for figure in site.figures:
        f = figure.figure
        if f.basis != "background":
            _single_source(report, f.at, f"figure '{f.id}'", figure.sources, f.accept,
                           [r.citation for r in figure.reports])
            _opinion_only(report, f.at, f"figure '{f.id}'", [r.citation for r in figure.reports], f.accept)
        if figure.unexplained:
            report(f.at, f"figure '{f.id}': its reports cannot all be true and nothing says why: "
                   "add `reconciled:` (different dates? different things counted?) or fix a value", f.accept)
        _quoted(report, cards, [r.citation for r in figure.reports], f.accept)
    for event in site.events:
        e = event.event
        if event.citation and e.basis != "background":
            _opinion_only(report, e.at, f"event '{e.id}'", [event.citation], e.accept)
        _quoted(report, cards, [event.citation] if event.citation else [], e.accept)
    for question in site.questions:
        _quoted(report, cards, [c for group in question.groups for c in group.citations], question.question.accept)
    for actor in site.actors:
        _quoted(report, cards, [r.citation for r in actor.relations if r.citation and r.stated_here],
                actor.actor.accept)

    cited = {a.article.slug for a in site.articles if a.anchors}
    for page in site.articles:
        if page.article.slug not in cited:
            report(page.article.at, "no claim of the briefing quotes this article", page.article.accept)
    mentioned = {actor.id for page in site.articles for actor in page.mentions}
    for actor in site.actors:
        a = actor.actor
        if a.id in mentioned and a.summary is None:
            report(a.at, f"actor '{a.id}' is named in the articles but has no summary", a.accept)


def _single_source(report: Report, at: Source, what: str, sources: tuple[IndependentSource, ...],
                   accept: str | None, cited: Iterable[Citation] = ()) -> None:
    if len(sources) == 1:
        report(at, f"{what} rests on a single source ({sources[0].name})", accept)
    elif not sources and not any(c.retraction for c in cited):  # else editions.py says it is left with none
        report(at, f"{what} cites no source", accept)


def _opinion_only(report: Report, at: Source, what: str, citations: list[Citation], accept: str | None) -> None:
    # A blog passage that quotes a named outlet (`via:`) counts as that outlet's reporting.
    if citations and all(c.article.kind in OPINION_KINDS and not c.via for c in citations):
        kinds = " and ".join(sorted({c.article.kind or "" for c in citations}))
        report(at, f"{what} is a factual claim resting only on {kinds} pieces: find a news report", accept)


def _quoted(report: Report, cards: Mapping[str, ArticleCard], citations: Iterable[Citation],
            accept: str | None) -> None:
    """Each quote: taken from a copy when the original is here, or holding someone's words with no speaker."""
    for citation in citations:
        original = original_of(citation.article, cards)
        if original.slug != citation.article.slug:
            report(citation.at, f"quotes '{citation.article.slug}', a copy of '{original.slug}': cite the original",
                   accept)
        inner = _INNER_QUOTE.search(citation.quote)
        if inner and citation.speaker is None:
            report(citation.at, f"the quote holds somebody's words in quotation marks (“{inner.group(1)}”) "
                   "but names no speaker: add `speaker:` (an actor id, or a name and role)", accept)
