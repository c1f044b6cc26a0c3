"""The article files of content/articles/: Markdown with front matter, or raw pasted text."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import ContentError, Problem, Problems
from ..model import KINDS_OF_ARTICLE, Article, Source, Text
from .fields import ID_PATTERN, Fields, as_id, blank, empty_mapping, parse_date
from .textio import file_stamp, read_content_file
from .yamlio import load_yaml

FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|\Z)", re.S)
ARTICLE_KEYS = {"title": True, "outlet": False, "author": False, "published": False,
                "url": False, "kind": False, "syndicates": False, "accept": False, "note": False,
                "retracted": False, "discredited": False}


@dataclass(frozen=True)
class ArticleFile:
    """An article file found in content/articles/, not yet read."""

    path: Path
    slug: str
    shown: str  # as problems name it: content/articles/NAME.md
    content_dir: Path

    @property
    def stamp(self) -> object:
        """What the file's outcome depends on: the file as `stat` sees it."""
        return file_stamp(self.path)


@dataclass(frozen=True)
class ArticleOutcome:
    """An article file as read: the article (None if it could not be) and its own problems."""

    article: Article | None
    problems: tuple[Problem, ...]


def find_article_files(content_dir: Path, problems: Problems) -> list[ArticleFile]:
    """The article files, in name order; misnamed files and doubled names are problems."""
    folder = content_dir / "articles"
    if not folder.is_dir():
        return []
    files: list[ArticleFile] = []
    slugs: set[str] = set()
    # scandir: whether an entry is a folder comes with the listing, not from a stat per file.
    with os.scandir(folder) as listing:
        entries = sorted(listing, key=lambda entry: entry.name)
    for entry in entries:
        path = folder / entry.name
        shown = f"content/articles/{entry.name}"
        if entry.name.startswith(".") or entry.name.endswith("~"):
            continue
        if _is_folder(entry):
            if path.suffix in (".md", ".txt"):
                problems.add(shown, None, "is a folder, not an article: articles are .md or .txt files")
            continue
        if path.suffix not in (".md", ".txt"):
            problems.warn(shown, None, "skipped: articles are .md or .txt files")
            continue
        slug = path.stem
        if not ID_PATTERN.match(slug):
            problems.add(shown, None, "an article's file name must be lowercase letters, digits and hyphens",
                         f"{as_id(slug)}{path.suffix}")
            continue
        if slug in slugs:
            problems.add(shown, None, f"two articles are named '{slug}' (another .md or .txt file)")
            continue
        slugs.add(slug)
        files.append(ArticleFile(path, slug, shown, content_dir))
    return files


def _is_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:  # a link loop: not a folder, and reading it says what it is
        return False


def read_article_file(file: ArticleFile) -> ArticleOutcome:
    """One article file: the article (or None) and its own problems, errors and warnings."""
    problems = Problems()
    try:
        text, warning = read_content_file(file.path, file.content_dir, file.shown)
    except ContentError as exc:
        return ArticleOutcome(None, (exc.problem,))
    if warning:
        problems.extend([warning])
    reader = _markdown_article if file.path.suffix == ".md" else _text_article
    article = reader(file.slug, text, file.shown, problems)
    return ArticleOutcome(article, tuple(problems.items))


def _markdown_article(slug: str, text: str, shown: str, problems: Problems) -> Article | None:
    match = FRONT_MATTER.match(text)
    if not match:
        problems.add(shown, 1, "an article starts with front matter between '---' lines (title, outlet, published ...)")
        return None
    front_text = match.group(1) or ""
    body_line = text[: match.end()].count("\n") + 1
    try:
        # Offset by one line so that YAML lines are file lines (the opening '---' is line 1).
        data = load_yaml("\n" + front_text, shown)
    except ContentError as exc:
        problems.extend([exc.problem])
        return None
    if data is None:
        data = empty_mapping()
    f = Fields(data, shown, 1, "the front matter", ARTICLE_KEYS, problems)
    if not f.ok:
        return None
    published = f.parsed("published", parse_date, "a date (2022-01-06) or date and time (2022-01-06 14:30)")
    url = f.string("url")
    if url and not re.match(r"https?://\S+$", url):
        problems.add(shown, f.key_line("url"), f"'url' must be an http:// or https:// address, not '{url}'")
        url = None
    for key in ("outlet", "published"):
        if blank(f.data.get(key)):
            problems.warn(shown, f.line, f"no '{key}': readers cannot weigh or date the source")
    retracted, discredited = _reason(f, "retracted"), _reason(f, "discredited")
    title = f.string("title")
    if not title:
        return None
    return Article(slug, title, f.string("outlet"), f.string("author"), published, url,
                   f.choice("kind", KINDS_OF_ARTICLE), f.ident("syndicates"),
                   text[match.end():], Source(shown, 1), body_line,
                   f.key_line("syndicates") if "syndicates" in f.data else None,
                   accept=f.string("accept"), note=f.text("note"), retracted=retracted, discredited=discredited)


def _reason(f: Fields, key: str) -> Text | None:
    """`retracted:` and `discredited:` say why, so that the reader is told more than a yes."""
    if isinstance(f.data.get(key), bool):
        f.problems.add(f.at().path, f.key_line(key), f"'{key}' takes the reason, not {str(f.data[key]).lower()}: "
                       f"{key}: The outlet withdrew the story on 9 January (say why)")
        return None
    return f.text(key)


def _text_article(slug: str, text: str, shown: str, problems: Problems) -> Article | None:
    if not text.strip():
        problems.add(shown, 1, "is empty: the first non-empty line should be the title")
        return None
    # The importer's cleaning, shared with `build.py import`; imported here, as only a raw text
    # needs it, so that a build of front-mattered articles does not load ftfy (a tenth of a small build).
    from ..importer.cleaning import clean_article

    cleaned = clean_article(text)
    for change in cleaned.changes:
        problems.warn(shown, change.line, f"cleaned ({change.rule}): {change.text.strip()[:80]}")
    for key in cleaned.missing:
        problems.warn(shown, None, f"no {key} found in the text; run `python build.py import {shown}` and fill it in")
    published = parse_date(cleaned.published) if cleaned.published else None
    title = cleaned.title
    if not title:  # the first line reads as the start of the text, not as a headline
        title = slug.replace("-", " ").capitalize()
        problems.warn(shown, 1, f"no title line found; showing '{title}': add a title as the first line")
    return Article(slug, title, cleaned.outlet, cleaned.author, published, cleaned.url,
                   cleaned.kind, None, cleaned.body, Source(shown, 1), 2)
