"""Shared fixtures: scratch briefing projects written into tmp_path, and a way to run the real CLI."""

from __future__ import annotations

import contextlib
import io
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from briefing.cli import main

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))  # browser_support


def run_script(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`python build.py ARGS` as a user runs it, in the project folder, in a process of its own."""
    return subprocess.run([sys.executable, str(REPO / "build.py"), *args], cwd=project,
                          capture_output=True, text=True, timeout=120)


def run_build(project: Path, *args: str, search: bool = False) -> subprocess.CompletedProcess[str]:
    """The command line `python build.py ARGS` in the project folder, run in this process: the
    same code as run_script, its output and exit status, without half a second of start-up.
    A build skips the search index (`--no-search`) unless `search`: few tests read it."""
    argv = list(args)
    if not search and not (argv and argv[0] in ("import", "check", "edition")) and "--no-search" not in argv:
        argv.append("--no-search")
    out, err = io.StringIO(), io.StringIO()
    with contextlib.chdir(project), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    return subprocess.CompletedProcess(argv, code, out.getvalue(), err.getvalue())


def site_digest(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.fixture(scope="session")
def default_site(tmp_path_factory) -> Path:
    """The default briefing, built once (search index included) for every test that only reads it."""
    project = tmp_path_factory.mktemp("default") / "project"
    shutil.copytree(REPO / "content", project / "content")
    shutil.copytree(REPO / "templates", project / "templates")
    result = run_script(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the default briefing (content/ and templates/) to build and break."""
    target = tmp_path / "project"
    target.mkdir()
    shutil.copytree(REPO / "content", target / "content")
    shutil.copytree(REPO / "templates", target / "templates")
    return target


MINIMAL = {
    "briefing.yaml": """
        title: Test briefing
        subtitle: A small one
        as_of: 2022-01-08
        bottom_line: The [[alpha]] matter is settled; see [[figure:count]].
        key_judgments:
          - text: Alpha will hold.
            likelihood: likely
            confidence: moderate
            evidence:
              - {article: one, quote: "Alpha said the talks were over"}
        """,
    "actors.yaml": """
        - id: alpha
          name: Alpha Person
          kind: person
          role: Leader of Alphaland
          aliases: [Alpha]
          summary: Leads [[beta]].
          related:
            - leads: beta
        - id: beta
          name: Beta Group
          kind: organization
        """,
    "figures.yaml": """
        - id: count
          label: Number of troops
          unit: troops
          reports:
            - value: 3000
              qualifier: as many as
              article: one
              quote: "as many as 3,000 troops"
            - value: 2500
              article: two
              quote: "an initial 2,500 soldiers"
        """,
    "questions.yaml": """
        - id: hold
          question: Will Alpha hold?
          summary: Perhaps.
          actors: [alpha]
          evidence:
            - {article: one, quote: "Alpha said the talks were over", leans: yes}
            - {article: two, quote: "an initial 2,500 soldiers", leans: no}
          watch:
            - Whether [[beta]] moves.
        """,
    "timeline.yaml": """
        - id: landing
          date: 2022-01-06
          event: Troops land.
          actors: [alpha]
          source: {article: one, quote: "as many as 3,000 troops"}
        - id: old
          date: 2014
          event: Something older.
        - id: mid
          date: 2014-03
          event: Something in March.
        """,
    "articles/one.md": """
        ---
        title: First report
        outlet: Daily One
        author: A. Writer
        published: 2022-01-06
        url: https://example.com/one
        kind: news
        ---
        Alpha said the talks were over, and as many as 3,000 troops arrived.

        Beta Group did not comment.
        """,
    "articles/two.md": """
        ---
        title: Second report
        outlet: Weekly Two
        published: 2022-01-07
        kind: analysis
        ---
        An initial 2,500 soldiers came, according to *Alpha*.
        """,
}


def write_tree(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")


@pytest.fixture
def small_project(tmp_path: Path) -> Path:
    """A tiny, valid briefing with every kind of entry, built on the real templates."""
    target = tmp_path / "small"
    write_tree(target / "content", MINIMAL)
    shutil.copytree(REPO / "templates", target / "templates")
    return target


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests that drive Chromium are marked `browser`: `pytest -m "not browser"` runs the rest."""
    for item in items:
        if {"browser", "page"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.browser)
