"""The pages of the editions: their index, and each earlier edition as it stood."""

from __future__ import annotations

from .. import urls
from ..resolve.views import Site
from .templates import Templates


def edition_pages(t: Templates, site: Site) -> list[tuple[str, str]]:
    """(path, HTML) of the editions' index and of every edition; nothing when there is no edition.

    An edition's page shows its own words for its [[references]] (`edition_refs`), so that
    it reads as it was published when the content has moved on.
    """
    view = site.editions
    if view is None or not view.pages:
        return []
    pages = [(urls.EDITIONS, t.render("editions.html", urls.EDITIONS, editions=view))]
    pages += [(page.url, t.render("edition.html", page.url, page=page, edition_refs=page.targets))
              for page in view.pages]
    return pages
