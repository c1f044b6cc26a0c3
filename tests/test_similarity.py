"""Copy and rewrite detection: reworded copies are found, different stories on one event are not."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest

from briefing.resolve.similarity import candidate_pairs, find_copies, shingles, similarity

ORIGINAL = """Rebels seized the northern airport of Valdoria on Monday after a night of fighting that left at least 40 soldiers dead, the defence ministry said.

Why it matters: The airport is the only supply route to the northern garrison, and its loss leaves 3,000 troops cut off.

- Witnesses described columns of pickup trucks entering the terminal at dawn while government aircraft circled overhead.
- The ministry admitted the loss of two helicopters and promised a counter-offensive within days.

Aid groups warned that thousands of families had fled toward the coast, where camps are already full. "We are running out of tents," said Amira Haddad of the Northern Relief Council, according to Daily Ledger.

The northern region has been contested since a disputed election two years ago split the army along ethnic lines.
"""

REWORDED = """Rebels captured the northern airfield of Valdoria on Monday after a night of clashes that left at least 40 troops dead, the defence ministry stated.

Why is this important : The airfield is the sole supply route to the northern garrison, and its loss leaves 3,000 soldiers cut off.

- Witnesses reported convoys of pickup trucks entering the terminal at daybreak while government planes circled overhead.
- The ministry acknowledged the loss of two choppers and vowed a counter-offensive within days.

Aid organisations warned that thousands of households had fled toward the coast, where camps are already crowded. “We are running out of tents, ” said Amira Haddad of the Northern Relief Council, according to NewsHub.

The northern region has been disputed since a contested election two years ago divided the army along ethnic lines.
"""

# The same event, the same people and numbers, even one shared quote: but a different story.
SAME_EVENT = """A blog post about Valdoria

Valdoria's government has lost the north, and everyone in the capital knows it. When rebels took the airport on Monday, they did not just kill 40 soldiers; they cut off 3,000 more who now depend on airdrops that will not come.

I have watched this army split along ethnic lines since the disputed election two years ago. Nobody should be surprised that the garrison crumbled.

"We are running out of tents," said Amira Haddad of the Northern Relief Council. Her warning should shame the donors who promised money last spring and never paid.

What happens next depends on whether the ministry's promised counter-offensive is anything more than a press release. I doubt it.
"""


def test_a_reworded_copy_is_found_as_a_rewrite_of_the_earlier_article():
    matches = find_copies({"ledger-airport": ORIGINAL, "newshub-airport": REWORDED},
                          {"ledger-airport": dt.date(2022, 1, 3), "newshub-airport": dt.datetime(2022, 1, 4, 9, 30)})
    assert len(matches) == 1
    match = matches[0]
    assert (match.copy, match.original, match.kind) == ("newshub-airport", "ledger-airport", "rewrite")
    assert 0.5 <= match.score < 0.9


def test_two_different_stories_on_the_same_event_are_not_flagged():
    assert find_copies({"ledger-airport": ORIGINAL, "blog-airport": SAME_EVENT}, {}) == []
    assert similarity(ORIGINAL, SAME_EVENT) < 0.2


def test_a_verbatim_copy_with_furniture_around_it_is_a_copy():
    syndicated = "From our partners at the Daily Ledger.\n\n" + ORIGINAL.replace("\n- ", "\n  • ") + "\nMore news at noon."
    matches = find_copies({"ledger-airport": ORIGINAL, "partner-airport": syndicated},
                          {"ledger-airport": dt.date(2022, 1, 3), "partner-airport": dt.date(2022, 1, 5)})
    assert [(m.copy, m.original, m.kind) for m in matches] == [("partner-airport", "ledger-airport", "copy")]
    assert matches[0].score > 0.9


def test_on_equal_dates_the_text_that_reads_rewritten_is_the_copy():
    same_day = {"a-first": dt.date(2022, 1, 3), "b-second": dt.date(2022, 1, 3)}
    for names in (("a-first", "b-second"), ("b-second", "a-first")):
        texts = {names[0]: ORIGINAL, names[1]: REWORDED}
        [match] = find_copies(texts, same_day)
        assert match.copy == names[1] and match.original == names[0]


def test_shuffled_sentences_do_not_count_as_a_copy():
    sentences = ORIGINAL.replace("\n", " ").split(". ")
    shuffled = ". ".join(sentences[::-1])
    assert similarity(ORIGINAL, shuffled) < 0.5


def test_empty_and_tiny_texts_are_harmless():
    assert find_copies({"empty": "", "tiny": "Yes.", "story": ORIGINAL}, {}) == []


def _random_article(rng: random.Random, vocabulary: list[str]) -> str:
    sentences = (" ".join(rng.choices(vocabulary, k=rng.randint(10, 20))).capitalize() + "."
                 for _ in range(15))
    return " ".join(sentences)


def test_candidates_come_from_the_index_not_from_all_pairs():
    rng = random.Random(4)
    vocabulary = [f"{a}{b}{c}" for a in "bcdfg" for b in "aeiou" for c in "klmnprst"]  # 200 words
    texts = {f"story-{i}": _random_article(rng, vocabulary) for i in range(300)}
    texts["copy-of-7"] = "Breaking. " + texts["story-7"]
    pairs = candidate_pairs({slug: shingles(text) for slug, text in texts.items()})
    assert ("copy-of-7", "story-7") in pairs
    assert len(pairs) < 50  # of 45,150 possible pairs
    dates = {slug: dt.date(2022, 1, 1) for slug in texts} | {"copy-of-7": dt.date(2022, 1, 2)}
    matches = find_copies(texts, dates)
    assert [(m.copy, m.original, m.kind) for m in matches] == [("copy-of-7", "story-7", "copy")]


def test_shingles_ignore_case_punctuation_function_words_and_plurals():
    assert shingles("The Rebels seized the AIRPORTS of Valdoria, officials said.") == \
        shingles("rebels — seized airport; Valdoria’s officials!")
    assert shingles("rebels seized airport") != shingles("airport seized rebels")


def test_shingles_are_the_same_in_every_process():
    """bodies.py makes them in worker processes, and each process hashes strings its own way."""
    import subprocess
    import sys
    script = "import sys; from briefing.resolve.similarity import shingles; print(list(shingles(sys.stdin.read())))"
    runs = {subprocess.run([sys.executable, "-c", script], input=ORIGINAL, capture_output=True, text=True, check=True,
                           env={"PYTHONHASHSEED": seed, "PYTHONPATH": str(Path(__file__).parent.parent)}).stdout
            for seed in ("1", "2")}
    assert runs == {str(list(shingles(ORIGINAL))) + "\n"}


def _edited_corpora(rng: random.Random, steps: int):
    """A briefing changing one step at a time: articles reworded, copied, added, removed, redated."""
    # 36 words: shingles recur by chance, so fingerprints fill up and ranks move at each edit.
    vocabulary = [f"{a}{b}{c}" for a in "bd" for b in "aeo" for c in "lmnrst"]
    texts = {f"story-{i}": _random_article(rng, vocabulary) for i in range(25)}
    dates: dict[str, dt.date | None] = {slug: dt.date(2022, 1, rng.randint(1, 3)) for slug in texts}
    for step in range(steps):
        slug, other = rng.sample(sorted(texts), 2)
        move = rng.choice(["copy", "copy", "reword", "add", "remove", "redate", "unchanged"])
        if move == "copy":  # clusters of copies push shingles past the boilerplate limit and back
            texts[slug] = "Breaking. " + texts[other]
        elif move == "reword":
            words = texts[slug].split(" ")
            for i in rng.sample(range(len(words)), len(words) // 4):
                words[i] = rng.choice(vocabulary)
            texts[slug] = " ".join(words)
        elif move == "add":
            texts[f"new-{step}"] = rng.choice([_random_article(rng, vocabulary), "Copied. " + texts[other]])
            dates[f"new-{step}"] = None
        elif move == "remove" and len(texts) > 5:
            del texts[slug]
        elif move == "redate":
            dates[slug] = dt.date(2022, 1, rng.randint(1, 3))
        yield dict(texts), {slug: dates[slug] for slug in texts}


@pytest.mark.parametrize("seed", range(3))
def test_kept_up_to_date_the_copies_are_those_found_afresh(monkeypatch, seed):
    """The dev server's CopyFinder, updated after each edit, finds what find_copies finds from scratch."""
    from briefing.resolve import similarity as module
    from briefing.resolve.copies import CopyFinder
    # Small limits, so that a few copies make a shingle boilerplate and fingerprints overflow.
    monkeypatch.setattr(module, "_MAX_POSTING", 4)
    monkeypatch.setattr(module, "_FINGERPRINT", 12)
    finder = CopyFinder()
    found = 0
    for texts, dates in _edited_corpora(random.Random(seed), 120):
        known = {slug: shingles(text) for slug, text in texts.items()}
        matches = finder.find(texts, dates, known)
        assert finder.index.pairs() == sorted(candidate_pairs(known))
        assert matches == find_copies(texts, dates, known)
        found += len(matches)
    assert found > 200  # the edits did make copies to find
