"""What a long-running process (the dev server) keeps from one build to the next.

Every stage asks its memo for each piece of work: `memo.get(key, inputs, make)` gives last
build's result when the inputs are equal to last build's, and otherwise makes it anew.
A build without a cache gets fresh, empty memos, so it runs exactly the code a cached
build runs; only the hits differ. That is why a cached build writes byte for byte what a
full build writes (tests/test_incremental.py proves it after each kind of edit).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TypeVar

if TYPE_CHECKING:
    from .errors import Problem
    from .load.articles import ArticleOutcome
    from .load.editions import EditionOutcome
    from .load.yamlfiles import YamlOutcome
    from .markup import ActorMatcher, RefTarget
    from .model import ArticleCard
    from .render import SiteWidePages
    from .resolve.bodies import ProcessedBody
    from .resolve.copies import CopyFinder

Value = TypeVar("Value")


class Memo(Generic[Value]):
    """Results of one kind of work, each kept under a key with the inputs it was made from.

    A staged memo keeps what this build made apart until commit(): the render stage's pages
    may be hard-linked from the site on disk next time, so they count only once that site
    was written (a failed build discards them).
    """

    def __init__(self, *, staged: bool = False) -> None:
        self._kept: dict[Hashable, tuple[Any, Value]] = {}
        self._fresh: dict[Hashable, tuple[Any, Value]] = {}
        self._staged = staged

    def recall(self, key: Hashable, inputs: Any) -> Value | None:
        """Last build's result for `key` if it was made from equal inputs, else None."""
        kept = self._kept.get(key)
        if kept is not None and kept[0] == inputs:
            return kept[1]
        return None

    def keep(self, key: Hashable, inputs: Any, value: Value) -> None:
        (self._fresh if self._staged else self._kept)[key] = (inputs, value)

    def get(self, key: Hashable, inputs: Any, make: Callable[[], Value]) -> Value:
        """The result for `key`: recalled when the inputs are unchanged, else made and kept."""
        found = self.recall(key, inputs)
        if found is None:
            found = make()
            self.keep(key, inputs, found)
        return found

    def retain(self, keys: Iterable[Hashable]) -> None:
        """Forget what belongs to things that are gone (a deleted article, a removed page)."""
        wanted = set(keys)
        for store in (self._kept, self._fresh):
            for key in [key for key in store if key not in wanted]:
                del store[key]

    def commit(self) -> None:
        self._kept.update(self._fresh)
        self._fresh.clear()

    def discard(self) -> None:
        self._fresh.clear()

    def clear(self) -> None:
        self._kept.clear()
        self._fresh.clear()


@dataclass
class BuildCache:
    """One memo per kind of work a build can reuse."""

    yaml_files: Memo[YamlOutcome] = field(default_factory=Memo)  # load: a YAML file, parsed
    article_files: Memo[ArticleOutcome] = field(default_factory=Memo)  # load: an article file, read
    entries: Memo[tuple[list[Any], list[Problem]]] = field(default_factory=Memo)  # load: a YAML file's entries
    edition_files: Memo[EditionOutcome] = field(default_factory=Memo)  # load: an edition file, read
    matchers: Memo[ActorMatcher] = field(default_factory=Memo)  # resolve: the actor names' pattern
    cards: Memo[ArticleCard] = field(default_factory=Memo)  # resolve: what other pages show of an article
    bodies: Memo[ProcessedBody] = field(default_factory=Memo)  # resolve: an article body, processed
    copies: Memo[CopyFinder] = field(default_factory=Memo)  # resolve: the copies among the texts, kept up to date
    templates: Memo[bool] = field(default_factory=Memo)  # render: whether a template's pages can be reused
    pages: Memo[str] = field(default_factory=lambda: Memo(staged=True))  # render: a page's HTML
    site_wide: Memo[SiteWidePages] = field(default_factory=lambda: Memo(staged=True))  # render: index pages, feed
    # render: the [[reference]] targets the pages were made with, to tell which links changed words
    targets: Memo[dict[tuple[str, str], RefTarget]] = field(default_factory=lambda: Memo(staged=True))

    def commit(self, page_paths: Iterable[str]) -> None:
        """The build succeeded and its site is on disk: its pages may be reused, the others are gone."""
        for memo in (self.pages, self.targets, self.site_wide):
            memo.commit()
        self.pages.retain(page_paths)

    def discard(self) -> None:
        """The build failed: the site on disk is still the last one, and so are its pages."""
        for memo in (self.pages, self.targets, self.site_wide):
            memo.discard()
