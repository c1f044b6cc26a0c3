"""An actor's `related:` items: a statement of a kind from the README, free text with both
phrasings, or the first version's form, which still builds with a warning."""

from __future__ import annotations

from typing import Any

from ..errors import Problems, closest
from ..model import BASES, RELATION_KINDS, RELATION_OBJECT_KEYS, Relation
from .fields import Fields, as_id
from .quotes import read_source

_RELATION_EXTRAS = {"basis": False, "source": False, "background": False}


def _old_relation_hint(other: str, words: str, this: str | None) -> str:
    """The warning for `{actor: X, relation: R}`, with the statement it probably means."""
    kind = closest(as_id(words) or "", RELATION_KINDS, cutoff=0.7) or "KIND"
    return (f"'relation: {words}' can be read both ways (what is {other} to whom?): state it on one actor's "
            f"entry with a kind from the README, e.g. on {other}'s: '- {kind}: {this or '...'}', or write "
            "'{actor, phrase, inverse}' with the words for both pages")


def read_relation(data: Any, path: str, line: int | None, problems: Problems,
                  this: str | None = None) -> Relation | None:
    """One item of `related:`: `- KIND: ID` (README: relations), free text with both
    phrasings, or the old `{actor, relation}`, which still builds with a warning."""
    keys = set(data) if isinstance(data, dict) else set()
    if "relation" in keys:
        r = Fields(data, path, line, "a relation", {"actor": True, "relation": True, **_RELATION_EXTRAS}, problems)
        other, words = r.ident("actor"), r.string("relation")
        if not (other and words):
            return None
        problems.warn(path, r.key_line("relation"), _old_relation_hint(other, words, this))
        return Relation(other, r.at("actor"), relation=words, basis=r.choice("basis", BASES) or "sources",
                        source=read_source(r, "source"), background=r.text("background"))
    if keys & {"phrase", "inverse"}:
        r = Fields(data, path, line, "a relation",
                   {"actor": True, "phrase": True, "inverse": True, **_RELATION_EXTRAS}, problems)
        other, phrase, inverse = r.ident("actor"), r.string("phrase"), r.string("inverse")
        if not (other and phrase and inverse):
            return None
        return Relation(other, r.at("actor"), phrase=phrase, inverse=inverse,
                        basis=r.choice("basis", BASES) or "sources", source=read_source(r, "source"),
                        background=r.text("background"))
    r = Fields(data, path, line, "a relation", {**dict.fromkeys(RELATION_KINDS, False), **_RELATION_EXTRAS},
               problems)
    kinds = [key for key in r.data if key in RELATION_KINDS]
    if r.ok and len(kinds) != 1:
        if not keys - set(_RELATION_EXTRAS) - set(RELATION_KINDS):  # unknown keys are reported already
            problems.add(path, r.line, "a relation names one kind and the other actor, like '- member-of: csto' "
                         "(see the README for the kinds)")
        return None
    if not r.ok:
        return None
    kind = kinds[0]
    value = r.data[kind]
    if isinstance(value, dict):
        target = RELATION_OBJECT_KEYS.get(kind, "actor")
        allowed = {target: True, "title": RELATION_KINDS[kind].titled and kind != "part-of"}
        v = Fields(value, path, r.key_line(kind), f"'{kind}'", allowed, problems)
        other, title = v.ident(target), v.string("title")
    else:
        other, title = r.ident(kind), None
        if RELATION_KINDS[kind].titled and kind != "part-of":
            problems.add(path, r.key_line(kind), f"'{kind}' needs a title: {kind}: {{at: {other}, title: ...}}")
            return None
    if not other:
        return None
    return Relation(other, r.at(kind), kind=kind, title=title, basis=r.choice("basis", BASES) or "sources",
                    source=read_source(r, "source"), background=r.text("background"))
