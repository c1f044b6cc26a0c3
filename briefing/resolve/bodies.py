"""Article bodies, one at a time: Markdown to HTML with actor links and quote anchors in place.

Each body is processed on its own (a pure function of its text, the quotes cited from it,
the actor names and the reference targets), so bodies are spread over the machine's cores
for large briefings and kept between builds by the dev server. Only the finished HTML and
the plain text leave this module: the token trees, the largest thing a build holds, never
outlive their article.
"""

from __future__ import annotations

import functools
import re
from array import array
from dataclasses import dataclass

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
    located: dict[str, LocatedQuote]  # normalized quote -> where it is
    missing: dict[str, str | None]  # quote not found -> the closest passage, for the error
    shingles: array  # for finding copies and rewrites (similarity.py)


class BodyContext:
    """What every body needs besides its own text: the actor names and the reference targets."""

    def __init__(self, matcher: ActorMatcher, refs: dict[tuple[str, str], RefTarget]):
        self.matcher, self.refs = matcher, refs
        self.md = make_markdown()
        # Two builds with the same actor names link the same words; the link targets a body
        # uses are part of each body's own inputs (targets_used).
        self.signature = matcher.names_key

    def targets_used(self, body: str) -> tuple:
        """The targets of the [[references]] in a body: renaming a figure changes only the
        bodies that link to it."""
        used = sorted({(kind, key) for kind, key, _ in find_xrefs(body)})
        return tuple((kind, key, self.refs.get((kind, key))) for kind, key in used)


def anchor_id(quote: str) -> str:
    words = re.findall(r"[a-z0-9]+", normalize_quote(quote).lower())
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
    used: set[str] = set()
    for quote in job.quotes:
        key = normalize_quote(quote)
        if key in located or quote in missing:
            continue
        span = text.find(quote)
        if span is None:
            missing[quote] = text.closest_passage(quote)
            continue
        base = candidate = anchor_id(quote)
        n = 2
        while candidate in used:
            candidate, n = f"{base}-{n}", n + 1
        used.add(candidate)
        located[key] = LocatedQuote(candidate, text.plain[span[0]:span[1]], span[0])
        spans.append((span[0], span[1], candidate))
    plain = text.plain
    text.anchor(spans)
    html = context.md.renderer.render(body_headings_under_title(text.tokens), context.md.options, env)
    return ProcessedBody(html, plain, frozenset(mentions), located, missing, shingles(plain))


def body_headings_under_title(tokens: list) -> list:
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


def process_bodies(jobs: list[BodyJob], context: BodyContext,
                   cache: dict | None = None) -> dict[str, ProcessedBody]:
    """Every body processed, in parallel where it pays; `cache` keeps results between builds."""
    results: dict[str, ProcessedBody] = {}
    todo: list[BodyJob] = []
    if cache is not None and cache.get(None) != context.signature:
        cache.clear()  # other actor names: every body may link other words
    inputs = {}
    for job in jobs:
        hit = cache.get(job.slug) if cache is not None else None
        if cache is not None:
            inputs[job.slug] = (job.body, job.quotes, context.targets_used(job.body))
        if hit and hit[0] == inputs[job.slug]:
            results[job.slug] = hit[1]
        else:
            todo.append(job)
    done = fork_map(functools.partial(process_body, context=context), todo)
    for job, body in zip(todo, done):
        results[job.slug] = body
        if cache is not None:
            cache[job.slug] = (inputs[job.slug], body)
    if cache is not None:
        cache[None] = context.signature
        for slug in set(cache) - {job.slug for job in jobs} - {None}:
            del cache[slug]  # articles that are gone
    return results
