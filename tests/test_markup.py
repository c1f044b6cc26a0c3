"""The Markdown extensions on their own: actor auto-links, cross-references, quote finding and anchoring."""

from __future__ import annotations

from briefing.markup import (
    ActorMatcher,
    ArticleText,
    RefTarget,
    is_safe_url,
    link_actors,
    make_markdown,
    normalize_quote,
)

MATCHER = ActorMatcher({"Putin": "putin", "Vladimir Putin": "putin", "Russia": "russia",
                        "Collective Security Treaty Organization": "csto", "CSTO": "csto"})


def _render(markdown: str, refs: dict | None = None) -> str:
    md = make_markdown()
    env = {"refs": refs or {}, "root": "../"}
    tokens = md.parse(markdown, env)
    link_actors(tokens, MATCHER, "../")
    return md.renderer.render(tokens, md.options, env)


def test_actor_names_link_as_whole_words_longest_first():
    html = _render("Vladimir Putin spoke. Russian troops moved; Putinism is a word.")
    assert '<a href="../actors/putin.html" class="actor">Vladimir Putin</a> spoke' in html
    assert "Russian troops" in html and "russia.html" not in html  # not inside a longer word
    assert "Putinism" in html and html.count("putin.html") == 1


def test_an_actor_is_linked_at_its_first_mention_only():
    html = _render("# Putin in a heading\n\nPutin and Putin again.\n\nPutin in a new paragraph, and Russia.")
    assert html.count('href="../actors/putin.html"') == 1
    assert '<p><a href="../actors/putin.html" class="actor">Putin</a> and Putin again.</p>' in html
    assert html.count('href="../actors/russia.html"') == 1


def test_a_name_inside_a_hyphenated_name_is_not_linked():
    html = _render("The NATO-Russia Council met; Russia-led forces and pro-Russia voices; Russia.")
    assert html.count('href="../actors/russia.html"') == 1
    assert "NATO-Russia Council met" in html and '<a href="../actors/russia.html" class="actor">Russia</a>.' in html


def test_actor_names_not_linked_inside_links_code_or_headings():
    html = _render("# Putin in a heading\n\n[Putin said](https://example.com) and `Putin` in code, then CSTO.")
    assert "<h1>Putin in a heading</h1>" in html
    assert '<a href="https://example.com">Putin said</a>' in html
    assert "<code>Putin</code>" in html
    assert '<a href="../actors/csto.html" class="actor">CSTO</a>' in html
    assert "putin.html" not in html


def test_cross_references_render_as_relative_links():
    refs = {("actor", "putin"): RefTarget("actors/putin.html", "Vladimir Putin"),
            ("figure", "size"): RefTarget("figures.html#size", "Force size")}
    html = _render("See [[putin]], [[putin|him]] and [[figure:size]].", refs)
    assert '<a href="../actors/putin.html" class="xref xref-actor">Vladimir Putin</a>' in html
    assert '<a href="../actors/putin.html" class="xref xref-actor">him</a>' in html
    assert '<a href="../figures.html#size" class="xref xref-figure">Force size</a>' in html


def test_raw_html_is_text_and_unsafe_links_are_dropped():
    html = _render('<script>alert(1)</script> [a](javascript:alert(1)) [b](https://ok.example)')
    assert "&lt;script&gt;" in html and "<script>" not in html
    assert 'href="javascript' not in html and 'href="https://ok.example"' in html
    for url in ("javascript:x", "JaVaScRiPt:x", "java\tscript:x", "data:text/html,x", "vbscript:x", "&#106;avascript:x"):
        assert not is_safe_url(url), url
    for url in ("https://a.example/x", "http://a.example", "mailto:a@b.example", "../actors/x.html", "#q-1"):
        assert is_safe_url(url), url


def _article(markdown: str) -> ArticleText:
    md = make_markdown()
    return ArticleText(md.parse(markdown, {}))


def test_quote_found_across_emphasis_breaks_quotes_and_dashes():
    text = _article('He said *"we will\nleave"* -- soon\u2014very soon.')
    assert text.find(normalize_quote("said \u201cwe will leave\u201d -- soon-very soon")) is not None
    assert text.find(normalize_quote("said we will leave")) is None


def test_quote_anchor_nests_inside_emphasis_boundaries():
    md = make_markdown()
    text = ArticleText(md.parse("Before *one two* three four.", {}))
    start, end = text.find(normalize_quote("two three"))
    text.anchor([(start, end, "q-a")])
    html = md.renderer.render(text.tokens, md.options, {})
    # The quote starts inside <em>: the mark widens to the whole emphasis so that it nests.
    assert html == '<p>Before <mark class="quote" id="q-a"><em>one two</em> three</mark> four.</p>\n'


def test_quote_across_paragraphs_wraps_the_blocks_and_nested_quotes_nest():
    md = make_markdown()
    text = ArticleText(md.parse("First para ends here.\n\nSecond para starts.\n", {}))
    outer = text.find(normalize_quote("ends here. Second para"))
    inner = text.find(normalize_quote("Second para"))
    text.anchor([(outer[0], outer[1], "q-outer"), (inner[0], inner[1], "q-inner")])
    html = md.renderer.render(text.tokens, md.options, {})
    assert html.startswith('<div class="quote" id="q-outer">\n<p>First para ends here.</p>\n<p><mark class="quote" id="q-inner">Second para</mark> starts.</p>\n</div>')


def test_closest_passage_for_a_misquote():
    text = _article("The force numbered 2,500.\n\nOfficials said at least 18 died.")
    assert text.closest_passage(normalize_quote("Officials said at least 19 died")) == "Officials said at least 18 died."
