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


def _built(project: Path, *args: str) -> None:
    result = run_build(project, "--no-search", *args)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr


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
    result = run_build(project)
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

    def pagefind_on_a_full_disk(command, **kwargs):
        site = Path(command[command.index("--site") + 1])
        (site / "pagefind").mkdir()
        for name in ("pagefind-entry.json", "pagefind.js", "pagefind.en_0123456789.pf_meta"):
            (site / "pagefind" / name).write_bytes(b"")
        return subprocess.CompletedProcess(command, 0, "", "")

    monkeypatch.setattr(subprocess, "run", pagefind_on_a_full_disk)
    monkeypatch.chdir(small_project)
    with pytest.raises(BuildFailed) as failed:
        build(small_project, search=True)
    [problem] = failed.value.problems
    assert str(problem) == "site/pagefind/pagefind-entry.json: search index not written whole: " \
                           "the file is empty (is the disk full?)"
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
