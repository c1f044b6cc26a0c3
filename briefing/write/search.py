"""The search index: Pagefind, run over the written pages of a site before it is swapped in."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from ..errors import BuildFailed, Problem


def index_for_search(site_dir: Path) -> None:
    """Build the Pagefind search index into site_dir/pagefind, for static/site.js.

    Pagefind (pinned in pyproject.toml) reads the written pages: only <main data-pagefind-body>
    is indexed, with the page's kind as metadata.
    """
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--silent"]
    try:
        done = subprocess.run(command, check=False, capture_output=True, text=True, timeout=300)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise BuildFailed([Problem(str(site_dir), None, f"search index not built: {exc}")]) from None
    if done.returncode != 0:
        why = (done.stderr or done.stdout).strip().splitlines()[-1:] or [f"exit status {done.returncode}"]
        raise BuildFailed([Problem(str(site_dir), None,
                                   f"search index not built (is pagefind installed? pip install .): {why[0]}")])
