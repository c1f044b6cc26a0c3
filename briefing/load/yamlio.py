"""Safe YAML that remembers where every key and item came from, and refuses alias bombs."""

from __future__ import annotations

import re
from typing import Any

import yaml

from ..errors import ContentError

# A YAML file of the size editors write expands to a few thousand nodes; a billion-laughs
# file expands to billions. Anything past this is refused before it is built in memory.
MAX_EXPANDED_NODES = 200_000
# Content nests five or six levels deep. LibYAML builds nested nodes by recursion in C, which
# crashes the process (a segfault, not an exception) a few tens of thousands of levels down,
# and the checks below recurse in Python: depth is counted on the parser's events first.
MAX_DEPTH = 100
# Each level of nesting takes at least one of these characters: fewer of them, no deeper than that.
_NESTING_MARKS = "[{-?:\n"

# Characters that are not text: C0 and C1 controls (tab and newline are text), lone surrogates and
# the non-characters U+FFFE/U+FFFF. A YAML escape ("\x01") can put any of them in a string, and
# XML (the feed, the sitemap) cannot hold them: a feed with one is not a feed.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


# LibYAML's parser is several times faster than the pure-Python one; both give the same nodes.
_SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class BriefingLoader(_SafeLoader):  # type: ignore[valid-type,misc]  # chosen at import: see above
    """SafeLoader with YAML 1.2 booleans: only true/false, so `leans: yes` stays the word "yes"."""


BriefingLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
BriefingLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


class YMap(dict[str, Any]):
    """A mapping that knows the line of itself, of each key, and where each value's text starts."""

    line: int
    key_lines: dict[str, int]
    text_lines: dict[str, int]


class YList(list[Any]):
    """A sequence that knows the line of itself and of each item."""

    line: int
    item_lines: list[int]


def load_yaml(text: str, path: str) -> Any:
    """Parse one YAML document; every mapping is a YMap and every sequence a YList."""
    if sum(text.count(mark) for mark in _NESTING_MARKS) > MAX_DEPTH:
        _check_depth(text, path)
    loader = BriefingLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _check_expansion(node, path)
        return _convert(node, loader, path)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        what = exc.problem or exc.context or "invalid YAML"
        if exc.problem and exc.context and exc.context_mark and exc.context_mark.line + 1 != line:
            what += f" ({exc.context} that starts on line {exc.context_mark.line + 1})"
        raise ContentError(path, line, f"YAML syntax: {what}") from None
    except yaml.YAMLError as exc:
        raise ContentError(path, None, f"YAML syntax: {exc}") from None
    finally:
        loader.dispose()


def _check_depth(text: str, path: str) -> None:
    """ContentError at the line where collections nest more than MAX_DEPTH deep.

    Read from the parser's events, which LibYAML produces without recursion, before any node is built.
    """
    loader = BriefingLoader(text)
    depth = 0
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    raise ContentError(path, event.start_mark.line + 1 if event.start_mark else None,
                                       f"YAML nested more than {MAX_DEPTH} levels deep; refusing")
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        return  # a syntax error: load_yaml reports it with its line
    finally:
        loader.dispose()


def _check_expansion(root: yaml.Node, path: str) -> None:
    sizes: dict[int, int] = {}
    in_progress: set[int] = set()

    def size(node: yaml.Node) -> int:
        key = id(node)
        if key in sizes:
            return sizes[key]
        if key in in_progress:
            raise ContentError(path, node.start_mark.line + 1, "a YAML alias refers to itself")
        in_progress.add(key)
        total = 1
        if isinstance(node, yaml.SequenceNode):
            total += sum(size(child) for child in node.value)
        elif isinstance(node, yaml.MappingNode):
            total += sum(size(k) + size(v) for k, v in node.value)
        in_progress.discard(key)
        sizes[key] = total
        if total > MAX_EXPANDED_NODES:
            raise ContentError(
                path,
                node.start_mark.line + 1,
                f"YAML aliases expand to more than {MAX_EXPANDED_NODES:,} values; refusing (alias bomb?)",
            )
        return total

    size(root)


def _convert(node: yaml.Node, loader: BriefingLoader, path: str) -> Any:
    if isinstance(node, yaml.MappingNode):
        result = YMap()
        result.line = node.start_mark.line + 1
        result.key_lines = {}
        result.text_lines = {}
        for key_node, value_node in node.value:
            key = _convert(key_node, loader, path)
            if not isinstance(key, str):
                key = str(key)
            line = key_node.start_mark.line + 1
            if key in result:
                raise ContentError(path, line, f"duplicate key '{key}' (first at line {result.key_lines[key]})")
            result[key] = _convert(value_node, loader, path)
            result.key_lines[key] = line
            block = isinstance(value_node, yaml.ScalarNode) and value_node.style in ("|", ">")
            result.text_lines[key] = value_node.start_mark.line + 1 + (1 if block else 0)
        return result
    if isinstance(node, yaml.SequenceNode):
        items = YList()
        items.line = node.start_mark.line + 1
        items.item_lines = []
        for child in node.value:
            items.append(_convert(child, loader, path))
            items.item_lines.append(child.start_mark.line + 1)
        return items
    try:
        value = loader.construct_object(node, deep=True)
    except (ValueError, OverflowError) as exc:  # YAML reads 2022-02-30 as a date that does not exist
        raise ContentError(path, node.start_mark.line + 1, f"'{node.value}' is not a real date ({exc})") from None
    if isinstance(value, str):
        control = CONTROL_CHARACTERS.search(value)
        if control:
            line = node.start_mark.line + 1
            if getattr(node, "style", None) in ("|", ">"):  # a block scalar: its text starts on the next line
                line += 1 + value.count("\n", 0, control.start())
            raise ContentError(path, line, f"control character U+{ord(control.group()):04X} in the text: "
                                           "remove it (it is invisible, and the feed cannot hold it)")
    return value
