"""Who is who: an actor's relations around it (on its page), and who is tied to whom (on the index).

The actor's picture puts it in the middle of its relations: a line to each actor it is
related to, labelled with the relation in the words of its page ("Spokesman of Russia"),
every label horizontal and every name a link. It is drawn for the narrowest screen and
never scaled below that, so its text reads at 12 px or more everywhere.

The index has a matrix rather than a map of every actor: the principals (the actors with
the most relations, then the most articles) are its columns; every actor with a relation
is a row, grouped by kind, the principals first; a dot marks a tie. It reads on a phone,
and nothing in it depends on hovering.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from markupsafe import Markup

from ... import urls
from ...model import Actor
from ...resolve.views import ActorPage, RelationView
from . import svg
from .svg import KIND_ORDER, KeyItem, Run, esc, key, kind_mark, num, plain, text_width, wrap

# The actor's picture is designed this wide and drawn no narrower than NARROWEST (svg.py): its
# text, TEXT_PX in the design, is never smaller than 12 px on a screen.
DESIGN_W = 336
WIDE_W = 640  # the same, for screens where the column is at least WIDE_W * 12 / TEXT_PX wide (pictures.css)
HUB_W = 104  # the box of the actor's name, at least
NODE_GAP = 28  # from the box to the mark of a related actor
LABEL_GAP = 40  # from the box to the words of the relation
LINE_H = 18
PRINCIPALS = 6  # columns of the index's matrix: as many as fit a phone beside the names

assert svg.TEXT_PX * svg.NARROWEST / DESIGN_W >= 12


@dataclass(frozen=True)
class Tie:
    """Everything one actor's page says of its relations with one other actor."""

    other: Actor
    sentences: tuple[tuple[Run, ...], ...]  # each relation as words, the other's name strong
    background: bool  # every one of them is general knowledge


def ties_of(page: ActorPage) -> list[Tie]:
    """The page's relations, one tie per other actor, in the page's order."""
    grouped: dict[str, list[RelationView]] = {}
    for relation in page.relations:
        grouped.setdefault(relation.other.id, []).append(relation)
    return [Tie(views[0].other,
                tuple((Run(v.before), Run(v.other.name, True), Run(v.after)) for v in views),
                all(v.background for v in views))
            for views in grouped.values()]


def sentence(runs: Iterable[Run]) -> str:
    return " ".join(plain(runs).split())


# -- an actor's relations ------------------------------------------------------------------------

def actor_relations(page: ActorPage, root: str) -> Markup:
    """The picture of one actor's relations (nothing when it has none): drawn twice, for a phone
    (the actor on the left, its relations in one column) and for a wider screen (the actor in the
    middle, its relations on both sides); the page's stylesheet shows the one that fits."""
    ties = ties_of(page)
    if not ties:
        return Markup("")
    title = f"{page.actor.name} and the actors related to it"
    name = page.actor.name
    narrow = _fan(name, [_worded(ties, _label_width(name, DESIGN_W, 1))], root, DESIGN_W, "narrow", title)
    worded = _worded(ties, _label_width(name, WIDE_W, 2))
    half = _balanced_split([len(lines) for _, lines in worded])
    wide = _fan(name, [worded[:half], worded[half:]], root, WIDE_W, "wide", title)
    return Markup(f'<figure class="picture relations">{_relations_key(page, ties)}{narrow}{wide}'
                  f"<figcaption>{esc(title)}: each name opens its page. The list below says the same.</figcaption></figure>")


Worded = list[tuple[Tie, list[list[Run]]]]  # each tie with its words in lines


def _worded(ties: list[Tie], label_w: float) -> Worded:
    return [(tie, [line for s in tie.sentences for line in wrap(s, label_w)]) for tie in ties]


def _hub_width(name: str) -> float:
    """The box of the actor's name: HUB_W, or wider for a long word, up to half as wide again."""
    longest = max(text_width(word, bold=True) for word in name.split())
    return min(max(HUB_W, longest + 14), HUB_W * 1.5)


def _label_width(name: str, width: int, sides: int) -> float:
    """The width left for the words of a tie beside the mark."""
    hub = _hub_width(name)
    return ((width - hub) / 2 if sides > 1 else width - hub) - LABEL_GAP - 4


def _balanced_split(lines: list[int]) -> int:
    """How many ties (of so many lines each) go to the right of the actor, so that both sides are about as tall."""
    heights = [n + 1 for n in lines]
    return min(range(1, len(lines) + 1), key=lambda k: (abs(sum(heights[:k]) - sum(heights[k:])), k))


def _fan(name: str, sides: list[Worded], root: str, width: int, variant: str, title: str) -> str:
    """The actor in a box (at the left with one side, in the middle with two), a line to each tie's
    mark, and the tie in words beside it: the first side's ties to the right of the box, the
    second's (if any) to its left."""
    hub_w = _hub_width(name)
    hub_x = (width - hub_w) / 2 if len(sides) > 1 else 1.0
    columns = []  # for each side, its blocks (tie, lines, top) and their height
    for worded in sides:
        blocks, y = [], 8.0
        for tie, lines in worded:
            blocks.append((tie, lines, y))
            y += len(lines) * LINE_H + 14
        columns.append((blocks, y))
    hub_lines = wrap([Run(name, True)], hub_w - 14)
    hub_h = len(hub_lines) * LINE_H + 14
    height = max(max(h for _, h in columns), hub_h + 16)
    hub_top = (height - hub_h) / 2
    hub_mid = hub_top + hub_h / 2
    parts = [f'<rect class="hub" x="{num(hub_x)}" y="{num(hub_top)}" width="{num(hub_w - 2)}" height="{num(hub_h)}" rx="4"/>']
    for i, line in enumerate(hub_lines):
        parts.append(f'<text class="hub-name" x="{num(hub_x + hub_w / 2 - 1)}" y="{num(hub_top + 20 + LINE_H * i)}" '
                     f'text-anchor="middle">{esc(plain(line))}</text>')
    for side, (blocks, side_h) in enumerate(columns):
        sign = 1 if side == 0 else -1  # to the right of the box, or to its left
        start = hub_x + hub_w - 1 if side == 0 else hub_x - 1
        node_x = start + sign * NODE_GAP
        label_x = start + sign * LABEL_GAP
        anchor = "" if side == 0 else ' text-anchor="end"'
        shift = (height - side_h) / 2  # each side centred on the box
        for tie, lines, top in blocks:
            top += shift
            node_y = top + 9  # level with the first line of words
            edge = (f'<path class="edge{" background" if tie.background else ""}" d="M{num(start)} {num(hub_mid)}'
                    f'C{num(start + sign * 14)} {num(hub_mid)} {num(node_x - sign * 18)} {num(node_y)} '
                    f'{num(node_x - sign * 7)} {num(node_y)}"/>')
            # A space opens every line after the first (not drawn, as it leads the line): read as one
            # text, the lines are words apart, as the link's name is.
            words = "".join(f'<text x="{num(label_x)}" y="{num(top + 14 + LINE_H * i)}"{anchor}>{" " if i else ""}'
                            f"{_tspans(line)}</text>" for i, line in enumerate(lines))
            label = "; ".join(sentence(s) for s in tie.sentences)
            if tie.background:
                label += " (background, not from the briefing's sources)"
            hit_x = node_x - 8 if side == 0 else 0
            hit_w = width - hit_x if side == 0 else node_x + 8
            hit = f'<rect class="hit" x="{num(hit_x)}" y="{num(top - 4)}" width="{num(hit_w)}" height="{len(lines) * LINE_H + 10}"/>'
            parts.append(f'{edge}<a href="{esc(root + urls.actor(tie.other.id))}" aria-label="{esc(label)}">'
                         f"{hit}{kind_mark(tie.other.kind, node_x, node_y)}{words}</a>")
    return (f'<svg class="relations-picture {variant}" viewBox="0 0 {width} {num(height)}" width="{width}" height="{num(height)}"'
            f' role="group" aria-label="{esc(title)}">{"".join(parts)}</svg>')


def _tspans(line: list[Run]) -> str:
    return "".join(f'<tspan class="name">{esc(run.text)}</tspan>' if run.strong else esc(run.text) for run in line)


def _relations_key(page: ActorPage, ties: list[Tie]) -> Markup:
    kinds = [k for k in KIND_ORDER if any(t.other.kind == k for t in ties)]
    items = [KeyItem(kind_mark(k, 14, 8), f"{svg.KIND_MARK_WORDS[k]}: {'a ' if k != 'organization' else 'an '}{k}") for k in kinds]
    if any(t.background for t in ties):
        items.append(KeyItem('<path class="edge background" d="M0 8H28"/>', "dashed line: background, not from the briefing's sources"))
    return key(items, "Key to the marks")


# -- who is tied to whom -------------------------------------------------------------------------

def principals(actors: tuple[ActorPage, ...], count: int = PRINCIPALS) -> list[ActorPage]:
    """The actors with the most relations (then the most articles that mention them), at least two relations each."""
    counts = {p.actor.id: len(ties_of(p)) for p in actors}
    ranked = sorted((p for p in actors if counts[p.actor.id] >= 2),
                    key=lambda p: (-counts[p.actor.id], -len(p.articles), p.actor.name.casefold()))
    return ranked[:count]


def short_name(actor: Actor, longest: int = 14, longest_word: int = 10) -> str:
    """A name short enough to head a column: the name, or its shortest alias ("CSTO", "Tokayev")
    where the name is long or has a long word."""
    shorter = sorted((a for a in actor.aliases if 3 <= len(a) < len(actor.name)), key=len)
    long = len(actor.name) > longest or max(len(word) for word in actor.name.split()) > longest_word
    return shorter[0] if long and shorter else actor.name


def actor_overview(actors: tuple[ActorPage, ...], root: str) -> Markup:
    """The matrix of who is tied to whom, for the actors index (nothing when no actor has a relation)."""
    columns = principals(actors)
    ties = {p.actor.id: {t.other.id: t for t in ties_of(p)} for p in actors}
    rank = {p.actor.id: i for i, p in enumerate(columns)}
    rows = [p for p in actors if p.actor.id in rank or rank.keys() & ties[p.actor.id].keys()]
    if not columns:
        return Markup("")
    shown = {p.actor.id for p in rows}
    elsewhere = sorted((p for p in actors if ties[p.actor.id] and p.actor.id not in shown), key=lambda p: p.actor.name.casefold())

    def order(p: ActorPage) -> tuple[int, int, int, str]:
        first_tie = min((rank[other] for other in ties[p.actor.id] if other in rank), default=len(columns))
        return (rank.get(p.actor.id, len(columns)), first_tie, -len(ties[p.actor.id]), p.actor.name.casefold())

    # A column is headed by its number on a phone (the list above names them) and by its name, or
    # a short form of it, where there is room; its link is named by the full name either way.
    head = "".join(f'<th scope="col"><a href="{esc(root + c.url)}"><span class="visually-hidden">{esc(c.actor.name)}</span>'
                   f'<span class="matrix-number" aria-hidden="true">{i}</span>'
                   f'<span class="matrix-name" aria-hidden="true">{esc(short_name(c.actor))}</span></a></th>'
                   for i, c in enumerate(columns, 1))
    groups, rings = [], False
    for kind in KIND_ORDER:
        members = sorted((p for p in rows if p.actor.kind == kind), key=order)
        if not members:
            continue
        body = [f'<tr><th scope="rowgroup" colspan="{len(columns) + 1}" class="matrix-kind">{esc(svg.KIND_PLURAL[kind].capitalize())}</th></tr>']
        for p in members:
            count = len(ties[p.actor.id])
            cells = []
            for c in columns:
                tie = ties[p.actor.id].get(c.actor.id)
                if c.actor.id == p.actor.id:
                    cells.append('<td class="matrix-self"><span aria-hidden="true">–</span><span class="visually-hidden">itself</span></td>')
                elif tie is None:
                    cells.append("<td></td>")
                else:
                    words = "; ".join(sentence(s) for s in tie.sentences)
                    label = f"{p.actor.name}: {words}{' (background)' if tie.background else ''}"
                    rings = rings or tie.background
                    mark = '<circle class="hollow" cx="8" cy="8" r="5.5"/>' if tie.background else '<circle cx="8" cy="8" r="6.5" fill="currentColor"/>'
                    cells.append(f'<td><a href="{esc(root + p.url)}#relations" aria-label="{esc(label)}">'
                                 f'<svg class="tie" width="16" height="16" aria-hidden="true">{mark}</svg></a></td>')
            body.append(f'<tr><th scope="row"><a href="{esc(root + p.url)}">{esc(p.actor.name)}</a> '
                        f'<span class="matrix-count">{count} {"tie" if count == 1 else "ties"}</span></th>{"".join(cells)}</tr>')
        groups.append(f'<tbody>{"".join(body)}</tbody>')
    legend = "".join(f'<li><span class="matrix-number" aria-hidden="true">{i}</span> <a href="{esc(root + c.url)}">{esc(c.actor.name)}</a></li>'
                     for i, c in enumerate(columns, 1))
    items = [KeyItem('<circle cx="14" cy="8" r="6.5" fill="currentColor"/>', "a relation between the row and the column: opens the row's relations")]
    if rings:
        items.append(KeyItem('<circle class="hollow" cx="14" cy="8" r="5.5"/>', "background only, not from the briefing's sources"))
    others = ""
    if elsewhere:
        links = ", ".join(f'<a href="{esc(root + p.url)}">{esc(p.actor.name)}</a>' for p in elsewhere)
        others = f'<p class="matrix-others">Related only to other actors: {links}.</p>'
    caption = (f"Who is tied to whom: the {len(columns)} actors with the most relations are the columns, and every actor "
               "related to one of them is a row, by kind, the principals first. Each actor's page draws all its relations.")
    return Markup(f'<figure class="picture overview">{key(items, "Key to the marks")}'
                  f'<ol class="matrix-columns" aria-label="The columns">{legend}</ol>'
                  f'<div class="matrix-wrap"><table class="matrix"><caption class="visually-hidden">Relations with the principal actors</caption>'
                  f'<thead><tr><td class="matrix-corner"></td>{head}</tr></thead>{"".join(groups)}</table></div>{others}'
                  f"<figcaption>{esc(caption)}</figcaption></figure>")
