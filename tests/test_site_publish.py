"""Publishing: valid HTML, the feed, the sitemap and robots.txt, links under a sub-path, page weight,
and the hosts' configuration (netlify.toml, the GitHub Pages workflow) agreeing with the README."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import tomllib
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import yaml
from conftest import REPO, run_build
from html_pages import read_page
from lxml import etree

VNU = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
SUB_PATH = "https://example.org/sub/path/"

# The sitemaps.org 0.9 schema (https://www.sitemaps.org/schemas/sitemap/0.9/sitemap.xsd), written
# out here so the test needs no network.
SITEMAP_XSD = """<?xml version="1.0" encoding="UTF-8"?>
<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema"
    targetNamespace="http://www.sitemaps.org/schemas/sitemap/0.9"
    xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" elementFormDefault="qualified">
  <xsd:element name="urlset">
    <xsd:complexType>
      <xsd:sequence>
        <xsd:element name="url" type="tUrl" maxOccurs="unbounded"/>
      </xsd:sequence>
    </xsd:complexType>
  </xsd:element>
  <xsd:complexType name="tUrl">
    <xsd:sequence>
      <xsd:element name="loc" type="tLoc"/>
      <xsd:element name="lastmod" type="tLastmod" minOccurs="0"/>
      <xsd:element name="changefreq" type="tChangeFreq" minOccurs="0"/>
      <xsd:element name="priority" type="tPriority" minOccurs="0"/>
    </xsd:sequence>
  </xsd:complexType>
  <xsd:simpleType name="tLoc">
    <xsd:restriction base="xsd:anyURI"><xsd:minLength value="12"/><xsd:maxLength value="2048"/></xsd:restriction>
  </xsd:simpleType>
  <xsd:simpleType name="tLastmod">
    <xsd:union memberTypes="xsd:date xsd:dateTime"/>
  </xsd:simpleType>
  <xsd:simpleType name="tChangeFreq">
    <xsd:restriction base="xsd:string">
      <xsd:enumeration value="always"/><xsd:enumeration value="hourly"/><xsd:enumeration value="daily"/>
      <xsd:enumeration value="weekly"/><xsd:enumeration value="monthly"/><xsd:enumeration value="yearly"/>
      <xsd:enumeration value="never"/>
    </xsd:restriction>
  </xsd:simpleType>
  <xsd:simpleType name="tPriority">
    <xsd:restriction base="xsd:decimal"><xsd:minInclusive value="0.0"/><xsd:maxInclusive value="1.0"/></xsd:restriction>
  </xsd:simpleType>
</xsd:schema>
"""




def _base_url() -> str:
    return yaml.safe_load((REPO / "content/briefing.yaml").read_text(encoding="utf-8"))["base_url"]


def _set_base_url(project: Path, base_url: str | None) -> None:
    path = project / "content/briefing.yaml"
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("base_url:")]
    if base_url:
        lines.insert(1, f"base_url: {base_url}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


# -- valid HTML ---------------------------------------------------------------------------------

def test_the_nu_html_checker_finds_no_error_on_any_page(default_site: Path):
    if shutil.which("java") is None or not VNU.is_file():
        message = f"the Nu HTML Checker needs java (apt-get install default-jre-headless) and {VNU} (npm ci)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    pages = sorted(str(p) for p in default_site.rglob("*.html") if "pagefind" not in p.parts)
    assert len(pages) > 50
    done = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "json", "--also-check-css",
                           *pages, str(default_site / "static/style.css"), str(default_site / "static/pictures.css")],
                          check=False, capture_output=True, text=True, timeout=300)
    messages = json.loads(done.stderr or '{"messages": []}')["messages"]
    report = "\n".join(f"{m.get('url', '')}:{m.get('lastLine', '')}: {m['message']}" for m in messages)
    assert messages == [], report
    assert done.returncode == 0


# -- the feed, the sitemap, robots.txt ------------------------------------------------------------

def _rfc3339(text: str) -> dt.datetime:
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)", text), text
    return dt.datetime.fromisoformat(text)


def test_the_atom_feed_has_every_required_element_and_absolute_urls(default_site: Path):
    """A structural check against RFC 4287 (no Atom schema is available offline)."""
    base = _base_url()
    feed = etree.parse(str(default_site / "feed.xml")).getroot()
    assert feed.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated", "author"):
        assert len(feed.findall(f"{ATOM}{required}")) == 1, required
    assert feed.findtext(f"{ATOM}author/{ATOM}name")
    self_link = feed.find(f"{ATOM}link[@rel='self']")
    assert self_link is not None and self_link.get("href") == base + "feed.xml"
    entries = feed.findall(f"{ATOM}entry")
    ids = [e.findtext(f"{ATOM}id") for e in entries]
    assert len(ids) == len(set(ids)), "entry ids must be unique"
    articles = sorted((REPO / "content/articles").glob("*.md"))
    events = yaml.safe_load((REPO / "content/timeline.yaml").read_text(encoding="utf-8"))
    assert len(entries) == len(articles) + len(events)
    updated = []
    for entry in entries:
        for required in ("id", "title", "updated", "summary"):
            assert len(entry.findall(f"{ATOM}{required}")) == 1, (required, ids)
        link = entry.find(f"{ATOM}link[@rel='alternate']")
        assert link is not None and link.get("href").startswith(base), link
        assert entry.findtext(f"{ATOM}id").startswith(base)
        assert entry.findtext(f"{ATOM}title").strip()
        updated.append(_rfc3339(entry.findtext(f"{ATOM}updated")))
    assert updated == sorted(updated, reverse=True), "newest first"
    assert _rfc3339(feed.findtext(f"{ATOM}updated")) == max(updated)
    hrefs = [e.find(f"{ATOM}link").get("href") for e in entries]
    assert base + "articles/interesting-times.html" in hrefs
    assert base + "timeline.html#csto-lands" in hrefs


def test_every_page_links_the_feed_from_its_head(default_site: Path):
    for name in ("index.html", "articles/interesting-times.html", "actors/index.html"):
        html = (default_site / name).read_text(encoding="utf-8")
        assert re.search(r'<link rel="alternate" type="application/atom\+xml" title="[^"]+" href="(\.\./)*feed\.xml">', html)


def test_the_sitemap_is_valid_and_lists_every_page_but_the_404(default_site: Path):
    schema = etree.XMLSchema(etree.fromstring(SITEMAP_XSD.encode()))
    sitemap = etree.parse(str(default_site / "sitemap.xml"))
    schema.assertValid(sitemap)
    locs = [loc.text for loc in sitemap.iter(f"{SITEMAP_NS}loc")]
    pages = sorted(str(p.relative_to(default_site)) for p in default_site.rglob("*.html")
                   if "pagefind" not in p.parts and p.name != "404.html")
    assert sorted(locs) == sorted(_base_url() + page for page in pages)


def test_robots_txt_points_at_the_sitemap(default_site: Path):
    robots = (default_site / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {_base_url()}sitemap.xml" in robots.splitlines()
    assert "User-agent: *" in robots


def test_without_base_url_there_is_no_feed_sitemap_or_robots_txt(small_project: Path):
    assert run_build(small_project).returncode == 0
    site = small_project / "site"
    for name in ("feed.xml", "sitemap.xml", "robots.txt"):
        assert not (site / name).exists(), name
    index = (site / "index.html").read_text(encoding="utf-8")
    assert "feed.xml" not in index and 'rel="canonical"' not in index
    assert "<base" not in (site / "404.html").read_text(encoding="utf-8")


def test_under_a_sub_path_no_link_escapes_it(project: Path):
    """Built for https://example.org/sub/path/, every link of every page, the feed and the sitemap stays inside it."""
    _set_base_url(project, SUB_PATH)
    assert run_build(project).returncode == 0
    site = project / "site"
    checked = 0
    for page in sorted(site.rglob("*.html")):
        if "pagefind" in page.parts:
            continue
        facts = read_page(page)
        page_url = SUB_PATH + str(page.relative_to(site))
        base_tags = [attrs["href"] for tag, attrs in facts.tags if tag == "base"]
        resolve_from = urljoin(page_url, base_tags[0]) if base_tags else page_url
        for link in facts.links:
            if link.startswith(("mailto:", "https://www.", "http://www.")) or (
                    urlsplit(link).netloc and urlsplit(link).netloc != "example.org"):
                continue  # the articles' originals and outside sources
            target = urljoin(page_url if link in base_tags[:1] else resolve_from, link)
            assert target.startswith(SUB_PATH), f"{page.relative_to(site)}: {link} -> {target}"
            checked += 1
    assert checked > 500
    feed = (site / "feed.xml").read_text(encoding="utf-8")
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    for url in re.findall(r'(?:href="|<loc>|<id>)([^"<]+)', feed + sitemap):
        assert url.startswith(SUB_PATH), url
    assert '<base href="/sub/path/">' in (site / "404.html").read_text(encoding="utf-8")
    assert f"Sitemap: {SUB_PATH}sitemap.xml" in (site / "robots.txt").read_text(encoding="utf-8")


# -- page weight --------------------------------------------------------------------------------

def test_every_page_with_its_stylesheet_and_script_weighs_under_100_kb(default_site: Path):
    """Before search: Pagefind's files load only when a reader types in the search box."""
    assets = sum((default_site / "static" / name).stat().st_size
                 for name in ("style.css", "pictures.css", "search.js", "favicon.svg"))
    heaviest = max((p.stat().st_size, str(p.relative_to(default_site))) for p in default_site.rglob("*.html")
                   if "pagefind" not in p.parts)
    assert heaviest[0] + assets < 100_000, f"{heaviest[1]}: {heaviest[0] + assets} bytes"


# -- the hosts ----------------------------------------------------------------------------------

def _netlify() -> dict:
    return tomllib.loads((REPO / "netlify.toml").read_text(encoding="utf-8"))


def test_the_netlify_build_command_is_the_one_the_readme_documents():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    documented = re.search(r"`netlify\.toml` builds with\s+`([^`]+)`", readme)
    assert documented, "the README's Publishing section names the build command"
    config = _netlify()
    assert config["build"]["command"] == documented.group(1) == "pip install . && python build.py"
    assert config["build"]["publish"] == "site"
    assert re.fullmatch(r"3\.1[1-9]", config["build"]["environment"]["PYTHON_VERSION"])


def test_the_netlify_headers_parse_and_lock_the_site_down():
    rules = {rule["for"]: rule["values"] for rule in _netlify()["headers"]}
    every = rules["/*"]
    csp = dict((part.split(" ", 1) + [""])[:2] for part in (p.strip() for p in every["Content-Security-Policy"].split(";")))
    assert csp["default-src"] == "'none'"
    assert csp["script-src"] == "'self' 'wasm-unsafe-eval'"  # Pagefind's WebAssembly; no inline script
    assert csp["style-src"] == "'self'"
    assert csp["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in every["Content-Security-Policy"]
    assert every["X-Frame-Options"] == "DENY"
    assert every["X-Content-Type-Options"] == "nosniff"
    assert every["Referrer-Policy"]
    assert "max-age=" in rules["/static/*"]["Cache-Control"]
    assert "max-age=" in rules["/pagefind/*"]["Cache-Control"]


def test_the_github_pages_workflow_builds_with_the_readme_command_and_deploys():
    workflow = yaml.safe_load((REPO / ".github/workflows/pages.yml").read_text(encoding="utf-8"))
    steps = [step for job in workflow["jobs"].values() for step in job["steps"]]
    uses = [step.get("uses", "").split("@")[0] for step in steps]
    for action in ("actions/checkout", "actions/configure-pages", "actions/upload-pages-artifact",
                   "actions/deploy-pages"):
        assert action in uses, action
    assert _netlify()["build"]["command"] in [step.get("run") for step in steps]
    upload = next(step for step in steps if step.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert upload["with"]["path"] == "site"
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
