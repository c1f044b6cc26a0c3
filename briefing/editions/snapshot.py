"""The briefing as it stands, as an edition: what `python build.py edition` freezes and claims.json publishes."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from ..markup import RefTarget, find_xrefs
from ..model import Article, Content, Text
from ..resolve.views import Citation, EventView, FigureView, IndependentSource, JudgmentView, QuestionPage
from .records import (
    ArticleRecord,
    AssessmentRecord,
    Edition,
    EventRecord,
    FigureRecord,
    JudgmentRecord,
    QuestionRecord,
    QuoteRecord,
    ReportRecord,
    SourceRecord,
    SpeakerRecord,
)

# --- the briefing as it stands -> an edition ---------------------------------------------------

def snapshot(content: Content, judgments: Iterable[JudgmentView], figures: Iterable[FigureView],
             questions: Iterable[QuestionPage], events: Iterable[EventView],
             refs: Mapping[tuple[str, str], RefTarget]) -> Edition:
    """The briefing's claims as the resolve stage made them: what `python build.py edition` freezes."""
    b = content.briefing
    judgment_records = tuple(
        JudgmentRecord(v.judgment.id, v.judgment.text.markdown, v.judgment.likelihood, v.judgment.confidence,
                       _markdown(v.judgment.changed),
                       tuple(_quote(c, "for") for c in v.citations) + tuple(_quote(c, "against") for c in v.against),
                       _sources(v.sources))
        for v in judgments)
    figure_records = tuple(
        FigureRecord(v.figure.id, v.figure.label, v.figure.unit, v.figure.basis,
                     tuple(ReportRecord(r.report.value, r.report.qualifier, _quote(r.citation)) for r in v.reports),
                     _sources(v.sources))
        for v in figures)
    question_records = tuple(
        QuestionRecord(p.question.id, p.question.question, _assessment(p),
                       tuple(_quote(c, g.leans) for g in p.groups for c in g.citations), _sources(p.sources))
        for p in questions)
    event_records = tuple(
        EventRecord(v.event.id, v.event.date.iso, v.event.event.markdown, v.event.basis,
                    _quote(v.citation) if v.citation else None, _sources(v.sources))
        for v in events)
    articles = tuple(_article(a) for a in sorted(content.articles, key=lambda a: a.slug))
    texts = [b.bottom_line.markdown if b.bottom_line else ""]
    texts += [t for j in judgment_records for t in (j.text, j.changed or "")]
    texts += [q.assessment.text or "" for q in question_records if q.assessment]
    texts += [e.text for e in event_records]
    texts += [reason for a in articles for reason in (a.retracted, a.discredited) if reason]
    used = {(kind, key) for text in texts for kind, key, _ in find_xrefs(text) if (kind, key) in refs}
    return Edition(b.title, b.as_of, b.base_url, _markdown(b.bottom_line),
                   tuple((key, refs[key]) for key in sorted(used)),
                   judgment_records, figure_records, question_records, event_records, articles)


def _markdown(text: Text | None) -> str | None:
    return text.markdown if text else None


def _sources(sources: Iterable[IndependentSource]) -> tuple[SourceRecord, ...]:
    return tuple(SourceRecord(s.name, s.kind) for s in sources)


def _quote(c: Citation, leans: str | None = None) -> QuoteRecord:
    speaker = SpeakerRecord(c.speaker.name, c.speaker.role) if c.speaker else None
    counts_as = None if c.retraction else SourceRecord(c.source.name, c.source.kind)
    return QuoteRecord(c.article.slug, c.quote, c.url, speaker, c.via, counts_as, leans)


def _assessment(page: QuestionPage) -> AssessmentRecord | None:
    a = page.question.assessment
    return AssessmentRecord(a.likelihood, a.confidence, _markdown(a.text), a.judgment) if a else None


def _article(a: Article) -> ArticleRecord:
    return ArticleRecord(a.slug, a.title, a.outlet, a.author, a.kind, a.published.isoformat() if a.published else None,
                         a.url, a.syndicates, _markdown(a.retracted), _markdown(a.discredited))
