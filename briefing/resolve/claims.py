"""One builder per kind of claim: figures, questions, timeline events and key judgments.

Each checks its entry's references, cites its quotes and counts its independent sources.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping

from .. import labels, urls
from ..markup import RefTarget
from ..model import LIKELIHOODS, Actor, Event, Figure, Judgment, Question
from .citations import Citations
from .index import References
from .sourcing import distinct_sources
from .views import Backlink, Citation, EventView, EvidenceGroup, FigureView, JudgmentView, QuestionPage, ReportView

LEAN_GROUPS = (("yes", "Evidence leaning yes"), ("no", "Evidence leaning no"), ("unclear", "Evidence that cuts both ways"))


def figure_backlink(figure: Figure) -> Backlink:
    return Backlink("figure", f"Figure: {figure.label}", urls.figure(figure.id))


def question_backlink(question: Question) -> Backlink:
    return Backlink("question", f"Question: {question.question}", urls.question(question.id))


def event_backlink(event: Event, targets: Mapping[tuple[str, str], RefTarget]) -> Backlink:
    words = labels.short_words(labels.plain_text(event.event.markdown, targets), 10)
    return Backlink("event", f"Timeline, {event.date.label}: {words}", urls.event(event.id))


def judgment_backlink(judgment: Judgment, targets: Mapping[tuple[str, str], RefTarget]) -> Backlink:
    words = labels.short_words(labels.plain_text(judgment.text.markdown, targets), 10)
    return Backlink("judgment", f"Key judgment {judgment.number}: {words}", urls.judgment(judgment.number))


def figure_view(figure: Figure, citations: Citations, references: References) -> FigureView:
    references.check_markdown(figure.note)
    backlink = figure_backlink(figure)
    reports = []
    for report in figure.reports:
        citation = citations.cite(report.source, backlink)
        if citation:
            reports.append(ReportView(report, labels.value(report.value, report.qualifier), citation))
    discrepancy = len({r.value for r in figure.reports}) > 1
    return FigureView(figure, urls.figure(figure.id), tuple(reports), discrepancy,
                      distinct_sources([r.citation.source for r in reports]))


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
    sources = distinct_sources([c.source for g in groups for c in g.citations])
    return QuestionPage(question, urls.question(question.id), actors, groups, sources)


def event_view(event: Event, citations: Citations, references: References) -> EventView:
    references.check_markdown(event.event)
    backlink = event_backlink(event, references.index.targets)
    citation = citations.cite(event.source, backlink) if event.source else None
    actors = _actors(event.actors, event.actor_lines, event.at.path, references)
    return EventView(event, urls.event(event.id), actors, citation, (citation.source,) if citation else ())


def judgment_view(judgment: Judgment, citations: Citations, references: References) -> JudgmentView:
    references.check_markdown(judgment.text)
    cited = citations.cite_all(judgment.evidence, judgment_backlink(judgment, references.index.targets))
    return JudgmentView(judgment, urls.judgment(judgment.number), LIKELIHOODS[judgment.likelihood], cited,
                        distinct_sources([c.source for c in cited]))


def _actors(ids: tuple[str, ...], lines: tuple[int | None, ...], path: str,
            references: References) -> tuple[Actor, ...]:
    return tuple(references.index.actors[key] for key, line in zip(ids, lines or (None,) * len(ids))
                 if references.check_id("actor", key, path, line))
