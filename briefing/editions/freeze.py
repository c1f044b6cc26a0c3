"""`python build.py edition`: freeze the briefing as it stands into content/editions/AS_OF.json."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from .. import labels
from ..build import check
from ..errors import BuildFailed, Problem, Problems
from ..load.editions import FOLDER, require_judgment_ids
from .format import dumps


class Refused(Exception):
    """The edition was not written: one line saying why."""


def freeze(project_dir: Path, *, force: bool, ask: Callable[[str], bool] | None, out: TextIO) -> Path:
    """Write the briefing as it stands as the edition of its as_of date, and return the file.

    An edition of that date already there is replaced only with `force`, or when `ask` (a
    question put to the editor at a terminal; None without one) says yes. Raises BuildFailed
    when the content has problems, Refused when the file is left as it was.
    """
    site = check(project_dir)
    briefing = site.content.briefing
    if briefing.as_of is None:
        raise BuildFailed([Problem(briefing.at.path, briefing.at.line,
                                   "an edition is dated by `as_of:`: set it to the day the briefing is published")])
    problems = Problems()
    require_judgment_ids(briefing, problems)
    problems.raise_if_any()
    assert site.editions is not None, "the resolve stage always takes the briefing as an edition"
    text = dumps(site.editions.current)
    shown = f"content/{FOLDER}/{briefing.as_of.isoformat()}.json"
    target = Path(project_dir) / shown
    if target.exists():
        if target.read_text(encoding="utf-8") == text:
            print(f"{shown} is already the briefing as it stands: nothing to write", file=out)
            return target
        if not force:
            if ask is None:
                raise Refused(f"{shown} exists: add --force to replace it")
            if not ask(f"{shown} exists: replace? [y/N] "):
                raise Refused(f"{shown} left as it was")
    _write(target, text)
    changes = site.editions.changes
    current = site.editions.current
    counted = ", ".join(_count(len(found), word) for found, word in (
        (current.judgments, "key judgment"), (current.figures, "figure"), (current.questions, "question"),
        (current.events, "event"), (current.articles, "article")))
    print(f"wrote {shown}: the briefing as of {labels.day(briefing.as_of)} ({counted}); commit it with the content",
          file=out)
    if changes is not None:
        print(f"{_count(changes.count, 'change')} since {labels.human_date(changes.since)}"
              + (":" if changes.count else ""), file=out)
        for line in changes.summary:
            print(f"  {line}", file=out)
    return target


def _count(number: int, word: str) -> str:
    return f"{number} {word}{'s' if number != 1 else ''}"


def _write(target: Path, text: str) -> None:
    """All or nothing: a half-written edition would be a broken file in the content."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as file:
            file.write(text)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)  # as any file the editor saves, not mkstemp's owner-only
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
