"""Editions: `build.py edition` freezes the briefing; the site says what changed since, and why; earlier
editions stay as they stood; retractions take a source away from every claim that rests on it."""

from __future__ import annotations

import json
import os
import pty
import re
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import jsonschema
import pytest
from conftest import MINIMAL, REPO, run_build, site_digest, write_tree
from html_pages import read_page
from lxml import etree

from briefing.build import build, check
from briefing.cache import BuildCache
from briefing.editions.format import dumps, loads
from briefing.editions.views import Changes

ATOM = "{http://www.w3.org/2005/Atom}"

# MINIMAL with what editions need: ids on the key judgments, an assessed question, a public address.
EDITIONS = dict(MINIMAL)
EDITIONS["briefing.yaml"] = """
    title: Test briefing
    as_of: 2022-01-06
    base_url: https://example.org/b/
    bottom_line: The [[alpha]] matter is settled; see [[figure:count]].
    key_judgments:
      - id: alpha-holds
        text: Alpha holds, as [[alpha]] said.
        likelihood: likely
        confidence: moderate
        evidence:
          - {article: one, quote: "Alpha said the talks were over"}
      - id: beta-quiet
        text: Beta stays quiet.
        likelihood: unlikely
        confidence: low
        evidence:
          - {article: two, quote: "an initial 2,500 soldiers"}
    """
EDITIONS["questions.yaml"] = textwrap.dedent(MINIMAL["questions.yaml"]) + (
    "  assessment:\n    likelihood: likely\n    confidence: low\n")
THREE = """
    ---
    title: Third report
    outlet: Monthly Three
    published: 2022-01-07
    kind: news
    ---
    Officials counted 2,800 soldiers by Friday.
    """


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _freeze(project: Path) -> None:
    result = run_build(project, "edition", "--force")
    assert result.returncode == 0, result.stderr


def _as_of(project: Path, day: str) -> None:
    briefing = project / "content/briefing.yaml"
    briefing.write_text(re.sub(r"as_of: \S+", f"as_of: {day}", briefing.read_text(encoding="utf-8")), encoding="utf-8")


@pytest.fixture
def edition_project(tmp_path: Path) -> Path:
    """The briefing frozen as its 6 January edition, and now being written for 7 January."""
    project = tmp_path / "editions"
    write_tree(project / "content", EDITIONS)
    shutil.copytree(REPO / "templates", project / "templates")
    _freeze(project)
    _as_of(project, "2022-01-07")
    return project


def _changes(project: Path) -> Changes:
    editions = check(project).editions
    assert editions is not None and editions.changes is not None
    return editions.changes


def _home(project: Path) -> str:
    assert run_build(project).returncode == 0
    return read_page(project / "site/index.html").text


def _check_lines(project: Path) -> list[str]:
    return run_build(project, "check").stdout.splitlines()


BRIEFING = "content/briefing.yaml"


# -- what changed ---------------------------------------------------------------------------------

def test_nothing_changed_says_so(edition_project: Path):
    changes = _changes(edition_project)
    assert changes.summary == () and str(changes.since) == "2022-01-06"
    assert "What changed since 6 January 2022 Nothing in the claims has changed since the edition of 6 January 2022." \
        in _home(edition_project)


def test_a_judgment_that_moved_shows_old_and_new_with_the_editors_reason(edition_project: Path):
    _edit(edition_project / BRIEFING, "likelihood: likely\n    confidence: moderate",
          "likelihood: very likely\n    confidence: moderate\n    changed: A second outlet confirmed [[alpha]]'s words.")
    [move] = _changes(edition_project).judgments
    assert (move.kind, move.id, move.move) == ("moved", "alpha-holds", "from likely to very likely")
    home = _home(edition_project)
    assert "Key judgment 1 moved from likely to very likely: A second outlet confirmed Alpha Person’s words." in home
    # ... and the judgment carries its own history
    assert ("Very likely (moderate confidence) since 7 January 2022; likely (moderate confidence) on 6 January 2022. "
            "Moved on 7 January 2022: A second outlet confirmed Alpha Person’s words.") in home
    assert "Unlikely (low confidence) since 6 January 2022." in home  # the other one did not move
    assert not [line for line in _check_lines(edition_project) if "moved" in line]


def test_a_judgment_that_moved_without_a_reason_is_a_check_finding_and_fails_strict(edition_project: Path):
    _edit(edition_project / BRIEFING, "likelihood: unlikely", "likelihood: roughly even chance")
    assert "Key judgment 2 moved from unlikely to roughly even chance: no reason given" in _home(edition_project)
    finding = ("content/briefing.yaml:12: key judgment 2 moved from unlikely to roughly even chance since "
               "6 January 2022 and does not say why: add `changed:` with the reason")
    assert finding in _check_lines(edition_project)
    assert run_build(edition_project, "check", "--strict").returncode == 1


def test_a_reason_left_from_an_earlier_move_does_not_explain_a_new_one(edition_project: Path):
    _edit(edition_project / BRIEFING, "confidence: low", "confidence: low\n    changed: Quiet so far.")
    _freeze(edition_project)  # 7 January: the reason was given, though nothing moved
    _as_of(edition_project, "2022-01-08")
    _edit(edition_project / BRIEFING, "likelihood: unlikely", "likelihood: likely")
    [move] = _changes(edition_project).judgments
    assert move.stale_reason and move.reason is None
    assert ("content/briefing.yaml:16: key judgment 2 moved from unlikely to likely since 7 January 2022, but its "
            "`changed:` is the reason it gave on 7 January 2022: say why it moved now") in _check_lines(edition_project)


def test_a_confidence_that_moved_is_a_move_too(edition_project: Path):
    _edit(edition_project / BRIEFING, "confidence: moderate", "confidence: high\n    changed: Confirmed twice.")
    [move] = _changes(edition_project).judgments
    assert move.move == "confidence from moderate to high" and move.reason == "Confirmed twice."
    assert "Key judgment 1 moved confidence from moderate to high: Confirmed twice." in _home(edition_project)


def test_judgments_added_and_withdrawn(edition_project: Path):
    briefing = edition_project / BRIEFING
    text = briefing.read_text(encoding="utf-8")
    text = text[:text.index("  - id: beta-quiet")] + (
        "  - id: gamma-rises\n    text: Gamma rises.\n    likelihood: roughly even chance\n    confidence: low\n"
        "    evidence:\n      - {article: two, quote: \"an initial 2,500 soldiers\"}\n")
    briefing.write_text(text, encoding="utf-8")
    changes = _changes(edition_project)
    assert [(c.kind, c.id, c.number) for c in changes.judgments] == [("added", "gamma-rises", 2),
                                                                   ("withdrawn", "beta-quiet", 2)]
    home = _home(edition_project)
    assert "New key judgment 2, roughly even chance (low confidence): Gamma rises." in home
    assert "Withdrawn key judgment: “Beta stays quiet.”, unlikely (low confidence) on 6 January 2022 (as it stood)" in home
    assert "editions/2022-01-06.html#kj-beta-quiet" in read_page(edition_project / "site/index.html").links
    assert "New in this edition." in home
    edition = read_page(edition_project / "site/editions/2022-01-06.html")
    assert "kj-beta-quiet" in edition.ids and "Withdrawn since this edition." in edition.text
    assert "../index.html#kj-alpha-holds" in edition.links  # the one still there links to its current version


def test_a_figure_with_a_new_report_and_a_changed_value(edition_project: Path):
    write_tree(edition_project / "content", {"articles/three.md": THREE})
    _edit(edition_project / "content/figures.yaml", "- value: 2500", "- value: 2600")
    _edit(edition_project / "content/figures.yaml", "  reports:\n", "  reports:\n    - value: 2800\n      article: three\n"
          "      quote: \"2,800 soldiers\"\n")
    [figure] = _changes(edition_project).figures
    assert [(r.kind, r.value, r.before, r.source) for r in figure.reports] == [
        ("new", "2,800 troops", None, "Monthly Three"), ("value", "2,600 troops", "2,500 troops", "Weekly Two")]
    assert "Number of troops: new report of 2,800 troops (Monthly Three); 2,500 troops → 2,600 troops (Weekly Two)" \
        in _home(edition_project)


def test_a_question_whose_assessment_moved(edition_project: Path):
    _edit(edition_project / "content/questions.yaml", "likelihood: likely", "likelihood: unlikely")
    [question] = _changes(edition_project).questions
    assert (question.id, question.move) == ("hold", "from likely to unlikely")
    assert "Will Alpha hold? — assessment moved from likely to unlikely" in _home(edition_project)


def test_new_articles_and_events(edition_project: Path):
    write_tree(edition_project / "content", {"articles/three.md": THREE})
    _edit(edition_project / "content/timeline.yaml", "- id: old\n",
          "- id: count-rises\n  date: 2022-01-07\n  event: The count rises.\n  source: {article: three, quote: \"2,800 soldiers\"}\n- id: old\n")
    changes = _changes(edition_project)
    assert [a.slug for a in changes.articles] == ["three"] and [e.id for e in changes.events] == ["count-rises"]
    home = _home(edition_project)
    assert "New source: Third report (Monthly Three, 7 January 2022)" in home
    assert "New on the timeline: 7 January 2022: The count rises." in home


def test_the_comparison_is_with_the_last_edition_before_the_briefings_date(edition_project: Path):
    _edit(edition_project / BRIEFING, "likelihood: unlikely", "likelihood: likely\n    changed: Beta spoke.")
    _freeze(edition_project)  # the 7 January edition; the briefing is still dated 7 January
    assert sorted(p.name for p in (edition_project / "content/editions").iterdir()) == ["2022-01-06.json", "2022-01-07.json"]
    changes = _changes(edition_project)  # re-issuing 7 January: compared with 6 January, not with itself
    assert str(changes.since) == "2022-01-06" and [c.id for c in changes.judgments] == ["beta-quiet"]
    _as_of(edition_project, "2022-01-08")
    assert str(_changes(edition_project).since) == "2022-01-07" and _changes(edition_project).judgments == ()


# -- retractions ----------------------------------------------------------------------------------

def _retract_one(project: Path) -> None:
    _edit(project / "content/articles/one.md", "kind: news\n",
          "kind: news\nretracted: The outlet withdrew the story on 7 January, as its source recanted.\n")


def test_a_retraction_takes_the_source_away_from_every_claim_that_rests_on_it(edition_project: Path):
    before = check(edition_project)
    assert [len(f.sources) for f in before.figures] == [2]
    _retract_one(edition_project)
    site = check(edition_project)
    assert [len(f.sources) for f in site.figures] == [1] and [e.sources for e in site.events if e.event.id == "landing"] == [()]
    assert site.judgments[0].sources == () and site.judgments[0].citations[0].retraction.kind == "retracted"
    assert run_build(edition_project).returncode == 0
    article = read_page(edition_project / "site/articles/one.html").text
    assert "Retracted: The outlet withdrew the story on 7 January, as its source recanted." in article
    figures = read_page(edition_project / "site/figures.html").text
    assert "1 independent source: 1 analysis: Weekly Two" in figures
    assert "Retracted: The outlet withdrew the story on 7 January, as its source recanted. It counts as no source." in figures
    home = read_page(edition_project / "site/index.html").text
    assert "No source in the briefing's articles" in home
    assert ("Retracted: First report (Daily One): The outlet withdrew the story on 7 January, as its source recanted. "
            "It counts as no source for Key judgment 1 (now with no support), Figure: Number of troops, "
            "Question: Will Alpha hold?, Timeline, 6 January 2022: Troops land. (now with no support).") in home
    claims = json.loads((edition_project / "site/claims.json").read_text(encoding="utf-8"))
    assert claims["judgments"][0]["evidence"][0]["counts_as"] is None and claims["judgments"][0]["sources"] == []
    assert claims["articles"][0]["retracted"].startswith("The outlet withdrew")


def test_check_lists_each_claim_a_retraction_left_with_no_support(edition_project: Path):
    _retract_one(edition_project)
    lines = _check_lines(edition_project)
    assert ("content/briefing.yaml:6: key judgment 1 is left with no support: every source it cites is withdrawn "
            "('one' retracted): find another source, or withdraw the claim") in lines
    assert any(line.startswith("content/timeline.yaml:1: event 'landing' is left with no support") for line in lines)
    assert not [line for line in lines if "figure 'count' is left" in line or "cites no source" in line]


def test_a_discredited_copy_takes_its_original_away_too(edition_project: Path):
    _edit(edition_project / "content/articles/two.md", "kind: analysis\n",
          "kind: analysis\nsyndicates: one\n")
    _edit(edition_project / "content/articles/one.md", "kind: news\n", "kind: news\ndiscredited: Fabricated quotes.\n")
    site = check(edition_project)
    assert [r.citation.retraction.kind for r in site.figures[0].reports] == ["discredited", "discredited"]
    assert site.figures[0].sources == ()


def test_retracted_takes_a_reason_not_a_yes(edition_project: Path):
    _edit(edition_project / "content/articles/one.md", "kind: news\n", "kind: news\nretracted: true\n")
    result = run_build(edition_project)
    assert result.returncode == 1
    assert ("content/articles/one.md:8: 'retracted' takes the reason, not true: retracted: The outlet withdrew the story "
            "on 9 January (say why)") in result.stderr.splitlines()


# -- earlier editions -----------------------------------------------------------------------------

def test_an_editions_page_stays_byte_identical_when_the_content_moves_on(edition_project: Path):
    assert run_build(edition_project).returncode == 0
    page = edition_project / "site/editions/2022-01-06.html"
    before = page.read_bytes()
    assert "The Alpha Person matter is settled" in read_page(page).text
    # The content moves on: a judgment moves, the words of a [[reference]] change, the bottom
    # line is rewritten, an article and an event arrive, another edition is frozen, a source is retracted.
    _edit(edition_project / BRIEFING, "likelihood: likely", "likelihood: very likely\n    changed: Confirmed.")
    _edit(edition_project / BRIEFING, "matter is settled", "matter is far from settled")
    _edit(edition_project / "content/actors.yaml", "name: Alpha Person", "name: Alpha P. Person")
    write_tree(edition_project / "content", {"articles/three.md": THREE})
    _edit(edition_project / "content/timeline.yaml", "- id: old\n", "- id: later\n  date: 2022-01-07\n  event: Later.\n- id: old\n")
    _freeze(edition_project)
    _as_of(edition_project, "2022-01-09")
    _edit(edition_project / "content/articles/two.md", "kind: analysis\n", "kind: analysis\nretracted: Withdrawn.\n")
    assert run_build(edition_project).returncode == 0
    assert page.read_bytes() == before
    assert "Alpha P. Person matter is far from settled" in _home(edition_project)  # the current briefing did move


def test_an_edition_page_keeps_its_words_and_links_what_the_site_still_has(edition_project: Path):
    assert run_build(edition_project).returncode == 0
    page = read_page(edition_project / "site/editions/2022-01-06.html")
    assert "../actors/alpha.html" in page.links and "../articles/one.html#q-alpha-said-the-talks-were-over" in page.links
    assert "Edition of 6 January 2022, as published then." in page.text
    index = read_page(edition_project / "site/editions/index.html")
    assert "../editions/2022-01-06.html" in index.links and "6 January 2022 2 key judgments · the first edition" in index.text


def test_the_feed_has_one_entry_per_edition_with_its_changes(edition_project: Path):
    _edit(edition_project / BRIEFING, "likelihood: unlikely", "likelihood: likely\n    changed: Beta spoke.")
    _freeze(edition_project)
    assert run_build(edition_project).returncode == 0
    feed = etree.parse(str(edition_project / "site/feed.xml")).getroot()
    editions = {e.findtext(f"{ATOM}id"): e for e in feed.findall(f"{ATOM}entry") if "/editions/" in e.findtext(f"{ATOM}id")}
    assert sorted(editions) == ["https://example.org/b/editions/2022-01-06.html", "https://example.org/b/editions/2022-01-07.html"]
    latest = editions["https://example.org/b/editions/2022-01-07.html"]
    assert latest.findtext(f"{ATOM}title") == "Edition of 7 January 2022: 1 change"
    assert latest.findtext(f"{ATOM}summary") == ("Since 6 January 2022: Key judgment 2 moved from unlikely to likely: "
                                                 "Beta spoke.")
    assert latest.findtext(f"{ATOM}updated") == "2022-01-07T00:00:00Z"
    assert editions["https://example.org/b/editions/2022-01-06.html"].findtext(f"{ATOM}summary") == "The first edition."


def test_a_cached_rebuild_after_an_edit_to_an_edition_is_identical_to_a_full_build(edition_project: Path,
                                                                                      tmp_path: Path):
    cache = BuildCache()
    build(edition_project, search=False, cache=cache)
    edition = edition_project / "content/editions/2022-01-06.json"
    time.sleep(0.01)  # a different mtime, as a real save has
    _edit(edition, '"likelihood": "unlikely"', '"likelihood": "very unlikely"')
    build(edition_project, search=False, cache=cache)
    assert "Key judgment 2 moved from very unlikely to unlikely" in read_page(edition_project / "site/index.html").text
    full = tmp_path / "full"
    build(edition_project, site_dir=full, search=False)
    assert site_digest(edition_project / "site") == site_digest(full)
    edition.unlink()  # and without it, no comparison at all
    build(edition_project, search=False, cache=cache)
    assert not (edition_project / "site/editions").exists()
    assert "What changed" not in read_page(edition_project / "site/index.html").text


def test_the_dev_server_shows_what_changed_as_the_editor_saves(edition_project: Path):
    from test_serve import serving, wait_until

    running = serving(edition_project)
    server = next(running)
    try:
        assert b"Nothing in the claims has changed" in server.get("/index.html")[2]
        rebuilds = server.rebuilds()
        _edit(edition_project / BRIEFING, "likelihood: unlikely", "likelihood: likely\n    changed: Beta spoke.")
        wait_until(lambda: server.rebuilds() > rebuilds)
        assert b"Key judgment 2</a> moved from unlikely to likely: Beta spoke." in server.get("/index.html")[2]
        rebuilds = server.rebuilds()
        _edit(edition_project / "content/editions/2022-01-06.json", '"likelihood": "unlikely"', '"likelihood": "likely"')
        wait_until(lambda: server.rebuilds() > rebuilds)  # the edition itself was edited: now nothing moved
        assert b"Nothing in the claims has changed" in server.get("/index.html")[2]
    finally:
        next(running, None)


def test_pages_with_editions_and_retractions_are_valid_html(edition_project: Path):
    from test_site_publish import VNU
    if shutil.which("java") is None or not VNU.is_file():
        pytest.skip("the Nu HTML Checker needs java and node_modules/vnu-jar")
    _edit(edition_project / BRIEFING, "likelihood: likely", "likelihood: very likely\n    changed: Confirmed.")
    _retract_one(edition_project)
    _freeze(edition_project)
    assert run_build(edition_project).returncode == 0
    site = edition_project / "site"
    pages = [site / p for p in ("index.html", "editions/index.html", "editions/2022-01-06.html",
                                "editions/2022-01-07.html", "articles/one.html", "figures.html")]
    done = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--also-check-css", *map(str, pages),
                           str(site / "static/style.css")], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr


# -- the snapshot format and claims.json --------------------------------------------------------

def _validator() -> jsonschema.Draft202012Validator:
    schema = json.loads((REPO / "schema/claims-1.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def _errors(validator, document) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(document)]


def test_claims_json_of_the_default_site_validates_against_the_schema(default_site: Path):
    document = json.loads((default_site / "claims.json").read_text(encoding="utf-8"))
    assert document["version"] == 1 and document["judgments"] and document["articles"]
    assert _errors(_validator(), document) == []


def test_every_committed_edition_validates_and_reads(tmp_path: Path):
    validator = _validator()
    for path in sorted((REPO / "content/editions").glob("*.json")):
        text = path.read_text(encoding="utf-8")
        assert _errors(validator, json.loads(text)) == [], path.name
        edition = loads(text, path.name)
        assert dumps(edition) == text, f"{path.name} is not as `build.py edition` writes it"


def test_claims_json_and_editions_of_a_fixture_validate(edition_project: Path):
    _retract_one(edition_project)
    write_tree(edition_project / "content", {"articles/three.md": THREE.replace("2022-01-07", "2022-01-07 14:30+02:00")})
    _edit(edition_project / "content/figures.yaml", "qualifier: as many as", "qualifier: as many as\n      speaker: alpha\n      via: Reuters")
    _freeze(edition_project)
    assert run_build(edition_project).returncode == 0
    validator = _validator()
    for path in [edition_project / "site/claims.json", *(edition_project / "content/editions").glob("*.json")]:
        assert _errors(validator, json.loads(path.read_text(encoding="utf-8"))) == [], path.name
    claims = json.loads((edition_project / "site/claims.json").read_text(encoding="utf-8"))
    report = claims["figures"][0]["reports"][0]
    assert report["speaker"] == {"name": "Alpha Person", "role": "Leader of Alphaland"} and report["via"] == "Reuters"
    assert report["passage"].startswith("articles/one.html#q-")
    assert [a["published"] for a in claims["articles"]] == ["2022-01-06", "2022-01-07T14:30:00+02:00", "2022-01-07"]


def test_the_schema_rejects_what_the_format_does_not_allow(edition_project: Path):
    validator = _validator()
    document = json.loads((edition_project / "content/editions/2022-01-06.json").read_text(encoding="utf-8"))
    assert _errors(validator, document) == []
    for change, expected in [
        (lambda d: d.update(version=2), "version: 1 was expected"),
        (lambda d: d["judgments"][0].update(likelihood="probable"), "judgments/0/likelihood: 'probable' is not one of"),
        (lambda d: d["judgments"][0]["evidence"][0].update(page=1), "Unevaluated properties are not allowed"),
        (lambda d: d["figures"][0]["reports"][0].pop("counts_as"), "'counts_as' is a required property"),
    ]:
        broken = json.loads(json.dumps(document))
        change(broken)
        assert any(expected in error for error in _errors(validator, broken)), (expected, _errors(validator, broken))


def test_the_schema_knows_the_models_words():
    from briefing import model
    defs = json.loads((REPO / "schema/claims-1.schema.json").read_text(encoding="utf-8"))["$defs"]
    assert defs["likelihood"]["enum"] == list(model.LIKELIHOODS)
    assert defs["confidence"]["enum"] == list(model.CONFIDENCES)
    assert defs["kind"]["enum"] == [*model.KINDS_OF_ARTICLE, None]
    assert defs["basis"]["enum"] == list(model.BASES)
    assert defs["figure"]["properties"]["reports"]["items"]["properties"]["qualifier"]["enum"] == [*model.QUALIFIERS, None]
    assert json.loads((REPO / "schema/claims-1.schema.json").read_text())["$id"] == "urn:briefing:schema:claims-1"


def test_an_edition_is_written_deterministically_and_reads_back_whole(edition_project: Path):
    text = (edition_project / "content/editions/2022-01-06.json").read_text(encoding="utf-8")
    edition = loads(text, "content/editions/2022-01-06.json")
    assert dumps(edition) == text
    assert list(json.loads(text)) == sorted(json.loads(text))  # sorted keys: editions diff well in git
    _as_of(edition_project, "2022-01-06")
    assert run_build(edition_project, "edition").stdout == \
        "content/editions/2022-01-06.json is already the briefing as it stands: nothing to write\n"


# -- `python build.py edition` --------------------------------------------------------------------

def _script(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`python build.py ARGS` with no terminal on stdin, as in a script or CI."""
    return subprocess.run([sys.executable, str(REPO / "build.py"), *args], cwd=project, capture_output=True,
                          text=True, timeout=120, stdin=subprocess.DEVNULL)


def test_edition_writes_the_snapshot_and_without_a_terminal_refuses_to_overwrite(edition_project: Path):
    path = edition_project / "content/editions/2022-01-07.json"
    first = _script(edition_project, "edition")
    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith("wrote content/editions/2022-01-07.json: the briefing as of 7 January 2022 "
                                   "(2 key judgments, 1 figure, 1 question, 3 events, 2 articles)")
    assert "0 changes since 6 January 2022" in first.stdout
    written = path.read_bytes()
    _edit(edition_project / BRIEFING, "likelihood: unlikely", "likelihood: likely\n    changed: Beta spoke.")
    refused = _script(edition_project, "edition")
    assert (refused.returncode, refused.stderr) == (1, "edition: content/editions/2022-01-07.json exists: add --force "
                                                       "to replace it\n")
    assert path.read_bytes() == written
    forced = _script(edition_project, "edition", "--force")
    assert forced.returncode == 0 and "  Key judgment 2 moved from unlikely to likely: Beta spoke." in forced.stdout
    assert json.loads(path.read_text(encoding="utf-8"))["judgments"][1]["likelihood"] == "likely"


@pytest.mark.parametrize("answer, replaced", [("y\n", True), ("\n", False)])
def test_edition_asks_before_replacing_at_a_terminal(edition_project: Path, answer: str, replaced: bool):
    path = edition_project / "content/editions/2022-01-06.json"
    _as_of(edition_project, "2022-01-06")
    _edit(edition_project / BRIEFING, "likelihood: unlikely", "likelihood: likely")
    written = path.read_bytes()
    terminal, editor = pty.openpty()
    done = subprocess.Popen([sys.executable, str(REPO / "build.py"), "edition"], cwd=edition_project, stdin=editor,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    os.close(editor)
    os.write(terminal, answer.encode())
    out, err = done.communicate(timeout=60)
    os.close(terminal)
    assert out.startswith("content/editions/2022-01-06.json exists: replace? [y/N] ")
    assert (done.returncode == 0) is replaced and (path.read_bytes() != written) is replaced
    if not replaced:
        assert err == "edition: content/editions/2022-01-06.json left as it was\n"


def test_edition_needs_a_date_and_ids(tmp_path: Path):
    files = dict(MINIMAL)
    files["briefing.yaml"] = re.sub(r"\n *as_of: \S+", "", MINIMAL["briefing.yaml"])
    write_tree(tmp_path / "content", files)
    result = run_build(tmp_path, "edition")
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == ("content/briefing.yaml:1: an edition is dated by `as_of:`: set it to "
                                             "the day the briefing is published")
    write_tree(tmp_path / "content", MINIMAL)
    result = run_build(tmp_path, "edition")
    assert result.stderr.splitlines() == [
        "content/briefing.yaml:6: key judgment 1 has no id: give each key judgment an id: editions compare judgments by it",
        "edition: the content has 1 problem; nothing written"]
    assert not (tmp_path / "content/editions").exists()


def test_once_an_edition_exists_every_key_judgment_needs_an_id(edition_project: Path):
    _edit(edition_project / BRIEFING, "  - id: beta-quiet\n    text:", "  - text:")
    result = run_build(edition_project)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == ("content/briefing.yaml:12: key judgment 2 has no id: give each key "
                                             "judgment an id: editions compare judgments by it")


@pytest.mark.parametrize("name, change, expected", [
    ("2022-01-06.json", lambda t: t.replace('"title": "Test briefing",', '"title": "Test briefing",,'),
     r"content/editions/2022-01-06.json:\d+: not valid JSON: Expecting property name enclosed in double quotes"),
    ("2022-01-06.json", lambda t: t.replace('"likelihood": "likely"', '"likelihood": "probable"', 1),
     r"content/editions/2022-01-06.json:\d+: 'likelihood' must be one of: almost no chance, .*; not 'probable'"),
    ("2022-01-06.json", lambda t: t.replace('"version": 1', '"version": 2'),
     r"content/editions/2022-01-06.json:1: is claims version 2, and this build reads version 1: update briefing to read it"),
    ("2022-01-05.json", lambda t: t,
     r"content/editions/2022-01-05.json:1: its as_of is 2022-01-06, but the file is named for 2022-01-05: "
     r"rename it, or freeze it again"),
    ("latest.json", lambda t: t, r"content/editions/latest.json: an edition's file is named by its date, like 2022-01-07.json"),
])
def test_a_bad_edition_file_is_one_line(edition_project: Path, name: str, change, expected: str):
    folder = edition_project / "content/editions"
    text = (folder / "2022-01-06.json").read_text(encoding="utf-8")
    if name != "2022-01-06.json":
        (folder / "2022-01-06.json").unlink()
    (folder / name).write_text(change(text), encoding="utf-8")
    result = run_build(edition_project)
    assert result.returncode == 1
    *problems, ending = result.stderr.splitlines()
    assert len(problems) == 1 and re.fullmatch(expected, problems[0]), problems
    assert ending == "build failed: 1 problem; site/ left as it was"


def test_the_line_of_a_bad_value_is_the_line_of_its_entry(edition_project: Path):
    path = edition_project / "content/editions/2022-01-06.json"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"confidence": "low"', '"confidence": "lowish"', 1), encoding="utf-8")
    [problem, _] = run_build(edition_project).stderr.splitlines()
    line = int(problem.split(":")[1])
    entry = path.read_text(encoding="utf-8").splitlines()[line - 1:]
    assert entry[0].strip() == "{" and '"confidence": "lowish"' in "\n".join(entry[:60])
