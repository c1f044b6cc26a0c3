"""The editions as the site shows them: what changed since the last one, each judgment's history, each edition's page.

The briefing as it stands is compared with the latest edition dated before its as_of (an
edition of the same date is the one being re-issued, so it is passed over). An edition's
page is made from its file alone, but for its links: each judgment links to its current
version, and a reference or an article links only where the briefing still has a page for it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from .. import labels, urls
from ..editions.compare import compare, judgment_histories
from ..editions.records import Edition, JudgmentRecord, QuoteRecord
from ..editions.views import EditionJudgment, EditionLink, EditionPage, EditionQuote, EditionsView
from ..markup import RefTarget
from ..model import LIKELIHOODS
from .views import IndependentSource


def editions_view(current: Edition, editions: Sequence[Edition],
                  refs: Mapping[tuple[str, str], RefTarget]) -> EditionsView:
    frozen = sorted(editions, key=lambda e: e.as_of or dt.date.min)  # an edition read from a file has its date
    earlier = [e for e in frozen if current.as_of is None or (e.as_of and e.as_of < current.as_of)]
    changes = compare(earlier[-1], current) if earlier else None
    histories = judgment_histories([*earlier, current]) if earlier else {}
    pages = [_page(edition, frozen[i - 1] if i else None, current, refs) for i, edition in enumerate(frozen)]
    return EditionsView(current, changes, tuple(sorted(histories.items())), tuple(reversed(pages)))


def _link(edition: Edition | None) -> EditionLink | None:
    if edition is None or edition.as_of is None:
        return None
    return EditionLink(edition.as_of, urls.edition(edition.as_of.isoformat()))


def _page(edition: Edition, previous: Edition | None, current: Edition,
          refs: Mapping[tuple[str, str], RefTarget]) -> EditionPage:
    changes = compare(previous, edition) if previous else None
    moves = {c.id: c for c in changes.judgments if c.kind == "moved"} if changes else {}
    now = {j.id for j in current.judgments if j.id}
    articles = {a.slug: a for a in edition.articles}

    def quote(q: QuoteRecord) -> EditionQuote:
        article = articles.get(q.article)
        exists = ("article", q.article) in refs
        withdrawn = article.withdrawn if article else None
        return EditionQuote(q, article.title if article else q.article, article.outlet if article else None,
                            urls.article(q.article) if exists else None, q.passage if exists else None,
                            withdrawn[0] if withdrawn else None)

    def judgment(number: int, j: JudgmentRecord) -> EditionJudgment:
        move = moves.get(j.id or "")
        counted = tuple(IndependentSource(s.name, s.kind) for s in j.sources)
        return EditionJudgment(
            j, number, urls.judgment_anchor(number, j.id), LIKELIHOODS[j.likelihood], labels.sources(counted),
            tuple(s.name for s in counted),
            tuple(quote(q) for q in j.evidence if q.leans != "against"),
            tuple(quote(q) for q in j.evidence if q.leans == "against"),
            urls.judgment(number, j.id) if j.id in now else None,
            move.before if move else None, move.reason if move else None)

    as_of = edition.as_of.isoformat() if edition.as_of else ""
    # Words as the edition had them; addresses only of what the site still has.
    targets = tuple((key, RefTarget(refs[key].url, target.text)) for key, target in edition.refs if key in refs)
    return EditionPage(edition, urls.edition(as_of), _link(previous), changes,
                       tuple(judgment(n, j) for n, j in enumerate(edition.judgments, start=1)), targets)
