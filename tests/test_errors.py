"""Bad input: one line per problem as file:line: message (did you mean ...?), exit 1, site/ untouched."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import run_build, site_digest


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(needle)


def _fails_with(project: Path, *expected: str) -> list[str]:
    result = run_build(project)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    for line in expected:
        assert line in lines, f"{line!r} not in:\n{result.stderr}"
    return lines


def test_unknown_key_names_file_line_and_the_key_meant(small_project: Path):
    actors = small_project / "content/actors.yaml"
    _edit(actors, "  role: Leader", "  rol: Leader")
    _fails_with(small_project, f"content/actors.yaml:{_line_of(actors, 'rol:')}: unknown key 'rol' in an actor (did you mean role?)")


def test_bad_choice_suggests_the_nearest_allowed_word(small_project: Path):
    briefing = small_project / "content/briefing.yaml"
    _edit(briefing, "likelihood: likely", "likelihood: likley")
    line = _line_of(briefing, "likley")
    _fails_with(small_project, f"content/briefing.yaml:{line}: 'likelihood' must be one of: almost no chance, "
                "very unlikely, unlikely, roughly even chance, likely, very likely, almost certain; "
                "not 'likley' (did you mean likely?)")


def test_unknown_reference_suggests_the_closest_id(small_project: Path):
    questions = small_project / "content/questions.yaml"
    _edit(questions, "actors: [alpha]", "actors: [alpah]")
    _edit(questions, "Whether [[beta]] moves.", "Whether [[btea]] moves.")
    _edit(questions, "{article: two,", "{article: tow,")
    line_actor, line_ref, line_article = (_line_of(questions, n) for n in ("alpah", "btea", "tow,"))
    _fails_with(small_project,
                f"content/questions.yaml:{line_actor}: unknown actor 'alpah' (did you mean alpha?)",
                f"content/questions.yaml:{line_ref}: unknown actor 'btea' (did you mean beta?)",
                f"content/questions.yaml:{line_article}: unknown article 'tow' (did you mean two?)")


def test_unknown_reference_in_an_article_body_names_its_line(small_project: Path):
    article = small_project / "content/articles/two.md"
    _edit(article, "according to *Alpha*.", "according to *Alpha*.\n\nSee [[figure:cuont]].")
    _fails_with(small_project, f"content/articles/two.md:{_line_of(article, 'cuont')}: unknown figure 'cuont' (did you mean count?)")


def test_quote_not_found_shows_the_closest_passage(small_project: Path):
    figures = small_project / "content/figures.yaml"
    _edit(figures, 'quote: "as many as 3,000 troops"', 'quote: "as many as 3,500 troops"')
    lines = _fails_with(small_project)
    line = _line_of(figures, "3,500")
    [problem] = [x for x in lines if x.startswith(f"content/figures.yaml:{line}:")]
    assert "quote not found in article 'one'" in problem
    assert '(did you mean "Alpha said the talks were over, and as many as 3,000 troops arrived."?)' in problem


def test_quotes_match_across_emphasis_line_breaks_curly_quotes_and_dashes(small_project: Path):
    article = small_project / "content/articles/one.md"
    _edit(article, "Beta Group did not comment.",
          "Beta Group said it was *“not involved”* — and\nthat was\nall.")
    figures = small_project / "content/figures.yaml"
    _edit(figures, 'quote: "an initial 2,500 soldiers"\n',
          'quote: "an initial 2,500 soldiers"\n'
          '    - value: 1\n      article: one\n'
          '      quote: "said it was \\"not involved\\" - and that was all"\n')
    result = run_build(small_project)
    assert result.returncode == 0, result.stderr
    html = (small_project / "site/articles/one.html").read_text(encoding="utf-8")
    assert '<mark class="quote" id="q-said-it-was-not-involved-and">said it was <em>“not involved”</em> — and\nthat was\nall</mark>' in html


def test_every_problem_is_reported_in_one_run(small_project: Path):
    _edit(small_project / "content/actors.yaml", "kind: person", "kind: persn")
    _edit(small_project / "content/timeline.yaml", "date: 2014-03", "date: March 2014")
    _edit(small_project / "content/articles/two.md", "kind: analysis", "kind: analysis\nauthr: X")
    lines = _fails_with(small_project)
    assert len([line for line in lines if line.startswith("content/")]) == 3
    assert lines[-1] == "build failed: 3 problems; site/ left as it was"


def test_failed_build_leaves_the_last_good_site_byte_for_byte(small_project: Path):
    assert run_build(small_project).returncode == 0
    before = site_digest(small_project / "site")
    with (small_project / "content/actors.yaml").open("a") as f:
        f.write("\n- id: [unclosed\n")
    lines = _fails_with(small_project)
    assert lines[0].startswith("content/actors.yaml:")
    assert site_digest(small_project / "site") == before
    assert not [p for p in small_project.iterdir() if p.name.startswith(".site")]


def test_warnings_do_not_fail_but_strict_does(small_project: Path):
    _edit(small_project / "content/articles/two.md", "outlet: Weekly Two\n", "")
    result = run_build(small_project)
    assert result.returncode == 0
    assert "warning: content/articles/two.md:2: no 'outlet'" in result.stderr
    strict = run_build(small_project, "--strict")
    assert strict.returncode == 1
    assert "content/articles/two.md:2: no 'outlet': readers cannot weigh or date the source" in strict.stderr


@pytest.mark.parametrize("bad_url", ["javascript:alert(1)", "data:text/html,hi", "ftp://example.com/x"])
def test_url_fields_must_be_http(small_project: Path, bad_url: str):
    article = small_project / "content/articles/one.md"
    _edit(article, "url: https://example.com/one", f"url: {bad_url}")
    _fails_with(small_project, f"content/articles/one.md:{_line_of(article, 'url:')}: 'url' must be an http:// or https:// address, not '{bad_url}'")


def test_alias_bomb_is_refused_quickly(small_project: Path):
    bomb = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for n, name in enumerate("bcdefghi"):
        prev = "abcdefghi"[n]
        bomb.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 10) + "]")
    (small_project / "content/timeline.yaml").write_text("\n".join(bomb) + "\n", encoding="utf-8")
    lines = _fails_with(small_project)
    assert any("content/timeline.yaml:" in x and "alias bomb" in x for x in lines)


def test_symlink_out_of_content_is_refused(small_project: Path, tmp_path: Path):
    secret = tmp_path / "secret.md"
    secret.write_text("---\ntitle: secret\n---\nsecret text\n", encoding="utf-8")
    os.symlink(secret, small_project / "content/articles/leak.md")
    lines = _fails_with(small_project)
    assert any(x.startswith("content/articles/leak.md: is a link to") and "outside content/" in x for x in lines)


def test_bom_crlf_and_cp1252_are_read(small_project: Path):
    one = small_project / "content/articles/one.md"
    text = one.read_text(encoding="utf-8").replace("Beta Group did not comment.", "Beta Group’s café did not comment.")
    one.write_bytes(text.replace("\n", "\r\n").encode("cp1252"))
    two = small_project / "content/articles/two.md"
    two.write_bytes(b"\xef\xbb\xbf" + two.read_bytes().replace(b"\n", b"\r\n"))
    result = run_build(small_project)
    assert result.returncode == 0, result.stderr
    assert "content/articles/one.md: not UTF-8; read as cp1252" in result.stderr
    assert "Group</a>’s café did not comment." in (small_project / "site/articles/one.html").read_text(encoding="utf-8")
    assert "Second report" in (small_project / "site/articles/two.html").read_text(encoding="utf-8")


def test_undecodable_and_binary_files_get_one_clear_line(small_project: Path):
    (small_project / "content/articles/one.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    lines = _fails_with(small_project)
    assert any(x.startswith("content/articles/one.md: this is a binary file") for x in lines)


def test_missing_content_folder_is_one_line(tmp_path: Path):
    result = run_build(tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "no content/ folder here" in result.stderr


def test_impossible_dates_and_infinite_values_are_one_line_each(small_project: Path):
    _edit(small_project / "content/timeline.yaml", "date: 2022-01-06", "date: 2022-02-30")
    _edit(small_project / "content/figures.yaml", "value: 2500", "value: .inf")
    lines = _fails_with(small_project)
    assert any(x.startswith("content/timeline.yaml:2: '2022-02-30' is not a real date") for x in lines)
    assert any(x.startswith("content/figures.yaml:") and "'value' should be a number, not 'inf'" in x for x in lines)


def test_an_empty_briefing_yaml_says_what_it_lacks(small_project: Path):
    (small_project / "content/briefing.yaml").write_text("# nothing yet\n", encoding="utf-8")
    _fails_with(small_project, "content/briefing.yaml:1: the briefing has no 'title'",
                "content/briefing.yaml:1: the briefing has no 'bottom_line'")


def test_a_circle_of_syndication_is_an_error_at_its_line(small_project: Path):
    _edit(small_project / "content/articles/one.md", "kind: news", "kind: news\nsyndicates: two")
    _edit(small_project / "content/articles/two.md", "kind: analysis", "kind: analysis\nsyndicates: one")
    lines = _fails_with(small_project)
    assert "content/articles/one.md:8: 'syndicates:' goes round in a circle (one -> two -> one): one of them must be the original" in lines


def test_a_template_that_fails_names_the_template(small_project: Path):
    template = small_project / "templates/timeline.html"
    _edit(template, "{% for e in site.events %}", "{% for e in site.events %}{{ e.event.date.iso|int + none }}")
    lines = _fails_with(small_project)
    assert lines[0].startswith("templates/timeline.html:") and "template error: TypeError" in lines[0]
