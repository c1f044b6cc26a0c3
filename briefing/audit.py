"""`python build.py check`: an editor's audit of where the briefing's sourcing is weak."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from .errors import Problem
from .model import Article, Source
from .resolve.sourcing import original_of
from .resolve.views import Citation, Site

OPINION_KINDS = ("opinion", "blog")
Report = Callable[[Source, str, "str | None"], None]  # records one weak spot, with the entry's accept: reason


@dataclass(frozen=True)
class Audit:
    findings: tuple[Problem, ...]  # weak spots the editor has not yet fixed or accepted
    accepted: tuple[tuple[Problem, str], ...]  # weak spots left on purpose, with the editor's reason


def audit(site: Site) -> Audit:
    """Every weak spot of the briefing's sourcing, located; none of them stops a build.

    An entry with `accept: REASON` keeps its weak spots out of the findings: the editor
    has looked and decided (say, a figure only one outlet reports).
    """
    found: list[tuple[Problem, str | None]] = []
    articles = {a.slug: a for a in site.content.articles}

    def report(at: Source, message: str, accept: str | None) -> None:
        found.append((Problem(at.path, at.line, message), accept))

    for judgment in site.judgments:
        j = judgment.judgment
        _single_source(report, j.at, f"key judgment {j.number}", judgment.sources, j.accept)
    for figure in site.figures:
        f = figure.figure
        _single_source(report, f.at, f"figure '{f.id}'", figure.sources, f.accept)
        _opinion_only(report, f.at, f"figure '{f.id}'", [r.citation for r in figure.reports], f.accept)
        if figure.discrepancy and f.note is None:
            report(f.at, f"figure '{f.id}': its reports disagree but no note says why "
                   "(different dates? different things counted?)", f.accept)
        for r in figure.reports:
            _from_copy(report, r.citation, articles, f.accept)
    for event in site.events:
        e = event.event
        if event.citation:
            _opinion_only(report, e.at, f"event '{e.id}'", [event.citation], e.accept)
            _from_copy(report, event.citation, articles, e.accept)
    for judgment in site.judgments:
        for citation in judgment.citations:
            _from_copy(report, citation, articles, judgment.judgment.accept)
    for question in site.questions:
        for group in question.groups:
            for citation in group.citations:
                _from_copy(report, citation, articles, question.question.accept)

    cited = {a.article.slug for a in site.articles if a.anchors}
    for page in site.articles:
        if page.article.slug not in cited:
            report(page.article.at, "no claim of the briefing quotes this article", page.article.accept)
    mentioned = {actor.id for page in site.articles for actor in page.mentions}
    for actor in site.actors:
        a = actor.actor
        if a.id in mentioned and a.summary is None:
            report(a.at, f"actor '{a.id}' is named in the articles but has no summary", a.accept)

    unique = dict.fromkeys(found)  # the same quote cited twice gives the same finding once
    order = sorted(unique, key=lambda item: (item[0].path, item[0].line or 0, item[0].message))
    return Audit(tuple(p for p, accept in order if not accept),
                 tuple((p, accept) for p, accept in order if accept))


def _single_source(report: Report, at: Source, what: str, sources: tuple[str, ...], accept: str | None) -> None:
    if len(sources) == 1:
        report(at, f"{what} rests on a single source ({sources[0]})", accept)
    elif not sources:
        report(at, f"{what} cites no source", accept)


def _opinion_only(report: Report, at: Source, what: str, citations: list[Citation], accept: str | None) -> None:
    # A blog passage that quotes a named outlet (`via:`) counts as that outlet's reporting.
    if citations and all(c.article.kind in OPINION_KINDS and not c.via for c in citations):
        kinds = " and ".join(sorted({c.article.kind or '' for c in citations}))
        report(at, f"{what} is a factual claim resting only on {kinds} pieces: find a news report", accept)


def _from_copy(report: Report, citation: Citation, articles: Mapping[str, Article], accept: str | None) -> None:
    original = original_of(citation.article, articles)
    if original.slug != citation.article.slug:
        report(citation.at, f"quotes '{citation.article.slug}', a copy of '{original.slug}': cite the original",
               accept)
