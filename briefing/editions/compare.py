"""What changed between two editions, and how each key judgment moved across all of them.

Both work on records alone (records.py), so that the briefing as it stands is compared with
its last edition by the same code that compares two editions with each other, for the feed.
Judgments and figures, questions and events are matched by id, articles by slug, reports by
their article and quote.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from .. import labels, urls
from ..load.fields import parse_date, parse_partial_date
from ..markup import RefTarget
from .records import ArticleRecord, Edition, EventRecord, FigureRecord, QuoteRecord, ReportRecord
from .views import (
    ArticleChange,
    Changes,
    ClaimLink,
    EventChange,
    FigureChange,
    HistoryStep,
    JudgmentChange,
    JudgmentHistory,
    QuestionChange,
    ReportChange,
    RetractionChange,
)

LABEL_WORDS = 12


def compare(before: Edition, after: Edition) -> Changes:
    """What `after` says differently from `before`, in the claims themselves."""
    since = before.as_of.isoformat() if before.as_of else ""
    judgments = _judgments(before, after, since)
    figures = _figures(before, after)
    questions = _questions(before, after)
    known = {a.slug for a in before.articles}
    articles = tuple(ArticleChange(a.slug, a.title, urls.article(a.slug), a.outlet, _published(a))
                     for a in _newest_first(a for a in after.articles if a.slug not in known))
    had = {e.id for e in before.events}
    events = tuple(EventChange(e.id, _event_label(e, after.targets), urls.event(e.id))
                   for e in after.events if e.id not in had)
    retractions = _retractions(before, after)
    summary = _summary(judgments, figures, questions, articles, events, retractions, after.targets)
    return Changes(before.as_of, urls.edition(since), judgments, figures, questions, articles, events,
                   retractions, summary)


def judgment_label(text: str, targets: Mapping[tuple[str, str], RefTarget]) -> str:
    return labels.short_words(labels.plain_text(text, targets), LABEL_WORDS)


def _judgments(before: Edition, after: Edition, since: str) -> tuple[JudgmentChange, ...]:
    moved, added, withdrawn = [], [], []
    for number, record in enumerate(after.judgments, start=1):
        if not record.id:
            continue
        url = urls.judgment(number, record.id)
        label = judgment_label(record.text, after.targets)
        found = before.judgment(record.id)
        if found is None:
            added.append(JudgmentChange("added", record.id, number, url, label, None, record.rating, None))
        elif found[1].rating != record.rating:
            earlier = found[1]
            fresh = record.changed if record.changed != earlier.changed else None
            moved.append(JudgmentChange("moved", record.id, number, url, label, earlier.rating, record.rating, fresh,
                                        stale_reason=bool(record.changed) and fresh is None))
    now = {record.id for record in after.judgments}
    for number, record in enumerate(before.judgments, start=1):
        if record.id and record.id not in now:
            withdrawn.append(JudgmentChange("withdrawn", record.id, number,
                                            urls.edition_judgment(since, number, record.id),
                                            judgment_label(record.text, before.targets), record.rating, None, None))
    return tuple(moved + added + withdrawn)


def _figures(before: Edition, after: Edition) -> tuple[FigureChange, ...]:
    earlier = {f.id: f for f in before.figures}
    names = _outlets(after.articles)
    changes = []
    for figure in after.figures:
        old = earlier.get(figure.id)
        old_reports = {_report_key(r): r for r in old.reports} if old else {}
        new_keys = {_report_key(r) for r in figure.reports}
        reports = []
        for report in figure.reports:
            was = old_reports.get(_report_key(report))
            if was is None:
                reports.append(_report_change("new", report, figure, None, names))
            elif (was.value, was.qualifier) != (report.value, report.qualifier):
                reports.append(_report_change("value", report, figure, _value(was, figure), names))
        if old:
            reports += [_report_change("dropped", r, figure, None, names) for r in old.reports
                        if _report_key(r) not in new_keys]
        if old is None or reports:
            changes.append(FigureChange(figure.id, figure.label, urls.figure(figure.id), old is None, tuple(reports)))
    return tuple(changes)


def _report_key(report: ReportRecord) -> tuple[str, str]:
    return report.source.article, report.source.quote


def _value(report: ReportRecord, figure: FigureRecord) -> str:
    return " ".join(part for part in (labels.value(report.value, report.qualifier), figure.unit) if part)


def _report_change(kind: str, report: ReportRecord, figure: FigureRecord, before: str | None,
                   names: Mapping[str, str]) -> ReportChange:
    return ReportChange(kind, _value(report, figure), before, _source_name(report.source, names), report.source.passage)


def _source_name(quote: QuoteRecord, names: Mapping[str, str]) -> str:
    if quote.counts_as:
        return quote.counts_as.name
    return names.get(quote.article, quote.article)


def _outlets(articles: Iterable[ArticleRecord]) -> dict[str, str]:
    return {a.slug: a.outlet or f"“{a.title}”" for a in articles}


def _questions(before: Edition, after: Edition) -> tuple[QuestionChange, ...]:
    earlier = {q.id: q for q in before.questions}
    changes = []
    for question in after.questions:
        rating = question.assessment.rating if question.assessment else None
        old = earlier.get(question.id)
        if old is None:
            changes.append(QuestionChange(question.id, question.question, urls.question(question.id), True, None, rating))
            continue
        old_rating = old.assessment.rating if old.assessment else None
        if old_rating != rating:
            changes.append(QuestionChange(question.id, question.question, urls.question(question.id), False,
                                          old_rating, rating))
    return tuple(changes)


def _retractions(before: Edition, after: Edition) -> tuple[RetractionChange, ...]:
    was = {a.slug: a.withdrawn[0] for a in before.articles if a.withdrawn}
    articles = {a.slug: a for a in after.articles}
    changes = []
    for article in after.articles:
        withdrawn = article.withdrawn
        if withdrawn is None or was.get(article.slug) == withdrawn[0]:  # a reworded reason is no news
            continue
        resting = {slug for slug in articles if _original(slug, articles) == article.slug or slug == article.slug}
        changes.append(RetractionChange(article.slug, article.title, urls.article(article.slug), article.outlet,
                                        withdrawn[0], withdrawn[1], tuple(_claims_citing(after, resting))))
    return tuple(changes)


def _original(slug: str, articles: Mapping[str, ArticleRecord]) -> str:
    seen = {slug}
    while (article := articles.get(slug)) and article.syndicates and article.syndicates not in seen:
        slug = article.syndicates
        seen.add(slug)
    return slug


def _claims_citing(edition: Edition, slugs: set[str]) -> list[ClaimLink]:
    """The claims of an edition that cite one of `slugs`, each saying whether anything it cites still counts."""
    found = []

    def check(label: str, url: str, quotes: Sequence[QuoteRecord]) -> None:
        if any(q.article in slugs for q in quotes):
            found.append(ClaimLink(label, url, all(q.counts_as is None for q in quotes)))

    for number, j in enumerate(edition.judgments, start=1):
        check(f"Key judgment {number}", urls.judgment(number, j.id), [q for q in j.evidence if q.leans != "against"])
    for f in edition.figures:
        check(f"Figure: {f.label}", urls.figure(f.id), [r.source for r in f.reports])
    for q in edition.questions:
        check(f"Question: {q.question}", urls.question(q.id), q.evidence)
    for e in edition.events:
        check(f"Timeline, {_event_label(e, edition.targets)}", urls.event(e.id), [e.source] if e.source else [])
    return found


def _event_label(event: EventRecord, targets: Mapping[tuple[str, str], RefTarget]) -> str:
    date = parse_partial_date(event.date)
    words = labels.short_words(labels.plain_text(event.text, targets), 10)
    return f"{date.label if date else event.date}: {words}"


def _published(article: ArticleRecord) -> str | None:
    return labels.human_date(parse_date(article.published)) if article.published else None


def _newest_first(articles: Iterable[ArticleRecord]) -> list[ArticleRecord]:
    return sorted(articles, key=lambda a: (a.published or "", a.slug), reverse=True)


def _summary(judgments: Sequence[JudgmentChange], figures: Sequence[FigureChange],
             questions: Sequence[QuestionChange], articles: Sequence[ArticleChange], events: Sequence[EventChange],
             retractions: Sequence[RetractionChange], targets: Mapping[tuple[str, str], RefTarget]) -> tuple[str, ...]:
    """One plain line per change, for the feed and for the pages of earlier editions."""
    lines = []
    for j in judgments:
        if j.kind == "moved" and j.before and j.after:
            why = f": {labels.plain_text(j.reason, targets)}" if j.reason else " (no reason given)"
            lines.append(f"Key judgment {j.number} moved {j.move}{why}")
        elif j.kind == "added":
            lines.append(f"New key judgment {j.number}: {j.label}")
        else:
            lines.append(f"Key judgment withdrawn: {j.label}")
    for f in figures:
        if f.new:
            lines.append(f"New figure: {f.label}")
        else:
            lines.append(f"{f.label}: " + "; ".join(_report_words(r) for r in f.reports))
    for q in questions:
        if q.new:
            lines.append(f"New question: {q.label}")
        else:
            lines.append(f"Question “{q.label}”: assessment moved {q.move}")
    lines += [f"New source: {a.title}" + (f" ({a.outlet})" if a.outlet else "") for a in articles]
    lines += [f"New on the timeline: {e.label}" for e in events]
    for r in retractions:
        lines.append(f"{r.kind.capitalize()}: {r.title}" + (f" ({r.outlet})" if r.outlet else "")
                     + f": {labels.plain_text(r.reason, targets)}")
    return tuple(lines)


def _report_words(r: ReportChange) -> str:
    if r.kind == "new":
        return f"new report of {r.value} ({r.source})"
    if r.kind == "value":
        return f"{r.before} → {r.value} ({r.source})"
    return f"report of {r.value} dropped ({r.source})"


def judgment_histories(timeline: Sequence[Edition]) -> dict[str, JudgmentHistory]:
    """Each judgment of the last edition of `timeline` (oldest first), with the ratings it had along it."""
    if not timeline:
        return {}
    histories = {}
    for record in timeline[-1].judgments:
        if not record.id:
            continue
        steps: list[HistoryStep] = []
        previous = None
        for edition in timeline:
            found = edition.judgment(record.id)
            if found is None:
                continue
            current = found[1]
            if steps and steps[-1].rating == current.rating:
                steps[-1] = HistoryStep(steps[-1].rating, steps[-1].since, edition.as_of, steps[-1].reason)
            else:
                moved = previous is not None and current.changed != previous.changed
                steps.append(HistoryStep(current.rating, edition.as_of, edition.as_of,
                                         current.changed if moved else None))
            previous = current
        new = all(edition.judgment(record.id) is None for edition in timeline[:-1])
        histories[record.id] = JudgmentHistory(tuple(reversed(steps)), new)
    return histories
