"""The entries of the YAML files, one reader per kind: actors, figures, questions, events, the briefing."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable
from typing import Any, TypeVar
from urllib.parse import unquote

from ..errors import Problems, closest
from ..model import (
    BASES,
    CONFIDENCES,
    JUDGMENT_LEANS,
    KINDS_OF_ACTOR,
    LEANS,
    LIKELIHOODS,
    QUALIFIERS,
    RELATION_KINDS,
    RELATION_OBJECT_KEYS,
    Actor,
    Assessment,
    Briefing,
    Event,
    Evidence,
    Figure,
    Judgment,
    Question,
    QuoteRef,
    Relation,
    Report,
    Source,
    Text,
)
from .fields import UNREADABLE, Fields, as_id, kind_of, parse_date, parse_partial_date

Entry = TypeVar("Entry", Actor, Figure, Question, Event)


def list_of(document: Any, name: str, read_one: Callable[[Any, str, int | None, Problems], Entry | None],
            problems: Problems) -> list[Entry]:
    if document is None or document is UNREADABLE:
        return []
    path = f"content/{name}"
    if not isinstance(document, list):
        problems.add(path, getattr(document, "line", 1), f"should be a list of entries (each starting with '- id:'), not {kind_of(document)}")
        return []
    result: list[Entry] = []
    seen: dict[str, int] = {}
    for item, line in zip(document, getattr(document, "item_lines", [None] * len(document))):
        entry = read_one(item, path, line, problems)
        if entry is None:
            continue
        key = entry.id
        if key in seen:
            problems.add(path, line, f"duplicate id '{key}' (first at line {seen[key]})")
            continue
        seen[key] = line
        result.append(entry)
    return result


QUOTE_KEYS = {"article": True, "quote": True, "via": False, "speaker": False}


def quote_ref(fields: Fields, line: int | None) -> QuoteRef | None:
    article, quote = fields.ident("article"), fields.string("quote")
    if article is None or quote is None:
        return None
    speaker = fields.string("speaker")
    return QuoteRef(article, quote, Source(fields.path, fields.key_line("quote") or line), fields.string("via"),
                    speaker, fields.key_line("speaker") if speaker else None)


def read_source(fields: Fields, key: str) -> QuoteRef | None:
    """A mapping of QUOTE_KEYS under `key` (an event's or a relation's source), or None."""
    if fields.data.get(key) is None:
        return None
    s = Fields(fields.data[key], fields.path, fields.key_line(key), "a source", QUOTE_KEYS, fields.problems)
    return quote_ref(s, fields.key_line(key))


def read_actor(data: Any, path: str, line: int | None, problems: Problems) -> Actor | None:
    allowed = {"id": True, "name": True, "kind": True, "role": False, "aliases": False,
               "summary": False, "related": False, "accept": False, "basis": False, "background": False}
    f = Fields(data, path, line, "an actor", allowed, problems)
    actor_id, name, kind = f.ident("id"), f.string("name"), f.choice("kind", KINDS_OF_ACTOR)
    related = [r for item, item_line in f.items("related")
               if (r := read_relation(item, path, item_line, problems, actor_id))]
    aliases = tuple(alias for alias, _ in f.strings("aliases"))
    basis = f.choice("basis", BASES) or "sources"
    if not (f.ok and actor_id and name and kind):
        return None
    return Actor(actor_id, name, kind, f.string("role"), aliases, f.text("summary"), tuple(related), f.at(),
                 accept=f.string("accept"), basis=basis, background=f.text("background"))


_RELATION_EXTRAS = {"basis": False, "source": False, "background": False}


def _old_relation_hint(other: str, words: str, this: str | None) -> str:
    """The warning for `{actor: X, relation: R}`, with the statement it probably means."""
    kind = closest(as_id(words) or "", RELATION_KINDS, cutoff=0.7) or "KIND"
    return (f"'relation: {words}' can be read both ways (what is {other} to whom?): state it on one actor's "
            f"entry with a kind from the README, e.g. on {other}'s: '- {kind}: {this or '...'}', or write "
            "'{actor, phrase, inverse}' with the words for both pages")


def read_relation(data: Any, path: str, line: int | None, problems: Problems,
                  this: str | None = None) -> Relation | None:
    """One item of `related:`: `- KIND: ID` (README: relations), free text with both
    phrasings, or the old `{actor, relation}`, which still builds with a warning."""
    keys = set(data) if isinstance(data, dict) else set()
    if "relation" in keys:
        r = Fields(data, path, line, "a relation", {"actor": True, "relation": True, **_RELATION_EXTRAS}, problems)
        other, words = r.ident("actor"), r.string("relation")
        if not (other and words):
            return None
        problems.warn(path, r.key_line("relation"), _old_relation_hint(other, words, this))
        return Relation(other, r.at("actor"), relation=words, basis=r.choice("basis", BASES) or "sources",
                        source=read_source(r, "source"), background=r.text("background"))
    if keys & {"phrase", "inverse"}:
        r = Fields(data, path, line, "a relation",
                   {"actor": True, "phrase": True, "inverse": True, **_RELATION_EXTRAS}, problems)
        other, phrase, inverse = r.ident("actor"), r.string("phrase"), r.string("inverse")
        if not (other and phrase and inverse):
            return None
        return Relation(other, r.at("actor"), phrase=phrase, inverse=inverse,
                        basis=r.choice("basis", BASES) or "sources", source=read_source(r, "source"),
                        background=r.text("background"))
    r = Fields(data, path, line, "a relation", {**dict.fromkeys(RELATION_KINDS, False), **_RELATION_EXTRAS},
               problems)
    kinds = [key for key in r.data if key in RELATION_KINDS]
    if r.ok and len(kinds) != 1:
        if not keys - set(_RELATION_EXTRAS) - set(RELATION_KINDS):  # unknown keys are reported already
            problems.add(path, r.line, "a relation names one kind and the other actor, like '- member-of: csto' "
                         "(see the README for the kinds)")
        return None
    if not r.ok:
        return None
    kind = kinds[0]
    value = r.data[kind]
    if isinstance(value, dict):
        target = RELATION_OBJECT_KEYS.get(kind, "actor")
        allowed = {target: True, "title": RELATION_KINDS[kind].titled and kind != "part-of"}
        v = Fields(value, path, r.key_line(kind), f"'{kind}'", allowed, problems)
        other, title = v.ident(target), v.string("title")
    else:
        other, title = r.ident(kind), None
        if RELATION_KINDS[kind].titled and kind != "part-of":
            problems.add(path, r.key_line(kind), f"'{kind}' needs a title: {kind}: {{at: {other}, title: ...}}")
            return None
    if not other:
        return None
    return Relation(other, r.at(kind), kind=kind, title=title, basis=r.choice("basis", BASES) or "sources",
                    source=read_source(r, "source"), background=r.text("background"))


def number(value: Any) -> float | None:
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


# What a figure can be and still be read, compared and plotted: counts, sums of money, shares.
# Past a thousand trillion a float no longer holds every whole number, and 1.7e308 overflows the
# plot's axis; below 0.0001 a value shows as 1e-05, or as nothing at all.
LARGEST_VALUE, SMALLEST_VALUE = 1e15, 1e-4


def value_problem(raw: Any, value: float | None) -> str | None:
    """Why a report's value cannot be used, or None."""
    if value is None:
        if isinstance(raw, str) and _overflows(raw):
            return f"'value' {raw.strip()} is too large to plot: at most {LARGEST_VALUE:,.0f} either side of 0"
        return f"'value' should be a number, not '{raw}'"
    if abs(value) > LARGEST_VALUE:
        return f"'value' {raw} is too large to plot: at most {LARGEST_VALUE:,.0f} either side of 0"
    if value and abs(value) < SMALLEST_VALUE:
        return f"'value' {raw} is too small to plot: 0, or at least {SMALLEST_VALUE}"
    return None


def _overflows(text: str) -> bool:
    try:
        return math.isinf(float(text.replace(",", "").replace("%", "").strip()))
    except ValueError:
        return False


def read_figure(data: Any, path: str, line: int | None, problems: Problems) -> Figure | None:
    allowed = {"id": True, "label": True, "unit": False, "reports": True, "note": False, "accept": False,
               "reconciled": False, "basis": False, "background": False}
    f = Fields(data, path, line, "a figure", allowed, problems)
    reports = []
    for item, item_line in f.items("reports"):
        r = Fields(item, path, item_line, "a report",
                   {"value": True, "qualifier": False, **QUOTE_KEYS}, problems)
        value = number(r.data.get("value"))
        if r.data.get("value") is not None and (problem := value_problem(r.data.get("value"), value)):
            problems.add(path, r.key_line("value"), problem)
            value = None
        qualifier = r.choice("qualifier", QUALIFIERS)
        source = quote_ref(r, item_line)
        if value is not None and source:
            reports.append(Report(value, qualifier, source))
    figure_id, label = f.ident("id"), f.string("label")
    reconciled, basis = f.text("reconciled"), f.choice("basis", BASES) or "sources"
    if not (f.ok and figure_id and label):
        return None
    return Figure(figure_id, label, f.string("unit"), tuple(reports), f.text("note"), f.at(),
                  accept=f.string("accept"), reconciled=reconciled, basis=basis, background=f.text("background"))


def read_question(data: Any, path: str, line: int | None, problems: Problems) -> Question | None:
    allowed = {"id": True, "question": True, "summary": False, "actors": False,
               "evidence": False, "watch": False, "accept": False, "assessment": False}
    f = Fields(data, path, line, "a question", allowed, problems)
    evidence = []
    for item, item_line in f.items("evidence"):
        e = Fields(item, path, item_line, "evidence",
                   {**QUOTE_KEYS, "leans": True}, problems)
        leans, source = e.choice("leans", LEANS), quote_ref(e, item_line)
        if leans and source:
            evidence.append(Evidence(source, leans))
    actors = f.strings("actors")
    watch = tuple(Text(text, Source(path, item_line)) for text, item_line in f.strings("watch"))
    assessment = None
    if f.data.get("assessment") is not None:
        a = Fields(f.data["assessment"], path, f.key_line("assessment"), "an assessment",
                   {"text": False, "likelihood": True, "confidence": True, "judgment": False}, problems)
        likelihood, confidence = a.choice("likelihood", LIKELIHOODS), a.choice("confidence", CONFIDENCES)
        if a.ok and likelihood and confidence:
            assessment = Assessment(a.text("text"), likelihood, confidence, a.ident("judgment"), a.at())
    question_id, question = f.ident("id"), f.string("question")
    if not (f.ok and question_id and question):
        return None
    return Question(question_id, question, f.text("summary"), tuple(a for a, _ in actors),
                    tuple(evidence), watch, f.at(), tuple(ln for _, ln in actors), accept=f.string("accept"),
                    assessment=assessment)


def read_event(data: Any, path: str, line: int | None, problems: Problems) -> Event | None:
    allowed = {"id": True, "date": True, "event": True, "actors": False, "source": False, "accept": False,
               "basis": False, "background": False}
    f = Fields(data, path, line, "an event", allowed, problems)
    date = f.parsed("date", parse_partial_date, "YYYY, YYYY-MM or YYYY-MM-DD")
    source = read_source(f, "source")
    actors = f.strings("actors")
    basis, background = f.choice("basis", BASES) or "sources", f.text("background")
    event_id, text = f.ident("id"), f.text("event")
    if not (f.ok and event_id and text and date):
        return None
    return Event(event_id, date, text, tuple(a for a, _ in actors), source, f.at(),
                 tuple(ln for _, ln in actors), accept=f.string("accept"), basis=basis, background=background)


_HOST = re.compile(r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)*[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                   r"|\[[0-9A-Fa-f:.]+\]")
_PATH = re.compile(r"(?:/(?:[A-Za-z0-9._~!$&'()*+,;=:@-]|%[0-9A-Fa-f]{2})+)*/?")


def base_url_problem(url: str) -> str | None:
    """Why `url` cannot be the site's public address, or None.

    It goes into robots.txt, the feed, the sitemap and the 404 page's <base href>: only an absolute
    http(s) address of a host and a folder, nothing a browser or a crawler would read otherwise
    (`https://example.org//evil.example/` is a base of //evil.example/, another host).
    """
    scheme, sep, rest = url.partition("://")
    if not sep or scheme not in ("http", "https"):
        return "it must start with http:// or https://"
    if any(ch.isspace() or ord(ch) < 32 or 0x7F <= ord(ch) <= 0x9F for ch in url):
        return "it has a space, line break or control character"
    if "\\" in url:
        return "it has a backslash"
    if "?" in url or "#" in url:
        return "it has a query (?) or fragment (#)"
    host, slash, site_path = rest.partition("/")
    if "@" in host:
        return "it has a user name (@) before the host"
    name, colon, port = host.rpartition(":") if not host.endswith("]") else (host, "", "")
    if not colon:
        name = host
    if not _HOST.fullmatch(name) or (colon and not (port.isdigit() and 0 < int(port) < 65536)):
        return "its host is not a domain name or IP address (with an optional :port)"
    site_path = slash + site_path
    if "//" in site_path:
        return "its path has an empty part (//)"
    segments = [unquote(part) for part in site_path.split("/")]
    if "." in segments or ".." in segments:
        return "its path has a . or .. part"
    if not _PATH.fullmatch(site_path):
        return "its path has characters a URL cannot hold as they are (use %-escapes)"
    return None


def read_briefing(data: Any, problems: Problems) -> Briefing:
    path = "content/briefing.yaml"
    allowed = {"title": True, "subtitle": False, "as_of": False, "base_url": False,
               "bottom_line": True, "key_judgments": False, "limits": False, "key_figures": False}
    if data is None:  # missing or unreadable: already reported
        return Briefing("", None, None, None, None, (), Source(path, None))
    f = Fields(data, path, 1, "the briefing", allowed, problems)
    as_of = f.parsed("as_of", parse_date, "a date like 2022-01-08")
    if isinstance(as_of, dt.datetime):
        as_of = as_of.date()
    base_url = f.string("base_url")
    if base_url and (why := base_url_problem(base_url)):
        problems.add(path, f.key_line("base_url"), f"'base_url' must be the site's address, like "
                                                   f"https://example.org/briefing/, not '{base_url}': {why}")
        base_url = None
    if base_url and not base_url.endswith("/"):
        base_url += "/"
    judgments = [judgment for number, (item, item_line) in enumerate(f.items("key_judgments"), start=1)
                 if (judgment := read_judgment(item, number, path, item_line, problems))]
    seen: dict[str, int | None] = {}
    for judgment in judgments:
        if judgment.id in seen:
            problems.add(path, judgment.at.line, f"duplicate id '{judgment.id}' (first at line {seen[judgment.id]})")
        elif judgment.id:
            seen[judgment.id] = judgment.at.line
    return Briefing(f.string("title") or "", f.string("subtitle"), as_of, base_url,
                    f.text("bottom_line"), tuple(judgments), f.at(), limits=f.text("limits"),
                    key_figures=tuple(f.strings("key_figures")))


def read_judgment(data: Any, number: int, path: str, line: int | None, problems: Problems) -> Judgment | None:
    j = Fields(data, path, line, "a key judgment",
               {"id": False, "text": True, "likelihood": True, "confidence": True, "evidence": False,
                "accept": False, "changed": False}, problems)
    evidence = []
    for item, item_line in j.items("evidence"):
        e = Fields(item, path, item_line, "evidence", {**QUOTE_KEYS, "leans": False}, problems)
        leans, ref = e.choice("leans", JUDGMENT_LEANS) or "for", quote_ref(e, item_line)
        if ref:
            evidence.append(Evidence(ref, leans))
    text, likelihood, confidence = j.text("text"), j.choice("likelihood", LIKELIHOODS), j.choice("confidence", CONFIDENCES)
    judgment_id = j.ident("id")
    if not (j.ok and text and likelihood and confidence):
        return None
    return Judgment(number, text, likelihood, confidence, tuple(evidence), j.at(), accept=j.string("accept"),
                    id=judgment_id, changed=j.text("changed"))


# --- articles -------------------------------------------------------------------------------
