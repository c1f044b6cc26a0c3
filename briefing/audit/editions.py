"""What the editions ask of the editor: a reason for every judgment that moved, and claims that a retraction left bare."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from .. import labels
from ..model import Source
from ..resolve.views import Citation, Site

Report = Callable[[Source, str, "str | None"], None]


def edition_findings(site: Site, report: Report) -> None:
    _moves_without_a_reason(site, report)
    _claims_left_without_support(site, report)


def _moves_without_a_reason(site: Site, report: Report) -> None:
    """ICD 203 asks that a change in an analytic judgment be explained: `changed:` says why."""
    changes = site.editions.changes if site.editions else None
    if changes is None:
        return
    since = labels.human_date(changes.since)
    moves = {c.id: c for c in changes.judgments if c.kind == "moved"}
    for view in site.judgments:
        j = view.judgment
        move = moves.get(j.id or "")
        if move is None or move.reason or move.before is None or move.after is None:
            continue
        what = f"key judgment {j.number} moved {move.move} since {since}"
        if move.stale_reason and j.changed:
            report(j.changed.at, f"{what}, but its `changed:` is the reason it gave on {since}: say why it moved now",
                   j.accept)
        else:
            report(j.at, f"{what} and does not say why: add `changed:` with the reason", j.accept)


def _claims_left_without_support(site: Site, report: Report) -> None:
    """A claim whose every source is retracted or discredited rests on nothing now."""

    def check(at: Source, what: str, citations: Iterable[Citation], accept: str | None) -> None:
        cited = list(citations)
        if cited and all(c.retraction for c in cited):
            withdrawn = sorted({f"'{c.retraction.article.slug}' {c.retraction.kind}" for c in cited if c.retraction})
            report(at, f"{what} is left with no support: every source it cites is withdrawn ({', '.join(withdrawn)}): "
                   "find another source, or withdraw the claim", accept)

    for judgment in site.judgments:
        j = judgment.judgment
        check(j.at, f"key judgment {j.number}", judgment.citations, j.accept)
    for figure in site.figures:
        f = figure.figure
        check(f.at, f"figure '{f.id}'", [r.citation for r in figure.reports], f.accept)
    for question in site.questions:
        q = question.question
        check(q.at, f"question '{q.id}'", [c for g in question.groups for c in g.citations], q.accept)
    for event in site.events:
        e = event.event
        check(e.at, f"event '{e.id}'", [event.citation] if event.citation else [], e.accept)
    for actor in site.actors:
        for relation in actor.relations:
            if relation.stated_here and relation.citation:
                check(relation.at, f"the relation of '{actor.actor.id}' to '{relation.other.id}'",
                      [relation.citation], actor.actor.accept)
