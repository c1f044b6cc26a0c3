"""Pictures drawn at build time: figure dot plots, the timeline axis, who is who.

Each picture reads without colour (shapes, words and positions carry the meaning) and has
its key beside it; every mark is a link with a name; no text in it is drawn smaller than
12 px on any screen from 320 px up; the page around it says the same in a table or a list.
One module per picture; svg.py holds what they share.
"""

from __future__ import annotations

from .actors import actor_overview, actor_relations
from .dotplot import figure_plot
from .timeline import is_scheduled, timeline_axis

__all__ = ["actor_overview", "actor_relations", "figure_plot", "is_scheduled", "timeline_axis"]
