"""Reading one YAML mapping field by field, each problem at the line it stands on; dates and ids."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from ..errors import Problems, closest
from ..model import PartialDate, Source, Text
from .yamlio import YList, YMap

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
Parsed = TypeVar("Parsed")
UNREADABLE = YList()  # stands for a YAML file that could not be parsed at all (already reported)


class Fields:
    """Reads one YAML mapping field by field, recording each problem at the line it stands on."""

    def __init__(self, data: Any, path: str, line: int | None, what: str,
                 allowed: dict[str, bool], problems: Problems):
        self.path, self.what, self.problems = path, what, problems
        self.ok = isinstance(data, dict)
        self.data: dict[str, Any] = data if self.ok else {}
        self.line = getattr(data, "line", line)
        if not self.ok:
            problems.add(path, line, f"{what} should be a mapping of keys to values, not {kind_of(data)}")
            return
        for key in self.data:
            if key not in allowed:
                problems.add(path, self.key_line(key), f"unknown key '{key}' in {what}", closest(key, allowed))
        for key, required in allowed.items():
            if required and blank(self.data.get(key)):
                problems.add(path, self.line, f"{what} has no '{key}'")

    def key_line(self, key: str) -> int | None:
        return getattr(self.data, "key_lines", {}).get(key, self.line)

    def at(self, key: str | None = None) -> Source:
        return Source(self.path, self.key_line(key) if key else self.line)

    def string(self, key: str) -> str | None:
        value = self.data.get(key)
        if blank(value):
            return None
        if isinstance(value, (dict, list)):
            self.problems.add(self.path, self.key_line(key), f"'{key}' should be text, not {kind_of(value)}")
            return None
        return str(value).strip()

    def text(self, key: str) -> Text | None:
        value = self.string(key)
        if value is None:
            return None
        line = getattr(self.data, "text_lines", {}).get(key, self.key_line(key))
        return Text(value, Source(self.path, line))

    def parsed(self, key: str, parse: Callable[[Any], Parsed | None], expected: str) -> Parsed | None:
        """A value that `parse` turns into something else (a date), or None with the problem said."""
        value = self.data.get(key)
        if value is None:
            return None
        result = parse(value)
        if result is None:
            self.problems.add(self.path, self.key_line(key), f"'{key}' should be {expected}, not '{value}'")
        return result

    def ident(self, key: str) -> str | None:
        value = self.string(key)
        if value is not None and not ID_PATTERN.match(value):
            self.problems.add(self.path, self.key_line(key),
                              f"'{key}' must be lowercase letters, digits and hyphens, not '{value}'",
                              as_id(value))
            return None
        return value

    def choice(self, key: str, choices: Iterable[str]) -> str | None:
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
        if blank(value):
            return []
        if not isinstance(value, list):
            if isinstance(value, str) and key in ("actors", "aliases", "watch"):
                return [(value, self.key_line(key))]  # one item written without brackets
            self.problems.add(self.path, self.key_line(key), f"'{key}' should be a list, not {kind_of(value)}")
            return []
        lines = getattr(value, "item_lines", [self.key_line(key)] * len(value))
        return list(zip(value, lines))

    def strings(self, key: str) -> list[tuple[str, int | None]]:
        result = []
        for item, line in self.items(key):
            if isinstance(item, (dict, list)) or blank(item):
                self.problems.add(self.path, line, f"each item of '{key}' should be plain text")
            else:
                result.append((str(item).strip(), line))
        return result


def blank(value: Any) -> bool:
    return value is None or (isinstance(value, (str, list)) and not value) or (isinstance(value, str) and not value.strip())


def empty_mapping() -> YMap:
    empty = YMap()
    empty.line, empty.key_lines, empty.text_lines = 1, {}, {}
    return empty


def kind_of(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    return f"'{value}'"


def as_id(value: str) -> str | None:
    candidate = re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")
    return candidate or None


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


def parse_date(value: Any) -> dt.date | dt.datetime | None:
    if isinstance(value, (dt.date, dt.datetime)):
        return value
    text = str(value).strip()
    for parse in (dt.date.fromisoformat, dt.datetime.fromisoformat):
        try:
            return parse(text)
        except ValueError:
            continue
    return None
