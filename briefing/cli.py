"""The command line: parse arguments, call the engine, turn problems into one line each."""

from __future__ import annotations

import argparse
import gc
import os
import sys
from pathlib import Path

from .errors import BuildFailed, ContentError


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python build.py",
        description="Build a briefing site: content/ + templates/ -> site/.",
        epilog="Subcommands: `python build.py import FILE...` turns raw pasted articles into "
               "content/articles/NAME.md; `python build.py check` audits the sourcing; "
               "`python build.py edition` freezes the briefing as published today into content/editions/ "
               "(see `python build.py import --help`, `python build.py check --help`, `python build.py edition --help`).",
    )
    parser.add_argument("--project", type=Path, default=Path("."), help="the briefing folder (default: here)")
    parser.add_argument("--strict", action="store_true", help="treat warnings as errors")
    parser.add_argument("--no-search", action="store_true",
                        help="skip the search index (faster; the site's search box will find nothing new)")
    parser.add_argument("--serve", action="store_true", help="build, serve on 127.0.0.1, rebuild and reload on save")
    parser.add_argument("--host", default="127.0.0.1", help="address to serve on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="port to serve on (default 8000)")
    return parser


def _import_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python build.py import",
        description="Clean raw pasted articles into content/articles/NAME.md, reporting every change.",
    )
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE")
    parser.add_argument("--dest", type=Path, default=Path("content/articles"), help="where to write (default content/articles)")
    parser.add_argument("--force", action="store_true", help="overwrite an existing .md")
    parser.add_argument("--dry-run", action="store_true", help="print the report and a diff; write nothing")
    parser.add_argument("--name", action="append", dest="names", metavar="SLUG",
                        help="the article's file name without .md (once per FILE, in order; default: from the title)")
    return parser


# A build allocates hundreds of thousands of objects that live until it ends (tokens, views,
# pages); collecting the youngest every 700 allocations (Python's default) spent a sixth of
# a 1,000-article build walking them. Less often, for a little more memory (bench/).
GC_THRESHOLD = 50_000


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    gc.set_threshold(GC_THRESHOLD, *gc.get_threshold()[1:])
    try:
        if argv and argv[0] == "import":
            return _run_import(argv[1:])
        if argv and argv[0] == "check":
            return _run_check(argv[1:])
        if argv and argv[0] == "edition":
            return _run_edition(argv[1:])
        return _run_build(_parser().parse_args(argv))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # output piped into `head` and cut short: not an error worth a traceback
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


def _run_import(argv: list[str]) -> int:
    from .importer import run_import

    args = _import_parser().parse_args(argv)
    return run_import(args.files, args.dest, force=args.force, dry_run=args.dry_run, out=sys.stdout,
                      names=args.names)


def _run_check(argv: list[str]) -> int:
    from .audit import audit
    from .build import check

    parser = argparse.ArgumentParser(
        prog="python build.py check",
        description="Audit the briefing's sourcing: single sources, opinion-only evidence, quotes from copies, "
                    "unexplained discrepancies, actors without a summary, articles nothing cites.")
    parser.add_argument("--project", type=Path, default=Path("."), help="the briefing folder (default: here)")
    parser.add_argument("--strict", action="store_true", help="exit 1 when the audit finds anything")
    parser.add_argument("--accepted", action="store_true", help="also list the weak spots the content accepts")
    args = parser.parse_args(argv)
    try:
        site = check(args.project)
    except (BuildFailed, ContentError) as exc:
        return _print_problems(exc, "check: the content has {}; fix them first")
    result = audit(site)
    for finding in result.findings:
        print(finding)
    if args.accepted:
        for finding, reason in result.accepted:
            print(f"{finding} [accepted: {reason}]")
    print(f"check: {len(result.findings)} weak spot{'s' if len(result.findings) != 1 else ''}, "
          f"{len(result.accepted)} accepted in the content", file=sys.stderr)
    return 1 if args.strict and result.findings else 0


def _run_edition(argv: list[str]) -> int:
    from .editions.freeze import Refused, freeze

    parser = argparse.ArgumentParser(
        prog="python build.py edition",
        description="Freeze the briefing as it stands into content/editions/AS_OF.json, the edition of its "
                    "as_of date: the home page then says what changed since it, and its page keeps it as it stood.")
    parser.add_argument("--project", type=Path, default=Path("."), help="the briefing folder (default: here)")
    parser.add_argument("--force", action="store_true", help="replace an edition of the same date without asking")
    args = parser.parse_args(argv)
    try:
        freeze(args.project, force=args.force, ask=_ask if sys.stdin.isatty() else None, out=sys.stdout)
    except (BuildFailed, ContentError) as exc:
        return _print_problems(exc, "edition: the content has {}; nothing written")
    except Refused as exc:
        print(f"edition: {exc}", file=sys.stderr)
        return 1
    return 0


def _ask(question: str) -> bool:
    try:
        return input(question).strip().lower() in ("y", "yes")
    except EOFError:
        return False


def _print_problems(exc: BuildFailed | ContentError, ending: str = "build failed: {}; site/ left as it was") -> int:
    problems = exc.problems if isinstance(exc, BuildFailed) else [exc.problem]
    for problem in problems:
        print(problem, file=sys.stderr)
    print(ending.format(f"{len(problems)} problem{'s' if len(problems) != 1 else ''}"), file=sys.stderr)
    return 1


def _run_build(args: argparse.Namespace) -> int:
    from .build import build

    project = args.project
    if args.serve:
        from .devserver import serve

        return serve(project, host=args.host, port=args.port, strict=args.strict, search=not args.no_search)
    try:
        result = build(project, strict=args.strict, search=not args.no_search)
    except (BuildFailed, ContentError) as exc:
        return _print_problems(exc)
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print(f"built {result.pages} pages ({result.quotes_verified} quotes verified) in {result.seconds:.2f} s -> "
          f"{(project / 'site').as_posix()}/")
    return 0
