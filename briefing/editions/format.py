"""The claims-1 format: an edition as JSON, in content/editions/AS_OF.json and as the site's claims.json.

`dumps` writes an edition with sorted keys and a fixed order of entries, so that two editions
differ in git only where the briefing did; `loads` reads one back, stopping at its first
problem with the line it is on. schema/claims-1.schema.json describes the same format for
other tools; the tests hold the two to each other.
"""

from __future__ import annotations

import bisect
import datetime as dt
import json
import json.scanner
import math
import re
from collections.abc import Callable, Iterable
from json.decoder import JSONObject  # type: ignore[attr-defined]  # public, but not in typeshed
from typing import Any, TypeVar

from ..errors import ContentError
from ..load.fields import ID_PATTERN, kind_of
from ..markup import RefTarget
from ..model import BASES, CONFIDENCES, JUDGMENT_LEANS, KINDS_OF_ARTICLE, LEANS, LIKELIHOODS, QUALIFIERS
from .records import (
    ArticleRecord,
    AssessmentRecord,
    Edition,
    EventRecord,
    FigureRecord,
    JudgmentRecord,
    QuestionRecord,
    QuoteRecord,
    ReportRecord,
    SourceRecord,
    SpeakerRecord,
)

VERSION = 1
SCHEMA_ID = "urn:briefing:schema:claims-1"  # the $id of schema/claims-1.schema.json
IDS_NEEDED = "give each key judgment an id: editions compare judgments by it"
_PARTIAL_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


# --- an edition -> JSON ------------------------------------------------------------------------

def dumps(edition: Edition) -> str:
    """The edition as claims-1 JSON: sorted keys, entries in a fixed order, UTF-8 words as they are."""
    document = {
        "version": VERSION,
        "title": edition.title,
        "as_of": edition.as_of.isoformat() if edition.as_of else None,
        "base_url": edition.base_url,
        "bottom_line": edition.bottom_line,
        "refs": {f"{kind}:{key}": {"text": t.text, "url": t.url} for (kind, key), t in edition.refs},
        "judgments": [{"id": j.id, "text": j.text, "likelihood": j.likelihood, "confidence": j.confidence,
                       "changed": j.changed, "evidence": [_quote_json(q) for q in j.evidence],
                       "sources": _sources_json(j.sources)} for j in edition.judgments],
        "figures": [{"id": f.id, "label": f.label, "unit": f.unit, "basis": f.basis,
                     "reports": [{"value": _number(r.value), "qualifier": r.qualifier, **_quote_json(r.source)}
                                 for r in f.reports],
                     "sources": _sources_json(f.sources)} for f in edition.figures],
        "questions": [{"id": q.id, "question": q.question,
                       "assessment": None if q.assessment is None else {
                           "likelihood": q.assessment.likelihood, "confidence": q.assessment.confidence,
                           "text": q.assessment.text, "judgment": q.assessment.judgment},
                       "evidence": [_quote_json(e) for e in q.evidence],
                       "sources": _sources_json(q.sources)} for q in edition.questions],
        "events": [{"id": e.id, "date": e.date, "text": e.text, "basis": e.basis,
                    "source": _quote_json(e.source) if e.source else None,
                    "sources": _sources_json(e.sources)} for e in edition.events],
        "articles": [{"slug": a.slug, "title": a.title, "outlet": a.outlet, "author": a.author, "kind": a.kind,
                      "published": a.published, "url": a.url, "syndicates": a.syndicates,
                      "retracted": a.retracted, "discredited": a.discredited} for a in edition.articles],
    }
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _number(value: float) -> float | int:
    return int(value) if float(value).is_integer() else value


def _quote_json(q: QuoteRecord) -> dict[str, Any]:
    found: dict[str, Any] = {"article": q.article, "quote": q.quote, "passage": q.passage, "via": q.via,
                             "speaker": {"name": q.speaker.name, "role": q.speaker.role} if q.speaker else None,
                             "counts_as": {"name": q.counts_as.name, "kind": q.counts_as.kind} if q.counts_as else None}
    if q.leans is not None:
        found["leans"] = q.leans
    return found


def _sources_json(sources: tuple[SourceRecord, ...]) -> list[dict[str, Any]]:
    return [{"name": s.name, "kind": s.kind} for s in sources]


# --- JSON -> an edition --------------------------------------------------------------------------

class _Lined(dict[str, Any]):
    """A JSON object that knows the line it starts on."""

    line: int


Obj = dict[str, Any]  # a JSON object; a _Lined one when the problem's line is wanted


def _parse(text: str, path: str, *, lines: bool) -> Any:
    """json.loads; with `lines`, each object knows its line (by a hook that only the slower
    pure-Python scanner allows, so it is used only to place a problem already found)."""
    try:
        return _line_keeping_decoder(text).decode(text) if lines else json.loads(text)
    except json.JSONDecodeError as exc:
        raise ContentError(path, exc.lineno, f"not valid JSON: {exc.msg}") from None
    except RecursionError:
        raise ContentError(path, None, "not valid JSON: nested too deeply") from None


def _line_keeping_decoder(text: str) -> json.JSONDecoder:
    newlines = [i for i, char in enumerate(text) if char == "\n"]
    decoder = json.JSONDecoder()

    def parse_object(s_and_end: tuple[str, int], *args: Any) -> tuple[_Lined, int]:
        value, end = JSONObject(s_and_end, *args)
        lined = _Lined(value)
        lined.line = bisect.bisect_left(newlines, s_and_end[1] - 1) + 1
        return lined, end

    decoder.parse_object = parse_object  # type: ignore[attr-defined]
    decoder.scan_once = json.scanner.py_make_scanner(decoder)  # type: ignore[attr-defined]
    return decoder


Made = TypeVar("Made")


class _Reader:
    """Reads one edition file, raising ContentError at its first problem (one line per bad file)."""

    def __init__(self, path: str) -> None:
        self.path = path

    def fail(self, at: Any, message: str) -> ContentError:
        return ContentError(self.path, getattr(at, "line", None), message)

    def object(self, value: Any, what: str, parent: Any) -> Obj:
        if not isinstance(value, dict):
            raise self.fail(parent, f"{what} should be an object, not {kind_of(value)}")
        return value

    def items(self, obj: Obj, key: str, what: str, read: Callable[[Obj], Made]) -> tuple[Made, ...]:
        value = self.value(obj, key)
        if not isinstance(value, list):
            raise self.fail(obj, f"'{key}' should be a list, not {kind_of(value)}")
        return tuple(read(self.object(item, what, obj)) for item in value)

    def value(self, obj: Obj, key: str) -> Any:
        if key not in obj:
            raise self.fail(obj, f"no '{key}'")
        return obj[key]

    def text(self, obj: Obj, key: str, *, pattern: re.Pattern[str] | None = None,
             choices: Iterable[str] | None = None) -> str:
        value = self.value(obj, key)
        if not isinstance(value, str) or not value.strip():
            raise self.fail(obj, f"'{key}' should be text, not {kind_of(value)}")
        if pattern is not None and not pattern.fullmatch(value):
            raise self.fail(obj, f"'{key}' is not a valid value: '{value}'")
        if choices is not None and value not in choices:
            raise self.fail(obj, f"'{key}' must be one of: {', '.join(choices)}; not '{value}'")
        return value

    def optional(self, obj: Obj, key: str, **checks: Any) -> str | None:
        return None if self.value(obj, key) is None else self.text(obj, key, **checks)

    def number(self, obj: Obj, key: str) -> float:
        value = self.value(obj, key)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            raise self.fail(obj, f"'{key}' should be a number, not {kind_of(value)}")
        return value

    def quote(self, obj: Obj, leans: Iterable[str] | None = None) -> QuoteRecord:
        speaker = counts_as = None
        if self.value(obj, "speaker") is not None:
            s = self.object(obj["speaker"], "'speaker'", obj)
            speaker = SpeakerRecord(self.text(s, "name"), self.optional(s, "role"))
        if self.value(obj, "counts_as") is not None:
            counts_as = self.source(self.object(obj["counts_as"], "'counts_as'", obj))
        return QuoteRecord(self.text(obj, "article", pattern=ID_PATTERN), self.text(obj, "quote"),
                           self.optional(obj, "passage"), speaker, self.optional(obj, "via"), counts_as,
                           self.text(obj, "leans", choices=leans) if leans is not None else None)

    def source(self, obj: Obj) -> SourceRecord:
        return SourceRecord(self.text(obj, "name"), self.optional(obj, "kind", choices=KINDS_OF_ARTICLE))

    def sources(self, obj: Obj) -> tuple[SourceRecord, ...]:
        return self.items(obj, "sources", "a source", self.source)

    def judgment(self, obj: Obj) -> JudgmentRecord:
        if obj.get("id") is None:
            raise self.fail(obj, f"a key judgment has no id: {IDS_NEEDED}")
        return JudgmentRecord(
            self.text(obj, "id", pattern=ID_PATTERN), self.text(obj, "text"),
            self.text(obj, "likelihood", choices=LIKELIHOODS), self.text(obj, "confidence", choices=CONFIDENCES),
            self.optional(obj, "changed"),
            self.items(obj, "evidence", "evidence", lambda e: self.quote(e, JUDGMENT_LEANS)), self.sources(obj))

    def figure(self, obj: Obj) -> FigureRecord:
        return FigureRecord(
            self.text(obj, "id", pattern=ID_PATTERN), self.text(obj, "label"), self.optional(obj, "unit"),
            self.text(obj, "basis", choices=BASES),
            self.items(obj, "reports", "a report",
                       lambda r: ReportRecord(self.number(r, "value"), self.optional(r, "qualifier", choices=QUALIFIERS),
                                              self.quote(r))),
            self.sources(obj))

    def question(self, obj: Obj) -> QuestionRecord:
        assessment = None
        if self.value(obj, "assessment") is not None:
            a = self.object(obj["assessment"], "'assessment'", obj)
            assessment = AssessmentRecord(self.text(a, "likelihood", choices=LIKELIHOODS),
                                          self.text(a, "confidence", choices=CONFIDENCES), self.optional(a, "text"),
                                          self.optional(a, "judgment", pattern=ID_PATTERN))
        return QuestionRecord(self.text(obj, "id", pattern=ID_PATTERN), self.text(obj, "question"), assessment,
                              self.items(obj, "evidence", "evidence", lambda e: self.quote(e, LEANS)),
                              self.sources(obj))

    def event(self, obj: Obj) -> EventRecord:
        source = None
        if self.value(obj, "source") is not None:
            source = self.quote(self.object(obj["source"], "'source'", obj))
        return EventRecord(self.text(obj, "id", pattern=ID_PATTERN), self.text(obj, "date", pattern=_PARTIAL_DATE),
                           self.text(obj, "text"), self.text(obj, "basis", choices=BASES), source, self.sources(obj))

    def article(self, obj: Obj) -> ArticleRecord:
        published = self.optional(obj, "published")
        if published is not None:
            self.date(obj, "published", dt.datetime.fromisoformat)
        return ArticleRecord(self.text(obj, "slug", pattern=ID_PATTERN), self.text(obj, "title"),
                             self.optional(obj, "outlet"), self.optional(obj, "author"),
                             self.optional(obj, "kind", choices=KINDS_OF_ARTICLE), published, self.optional(obj, "url"),
                             self.optional(obj, "syndicates", pattern=ID_PATTERN), self.optional(obj, "retracted"),
                             self.optional(obj, "discredited"))

    def date(self, obj: Obj, key: str, parse: Callable[[str], Any]) -> Any:
        try:
            return parse(self.text(obj, key))
        except ValueError:
            raise self.fail(obj, f"'{key}' should be a date like 2022-01-07, not '{obj[key]}'") from None

    def refs(self, obj: Obj) -> tuple[tuple[tuple[str, str], RefTarget], ...]:
        found = []
        for name, value in self.object(self.value(obj, "refs"), "'refs'", obj).items():
            kind, _, key = name.partition(":")
            if not (kind and key):
                raise self.fail(obj["refs"], f"'refs' names a reference as kind:id, not '{name}'")
            target = self.object(value, f"'refs' of '{name}'", obj["refs"])
            found.append(((kind, key), RefTarget(self.text(target, "url"), self.text(target, "text"))))
        return tuple(sorted(found))


def loads(text: str, path: str) -> Edition:
    """An edition from claims-1 JSON; ContentError (file, line, message) at its first problem."""
    try:
        return _edition(_Reader(path), _parse(text, path, lines=False))
    except ContentError as exc:
        if exc.problem.line is not None:
            raise
    return _edition(_Reader(path), _parse(text, path, lines=True))  # the same problem again, now with its line


def _edition(read: _Reader, document: Any) -> Edition:
    top = read.object(document, "an edition", None)
    version = read.value(top, "version")
    if version != VERSION:
        newer = isinstance(version, int) and not isinstance(version, bool) and version > VERSION
        raise read.fail(top, f"is claims version {version!r}, and this build reads version {VERSION}"
                        + (": update briefing to read it" if newer else ""))
    as_of = None if read.value(top, "as_of") is None else read.date(top, "as_of", dt.date.fromisoformat)
    return Edition(read.text(top, "title"), as_of, read.optional(top, "base_url"), read.optional(top, "bottom_line"),
                   read.refs(top),
                   read.items(top, "judgments", "a key judgment", read.judgment),
                   read.items(top, "figures", "a figure", read.figure),
                   read.items(top, "questions", "a question", read.question),
                   read.items(top, "events", "an event", read.event),
                   read.items(top, "articles", "an article", read.article), read.path)
