"""Finding syndicated copies and machine rewrites among articles, without comparing every pair."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import operator
import re
from array import array
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import chain, combinations, compress, filterfalse, repeat

# Function words carry no story; dropping them lets a reworded sentence still match its source.
_STOPWORDS = frozenset({
    "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are",
    "as", "at", "be", "because", "been", "before", "being", "below", "between", "both", "but", "by",
    "can", "could", "did", "do", "does", "doing", "down", "during", "each", "few", "for", "from",
    "further", "had", "has", "have", "having", "he", "her", "here", "hers", "him", "his", "how", "i",
    "if", "in", "into", "is", "it", "its", "itself", "just", "me", "more", "most", "my", "no", "nor",
    "not", "now", "of", "off", "on", "once", "only", "or", "other", "our", "out", "over", "own", "same",
    "she", "should", "so", "some", "such", "than", "that", "the", "their", "them", "then", "there",
    "these", "they", "this", "those", "through", "to", "too", "under", "until", "up", "very", "was",
    "we", "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will", "with",
    "would", "you", "your", "said", "says", "say", "told", "tells", "according",
})
# Shingles are 3 content words: long enough to be specific, short enough to survive rewording.
_SAMPLE = 2             # keep shingles whose hash is 0 mod this: same sample in every text, half the memory
_FINGERPRINT = 40       # rarest shingles per article used to find candidates
_MAX_POSTING = 400      # a shingle shared by more articles than this is boilerplate, not evidence
_MIN_SHARED = 3         # candidates share at least this many fingerprint shingles ...
_MIN_SHARE = 0.2        # ... and at least this share of the smaller fingerprint
_SENTENCE_MATCH = 0.5   # Dice overlap of content words for two sentences to correspond
_FLAG = 0.5             # share of the shorter article, in order, that must correspond
_VERBATIM = 0.9         # mean sentence overlap above which a match is a copy, not a rewrite


@dataclass(frozen=True)
class CopyMatch:
    copy: str          # slug of the derived article (the later one; on a tie the one whose text looks rewritten)
    original: str
    score: float       # 0..1
    kind: str          # "copy" (near-verbatim) | "rewrite" (same story reworded)


@dataclass(frozen=True)
class Doc:
    """An article's sentences as sets of content words: what two articles are compared by."""

    sentences: tuple[frozenset[str], ...]
    weights: tuple[int, ...]        # content words per sentence
    artifacts: int                  # traces of machine rewriting, for telling copy from original


def find_copies(texts: dict[str, str], published: Mapping[str, dt.date | None],
                known_shingles: Mapping[str, array[int]] | None = None) -> list[CopyMatch]:
    """Every pair where one article copies or rewrites another, best score first.

    `known_shingles` are the articles' shingles where already computed (bodies.py does it
    alongside the rest of an article's processing, in parallel)."""
    # Only the sampled shingles of every article are held at once; the sentence analysis, which
    # is larger, is made for the few articles that turn up in a candidate pair.
    known = known_shingles or {}
    pairs = sorted(candidate_pairs({slug: known[slug] if slug in known else shingles(text)
                                    for slug, text in texts.items()}))
    docs = {slug: analyse(texts[slug]) for pair in pairs for slug in pair}
    verdicts = (judge((a, docs[a], published.get(a)), (b, docs[b], published.get(b))) for a, b in pairs)
    return ranked([match for match in verdicts if match])


def ranked(matches: list[CopyMatch]) -> list[CopyMatch]:
    """Best score first; the order of `matches` (by pair) settles ties."""
    return sorted(matches, key=lambda m: (-m.score, m.copy))


def judge(a: tuple[str, Doc, dt.date | None], b: tuple[str, Doc, dt.date | None]) -> CopyMatch | None:
    """Whether one of two articles (slug, analysis, date) copies the other, and which."""
    score, verbatim = _score(a[1], b[1])
    if score < _FLAG:
        return None
    copy, original = _direction(a, b)
    return CopyMatch(copy, original, round(score, 3), "copy" if verbatim else "rewrite")


def similarity(text_a: str, text_b: str) -> float:
    """The score of one pair, 0..1, as find_copies computes it (for reports and tests)."""
    return _score(analyse(text_a), analyse(text_b))[0]


def candidate_pairs(shingles: Mapping[str, array[int]]) -> set[tuple[str, str]]:
    """Pairs sharing rare shingles, found through an inverted index: no all-pairs comparison.

    This is the definition; copies.py's CandidateIndex keeps the same pairs up to date as
    articles change."""
    holders = Counter(chain.from_iterable(shingles.values()))
    fingerprints = {slug: fingerprint(values, holders) for slug, values in shingles.items()}
    postings: dict[int, list[str]] = defaultdict(list)
    for slug, values in fingerprints.items():
        for shingle in values:
            postings[shingle].append(slug)
    shared = Counter(pair for slugs in postings.values() for pair in combinations(sorted(set(slugs)), 2))
    return {(a, b) for (a, b), count in shared.items()
            if is_candidate(count, len(fingerprints[a]), len(fingerprints[b]))}


def fingerprint(values: array[int], holders: Mapping[int, int]) -> list[int]:
    """An article's _FINGERPRINT rarest shingles among those 2 to _MAX_POSTING articles hold
    (`holders` counts them), rarest first: rare ones keep the postings short however common a
    story's words are, and only shared ones are evidence. Equally rare ones rank by value:
    `values` are sorted, as shingles() makes them."""
    counts = list(map(holders.__getitem__, values))
    # Sorting places by count, a small int, keeps Python's fast comparison and the loop in C.
    order = sorted(range(len(values)), key=counts.__getitem__)
    first = bisect_left(order, 2, key=counts.__getitem__)
    last = min(bisect_left(order, _MAX_POSTING + 1, key=counts.__getitem__), first + _FINGERPRINT)
    return list(map(values.__getitem__, order[first:last]))


def fingerprint_moves(own: list[int], moved: Iterable[int], holders: Mapping[int, int]) -> bool:
    """Whether the fingerprint `own` of an article changes when the counts of `moved`, some of its
    shingles, did (and no other count): one of them was in it, or now ranks before its last."""
    if len(own) < _FINGERPRINT:
        return any(shingle in own or usable(holders.get(shingle, 0)) for shingle in moved)
    # Equally rare shingles rank by value (the article's values are sorted).
    last = (holders[own[-1]], own[-1])
    return any(shingle in own or (usable(count := holders.get(shingle, 0)) and (count, shingle) < last)
               for shingle in moved)


def shared_counts(postings: Iterable[Iterable[str]]) -> dict[str, int]:
    """How many of `postings` each article is in, for the articles in enough of them to pair."""
    seen = sorted(chain.from_iterable(postings))
    # Most articles turn up once or twice, by chance. One that is _MIN_SHARED - 1 places on
    # again in the sorted list is in _MIN_SHARED postings: picked out in C, not counted one by one.
    often = set(compress(seen, map(operator.eq, seen, seen[_MIN_SHARED - 1:])))
    return {slug: bisect_right(seen, slug) - bisect_left(seen, slug) for slug in often}


def usable(holders: int) -> bool:
    """Whether a shingle that many articles hold can be in a fingerprint."""
    return 2 <= holders <= _MAX_POSTING


def is_candidate(shared: int, size_a: int, size_b: int) -> bool:
    """Whether two fingerprints of these sizes sharing `shared` shingles make a candidate pair."""
    # Unrelated texts share a few rare shingles by chance; a copy shares a good part of them.
    return shared >= max(_MIN_SHARED, _MIN_SHARE * min(size_a, size_b))


def shingles(text: str) -> array[int]:
    """The sampled hashes of the text's content-word shingles, as a compact sorted array."""
    # The same words as _content_words: lowercase ASCII letters and digits, everything else a
    # separator (bytes.translate and split do in C what the regex does).
    words = text.lower().encode().translate(_SEPARATORS).split()
    codes = list(filter(None, map(_CODES.__getitem__, words)))
    # A shingle's hash combines its three words' codes, each shifted by its place, so that
    # "a b c" and "b a c" differ, and every bit, the sampled low ones too, depends on all three.
    second = map(operator.rshift, codes[1:], repeat(1))
    third = map(operator.rshift, codes[2:], repeat(2))
    hashes = set(map(operator.xor, map(operator.xor, codes, second), third))
    return array("I", sorted(filterfalse(_SAMPLE.__rmod__, hashes)))


_SEPARATORS = bytes(c if chr(c) in "abcdefghijklmnopqrstuvwxyz0123456789" else 32 for c in range(256))


class _Codes(dict[bytes, int]):
    """Each word's code: a hash of its stem, the same in every process, or 0 for a word that
    carries no story. A word is hashed the first time it is seen, then looked up."""

    def __missing__(self, word: bytes) -> int:
        if len(self) >= 1 << 20:  # a long dev-server session keeps meeting new words
            self.clear()
        text = word.decode()
        code = 0
        if text not in _STOPWORDS and len(text) > 1:
            digest = hashlib.blake2b(_stem(text).encode(), digest_size=4).digest()
            code = int.from_bytes(digest, "little") >> 2 or 1  # 30 bits: Python's smallest ints
        self[word] = code
        return code


_CODES = _Codes()


def _content_words(text: str) -> list[str]:
    return [_stem(w) for w in _WORD.findall(text.lower().replace("’", "'"))
            if w not in _STOPWORDS and len(w) > 1]


_WORD = re.compile(r"[a-z0-9]+")


def analyse(text: str) -> Doc:
    plain = re.sub(r"(?m)^\s*(?:>|[-*]|#+)\s*", "", text)
    sentences, weights = [], []
    for sentence in re.split(r"(?<=[.!?…])[\"'”’)]*\s+|\n\s*\n", plain):
        words = _content_words(sentence)
        if len(words) >= 3:
            sentences.append(frozenset(words))
            weights.append(len(words))
    artifacts = len(re.findall(r"\w [:?!;,.](?!\w)", text)) + abs(text.count("“") - text.count("”"))
    return Doc(tuple(sentences), tuple(weights), artifacts)


@functools.lru_cache(maxsize=65536)  # the same words come back in every article
def _stem(word: str) -> str:
    # Plural and possessive endings only: enough for rewrites that keep the nouns.
    for suffix in ("'s", "ies", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)] + ("y" if suffix == "ies" else "")
    return word


def _score(a: Doc, b: Doc) -> tuple[float, bool]:
    """Share of the shorter text whose sentences correspond, in order, to sentences of the other."""
    short, long = (a, b) if sum(a.weights) <= sum(b.weights) else (b, a)
    if not short.sentences:
        return 0.0, False
    index: dict[str, list[int]] = defaultdict(list)
    for j, sentence in enumerate(long.sentences):
        for word in sentence:
            index[word].append(j)
    pairs = []   # (i, j, overlap) of corresponding sentences
    for i, sentence in enumerate(short.sentences):
        hits = Counter(j for word in sentence for j in index.get(word, ()))
        best, best_dice = -1, 0.0
        for j, common in hits.items():
            dice = 2 * common / (len(sentence) + len(long.sentences[j]))
            # On a tie the earlier sentence: `hits` comes in the order of the words' string
            # hashes, which differs from one process to the next.
            if dice > best_dice or (dice == best_dice and j < best):
                best, best_dice = j, dice
        if best_dice >= _SENTENCE_MATCH:
            pairs.append((i, best, best_dice))
    kept = _in_order(pairs)
    total = sum(short.weights)
    score = sum(short.weights[i] * dice for i, _, dice in kept) / total
    verbatim = bool(kept) and sum(d for _, _, d in kept) / len(kept) >= _VERBATIM
    return min(score, 1.0), verbatim


def _in_order(pairs: list[tuple[int, int, float]]) -> list[tuple[int, int, float]]:
    """The longest run of correspondences in the same order in both texts (a copy keeps the order)."""
    best_len = [1] * len(pairs)
    back = [-1] * len(pairs)
    for k in range(len(pairs)):
        for m in range(k):
            if pairs[m][1] < pairs[k][1] and best_len[m] + 1 > best_len[k]:
                best_len[k], back[k] = best_len[m] + 1, m
    if not pairs:
        return []
    k = max(range(len(pairs)), key=best_len.__getitem__)
    run = []
    while k != -1:
        run.append(pairs[k])
        k = back[k]
    return run[::-1]


def _direction(a: tuple[str, Doc, dt.date | None], b: tuple[str, Doc, dt.date | None]) -> tuple[str, str]:
    """(copy, original): the later one copies; on a tie, the one that reads rewritten, then the shorter."""
    (slug_a, doc_a, date_a), (slug_b, doc_b, date_b) = a, b
    day_a, day_b = day(date_a), day(date_b)
    if day_a and day_b and day_a != day_b:
        return (slug_a, slug_b) if day_a > day_b else (slug_b, slug_a)
    key_a = (doc_a.artifacts, -sum(doc_a.weights))
    key_b = (doc_b.artifacts, -sum(doc_b.weights))
    if key_a != key_b:
        return (slug_a, slug_b) if key_a > key_b else (slug_b, slug_a)
    return (max(slug_a, slug_b), min(slug_a, slug_b))


def day(value: dt.date | None) -> dt.date | None:
    # A datetime and a date cannot be compared; copies are told apart by the day.
    return value.date() if isinstance(value, dt.datetime) else value
