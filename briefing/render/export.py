"""claims.json: the briefing's claims as data, in the format of its editions (claims-1, schema/)."""

from __future__ import annotations

from ..editions.format import dumps
from ..resolve.views import Site


def claims_json(site: Site) -> str:
    """The briefing as it stands, as `python build.py edition` would freeze it today."""
    assert site.editions is not None, "the resolve stage always takes the briefing as an edition"
    return dumps(site.editions.current)
