"""One builder per kind of claim: figures, questions, timeline events and key judgments.

Each checks its entry's references, cites its quotes and counts its independent sources.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

from .. import labels, urls
from ..markup import RefTarget
from ..model import LIKELIHOODS, Actor, Assessment, Event, Figure, Judgment, Question, Report
from .citations import Citations
from .index import References
from .sourcing import counted_sources
from .views import (
    AssessmentView,
    Backlink,
    Citation,
    EventView,
    EvidenceGroup,
    FigureView,
    JudgmentView,
    QuestionPage,
    ReportView,
)

LEAN_GROUPS = (("yes", "Evidence leaning yes"), ("no", "Evidence leaning no"), ("unclear", "Evidence that cuts both ways"))
ABOUT = 0.1  # "about 2,500" asserts a value within 10% of 2,500


def figure_backlink(figure: Figure) -> Backlink:
    return Backlink("figure", f"Figure: {figure.label}", urls.figure(figure.id))


def question_backlink(question: Question) -> Backlink:
    return Backlink("question", f"Question: {question.question}", urls.question(question.id))


def event_backlink(event: Event, targets: Mapping[tuple[str, str], RefTarget]) -> Backlink:
    words = labels.short_words(labels.plain_text(event.event.markdown, targets), 10)
    return Backlink("event", f"Timeline, {event.date.label}: {words}", urls.event(event.id))


def judgment_backlink(judgment: Judgment, targets: Mapping[tuple[str, str], RefTarget]) -> Backlink:
    words = labels.short_words(labels.plain_text(judgment.text.markdown, targets), 10)
    return Backlink("judgment", f"Key judgment {judgment.number}: {words}", urls.judgment(judgment.number, judgment.id))


def figure_view(figure: Figure, citations: Citations, references: References) -> FigureView:
    references.check_markdown(figure.note)
    references.check_markdown(figure.reconciled)
    backlink = figure_backlink(figure)
    reports = []
    for report in figure.reports:
        citation = citations.cite(report.source, backlink)
        if citation:
            reports.append(ReportView(report, labels.value(report.value, report.qualifier), citation))
    background = figure.basis == "background"
    sources = () if background else counted_sources(r.citation for r in reports)
    text, behind = headline(reports)
    return FigureView(figure, urls.figure(figure.id), tuple(reports), reports_disagree(figure.reports), sources,
                      text, () if background else counted_sources(r.citation for r in behind))


def headline(reports: Sequence[ReportView]) -> tuple[str, list[ReportView]]:
    """What the reports say together, for the home page, and the reports that say it: the values
    all of them allow ("at least 18" from "at least 18" and "more than 12"); where they
    disagree, what the latest reports allow; failing that, what each says ("20 or more than 50")."""
    if not reports:
        return "", []
    days = [labels.as_day(r.citation.article.published) for r in reports]
    latest = max((d for d in days if d), default=None)
    for group in (list(reports), [r for r, d in zip(reports, days) if d == latest]):
        if group and not reports_disagree([r.report for r in group]):
            return _allowed([r.report for r in group]), group
    return " or ".join(dict.fromkeys(r.value_text for r in reports)), list(reports)


def _allowed(reports: list[Report]) -> str:
    """The values every report allows, in the words of the report that says it best."""
    ranges = [asserted_range(r) for r in reports]
    low = max(ranges, key=lambda r: (r[0], r[2]))
    high = min(ranges, key=lambda r: (r[1], not r[3]))
    for report, span in zip(reports, ranges):
        if (span[0], span[2]) == (low[0], low[2]) and (span[1], span[3]) == (high[1], high[3]):
            return labels.value(report.value, report.qualifier)  # one report says exactly this
    if high[1] == math.inf:
        return labels.value(low[0], "more than" if low[2] else "at least")
    return f"{labels.value(low[0], None)}–{labels.value(high[1], None)}"


def asserted_range(report: Report) -> tuple[float, float, bool, bool]:
    """The values a report allows, as (low, high, low excluded, high excluded)."""
    value, qualifier = report.value, report.qualifier
    if qualifier == "about":
        low, high = sorted((value * (1 - ABOUT), value * (1 + ABOUT)))
        return low, high, False, False
    if qualifier == "at least":
        return value, math.inf, False, False
    if qualifier == "more than":
        return value, math.inf, True, False
    if qualifier in ("up to", "as many as"):
        return min(0.0, value), value, False, False
    return value, value, False, False


def reports_disagree(reports: Iterable[Report]) -> bool:
    """Whether two of the reports assert values that cannot both be true ("at least 12" and
    "more than 18" can; 2,500 and 3,000 cannot)."""
    ranges = [asserted_range(r) for r in reports]
    for i, (low_a, high_a, low_open_a, high_open_a) in enumerate(ranges):
        for low_b, high_b, low_open_b, high_open_b in ranges[i + 1:]:
            if high_a < low_b or (high_a == low_b and (high_open_a or low_open_b)):
                return True
            if high_b < low_a or (high_b == low_a and (high_open_b or low_open_a)):
                return True
    return False


def question_page(question: Question, citations: Citations, references: References) -> QuestionPage:
    references.check_markdown(question.summary)
    for item in question.watch:
        references.check_markdown(item)
    backlink = question_backlink(question)
    grouped: dict[str, list[Citation]] = defaultdict(list)
    for evidence in question.evidence:
        citation = citations.cite(evidence.source, backlink)
        if citation:
            grouped[evidence.leans].append(citation)
    groups = tuple(EvidenceGroup(lean, heading, tuple(grouped[lean]))
                   for lean, heading in LEAN_GROUPS if grouped[lean])
    actors = _actors(question.actors, question.actor_lines, question.at.path, references)
    sources = counted_sources(c for g in groups for c in g.citations)
    assessment = _assessment(question.assessment, references) if question.assessment else None
    return QuestionPage(question, urls.question(question.id), actors, groups, sources, assessment)


def _assessment(assessment: Assessment, references: References) -> AssessmentView:
    references.check_markdown(assessment.text)
    judgment = None
    if assessment.judgment and references.check_id("judgment", assessment.judgment, assessment.at.path,
                                                   assessment.at.line):
        judgment = references.index.judgments[assessment.judgment]
    return AssessmentView(assessment, LIKELIHOODS[assessment.likelihood],
                          urls.judgment(judgment.number, judgment.id) if judgment else None,
                          f"Key judgment {judgment.number}" if judgment else None)


def event_view(event: Event, citations: Citations, references: References) -> EventView:
    references.check_markdown(event.event)
    references.check_markdown(event.background)
    backlink = event_backlink(event, references.index.targets)
    citation = citations.cite(event.source, backlink) if event.source else None
    actors = _actors(event.actors, event.actor_lines, event.at.path, references)
    sources = counted_sources([citation]) if citation and event.basis != "background" else ()
    return EventView(event, urls.event(event.id), actors, citation, sources)


def judgment_view(judgment: Judgment, citations: Citations, references: References) -> JudgmentView:
    references.check_markdown(judgment.text)
    references.check_markdown(judgment.changed)
    backlink = judgment_backlink(judgment, references.index.targets)
    cited = {lean: citations.cite_all([e.source for e in judgment.evidence if e.leans == lean], backlink)
             for lean in ("for", "against")}
    return JudgmentView(judgment, urls.judgment(judgment.number, judgment.id),
                        urls.judgment_anchor(judgment.number, judgment.id), LIKELIHOODS[judgment.likelihood],
                        cited["for"], cited["against"], counted_sources(cited["for"]))


def _actors(ids: tuple[str, ...], lines: tuple[int | None, ...], path: str,
            references: References) -> tuple[Actor, ...]:
    return tuple(references.index.actors[key] for key, line in zip(ids, lines or (None,) * len(ids))
                 if references.check_id("actor", key, path, line))
