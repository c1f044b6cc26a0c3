"""Stage 1: read content/ into the model, checking every field; collect every problem, then fail once.

The YAML files' entries are read by entries.py (with fields.py); the articles here."""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any

from ..errors import ContentError, Problems, closest
from ..importer.cleaning import clean_article  # the importer's cleaning, shared with `build.py import`
from ..model import KINDS_OF_ARTICLE, Article, Content, Source
from ..parallel import fork_map
from .entries import list_of, read_actor, read_briefing, read_event, read_figure, read_question
from .fields import ID_PATTERN, UNREADABLE, Fields, as_id, blank, empty_mapping, parse_date
from .textio import read_content_file
from .yamlio import load_yaml

log = logging.getLogger("briefing")

YAML_FILES = ("briefing.yaml", "actors.yaml", "figures.yaml", "questions.yaml", "timeline.yaml")
FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|\Z)", re.S)


def load_content(content_dir: Path, problems: Problems, cache: dict | None = None) -> Content:
    """Read and validate everything in content/, adding each problem to `problems`.

    Entries with problems are left out of the returned Content, but their ids are kept in
    Content.broken_ids so that later stages do not report references to them as unknown.
    `cache` (kept by the dev server between builds) spares reading unchanged article files.
    """
    warnings: list[str] = []
    if not content_dir.is_dir():
        raise ContentError(str(content_dir), None, "no content/ folder here (run this in a briefing project)")

    documents = {name: _read_yaml_cached(content_dir, name, problems, warnings, cache) for name in YAML_FILES}
    for extra in sorted(content_dir.glob("*.y*ml")):
        if extra.name not in YAML_FILES:
            hint = closest(extra.name, YAML_FILES)
            problems.add(f"content/{extra.name}", None, "is not a file the build reads", hint)

    briefing_doc = documents["briefing.yaml"]
    if briefing_doc is None and (content_dir / "briefing.yaml").exists():
        briefing_doc = empty_mapping()  # an empty file: its missing title and bottom line are reported
    briefing = read_briefing(None if briefing_doc is UNREADABLE else briefing_doc, problems)
    articles, unreadable_articles = _articles(content_dir, problems, warnings, cache)
    actors = list_of(documents["actors.yaml"], "actors.yaml", read_actor, problems)
    figures = list_of(documents["figures.yaml"], "figures.yaml", read_figure, problems)
    questions = list_of(documents["questions.yaml"], "questions.yaml", read_question, problems)
    events = list_of(documents["timeline.yaml"], "timeline.yaml", read_event, problems)

    return Content(
        briefing=briefing,
        articles=tuple(articles),
        actors=tuple(actors),
        figures=tuple(figures),
        questions=tuple(questions),
        events=tuple(events),
        warnings=tuple(warnings),
        broken_ids=frozenset((_declared_ids(documents) | {("article", s) for s in unreadable_articles})
                             - _loaded_ids(articles, actors, figures, questions, events)),
    )


_KIND_OF_FILE = {"actors.yaml": "actor", "figures.yaml": "figure", "questions.yaml": "question", "timeline.yaml": "event"}


def _declared_ids(documents: dict[str, Any]) -> set[tuple[str, str]]:
    declared = set()
    for name, kind in _KIND_OF_FILE.items():
        if documents.get(name) is UNREADABLE:
            declared.add((kind, "*"))  # the whole file failed: no reference to its kind is checkable
            continue
        for item in documents.get(name) or []:
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                declared.add((kind, item["id"]))
    return declared


def _loaded_ids(articles, actors, figures, questions, events) -> set[tuple[str, str]]:
    loaded = {("article", a.slug) for a in articles}
    for kind, entries in (("actor", actors), ("figure", figures), ("question", questions), ("event", events)):
        loaded |= {(kind, e.id) for e in entries}
    return loaded


def _read_yaml_cached(content_dir: Path, name: str, problems: Problems, warnings: list[str],
                      cache: dict | None) -> Any:
    """_read_yaml, or the outcome it had last time if the file is unchanged since (the dev server)."""
    if cache is None:
        return _read_yaml(content_dir, name, problems, warnings)
    key = _file_key(content_dir / name)
    hit = cache.get(name)
    if hit is None or hit[0] != key:
        own_problems, own_warnings = Problems(), []
        document = _read_yaml(content_dir, name, own_problems, own_warnings)
        hit = cache[name] = (key, (document, own_problems.items, own_warnings))
    document, own_problems, own_warnings = hit[1]
    problems.extend(own_problems)
    warnings.extend(own_warnings)
    return document


def _read_yaml(content_dir: Path, name: str, problems: Problems, warnings: list[str]) -> Any:
    path = content_dir / name
    shown = f"content/{name}"
    if not path.exists() and not path.is_symlink():  # a dangling or looping link is read, and said
        if name == "briefing.yaml":
            problems.add(shown, None, "is missing: every briefing needs a title and a bottom line")
        return None
    try:
        text, warning = read_content_file(path, content_dir, shown)
        if warning:
            warnings.append(warning)
        return load_yaml(text, shown)
    except ContentError as exc:
        problems.extend([exc.problem])
        return UNREADABLE


ARTICLE_KEYS = {"title": True, "outlet": False, "author": False, "published": False,
                "url": False, "kind": False, "syndicates": False, "accept": False}


def _articles(content_dir: Path, problems: Problems, warnings: list[str],
              cache: dict | None = None) -> tuple[list[Article], set[str]]:
    """The articles that loaded, and the slugs of those that exist but did not.

    `cache` keeps each file's outcome between builds, keyed by what `stat` says of the file,
    so that the dev server reads again only what was saved.
    """
    folder = content_dir / "articles"
    if not folder.is_dir():
        return [], set()
    articles: dict[str, Article] = {}
    unreadable: set[str] = set()
    seen: set[str] = set()
    files: list[tuple[Path, str, str, tuple | None]] = []
    slugs: set[str] = set()
    for path in sorted(folder.iterdir()):
        shown = f"content/articles/{path.name}"
        if path.name.startswith(".") or path.name.endswith("~"):
            continue
        if path.is_dir():
            if path.suffix in (".md", ".txt"):
                problems.add(shown, None, "is a folder, not an article: articles are .md or .txt files")
            continue
        if path.suffix not in (".md", ".txt"):
            warnings.append(f"{shown}: skipped: articles are .md or .txt files")
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
        seen.add(shown)
        files.append((path, slug, shown, _file_key(path)))
    hits = {shown: cache[shown][1] for _, _, shown, key in files
            if cache is not None and shown in cache and cache[shown][0] == key}
    todo = [(path, slug, shown, content_dir) for path, slug, shown, _ in files if shown not in hits]
    outcomes = dict(zip((shown for _, _, shown, _ in todo), fork_map(_read_article_job, todo)))
    for path, slug, shown, key in files:
        if shown in hits:
            article, own_problems, own_warnings = hits[shown]
        else:
            article, own_problems, own_warnings = outcomes[shown]
            if cache is not None:
                cache[shown] = (key, outcomes[shown])
        problems.extend(own_problems)
        warnings.extend(own_warnings)
        if article:
            articles[slug] = article
        else:
            unreadable.add(slug)
    if cache is not None:
        for gone in {key for key in cache if key.startswith("content/articles/")} - seen:
            del cache[gone]
    return list(articles.values()), unreadable


def _file_key(path: Path) -> tuple | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return (str(path.resolve()), stat.st_mtime_ns, stat.st_size, stat.st_ino)


def _read_article_job(job: tuple[Path, str, str, Path]) -> tuple[Article | None, list, list[str]]:
    return _read_article(*job)


def _read_article(path: Path, slug: str, shown: str, content_dir: Path) -> tuple[Article | None, list, list[str]]:
    """One article file: the article (or None), its own problems and its own warnings."""
    problems, warnings = Problems(), []
    try:
        text, warning = read_content_file(path, content_dir, shown)
    except ContentError as exc:
        return None, [exc.problem], []
    if warning:
        warnings.append(warning)
    reader = _markdown_article if path.suffix == ".md" else _text_article
    article = reader(slug, text, shown, problems, warnings)
    return article, problems.items, warnings


def _markdown_article(slug: str, text: str, shown: str, problems: Problems,
                      warnings: list[str]) -> Article | None:
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
            warnings.append(f"{shown}:{f.line}: no '{key}': readers cannot weigh or date the source")
    title = f.string("title")
    if not title:
        return None
    return Article(slug, title, f.string("outlet"), f.string("author"), published, url,
                   f.choice("kind", KINDS_OF_ARTICLE), f.ident("syndicates"),
                   text[match.end():], Source(shown, 1), body_line, f.key_line("syndicates") if "syndicates" in f.data else None,
                   accept=f.string("accept"))


def _text_article(slug: str, text: str, shown: str, problems: Problems,
                  warnings: list[str]) -> Article | None:
    if not text.strip():
        problems.add(shown, 1, "is empty: the first non-empty line should be the title")
        return None
    cleaned = clean_article(text)
    for change in cleaned.changes:
        warnings.append(f"{shown}:{change.line}: cleaned ({change.rule}): {change.text.strip()[:80]}")
    for key in cleaned.missing:
        warnings.append(f"{shown}: no {key} found in the text; run `python build.py import {shown}` and fill it in")
    published = parse_date(cleaned.published) if cleaned.published else None
    title = cleaned.title
    if not title:  # the first line reads as the start of the text, not as a headline
        title = slug.replace("-", " ").capitalize()
        warnings.append(f"{shown}:1: no title line found; showing '{title}': add a title as the first line")
    return Article(slug, title, cleaned.outlet, cleaned.author, published, cleaned.url,
                   cleaned.kind, None, cleaned.body, Source(shown, 1), 2)
