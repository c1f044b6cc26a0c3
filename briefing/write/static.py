"""The files of templates/ that may be published: links followed only while they stay inside templates/.

A pull request can add a symlink as easily as a file. One to /etc/passwd, /proc/self/environ or
the checkout's .git/config (where CI keeps its token) must never be copied into site/, and a link
that loops must not send the copy round for ever; each is one line naming the link.
"""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

from ..errors import BuildFailed, Problem


def template_files(folder: Path, boundary: Path, shown: str) -> tuple[list[tuple[Path, str]], list[Problem]]:
    """Every file under `folder` as (where its bytes are, its path below `folder`), following links
    that stay inside `boundary`; and a problem for each link that leaves it, dangles or loops."""
    files: list[tuple[Path, str]] = []
    problems: list[Problem] = []
    if not folder.is_dir():
        return files, problems
    inside = boundary.resolve()
    # Each folder to walk, with the real folders above it: a link back to one of them is a loop.
    start = folder.resolve()
    todo: list[tuple[Path, str, frozenset[Path]]] = [(start, "", frozenset({start}))]
    while todo:
        real, below, above = todo.pop()
        try:
            entries = sorted(os.scandir(real), key=lambda entry: entry.name)
        except OSError as exc:
            problems.append(Problem(_join(shown, below), None, f"cannot be read: {exc.strerror or exc}"))
            continue
        for entry in entries:
            name = f"{below}{entry.name}"
            where, problem = _follow(Path(entry.path), inside, _join(shown, name))
            if problem:
                problems.append(problem)
                continue
            mode = where.stat().st_mode
            if stat.S_ISDIR(mode):
                if where in above:
                    problems.append(Problem(_join(shown, name), None,
                                            "is a link to a folder that contains it: a loop; remove the link"))
                else:
                    todo.append((where, f"{name}/", above | {where}))
            elif stat.S_ISREG(mode):
                files.append((where, name))
            else:
                problems.append(Problem(_join(shown, name), None, "is not a file or a folder (a pipe, socket "
                                                                  "or device); remove it"))
    return sorted(files, key=lambda item: item[1]), sorted(problems, key=lambda problem: problem.path)


def copy_static(static_dir: Path, target: Path) -> int:
    """Copy templates/static/ to `target`; BuildFailed naming each link that may not be followed."""
    files, problems = template_files(static_dir, static_dir.parent, f"{static_dir.parent.name}/{static_dir.name}")
    if problems:
        raise BuildFailed(problems)
    for source, name in files:
        destination = target / name
        try:
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, destination)
        except OSError as exc:  # a failed write() names no file: name the one being copied
            exc.filename = exc.filename or str(destination)
            raise
    return len(files)


def _follow(path: Path, inside: Path, shown: str) -> tuple[Path, Problem | None]:
    """Where a directory entry really is, or the problem with following it."""
    if not path.is_symlink():
        return path, None
    try:
        where = path.resolve(strict=True)
    except FileNotFoundError:
        return path, Problem(shown, None, f"is a link to {os.readlink(path)}, which does not exist")
    except (OSError, RuntimeError):  # ELOOP; Python before 3.13 raises RuntimeError
        return path, Problem(shown, None, "is a link that leads round in a circle (a link loop)")
    if not where.is_relative_to(inside):
        return path, Problem(shown, None, f"is a link to {os.readlink(path)}, outside {inside.name}/: "
                                          "copy the file into the project instead")
    return where, None


def _join(shown: str, below: str) -> str:
    return f"{shown}/{below}".rstrip("/")
