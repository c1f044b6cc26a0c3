"""Words that say more or less than the ratings: ICD 203's estimative language, and relations read backwards.

Intelligence Community Directive 203 gives seven terms of likelihood, each a range of
probability (model.LIKELIHOODS), and asks that judgments use them and nothing vaguer, keep
confidence apart from likelihood, and consider alternatives.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from ..labels import plain_text
from ..markup import RefTarget
from ..model import Source, Text
from ..resolve.views import Site

Report = Callable[[Source, str, "str | None"], None]

# The words of each rating, as ICD 203 lists them (with "highly likely", common and unambiguous).
SCALE = {
    "almost no chance": ("almost no chance",),
    "very unlikely": ("very unlikely", "highly unlikely", "highly improbable"),
    "unlikely": ("unlikely", "improbable", "improbably"),
    "roughly even chance": ("roughly even chance", "roughly even odds", "even chance"),
    "likely": ("likely", "probable", "probably"),
    "very likely": ("very likely", "highly likely", "highly probable"),
    "almost certain": ("almost certain", "almost certainly", "nearly certain", "nearly certainly"),
}
_RATING_OF = {word: rating for rating, words in SCALE.items() for word in words}
_SCALE_WORDS = re.compile(r"\b(" + "|".join(sorted(map(re.escape, _RATING_OF), key=len, reverse=True)) + r")\b")
CERTAINTY = re.compile(r"\b(will|won't|shall|is going to|are going to|certainly|definitely|undoubtedly|"
                       r"without doubt|is certain|are certain)\b")
OFF_SCALE = re.compile(r"\b(possibly|perhaps|maybe|may well|might well|could well|might|conceivably|presumably|"
                       r"chances are)\b")
CONFIDENCE = re.compile(r"\bconfiden(?:ce|t)\b")
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")  # words quoted from a source are not the judgment's own
_SENTENCE = re.compile(r"(?<=[.!?])\s+")
PREPOSITIONS = ("of", "for", "from", "to", "with", "by", "in", "on", "at", "into", "about", "as", "over",
                "under", "between", "against", "toward", "towards", "than")


def language_findings(site: Site, report: Report) -> None:
    targets = site.refs
    for view in site.judgments:
        j = view.judgment
        what = f"key judgment {j.number}"
        estimative_findings(report, j.text, j.likelihood, what, targets, j.accept)
        if not view.against:
            report(j.at, f"{what}: no evidence leans against it (ICD 203 asks for alternatives): "
                   "add evidence with `leans: against`, or say why there is none with `accept:`", j.accept)
    for question in site.questions:
        assessment = question.question.assessment
        if assessment and assessment.text:
            estimative_findings(report, assessment.text, assessment.likelihood,
                                f"the assessment of question '{question.question.id}'", targets,
                                question.question.accept)
    for actor in site.content.actors:
        for relation in actor.related:
            shown = relation.relation if relation.relation else relation.inverse
            last = (shown or "").split()[-1:] or [""]
            if last[0].lower() in PREPOSITIONS:
                shown = (shown or "")[:1].upper() + (shown or "")[1:]
                example = f"“{shown} of {actor.name}”" if relation.relation else f"“{shown}: {actor.name}”"
                report(relation.at, f"the relation reads backwards on {relation.actor}'s page ({example}): "
                       "use a kind from the README, or an `inverse:` that does not end in a preposition", actor.accept)


def estimative_findings(report: Report, text: Text, likelihood: str, what: str,
                        targets: Mapping[tuple[str, str], RefTarget], accept: str | None) -> None:
    """Certainty, likelihood words that disagree with the rating, words off the scale, and
    likelihood and confidence in one sentence, in the editor's own words of a judgment."""
    words = _QUOTED.sub(" ", plain_text(text.markdown, targets)).lower()
    at = text.at
    found = _SCALE_WORDS.findall(words)
    other = sorted({w for w in found if _RATING_OF[w] != likelihood})
    if other:
        report(at, f"{what} says {', '.join(repr(w) for w in other)} but is rated '{likelihood}': "
               f"use the rating's words ({', '.join(SCALE[likelihood][:2])})", accept)
    # "will" in a sentence without a word of the scale states certainty; "will probably" does not.
    certain = next((m for sentence in _SENTENCE.split(words) if not _SCALE_WORDS.search(sentence)
                    for m in [CERTAINTY.search(sentence)] if m), None)
    if certain and likelihood != "almost certain":
        report(at, f"{what} states certainty ('{certain.group(1)}') but is rated '{likelihood}': "
               f"say '{SCALE[likelihood][0]}'", accept)
    vague = sorted(set(OFF_SCALE.findall(words)))
    if vague:
        report(at, f"{what} uses words off the ICD 203 scale ({', '.join(repr(w) for w in vague)}): "
               "use one of almost no chance, very unlikely, unlikely, roughly even chance, likely, very likely, "
               "almost certain", accept)
    for sentence in _SENTENCE.split(words):
        if _SCALE_WORDS.search(sentence) and CONFIDENCE.search(sentence):
            report(at, f"{what} puts likelihood and confidence in one sentence: confidence is its own field", accept)
            break
