"""A build that reuses the last build's work (as the dev server's do) writes exactly what a full build writes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import site_digest

from briefing.build import build, check
from briefing.cache import BuildCache
from briefing.errors import BuildFailed


def _full(project: Path, tmp_path: Path) -> dict[str, bytes]:
    target = tmp_path / "full-site"
    build(project, site_dir=target, search=False)
    return site_digest(target)


def _entity_pages(project: Path) -> int:
    """The pages that each show one article, actor or question."""
    site = check(project)
    return len(site.articles) + len(site.actors) + len(site.questions)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


EDITS = {
    "an article's text": ("content/articles/interesting-times.md", "goes wobbly.", "goes very wobbly."),
    "an actor's name (links everywhere)": ("content/actors.yaml", "name: Kassym-Jomart Tokayev", "name: Kassym-Jomart K. Tokayev"),
    "a figure's quote (anchors move)": ("content/figures.yaml", 'quote: "an initial 2,500 soldiers', 'quote: "initial 2,500 soldiers'),
    "the briefing's title (every page)": ("content/briefing.yaml", "title: ", "title: Edited — "),
    "a template": ("templates/article.html", "Source article", "Source text"),
    "a figure's label (the words of [[figure:]] links)": ("content/figures.yaml",
                                                          "label: Size of the whole CSTO force",
                                                          "label: Size of the CSTO force"),
    "a question (the words of [[question:]] links)": ("content/questions.yaml",
                                                      "question: Will the Kazakhstan deployment draw",
                                                      "question: Does the Kazakhstan deployment draw"),
    "an article retracted (every claim that quotes it)": ("content/articles/interesting-times.md", "kind: blog\n",
                                                          "kind: blog\nretracted: The blog took the post down.\n"),
}


@pytest.mark.parametrize("edit", EDITS.values(), ids=EDITS.keys())
def test_cached_rebuild_after_an_edit_is_identical_to_a_full_build(project: Path, tmp_path: Path, edit):
    cache = BuildCache()
    build(project, search=False, cache=cache)
    again = build(project, search=False, cache=cache)
    assert again.pages_reused == again.pages - 1  # nothing changed: every page reused but the sitemap, which names them
    path, old, new = edit
    _edit(project / path, old, new)
    build(project, search=False, cache=cache)
    assert site_digest(project / "site") == _full(project, tmp_path)


def test_an_edit_to_one_article_rerenders_only_what_shows_it(project: Path):
    cache = BuildCache()
    build(project, search=False, cache=cache)
    first = build(project, search=False, cache=cache)
    _edit(project / "content/articles/hotair-another-republic.md", "drily notes", "dryly notes")
    second = build(project, search=False, cache=cache)
    reused = first.pages_reused  # after one warm-up build every page but the sitemap is reused
    assert reused == first.pages - 1 and reused > _entity_pages(project)
    # All but the edited article's own page: the index pages, the feed and claims.json show no article's text.
    assert second.pages_reused == reused - 1


def test_a_failed_build_in_between_does_not_spoil_the_cache(project: Path, tmp_path: Path):
    cache = BuildCache()
    build(project, search=False, cache=cache)
    article = project / "content/articles/axios-putin-calculus.md"
    _edit(article, "largest uprising", "largest-ever uprising")
    actors = project / "content/actors.yaml"
    good_actors = actors.read_text(encoding="utf-8")
    actors.write_text(good_actors + "\n- id: [unclosed\n", encoding="utf-8")
    with pytest.raises(BuildFailed):
        build(project, search=False, cache=cache)
    actors.write_text(good_actors, encoding="utf-8")
    build(project, search=False, cache=cache)
    assert site_digest(project / "site") == _full(project, tmp_path)


def test_a_deleted_article_disappears_from_a_cached_build(project: Path, tmp_path: Path):
    extra = project / "content/articles/extra-note.md"
    extra.write_text("---\ntitle: An extra note\noutlet: Nowhere\npublished: 2022-01-07\n---\nTokayev spoke.\n",
                     encoding="utf-8")
    cache = BuildCache()
    build(project, search=False, cache=cache)
    assert (project / "site/articles/extra-note.html").exists()
    extra.unlink()
    build(project, search=False, cache=cache)
    assert not (project / "site/articles/extra-note.html").exists()
    assert site_digest(project / "site") == _full(project, tmp_path)


def test_a_page_that_links_a_renamed_target_shows_the_new_words(small_project: Path, tmp_path: Path):
    """Alpha's page shows nothing of the figure but the words of a [[figure:]] link: renaming the
    figure must re-render it, though nothing else on it changed."""
    _edit(small_project / "content/actors.yaml", "summary: Leads [[beta]].", "summary: Leads [[beta]]; see [[figure:count]].")
    _edit(small_project / "content/articles/two.md", "according to *Alpha*.", "according to *Alpha*. See [[figure:count]].")
    cache = BuildCache()
    build(small_project, search=False, cache=cache)
    _edit(small_project / "content/figures.yaml", "label: Number of troops", "label: Troop numbers")
    build(small_project, search=False, cache=cache)
    assert ">Troop numbers</a>" in (small_project / "site/actors/alpha.html").read_text(encoding="utf-8")
    assert ">Troop numbers</a>" in (small_project / "site/articles/two.html").read_text(encoding="utf-8")
    assert site_digest(small_project / "site") == _full(small_project, tmp_path)


def test_a_template_that_may_read_site_is_told_from_one_that_does_not(tmp_path: Path):
    """The dev server reuses a page only if its template (and all it extends, imports or
    includes) cannot read `site`: a miss here would show stale pages."""
    from briefing.render.templates import Templates

    (tmp_path / "partials").mkdir()
    sources = {
        "base.html": "<title>Our site</title>{% block main %}{% endblock %}",  # the word in the HTML does not count
        "own.html": '{% extends "base.html" %}{% block main %}{{ page.title }} site.js{% endblock %}',
        "set.html": '{% extends "base.html" %}{% block main %}{% set s = site %}{{ s.articles|length }}{% endblock %}',
        "partials/list.html": "{% for a in site.articles %}{{ a.url }}{% endfor %}",
        "included.html": '{% extends "base.html" %}{% block main %}{% include "partials/list.html" %}{% endblock %}',
        "imported.html": "{% from 'partials/list.html' import x %}{{ page }}",
        "dynamic.html": "{% include page.template_name %}",
        "spaced.html": "{%- if site -%}x{%- endif -%}",
    }
    for name, source in sources.items():
        (tmp_path / name).write_text(source, encoding="utf-8")
    t = Templates.__new__(Templates)
    import jinja2

    t.env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(tmp_path)))
    reads = {name: t.reads_site(name) for name in sources}
    assert reads == {"base.html": False, "own.html": False, "set.html": True, "partials/list.html": True,
                     "included.html": True, "imported.html": True, "dynamic.html": True, "spaced.html": True}


def _full_build(project: Path, tmp_path: Path) -> tuple[dict[str, bytes], list]:
    target = tmp_path / "full-site"
    shutil.rmtree(target, ignore_errors=True)
    result = build(project, site_dir=target, search=False)
    return site_digest(target), result.warnings


def test_an_article_edited_into_a_copy_and_back_is_found_then_forgotten(project: Path, tmp_path: Path):
    """The copies are kept up to date between builds (resolve/copies.py): an edit that makes a
    copy, and the edit that undoes it, give the warnings and pages a full build gives."""
    extra = project / "content/articles/extra-note.md"
    front = "---\ntitle: An extra note\noutlet: Nowhere\npublished: 2022-01-09\n---\n"
    own_words = "Tokayev spoke to the nation on Friday and promised order within days.\n"
    extra.write_text(front + own_words, encoding="utf-8")
    original = (project / "content/articles/axios-putin-calculus.md").read_text(encoding="utf-8")
    cache = BuildCache()
    build(project, search=False, cache=cache)
    for body, copies in ((original.split("\n---\n", 1)[1], ["extra-note"]), (own_words, [])):
        extra.write_text(front + body, encoding="utf-8")
        cached = build(project, search=False, cache=cache)
        digest, warnings = _full_build(project, tmp_path)
        assert cached.warnings == warnings
        assert [w.path.rsplit("/", 1)[-1][:-3] for w in warnings if "looks like" in w.message] == copies
        assert site_digest(project / "site") == digest
