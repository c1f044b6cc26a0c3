"""The error vocabulary: one problem type for bad content, one exception that carries them all."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass

ERROR, WARNING = "error", "warning"
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the content, located as precisely as we can.

    An error stops the build; a warning is printed and stops only a --strict build.
    """

    path: str
    line: int | None
    message: str
    hint: str | None = None
    severity: str = ERROR

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        text = f"{where}: {self.message}"
        if self.hint:
            text += f" (did you mean {self.hint}?)"
        # One line, whatever the content put in a name or a value: no line break or terminal escape
        # (as the dev server shows them, livereload.problem_lines).
        return _CONTROL.sub("?", text)


class ContentError(Exception):
    """A single content problem, raised where collecting more is pointless (an unreadable file)."""

    def __init__(self, path: str, line: int | None, message: str, hint: str | None = None):
        self.problem = Problem(str(path), line, message, hint)
        super().__init__(str(self.problem))

    def __reduce__(self) -> tuple[type[ContentError], tuple[str, int | None, str, str | None]]:
        p = self.problem  # raised in a worker process, it must arrive whole in the parent
        return (ContentError, (p.path, p.line, p.message, p.hint))


class BuildFailed(Exception):
    """The build found problems; nothing was written. Caught once, at the command line."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def __reduce__(self) -> tuple[type[BuildFailed], tuple[list[Problem]]]:
        return (BuildFailed, (self.problems,))


class Problems:
    """Collects every problem of a build, errors and warnings, so that one run reports them all."""

    def __init__(self) -> None:
        self.items: list[Problem] = []

    def add(self, path: str, line: int | None, message: str, hint: str | None = None) -> None:
        self.items.append(Problem(str(path), line, message, hint))

    def warn(self, path: str, line: int | None, message: str) -> None:
        self.items.append(Problem(str(path), line, message, severity=WARNING))

    def extend(self, problems: Iterable[Problem]) -> None:
        self.items.extend(problems)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.severity == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.severity == WARNING]

    def raise_if_any(self, strict: bool = False) -> None:
        """Fail with every error, then (with strict) every warning, each in the order found."""
        failing = self.errors + (self.warnings if strict else [])
        if failing:
            raise BuildFailed(failing)


def closest(word: str, candidates: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The candidate nearest to `word`, for a "did you mean" hint."""
    matches = difflib.get_close_matches(word, list(candidates), n=1, cutoff=cutoff)
    return matches[0] if matches else None
