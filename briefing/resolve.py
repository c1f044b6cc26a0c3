"""Stage 2: index every id, check every reference, find every quote, and work out the backlinks."""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from .errors import Problems, closest
from .markup import XREF_KINDS, ActorMatcher, ArticleText, RefTarget, find_xrefs, link_actors, make_markdown, normalize_quote
from .sourcing import distinct_sources, source_name, text_fragment_url
from .model import (
    LIKELIHOODS, Actor, Article, Content, Event, Figure, Judgment, Question, QuoteRef, Report, Source, Text,
)

log = logging.getLogger("briefing")

LEAN_GROUPS = (("yes", "Evidence leaning yes"), ("no", "Evidence leaning no"), ("unclear", "Evidence that cuts both ways"))


@dataclass(frozen=True)
class Citation:
    """A quote located in its article: what a claim links to."""

    article: Article
    quote: str
    anchor: str
    url: str  # relative to the site root
    source: str  # the independent source it counts as (see sourcing.source_name)
    at_source_url: str | None  # the passage on the publisher's page, as a text fragment link
    at: Source  # where the claim's quote was written, for the audit
    via: str | None  # the outlet the article quotes in this passage, if the editor named it


@dataclass(frozen=True)
class Backlink:
    """A claim that cites a passage or names an actor, as a link back to it."""

    kind: str  # figure | question | event | judgment
    label: str
    url: str


@dataclass(frozen=True)
class QuoteAnchor:
    id: str
    quote: str
    cited_by: tuple[Backlink, ...]


@dataclass(frozen=True)
class CopyLink:
    """One side of a copy relation between two articles."""

    article: Article
    description: str  # "a machine rewrite", "a near-verbatim copy", "a copy or rewrite"
    score: float | None


@dataclass(frozen=True)
class ArticlePage:
    article: Article
    url: str
    tokens: list  # markdown-it tokens of the body, with actor links and quote anchors in place
    anchors: tuple[QuoteAnchor, ...]
    mentions: tuple[Actor, ...]
    original: CopyLink | None
    copies: tuple[CopyLink, ...]


@dataclass(frozen=True)
class RelationView:
    other: Actor
    text: str
    outgoing: bool  # True: this actor's entry lists `other`; False: `other` lists this actor


@dataclass(frozen=True)
class ActorPage:
    actor: Actor
    url: str
    relations: tuple[RelationView, ...]
    articles: tuple[Article, ...]
    named_in: tuple[Backlink, ...]


@dataclass(frozen=True)
class ReportView:
    report: Report
    value_text: str
    citation: Citation


@dataclass(frozen=True)
class FigureView:
    figure: Figure
    url: str
    reports: tuple[ReportView, ...]
    discrepancy: bool
    sources: tuple[str, ...]


@dataclass(frozen=True)
class EvidenceGroup:
    leans: str
    heading: str
    citations: tuple[Citation, ...]


@dataclass(frozen=True)
class QuestionPage:
    question: Question
    url: str
    actors: tuple[Actor, ...]
    groups: tuple[EvidenceGroup, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True)
class EventView:
    event: Event
    url: str
    actors: tuple[Actor, ...]
    citation: Citation | None
    sources: tuple[str, ...]


@dataclass(frozen=True)
class JudgmentView:
    judgment: Judgment
    url: str
    likelihood_range: str
    citations: tuple[Citation, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Site:
    """Everything the render stage lays out; nothing in it needs computing again."""

    content: Content
    articles: tuple[ArticlePage, ...]
    actors: tuple[ActorPage, ...]
    figures: tuple[FigureView, ...]
    questions: tuple[QuestionPage, ...]
    events: tuple[EventView, ...]
    judgments: tuple[JudgmentView, ...]
    refs: dict[tuple[str, str], RefTarget]
    discrepancies: int
    quotes_verified: int
    warnings: tuple[str, ...]


def format_value(value: float, qualifier: str | None, unit: str | None = None) -> str:
    number = f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"
    return " ".join(part for part in (qualifier, number) if part)


def plain_label(markdown: str, refs: dict[tuple[str, str], RefTarget]) -> str:
    """A Markdown snippet as plain words, for link labels and titles."""
    def ref_text(match: re.Match) -> str:
        kind, key, label = match.group(1) or "actor", match.group(2).strip(), match.group(3)
        target = refs.get((kind, key))
        return (label or "").strip() or (target.text if target else key)

    from .markup import XREF_PATTERN
    text = XREF_PATTERN.sub(ref_text, markdown)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return re.sub(r"[*_`#>]+", "", text).strip()


def _short(text: str, words: int = 12) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def anchor_id(quote: str) -> str:
    words = re.findall(r"[a-z0-9]+", normalize_quote(quote).lower())
    return "q-" + "-".join(words[:6])[:48].strip("-") if words else "q"


class _Resolver:
    def __init__(self, content: Content, problems: Problems):
        self.content, self.problems = content, problems
        self.warnings: list[str] = list(content.warnings)
        self.actors = {a.id: a for a in content.actors}
        self.articles = {a.slug: a for a in content.articles}
        self.figures = {f.id: f for f in content.figures}
        self.questions = {q.id: q for q in content.questions}
        self.events = {e.id: e for e in content.events}
        self.refs = self._ref_targets()
        names: dict[str, str] = {}
        for actor in content.actors:
            for name in (actor.name, *actor.aliases):
                names.setdefault(name, actor.id)
        self.matcher = ActorMatcher(names)
        self.md = make_markdown()
        self.texts: dict[str, ArticleText] = {}
        self.mentions: dict[str, set[str]] = {}
        # per article: normalized quote -> anchor id; anchor id -> (span, quote, backlinks)
        self.anchor_of: dict[str, dict[str, str]] = defaultdict(dict)
        self.anchor_spans: dict[str, dict[str, tuple[int, int, str]]] = defaultdict(dict)
        self.cited_by: dict[tuple[str, str], list[Backlink]] = defaultdict(list)
        self.quotes_verified = 0

    # -- the index ----------------------------------------------------------------------------

    def _ref_targets(self) -> dict[tuple[str, str], RefTarget]:
        refs = {}
        for a in self.content.actors:
            refs[("actor", a.id)] = RefTarget(f"actors/{a.id}.html", a.name)
        for a in self.content.articles:
            refs[("article", a.slug)] = RefTarget(f"articles/{a.slug}.html", a.title)
        for f in self.content.figures:
            refs[("figure", f.id)] = RefTarget(f"figures.html#{f.id}", f.label)
        for q in self.content.questions:
            refs[("question", q.id)] = RefTarget(f"questions/{q.id}.html", q.question)
        for e in self.content.events:
            refs[("event", e.id)] = RefTarget(f"timeline.html#{e.id}", e.date.label)
        return refs

    def check_id(self, kind: str, key: str, path: str, line: int | None) -> bool:
        table = {"actor": self.actors, "article": self.articles, "figure": self.figures,
                 "question": self.questions, "event": self.events}[kind]
        if key in table:
            return True
        if (kind, key) in self.content.broken_ids or (kind, "*") in self.content.broken_ids:
            return False  # its own entry has already been reported
        noun = "article" if kind == "article" else kind
        self.problems.add(path, line, f"unknown {noun} '{key}'", closest(key, table, cutoff=0.5))
        return False

    def check_markdown(self, text: Text | None) -> None:
        if text is None:
            return
        self._check_xrefs(text.markdown, text.at.path, text.at.line or 1)

    def _check_xrefs(self, markdown: str, path: str, first_line: int) -> None:
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

    # -- quotes -------------------------------------------------------------------------------

    def cite(self, ref: QuoteRef, backlink: Backlink) -> Citation | None:
        if not self.check_id("article", ref.article, ref.at.path, ref.at.line):
            return None
        text = self.texts[ref.article]
        span = text.find(ref.quote)
        if span is None:
            passage = text.closest_passage(ref.quote)
            self.problems.add(ref.at.path, ref.at.line,
                              f"quote not found in article '{ref.article}': \"{_short(ref.quote, 14)}\"",
                              f'"{passage}"' if passage else None)
            return None
        self.quotes_verified += 1
        key = normalize_quote(ref.quote)
        anchors = self.anchor_of[ref.article]
        if key not in anchors:
            base = candidate = anchor_id(ref.quote)
            n = 2
            while candidate in self.anchor_spans[ref.article]:
                candidate, n = f"{base}-{n}", n + 1
            anchors[key] = candidate
            self.anchor_spans[ref.article][candidate] = (span[0], span[1], ref.quote)
        anchor = anchors[key]
        if backlink not in self.cited_by[(ref.article, anchor)]:
            self.cited_by[(ref.article, anchor)].append(backlink)
        article = self.articles[ref.article]
        passage = text.plain[span[0]:span[1]]
        return Citation(article, ref.quote, anchor, f"articles/{article.slug}.html#{anchor}",
                        source_name(article, ref.via, self.articles),
                        text_fragment_url(article.url, passage) if article.url else None, ref.at, ref.via)

    # -- the whole pass -----------------------------------------------------------------------

    def run(self) -> Site:
        c = self.content
        for article in c.articles:
            self._check_xrefs(article.body, article.at.path, article.body_line)
            env: dict[str, Any] = {"refs": self.refs, "root": "../"}
            tokens = self.md.parse(article.body, env)
            self.mentions[article.slug] = link_actors(tokens, self.matcher, "../")
            self.mentions[article.slug] |= {key for kind, key, _ in find_xrefs(article.body) if kind == "actor" and key in self.actors}
            self.texts[article.slug] = ArticleText(tokens)
            if article.syndicates:
                if article.syndicates == article.slug:
                    self.problems.add(article.at.path, None, "an article cannot syndicate itself")
                else:
                    self.check_id("article", article.syndicates, article.at.path, None)

        for actor in c.actors:
            self.check_markdown(actor.summary)
            for relation in actor.related:
                self.check_id("actor", relation.actor, relation.at.path, relation.at.line)

        figures = tuple(self._figure(f) for f in c.figures)
        questions = tuple(self._question(q) for q in c.questions)
        events = tuple(self._event(e) for e in sorted(c.events, key=lambda e: (e.date, e.id)))
        judgments = tuple(self._judgment(j) for j in c.briefing.key_judgments)
        self.check_markdown(c.briefing.bottom_line)

        copies = self._copies()
        articles = tuple(self._article_page(a, copies) for a in sorted(
            c.articles, key=lambda a: (_sort_date(a.published), a.slug), reverse=True))
        actors = tuple(self._actor_page(a, figures, questions, events, judgments)
                       for a in sorted(c.actors, key=lambda a: a.name.lower()))
        return Site(c, articles, actors, figures, questions, events, judgments, self.refs,
                    sum(1 for f in figures if f.discrepancy), self.quotes_verified, tuple(self.warnings))

    def _figure(self, figure: Figure) -> FigureView:
        self.check_markdown(figure.note)
        backlink = Backlink("figure", f"Figure: {figure.label}", f"figures.html#{figure.id}")
        reports = []
        for report in figure.reports:
            citation = self.cite(report.source, backlink)
            if citation:
                reports.append(ReportView(report, format_value(report.value, report.qualifier), citation))
        discrepancy = len({r.value for r in figure.reports}) > 1
        return FigureView(figure, f"figures.html#{figure.id}", tuple(reports), discrepancy,
                          distinct_sources([r.citation.source for r in reports]))

    def _actor_list(self, ids: tuple[str, ...], lines: tuple[int | None, ...], path: str) -> tuple[Actor, ...]:
        found = []
        for key, line in zip(ids, lines or (None,) * len(ids)):
            if self.check_id("actor", key, path, line):
                found.append(self.actors[key])
        return tuple(found)

    def _question(self, question: Question) -> QuestionPage:
        self.check_markdown(question.summary)
        for item in question.watch:
            self.check_markdown(item)
        backlink = Backlink("question", f"Question: {question.question}", f"questions/{question.id}.html")
        grouped: dict[str, list[Citation]] = defaultdict(list)
        for evidence in question.evidence:
            citation = self.cite(evidence.source, backlink)
            if citation:
                grouped[evidence.leans].append(citation)
        groups = tuple(EvidenceGroup(lean, heading, tuple(grouped[lean]))
                       for lean, heading in LEAN_GROUPS if grouped[lean])
        actors = self._actor_list(question.actors, question.actor_lines, question.at.path)
        sources = distinct_sources([c.source for g in groups for c in g.citations])
        return QuestionPage(question, f"questions/{question.id}.html", actors, groups, sources)

    def _event(self, event: Event) -> EventView:
        self.check_markdown(event.event)
        label = f"Timeline, {event.date.label}: {_short(plain_label(event.event.markdown, self.refs), 10)}"
        backlink = Backlink("event", label, f"timeline.html#{event.id}")
        citation = self.cite(event.source, backlink) if event.source else None
        actors = self._actor_list(event.actors, event.actor_lines, event.at.path)
        return EventView(event, f"timeline.html#{event.id}", actors, citation,
                         (citation.source,) if citation else ())

    def _judgment(self, judgment: Judgment) -> JudgmentView:
        self.check_markdown(judgment.text)
        url = f"index.html#judgment-{judgment.number}"
        backlink = Backlink("judgment", f"Key judgment {judgment.number}: {_short(plain_label(judgment.text.markdown, self.refs), 10)}", url)
        citations = tuple(c for c in (self.cite(ref, backlink) for ref in judgment.evidence) if c)
        return JudgmentView(judgment, url, LIKELIHOODS[judgment.likelihood], citations,
                            distinct_sources([c.source for c in citations]))

    def _copies(self) -> dict[str, list[tuple[str, str, float | None]]]:
        """copy slug -> [(original slug, description, score)], from `syndicates:` and from detection."""
        from .similarity import find_copies

        declared = {a.slug: a.syndicates for a in self.content.articles if a.syndicates in self.articles}
        texts = {slug: text.plain for slug, text in self.texts.items()}
        published = {a.slug: _as_date(a.published) for a in self.content.articles}
        detected = {(m.copy, m.original): m for m in find_copies(texts, published)}
        result: dict[str, list[tuple[str, str, float | None]]] = defaultdict(list)
        for copy, original in declared.items():
            match = detected.get((copy, original)) or detected.get((original, copy))
            description = _describe(match.kind) if match else "a copy or rewrite"
            result[copy].append((original, description, match.score if match else None))
        for (copy, original), match in detected.items():
            if declared.get(copy) == original or declared.get(original) == copy:
                continue
            self.warnings.append(
                f"{self.articles[copy].at.path}: looks like {_describe(match.kind)} of '{original}' "
                f"(similarity {match.score:.2f}); add `syndicates: {original}` to its front matter "
                "so that the two count as one source")
        return result

    def _article_page(self, article: Article, copies: dict) -> ArticlePage:
        text = self.texts[article.slug]
        spans = [(start, end, anchor) for anchor, (start, end, _) in self.anchor_spans[article.slug].items()]
        text.anchor(spans)
        anchors = tuple(
            QuoteAnchor(anchor, quote, tuple(self.cited_by[(article.slug, anchor)]))
            for anchor, (start, _, quote) in sorted(self.anchor_spans[article.slug].items(), key=lambda kv: kv[1][0]))
        original = None
        for original_slug, description, score in copies.get(article.slug, []):
            original = CopyLink(self.articles[original_slug], description, score)
        derived = tuple(CopyLink(self.articles[slug], description, score)
                        for slug, links in sorted(copies.items())
                        for original_slug, description, score in links if original_slug == article.slug)
        mentions = tuple(sorted((self.actors[a] for a in self.mentions[article.slug]), key=lambda a: a.name.lower()))
        return ArticlePage(article, f"articles/{article.slug}.html", text.tokens, anchors, mentions, original, derived)

    def _actor_page(self, actor: Actor, figures, questions, events, judgments) -> ActorPage:
        relations = [RelationView(self.actors[r.actor], r.relation, True) for r in actor.related if r.actor in self.actors]
        for other in self.content.actors:
            for r in other.related:
                if r.actor == actor.id and other.id != actor.id:
                    relations.append(RelationView(other, r.relation, False))
        articles = tuple(page for page in sorted(
            (a for a in self.content.articles if actor.id in self.mentions[a.slug]),
            key=lambda a: (_sort_date(a.published), a.slug), reverse=True))
        named_in = []
        for view in figures:
            f = view.figure
            if self._names(actor, f.label, f.note):
                named_in.append(Backlink("figure", f"Figure: {f.label}", view.url))
        for view in questions:
            q = view.question
            if actor in view.actors or self._names(actor, q.question, q.summary):
                named_in.append(Backlink("question", f"Question: {q.question}", view.url))
        for view in events:
            if actor in view.actors or self._names(actor, view.event.event):
                named_in.append(Backlink("event", f"Timeline, {view.event.date.label}: "
                                         f"{_short(plain_label(view.event.event.markdown, self.refs), 10)}", view.url))
        for view in judgments:
            if self._names(actor, view.judgment.text):
                named_in.append(Backlink("judgment", f"Key judgment {view.judgment.number}: "
                                         f"{_short(plain_label(view.judgment.text.markdown, self.refs), 10)}", view.url))
        return ActorPage(actor, f"actors/{actor.id}.html", tuple(relations), articles, tuple(named_in))

    def _names(self, actor: Actor, *texts: str | Text | None) -> bool:
        for text in texts:
            if text is None:
                continue
            markdown = text.markdown if isinstance(text, Text) else text
            if any(kind == "actor" and key == actor.id for kind, key, _ in find_xrefs(markdown)):
                return True
            if actor.id in self.matcher.actors_in(markdown):
                return True
        return False


def _describe(kind: str) -> str:
    return {"copy": "a near-verbatim copy", "rewrite": "a machine rewrite"}.get(kind, f"a {kind}")


def _as_date(value):
    import datetime as dt
    return value.date() if isinstance(value, dt.datetime) else value


def _sort_date(value) -> str:
    return value.isoformat() if value else ""


def resolve(content: Content, problems: Problems) -> Site:
    """Check every reference and quote of the content, adding each problem to `problems`."""
    return _Resolver(content, problems).run()
