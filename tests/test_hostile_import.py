"""Hostile input to `python build.py import`: every file that is not a pasted article is one line,
exit 1, nothing written, and no input can hang the command or crash it."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO

from briefing.importer import MAX_IMPORT_BYTES, run_import

ARTICLE = ("Troops arrive in the capital\n\nTroops arrived in the capital on Thursday after the president "
           "asked the alliance for help, officials said.\n")


def _import(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    """The command as a user runs it, from tmp_path, into tmp_path/articles."""
    return subprocess.run([sys.executable, str(REPO / "build.py"), "import", "--dest", "articles", *args],
                          cwd=tmp_path, capture_output=True, text=True, timeout=30)


def _refused(tmp_path: Path, name: str, line: str) -> None:
    done = _import(tmp_path, name)
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    assert done.stdout.splitlines() == [line, "nothing was written"]
    assert not (tmp_path / "articles").exists() or not list((tmp_path / "articles").glob("*.md"))


def test_a_folder_named_like_an_article_in_the_destination_does_not_stop_any_import(tmp_path: Path):
    (tmp_path / "articles/notes.md").mkdir(parents=True)
    os.symlink("nowhere.md", tmp_path / "articles/gone.md")
    os.symlink("loop.md", tmp_path / "articles/loop.md")
    (tmp_path / "raw.txt").write_text(ARTICLE)
    done = _import(tmp_path, "raw.txt")
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    assert "Troops arrived in the capital" in (tmp_path / "articles/troops-arrive-in-the-capital.md").read_text()


def test_a_name_taken_by_a_folder_is_refused_even_with_force(tmp_path: Path):
    (tmp_path / "articles/story.md").mkdir(parents=True)
    (tmp_path / "raw.txt").write_text(ARTICLE)
    for force in ((), ("--force",), ("--dry-run",)):
        done = _import(tmp_path, "--name", "story", *force, "raw.txt")
        assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
        assert done.stdout.splitlines() == ["articles/story.md: is a folder, not an article file: choose another --name",
                                            "nothing was written"]
    assert (tmp_path / "articles/story.md").is_dir()


def test_a_plain_text_pdf_is_refused(tmp_path: Path):
    (tmp_path / "paper.pdf").write_text("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\nTroops arrived.\n")
    _refused(tmp_path, "paper.pdf", "paper.pdf: is a PDF, not text: copy its text into a .txt file and import that")


@pytest.mark.parametrize(("content", "line"), [
    (b"", "raw.txt: nothing to import: the file is empty"),
    (b"  \n\n\t \r\n", "raw.txt: nothing to import: the file is only blank space"),
    (b"\xef\xbb\xbf\n \n", "raw.txt: nothing to import: the file is only blank space"),
    (b"Subscribe for free.\nOops! Something went wrong.\n",
     "raw.txt: nothing to import: every line is page furniture (ads, buttons, footers)"),
])
def test_a_file_with_nothing_to_import_is_refused(tmp_path: Path, content: bytes, line: str):
    (tmp_path / "raw.txt").write_bytes(content)
    _refused(tmp_path, "raw.txt", line)


@pytest.mark.parametrize(("content", "line"), [
    (b"PK\x03\x04\x14\x00\x06\x00word/document.xml",
     "story.docx: is a zip file (a .docx or .odt?), not text: save it as plain text (.txt) and import that"),
    (b"{\\rtf1\\ansi Troops arrived.}", "story.docx: is an RTF document, not plain text: save it as plain text (.txt) "
                                        "and import that"),
    (b"<!DOCTYPE html>\n<html><body><p>Troops arrived.</p></body></html>",
     "story.docx: is a web page (HTML), not its text: copy the article's text from the browser into a .txt file "
     "and import that"),
    (b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00>\x00",
     "story.docx: this is a binary file, not text (is it the right file?)"),
])
def test_documents_that_are_not_plain_text_are_refused(tmp_path: Path, content: bytes, line: str):
    (tmp_path / "story.docx").write_bytes(content)
    _refused(tmp_path, "story.docx", line)


def test_a_folder_is_refused(tmp_path: Path):
    (tmp_path / "folder.txt").mkdir()
    _refused(tmp_path, "folder.txt", "folder.txt: is a folder, not a text file")


@pytest.mark.parametrize("name", ["fifo", "/dev/zero", "/dev/null", "/dev/urandom"])
def test_a_pipe_or_device_is_refused_without_waiting(tmp_path: Path, name: str):
    if name == "fifo":
        os.mkfifo(tmp_path / "fifo")  # nothing ever writes to it: reading would wait for ever
    _refused(tmp_path, name, f"{name}: is not an ordinary file (a pipe, socket or device): save the text to a file")


def test_a_huge_file_is_refused_before_it_is_read_whole(tmp_path: Path):
    line = b"Troops arrived in the capital on Thursday, officials said.\n"
    (tmp_path / "huge.txt").write_bytes(line * (MAX_IMPORT_BYTES // len(line) + 1))
    _refused(tmp_path, "huge.txt", "huge.txt: is larger than 5 MB, too large for an article (is it the right file?)")


def test_a_file_just_under_the_limit_is_imported(tmp_path: Path):
    paragraph = ("Troops arrived in the capital on Thursday after the president asked the alliance for help. " * 40
                 ).strip() + "\n\n"
    text = "A long report\n\n" + paragraph * ((MAX_IMPORT_BYTES // 2) // len(paragraph))
    out = io.StringIO()
    (tmp_path / "long.txt").write_text(text)
    assert run_import([tmp_path / "long.txt"], tmp_path / "articles", force=False, dry_run=False, out=out) == 0


def test_a_destination_that_is_a_file_is_refused(tmp_path: Path):
    (tmp_path / "articles").write_text("not a folder")
    (tmp_path / "raw.txt").write_text(ARTICLE)
    done = _import(tmp_path, "raw.txt")
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    assert done.stdout.splitlines() == ["articles: is not a folder: --dest names the folder the articles go in",
                                        "nothing was written"]
    assert (tmp_path / "articles").read_text() == "not a folder"


@pytest.mark.skipif(os.geteuid() != 0, reason="mounting a file system needs root (CI runs as root)")
def test_a_read_only_destination_is_one_line(tmp_path: Path):
    (tmp_path / "articles").mkdir()
    (tmp_path / "raw.txt").write_text(ARTICLE)
    folder = str(tmp_path / "articles")
    subprocess.run(["mount", "--bind", folder, folder], check=True)
    try:
        subprocess.run(["mount", "-o", "remount,ro,bind", folder], check=True)
        done = _import(tmp_path, "raw.txt")
    finally:
        subprocess.run(["umount", folder], check=True)
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    assert done.stdout.splitlines()[-1] == "articles/troops-arrive-in-the-capital.md: cannot be written: Read-only file system"
    assert list((tmp_path / "articles").iterdir()) == []
