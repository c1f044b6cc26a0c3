"""Copies and rewrites among the articles: declared with `syndicates:`, or found by similarity.py."""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from ..cache import Memo
from ..errors import Problems
from ..model import Article
from .bodies import ProcessedBody
from .index import Index, References
from .similarity import CopyMatch, find_copies


@dataclass(frozen=True)
class CopyOf:
    """One copy relation: `copy` was made from `original`."""

    copy: str
    original: str
    description: str  # "a machine rewrite", "a near-verbatim copy", "a copy or rewrite"
    score: float | None  # how alike the texts are, when similarity.py found them


def check_syndication(article: Article, references: References) -> None:
    """An article's `syndicates:` names another article, and no chain of them goes round in a circle."""
    if article.syndicates == article.slug:
        references.problems.add(article.at.path, article.syndicates_line, "an article cannot syndicate itself")
    elif article.syndicates and references.check_id("article", article.syndicates, article.at.path,
                                                    article.syndicates_line):
        _check_loop(article, references.index.articles, references.problems)


def _check_loop(article: Article, articles: Mapping[str, Article], problems: Problems) -> None:
    """a syndicates b syndicates a: neither is the original, and sources could not be counted."""
    seen, current = [article.slug], articles[article.syndicates or ""]
    while current.syndicates in articles and current.slug not in seen:
        seen.append(current.slug)
        current = articles[current.syndicates or ""]
    if current.slug == article.slug:
        loop = " -> ".join(seen + [article.slug])
        problems.add(article.at.path, article.syndicates_line,
                     f"'syndicates:' goes round in a circle ({loop}): one of them must be the original")


def copies_among(index: Index, bodies: Mapping[str, ProcessedBody], memo: Memo[list[CopyMatch]],
                 problems: Problems) -> list[CopyOf]:
    """Every copy relation, declared or found; a copy found but not declared is a warning."""
    content = index.content
    declared = {a.slug: a.syndicates for a in content.articles if a.syndicates and a.syndicates in index.articles}
    texts = {slug: body.plain for slug, body in bodies.items()}
    published = {a.slug: a.published for a in content.articles}
    known = {slug: body.shingles for slug, body in bodies.items()}
    # The copies depend on the texts and dates alone: an edit to the YAML files changes neither.
    inputs = tuple(sorted((slug, texts[slug], published.get(slug)) for slug in texts))
    found = memo.get("all", inputs, functools.partial(find_copies, texts, published, known))
    detected = {(m.copy, m.original): m for m in found}
    result = []
    for copy, original in declared.items():
        match = detected.get((copy, original)) or detected.get((original, copy))
        description = _describe(match.kind) if match else "a copy or rewrite"
        result.append(CopyOf(copy, original, description, match.score if match else None))
    for (copy, original), match in detected.items():
        if declared.get(copy) == original or declared.get(original) == copy:
            continue
        problems.warn(index.articles[copy].at.path, None,
                      f"looks like {_describe(match.kind)} of '{original}' (similarity {match.score:.2f}); "
                      f"add `syndicates: {original}` to its front matter so that the two count as one source")
    return result


def copies_by_article(copies: list[CopyOf]) -> dict[str, list[CopyOf]]:
    """Each copy relation under both its articles."""
    by_article: dict[str, list[CopyOf]] = defaultdict(list)
    for relation in copies:
        by_article[relation.copy].append(relation)
        by_article[relation.original].append(relation)
    return by_article


def _describe(kind: str) -> str:
    return {"copy": "a near-verbatim copy", "rewrite": "a machine rewrite"}.get(kind, f"a {kind}")
