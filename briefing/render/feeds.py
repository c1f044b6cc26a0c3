"""The files that need the site's public address: the Atom feed, the sitemap and robots.txt.

They are made only when briefing.yaml sets base_url, since feed readers and search engines
need absolute URLs; the pages themselves keep relative links and never depend on it.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from .. import urls
from ..editions.views import EditionPage
from ..labels import day, plain_text, short_words
from ..resolve.views import Site

ATOM = "http://www.w3.org/2005/Atom"
SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
NOT_IN_SITEMAP = {urls.NOT_FOUND}
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)  # for an undated article in an undated briefing


@dataclass(frozen=True)
class FeedEntry:
    """One item of the feed: a source article, a timeline event or an edition, with absolute URLs."""

    id: str
    url: str
    title: str
    updated: dt.datetime
    summary: str
    author: str | None


def feed_entries(site: Site, base_url: str) -> list[FeedEntry]:
    """Articles, timeline events and editions (each with what changed in it), newest first; an undated
    article counts as of the briefing's date."""
    fallback = _moment(site.content.briefing.as_of) or _EPOCH
    entries = []
    for page in site.articles:
        a = page.article
        when = _moment(a.published) or fallback
        about = ", ".join(part for part in (a.outlet, a.published and day(a.published)) if part)
        summary = f"Source article{f' ({a.kind})' if a.kind else ''}" + (f" from {about}" if about else "") + "."
        entries.append(FeedEntry(base_url + page.url, base_url + page.url, a.title, when, summary,
                                 a.author or a.outlet))
    for view in site.events:
        e = view.event
        text = plain_text(e.event.markdown, site.refs)
        when = dt.datetime(e.date.year, e.date.month or 1, e.date.day or 1, tzinfo=dt.UTC)
        url = base_url + view.url
        entries.append(FeedEntry(url, url, f"{e.date.label}: {short_words(text, 14)}", when, text, None))
    entries += [_edition_entry(page, base_url) for page in (site.editions.pages if site.editions else ())]
    entries.sort(key=lambda entry: entry.updated, reverse=True)
    return entries


def _edition_entry(page: EditionPage, base_url: str) -> FeedEntry:
    """An edition, with what changed in it since the one before."""
    as_of = page.edition.as_of or dt.date.min  # an edition read from a file always has its date
    changes, url = page.changes, base_url + page.url
    if changes is None:
        return FeedEntry(url, url, f"Edition of {day(as_of)}", _moment(as_of) or _EPOCH, "The first edition.", None)
    lines = changes.summary or ("Nothing in the claims changed.",)
    summary = f"Since {day(changes.since or as_of)}: " + " ".join(line.rstrip(".") + "." for line in lines)
    title = f"Edition of {day(as_of)}: {changes.count} change{'s' if changes.count != 1 else ''}"
    return FeedEntry(url, url, title, _moment(as_of) or _EPOCH, summary, None)


def atom_feed(site: Site, base_url: str) -> str:
    """The Atom 1.0 document (RFC 4287) for feed_entries."""
    briefing = site.content.briefing
    entries = feed_entries(site, base_url)
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    _child(feed, "id", base_url)
    _child(feed, "title", briefing.title)
    if briefing.subtitle:
        _child(feed, "subtitle", briefing.subtitle)
    newest = max([e.updated for e in entries] + [_moment(briefing.as_of) or _EPOCH])
    _child(feed, "updated", _rfc3339(newest))
    _child(_child(feed, "author"), "name", briefing.title)
    _child(feed, "link", rel="self", type="application/atom+xml", href=base_url + urls.FEED)
    _child(feed, "link", rel="alternate", type="text/html", href=base_url + urls.HOME)
    for entry in entries:
        item = _child(feed, "entry")
        _child(item, "id", entry.id)
        _child(item, "title", entry.title)
        _child(item, "updated", _rfc3339(entry.updated))
        _child(item, "link", rel="alternate", type="text/html", href=entry.url)
        if entry.author:
            _child(_child(item, "author"), "name", entry.author)
        _child(item, "summary", entry.summary)
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def sitemap(page_paths: list[str], base_url: str) -> str:
    """The sitemaps.org 0.9 list of every page a search engine should know, 404 page excepted.

    Written as text, not through ElementTree: it is remade at every build, dev server's
    included, and names every page."""
    locs = "".join(f"  <url>\n    <loc>{_escape(base_url + path)}</loc>\n  </url>\n" for path in page_paths
                   if path.endswith(".html") and path not in NOT_IN_SITEMAP)
    if not locs:
        return f'<?xml version="1.0" encoding="utf-8"?>\n<urlset xmlns="{SITEMAP}" />\n'
    return f'<?xml version="1.0" encoding="utf-8"?>\n<urlset xmlns="{SITEMAP}">\n{locs}</urlset>\n'


def _escape(text: str) -> str:
    """Text as an XML element's content, escaped as ElementTree escapes it (xml.sax.saxutils
    would do, but imports urllib.request: a tenth of a cold build of a small briefing)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def robots_txt(base_url: str) -> str:
    return f"User-agent: *\nAllow: /\n\nSitemap: {base_url}{urls.SITEMAP}\n"


def _child(parent: ET.Element, tag: str, text: str | None = None, *, ns: str = ATOM, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ns}}}{tag}", attrs)
    if text is not None:
        element.text = text
    return element


def _moment(value: dt.date | dt.datetime | None) -> dt.datetime | None:
    """A date or naive date-time as a UTC moment (the content gives no time zone)."""
    if value is None:
        return None
    if not isinstance(value, dt.datetime):
        value = dt.datetime(value.year, value.month, value.day)
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def _rfc3339(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
