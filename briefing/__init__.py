"""briefing: turn news articles and short YAML summaries into a cross-linked static briefing site."""

__version__ = "0.1.0"
