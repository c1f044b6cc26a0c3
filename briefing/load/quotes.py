"""A claim's quote as the editor writes it: the article, the words, and whose words and reporting they are."""

from __future__ import annotations

from ..model import QuoteRef, Source
from .fields import Fields

QUOTE_KEYS = {"article": True, "quote": True, "via": False, "speaker": False}


def quote_ref(fields: Fields, line: int | None) -> QuoteRef | None:
    article, quote = fields.ident("article"), fields.string("quote")
    if article is None or quote is None:
        return None
    speaker = fields.string("speaker")
    return QuoteRef(article, quote, Source(fields.path, fields.key_line("quote") or line), fields.string("via"),
                    speaker, fields.key_line("speaker") if speaker else None)


def read_source(fields: Fields, key: str) -> QuoteRef | None:
    """A mapping of QUOTE_KEYS under `key` (an event's or a relation's source), or None."""
    if fields.data.get(key) is None:
        return None
    s = Fields(fields.data[key], fields.path, fields.key_line(key), "a source", QUOTE_KEYS, fields.problems)
    return quote_ref(s, fields.key_line(key))
