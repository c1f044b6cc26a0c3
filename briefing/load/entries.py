"""The entries of the YAML files, one reader per kind: actors, figures, questions, events, the briefing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, TypeVar

from ..errors import Problems
from ..model import (
    BASES,
    CONFIDENCES,
    JUDGMENT_LEANS,
    KINDS_OF_ACTOR,
    LEANS,
    LIKELIHOODS,
    QUALIFIERS,
    Actor,
    Assessment,
    Briefing,
    Event,
    Evidence,
    Figure,
    Judgment,
    Question,
    Report,
    Source,
    Text,
)
from .fields import UNREADABLE, Fields, kind_of, parse_date, parse_partial_date
from .quotes import QUOTE_KEYS, quote_ref, read_source
from .relations import read_relation
from .values import base_url_problem, number, value_problem

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
