"""How much a claim rests on: independent sources, and links to the passage at the publisher."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from urllib.parse import quote as percent_encode

from ..model import ArticleCard
from .views import Citation, IndependentSource, Retraction


def original_of(article: ArticleCard, articles: Mapping[str, ArticleCard]) -> ArticleCard:
    """Follow `syndicates:` to the article a copy or rewrite was made from."""
    seen = {article.slug}
    while article.syndicates and article.syndicates in articles and article.syndicates not in seen:
        article = articles[article.syndicates]
        seen.add(article.slug)
    return article


def source_of(article: ArticleCard, via: str | None, articles: Mapping[str, ArticleCard]) -> IndependentSource:
    """The independent source behind a quote: the outlet whose reporting it quotes, else the
    original's outlet, with the original's kind.

    A copy and its original are one source; so are two articles of the same outlet, and two
    articles quoting the same outlet's reporting. An article with no outlet stands for itself,
    under its title.
    """
    if via:
        return IndependentSource(via.strip(), "news")
    original = original_of(article, articles)
    return IndependentSource(original.outlet or f"“{original.title}”", original.kind)


def retraction_of(article: ArticleCard, articles: Mapping[str, ArticleCard]) -> Retraction | None:
    """Why a quote from `article` counts as no source: it, or the original it copies, is withdrawn."""
    for candidate in (article, original_of(article, articles)):
        if candidate.retracted:
            return Retraction("retracted", candidate.retracted, candidate)
        if candidate.discredited:
            return Retraction("discredited", candidate.discredited, candidate)
    return None


def counted_sources(citations: Iterable[Citation]) -> tuple[IndependentSource, ...]:
    """The independent sources of the citations that count: a retracted or discredited article counts as none."""
    return distinct_sources(c.source for c in citations if c.retraction is None)


def distinct_sources(sources: Iterable[IndependentSource]) -> tuple[IndependentSource, ...]:
    """Each source once, in order of first appearance; "Reuters" and "reuters" are one."""
    seen: dict[str, IndependentSource] = {}
    for source in sources:
        seen.setdefault(_key(source.name), source)
    return tuple(seen.values())


def _key(name: str) -> str:
    return re.sub(r"^the\s+", "", " ".join(name.casefold().split()))


def text_fragment_url(url: str, passage: str) -> str:
    """`url#:~:text=...` so that a browser scrolls to and highlights the passage at the source.

    Long passages are given by their first and last words (textStart,textEnd), as the
    Text Fragments spec recommends, so that the link survives small differences inside.
    """
    words = passage.split()
    if len(words) > 10:
        directive = f"{_encode(' '.join(words[:5]))},{_encode(' '.join(words[-5:]))}"
    else:
        directive = _encode(" ".join(words))
    return f"{url.split('#')[0]}#:~:text={directive}"


def _encode(text: str) -> str:
    # '-', ',' and '&' are the directive's own syntax, so they must be escaped in the text.
    return percent_encode(text, safe="").replace("-", "%2D")
