"""`python build.py check`: an editor's audit of the briefing before publishing.

sourcing.py finds where the sourcing is weak (single sources, opinion only, copies, quotes
with no speaker); language.py where the words say more or less than the ratings
(ICD 203's estimative language) and relations that read backwards; editions.py judgments
that moved since the last edition without a reason, and claims a retraction left with no
support. None stops a build.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import Problem
from ..model import Source
from ..resolve.views import Site
from .editions import edition_findings
from .language import language_findings
from .sourcing import sourcing_findings


@dataclass(frozen=True)
class Audit:
    findings: tuple[Problem, ...]  # weak spots the editor has not yet fixed or accepted
    accepted: tuple[tuple[Problem, str], ...]  # weak spots left on purpose, with the editor's reason


def audit(site: Site) -> Audit:
    """Every weak spot of the briefing, located.

    An entry with `accept: REASON` keeps its weak spots out of the findings: the editor
    has looked and decided (say, a figure only one outlet reports).
    """
    found: list[tuple[Problem, str | None]] = []

    def report(at: Source, message: str, accept: str | None) -> None:
        found.append((Problem(at.path, at.line, message), accept))

    sourcing_findings(site, report)
    language_findings(site, report)
    edition_findings(site, report)
    unique = dict.fromkeys(found)  # the same quote cited twice gives the same finding once
    order = sorted(unique, key=lambda item: (item[0].path, item[0].line or 0, item[0].message))
    return Audit(tuple(p for p, accept in order if not accept),
                 tuple((p, accept) for p, accept in order if accept))
