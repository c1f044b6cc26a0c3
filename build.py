#!/usr/bin/env python3
"""Build the briefing site: `python build.py`, `python build.py --serve`, `python build.py import FILE...`."""

import sys

from briefing.cli import main

if __name__ == "__main__":
    sys.exit(main())
