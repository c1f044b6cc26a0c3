"""Stage 1: read content/ into the model, checking every field; collect every problem, then fail once.

The YAML files are parsed by yamlfiles.py and their entries read by entries.py (with
fields.py); the article files are read by articles.py, the editions by editions.py.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..cache import BuildCache
from ..errors import ContentError, Problem, Problems, closest
from ..model import Actor, Article, Content, Event, Figure, Question
from ..parallel import fork_map
from .articles import ArticleFile, ArticleOutcome, find_article_files, read_article_file
from .editions import read_editions, require_judgment_ids
from .entries import Entry, list_of, read_actor, read_briefing, read_event, read_figure, read_question
from .fields import UNREADABLE, empty_mapping
from .yamlfiles import YAML_FILES, read_yaml_file, yaml_inputs


def load_content(content_dir: Path, problems: Problems, cache: BuildCache | None = None) -> Content:
    """Read and validate everything in content/, adding each problem to `problems`.

    Entries with problems are left out of the returned Content, but their ids are kept in
    Content.broken_ids so that later stages do not report references to them as unknown.
    Files unchanged since the last build with the same `cache` are not read again.
    """
    cache = cache or BuildCache()
    if not content_dir.is_dir():
        raise ContentError(str(content_dir), None, "no content/ folder here (run this in a briefing project)")

    documents = {}
    for name in YAML_FILES:
        outcome = cache.yaml_files.get(name, yaml_inputs(content_dir, name),
                                       functools.partial(read_yaml_file, content_dir, name))
        problems.extend(outcome.problems)
        documents[name] = outcome.document
    for extra in sorted(content_dir.glob("*.y*ml")):
        if extra.name not in YAML_FILES:
            hint = closest(extra.name, YAML_FILES)
            problems.add(f"content/{extra.name}", None, "is not a file the build reads", hint)

    briefing_doc = documents["briefing.yaml"]
    if briefing_doc is None and (content_dir / "briefing.yaml").exists():
        briefing_doc = empty_mapping()  # an empty file: its missing title and bottom line are reported
    briefing = read_briefing(None if briefing_doc is UNREADABLE else briefing_doc, problems)
    articles, unreadable_articles = _articles(content_dir, problems, cache)
    actors = _entries(content_dir, documents, "actors.yaml", read_actor, problems, cache)
    figures = _entries(content_dir, documents, "figures.yaml", read_figure, problems, cache)
    questions = _entries(content_dir, documents, "questions.yaml", read_question, problems, cache)
    events = _entries(content_dir, documents, "timeline.yaml", read_event, problems, cache)
    editions = read_editions(content_dir, problems, cache.edition_files)
    if editions:
        require_judgment_ids(briefing, problems)

    return Content(
        briefing=briefing,
        articles=tuple(articles),
        actors=tuple(actors),
        figures=tuple(figures),
        questions=tuple(questions),
        events=tuple(events),
        broken_ids=frozenset((_declared_ids(documents) | {("article", s) for s in unreadable_articles})
                             - _loaded_ids(articles, actors, figures, questions, events)),
        editions=tuple(editions),
    )


def _entries(content_dir: Path, documents: dict[str, Any], name: str, read_one: Callable[[Any, str, int | None, Problems], Entry | None],
             problems: Problems, cache: BuildCache) -> list[Entry]:
    """A YAML file's entries, read again only when the file's parsed document is a new one."""
    document = documents[name]

    def read() -> tuple[list[Any], list[Problem]]:
        found = Problems()
        return list_of(document, name, read_one, found), found.items

    entries, found = cache.entries.get(name, yaml_inputs(content_dir, name), read)
    problems.extend(found)
    return list(entries)


def _articles(content_dir: Path, problems: Problems, cache: BuildCache) -> tuple[list[Article], set[str]]:
    """The articles that loaded, and the slugs of those that exist but did not.

    The files not recalled from the cache are read over the machine's cores.
    """
    files = find_article_files(content_dir, problems)
    stamps = {file.shown: file.stamp for file in files}
    outcomes: dict[str, ArticleOutcome] = {}
    todo: list[ArticleFile] = []
    for file in files:
        recalled = cache.article_files.recall(file.shown, stamps[file.shown])
        if recalled is None:
            todo.append(file)
        else:
            outcomes[file.shown] = recalled
    for file, outcome in zip(todo, fork_map(read_article_file, todo)):
        cache.article_files.keep(file.shown, stamps[file.shown], outcome)
        outcomes[file.shown] = outcome
    cache.article_files.retain(stamps)
    articles: list[Article] = []
    unreadable: set[str] = set()
    for file in files:
        outcome = outcomes[file.shown]
        problems.extend(outcome.problems)
        if outcome.article:
            articles.append(outcome.article)
        else:
            unreadable.add(file.slug)
    return articles, unreadable


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


def _loaded_ids(articles: list[Article], actors: list[Actor], figures: list[Figure], questions: list[Question],
                events: list[Event]) -> set[tuple[str, str]]:
    loaded = {("article", a.slug) for a in articles}
    for kind, entries in (("actor", actors), ("figure", figures), ("question", questions), ("event", events)):
        loaded |= {(kind, e.id) for e in entries}
    return loaded
