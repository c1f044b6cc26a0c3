"""Run one command and measure it: wall time, and the peak memory of its whole process tree.

    measure(cmd, timeout, cwd) -> Measured(seconds | None, tree_peak KiB, max1 KiB, error)

The build forks workers and starts Pagefind as a child, so the maxrss os.wait4 reports (the
largest single process of the tree) understates what the machine must hold. A thread samples,
every SAMPLE_EVERY seconds while the command runs, the sum of the resident set sizes of the
process and all its descendants, from /proc; the largest sum is the tree's peak. This kernel has
no /proc/<pid>/task/<tid>/children, so descendants are found from the parent pid in
/proc/<pid>/stat, read once per new pid (a tick costs ~0.2 ms: a listing of /proc and one stat
per process of the tree). RSS counts the pages a forked worker still shares with its parent in
both: the sum is an upper bound of what the tree holds, as a task manager would add it up. So
the sampler also sums each process's proportional set size (Pss in /proc/<pid>/smaps_rollup:
a page shared by k processes counts 1/k in each), which counts a shared page once: that peak
is what the tree holds of the machine's memory. A peak shorter than a tick can be missed.

os.wait4's ru_maxrss has a floor: the kernel hands a child, at its exec, the peak RSS of the
memory it was forked (vforked) from, this bench's own. So the bench resets its own peak
(/proc/self/clear_refs) before each start, and when ru_maxrss is not above the bench's RSS
then, the largest single process seen by the sampler stands in for it.
"""

from __future__ import annotations

import os
import signal
import subprocess
import tempfile
import threading
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

PAGE_KIB = os.sysconf("SC_PAGE_SIZE") // 1024
SAMPLE_EVERY = 0.02


def _stat(pid: int) -> tuple[int, int] | None:
    """(parent pid, resident KiB) of a running process, or None once it is gone."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            data = f.read()
    except OSError:
        return None
    fields = data[data.rfind(b")") + 2:].split()  # the command name may hold spaces and brackets
    return int(fields[1]), int(fields[21]) * PAGE_KIB


def _pss(pid: int) -> int | None:
    """Proportional set size, KiB, of a running process, or None once it is gone."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as f:
            for line in f:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        return None
    return None


class TreeSampler(threading.Thread):
    """Samples the summed RSS of root and its descendants until stop(); .peak (KiB), .processes."""

    def __init__(self, root: int, every: float = SAMPLE_EVERY) -> None:
        super().__init__(daemon=True)
        self.root, self.every = root, every
        self.peak = 0
        self.pss_peak = 0  # KiB, the largest sampled sum of proportional set sizes
        self.processes = 1  # the most processes the tree had at one sample
        self.largest = 0  # KiB, the largest single process seen
        self._parent: dict[int, int] = {}  # pid -> parent pid, of every process seen running
        self._done = threading.Event()

    def sample(self) -> int:
        running = {int(name) for name in os.listdir("/proc") if name.isdigit()}
        for gone in self._parent.keys() - running:
            del self._parent[gone]
        for new in running - self._parent.keys():
            stat = _stat(new)
            if stat:
                self._parent[new] = stat[0]
        children: dict[int, list[int]] = defaultdict(list)
        for pid, parent in self._parent.items():
            children[parent].append(pid)
        total, pss_total, count, stack = 0, 0, 0, [self.root]
        while stack:
            pid = stack.pop()
            stat = _stat(pid)
            if stat is None:
                continue
            self._parent[pid] = stat[0]
            total += stat[1]
            pss_total += _pss(pid) or stat[1]
            count += 1
            self.largest = max(self.largest, stat[1])
            stack.extend(children.get(pid, ()))
        self.peak = max(self.peak, total)
        self.pss_peak = max(self.pss_peak, pss_total)
        self.processes = max(self.processes, count)
        return total

    def run(self) -> None:
        while True:
            self.sample()
            if self._done.wait(self.every):
                return

    def stop(self) -> None:
        self._done.set()
        self.join()


def _own_peak_reset() -> int:
    """Reset this process's peak RSS to its current RSS (where the kernel allows it); the peak, KiB."""
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
    except OSError:
        pass
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


@dataclass
class Measured:
    seconds: float | None  # None on a timeout or a failure
    tree_peak: int  # KiB, the largest sampled sum over the process tree
    max1: int  # KiB, the largest single process of the tree (os.wait4's ru_maxrss, see above)
    error: str = ""
    processes: int = 1
    tree_pss: int = 0  # KiB, the largest sampled sum of proportional set sizes: shared pages once


def measure(cmd: list[str], timeout: float, cwd: Path | None = None, env: dict[str, str] | None = None) -> Measured:
    """Run cmd (output discarded) in its own session; on timeout kill its whole process group."""
    killed = threading.Event()
    floor = _own_peak_reset()  # the least ru_maxrss the child can report
    with tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err, cwd=cwd, env=env,
                                start_new_session=True)
        sampler = TreeSampler(proc.pid)
        sampler.start()

        def kill() -> None:
            killed.set()
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

        timer = threading.Timer(timeout, kill)
        timer.start()
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - started
        timer.cancel()
        timer.join()
        sampler.stop()  # no thread of ours outlives a measure: the engine forks only a single-threaded process
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        tail = err.read().decode("utf-8", "replace").strip().splitlines()[-3:]
    max1 = usage.ru_maxrss if usage.ru_maxrss > floor else sampler.largest
    peak = max(sampler.peak, max1)
    pss = max(sampler.pss_peak, max1)  # a single process's peak between two ticks is a floor
    if killed.is_set():
        return Measured(None, peak, max1, f"timeout after {timeout:.0f} s", sampler.processes, pss)
    if proc.returncode:
        return Measured(None, peak, max1, f"exit {proc.returncode}: " + " | ".join(tail), sampler.processes, pss)
    return Measured(elapsed, peak, max1, "", sampler.processes, pss)
