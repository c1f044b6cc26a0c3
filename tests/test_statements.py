"""Statements that cannot say the opposite of the facts: relations from both sides, speakers,
background, intervals, assessments, and the estimative-language audit."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import MINIMAL, REPO, run_build, write_tree
from html_pages import read_page

from briefing.audit import audit
from briefing.build import check
from briefing.errors import BuildFailed
from briefing.model import RELATION_KINDS, QuoteRef, Report, Source
from briefing.resolve.claims import reports_disagree

ACTORS = """
- id: peskov
  name: Dmitry Peskov
  kind: person
  role: Kremlin spokesman
- id: russia
  name: Russia
  kind: state
- id: almaty
  name: Almaty
  kind: place
"""


def _relations_project(tmp_path: Path, related: str, on: str = "peskov") -> Path:
    """The small briefing with three more actors; `related` (YAML items) on the entry of `on`."""
    write_tree(tmp_path / "content", MINIMAL)
    shutil.copytree(REPO / "templates", tmp_path / "templates")
    items = "".join(f"    {line}\n" for line in related.strip("\n").splitlines())
    actors = ACTORS.replace(f"- id: {on}\n", f"- id: {on}\n  related:\n{items}", 1)
    path = tmp_path / "content/actors.yaml"
    path.write_text(path.read_text() + actors.lstrip("\n"))
    return tmp_path


def _pages(tmp_path: Path) -> dict[str, list[str]]:
    site = check(tmp_path)
    return {page.actor.id: [f"{r.before}{r.other.name}{r.after}" for r in page.relations] for page in site.actors}


# --- relations --------------------------------------------------------------------------------

EXPECTED = {  # kind: (on the subject's page, on the object's page), Peskov the subject, Russia the object
    "head-of-state-of": ("Head of state of Russia", "Head of state: Dmitry Peskov"),
    "head-of": ("Head of Russia", "Head: Dmitry Peskov"),
    "spokesman-of": ("Spokesman of Russia", "Spokesman: Dmitry Peskov"),
    "member-of": ("Member of Russia", "Member: Dmitry Peskov"),
    "founding-member-of": ("Founding member of Russia", "Founding member: Dmitry Peskov"),
    "leads": ("Leads Russia", "Led by: Dmitry Peskov"),
    "predecessor-of": ("Predecessor of Russia", "Predecessor: Dmitry Peskov"),
    "former-patron-of": ("Former patron of Russia", "Former patron: Dmitry Peskov"),
    "backs": ("Backs Russia", "Backed by: Dmitry Peskov"),
    "asked-for-help": ("Asked Russia for help", "Asked for help by: Dmitry Peskov"),
    "sent-troops-to": ("Sent troops to Russia", "Troops sent in by: Dmitry Peskov"),
    "masses-troops-on-border-of": ("Masses troops on the border of Russia", "Troops massed on its border by: Dmitry Peskov"),
    "controls": ("Controls Russia", "Controlled by: Dmitry Peskov"),
    "ally-of": ("Ally of Russia", "Ally of Dmitry Peskov"),
    "neighbour-of": ("Neighbour of Russia", "Neighbour of Dmitry Peskov"),
    "rival-of": ("Rival of Russia", "Rival of Dmitry Peskov"),
    "has-ties-with": ("Has ties with Russia", "Has ties with Dmitry Peskov"),
    "in-talks-with": ("In talks with Russia", "In talks with Dmitry Peskov"),
    "close-to": ("Personally close to Russia", "Personally close to Dmitry Peskov"),
}


def test_every_kind_of_relation_is_tested_from_both_sides():
    assert set(EXPECTED) | {"role", "part-of"} == set(RELATION_KINDS)


@pytest.mark.parametrize("kind", sorted(EXPECTED))
def test_each_kind_reads_right_from_both_pages(tmp_path: Path, kind: str):
    pages = _pages(_relations_project(tmp_path, f"- {kind}: russia"))
    assert pages["peskov"] == [EXPECTED[kind][0]]
    assert pages["russia"] == [EXPECTED[kind][1]]


@pytest.mark.parametrize("item, subject_words, object_words", [
    ("- role: {at: russia, title: Spokesman}", "Spokesman, Russia", "Spokesman: Dmitry Peskov"),
    ("- part-of: {of: russia, title: Largest city}", "Largest city of Russia", "Largest city: Dmitry Peskov"),
    ("- part-of: russia", "Part of Russia", "Includes: Dmitry Peskov"),
    ('- {actor: russia, phrase: "Long seen as the voice of", inverse: "Its voice, some say"}',
     "Long seen as the voice of Russia", "Its voice, some say: Dmitry Peskov"),
])
def test_titled_kinds_and_free_text_read_right_from_both_pages(tmp_path: Path, item: str, subject_words: str,
                                                               object_words: str):
    pages = _pages(_relations_project(tmp_path, item))
    assert pages["peskov"] == [subject_words] and pages["russia"] == [object_words]


def test_a_statement_made_on_both_sides_is_one_relation(tmp_path: Path):
    project = _relations_project(tmp_path, "- ally-of: russia\n- spokesman-of: russia\n- spokesman-of: russia")
    actors = project / "content/actors.yaml"
    actors.write_text(actors.read_text().replace("  name: Russia\n", "  name: Russia\n  related:\n    - ally-of: peskov\n"))
    pages = _pages(project)
    assert pages["peskov"] == ["Ally of Russia", "Spokesman of Russia"]
    assert pages["russia"] == ["Ally of Dmitry Peskov", "Spokesman: Dmitry Peskov"]


def test_an_unknown_kind_names_the_closest(tmp_path: Path):
    _relations_project(tmp_path, "- spokesman: russia")
    with pytest.raises(BuildFailed) as failed:
        check(tmp_path)
    assert [str(p) for p in failed.value.problems] == [
        "content/actors.yaml:14: unknown key 'spokesman' in a relation (did you mean spokesman-of?)"]


def test_the_old_form_builds_with_a_warning_that_says_how_to_write_it(tmp_path: Path):
    project = _relations_project(tmp_path, "- {actor: russia, relation: head of state}", on="peskov")
    result = run_build(project)
    assert result.returncode == 0
    assert ("warning: content/actors.yaml:14: 'relation: head of state' can be read both ways (what is russia "
            "to whom?): state it on one actor's entry with a kind from the README, e.g. on russia's: "
            "'- head-of-state-of: peskov', or write '{actor, phrase, inverse}' with the words for both pages"
            ) in result.stderr.splitlines()


def test_no_page_of_the_default_site_reads_a_relation_backwards(default_site: Path):
    for page in default_site.rglob("*.html"):
        text = read_page(page).text
        for backwards in (" of of ", " for of ", " from of ", " to of ", " with of ", " by of ", " in of "):
            assert backwards not in text, f"{page.name}: {backwards!r}"


# --- speakers and background -------------------------------------------------------------------

def test_a_quote_names_its_speaker_and_the_outlet_it_came_through(small_project: Path):
    questions = small_project / "content/questions.yaml"
    questions.write_text(questions.read_text()
                         .replace('quote: "Alpha said the talks were over", leans: yes}',
                                  'quote: "Alpha said the talks were over", leans: yes, speaker: alpha}')
                         .replace('quote: "an initial 2,500 soldiers", leans: no}',
                                  'quote: "an initial 2,500 soldiers", leans: no, speaker: "A. Officer, the army", via: Wire}'))
    assert run_build(small_project).returncode == 0
    page = read_page(small_project / "site/questions/hold.html")
    assert "— Alpha Person, Leader of Alphaland, in First report" in page.text
    assert "— A. Officer, the army, in Wire, as quoted in Second report" in page.text


def test_an_unknown_speaker_id_is_an_error_at_its_line(small_project: Path):
    questions = small_project / "content/questions.yaml"
    questions.write_text(questions.read_text().replace('leans: yes}', 'leans: yes, speaker: alpah}'))
    result = run_build(small_project)
    assert result.returncode == 1
    assert "content/questions.yaml:6: unknown actor 'alpah' (did you mean alpha?)" in result.stderr


def test_background_is_marked_and_counts_as_no_source(small_project: Path):
    timeline = small_project / "content/timeline.yaml"
    timeline.write_text(timeline.read_text().replace(
        "  source: {article: one, quote: \"as many as 3,000 troops\"}",
        "  source: {article: one, quote: \"as many as 3,000 troops\"}\n  basis: background\n"
        "  background: The day is from general knowledge."))
    site = check(small_project)
    [landing] = [e for e in site.events if e.event.id == "landing"]
    assert landing.citation is not None and landing.sources == ()
    assert run_build(small_project).returncode == 0
    text = read_page(small_project / "site/timeline.html").text
    assert "Background Not from the briefing's sources: The day is from general knowledge." in text


# --- figures: reports that cannot all be true ---------------------------------------------------

def _report(value: float, qualifier: str | None = None) -> Report:
    return Report(value, qualifier, QuoteRef("a", "q", Source("f", 1)))


@pytest.mark.parametrize("reports, disagree", [
    ([(18, "at least"), (12, "more than"), (12, "at least")], False),  # lower bounds: all can be true
    ([(2500, None), (3000, None)], True),
    ([(3000, "as many as"), (2500, None)], False),
    ([(3000, "up to"), (3500, "at least")], True),
    ([(12, "more than"), (12, None)], True),  # more than 12 excludes 12
    ([(100, "about"), (109, None)], False),
    ([(100, "about"), (115, None)], True),
    ([(20, None), (20, None)], False),
])
def test_reports_disagree_only_when_their_ranges_cannot_meet(reports, disagree):
    assert reports_disagree([_report(v, q) for v, q in reports]) is disagree


# --- questions: an assessment ----------------------------------------------------------------------

def test_a_question_shows_its_assessment_first_with_the_judgment_that_answers_it(small_project: Path):
    briefing = small_project / "content/briefing.yaml"
    briefing.write_text(briefing.read_text().replace("  - text: Alpha will hold.", "  - id: alpha-holds\n    text: Alpha will hold."))
    questions = small_project / "content/questions.yaml"
    questions.write_text(questions.read_text().replace(
        "  summary: Perhaps.", "  summary: Perhaps.\n  assessment:\n    text: Alpha is likely to hold.\n"
        "    likelihood: likely\n    confidence: low\n    judgment: alpha-holds"))
    assert run_build(small_project).returncode == 0
    page = read_page(small_project / "site/questions/hold.html")
    text = page.text
    assert text.index("Assessment") < text.index("Perhaps.") < text.index("Evidence leaning yes")
    assert "Likely (55–80% chance) Confidence: low" in text
    assert "../index.html#kj-alpha-holds" in page.links
    assert 'id="kj-alpha-holds"' in (small_project / "site/index.html").read_text()


def test_an_assessment_naming_no_judgment_is_an_error(small_project: Path):
    questions = small_project / "content/questions.yaml"
    questions.write_text(questions.read_text().replace(
        "  summary: Perhaps.", "  summary: Perhaps.\n  assessment: {likelihood: likely, confidence: low, judgment: nope}"))
    result = run_build(small_project)
    assert result.returncode == 1 and "content/questions.yaml:4: unknown judgment 'nope'" in result.stderr


# --- check: estimative language --------------------------------------------------------------------

def _audited(tmp_path: Path, text: str, likelihood: str = "likely", evidence: str = "") -> list[str]:
    files = dict(MINIMAL)
    files["briefing.yaml"] = f"""
        title: T
        bottom_line: B.
        key_judgments:
          - text: {text}
            likelihood: {likelihood}
            confidence: low
            evidence:
              - {{article: one, quote: "Alpha said the talks were over"}}
              - {{article: two, quote: "an initial 2,500 soldiers"}}{evidence}
        """
    write_tree(tmp_path / "content", files)
    return [p.message for p in audit(check(tmp_path)).findings if p.path == "content/briefing.yaml"]


AGAINST = '\n              - {article: two, quote: "according to", leans: against}'


@pytest.mark.parametrize("text, likelihood, finding", [
    ("Alpha will hold the city.", "likely", "key judgment 1 states certainty ('will') but is rated 'likely': say 'likely'"),
    ("Alpha is going to hold.", "unlikely", "key judgment 1 states certainty ('is going to') but is rated 'unlikely': say 'unlikely'"),
    ("Alpha is unlikely to hold.", "likely", "key judgment 1 says 'unlikely' but is rated 'likely': use the rating's words (likely, probable)"),
    ("Alpha will very likely hold.", "likely", "key judgment 1 says 'very likely' but is rated 'likely': use the rating's words (likely, probable)"),
    ("Alpha may well hold; perhaps longer.", "likely", "key judgment 1 uses words off the ICD 203 scale ('may well', 'perhaps'): use one of almost no chance, very unlikely, unlikely, roughly even chance, likely, very likely, almost certain"),
    ("Alpha is likely, with high confidence, to hold.", "likely", "key judgment 1 puts likelihood and confidence in one sentence: confidence is its own field"),
])
def test_check_flags_words_that_disagree_with_the_rating(tmp_path: Path, text: str, likelihood: str, finding: str):
    assert finding in _audited(tmp_path, text, likelihood, AGAINST)


@pytest.mark.parametrize("text, likelihood", [
    ("Alpha is likely to hold the city.", "likely"),
    ("Alpha will probably hold.", "likely"),  # "will probably": the estimative word governs
    ("Alpha is unlikely to leave; it said it “will stay”.", "unlikely"),  # quoted words are the source's
    ("Alpha is very unlikely to fall.", "very unlikely"),
    ("There is a roughly even chance that Alpha holds.", "roughly even chance"),
])
def test_check_accepts_words_on_the_scale_that_match_the_rating(tmp_path: Path, text: str, likelihood: str):
    assert _audited(tmp_path, text, likelihood, AGAINST) == []


def test_a_judgment_with_nothing_against_it_is_a_finding(tmp_path: Path):
    finding = ("key judgment 1: no evidence leans against it (ICD 203 asks for alternatives): add evidence with "
               "`leans: against`, or say why there is none with `accept:`")
    assert finding in _audited(tmp_path, "Alpha is likely to hold.")
    assert finding not in _audited(tmp_path / "again", "Alpha is likely to hold.", evidence=AGAINST)


def test_check_flags_a_relation_that_reads_backwards_and_not_one_that_reads_right(tmp_path: Path):
    project = _relations_project(tmp_path, '- {actor: russia, relation: spokesman for}\n'
                                           '- {actor: russia, phrase: "Speaks for", inverse: "Spoken for by"}\n'
                                           '- {actor: russia, phrase: "Speaks for", inverse: "Its spokesman"}')
    messages = [str(p) for p in audit(check(project)).findings if "reads backwards" in p.message]
    assert messages == [
        "content/actors.yaml:14: the relation reads backwards on russia's page (“Spokesman for of Dmitry Peskov”): "
        "use a kind from the README, or an `inverse:` that does not end in a preposition",
        "content/actors.yaml:15: the relation reads backwards on russia's page (“Spoken for by: Dmitry Peskov”): "
        "use a kind from the README, or an `inverse:` that does not end in a preposition"]


def test_check_flags_a_quote_of_someones_words_with_no_speaker(small_project: Path):
    article = small_project / "content/articles/two.md"
    article.write_text(article.read_text() + '\nThe general said "we hold the line" at dawn.\n')
    questions = small_project / "content/questions.yaml"
    text = questions.read_text()
    questions.write_text(text.replace("  watch:", '    - {article: two, quote: \'said "we hold the line"\', leans: yes}\n  watch:'))
    findings = [p.message for p in audit(check(small_project)).findings]
    assert any("holds somebody's words in quotation marks (“we hold the line”) but names no speaker" in f for f in findings)
    questions.write_text(text.replace("  watch:", '    - {article: two, quote: \'said "we hold the line"\', leans: yes, speaker: "A general"}\n  watch:'))
    findings = [p.message for p in audit(check(small_project)).findings]
    assert not any("we hold the line" in f for f in findings)
