"""The editions of content/editions/: one JSON file per date the briefing was published, AS_OF.json."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from ..cache import Memo
from ..editions.format import IDS_NEEDED, loads
from ..editions.records import Edition
from ..errors import ContentError, Problem, Problems
from ..model import Briefing
from .textio import file_stamp, read_content_file

FOLDER = "editions"
_NAME = re.compile(r"\d{4}-\d{2}-\d{2}\.json")


@dataclass(frozen=True)
class EditionOutcome:
    """An edition file as read: the edition (None if it could not be) and its problem."""

    edition: Edition | None
    problems: tuple[Problem, ...]


def read_editions(content_dir: Path, problems: Problems, memo: Memo[EditionOutcome]) -> list[Edition]:
    """Every edition, oldest first; a file that cannot be read is one problem, at its first fault."""
    folder = content_dir / FOLDER
    paths = sorted(folder.iterdir()) if folder.is_dir() else []
    editions, shown_all = [], []
    for path in paths:
        shown = f"content/{FOLDER}/{path.name}"
        if path.name.startswith(".") or path.name.endswith("~") or path.is_dir():
            continue
        if path.suffix != ".json":
            problems.warn(shown, None, "skipped: editions are .json files written by `python build.py edition`")
            continue
        if not _NAME.fullmatch(path.name):
            problems.add(shown, None, "an edition's file is named by its date, like 2022-01-07.json")
            continue
        shown_all.append(shown)
        outcome = memo.get(shown, file_stamp(path), lambda: _read(path, content_dir, shown))
        problems.extend(outcome.problems)
        if outcome.edition:
            editions.append(outcome.edition)
    memo.retain(shown_all)
    return editions


def _read(path: Path, content_dir: Path, shown: str) -> EditionOutcome:
    try:
        text, warning = read_content_file(path, content_dir, shown)
        edition = loads(text, shown)
    except ContentError as exc:
        return EditionOutcome(None, (exc.problem,))
    date = path.name.removesuffix(".json")
    if edition.as_of is None or edition.as_of != _date(date):
        return EditionOutcome(None, (Problem(shown, 1, f"its as_of is {edition.as_of or 'missing'}, but the file is "
                                             f"named for {date}: rename it, or freeze it again"),))
    return EditionOutcome(edition, (warning,) if warning else ())


def _date(name: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(name)
    except ValueError:
        return None


def require_judgment_ids(briefing: Briefing, problems: Problems) -> None:
    """Editions match a judgment across dates by its id: without one it could only be new or withdrawn."""
    for judgment in briefing.key_judgments:
        if not judgment.id:
            problems.add(briefing.at.path, judgment.at.line, f"key judgment {judgment.number} has no id: {IDS_NEEDED}")
