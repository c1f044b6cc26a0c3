"""Stage 2: index every id, check every reference, find every quote, and work out the backlinks."""

from __future__ import annotations

import re
from collections import defaultdict

from ..errors import Problems, closest
from ..markup import XREF_KINDS, XREF_PATTERN, ActorMatcher, RefTarget, find_xrefs, normalize_quote
from ..model import LIKELIHOODS, Actor, Article, ArticleCard, Content, Event, Figure, Judgment, Question, QuoteRef, Text
from .bodies import BodyContext, BodyJob, ProcessedBody, process_bodies
from .similarity import find_copies
from .sourcing import distinct_sources, source_name, text_fragment_url
from .views import (
    ActorGroup,
    ActorPage,
    ArticlePage,
    Backlink,
    Citation,
    CopyLink,
    EventView,
    EvidenceGroup,
    FigureView,
    JudgmentView,
    QuestionPage,
    QuoteAnchor,
    RelationView,
    ReportView,
    Site,
)

ACTOR_GROUPS = (("person", "People"), ("organization", "Organizations"), ("state", "States"), ("place", "Places"))
LEAN_GROUPS = (("yes", "Evidence leaning yes"), ("no", "Evidence leaning no"), ("unclear", "Evidence that cuts both ways"))


def resolve(content: Content, problems: Problems, body_cache: dict | None = None,
            copies_cache: dict | None = None) -> Site:
    """Check every reference and quote of the content, adding each problem to `problems`.

    `body_cache` keeps processed article bodies between builds, `copies_cache` the copies found
    among texts that have not changed since (the dev server passes both).
    """
    return _Resolver(content, problems, body_cache, copies_cache).run()


def format_value(value: float, qualifier: str | None) -> str:
    number = f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"
    return " ".join(part for part in (qualifier, number) if part)


def plain_label(markdown: str, refs: dict[tuple[str, str], RefTarget]) -> str:
    """A Markdown snippet as plain words, for link labels and titles."""
    def ref_text(match: re.Match) -> str:
        kind, key, label = match.group(1) or "actor", match.group(2).strip(), match.group(3)
        target = refs.get((kind, key))
        return (label or "").strip() or (target.text if target else key)

    text = XREF_PATTERN.sub(ref_text, markdown)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return re.sub(r"[*_`#>]+", "", text).strip()


def short_words(text: str, words: int = 12) -> str:
    """The first words of a text, with an ellipsis when there were more."""
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


class _Resolver:
    def __init__(self, content: Content, problems: Problems, body_cache: dict | None,
                 copies_cache: dict | None = None):
        self.content, self.problems, self.body_cache = content, problems, body_cache
        self.copies_cache = copies_cache
        self.warnings: list[str] = list(content.warnings)
        self.actors = {a.id: a for a in content.actors}
        self.articles = {a.slug: a for a in content.articles}
        self.cards = {a.slug: ArticleCard.of(a) for a in content.articles}
        self.tables = {"actor": self.actors, "article": self.articles,
                       "figure": {f.id: f for f in content.figures},
                       "question": {q.id: q for q in content.questions},
                       "event": {e.id: e for e in content.events}}
        self.refs = self._ref_targets()
        names: dict[str, str] = {}
        for actor in content.actors:
            for name in (actor.name, *actor.aliases):
                names.setdefault(name, actor.id)
        self.matcher = ActorMatcher(names)
        self.bodies: dict[str, ProcessedBody] = {}
        self.cited_by: dict[tuple[str, str], list[Backlink]] = defaultdict(list)
        self.quotes_verified = 0

    # -- the index ----------------------------------------------------------------------------

    def _ref_targets(self) -> dict[tuple[str, str], RefTarget]:
        c, refs = self.content, {}
        refs.update({("actor", a.id): RefTarget(f"actors/{a.id}.html", a.name) for a in c.actors})
        refs.update({("article", a.slug): RefTarget(f"articles/{a.slug}.html", a.title) for a in c.articles})
        refs.update({("figure", f.id): RefTarget(f"figures.html#{f.id}", f.label) for f in c.figures})
        refs.update({("question", q.id): RefTarget(f"questions/{q.id}.html", q.question) for q in c.questions})
        refs.update({("event", e.id): RefTarget(f"timeline.html#{e.id}", e.date.label) for e in c.events})
        return refs

    def check_id(self, kind: str, key: str, path: str, line: int | None) -> bool:
        table = self.tables[kind]
        if key in table:
            return True
        if (kind, key) in self.content.broken_ids or (kind, "*") in self.content.broken_ids:
            return False  # its own entry has already been reported
        self.problems.add(path, line, f"unknown {kind} '{key}'", closest(key, table, cutoff=0.5))
        return False

    def check_markdown(self, text: Text | None) -> None:
        if text is not None:
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

    def _quote_refs(self) -> list[QuoteRef]:
        """Every quote of every claim, in the order the claims are laid out."""
        c = self.content
        refs = [r.source for f in c.figures for r in f.reports]
        refs += [e.source for q in c.questions for e in q.evidence]
        refs += [e.source for e in self._events_in_order() if e.source]
        refs += [ref for j in c.briefing.key_judgments for ref in j.evidence]
        return refs

    def _events_in_order(self) -> list[Event]:
        return sorted(self.content.events, key=lambda e: (e.date, e.id))

    def cite(self, ref: QuoteRef, backlink: Backlink) -> Citation | None:
        if not self.check_id("article", ref.article, ref.at.path, ref.at.line):
            return None
        body = self.bodies[ref.article]
        located = body.located.get(normalize_quote(ref.quote))
        if located is None:
            passage = body.missing.get(ref.quote)
            self.problems.add(ref.at.path, ref.at.line,
                              f"quote not found in article '{ref.article}': \"{short_words(ref.quote, 14)}\"",
                              f'"{passage}"' if passage else None)
            return None
        self.quotes_verified += 1
        if backlink not in self.cited_by[(ref.article, located.anchor)]:
            self.cited_by[(ref.article, located.anchor)].append(backlink)
        article = self.cards[ref.article]
        return Citation(article, ref.quote, located.anchor, f"articles/{article.slug}.html#{located.anchor}",
                        source_name(article, ref.via, self.cards),
                        text_fragment_url(article.url, located.passage) if article.url else None, ref.at, ref.via)

    # -- the whole pass -----------------------------------------------------------------------

    def run(self) -> Site:
        c = self.content
        for article in c.articles:
            self._check_xrefs(article.body, article.at.path, article.body_line)
            if article.syndicates == article.slug:
                self.problems.add(article.at.path, article.syndicates_line, "an article cannot syndicate itself")
            elif article.syndicates:
                if self.check_id("article", article.syndicates, article.at.path, article.syndicates_line):
                    self._check_syndication_loop(article)
        for actor in c.actors:
            self.check_markdown(actor.summary)
            for relation in actor.related:
                self.check_id("actor", relation.actor, relation.at.path, relation.at.line)
        self.check_markdown(c.briefing.bottom_line)

        self.quotes_of: dict[str, list[str]] = defaultdict(list)
        for ref in self._quote_refs():
            self.quotes_of[ref.article].append(ref.quote)
        jobs = [BodyJob(a.slug, a.body, tuple(self.quotes_of[a.slug])) for a in c.articles]
        self.bodies = process_bodies(jobs, BodyContext(self.matcher, self.refs), self.body_cache)

        figures = tuple(self._figure(f) for f in c.figures)
        questions = tuple(self._question(q) for q in c.questions)
        events = tuple(self._event(e) for e in self._events_in_order())
        judgments = tuple(self._judgment(j) for j in c.briefing.key_judgments)

        copies = self._copies()
        newest_first = sorted(c.articles, key=lambda a: (_sort_date(a.published), a.slug), reverse=True)
        articles = tuple(self._article_page(a, copies) for a in newest_first)
        named_in = self._claims_naming_actors(figures, questions, events, judgments)
        reverse = defaultdict(list)
        for other in c.actors:
            for r in other.related:
                if r.actor != other.id:
                    reverse[r.actor].append(RelationView(other, r.relation, False))
        mentioned_in = defaultdict(list)
        for article in newest_first:
            for actor_id in self.bodies[article.slug].mentions:
                mentioned_in[actor_id].append(self.cards[article.slug])
        actors = tuple(ActorPage(a, f"actors/{a.id}.html",
                                 tuple(RelationView(self.actors[r.actor], r.relation, True)
                                       for r in a.related if r.actor in self.actors) + tuple(reverse[a.id]),
                                 tuple(mentioned_in[a.id]), tuple(named_in[a.id]))
                       for a in sorted(c.actors, key=lambda a: a.name.lower()))
        groups = tuple(ActorGroup(kind, heading, tuple(a for a in actors if a.actor.kind == kind))
                       for kind, heading in ACTOR_GROUPS if any(a.actor.kind == kind for a in actors))
        return Site(c, articles, actors, groups, figures, questions, events, judgments, self.refs,
                    sum(1 for f in figures if f.discrepancy), self.quotes_verified, tuple(self.warnings))

    def _check_syndication_loop(self, article: Article) -> None:
        """a syndicates b syndicates a: neither is the original, and sources could not be counted."""
        seen, current = [article.slug], self.articles[article.syndicates]
        while current.syndicates in self.articles and current.slug not in seen:
            seen.append(current.slug)
            current = self.articles[current.syndicates]
        if current.slug == article.slug:
            loop = " -> ".join(seen + [article.slug])
            self.problems.add(article.at.path, article.syndicates_line,
                              f"'syndicates:' goes round in a circle ({loop}): one of them must be the original")

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
        return tuple(self.actors[key] for key, line in zip(ids, lines or (None,) * len(ids))
                     if self.check_id("actor", key, path, line))

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

    def _event_label(self, event: Event) -> str:
        return f"Timeline, {event.date.label}: {short_words(plain_label(event.event.markdown, self.refs), 10)}"

    def _event(self, event: Event) -> EventView:
        self.check_markdown(event.event)
        backlink = Backlink("event", self._event_label(event), f"timeline.html#{event.id}")
        citation = self.cite(event.source, backlink) if event.source else None
        actors = self._actor_list(event.actors, event.actor_lines, event.at.path)
        return EventView(event, f"timeline.html#{event.id}", actors, citation,
                         (citation.source,) if citation else ())

    def _judgment_label(self, judgment: Judgment) -> str:
        return f"Key judgment {judgment.number}: {short_words(plain_label(judgment.text.markdown, self.refs), 10)}"

    def _judgment(self, judgment: Judgment) -> JudgmentView:
        self.check_markdown(judgment.text)
        url = f"index.html#judgment-{judgment.number}"
        backlink = Backlink("judgment", self._judgment_label(judgment), url)
        citations = tuple(c for c in (self.cite(ref, backlink) for ref in judgment.evidence) if c)
        return JudgmentView(judgment, url, LIKELIHOODS[judgment.likelihood], citations,
                            distinct_sources([c.source for c in citations]))

    def _copies(self) -> dict[str, list[tuple[str, str, float | None]]]:
        """copy slug -> [(original slug, description, score)], from `syndicates:` and from detection."""
        declared = {a.slug: a.syndicates for a in self.content.articles if a.syndicates in self.articles}
        texts = {slug: body.plain for slug, body in self.bodies.items()}
        published = {a.slug: a.published for a in self.content.articles}
        known = {slug: body.shingles for slug, body in self.bodies.items()}
        # The copies depend on the texts and dates alone: an edit to the YAML files changes neither.
        key = tuple(sorted((slug, texts[slug], published.get(slug)) for slug in texts))
        if self.copies_cache is not None and self.copies_cache.get("key") == key:
            found = self.copies_cache["found"]
        else:
            found = find_copies(texts, published, known)
            if self.copies_cache is not None:
                self.copies_cache.update(key=key, found=found)
        detected = {(m.copy, m.original): m for m in found}
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
        body = self.bodies[article.slug]
        quote_of = {}
        for quote in self.quotes_of[article.slug]:
            located = body.located.get(normalize_quote(quote))
            if located:
                quote_of.setdefault(located.anchor, (located.start, quote))
        anchors = tuple(QuoteAnchor(anchor, quote, tuple(self.cited_by[(article.slug, anchor)]))
                        for anchor, (_, quote) in sorted(quote_of.items(), key=lambda kv: kv[1][0]))
        original = None
        for original_slug, description, score in copies.get(article.slug, []):
            original = CopyLink(self.cards[original_slug], description, score)
        derived = tuple(CopyLink(self.cards[slug], description, score)
                        for slug, links in sorted(copies.items())
                        for original_slug, description, score in links if original_slug == article.slug)
        mentions = tuple(sorted((self.actors[a] for a in body.mentions), key=lambda a: a.name.lower()))
        return ArticlePage(article, f"articles/{article.slug}.html", body.html, anchors, mentions, original, derived)

    def _claims_naming_actors(self, figures, questions, events, judgments) -> dict[str, list[Backlink]]:
        """actor id -> the claims that name it: in their actors list, by [[ref]] or by name."""
        named: dict[str, list[Backlink]] = defaultdict(list)

        def add(backlink: Backlink, actors: tuple[Actor, ...], *texts: str | Text | None) -> None:
            ids = {a.id for a in actors}
            for text in texts:
                if text is not None:
                    markdown = text.markdown if isinstance(text, Text) else text
                    ids |= {key for kind, key, _ in find_xrefs(markdown) if kind == "actor"}
                    ids |= self.matcher.actors_in(markdown)
            for actor_id in sorted(ids):
                named[actor_id].append(backlink)

        for view in figures:
            add(Backlink("figure", f"Figure: {view.figure.label}", view.url), (), view.figure.label, view.figure.note)
        for view in questions:
            q = view.question
            add(Backlink("question", f"Question: {q.question}", view.url), view.actors, q.question, q.summary)
        for view in events:
            add(Backlink("event", self._event_label(view.event), view.url), view.actors, view.event.event)
        for view in judgments:
            add(Backlink("judgment", self._judgment_label(view.judgment), view.url), (), view.judgment.text)
        return named


def _describe(kind: str) -> str:
    return {"copy": "a near-verbatim copy", "rewrite": "a machine rewrite"}.get(kind, f"a {kind}")


def _sort_date(value) -> str:
    return value.isoformat() if value else ""
