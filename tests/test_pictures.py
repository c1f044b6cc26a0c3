"""The pictures the build draws: each reads without colour, each mark is a link, each fits phone and desktop."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from site_server import serve_site

from briefing.build import check
from briefing.render.pictures import actor_map, figure_plot, timeline_axis

pytest_plugins = ["browser_support"]




def test_figure_plot_draws_qualifiers_as_shapes_and_links_each_dot(project: Path):
    site = check(project)
    [force] = [f for f in site.figures if f.figure.id == "russian-contingent"]
    svg = str(figure_plot(force, ""))
    assert svg.count("<a href=") == len(force.reports)
    for report in force.reports:
        assert f'href="{report.citation.url}"' in svg
    assert 'stroke-dasharray' in svg  # "as many as": a dashed range up to the value
    [deaths] = [f for f in site.figures if f.figure.id == "security-force-deaths"]
    assert re.search(r"<path d=\"M[\d.]+ [\d.]+ l8 6 l-8 6\"", str(figure_plot(deaths, "")))  # "at least": an open arrow
    assert "at least 18" in str(figure_plot(deaths, ""))  # the value in words beside each dot


def test_figure_plot_only_for_figures_with_several_reports(project: Path):
    site = check(project)
    single = [f for f in site.figures if len(f.reports) == 1]
    assert single and all(str(figure_plot(f, "")) == "" for f in single)


def test_timeline_draws_partial_dates_as_the_span_they_cover(project: Path):
    site = check(project)
    svg = str(timeline_axis(site.events, ""))
    widths = {}
    for event in site.events:
        match = re.search(rf'href="timeline.html#{event.event.id}"[^>]*><rect x="[\d.]+" y="[\d.]+" width="([\d.]+)"', svg)
        assert match, event.event.id
        widths[event.event.id] = float(match.group(1))
    year_only = [e.event.id for e in site.events if not e.event.date.month]
    same_panel_months = [e.event.id for e in site.events if e.event.date.month and not e.event.date.day and e.event.date.year < 2022]
    assert year_only and same_panel_months
    # a year spans more of the background axis than a month does
    assert min(widths[i] for i in year_only) > max(widths[i] for i in same_panel_months)


def test_actor_map_has_each_related_actor_once_and_is_the_same_every_build(project: Path):
    site = check(project)
    svg = str(actor_map(site.actors, "../"))
    related = {p.actor.id for p in site.actors if any(r.stated_here for r in p.relations)} | \
              {r.other.id for p in site.actors for r in p.relations}
    for actor_id in related:
        assert svg.count(f'href="../actors/{actor_id}.html"') == 1
    assert svg == str(actor_map(check(project).actors, "../"))


@pytest.mark.parametrize("width", [320, 1280])
@pytest.mark.parametrize("path, selector, mark", [("figures.html", "svg.plot", "circle"),
                                                  ("timeline.html", "svg.timeline-axis", "rect"),
                                                  ("actors/index.html", "svg.actor-map", "text")])
def test_pictures_render_and_their_links_work_at_phone_and_desktop_widths(default_site: Path, page, width: int,
                                                                          path: str, selector: str, mark: str):
    with serve_site(default_site) as url:
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(url + path)
        picture = page.locator(selector).first
        box = picture.bounding_box()
        assert box and box["width"] > 200 and box["height"] > 50
        overflow = page.evaluate("document.scrollingElement.scrollWidth - window.innerWidth")
        assert overflow <= 0  # the page itself never scrolls sideways; a wide picture scrolls in its box
        links = picture.locator("a")
        assert links.count() >= 2
        target = links.first.get_attribute("href")
        links.first.locator(mark).first.click()  # a real click on the dot, bar or name
        page.wait_for_load_state()
        assert page.url.split("#")[0].endswith(target.split("#")[0].replace("../", ""))
        if "#" in target:
            fragment = target.split("#")[1]
            assert page.url.endswith("#" + fragment)
            assert page.locator(f"[id='{fragment}']").count() == 1
