"""Stage 1: read content/ into the model, checking every field; collect every problem, then fail once."""

from __future__ import annotations

import datetime as dt
import logging
import math
import re
from pathlib import Path
from typing import Any

from .cleaning import clean_article  # the importer's cleaning, shared with `build.py import`
from .errors import ContentError, Problems, closest
from .model import (
    CONFIDENCES,
    KINDS_OF_ACTOR,
    KINDS_OF_ARTICLE,
    LEANS,
    LIKELIHOODS,
    QUALIFIERS,
    Actor,
    Article,
    Briefing,
    Content,
    Event,
    Evidence,
    Figure,
    Judgment,
    PartialDate,
    Question,
    QuoteRef,
    Relation,
    Report,
    Source,
    Text,
)
from .parallel import fork_map
from .textio import read_content_file
from .yamlio import YList, YMap, load_yaml

log = logging.getLogger("briefing")

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_UNREADABLE = YList()  # stands for a file that could not be parsed at all
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
        briefing_doc = _empty_mapping()  # an empty file: its missing title and bottom line are reported
    briefing = _briefing(None if briefing_doc is _UNREADABLE else briefing_doc, problems)
    articles, unreadable_articles = _articles(content_dir, problems, warnings, cache)
    actors = _list_of(documents["actors.yaml"], "actors.yaml", _actor, problems)
    figures = _list_of(documents["figures.yaml"], "figures.yaml", _figure, problems)
    questions = _list_of(documents["questions.yaml"], "questions.yaml", _question, problems)
    events = _list_of(documents["timeline.yaml"], "timeline.yaml", _event, problems)

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
        if documents.get(name) is _UNREADABLE:
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
    if not path.exists():
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
        return _UNREADABLE


class Fields:
    """Reads one YAML mapping field by field, recording each problem at the line it stands on."""

    def __init__(self, data: Any, path: str, line: int | None, what: str,
                 allowed: dict[str, bool], problems: Problems):
        self.path, self.what, self.problems = path, what, problems
        self.ok = isinstance(data, dict)
        self.data: dict = data if self.ok else {}
        self.line = getattr(data, "line", line)
        if not self.ok:
            problems.add(path, line, f"{what} should be a mapping of keys to values, not {_kind_of(data)}")
            return
        for key in self.data:
            if key not in allowed:
                problems.add(path, self.key_line(key), f"unknown key '{key}' in {what}", closest(key, allowed))
        for key, required in allowed.items():
            if required and _blank(self.data.get(key)):
                problems.add(path, self.line, f"{what} has no '{key}'")

    def key_line(self, key: str) -> int | None:
        return getattr(self.data, "key_lines", {}).get(key, self.line)

    def at(self, key: str | None = None) -> Source:
        return Source(self.path, self.key_line(key) if key else self.line)

    def string(self, key: str) -> str | None:
        value = self.data.get(key)
        if _blank(value):
            return None
        if isinstance(value, (dict, list)):
            self.problems.add(self.path, self.key_line(key), f"'{key}' should be text, not {_kind_of(value)}")
            return None
        return str(value).strip()

    def text(self, key: str) -> Text | None:
        value = self.string(key)
        if value is None:
            return None
        line = getattr(self.data, "text_lines", {}).get(key, self.key_line(key))
        return Text(value, Source(self.path, line))

    def ident(self, key: str) -> str | None:
        value = self.string(key)
        if value is not None and not ID_PATTERN.match(value):
            self.problems.add(self.path, self.key_line(key),
                              f"'{key}' must be lowercase letters, digits and hyphens, not '{value}'",
                              _as_id(value))
            return None
        return value

    def choice(self, key: str, choices: tuple[str, ...] | dict) -> str | None:
        value = self.string(key)
        if value is None:
            return None
        value = value.lower()
        if value not in choices:
            self.problems.add(self.path, self.key_line(key),
                              f"'{key}' must be one of: {', '.join(choices)}; not '{value}'",
                              closest(value, choices, cutoff=0.4))
            return None
        return value

    def items(self, key: str) -> list[tuple[Any, int | None]]:
        value = self.data.get(key)
        if _blank(value):
            return []
        if not isinstance(value, list):
            if isinstance(value, str) and key in ("actors", "aliases", "watch"):
                return [(value, self.key_line(key))]  # one item written without brackets
            self.problems.add(self.path, self.key_line(key), f"'{key}' should be a list, not {_kind_of(value)}")
            return []
        lines = getattr(value, "item_lines", [self.key_line(key)] * len(value))
        return list(zip(value, lines))

    def strings(self, key: str) -> list[tuple[str, int | None]]:
        result = []
        for item, line in self.items(key):
            if isinstance(item, (dict, list)) or _blank(item):
                self.problems.add(self.path, line, f"each item of '{key}' should be plain text")
            else:
                result.append((str(item).strip(), line))
        return result


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, (str, list)) and not value) or (isinstance(value, str) and not value.strip())


def _empty_mapping() -> YMap:
    empty = YMap()
    empty.line, empty.key_lines, empty.text_lines = 1, {}, {}
    return empty


def _kind_of(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    return f"'{value}'"


def _as_id(value: str) -> str | None:
    candidate = re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")
    return candidate or None


def _list_of(document: Any, name: str, read_one, problems: Problems) -> list:
    if document is None or document is _UNREADABLE:
        return []
    path = f"content/{name}"
    if not isinstance(document, list):
        problems.add(path, getattr(document, "line", 1), f"should be a list of entries (each starting with '- id:'), not {_kind_of(document)}")
        return []
    result, seen = [], {}
    for item, line in zip(document, document.item_lines):
        entry = read_one(item, path, line, problems)
        if entry is None:
            continue
        key = getattr(entry, "id", None)
        if key in seen:
            problems.add(path, line, f"duplicate id '{key}' (first at line {seen[key]})")
            continue
        seen[key] = line
        result.append(entry)
    return result


QUOTE_KEYS = {"article": True, "quote": True, "via": False}


def _quote_ref(fields: Fields, line: int | None) -> QuoteRef | None:
    article, quote = fields.ident("article"), fields.string("quote")
    if article is None or quote is None:
        return None
    return QuoteRef(article, quote, Source(fields.path, fields.key_line("quote") or line), fields.string("via"))


def _actor(data: Any, path: str, line: int | None, problems: Problems) -> Actor | None:
    allowed = {"id": True, "name": True, "kind": True, "role": False, "aliases": False,
               "summary": False, "related": False, "accept": False}
    f = Fields(data, path, line, "an actor", allowed, problems)
    actor_id, name, kind = f.ident("id"), f.string("name"), f.choice("kind", KINDS_OF_ACTOR)
    related = []
    for item, item_line in f.items("related"):
        r = Fields(item, path, item_line, "a relation", {"actor": True, "relation": True}, problems)
        other, relation = r.ident("actor"), r.string("relation")
        if other and relation:
            related.append(Relation(other, relation, Source(path, r.key_line("actor"))))
    aliases = tuple(alias for alias, _ in f.strings("aliases"))
    if not (f.ok and actor_id and name and kind):
        return None
    return Actor(actor_id, name, kind, f.string("role"), aliases, f.text("summary"), tuple(related), f.at(),
                 accept=f.string("accept"))


def _number(value: Any) -> float | None:
    """A report's value: a finite number (YAML's .inf and .nan are not counts of anything)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        try:
            value = float(value.replace(",", "").replace("%", "").strip())
        except ValueError:
            return None
    if isinstance(value, (int, float)) and math.isfinite(value):
        return value
    return None


def _figure(data: Any, path: str, line: int | None, problems: Problems) -> Figure | None:
    allowed = {"id": True, "label": True, "unit": False, "reports": True, "note": False, "accept": False}
    f = Fields(data, path, line, "a figure", allowed, problems)
    reports = []
    for item, item_line in f.items("reports"):
        r = Fields(item, path, item_line, "a report",
                   {"value": True, "qualifier": False, **QUOTE_KEYS}, problems)
        value = _number(r.data.get("value"))
        if r.data.get("value") is not None and value is None:
            problems.add(path, r.key_line("value"), f"'value' should be a number, not '{r.data.get('value')}'")
        qualifier = r.choice("qualifier", QUALIFIERS)
        source = _quote_ref(r, item_line)
        if value is not None and source:
            reports.append(Report(value, qualifier, source))
    figure_id, label = f.ident("id"), f.string("label")
    if not (f.ok and figure_id and label):
        return None
    return Figure(figure_id, label, f.string("unit"), tuple(reports), f.text("note"), f.at(),
                  accept=f.string("accept"))


def _question(data: Any, path: str, line: int | None, problems: Problems) -> Question | None:
    allowed = {"id": True, "question": True, "summary": False, "actors": False,
               "evidence": False, "watch": False, "accept": False}
    f = Fields(data, path, line, "a question", allowed, problems)
    evidence = []
    for item, item_line in f.items("evidence"):
        e = Fields(item, path, item_line, "evidence",
                   {**QUOTE_KEYS, "leans": True}, problems)
        leans, source = e.choice("leans", LEANS), _quote_ref(e, item_line)
        if leans and source:
            evidence.append(Evidence(source, leans))
    actors = f.strings("actors")
    watch = tuple(Text(text, Source(path, item_line)) for text, item_line in f.strings("watch"))
    question_id, question = f.ident("id"), f.string("question")
    if not (f.ok and question_id and question):
        return None
    return Question(question_id, question, f.text("summary"), tuple(a for a, _ in actors),
                    tuple(evidence), watch, f.at(), tuple(ln for _, ln in actors), accept=f.string("accept"))


def parse_partial_date(value: Any) -> PartialDate | None:
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return PartialDate(value.year, value.month, value.day)
    match = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", str(value).strip())
    if not match:
        return None
    year, month, day = (int(part) if part else 0 for part in match.groups())
    if year < 1:
        return None
    try:
        if month:
            dt.date(year, month, day or 1)
    except ValueError:
        return None
    return PartialDate(year, month, day)


def _event(data: Any, path: str, line: int | None, problems: Problems) -> Event | None:
    allowed = {"id": True, "date": True, "event": True, "actors": False, "source": False, "accept": False}
    f = Fields(data, path, line, "an event", allowed, problems)
    date = None
    if f.data.get("date") is not None:
        date = parse_partial_date(f.data["date"])
        if date is None:
            problems.add(path, f.key_line("date"),
                         f"'date' should be YYYY, YYYY-MM or YYYY-MM-DD, not '{f.data['date']}'")
    source = None
    if f.data.get("source") is not None:
        s = Fields(f.data["source"], path, f.key_line("source"), "a source",
                   QUOTE_KEYS, problems)
        source = _quote_ref(s, f.key_line("source"))
    actors = f.strings("actors")
    event_id, text = f.ident("id"), f.text("event")
    if not (f.ok and event_id and text and date):
        return None
    return Event(event_id, date, text, tuple(a for a, _ in actors), source, f.at(),
                 tuple(ln for _, ln in actors), accept=f.string("accept"))


def _parse_date(value: Any) -> dt.date | dt.datetime | None:
    if isinstance(value, (dt.date, dt.datetime)):
        return value
    text = str(value).strip()
    for parse in (dt.date.fromisoformat, dt.datetime.fromisoformat):
        try:
            return parse(text)
        except ValueError:
            continue
    return None


def _briefing(data: Any, problems: Problems) -> Briefing:
    path = "content/briefing.yaml"
    allowed = {"title": True, "subtitle": False, "as_of": False, "base_url": False,
               "bottom_line": True, "key_judgments": False}
    if data is None:  # missing or unreadable: already reported
        return Briefing("", None, None, None, None, (), Source(path, None))
    f = Fields(data, path, 1, "the briefing", allowed, problems)
    as_of = None
    if f.data.get("as_of") is not None:
        as_of = _parse_date(f.data["as_of"])
        if isinstance(as_of, dt.datetime):
            as_of = as_of.date()
        if as_of is None:
            problems.add(path, f.key_line("as_of"), f"'as_of' should be a date like 2022-01-08, not '{f.data['as_of']}'")
    base_url = f.string("base_url")
    if base_url and not re.match(r"https?://[^\s/]+", base_url):
        problems.add(path, f.key_line("base_url"), f"'base_url' must start with http:// or https://, not '{base_url}'")
        base_url = None
    if base_url and not base_url.endswith("/"):
        base_url += "/"
    judgments = []
    for number, (item, item_line) in enumerate(f.items("key_judgments"), start=1):
        j = Fields(item, path, item_line, "a key judgment",
                   {"text": True, "likelihood": True, "confidence": True, "evidence": False, "accept": False}, problems)
        evidence = []
        for ev, ev_line in j.items("evidence"):
            e = Fields(ev, path, ev_line, "evidence", QUOTE_KEYS, problems)
            ref = _quote_ref(e, ev_line)
            if ref:
                evidence.append(ref)
        text, likelihood, confidence = j.text("text"), j.choice("likelihood", LIKELIHOODS), j.choice("confidence", CONFIDENCES)
        if j.ok and text and likelihood and confidence:
            judgments.append(Judgment(number, text, likelihood, confidence, tuple(evidence), j.at(),
                                      accept=j.string("accept")))
    return Briefing(f.string("title") or "", f.string("subtitle"), as_of, base_url,
                    f.text("bottom_line"), tuple(judgments), f.at())


# --- articles -------------------------------------------------------------------------------

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
        if path.name.startswith(".") or path.name.endswith("~") or path.is_dir():
            continue
        if path.suffix not in (".md", ".txt"):
            warnings.append(f"{shown}: skipped: articles are .md or .txt files")
            continue
        slug = path.stem
        if not ID_PATTERN.match(slug):
            problems.add(shown, None, "an article's file name must be lowercase letters, digits and hyphens",
                         f"{_as_id(slug)}{path.suffix}")
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
        data = _empty_mapping()
    f = Fields(data, shown, 1, "the front matter", ARTICLE_KEYS, problems)
    if not f.ok:
        return None
    published = None
    if f.data.get("published") is not None:
        published = _parse_date(f.data["published"])
        if published is None:
            problems.add(shown, f.key_line("published"),
                         f"'published' should be a date (2022-01-06) or date and time (2022-01-06 14:30), not '{f.data['published']}'")
    url = f.string("url")
    if url and not re.match(r"https?://\S+$", url):
        problems.add(shown, f.key_line("url"), f"'url' must be an http:// or https:// address, not '{url}'")
        url = None
    for key in ("outlet", "published"):
        if _blank(f.data.get(key)):
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
    published = _parse_date(cleaned.published) if cleaned.published else None
    title = cleaned.title
    if not title:  # the first line reads as the start of the text, not as a headline
        title = slug.replace("-", " ").capitalize()
        warnings.append(f"{shown}:1: no title line found; showing '{title}': add a title as the first line")
    return Article(slug, title, cleaned.outlet, cleaned.author, published, cleaned.url,
                   cleaned.kind, None, cleaned.body, Source(shown, 1), 2)
