"""Relations between actors, in the words each of the two actors' pages shows them.

A relation is a statement on one actor's entry (its subject) about another (its object):
`- spokesman-of: russia` on Peskov's entry reads "Spokesman of Russia" on Peskov's page and
"Spokesman: Dmitry Peskov" on Russia's. The words come from the kind's two phrasings
(model.RELATION_KINDS), so no page can read it backwards.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable

from .. import urls
from ..model import RELATION_KINDS, UNTITLED_PART_OF, Actor, Relation
from .citations import Citations
from .index import References
from .views import Backlink, Citation, RelationView

_SLOT = "\x00"  # where the other actor's name goes in a phrase


def relation_views(citations: Citations, references: References) -> dict[str, tuple[RelationView, ...]]:
    """actor id -> its relations: the statements its own entry makes, then those of other
    entries about it. A statement made twice (on both sides, say) is shown once."""
    index = references.index
    own: dict[str, list[RelationView]] = defaultdict(list)
    about: dict[str, list[RelationView]] = defaultdict(list)
    seen: set[Hashable] = set()
    for subject in index.content.actors:
        for relation in subject.related:
            if not references.check_id("actor", relation.actor, relation.at.path, relation.at.line):
                continue
            other = index.actors[relation.actor]
            key = _identity(subject, relation)
            if relation.actor == subject.id or key in seen:
                continue
            seen.add(key)
            citation = citations.cite(relation.source, _backlink(subject)) if relation.source else None
            subject_words, object_words = phrasings(relation)
            background = relation.basis == "background"
            own[subject.id].append(_view(subject_words, other, True, background, citation, relation))
            about[other.id].append(_view(object_words, subject, False, background, citation, relation))
    return {actor.id: tuple(own[actor.id] + about[actor.id]) for actor in index.content.actors}


def phrasings(relation: Relation) -> tuple[str, str]:
    """The relation on its subject's page and on its object's, with _SLOT for the other actor."""
    if relation.kind:
        kind = RELATION_KINDS[relation.kind]
        if relation.kind == "part-of" and not relation.title:
            return f"{UNTITLED_PART_OF[0]} of {_SLOT}", f"{UNTITLED_PART_OF[1]}: {_SLOT}"
        title = relation.title or ""
        subject = kind.subject.format(o=_SLOT, title=title)
        if kind.symmetric:
            return subject, subject
        return subject, f"{kind.object.format(title=title)}: {_SLOT}"
    if relation.phrase and relation.inverse:
        return f"{relation.phrase} {_SLOT}", f"{relation.inverse}: {_SLOT}"
    words = relation.relation or ""  # the old form: "X is WORDS to this actor", shown as it always was
    return f"{_SLOT}: {words}", f"{words[:1].upper()}{words[1:]} of {_SLOT}"


def _identity(subject: Actor, relation: Relation) -> Hashable:
    """What makes two statements one: the same kind (or words) between the same two actors."""
    pair: Hashable = (subject.id, relation.actor)
    if relation.kind and RELATION_KINDS[relation.kind].symmetric:
        pair = frozenset((subject.id, relation.actor))
    return (relation.kind, relation.title, relation.phrase, relation.relation, pair)


def _view(words: str, other: Actor, stated_here: bool, background: bool, citation: Citation | None,
          relation: Relation) -> RelationView:
    before, _, after = words.partition(_SLOT)
    return RelationView(before, other, after, stated_here, background, relation.background, citation, relation.at)


def _backlink(subject: Actor) -> Backlink:
    return Backlink("relation", f"Relations of {subject.name}", urls.actor(subject.id))
