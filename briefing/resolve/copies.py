"""Copies and rewrites among the articles: declared with `syndicates:`, or found by similarity.py.

The dev server keeps a CopyFinder from one build to the next, so that after an edit only the
candidate pairs the edit touches are looked for and judged again.
"""

from __future__ import annotations

import datetime as dt
from array import array
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from itertools import chain

from ..cache import Memo
from ..errors import Problems
from ..model import Article
from . import similarity
from .bodies import ProcessedBody
from .index import Index, References
from .similarity import CopyMatch, Doc


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


def copies_among(index: Index, bodies: Mapping[str, ProcessedBody], memo: Memo[CopyFinder],
                 problems: Problems) -> list[CopyOf]:
    """Every copy relation, declared or found; a copy found but not declared is a warning."""
    content = index.content
    declared = {a.slug: a.syndicates for a in content.articles if a.syndicates and a.syndicates in index.articles}
    texts = {slug: body.plain for slug, body in bodies.items()}
    published = {a.slug: a.published for a in content.articles}
    finder = memo.get("finder", None, CopyFinder)
    try:
        found = finder.find(texts, published, {slug: body.shingles for slug, body in bodies.items()})
    except BaseException:
        memo.clear()  # stopped half way, the finder would not know what it holds
        raise
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


class CopyFinder:
    """similarity.find_copies for a set of articles that changes a little between calls.

    Each call gives what find_copies would; the work done is for what changed since the last:
    the candidate pairs are kept up to date (CandidateIndex), and a pair is judged again only
    when one of its texts or dates changed.
    """

    def __init__(self) -> None:
        self.index = CandidateIndex()
        self._verdicts: dict[tuple[str, str], tuple[tuple[object, ...], CopyMatch | None]] = {}
        self._docs: dict[str, tuple[str, Doc]] = {}  # slug -> text and its analysis

    def find(self, texts: Mapping[str, str], published: Mapping[str, dt.date | None],
             shingles: Mapping[str, array[int]]) -> list[CopyMatch]:
        self.index.update(shingles)
        verdicts = {}
        for a, b in self.index.pairs():
            # A verdict depends on the two texts and the days they were published (slugs are the key).
            inputs = (texts[a], texts[b], similarity.day(published.get(a)), similarity.day(published.get(b)))
            kept = self._verdicts.get((a, b))
            if kept is None or kept[0] != inputs:
                kept = inputs, similarity.judge((a, self._doc(a, texts[a]), published.get(a)),
                                     (b, self._doc(b, texts[b]), published.get(b)))
            verdicts[a, b] = kept
        self._verdicts = verdicts
        paired = set(chain.from_iterable(verdicts))
        self._docs = {slug: doc for slug, doc in self._docs.items() if slug in paired}
        return similarity.ranked([match for _, match in verdicts.values() if match])

    def _doc(self, slug: str, text: str) -> Doc:
        kept = self._docs.get(slug)
        if kept is None or kept[0] != text:
            kept = self._docs[slug] = text, similarity.analyse(text)
        return kept[1]


class CandidateIndex:
    """similarity.candidate_pairs of a changing set of articles, kept up to date.

    Fingerprints are made of an article's rarest shingles, and rarity is counted over all the
    articles, but an edit moves the counts of only the shingles it adds or removes: only the
    fingerprints of articles that hold one of those can move, and only the pairs of an article
    whose fingerprint moved are counted again. tests/test_similarity.py checks the pairs against
    candidate_pairs after random edits.
    """

    def __init__(self) -> None:
        self._shingles: dict[str, array[int]] = {}
        self._holders: dict[int, int] = {}  # shingle -> how many articles hold it
        self._fingerprints: dict[str, list[int]] = {}
        self._postings: dict[int, list[str]] = {}  # fingerprint shingle -> articles
        self._partners: dict[str, set[str]] = {}  # the candidate pairs, under both articles

    def pairs(self) -> list[tuple[str, str]]:
        return sorted((a, b) for a, partners in self._partners.items() for b in partners if a < b)

    def update(self, shingles: Mapping[str, array[int]]) -> None:
        """Take the articles' shingles as they are now; articles not given are gone."""
        gone = [slug for slug in self._shingles if slug not in shingles]
        changed = [slug for slug, values in shingles.items()
                   if (kept := self._shingles.get(slug)) is not values and kept != values]
        if 4 * (len(gone) + len(changed)) > len(shingles):
            # Mostly new (a first build): counting afresh costs less than following each change.
            self._fingerprints, self._postings, self._partners = {}, {}, {}
            self._shingles = dict(shingles)
            self._holders = dict(Counter(chain.from_iterable(shingles.values())))
            gone, moved = [], set(shingles)
        else:
            moved = self._count_holders(gone, changed, shingles)
        dirty = set(gone)
        for slug in gone:
            self._post(slug, [])
            del self._fingerprints[slug]
        for slug in moved:
            if self._post(slug, similarity.fingerprint(self._shingles[slug], self._holders)):
                dirty.add(slug)
        for slug in dirty:
            for partner in self._partners.pop(slug, ()):
                if partner in self._partners:
                    self._partners[partner].discard(slug)
        for slug in dirty.difference(gone):
            self._pair_up(slug)

    def _count_holders(self, gone: list[str], changed: list[str], shingles: Mapping[str, array[int]]) -> set[str]:
        """Count anew the holders of what `gone` and `changed` removed or added; the articles
        whose fingerprint may have moved."""
        holders = self._holders
        before: dict[int, int] = {}  # shingle -> its holders before, for the shingles whose count moves
        for slug in gone + changed:
            old = set(self._shingles.pop(slug, ()))
            new = set(shingles.get(slug, ()))
            for shingle in old - new:
                before.setdefault(shingle, holders[shingle])
                holders[shingle] -= 1
                if not holders[shingle]:
                    del holders[shingle]
            for shingle in new - old:
                before.setdefault(shingle, holders.get(shingle, 0))
                holders[shingle] = holders.get(shingle, 0) + 1
            if slug in shingles:
                self._shingles[slug] = shingles[slug]
        # A shingle that is no evidence before nor after (unique, or boilerplate) is in no fingerprint.
        usable = similarity.usable
        reranked = {shingle for shingle, count in before.items() if usable(count) or usable(holders.get(shingle, 0))}
        moved = set(changed)
        if reranked:
            for slug, values in self._shingles.items():
                hits = reranked.intersection(values)
                if hits and slug not in moved and similarity.fingerprint_moves(self._fingerprints[slug], hits, holders):
                    moved.add(slug)
        return moved

    def _post(self, slug: str, new: list[int]) -> bool:
        """File `slug` under its fingerprint `new`; whether that is not the one it had."""
        old = self._fingerprints.get(slug)
        if old == new:
            return False
        for shingle in old or ():
            posting = self._postings[shingle]
            posting.remove(slug)
            if not posting:
                del self._postings[shingle]
        for shingle in new:
            if shingle in self._postings:
                self._postings[shingle].append(slug)
            else:
                self._postings[shingle] = [slug]
        self._fingerprints[slug] = new
        return True

    def _pair_up(self, slug: str) -> None:
        """Every candidate pair of `slug`, counted through its fingerprint's postings."""
        own = self._fingerprints[slug]
        for other, count in similarity.shared_counts(map(self._postings.__getitem__, own)).items():
            if other != slug and similarity.is_candidate(count, len(own), len(self._fingerprints[other])):
                self._partners.setdefault(slug, set()).add(other)
                self._partners.setdefault(other, set()).add(slug)


def copies_by_article(copies: list[CopyOf]) -> dict[str, list[CopyOf]]:
    """Each copy relation under both its articles."""
    by_article: dict[str, list[CopyOf]] = defaultdict(list)
    for relation in copies:
        by_article[relation.copy].append(relation)
        by_article[relation.original].append(relation)
    return by_article


def _describe(kind: str) -> str:
    return {"copy": "a near-verbatim copy", "rewrite": "a machine rewrite"}.get(kind, f"a {kind}")
