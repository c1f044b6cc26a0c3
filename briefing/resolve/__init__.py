"""Stage 2: index every id, check every reference, find every quote, and work out the backlinks.

The order is the one below, and it matters: ids are indexed before any reference is
checked; every article body is processed (its quotes found and anchored) before any claim
cites it; and the article pages are made only after every claim has cited its passages,
since each page lists the claims that cite it. Last, the claims as they stand are taken as
an edition (editions/snapshot.py) and compared with the editions of content/editions/.
"""

from __future__ import annotations

from collections import defaultdict

from ..cache import BuildCache
from ..editions.snapshot import snapshot
from ..errors import Problems
from ..model import Article, Content
from .bodies import BodyContext, BodyJob, process_bodies
from .citations import Citations, events_in_order, quotes_by_article
from .claims import event_view, figure_view, judgment_view, question_page
from .copies import check_syndication, copies_among, copies_by_article
from .editions import editions_view
from .index import References, build_index
from .pages import actor_pages, article_page, claims_naming_actors, newest_first
from .relations import relation_views
from .views import FigureView, Site


def resolve(content: Content, problems: Problems, cache: BuildCache | None = None) -> Site:
    """Check every reference and quote of the content, adding each problem to `problems`.

    With a `cache` kept from the last build, unchanged article bodies and copies are reused.
    """
    cache = cache or BuildCache()
    index = build_index(content, cache.matchers, cache.cards)
    references = References(index, problems)
    for article in content.articles:
        references.check_xrefs(article.body, article.at.path, article.body_line)
        check_syndication(article, references)
        references.check_markdown(article.retracted)
        references.check_markdown(article.discredited)
    for actor in content.actors:
        references.check_markdown(actor.summary)
    references.check_markdown(content.briefing.bottom_line)
    references.check_markdown(content.briefing.limits)

    quotes = quotes_by_article(content)
    jobs = [BodyJob(a.slug, a.body, quotes.get(a.slug, ())) for a in content.articles]
    bodies = process_bodies(jobs, BodyContext(index.matcher, index.targets), cache.bodies)

    citations = Citations(index, bodies, references, problems)
    figures = tuple(figure_view(f, citations, references) for f in content.figures)
    questions = tuple(question_page(q, citations, references) for q in content.questions)
    events = tuple(event_view(e, citations, references) for e in events_in_order(content))
    judgments = tuple(judgment_view(j, citations, references) for j in content.briefing.key_judgments)
    relations = relation_views(citations, references)
    passages = citations.passages()  # complete only now that every claim has cited its quotes

    copies = copies_by_article(copies_among(index, bodies, cache.copies, problems))
    newest = newest_first(content.articles)
    articles = tuple(article_page(a, bodies[a.slug], quotes.get(a.slug, ()), index, passages, copies.get(a.slug, []))
                     for a in newest)
    mentioned_in: dict[str, list[Article]] = defaultdict(list)
    for article in newest:
        for actor_id in bodies[article.slug].mentions:
            mentioned_in[actor_id].append(article)
    named_in = claims_naming_actors(index, figures, questions, events, judgments)
    actors, actor_groups = actor_pages(index, relations, mentioned_in, named_in)
    current = snapshot(content, judgments, figures, questions, events, index.targets)
    return Site(content, articles, actors, actor_groups, figures, questions, events, judgments, dict(index.targets),
                sum(1 for f in figures if f.unexplained), passages.quotes_verified,
                key_figures(content, figures, references), editions_view(current, content.editions, index.targets))


def key_figures(content: Content, figures: tuple[FigureView, ...], references: References) -> tuple[FigureView, ...]:
    """The figures briefing.yaml puts on the home page, in its order."""
    by_id = {view.figure.id: view for view in figures}
    path = content.briefing.at.path
    return tuple(by_id[figure_id] for figure_id, line in content.briefing.key_figures
                 if references.check_id("figure", figure_id, path, line) and figure_id in by_id)
