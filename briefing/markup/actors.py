"""Actor names in article bodies: found as whole words, longest first, and linked at their first mention."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from markdown_it.token import Token

from .. import urls
from .markdown import text_token


def _trie_pattern(words: list[str]) -> str:
    """One regex for many literal words, shaped as a trie so matching does not try each word in turn."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = True

    def build(node: dict[str, Any]) -> str:
        end = "" in node
        branches = [re.escape(char) + build(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        # Regex alternation is greedy left to right, so the longer name is tried before the shorter.
        return f"(?:{body})?" if end else body

    return build(trie)


class ActorMatcher:
    """Finds actor names and aliases as whole words, longest first, in one pass over a text."""

    def __init__(self, names: dict[str, str]):
        self.actor_of = names  # name or alias -> actor id
        self.names_key = tuple(sorted(names.items()))
        words = sorted(names, key=len, reverse=True)
        # Whole words, and not part of a hyphenated name: "NATO-Russia Council" is not NATO and Russia.
        self.pattern = re.compile(r"(?<![\w-])(?:" + _trie_pattern(words) + r")(?![\w]|-\w)") if words else None

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        if self.pattern is None:
            return
        for match in self.pattern.finditer(text):
            if match.group(0) in self.actor_of:
                yield match

    def actors_in(self, text: str) -> set[str]:
        return {self.actor_of[m.group(0)] for m in self.finditer(text)}


def link_actors(tokens: list[Token], matcher: ActorMatcher, root: str) -> set[str]:
    """Link each actor's first mention in the text (never in links, code or headings), so that
    the page is not a patchwork of links; return every actor mentioned."""
    mentioned: set[str] = set()
    linked: set[str] = set()
    in_heading = False
    for token in tokens:
        if token.type == "heading_open":
            in_heading = True
        elif token.type == "heading_close":
            in_heading = False
        elif token.type == "inline" and token.children:
            if in_heading:
                mentioned |= {a for c in token.children if c.type == "text" for a in matcher.actors_in(c.content)}
            else:
                token.children = _link_in_inline(token.children, matcher, root, mentioned, linked)
    return mentioned


def _link_in_inline(children: list[Token], matcher: ActorMatcher, root: str, mentioned: set[str],
                    linked: set[str]) -> list[Token]:
    result: list[Token] = []
    link_depth = 0
    for child in children:
        if child.type == "link_open":
            link_depth += 1
        elif child.type == "link_close":
            link_depth -= 1
        if child.type != "text" or link_depth:
            result.append(child)
            continue
        text, last = child.content, 0
        for match in matcher.finditer(text):
            actor = matcher.actor_of[match.group(0)]
            mentioned.add(actor)
            if actor in linked:
                continue
            linked.add(actor)
            if match.start() > last:
                result.append(text_token(text[last:match.start()]))
            link = Token("link_open", "a", 1)
            link.attrs = {"href": root + urls.actor(actor), "class": "actor"}
            result.extend([link, text_token(match.group(0)), Token("link_close", "a", -1)])
            last = match.end()
        if last == 0:
            result.append(child)
        elif last < len(text):
            result.append(text_token(text[last:]))
    return result
