"""Hostile input, as a stranger's pull request brings it: every problem is one line, exit 1, no
traceback, and site/ byte for byte as it was; nothing outside the briefing is published; a killed,
failed or concurrent build never takes the site away."""

from __future__ import annotations

import contextlib
import fcntl
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import REPO, run_build, site_digest

ROOT = os.geteuid() == 0
needs_root = pytest.mark.skipif(not ROOT, reason="mounting a file system needs root (CI runs as root)")


def _fails_with(project: Path, *expected: str, args: tuple[str, ...] = ("--no-search",)) -> list[str]:
    """The build fails with exactly these lines (and the summary), and site/ is as it was."""
    before = site_digest(project / "site")
    result = run_build(project, *args)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    count = len(expected)
    assert lines == [*expected, f"build failed: {count} problem{'s' * (count != 1)}; site/ left as it was"], \
        result.stderr
    assert site_digest(project / "site") == before
    assert _leftovers(project) == []
    return lines


def _leftovers(project: Path) -> list[str]:
    return sorted(p.name for p in project.iterdir() if p.name.startswith(".site"))


def _built(project: Path) -> None:
    """A good build, in this process (faster): the failing ones are run as a user runs them."""
    from briefing.build import build

    build(project, search=False)


@contextlib.contextmanager
def _mounted(*command: str):
    subprocess.run(["mount", *command], check=True, capture_output=True)
    try:
        yield
    finally:
        subprocess.run(["umount", command[-1]], check=True, capture_output=True)


# -- templates/: nothing outside the project is published --------------------------------------

@pytest.mark.parametrize("target", ["/etc/passwd", "/proc/self/environ"])
def test_a_static_link_to_a_file_outside_the_project_is_refused(small_project: Path, target: str):
    _built(small_project)
    os.symlink(target, small_project / "templates/static/leak.txt")
    _fails_with(small_project, f"templates/static/leak.txt: is a link to {target}, outside templates/: "
                               "copy the file into the project instead")


def test_a_static_link_to_the_checkouts_git_config_is_refused(small_project: Path):
    """Inside the project folder, but not inside templates/: where CI keeps its token header."""
    _built(small_project)
    (small_project / ".git").mkdir()
    (small_project / ".git/config").write_text('[http]\n\textraheader = AUTHORIZATION: basic c2VjcmV0\n')
    os.symlink("../../.git/config", small_project / "templates/static/config.css")
    _fails_with(small_project, "templates/static/config.css: is a link to ../../.git/config, outside templates/: "
                               "copy the file into the project instead")


def test_a_template_linked_to_a_file_outside_templates_is_refused(small_project: Path):
    """A template can include another: a link to /etc/passwd there would publish it too."""
    _built(small_project)
    os.symlink("/etc/passwd", small_project / "templates/passwd.html")
    _fails_with(small_project, "templates/passwd.html: is a link to /etc/passwd, outside templates/: "
                               "copy the file into the project instead")


def test_static_link_loops_and_dangling_links_are_one_line_each(small_project: Path):
    _built(small_project)
    static = small_project / "templates/static"
    os.symlink("loop", static / "loop")
    os.symlink("missing.css", static / "gone.css")
    (static / "fonts").mkdir()
    os.symlink("..", static / "fonts/up")
    _fails_with(small_project,
                "templates/static/fonts/up: is a link to a folder that contains it: a loop; remove the link",
                "templates/static/gone.css: is a link to missing.css, which does not exist",
                "templates/static/loop: is a link that leads round in a circle (a link loop)")


def test_a_static_link_that_stays_inside_templates_is_copied_as_a_file(small_project: Path):
    static = small_project / "templates/static"
    os.symlink("style.css", static / "print.css")
    (small_project / "templates/shared").mkdir()
    (small_project / "templates/shared/logo.svg").write_text("<svg/>")
    os.symlink("../shared", static / "shared")
    _built(small_project)
    copied = small_project / "site/static/print.css"
    assert not copied.is_symlink() and copied.read_bytes() == (static / "style.css").read_bytes()
    assert (small_project / "site/static/shared/logo.svg").read_text() == "<svg/>"


# -- where site/ lives -------------------------------------------------------------------------

@needs_root
def test_site_as_a_mount_point_is_one_line(small_project: Path):
    _built(small_project)
    site = str(small_project / "site")
    with _mounted("--bind", site, site):
        _fails_with(small_project, "site: is a mount point: the build replaces site/ whole, which cannot be done "
                                   "to a mount point; mount the folder above it instead")


@needs_root
def test_a_read_only_site_is_one_line(small_project: Path):
    _built(small_project)
    site = str(small_project / "site")
    with _mounted("--bind", site, site):
        subprocess.run(["mount", "-o", "remount,ro,bind", site], check=True)
        _fails_with(small_project, "site: is a mount point: the build replaces site/ whole, which cannot be done "
                                   "to a mount point; mount the folder above it instead")


@needs_root
def test_a_read_only_project_folder_is_one_line(small_project: Path):
    _built(small_project)
    folder = str(small_project)
    with _mounted("--bind", folder, folder):
        subprocess.run(["mount", "-o", "remount,ro,bind", folder], check=True)
        _fails_with(small_project, f"site: cannot write beside it in {small_project}: Read-only file system")


@pytest.fixture
def small_disk(tmp_path: Path, small_project: Path):
    """The small project on a file system of its own, to fill up."""
    if not ROOT:
        pytest.skip("mounting a file system needs root (CI runs as root)")
    disk = tmp_path / "disk"
    disk.mkdir()

    def make(size_kib: int) -> Path:
        subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size_kib}k", "tmpfs", str(disk)], check=True)
        project = disk / "project"
        subprocess.run(["cp", "-r", str(small_project), str(project)], check=True)
        return project

    yield make
    subprocess.run(["umount", str(disk)], check=False)


def test_a_full_disk_while_writing_pages_is_one_line(small_disk):
    project = small_disk(600)
    _built(project)
    free = os.statvfs(project).f_bfree * os.statvfs(project).f_frsize
    (project.parent / "filler").write_bytes(b"x" * (free - 40 * 1024))
    before = site_digest(project / "site")
    result = run_build(project, "--no-search")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    first, summary = result.stderr.strip().splitlines()
    assert first.startswith("site/") and first.endswith(": cannot be written: No space left on device"), first
    assert summary == "build failed: 1 problem; site/ left as it was"
    assert site_digest(project / "site") == before
    assert _leftovers(project) == []


def test_a_full_disk_while_pagefind_writes_the_index_fails_the_build(small_disk):
    """Pagefind exits 0 when its writes fail and leaves empty or cut-short files: the build looks."""
    project = small_disk(600)  # room for the pages twice over, not for the index
    _built(project)
    before = site_digest(project / "site")
    result = run_build(project, search=True)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    first, summary = result.stderr.strip().splitlines()
    assert first.startswith("site/pagefind") and ": search index not written whole: " in first, first
    assert summary == "build failed: 1 problem; site/ left as it was"
    assert site_digest(project / "site") == before
    assert _leftovers(project) == []


def test_empty_index_files_from_pagefind_fail_the_build(small_project: Path, monkeypatch):
    """The same without a full disk to hand: Pagefind, run as a program, writes empty files and exits 0."""
    from briefing.build import build
    from briefing.errors import BuildFailed

    build(small_project, search=False)
    before = site_digest(small_project / "site")

    pagefind_on_a_full_disk = small_project.parent / "pagefind"
    pagefind_on_a_full_disk.write_text(textwrap.dedent("""\
        #!/bin/sh
        while [ "$1" != --output-path ]; do shift; done
        mkdir "$2" && cd "$2" && touch pagefind-entry.json pagefind.js pagefind.en_0123456789.pf_meta
        """))
    pagefind_on_a_full_disk.chmod(0o755)
    monkeypatch.setattr("briefing.write.search.pagefind_binary", lambda: str(pagefind_on_a_full_disk))
    monkeypatch.chdir(small_project)
    with pytest.raises(BuildFailed) as failed:
        build(small_project, search=True)
    [problem] = failed.value.problems
    assert str(problem) == "site/pagefind/pagefind-entry.json: search index not written whole: " \
                           "the file is empty (is the disk full?)"
    assert site_digest(small_project / "site") == before
    assert _leftovers(small_project) == []


def test_an_index_file_cut_short_fails_the_check(small_project: Path):
    """A compressed index file that stops before its end (a write that failed part way) is found."""
    from briefing.build import build
    from briefing.errors import BuildFailed
    from briefing.write.search import check_search_index

    build(small_project, search=True)
    index = small_project / "site/pagefind"
    check_search_index(index)
    fragment = sorted((index / "fragment").iterdir())[0]
    fragment.write_bytes(fragment.read_bytes()[:-9])  # the gzip trailer and a byte of the stream
    with pytest.raises(BuildFailed) as failed:
        check_search_index(index)
    [problem] = failed.value.problems
    assert str(problem) == f"{fragment}: search index not written whole: the file is cut short (is the disk full?)"


def test_without_pagefind_installed_the_search_index_is_one_line(small_project: Path, monkeypatch):
    """The build runs Pagefind's own binary, found by pagefind[bin]: without it, one line saying so."""
    from briefing.build import build
    from briefing.errors import BuildFailed

    build(small_project, search=False)
    before = site_digest(small_project / "site")
    monkeypatch.setitem(sys.modules, "pagefind_bin", None)  # as if it were not installed
    monkeypatch.chdir(small_project)
    with pytest.raises(BuildFailed) as failed:
        build(small_project, search=True)
    [problem] = failed.value.problems
    assert str(problem) == "site: search index not built: Pagefind is not installed (pip install . installs it), " \
                           "or build with --no-search"
    assert site_digest(small_project / "site") == before
    assert _leftovers(small_project) == []


# -- a build killed at any instant -------------------------------------------------------------

KILLED_BUILD = textwrap.dedent("""
    import os, signal, sys
    from pathlib import Path
    from briefing.build import build

    project, when = Path(sys.argv[1]), sys.argv[2]
    rename = os.rename

    def rename_then_die(source, target, *args, **kwargs):
        # Die at the chosen instant of the swap: the OS call itself is all that is replaced.
        moving_site_aside = Path(source).name == "site"
        moving_new_site_in = Path(target).name == "site"
        if (when == "before-aside" and moving_site_aside) or (when == "between" and moving_new_site_in):
            os.kill(os.getpid(), signal.SIGKILL)
        rename(source, target, *args, **kwargs)
        if when == "after-swap" and moving_new_site_in:
            os.kill(os.getpid(), signal.SIGKILL)

    os.rename = rename_then_die
    build(project, search=False)
""")


@pytest.mark.parametrize("when", ["before-aside", "between", "after-swap"])
def test_a_build_killed_during_the_swap_never_loses_the_site(small_project: Path, when: str):
    _built(small_project)
    old = site_digest(small_project / "site")
    one = small_project / "content/articles/one.md"
    one.write_text(one.read_text().replace("title: First report", "title: First report, revised"))
    killed = subprocess.run([sys.executable, "-c", KILLED_BUILD, str(small_project), when], cwd=REPO,
                            capture_output=True, text=True, timeout=60)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    if when == "between":
        assert not (small_project / "site").exists()  # the instant the issue is about
    # The next build repairs the swap first, even one that fails on the content ...
    figures = small_project / "content/figures.yaml"
    good_figures = figures.read_text()
    figures.write_text("- id: [unclosed\n")
    result = run_build(small_project, "--no-search")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    site = site_digest(small_project / "site")
    if when == "after-swap":
        assert site != old and "First report, revised" in site["articles/one.html"].decode()
    else:
        assert site == old
    # ... and a good build then goes on as usual, and clears what the killed one left.
    figures.write_text(good_figures)
    _built(small_project)
    assert "First report, revised" in (small_project / "site/articles/one.html").read_text()
    assert _leftovers(small_project) == []


def test_a_build_killed_while_writing_leaves_nothing_behind(small_project: Path):
    _built(small_project)
    old = site_digest(small_project / "site")
    killer = textwrap.dedent("""
        import os, signal, sys, shutil
        from pathlib import Path
        from briefing.build import build
        copy = shutil.copy2
        def copy_then_die(*args, **kwargs):
            os.kill(os.getpid(), signal.SIGKILL)
        shutil.copy2 = copy_then_die
        build(Path(sys.argv[1]), search=False)
    """)
    killed = subprocess.run([sys.executable, "-c", killer, str(small_project)], cwd=REPO,
                            capture_output=True, text=True, timeout=60)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert site_digest(small_project / "site") == old
    _built(small_project)
    assert _leftovers(small_project) == []


# -- two builds at once ------------------------------------------------------------------------

def test_a_second_build_waits_for_the_first_and_says_so(small_project: Path):
    _built(small_project)
    old = site_digest(small_project / "site")
    one = small_project / "content/articles/one.md"
    one.write_text(one.read_text().replace("title: First report", "title: First report, revised"))
    with open(small_project / ".site.lock", "a+b") as lock:  # a first build, in the middle of writing
        fcntl.flock(lock, fcntl.LOCK_EX)
        lock.write(b"4242")
        lock.flush()
        second = subprocess.Popen([sys.executable, str(REPO / "build.py"), "--no-search"], cwd=small_project,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert second.stderr.readline() == "waiting for another build of site/ to finish (process 4242)...\n"
        assert second.poll() is None
        assert site_digest(small_project / "site") == old
    out, err = second.communicate(timeout=60)
    assert second.returncode == 0, err
    assert "First report, revised" in (small_project / "site/articles/one.html").read_text()
    assert _leftovers(small_project) == []


def test_two_real_builds_at_once_both_succeed_and_leave_one_whole_site(small_project: Path):
    builds = [subprocess.Popen([sys.executable, str(REPO / "build.py")], cwd=small_project,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    for build in builds:
        out, err = build.communicate(timeout=120)
        assert build.returncode == 0 and "Traceback" not in err, err
    site = small_project / "site"
    assert (site / "index.html").is_file() and (site / "pagefind/pagefind-entry.json").stat().st_size > 0
    assert _leftovers(small_project) == []


# -- content: one line for each problem, never a traceback -------------------------------------

def _line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(needle)


@pytest.mark.parametrize(("value", "why"), [
    ("1e400", "too large to plot: at most 1,000,000,000,000,000 either side of 0"),
    ('"1e400"', "too large to plot: at most 1,000,000,000,000,000 either side of 0"),
    ("1.7e308", "too large to plot: at most 1,000,000,000,000,000 either side of 0"),
    ("-1.7e308", "too large to plot: at most 1,000,000,000,000,000 either side of 0"),
    ("5e-324", "too small to plot: 0, or at least 0.0001"),
])
def test_figure_values_too_large_or_too_small_to_plot_are_one_line(small_project: Path, value: str, why: str):
    _built(small_project)
    figures = small_project / "content/figures.yaml"
    figures.write_text(figures.read_text().replace("value: 2500", f"value: {value}"))
    _fails_with(small_project, f"content/figures.yaml:{_line_of(figures, 'value: ' + value)}: "
                               f"'value' {value.strip(chr(34))} is {why}")


def test_figure_values_at_the_limits_are_plotted(small_project: Path):
    figures = small_project / "content/figures.yaml"
    figures.write_text(figures.read_text().replace("value: 2500", "value: 1e15").replace("value: 3000", "value: 0.0001"))
    _built(small_project)
    assert "1,000,000,000,000,000" in (small_project / "site/figures.html").read_text()


@pytest.mark.parametrize("depth", [sys.getrecursionlimit() + 10, 200_000])  # the second crashed LibYAML (C stack)
@pytest.mark.parametrize("shape", ["flow list", "flow mapping", "block", "front matter"])
def test_yaml_nested_deeper_than_python_can_recurse_is_one_line(small_project: Path, shape: str, depth: int):
    _built(small_project)
    if shape == "block":
        depth = min(depth, 3000)  # indentation grows with depth: a few thousand levels make the point
        text = "".join(" " * i + "-\n" for i in range(depth)) + " " * depth + "- x\n"
        (small_project / "content/timeline.yaml").write_text(text)
        _fails_with(small_project, "content/timeline.yaml:101: YAML nested more than 100 levels deep; refusing")
    elif shape == "front matter":
        one = small_project / "content/articles/one.md"
        one.write_text(one.read_text().replace("kind: news", "kind: news\naccept: " + "[" * depth + "]" * depth))
        _fails_with(small_project, "content/articles/one.md:8: YAML nested more than 100 levels deep; refusing")
    else:
        opening, closing = ("[", "]") if shape == "flow list" else ("{a: ", "}")
        (small_project / "content/actors.yaml").write_text("\n" + opening * depth + "1" + closing * depth + "\n")
        _fails_with(small_project, "content/actors.yaml:2: YAML nested more than 100 levels deep; refusing")


FEED_FIELDS = [
    ("articles/one.md", "title: First report", "title"),
    ("articles/one.md", "outlet: Daily One", "outlet"),
    ("articles/one.md", "author: A. Writer", "author"),
    ("briefing.yaml", "title: Test briefing", "title"),
    ("briefing.yaml", "subtitle: A small one", "subtitle"),
    ("timeline.yaml", "event: Troops land.", "event"),
]
CONTROLS = ["\\0", "\\x01", "\\x0b", "\\e[2J", "\\x7f", "\\u0085", "\\uffff"]


@pytest.mark.parametrize(("escape", "file", "old", "field"),
                         [(escape, *FEED_FIELDS[0]) for escape in CONTROLS] + [("\\x01", *f) for f in FEED_FIELDS[1:]])
def test_control_characters_in_fields_that_reach_the_feed_are_refused(small_project: Path, escape: str,
                                                                       file: str, old: str, field: str):
    _set_base_url(small_project)
    _built(small_project)
    path = small_project / "content" / file
    path.write_text(path.read_text().replace(old, f'{field}: "{old.split(": ", 1)[1]} {escape} more"'))
    code = ord({"\\0": "\0", "\\e[2J": "\x1b"}.get(escape) or escape.encode().decode("unicode_escape")[0])
    _fails_with(small_project, f"content/{file}:{_line_of(path, field + ': ')}: control character U+{code:04X} "
                               "in the text: remove it (it is invisible, and the feed cannot hold it)")


def test_odd_but_legal_characters_keep_the_feed_valid_xml(small_project: Path):
    from lxml import etree

    _set_base_url(small_project)
    one = small_project / "content/articles/one.md"
    odd = "A & B <c> \\\"quoted\\\" ]]> \\t tab, é, 😀, \\u2028 and \\ufffd"
    one.write_text(one.read_text().replace("title: First report", f'title: "{odd}"')
                   .replace("outlet: Daily One", 'outlet: "Daily <One> & Co"'))
    _built(small_project)
    feed = etree.parse(str(small_project / "site/feed.xml"))
    titles = [t.text for t in feed.iter("{http://www.w3.org/2005/Atom}title")]
    assert any(t and t.startswith('A & B <c> "quoted" ]]>') and "😀" in t for t in titles), titles
    etree.parse(str(small_project / "site/sitemap.xml"))


def test_a_raw_control_character_in_a_text_article_is_refused_at_its_line(small_project: Path):
    _set_base_url(small_project)
    _built(small_project)
    (small_project / "content/articles/three.txt").write_bytes(b"Title with an \x1b[31mescape\x1b[0m\n\nBody text.\n")
    _fails_with(small_project, "content/articles/three.txt:1: control character U+001B in the text: remove it "
                               "(it is invisible, and not text)")


def test_a_nul_byte_on_line_8_of_an_article_names_line_8(small_project: Path):
    _built(small_project)
    one = small_project / "content/articles/one.md"
    lines = one.read_bytes().split(b"\n")
    lines[7] = b"Alpha said\x00 the talks were over."
    one.write_bytes(b"\n".join(lines))
    _fails_with(small_project, "content/articles/one.md:8: a NUL byte in the text: remove it "
                               "(it is invisible, and not text)")


def test_links_and_folders_among_the_articles_are_one_line_each(small_project: Path):
    _built(small_project)
    articles = small_project / "content/articles"
    os.symlink("loop.md", articles / "loop.md")
    os.symlink("missing.md", articles / "gone.md")
    (articles / "folder.md").mkdir()
    os.symlink("..", articles / "parent.md")
    os.symlink("../actors.yaml.missing", small_project / "content/actors.yaml.tmp")  # not read: no line
    _fails_with(small_project,
                "content/articles/folder.md: is a folder, not an article: articles are .md or .txt files",
                "content/articles/parent.md: is a folder, not an article: articles are .md or .txt files",
                "content/articles/gone.md: is a link to missing.md, which does not exist",
                "content/articles/loop.md: is a link that leads round in a circle (a link loop)")


def test_a_dangling_or_looping_yaml_file_is_one_line_not_a_missing_file(small_project: Path):
    _built(small_project)
    (small_project / "content/actors.yaml").unlink()
    os.symlink("actors.yaml", small_project / "content/actors.yaml")
    (small_project / "content/timeline.yaml").unlink()
    os.symlink("nowhere.yaml", small_project / "content/timeline.yaml")
    lines = run_build(small_project, "--no-search").stderr.splitlines()
    assert "content/actors.yaml: is a link that leads round in a circle (a link loop)" in lines
    assert "content/timeline.yaml: is a link to nowhere.yaml, which does not exist" in lines


def test_a_pipe_among_the_articles_is_one_line_and_does_not_hang(small_project: Path):
    _built(small_project)
    os.mkfifo(small_project / "content/articles/three.md")
    _fails_with(small_project, "content/articles/three.md: is not a file (a folder, pipe or device); remove it")


def test_a_file_name_with_line_breaks_and_escapes_is_still_one_line(small_project: Path):
    _built(small_project)
    (small_project / "content/articles/Evil\x1b[2J\nname.md").write_text("---\ntitle: x\n---\nText.\n")
    _fails_with(small_project, "content/articles/Evil?[2J?name.md: an article's file name must be "
                               "lowercase letters, digits and hyphens (did you mean evil-2j-name.md?)")


# -- base_url ----------------------------------------------------------------------------------

def _set_base_url(project: Path, value: str = "https://example.org/briefing/") -> None:
    briefing = project / "content/briefing.yaml"
    briefing.write_text(f"base_url: {value}\n" + briefing.read_text())


@pytest.mark.parametrize(("value", "shown", "why"), [
    ("https://example.org//evil.example/", "https://example.org//evil.example/", "its path has an empty part (//)"),
    ('"https://example.org/\\nDisallow: /"', "https://example.org/?Disallow: /",
     "it has a space, line break or control character"),
    ('"https://example.org/\\tX"', "https://example.org/?X", "it has a space, line break or control character"),
    ('"javascript:alert(1)//"', "javascript:alert(1)//", "it must start with http:// or https://"),
    ("//evil.example/", "//evil.example/", "it must start with http:// or https://"),
    ("https://user:secret@example.org/", "https://user:secret@example.org/", "it has a user name (@) before the host"),
    ("https://example.org/?q=1", "https://example.org/?q=1", "it has a query (?) or fragment (#)"),
    ('"https://example.org/#top"', "https://example.org/#top", "it has a query (?) or fragment (#)"),
    ("https://example.org/%2e%2e/x/", "https://example.org/%2e%2e/x/", "its path has a . or .. part"),
    ('"https://example.org\\\\evil.example/"', "https://example.org\\evil.example/", "it has a backslash"),
    ("https://exa_mple.org:99999/", "https://exa_mple.org:99999/",
     "its host is not a domain name or IP address (with an optional :port)"),
    ('"https://example.org/a\\"b/"', 'https://example.org/a"b/',
     "its path has characters a URL cannot hold as they are (use %-escapes)"),
])
def test_a_base_url_that_is_not_a_plain_site_address_is_refused(small_project: Path, value: str, shown: str,
                                                                   why: str):
    _built(small_project)
    _set_base_url(small_project, value)
    _fails_with(small_project, "content/briefing.yaml:1: 'base_url' must be the site's address, like "
                               f"https://example.org/briefing/, not '{shown}': {why}")


@pytest.mark.parametrize(("value", "base"), [("https://example.org", "/"), ("http://127.0.0.1:8080/a/b", "/a/b/"),
                                             ("https://[::1]/site/", "/site/"),
                                             ("https://xn--bcher-kva.example/br%C3%A9/", "/br%C3%A9/")])
def test_plain_site_addresses_are_accepted(small_project: Path, value: str, base: str):
    _set_base_url(small_project, value)
    _built(small_project)
    assert f'<base href="{base}">' in (small_project / "site/404.html").read_text()
    robots = (small_project / "site/robots.txt").read_text().splitlines()
    assert robots[-1] == f"Sitemap: {value.rstrip('/')}/sitemap.xml"


def test_empty_and_blank_article_files_are_one_line_each(small_project: Path):
    _built(small_project)
    (small_project / "content/articles/empty.md").write_bytes(b"")
    (small_project / "content/articles/blank.txt").write_bytes(b"  \n\t\r\n")
    (small_project / "content/articles/paper.md").write_bytes(b"%PDF-1.4\n1 0 obj\n")
    _fails_with(small_project,
                "content/articles/blank.txt:1: is empty: the first non-empty line should be the title",
                "content/articles/empty.md:1: an article starts with front matter between '---' lines "
                "(title, outlet, published ...)",
                "content/articles/paper.md:1: an article starts with front matter between '---' lines "
                "(title, outlet, published ...)")


def test_a_line_of_brackets_cannot_hang_the_build(small_project: Path):
    """20,000 '[' on one line: the [[reference]] rule once made Markdown's link scan take minutes."""
    article = small_project / "content/articles/two.md"
    article.write_text(article.read_text() + "\n" + "[" * 20_000 + "\n\n" + "[[a|" * 5_000 + "\n")
    done = subprocess.run([sys.executable, str(REPO / "build.py"), "--no-search"], cwd=small_project,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
