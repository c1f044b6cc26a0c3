#!/usr/bin/env python3
"""Save-to-reload time of the dev server: from an article's save to the browser showing it.

Copies the default briefing (content/ and templates/) to a temporary folder, serves it
with the dev server on a free port, opens an article in Debian's Chromium, then saves
the article several times and prints how long each change took to appear. The time
ends when the reloaded page's DOMContentLoaded fired (the browser's own clock, which is
the same wall clock as this script's).

    python bench/serve_reload.py [--runs 9] [--project DIR]
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))

from browser_support import CHROMIUM, launch
from playwright.sync_api import expect, sync_playwright

from briefing.devserver import DevServer

TARGET_MS = 300
LOADED_AT = ("performance.timeOrigin + "
             "performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="timed saves (default 9)")
    parser.add_argument("--project", type=Path, default=REPO,
                        help="project whose content/ and templates/ to copy (default: this repo)")
    args = parser.parse_args()
    if not CHROMIUM.exists():
        print(f"error: {CHROMIUM} is missing (apt-get install chromium)", file=sys.stderr)
        return 1

    with tempfile.TemporaryDirectory(prefix="serve-bench-") as scratch:
        project = Path(scratch)
        for name in ("content", "templates"):
            shutil.copytree(args.project / name, project / name)
        articles = sorted((project / "content" / "articles").glob("*.md"))
        if not articles:
            print("error: no content/articles/*.md to edit", file=sys.stderr)
            return 1
        article = articles[0]
        original = article.read_text(encoding="utf-8")

        printed: list[str] = []
        server = DevServer(project, port=0, echo=printed.append, echo_error=printed.append)
        server.start()
        if not printed or not printed[0].startswith("rebuilt"):
            print("error: the default briefing does not build:", *printed, sep="\n  ",
                  file=sys.stderr)
            server.stop()
            return 1
        try:
            with sync_playwright() as playwright:
                browser = launch(playwright)
                page = browser.new_page()
                page.goto(f"{server.url}articles/{article.stem}.html")
                timings, builds = [], []
                for run in range(args.runs + 1):  # the first save warms up, and is not counted
                    time.sleep(0.4)  # let the page settle into its long poll
                    marker = f"Reload marker {run} {time.monotonic_ns()}"
                    saved_at = time.time() * 1000
                    article.write_text(f"{original.rstrip()}\n\n{marker}\n", encoding="utf-8")
                    expect(page.locator("body")).to_contain_text(marker, timeout=10_000)
                    shown_at = page.evaluate(LOADED_AT)
                    published_at = server.rebuilder.status().outcome  # wall-clock ms
                    rebuilt = [line for line in printed if line.startswith("rebuilt")][-1]
                    build_ms = float(re.search(r"in ([\d.]+) s", rebuilt).group(1)) * 1000
                    if run:
                        timings.append(shown_at - saved_at)
                        builds.append(build_ms)
                        print(f"save {run}: {shown_at - saved_at:4.0f} ms = "
                              f"{published_at - saved_at - build_ms:3.0f} ms to notice and settle"
                              f" + {build_ms:3.0f} ms build"
                              f" + {shown_at - published_at:3.0f} ms reload")
                browser.close()
        finally:
            server.stop()

    median = statistics.median(timings)
    print(f"median save-to-reload: {median:.0f} ms over {len(timings)} saves "
          f"(build median {statistics.median(builds):.0f} ms; "
          f"min {min(timings):.0f}, max {max(timings):.0f}); target < {TARGET_MS} ms: "
          f"{'met' if median < TARGET_MS else 'MISSED'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
