"""The pictures the build draws: each reads without colour, each mark is a link with a name, each
reads at 12 px or more on every screen from 320 px up, and none is cut off."""

from __future__ import annotations

import datetime as dt
import html
import re
import shutil
from pathlib import Path

import pytest
from conftest import MINIMAL, REPO, run_build, write_tree
from site_server import serve_site
from test_site_a11y import _violations

from briefing.build import check
from briefing.model import Event, PartialDate, Source, Text
from briefing.render.pictures import actor_overview, actor_relations, figure_plot, is_scheduled, timeline_axis
from briefing.render.pictures.actors import DESIGN_W, principals
from briefing.render.pictures.dotplot import mark_of, shape_of
from briefing.render.pictures.svg import NARROWEST, TEXT_PX, Run, plain, wrap
from briefing.render.pictures.timeline import panels, place
from briefing.resolve.views import EventView

pytest_plugins = ["browser_support"]

LONG_OUTLET = "The Extraordinarily Long-Named International Review of Central Asian Affairs"

# MINIMAL, with a report of every kind, a copy, a long outlet, a scheduled event and relations.
DRAWN = {
    **MINIMAL,
    "figures.yaml": """
        - id: count
          label: Number of troops
          unit: troops
          reports:
            - {value: 3000, qualifier: as many as, article: one, quote: "as many as 3,000 troops"}
            - {value: 2500, article: two, quote: "an initial 2,500 soldiers"}
            - {value: 2500, article: three, quote: "an initial 2,500 soldiers"}
        - id: toll
          label: Deaths
          unit: deaths
          reports:
            - {value: 18, qualifier: at least, article: one, quote: "at least 18 died"}
            - {value: 12, qualifier: more than, article: two, quote: "more than 12 died", via: Reuters}
            - {value: 15, qualifier: about, article: four, quote: "about 15 died"}
            - {value: 20, qualifier: up to, article: one, quote: "up to 20 died"}
          reconciled: All bounds.
        - id: single
          label: One report only
          reports:
            - {value: 6, article: one, quote: "six members"}
        """,
    "articles/one.md": """
        ---
        title: First report
        outlet: Daily One
        published: 2022-01-06
        url: https://example.com/one
        kind: news
        ---
        Alpha said the talks were over, and as many as 3,000 troops arrived. At least 18 died,
        perhaps up to 20 died. The bloc has six members.

        Beta Group did not comment.
        """,
    "articles/two.md": """
        ---
        title: Second report
        outlet: Weekly Two
        published: 2022-01-07
        kind: analysis
        ---
        An initial 2,500 soldiers came, according to *Alpha*. Reuters says more than 12 died.
        """,
    "articles/three.md": """
        ---
        title: Second report, rewritten
        outlet: Rewrite Service
        published: 2022-01-07
        kind: blog
        syndicates: two
        ---
        An initial 2,500 soldiers came, according to Alpha.
        """,
    "articles/four.md": f"""
        ---
        title: A review
        outlet: {LONG_OUTLET}
        published: 2022-01-07
        kind: analysis
        ---
        By our count about 15 died.
        """,
    "actors.yaml": """
        - id: alpha
          name: Alpha Person
          kind: person
          role: Leader of Alphaland
          related:
            - leads: beta
            - head-of-state-of: gamma
            - ally-of: delta
              basis: background
        - id: beta
          name: Beta Group of Extraordinarily Long Names
          kind: organization
        - id: gamma
          name: Gammaland
          kind: state
          related:
            - neighbour-of: delta
        - id: delta
          name: Deltaland
          kind: state
        - id: loner
          name: Lone Actor
          kind: place
        - id: epsilon
          name: Epsilon
          kind: person
          related:
            - member-of: zeta
        - id: zeta
          name: Zeta
          kind: organization
        """,
    "timeline.yaml": """
        - {id: old, date: 2014, event: Something older.}
        - {id: mid, date: 2014-03, event: Something in March.}
        - {id: later, date: 2019-05, event: Something later.}
        - {id: begin, date: 2022-01-02, event: It begins.}
        - {id: landing, date: 2022-01-06, event: "[[alpha]]'s troops land.", actors: [alpha]}
        - {id: same-day, date: 2022-01-06, event: Another thing that day.}
        - {id: january, date: 2022-01, event: All January.}
        - {id: talks, date: 2022-01-10, event: "Scheduled: talks."}
        """,
}


@pytest.fixture(scope="module")
def drawn(tmp_path_factory):
    """The resolved site of a small briefing with something of every kind to draw."""
    root = tmp_path_factory.mktemp("drawn")
    write_tree(root / "content", DRAWN)
    shutil.copytree(REPO / "templates", root / "templates")
    return check(root)


def _figure(site, figure_id):
    return next(f for f in site.figures if f.figure.id == figure_id)


def _cards(site):
    return {a.article.slug: a.article for a in site.articles}


def _rows(svg: str) -> list[str]:
    return re.findall(r'<div class="dotplot-row">.*?</svg></div>', svg)


# -- dot plots --------------------------------------------------------------------------------------

def test_each_qualifier_gets_its_mark():
    assert [shape_of(q) for q in (None, "about", "at least", "more than", "as many as", "up to")] == \
           ["point", "about", "floor", "floor", "ceiling", "ceiling"]


def test_a_point_value_is_a_solid_dot_and_a_range_a_light_band_with_a_bar(drawn):
    svg = str(figure_plot(_figure(drawn, "toll"), "", _cards(drawn)))
    at_least, more_than, about, up_to = _rows(svg)
    for row in (at_least, more_than):  # from the value on, to an arrow at the end of the scale
        assert 'class="band"' in row and 'class="cap"' in row and 'class="arrow"' in row
    assert 'class="band"' in about and 'class="cap"' in about and "arrow" not in about
    assert 'class="band"' in up_to and 'class="cap"' in up_to and "arrow" not in up_to
    assert '<circle class="dot' not in svg  # the heaviest mark is kept for values reported as they are
    point = _rows(str(figure_plot(_figure(drawn, "count"), "", _cards(drawn))))[1]
    assert '<circle class="dot"' in point and "band" not in point


def test_the_about_band_spans_ten_percent_either_side(drawn):
    svg = str(figure_plot(_figure(drawn, "toll"), "", _cards(drawn)))
    about = _rows(svg)[2]
    band = re.search(r'class="band" x="([\d.]+)%" y="[-\d.]+" width="([\d.]+)%"', about)
    cap = re.search(r'class="cap" x1="([\d.]+)%"', about)
    assert band and cap
    left, width, centre = float(band.group(1)), float(band.group(2)), float(cap.group(1))
    assert left < centre < left + width
    assert abs((centre - left) - width / 2) < 0.05


def test_a_copy_is_drawn_hollow_named_as_a_copy_and_not_counted_as_a_source(drawn):
    count = _figure(drawn, "count")
    copy = next(r for r in count.reports if r.citation.article.slug == "three")
    assert mark_of(copy, _cards(drawn)).copy_of == "Weekly Two"
    rows = _rows(str(figure_plot(count, "", _cards(drawn))))
    assert "Rewrite Service" in rows[2] and "copy of Weekly Two, not a separate source" in rows[2]
    assert '<circle class="dot copy"' in rows[2]
    assert "copy" not in rows[1]
    assert "Rewrite Service" not in [s.name for s in count.sources]
    assert "a copy of another article: hollow, not a separate source" in str(figure_plot(count, "", _cards(drawn)))


def test_the_key_names_only_the_marks_the_plot_uses(drawn):
    toll = str(figure_plot(_figure(drawn, "toll"), "", _cards(drawn)))
    key = re.search(r'<ul class="picture-key".*?</ul>', toll).group(0)
    assert "“at least” or “more than”" in key and "“about”" in key and "“as many as” or “up to”" in key
    assert "a value as reported" not in key and "copy" not in key


def test_source_names_are_never_shortened_and_via_says_where_it_was_quoted(drawn):
    svg = str(figure_plot(_figure(drawn, "toll"), "", _cards(drawn)))
    assert f'<span class="dotplot-name">{LONG_OUTLET}</span>' in svg
    assert "…" not in svg
    assert '<span class="dotplot-name">Reuters</span><span class="dotplot-note">quoted in Weekly Two</span>' in svg


def test_every_mark_links_to_its_quoted_passage_with_a_name(drawn):
    for figure in (_figure(drawn, "count"), _figure(drawn, "toll")):
        svg = str(figure_plot(figure, "", _cards(drawn)))
        links = re.findall(r'<a href="([^"]+)" aria-label="([^"]+)">', svg)
        assert [href for href, _ in links] == [r.citation.url for r in figure.reports]
        for (_, label), report in zip(links, figure.reports):
            assert report.value_text in label and "quoted passage" in label
    assert "Rewrite Service (copy of Weekly Two, not a separate source): 2,500 troops" in \
           str(figure_plot(_figure(drawn, "count"), "", _cards(drawn)))


def test_a_figure_with_one_report_has_no_plot(drawn):
    assert str(figure_plot(_figure(drawn, "single"), "", _cards(drawn))) == ""


# -- the timeline ---------------------------------------------------------------------------------

def test_an_event_after_the_as_of_date_is_scheduled():
    as_of = dt.date(2022, 1, 8)
    assert is_scheduled(PartialDate(2022, 1, 10), as_of)
    assert not is_scheduled(PartialDate(2022, 1, 8), as_of)
    assert not is_scheduled(PartialDate(2022, 1), as_of)  # January had begun
    assert is_scheduled(PartialDate(2022, 2), as_of) and is_scheduled(PartialDate(2023), as_of)
    assert not is_scheduled(PartialDate(2022, 1, 10), None)


def test_a_scheduled_event_is_drawn_hollow_beyond_the_as_of_rule_labelled_scheduled(drawn):
    svg = str(timeline_axis(drawn.events, "", drawn.content.briefing.as_of, drawn.refs))
    talks = re.search(r'<a href="timeline.html#talks" aria-label="([^"]+)">.*?</a>', svg)
    assert talks and "(scheduled)" in talks.group(1)
    assert 'class="badge scheduled"' in talks.group(0)
    assert svg.count('class="badge scheduled"') == 1 + 1  # the event and its line in the key
    assert 'class="as-of"' in svg and ">as of 8 Jan<" in svg and ">scheduled<" in svg
    landing = re.search(r'<a href="timeline.html#landing" aria-label="([^"]+)">.*?</a>', svg)
    assert landing and "scheduled" not in landing.group(0)
    assert html.unescape(landing.group(1)) == "6. 6 January 2022: Alpha Person's troops land."


def test_a_long_background_and_the_last_weeks_get_a_scale_each(drawn):
    as_of = drawn.content.briefing.as_of
    placed = place(drawn.events, as_of)
    background, close_up = panels(placed, as_of)
    assert dt.date.fromordinal(background[0]) == dt.date(2014, 1, 1)
    assert dt.date.fromordinal(close_up[0]) == dt.date(2022, 1, 1)
    assert dt.date.fromordinal(close_up[1]) == dt.date(2022, 2, 1)  # the month of January, drawn whole
    svg = str(timeline_axis(drawn.events, "", as_of, drawn.refs))
    assert "The background: 2014 to May 2019" in svg and "Close up: January 2022 to 10 January 2022" in svg


def test_the_close_up_reaches_the_as_of_date():
    def event(i, date):
        return EventView(Event(f"e{i}", date, Text("Something.", Source("t", 1)), (), None, Source("t", 1)),
                         f"timeline.html#e{i}", (), None, ())
    events = tuple(event(i, PartialDate(2022, 1, d)) for i, d in enumerate((2, 3, 4)))
    [(lo, hi)] = panels(place(events, dt.date(2022, 1, 20)), dt.date(2022, 1, 20))
    assert dt.date.fromordinal(hi - 1) == dt.date(2022, 1, 20)
    [(lo, hi)] = panels(place(events, dt.date(2021, 12, 30)), dt.date(2021, 12, 30))  # everything still to come
    assert dt.date.fromordinal(lo) == dt.date(2021, 12, 30)
    svg = str(timeline_axis(events, "", dt.date(2021, 12, 30)))
    assert svg.count('class="badge scheduled"') == 3 + 1 and 'class="as-of" x1=' in svg


def test_partial_dates_are_drawn_as_the_span_they_cover(drawn):
    svg = str(timeline_axis(drawn.events, "", drawn.content.briefing.as_of, drawn.refs))
    widths = {name: float(re.search(rf'href="timeline.html#{name}"[^>]*><rect class="span" x="[\d.]+%" y="[\d.]+" '
                                    r'width="([\d.]+)%"', svg).group(1)) for name in ("old", "mid")}
    assert widths["old"] > 8 * widths["mid"]  # a year against a month, on one scale
    assert not re.search(r'href="timeline.html#begin"[^>]*><rect class="span"', svg)  # a day is a mark, not a span


def test_every_event_is_a_numbered_link_as_in_the_list(drawn):
    svg = str(timeline_axis(drawn.events, "", drawn.content.briefing.as_of, drawn.refs))
    for number, event in enumerate(drawn.events, 1):
        link = re.search(rf'<a href="{re.escape(event.url)}" aria-label="{number}\. [^"]+">.*?</a>', svg)
        assert link, event.event.id
        assert f">{number}</text>" in link.group(0)


def test_the_dates_of_the_events_are_labelled_and_the_labels_never_overlap(drawn):
    svg = str(timeline_axis(drawn.events, "", drawn.content.briefing.as_of, drawn.refs))
    strips = re.findall(r'<svg class="timeline-strip".*?</svg></div>', svg)
    assert len(strips) == 2
    for strip in strips:
        labels = [(float(x), anchor, text) for x, anchor, text in
                  re.findall(r'<text x="([\d.]+)%" y="[\d.]+" text-anchor="(\w+)">([^<]+)</text>', strip)]
        assert len(labels) >= 2
        spans = []
        for x, anchor, text in labels:  # the extent of each label at the narrowest width, in pixels
            width = len(text) * 13 * 0.57
            left = x / 100 * NARROWEST - {"start": 0, "middle": width / 2, "end": width}[anchor]
            spans.append((left, left + width))
        for (_, right), (left, _) in zip(sorted(spans), sorted(spans)[1:]):
            assert right <= left, labels
    assert ">2014<" in strips[0] and ">2019<" in strips[0]
    assert ">2 Jan<" in strips[1] and "1 Jan" not in strips[1]  # the month-long event is a span, not a date


def test_one_event_draws_no_axis(drawn):
    assert str(timeline_axis(drawn.events[:1], "", drawn.content.briefing.as_of)) == ""


# -- who is who -----------------------------------------------------------------------------------

def _actor(site, actor_id):
    return next(p for p in site.actors if p.actor.id == actor_id)


def test_an_actors_picture_labels_each_relation_in_the_words_of_its_page(drawn):
    svg = str(actor_relations(_actor(drawn, "alpha"), "../"))
    assert 'href="../actors/beta.html" aria-label="Leads Beta Group of Extraordinarily Long Names"' in svg
    assert 'aria-label="Head of state of Gammaland"' in svg
    assert "rotate" not in svg  # every label horizontal
    assert re.findall(r'<text class="hub-name"[^>]*>([^<]+)</text>', svg) == ["Alpha", "Person"] * 2  # phone, wider screen
    wide = re.search(r'<svg class="relations-picture wide" viewBox="0 0 (\d+) [\d.]+".*?</svg>', svg)
    hub = re.search(r'<rect class="hub" x="([\d.]+)" y="[\d.]+" width="([\d.]+)"', wide.group(0))
    assert abs(float(hub.group(1)) + float(hub.group(2)) / 2 - int(wide.group(1)) / 2) < 2  # the actor in the middle
    assert 'text-anchor="end"' in wide.group(0)  # relations on its left too
    gamma = str(actor_relations(_actor(drawn, "gamma"), "../"))
    assert 'href="../actors/alpha.html" aria-label="Head of state: Alpha Person"' in gamma
    assert 'aria-label="Neighbour of Deltaland"' in gamma


def test_an_actors_picture_draws_background_dashed_and_says_so(drawn):
    svg = str(actor_relations(_actor(drawn, "alpha"), "../"))
    assert 'aria-label="Ally of Deltaland (background, not from the briefing&#x27;s sources)"' in svg
    assert svg.count('class="edge background"') == 3  # the line in each drawing, and its meaning in the key
    assert "dashed line: background" in svg


def test_an_actor_without_relations_has_no_picture(drawn):
    assert str(actor_relations(_actor(drawn, "loner"), "../")) == ""


def test_an_actors_picture_is_designed_to_read_at_12px_on_the_narrowest_screen():
    assert TEXT_PX * NARROWEST / DESIGN_W >= 12


def test_long_names_wrap_whole_and_are_never_cut():
    lines = wrap([Run("Troops massed on its border by "), Run("Collective Security Treaty Organization", True)], 150)
    assert len(lines) > 2
    assert " ".join(plain(line) for line in lines) == "Troops massed on its border by Collective Security Treaty Organization"
    glued = wrap([Run(""), Run("Nursultan Nazarbayev", True), Run(": predecessor")], 400)
    assert glued == [[Run("Nursultan Nazarbayev", True), Run(": predecessor")]]


def test_the_overview_has_the_principals_as_columns_and_every_related_actor_linked(drawn):
    assert [p.actor.id for p in principals(drawn.actors)] == ["alpha", "delta", "gamma"]
    html = str(actor_overview(drawn.actors, "../"))
    head = re.search(r"<thead>.*?</thead>", html).group(0)
    assert re.findall(r'href="../actors/(\w+).html"', head) == ["alpha", "delta", "gamma"]
    for actor_id in ("alpha", "beta", "gamma", "delta", "epsilon", "zeta"):
        assert f'<a href="../actors/{actor_id}.html">' in html, actor_id
    assert "loner" not in html  # no relation: in the lists below only
    assert "Related only to other actors:" in html  # epsilon and zeta, tied to no principal
    assert 'aria-label="Beta Group of Extraordinarily Long Names: Led by: Alpha Person"' in html
    assert "rotate" not in html


def test_without_relations_there_is_no_overview(small_project):
    write_tree(small_project / "content", {"actors.yaml": """
        - {id: alpha, name: Alpha Person, kind: person, aliases: [Alpha]}
        - {id: beta, name: Beta Group, kind: organization}
        """})
    site = check(small_project)
    assert str(actor_overview(site.actors, "../")) == ""
    assert all(str(actor_relations(p, "../")) == "" for p in site.actors)


def test_pictures_are_the_same_every_build(drawn, tmp_path):
    write_tree(tmp_path / "content", DRAWN)
    shutil.copytree(REPO / "templates", tmp_path / "templates")
    again = check(tmp_path)
    assert str(actor_overview(drawn.actors, "../")) == str(actor_overview(again.actors, "../"))
    assert str(timeline_axis(drawn.events, "", dt.date(2022, 1, 8))) == str(timeline_axis(again.events, "", dt.date(2022, 1, 8)))


# -- in the browser -------------------------------------------------------------------------------

PICTURE_PAGES = ["figures.html", "timeline.html", "actors/index.html", "actors/tokayev.html", "actors/russia.html"]

# Every text in the pictures, with its size as drawn: the computed size times the SVG's scale.
TEXT_SIZES = """() => {
  const out = [];
  for (const picture of document.querySelectorAll('.picture')) {
    const walker = document.createTreeWalker(picture, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!node.textContent.trim() || !el.getClientRects().length || el.closest('.visually-hidden')) continue;
      let size = parseFloat(getComputedStyle(el).fontSize);
      if (el instanceof SVGElement) {
        const m = el.getScreenCTM();
        size *= Math.sqrt(m.a * m.a + m.b * m.b);
      }
      out.push([node.textContent.trim().slice(0, 40), Math.round(size * 100) / 100]);
    }
  }
  return out;
}"""

# Everything drawn in a picture must lie inside it (a strip draws outside its box rather than clip);
# and anything that can scroll must not need to.
CLIPPED = """() => {
  const out = [];
  for (const picture of document.querySelectorAll('.picture')) {
    const box = picture.getBoundingClientRect();
    for (const el of picture.querySelectorAll('text, circle, rect, path, line, a, p, li, th, td, span')) {
      const r = el.getBoundingClientRect();
      if (!r.width && !r.height || el.closest('.visually-hidden')) continue;
      if (r.left < box.left - 1 || r.right > box.right + 1 || r.right > window.innerWidth)
        out.push([el.tagName, (el.textContent || '').trim().slice(0, 30), r.left, r.right, box.left, box.right]);
    }
    for (const el of [picture, ...picture.querySelectorAll('*')]) {
      const style = getComputedStyle(el);
      if (el.closest('.visually-hidden')) continue;  // for screen readers
      if (['auto', 'scroll', 'hidden'].includes(style.overflowX) && el.scrollWidth > el.clientWidth + 1)
        out.push([el.tagName, el.className.baseVal ?? el.className, 'scrolls', el.scrollWidth, el.clientWidth]);
    }
  }
  return out;
}"""


@pytest.fixture(scope="module")
def site_url(default_site: Path):
    with serve_site(default_site) as url:
        yield url


@pytest.mark.parametrize("width", [320, 375, 1280])
@pytest.mark.parametrize("path", PICTURE_PAGES)
def test_every_text_in_every_picture_reads_at_12px_or_more(site_url: str, page, width: int, path: str):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(site_url + path)
    sizes = page.evaluate(TEXT_SIZES)
    assert len(sizes) > 5, "no picture on the page?"
    small = [s for s in sizes if s[1] < 12]
    assert small == [], f"{path} at {width} px: {small}"


@pytest.fixture(scope="module")
def drawn_url(tmp_path_factory):
    """The small briefing of every kind of mark, built and served: long names, a copy, one relation."""
    root = tmp_path_factory.mktemp("drawn-site")
    write_tree(root / "content", DRAWN)
    shutil.copytree(REPO / "templates", root / "templates")
    assert run_build(root).returncode == 0
    with serve_site(root / "site") as url:
        yield url


@pytest.mark.parametrize("width", [320, 1280])
@pytest.mark.parametrize("path", ["figures.html", "timeline.html", "actors/index.html", "actors/alpha.html",
                                  "actors/beta.html"])
def test_long_names_and_every_kind_of_mark_read_and_fit(drawn_url: str, page, width: int, path: str):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(drawn_url + path)
    sizes = page.evaluate(TEXT_SIZES)
    assert sizes and [s for s in sizes if s[1] < 12] == []
    assert page.evaluate(CLIPPED) == []


@pytest.mark.parametrize("width", [320, 375, 1280])
@pytest.mark.parametrize("path", PICTURE_PAGES)
def test_no_picture_is_cut_off_or_scrolls(site_url: str, page, width: int, path: str):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(site_url + path)
    assert page.evaluate(CLIPPED) == []
    assert page.evaluate("document.scrollingElement.scrollWidth - window.innerWidth") <= 0


@pytest.mark.parametrize("width", [320, 1280])
@pytest.mark.parametrize("path", PICTURE_PAGES)
def test_every_mark_is_reached_by_the_keyboard_and_has_a_name(site_url: str, page, width: int, path: str):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(site_url + path)
    marks = page.evaluate("""() => [...document.querySelectorAll('.picture a')].filter(a => a.getClientRects().length)
        .map(a => [a.getAttribute('href'), a.getAttribute('aria-label') || a.textContent.trim()])""")
    assert len(marks) >= 3
    assert all(name for _, name in marks), marks
    focused, in_svg = [], []
    for _ in range(len(marks) + 400):
        page.keyboard.press("Tab")
        facts = page.evaluate("""() => { const a = document.activeElement;
            return a && a.closest('.picture') ? [a.getAttribute('href'), a.getAttribute('aria-label') || a.textContent.trim(),
                                                   a instanceof SVGAElement] : null; }""")
        if facts:
            focused.append(facts[:2])
            in_svg.append(facts[2])
        elif focused and len(focused) >= len(marks):
            break
    assert focused == marks
    if path != "actors/index.html":  # there the marks are the cells of a table: HTML links, each holding a dot
        assert all(in_svg)


@pytest.mark.parametrize("width", [320, 1280])
@pytest.mark.parametrize("path, selector", [("figures.html", ".dotplot-strip a"), ("timeline.html", ".timeline-strip a .badge"),
                                            ("actors/index.html", ".matrix td a"), ("actors/tokayev.html", ".relations-picture a")])
def test_a_click_on_a_mark_lands_on_what_it_names(site_url: str, page, width: int, path: str, selector: str):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(site_url + path)
    mark = page.locator(selector).locator("visible=true").first  # an actor's picture is drawn twice, one shown
    target = mark.evaluate("el => el.closest('a').getAttribute('href')")
    mark.click()
    page.wait_for_load_state()
    expected = (site_url + path).rsplit("/", 1)[0] + "/" + target
    while "/../" in expected:
        expected = re.sub(r"/[^/]+/\.\./", "/", expected, count=1)
    assert page.url == expected
    if "#" in target:
        assert page.locator(f"[id='{target.split('#')[1]}']").count() == 1


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_marks_follow_the_colour_scheme_and_numbers_stand_out_from_their_badge(site_url: str, page, scheme: str):
    page.emulate_media(color_scheme=scheme)
    page.goto(site_url + "timeline.html")
    colours = page.evaluate("""() => {
        const badge = document.querySelector('.timeline-strip .badge:not(.scheduled)');
        const text = document.querySelector('.timeline-strip .badge-text:not(.scheduled)');
        return [getComputedStyle(badge).fill, getComputedStyle(text).fill, getComputedStyle(document.body).color,
                getComputedStyle(document.body).backgroundColor];
    }""")
    badge, number, ink, paper = colours
    assert badge == ink and number == paper


def test_pictures_print_black_on_white(site_url: str, page):
    for path in PICTURE_PAGES:
        page.goto(site_url + path)
        page.emulate_media(media="print", color_scheme="dark")
        inks = page.evaluate("""() => [...document.querySelectorAll('.picture svg')].map(s => getComputedStyle(s).color)""")
        assert inks and set(inks) == {"rgb(0, 0, 0)"}, path
        assert page.evaluate("() => getComputedStyle(document.body).backgroundColor") == "rgb(255, 255, 255)"
        page.emulate_media(media="screen", color_scheme="light")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", PICTURE_PAGES)
def test_axe_finds_nothing_on_a_phone(site_url: str, page, path: str, scheme: str):
    """test_site_a11y runs axe-core at the desktop width; on a phone the pictures change their layout."""
    page.set_viewport_size({"width": 320, "height": 900})
    page.emulate_media(color_scheme=scheme)
    page.goto(site_url + path)
    assert _violations(page) == [], f"{path} ({scheme})"
