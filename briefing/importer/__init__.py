"""The `import` command: raw pasted articles in, clean Markdown articles with front matter out."""

from __future__ import annotations

import codecs
import datetime as dt
import difflib
import os
import re
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

import yaml

from ..errors import Problem

# The cleaning lives in its own module; the build's loader and the command both take it from here.
from .cleaning import FIELDS, Change, CleanedArticle, clean_article

if TYPE_CHECKING:
    from ..resolve.similarity import CopyMatch

__all__ = ["Change", "CleanedArticle", "ImportFailed", "clean_article", "read_raw", "run_import",
           "slugify", "to_markdown_file"]

_OPTIONAL = {"author", "url"}

# A pasted article is a few tens of kilobytes; a file this big is something else (a log, a dump),
# and reading it whole, cleaning it line by line and comparing it with every article takes minutes.
MAX_IMPORT_BYTES = 5 * 1024 * 1024
# Files that are not plain text though they may look like it, by their first bytes.
_NOT_PLAIN_TEXT = (
    (b"%PDF-", "is a PDF, not text: copy its text into a .txt file and import that"),
    (b"PK\x03\x04", "is a zip file (a .docx or .odt?), not text: save it as plain text (.txt) and import that"),
    (b"{\\rtf", "is an RTF document, not plain text: save it as plain text (.txt) and import that"),
)
_WEB_PAGE = re.compile(rb"\A(?:\xef\xbb\xbf)?\s*<(?:!doctype html|html)[\s>]", re.IGNORECASE)


class ImportFailed(Exception):
    """An input the importer cannot use; the message is the one line the user sees."""



# --- writing the .md file -------------------------------------------------------------------

def to_markdown_file(article: CleanedArticle, syndicates: str | None = None) -> str:
    """Front matter (missing fields left empty with a note for the editor) and the body."""
    out = ["---"]
    for key in FIELDS:
        value = getattr(article, key)
        if value:
            out.append(f"{key}: {value}" if key == "published" else _yaml_line(key, value))
        else:
            note = "optional; " if key in _OPTIONAL else ""
            out.append(f"{key}:   # {note}not found in the text: fill in")
    if syndicates:
        out.append(_yaml_line("syndicates", syndicates))
    out.append("---")
    return "\n".join(out) + "\n" + article.body


def _yaml_line(key: str, value: str) -> str:
    return yaml.safe_dump({key: value}, allow_unicode=True, width=10**6, default_flow_style=False).strip()


def slugify(title: str, words: int = 6) -> str:
    """A file name from a title: lowercase words joined by hyphens, at most `words` of them."""
    plain = re.sub(r"['’]", "", title.lower())
    parts = [p for p in re.split(r"[^a-z0-9]+", plain) if p]
    return "-".join(parts[:words])


# --- the `import` command -------------------------------------------------------------------

def read_raw(path: Path) -> tuple[str, Problem | None]:
    """Decode a raw article: UTF-8 (BOM or not), UTF-16, cp1252/latin-1; ImportFailed if not text."""
    from ..errors import ContentError
    from ..load.textio import decode_text

    try:
        mode = path.stat().st_mode
        if stat.S_ISDIR(mode):
            raise ImportFailed(f"{path}: is a folder, not a text file")
        if not stat.S_ISREG(mode):  # reading a pipe waits for a writer, a device never ends
            raise ImportFailed(f"{path}: is not an ordinary file (a pipe, socket or device): save the text to a file")
        with path.open("rb") as stream:
            data = stream.read(MAX_IMPORT_BYTES + 1)
    except FileNotFoundError:
        raise ImportFailed(f"{path}: no such file") from None
    except OSError as exc:
        raise ImportFailed(f"{path}: cannot be read: {exc.strerror or exc}") from None
    if len(data) > MAX_IMPORT_BYTES:
        raise ImportFailed(f"{path}: is larger than {MAX_IMPORT_BYTES // 2**20} MB, too large for an article "
                           "(is it the right file?)")
    for signature, why in _NOT_PLAIN_TEXT:
        if data.startswith(signature):
            raise ImportFailed(f"{path}: {why}")
    if _WEB_PAGE.match(data):
        raise ImportFailed(f"{path}: is a web page (HTML), not its text: copy the article's text from the "
                           "browser into a .txt file and import that")
    bom_less_utf16 = _utf16_without_bom(data)
    if bom_less_utf16:
        data = (codecs.BOM_UTF16_LE if bom_less_utf16 == "le" else codecs.BOM_UTF16_BE) + data
    try:
        text, warning = decode_text(data, str(path))
    except ContentError as exc:
        raise ImportFailed(str(exc.problem)) from None
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\t\f")
    if controls > max(2, len(text) // 100):
        raise ImportFailed(f"{path}: this is a binary file, not text (is it the right file?)")
    if not text.strip():
        raise ImportFailed(f"{path}: nothing to import: the file is {'empty' if not text else 'only blank space'}")
    return text, warning


def _utf16_without_bom(data: bytes) -> str | None:
    """'le' or 'be' when the bytes are UTF-16 text without a BOM: NULs in every other byte."""
    sample = data[:4000]
    if len(sample) < 4 or data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.8 * len(odd) and even.count(0) < 0.1 * len(even):
        return "le"
    if even.count(0) > 0.8 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "be"
    return None


def run_import(paths: list[Path], dest: Path, *, force: bool, dry_run: bool, out: TextIO,
               names: list[str] | None = None) -> int:
    """Import raw articles into `dest`; print the report (and diffs on a dry run); return the exit code.

    Nothing is written unless every input is usable and no existing file would be overwritten
    without `force`.
    """
    from ..resolve.similarity import find_copies

    problems: list[str] = []
    if names is not None and len(names) != len(paths):
        problems.append(f"--name given {len(names)} times for {len(paths)} files: give one name per file")
        names = None
    imported: dict[str, tuple[Path, CleanedArticle, Problem | None]] = {}
    for index, path in enumerate(paths):
        try:
            text, warning = read_raw(path)
        except ImportFailed as exc:
            problems.append(str(exc))
            continue
        article = clean_article(text)
        if not article.title and not article.body.strip():
            problems.append(f"{path}: nothing to import: every line is page furniture (ads, buttons, footers)")
            continue
        slug = names[index].removesuffix(".md") if names else slugify(article.title) or slugify(path.stem)
        target = dest / f"{slug}.md"
        if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", slug):
            problems.append(f"{path}: '{slug}' cannot be an article name: use lowercase letters, digits, hyphens")
        elif slug in imported:
            problems.append(f"{path}: would be named '{slug}', like {imported[slug][0]}: give --name")
        elif os.path.lexists(target) and not (target.is_file() or (target.is_symlink() and not target.exists())):
            problems.append(f"{target}: is {_kind_of_file(target)}, not an article file: choose another --name")
        elif target.exists() and not force and not dry_run:
            problems.append(f"{dest / (slug + '.md')}: already exists; use --force to overwrite it "
                            f"(or --dry-run to see the difference)")
        imported[slug] = (path, article, warning)
    if dest.exists() and not dest.is_dir():
        problems.insert(0, f"{dest}: is not a folder: --dest names the folder the articles go in")
    if problems:
        for problem in problems:
            print(problem, file=out)
        print("nothing was written", file=out)
        return 1

    syndicates = _copies(imported, dest, find_copies)
    for slug, (path, article, warning) in imported.items():
        target = dest / f"{slug}.md"
        new_text = to_markdown_file(article, syndicates.get(slug, (None, ""))[0])
        _report(path, target, article, warning, syndicates.get(slug), out)
        if dry_run:
            old = target.read_text(encoding="utf-8", errors="replace") if target.is_file() else ""
            diff = difflib.unified_diff(old.splitlines(keepends=True), new_text.splitlines(keepends=True),
                                        str(target) if old else "/dev/null", str(target))
            lines = list(diff)
            out.writelines(lines)
            print("" if lines else "  (no difference from the existing file)", file=out)
        else:
            try:
                _write_atomically(target, new_text)
            except OSError as exc:  # a full disk, a read-only folder: say which file, and stop
                print(f"{target}: cannot be written: {exc.strerror or exc}", file=out)
                return 1
    if dry_run:
        print("dry run: nothing was written", file=out)
    return 0


def _copies(imported: dict[str, tuple[Path, CleanedArticle, Problem | None]], dest: Path,
            find_copies: Callable[..., list[CopyMatch]]) -> dict[str, tuple[str, str]]:
    """For each imported article that copies or rewrites another: (original slug, report line)."""
    texts = {slug: article.body for slug, (_, article, _) in imported.items()}
    published: dict[str, dt.date | None] = {slug: _as_date(article.published)
                                             for slug, (_, article, _) in imported.items()}
    if dest.is_dir():
        for existing in sorted(dest.glob("*.md")):
            if existing.stem not in texts and existing.is_file():  # not a folder named x.md, nor a broken link
                try:
                    texts[existing.stem], published[existing.stem] = _existing_article(existing)
                except OSError:
                    continue  # unreadable: nothing to compare with
    found: dict[str, tuple[str, str]] = {}
    for match in find_copies(texts, published):
        if match.copy in imported:
            found[match.copy] = (match.original, f"{match.kind} of {match.original} (similarity {match.score:.2f})")
    return found


def _existing_article(path: Path) -> tuple[str, dt.date | None]:
    text = path.read_text(encoding="utf-8", errors="replace")
    match = re.match(r"^---\n(.*?)\n---\n", text, re.DOTALL)
    if not match:
        return text, None
    try:
        front = yaml.safe_load(match.group(1)) or {}
    except yaml.YAMLError:
        front = {}
    value = front.get("published") if isinstance(front, dict) else None
    return text[match.end():], _as_date(value)


def _kind_of_file(path: Path) -> str:
    return "a folder" if path.is_dir() else "a pipe, socket or device"


def _as_date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def _report(path: Path, target: Path, article: CleanedArticle, warning: Problem | None,
            copy: tuple[str, str] | None, out: TextIO) -> None:
    state = "replaces the existing file" if target.exists() else "new file"
    print(f"{path} -> {target} ({state})", file=out)
    if warning:
        print(f"  {warning}", file=out)
    for change in article.changes:
        print(f"  {path.name}:{change.line}: {change.rule}: {change.text}", file=out)
    if article.missing:
        print(f"  not found in the text, left empty to fill in: {', '.join(article.missing)}", file=out)
    if copy:
        print(f"  looks like a {copy[1]}: marked 'syndicates: {copy[0]}'", file=out)


def _write_atomically(target: Path, text: str) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.stem}.", suffix=".tmp")
    # mkstemp makes the file private; an article should get the permissions any new file would.
    umask = os.umask(0)
    os.umask(umask)
    mode = target.stat().st_mode & 0o777 if target.exists() else 0o666 & ~umask
    try:
        os.chmod(temp, mode)
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
