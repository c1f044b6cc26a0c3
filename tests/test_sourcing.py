"""Independent sources, the editor's audit (`build.py check`), and links to the passage at the source."""

from __future__ import annotations

from pathlib import Path

from conftest import MINIMAL, run_build, write_tree

from briefing import labels
from briefing.build import check
from briefing.resolve.sourcing import text_fragment_url
from briefing.resolve.views import IndependentSource


def _site(project: Path):
    return check(project)


def test_sources_are_counted_by_kind(small_project: Path):
    [count] = _site(small_project).figures
    assert count.sources == (IndependentSource("Daily One", "news"), IndependentSource("Weekly Two", "analysis"))
    assert labels.sources(count.sources) == "2 independent sources: 1 news, 1 analysis"
    assert run_build(small_project).returncode == 0
    assert "2 independent sources: 1 news, 1 analysis" in (small_project / "site/figures.html").read_text()


def test_a_rewrite_and_its_original_count_as_one_source(small_project: Path):
    two = small_project / "content/articles/two.md"
    two.write_text(two.read_text().replace("kind: analysis", "kind: analysis\nsyndicates: one"))
    [count] = _site(small_project).figures
    assert [r.citation.article.slug for r in count.reports] == ["one", "two"]  # both are cited ...
    assert count.sources == (IndependentSource("Daily One", "news"),)  # ... and count once, as the original


def test_reporting_quoted_by_two_articles_counts_once_as_its_outlet(small_project: Path):
    figures = small_project / "content/figures.yaml"
    figures.write_text(figures.read_text().replace('quote: "as many as 3,000 troops"',
                                                   'quote: "as many as 3,000 troops"\n      via: Reuters')
                       .replace('quote: "an initial 2,500 soldiers"', 'quote: "an initial 2,500 soldiers"\n      via: reuters'))
    [count] = _site(small_project).figures
    assert count.sources == (IndependentSource("Reuters", "news"),)


def test_two_articles_of_one_outlet_are_one_source(small_project: Path):
    two = small_project / "content/articles/two.md"
    two.write_text(two.read_text().replace("outlet: Weekly Two", "outlet: daily one"))
    [count] = _site(small_project).figures
    assert [source.name for source in count.sources] == ["Daily One"]


def _with_syndicated_copy(root: Path) -> None:
    files = dict(MINIMAL)
    files["articles/two.md"] = files["articles/two.md"].replace("kind: analysis", "kind: analysis\n        syndicates: one")
    write_tree(root / "content", files)
    import shutil
    shutil.copytree(Path(__file__).resolve().parent.parent / "templates", root / "templates")


def test_check_lists_weak_spots_as_file_line_and_strict_fails(tmp_path: Path):
    _with_syndicated_copy(tmp_path)
    figures = tmp_path / "content/figures.yaml"
    figures.write_text(figures.read_text().replace("qualifier: as many as", "qualifier: more than"))
    result = run_build(tmp_path, "check")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert "content/briefing.yaml:6: key judgment 1 rests on a single source (Daily One)" in lines
    assert any(line.startswith("content/figures.yaml:") and "quotes 'two', a copy of 'one': cite the original" in line
               for line in lines)
    assert ("content/figures.yaml:1: figure 'count': its reports cannot all be true and nothing says why: "
            "add `reconciled:` (different dates? different things counted?) or fix a value") in lines
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
        lists[page] = re.findall(r'<p class="sources" data-pagefind-ignore>(\d+) independent sources?: ([^:<]*): ([^<]*)</p>', html)
        assert lists[page], page
    for found in lists.values():
        for count, kinds, names in found:  # "3 independent sources: 2 news, 1 opinion: A, B, C"
            assert int(count) == len(names.split(", ")) == sum(int(k.split()[0]) for k in kinds.split(", "))
    # The Axios piece and its TBEN rewrite are one source wherever sources are listed: the
    # force-size figure cites both, and lists Axios alone.
    assert all("TBEN" not in names for found in lists.values() for _, _, names in found)
    force = re.search(r'id="csto-force-size".*?<p class="sources" data-pagefind-ignore>(\d+) independent sources: [^:]*: ([^<]*)',
                      (default_site / "figures.html").read_text(encoding="utf-8"), re.S)
    assert force.group(2).split(", ").count("Axios") == 1
