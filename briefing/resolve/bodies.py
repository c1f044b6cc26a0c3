"""Article bodies, one at a time: Markdown to HTML with actor links and quote anchors in place.

Each body is processed on its own (a pure function of its text, the quotes cited from it,
the actor names and the reference targets), so bodies are spread over the machine's cores
for large briefings and kept between builds by the dev server. Only the finished HTML and
the plain text leave this module: the token trees, the largest thing a build holds, never
outlive their article.
"""

from __future__ import annotations

import functools
import hashlib
import re
from array import array
from collections.abc import Mapping
from dataclasses import dataclass

from markdown_it.token import Token

from ..cache import Memo
from ..markup import ActorMatcher, ArticleText, RefTarget, find_xrefs, link_actors, make_markdown, normalize_quote
from ..parallel import fork_map
from .similarity import shingles


@dataclass(frozen=True)
class BodyJob:
    slug: str
    body: str
    quotes: tuple[str, ...]  # every quote cited from the article, in the order the claims cite them


@dataclass(frozen=True)
class LocatedQuote:
    anchor: str  # the id of the element that wraps the passage
    passage: str  # the passage as the article has it (for links to the publisher's page)
    start: int  # where it starts in the plain text: the article page lists quotes in reading order


@dataclass(frozen=True)
class ProcessedBody:
    html: str
    plain: str
    mentions: frozenset[str]  # ids of the actors the body names
    located: dict[str, LocatedQuote]  # quote as a claim wrote it -> where it is
    missing: dict[str, str | None]  # quote not found -> the closest passage, for the error
    shingles: array[int]  # for finding copies and rewrites (similarity.py)


class BodyContext:
    """What every body needs besides its own text: the actor names and the reference targets."""

    def __init__(self, matcher: ActorMatcher, refs: Mapping[tuple[str, str], RefTarget]):
        self.matcher, self.refs = matcher, refs
        self.md = make_markdown()
        # Two builds with the same actor names link the same words; the link targets a body
        # uses are part of each body's own inputs (targets_used). A digest, so that comparing
        # it for every body costs nothing.
        self.signature = hashlib.sha256(repr(matcher.names_key).encode()).hexdigest()

    def targets_used(self, body: str) -> tuple[tuple[str, str, RefTarget | None], ...]:
        """The targets of the [[references]] in a body: renaming a figure changes only the
        bodies that link to it."""
        used = sorted({(kind, key) for kind, key, _ in find_xrefs(body)})
        return tuple((kind, key, self.refs.get((kind, key))) for kind, key in used)


def anchor_id(normalized_quote: str) -> str:
    """The id of a quoted passage: q- and its first words, stable while the quote is."""
    words = re.findall(r"[a-z0-9]+", normalized_quote.lower())
    return "q-" + "-".join(words[:6])[:48].strip("-") if words else "q"


def process_body(job: BodyJob, context: BodyContext) -> ProcessedBody:
    env = {"refs": context.refs, "root": "../"}
    tokens = context.md.parse(job.body, env)
    mentions = link_actors(tokens, context.matcher, "../")
    mentions |= {key for kind, key, _ in find_xrefs(job.body) if kind == "actor" and ("actor", key) in context.refs}
    text = ArticleText(tokens)
    located: dict[str, LocatedQuote] = {}
    missing: dict[str, str | None] = {}
    spans: list[tuple[int, int, str]] = []
    anchors: dict[str, LocatedQuote] = {}  # normalized quote -> where: quotes alike but for quote marks share one
    used: set[str] = set()
    for quote in job.quotes:
        if quote in located or quote in missing:
            continue
        wanted = normalize_quote(quote)  # the only place a quote is normalized
        if wanted in anchors:
            located[quote] = anchors[wanted]
            continue
        span = text.find(wanted)
        if span is None:
            missing[quote] = text.closest_passage(wanted)
            continue
        base = candidate = anchor_id(wanted)
        n = 2
        while candidate in used:
            candidate, n = f"{base}-{n}", n + 1
        used.add(candidate)
        located[quote] = anchors[wanted] = LocatedQuote(candidate, text.plain[span[0]:span[1]], span[0])
        spans.append((span[0], span[1], candidate))
    plain = text.plain
    text.anchor(spans)
    html = context.md.renderer.render(body_headings_under_title(text.tokens), context.md.options, env)
    return ProcessedBody(html, plain, frozenset(mentions), located, missing, shingles(plain))


def body_headings_under_title(tokens: list[Token]) -> list[Token]:
    """The body's headings renumbered h2, h3... by rank, so they sit under the page's h1 and skip no level.

    An article pasted with `### Section` headings would otherwise jump from the title's h1
    to h3, which screen-reader users navigate by and the HTML checker reports.
    """
    levels = sorted({int(t.tag[1]) for t in tokens if t.type == "heading_open"})
    new_tag = {f"h{level}": f"h{min(rank + 2, 6)}" for rank, level in enumerate(levels)}
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = new_tag[token.tag]
    return tokens


def process_bodies(jobs: list[BodyJob], context: BodyContext, memo: Memo[ProcessedBody]) -> dict[str, ProcessedBody]:
    """Every body processed, in parallel where it pays; bodies whose inputs are unchanged are recalled."""
    inputs = {job.slug: (context.signature, job.body, job.quotes, context.targets_used(job.body)) for job in jobs}
    results = {job.slug: memo.recall(job.slug, inputs[job.slug]) for job in jobs}
    todo = [job for job in jobs if results[job.slug] is None]
    for job, body in zip(todo, fork_map(functools.partial(process_body, context=context), todo)):
        memo.keep(job.slug, inputs[job.slug], body)
        results[job.slug] = body
    memo.retain(inputs)  # articles that are gone
    return {slug: body for slug, body in results.items() if body is not None}
