"""Spreading independent work (one article file, one article body) over the machine's cores."""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

# Below this many items, starting worker processes costs more than it saves (see bench/).
PARALLEL_FROM = 150

_task: Callable[[Any], Any] | None = None  # what the forked workers run, inherited at the fork


def _run(item: Any) -> Any:
    assert _task is not None
    return _task(item)


def fork_map(task: Callable[[Item], Result], items: Sequence[Item]) -> list[Result]:
    """[task(item) for item in items], in worker processes when there are enough items.

    Workers are forked, so they inherit the task with everything it refers to (the compiled
    actor pattern, the Markdown parser) and only items and results cross between processes. A process with other threads running (the dev server) is never forked: a
    fork copies their locks in whatever state they are in.
    """
    workers = min(os.cpu_count() or 1, 4)
    if (len(items) < PARALLEL_FROM or workers < 2 or threading.active_count() > 1
            or "fork" not in multiprocessing.get_all_start_methods()):
        return [task(item) for item in items]
    global _task
    _task = task
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            return pool.map(_run, items, chunksize=max(1, len(items) // (workers * 8)))
    finally:
        _task = None
