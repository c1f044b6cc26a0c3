"""Every page's address and every anchor on a page: the one place they are spelled.

Addresses are relative to the site's root (`articles/tass.html`); a page one folder down
puts `../` in front (see `root_of`). The resolve stage stores them in the views, the
templates call these functions as `urls.article(slug)`, and the write stage writes each
page at its address.
"""

from __future__ import annotations

HOME = "index.html"
ARTICLES = "articles/index.html"
ACTORS = "actors/index.html"
FIGURES = "figures.html"
QUESTIONS = "questions/index.html"
TIMELINE = "timeline.html"
NOT_FOUND = "404.html"
FEED = "feed.xml"
SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"
EDITIONS = "editions/index.html"  # every edition of the briefing, newest first
CLAIMS = "claims.json"  # the briefing's claims as data (the claims-1 format of schema/)
CHANGES_ANCHOR = "what-changed"  # on the home page: what changed since the last edition
STATIC = "static"  # templates/static/ is copied here
SEARCH_INDEX = "pagefind"  # Pagefind writes its index here


def article(slug: str) -> str:
    return f"articles/{slug}.html"


def actor(actor_id: str) -> str:
    return f"actors/{actor_id}.html"


def question(question_id: str) -> str:
    return f"questions/{question_id}.html"


def figure_anchor(figure_id: str) -> str:
    return figure_id


def figure(figure_id: str) -> str:
    return f"{FIGURES}#{figure_anchor(figure_id)}"


def event_anchor(event_id: str) -> str:
    return event_id


def event(event_id: str) -> str:
    return f"{TIMELINE}#{event_anchor(event_id)}"


def judgment_anchor(number: int, judgment_id: str | None = None) -> str:
    """kj-ID for a judgment with an id (stable when judgments are reordered), else judgment-N."""
    return f"kj-{judgment_id}" if judgment_id else f"judgment-{number}"


def judgment(number: int, judgment_id: str | None = None) -> str:
    return f"{HOME}#{judgment_anchor(number, judgment_id)}"


def edition(as_of: str) -> str:
    """An earlier edition as it stood: `as_of` is its date, 2022-01-07."""
    return f"editions/{as_of}.html"


def edition_judgment(as_of: str, number: int, judgment_id: str | None) -> str:
    return f"{edition(as_of)}#{judgment_anchor(number, judgment_id)}"


def quote(slug: str, anchor: str) -> str:
    """A quoted passage inside its article (the anchor comes from resolve/bodies.py)."""
    return f"{article(slug)}#{anchor}"


def root_of(path: str) -> str:
    """What a page at `path` puts before a root-relative address: '' or '../'."""
    return "../" * path.count("/")
