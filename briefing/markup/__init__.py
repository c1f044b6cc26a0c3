"""Markdown for briefings: safe links and [[cross-references]] (markdown.py), actor links in
article bodies (actors.py), and quotes found and anchored in article text (quotes.py)."""

from .actors import ActorMatcher, link_actors
from .markdown import SAFE_SCHEMES, XREF_KINDS, XREF_PATTERN, RefTarget, find_xrefs, is_safe_url, make_markdown
from .quotes import ArticleText, normalize, normalize_quote

__all__ = ["SAFE_SCHEMES", "XREF_KINDS", "XREF_PATTERN", "ActorMatcher", "ArticleText", "RefTarget", "find_xrefs",
           "is_safe_url", "link_actors", "make_markdown", "normalize", "normalize_quote"]
