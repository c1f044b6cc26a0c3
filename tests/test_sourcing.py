"""Independent sources, the editor's audit (`build.py check`), and links to the passage at the source."""

from __future__ import annotations

from pathlib import Path

from conftest import MINIMAL, run_build, write_tree

from briefing.build import check
from briefing.resolve.sourcing import text_fragment_url


def _site(project: Path):
    return check(project)


def test_a_rewrite_and_its_original_count_as_one_source(project: Path):
    site = _site(project)
    [force] = [f for f in site.figures if f.figure.id == "csto-force-size"]
    outlets = {r.citation.article.outlet for r in force.reports}
    assert {"Axios", "TBEN"} <= outlets  # both the original and its rewrite are cited ...
    assert "TBEN" not in force.sources and "Axios" in force.sources  # ... and count once, as Axios
    assert len(force.sources) == len({r.citation.source for r in force.reports})


def test_a_blog_quoting_a_named_outlet_counts_as_that_outlet(project: Path):
    site = _site(project)
    [deaths] = [f for f in site.figures if f.figure.id == "security-force-deaths"]
    assert set(deaths.sources) == {"Reuters", "The Daily Beast", "The Moscow Times"}


def test_two_articles_of_one_outlet_are_one_source(small_project: Path):
    two = small_project / "content/articles/two.md"
    two.write_text(two.read_text().replace("outlet: Weekly Two", "outlet: daily one"))
    site = _site(small_project)
    [count] = site.figures
    assert count.sources == ("Daily One",)


def _with_syndicated_copy(root: Path) -> None:
    files = dict(MINIMAL)
    files["articles/two.md"] = files["articles/two.md"].replace("kind: analysis", "kind: analysis\n        syndicates: one")
    write_tree(root / "content", files)
    import shutil
    shutil.copytree(Path(__file__).resolve().parent.parent / "templates", root / "templates")


def test_check_lists_weak_spots_as_file_line_and_strict_fails(tmp_path: Path):
    _with_syndicated_copy(tmp_path)
    result = run_build(tmp_path, "check")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert "content/briefing.yaml:6: key judgment 1 rests on a single source (Daily One)" in lines
    assert any(line.startswith("content/figures.yaml:") and "quotes 'two', a copy of 'one': cite the original" in line
               for line in lines)
    assert "content/figures.yaml:1: figure 'count': its reports disagree but no note says why (different dates? different things counted?)" in lines
    assert run_build(tmp_path, "check", "--strict").returncode == 1


def test_accepted_weak_spots_leave_the_findings(small_project: Path):
    briefing = small_project / "content/briefing.yaml"
    briefing.write_text(briefing.read_text().replace("confidence: moderate", "confidence: moderate\n    accept: only one outlet was there"))
    result = run_build(small_project, "check", "--accepted")
    assert "content/briefing.yaml:6: key judgment 1 rests on a single source (Daily One) [accepted: only one outlet was there]" in result.stdout.splitlines()
    plain = run_build(small_project, "check")
    assert "key judgment 1" not in plain.stdout


def test_the_default_briefing_has_no_unexamined_weak_spots(project: Path):
    result = run_build(project, "check", "--strict")
    assert result.returncode == 0, result.stdout
    assert "0 weak spots" in result.stderr


def test_text_fragment_links_escape_the_directive_syntax():
    assert text_fragment_url("https://a.example/x#top", "one-two, three & four") == \
        "https://a.example/x#:~:text=one%2Dtwo%2C%20three%20%26%20four"
    long = " ".join(f"w{i}" for i in range(20))
    assert text_fragment_url("https://a.example/x", long) == "https://a.example/x#:~:text=w0%20w1%20w2%20w3%20w4,w15%20w16%20w17%20w18%20w19"


def test_quotes_of_an_article_with_a_url_link_to_the_passage_at_the_source(small_project: Path):
    assert run_build(small_project, "--no-search").returncode == 0
    figures = (small_project / "site/figures.html").read_text(encoding="utf-8")
    assert 'href="https://example.com/one#:~:text=as%20many%20as%203%2C000%20troops"' in figures
    assert "check it at the source" in figures
    # the other article has no url: no such link for its quote
    assert figures.count("#:~:text=") == 1


def test_every_kind_of_claim_shows_its_independent_sources(default_site: Path):
    import re

    lists = {}
    for page in ("index.html", "figures.html", "questions/two-fronts.html", "timeline.html"):
        html = (default_site / page).read_text(encoding="utf-8")
        lists[page] = re.findall(r'<p class="sources"><strong>(\d+) independent sources?</strong>: ([^<]*)</p>', html)
        assert lists[page], page
    # The Axios piece and its TBEN rewrite are one source wherever sources are listed: the
    # force-size figure cites both, and lists Axios alone.
    assert all("TBEN" not in names for found in lists.values() for _, names in found)
    force = re.search(r'id="csto-force-size".*?<p class="sources"><strong>(\d+) independent sources</strong>: ([^<]*)',
                      (default_site / "figures.html").read_text(encoding="utf-8"), re.S)
    assert force.group(2).split(", ").count("Axios") == 1 and int(force.group(1)) == len(force.group(2).split(", "))
