"""The YAML files of content/: each read once, its own problems kept with it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import ContentError, Problem, Problems
from .fields import UNREADABLE
from .textio import file_stamp, read_content_file
from .yamlio import load_yaml

YAML_FILES = ("briefing.yaml", "actors.yaml", "figures.yaml", "questions.yaml", "timeline.yaml")


@dataclass(frozen=True)
class YamlOutcome:
    """A YAML file as read: its document (None: no file; UNREADABLE: not YAML) and its problems."""

    document: Any
    problems: tuple[Problem, ...]


def read_yaml_file(content_dir: Path, name: str) -> YamlOutcome:
    path = content_dir / name
    shown = f"content/{name}"
    problems = Problems()
    if not path.exists() and not path.is_symlink():  # a dangling or looping link is read, and said
        if name == "briefing.yaml":
            problems.add(shown, None, "is missing: every briefing needs a title and a bottom line")
        return YamlOutcome(None, tuple(problems.items))
    try:
        text, warning = read_content_file(path, content_dir, shown)
        if warning:
            problems.extend([warning])
        return YamlOutcome(load_yaml(text, shown), tuple(problems.items))
    except ContentError as exc:
        problems.extend([exc.problem])
        return YamlOutcome(UNREADABLE, tuple(problems.items))


def yaml_inputs(content_dir: Path, name: str) -> object:
    """What a YAML file's outcome depends on: the file as `stat` sees it."""
    return file_stamp(content_dir / name)
