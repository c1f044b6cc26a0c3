"""The raw-article importer: each cleaning rule, the encodings, the report and the refusal to overwrite."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
import yaml

from briefing.importer import clean_article, run_import, slugify, to_markdown_file

PARA_1 = "Troops arrived in the capital on Thursday after the president asked the alliance for help."
PARA_2 = "The ministry said the operation would last no more than two weeks and would not involve combat."


def rules_of(article) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for change in article.changes:
        found.setdefault(change.rule, []).append(change.text)
    return found


def front_matter(text: str) -> dict:
    return yaml.safe_load(text.split("---\n")[1])


def import_files(tmp_path: Path, files: dict[str, bytes | str], **options):
    """Write raw files into tmp_path/raw, import them into tmp_path/articles; (exit code, report)."""
    raw = tmp_path / "raw"
    raw.mkdir(exist_ok=True)
    paths = []
    for name, content in files.items():
        path = raw / name
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
        paths.append(path)
    out = io.StringIO()
    options.setdefault("force", False)
    options.setdefault("dry_run", False)
    code = run_import(paths, tmp_path / "articles", out=out, **options)
    return code, out.getvalue()


# --- chrome and boilerplate ---------------------------------------------------------------

def test_error_widget_lines_are_dropped_wherever_they_appear():
    article = clean_article(f"Title here\n\n  • Oops!\n    Something went wrong.\n    Please try again later.\n\n"
                            f"{PARA_1}\n\nOops! Something went wrong. Please try again later.\n\n{PARA_2}\n")
    assert "Oops" not in article.body and "try again" not in article.body
    assert len(rules_of(article)["error-widget"]) == 4
    assert article.body == f"{PARA_1}\n\n{PARA_2}\n"


def test_ad_lines_are_dropped_and_name_the_outlet():
    article = clean_article(f"Title here\n\n{PARA_1}\n\nGet market news worthy of your time with Daily Markets. "
                            f"Subscribe for free.\n\n{PARA_2}\n\nLike this article? Get more from The Ledger and "
                            "subscribe to Ledger Markets for free.\n")
    assert "Subscribe" not in article.body and "Get more" not in article.body
    assert len(rules_of(article)["ad-line"]) == 2
    assert article.outlet == "The Ledger"


def test_a_sentence_that_mentions_subscribers_is_kept():
    body = "Subscribers of the state broadcaster said the channel went dark for an hour on Friday."
    article = clean_article(f"Title here\n\n{body}\n")
    assert body in article.body and not article.changes


def test_bullet_only_lines_are_dropped_and_the_items_they_mark_become_a_list():
    article = clean_article(f"Title here\n{PARA_1}\n-\nFirst point of the list.\n•\nSecond point of the list.\n{PARA_2}\n")
    assert "- First point of the list.\n- Second point of the list." in article.body
    assert rules_of(article)["separator"] == ["-", "•"]
    assert PARA_2 in article.body and f"- {PARA_2}" not in article.body


def test_indented_bullets_become_a_markdown_list():
    article = clean_article(f"Title here\n\n{PARA_1}\n\n  • One item.\n\n  • Another item.\n\n{PARA_2}\n")
    assert f"{PARA_1}\n\n- One item.\n- Another item.\n\n{PARA_2}\n" == article.body


def test_byline_and_reading_time_give_the_author():
    article = clean_article(f"Title here\n\nJane Q Doe\n·4 min read\nIn this article:\n\n{PARA_1}\n")
    assert article.author == "Jane Q Doe"
    assert article.body == f"{PARA_1}\n"
    assert {"byline", "reading-time", "in-this-article"} <= set(rules_of(article))


def test_by_line_gives_the_author():
    article = clean_article(f"Title here\nBy Maria Lopez\n\n{PARA_1}\n")
    assert article.author == "Maria Lopez" and "Maria" not in article.body


def test_share_prompts_are_dropped():
    article = clean_article(f"Title here\n\nShare this article\n{PARA_1}\n\nShare on Twitter\n")
    assert article.body == f"{PARA_1}\n"
    assert len(rules_of(article)["share-prompt"]) == 2


def test_blog_comment_footers_are_dropped_and_mark_a_blog():
    article = clean_article(f"Title here\n\n{PARA_1}\n\nNo comments:\nPost a Comment\n"
                            "Note: Only a member of this blog may post a comment.\n")
    assert article.body == f"{PARA_1}\n"
    assert len(rules_of(article)["comment-footer"]) == 3
    assert article.kind == "blog"


def test_trending_footer_names_the_outlet():
    article = clean_article(f"Title here\n\n{PARA_1}\n\nJoin the conversation as a VIP Member\n\nTrending on RedWire Videos")
    assert article.outlet == "RedWire" and article.kind == "blog"
    assert "Trending" not in article.body


def test_a_comment_notice_is_dropped_without_making_a_blog():
    article = clean_article(f"Title here\n\n{PARA_1}\n\nIn order to improve our community experience, "
                            "we are temporarily suspending article commenting\n")
    assert article.body == f"{PARA_1}\n" and article.kind is None


def test_recommended_stories_and_everything_after_them_are_dropped():
    article = clean_article(f"Title here\n\n{PARA_1}\n\nRecommended Stories\n\n  • Other story\n\n"
                            "    Its teaser text, which is long enough to look like an article paragraph.\n")
    assert article.body == f"{PARA_1}\n"
    assert len(rules_of(article)["recommended-stories"]) == 3


# --- metadata --------------------------------------------------------------------------------

def test_date_header_above_the_title_gives_the_date_and_is_not_the_title():
    article = clean_article(f"Friday, January 07, 2022\n\nMore Trouble Abroad\n\n{PARA_1}\n")
    assert article.title == "More Trouble Abroad"
    assert article.published == "2022-01-07"
    assert "2022" not in article.body and "published" not in article.missing


def test_dateline_with_time_below_the_title():
    article = clean_article(f"Some headline\nJanuary 6, 2022 at 3:15 PM\n\n{PARA_1}\n")
    assert article.published == "2022-01-06T15:15"


def test_origin_line_names_the_quoted_outlet_spelled_out_in_the_text():
    article = clean_article(f"From GW:\nA headline\n{PARA_1} Officials told the Global Wire on Thursday.\n")
    assert article.outlet == "The Global Wire"
    assert article.title == "A headline" and "From GW" not in article.body


def test_agency_dateline_names_the_outlet():
    article = clean_article(f"A headline\n\nALMATY (Reuters) - {PARA_1}\n")
    assert article.outlet == "Reuters"


def test_quoted_headline_wrapped_over_two_lines():
    article = clean_article(f"“Russia’s Involvement in\nthe Crisis Could Widen”\n\n{PARA_1}\n")
    assert article.title == "Russia’s Involvement in the Crisis Could Widen"


def test_missing_fields_are_listed_and_left_empty_with_a_note():
    article = clean_article(f"A headline\n\n{PARA_1}\n")
    assert article.missing == ("outlet", "author", "published", "url", "kind")
    text = to_markdown_file(article)
    assert "outlet:   # not found in the text: fill in" in text
    data = front_matter(text)
    assert data["title"] == "A headline" and data["outlet"] is None


def test_first_line_that_is_a_whole_paragraph_is_not_taken_as_the_title():
    article = clean_article(f"{PARA_1} {PARA_2}\n{PARA_2}\n")
    assert article.title == "" and "title" in article.missing
    assert article.body.startswith(PARA_1)


def test_front_matter_quotes_awkward_titles_and_adds_syndicates():
    article = clean_article(f"Why it matters: a title with a colon\n\n{PARA_1}\n")
    data = front_matter(to_markdown_file(article, syndicates="other-story"))
    assert data["title"] == "Why it matters: a title with a colon"
    assert data["syndicates"] == "other-story"


# --- paragraphs ------------------------------------------------------------------------------

WRAPPED = """A headline
Experts believe the capital risks
being drawn into the unrest next door and having to manage instability on
two fronts at once, analysts told reporters on Thursday in the capital city.
It would be a long operation.
The deployment of three thousand
soldiers came after the president made a formal request to the alliance for
help with what he called a terrorist threat to the country and its people,
with “dozens” more fatalities reported. On
Thursday morning, footage on social media showed army units exchanging fire
with armed opponents in the largest city of the country for several hours.
Domestic risks The crisis
is also likely to weigh on politics at home, where the economy is weak and
wages have stagnated for years, said a political consultant in the capital.
"""


def test_hard_wrapped_text_is_joined_into_its_paragraphs():
    article = clean_article(WRAPPED)
    paragraphs = article.body.strip().split("\n\n")
    assert paragraphs[0].startswith("Experts believe the capital risks being drawn")
    assert paragraphs[0].endswith("It would be a long operation.")
    assert paragraphs[1].startswith("The deployment of three thousand soldiers came")
    assert paragraphs[1].endswith("“dozens” more fatalities reported.")
    assert paragraphs[2].startswith("On Thursday morning, footage")
    assert paragraphs[3] == "### Domestic risks"
    assert paragraphs[4].startswith("The crisis is also likely")
    assert all("\n" not in p for p in paragraphs)
    assert {"hard-wrap", "glued-paragraph", "glued-heading"} <= set(rules_of(article))


def test_lines_that_are_each_a_paragraph_stay_apart():
    article = clean_article(f"A headline\n{PARA_1}\n{PARA_2}\nWhat they say: “a quote that ends oddly,\nYes, but: more.\n")
    assert article.body.count("\n\n") == 3 and "hard-wrap" not in rules_of(article)


def test_a_line_broken_mid_sentence_is_joined_even_outside_a_wrapped_block():
    article = clean_article("A headline\n\nThe talks will resume next week in Geneva, where both sides\nhope to agree.\n")
    assert article.body == "The talks will resume next week in Geneva, where both sides hope to agree.\n"


QUOTING_BLOG = """A blog post

The unrest spread quickly:

Police in the main city said they had killed dozens of rioters overnight.

After a night of confrontations, the mayor's office was ablaze, reporters said.

Seriously, that is a collapse of authority.

So here is the warning:

The spokesman said on Wednesday that no one should interfere.

I do not believe a word of it.
"""


def test_reporting_introduced_by_a_colon_becomes_a_blockquote_until_the_writer_speaks():
    article = clean_article(QUOTING_BLOG)
    assert ("The unrest spread quickly:\n\n> Police in the main city said they had killed dozens of rioters overnight."
            "\n>\n> After a night of confrontations, the mayor's office was ablaze, reporters said.\n\n"
            "Seriously, that is a collapse of authority.") in article.body
    assert "> The spokesman said on Wednesday" in article.body
    assert "> I do not" not in article.body and "\nI do not believe a word of it." in article.body
    assert len(rules_of(article)["blockquote"]) == 3


def test_double_blank_lines_fence_a_quoted_block():
    text = ("A blog post\n\nThe question is whether they ever leave:\n\n\nTroops landed on Thursday after a call "
            "for help.\n\nIt is the first time the alliance has deployed its force.\n\nThe stakes are high for "
            "the leader of the alliance.\n\nIt’s hardly the first time troops intervened, and I doubt the last.\n")
    article = clean_article(text)
    assert "> The stakes are high" in article.body and "> It is the first time" in article.body
    assert "\n\nIt’s hardly the first time" in article.body


def test_a_colon_line_followed_by_the_writers_own_words_is_no_quote():
    article = clean_article("A blog post\n\nHere is my view:\n\nI think we should wait and see.\n")
    assert ">" not in article.body


# --- encoding --------------------------------------------------------------------------------

def test_mojibake_is_repaired_and_reported():
    article = clean_article("A headline\n\nRussiaâ€™s troops landed, officials said â€” quickly.\n")
    assert article.body == "Russia’s troops landed, officials said — quickly.\n"
    assert rules_of(article)["mojibake"]


def test_quote_marks_that_lost_their_utf8_tail_are_restored():
    article = clean_article("A headline\n\nIt is a strategic \u00e2bandwidth\u00e2 issue, “says” an expert.\n")
    assert "strategic “bandwidth” issue" in article.body
    assert "mojibake-truncated" in rules_of(article)


def test_a_real_circumflex_is_left_alone():
    article = clean_article("A headline\n\nThe château was built before the war, the owner said.\n")
    assert "château" in article.body and not article.changes


SAMPLE = f"A headline\n\n“{PARA_1}” — café owners said.\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1252"])
def test_encodings_are_read(tmp_path, encoding):
    code, report = import_files(tmp_path, {"raw.txt": SAMPLE.encode(encoding)})
    assert code == 0, report
    written = (tmp_path / "articles" / "a-headline.md").read_text(encoding="utf-8")
    assert f"“{PARA_1}” — café owners said." in written


def test_utf16_without_bom_and_latin1_are_read(tmp_path):
    latin = "A headline\n\nThe café reopened, the owner said.\n"
    code, report = import_files(tmp_path, {"a.txt": SAMPLE.encode("utf-16-le"), "b.txt": latin.encode("latin-1")},
                                names=["first", "second"])
    assert code == 0, report
    assert "café owners said" in (tmp_path / "articles" / "first.md").read_text(encoding="utf-8")
    assert "The café reopened" in (tmp_path / "articles" / "second.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("content", [b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", b"caf\x81 \x8d\x9d au lait \xff\xfe\x00"])
def test_binary_or_undecodable_file_is_one_error_line_and_nothing_written(tmp_path, content):
    code, report = import_files(tmp_path, {"good.txt": SAMPLE, "bad.txt": content})
    assert code == 1
    assert report.splitlines()[0].startswith(str(tmp_path / "raw" / "bad.txt") + ":")
    assert "Traceback" not in report
    assert not (tmp_path / "articles").exists()


def test_missing_file_is_reported(tmp_path):
    out = io.StringIO()
    code = run_import([tmp_path / "nope.txt"], tmp_path / "articles", force=False, dry_run=False, out=out)
    assert code == 1 and out.getvalue().startswith(f"{tmp_path / 'nope.txt'}: no such file")


# --- the command: report, names, overwrite, dry run -----------------------------------------

RAW = f"A Headline: Troops Arrive\nJane Doe\n·2 min read\n\n{PARA_1}\n\nSubscribe for free.\n\n{PARA_2}\n"


def test_report_lists_each_dropped_line_with_its_rule_and_the_missing_fields(tmp_path):
    code, report = import_files(tmp_path, {"raw.txt": RAW})
    assert code == 0
    assert "raw.txt:2: byline: Jane Doe" in report
    assert "raw.txt:3: reading-time: ·2 min read" in report
    assert "raw.txt:7: ad-line: Subscribe for free." in report
    assert "left empty to fill in: outlet, published, url, kind" in report
    written = (tmp_path / "articles" / "a-headline-troops-arrive.md").read_text(encoding="utf-8")
    assert front_matter(written)["author"] == "Jane Doe"


def test_slug_is_made_from_at_most_six_words_of_the_title():
    assert slugify("Don't look now, but Russian troops just intervened again") == "dont-look-now-but-russian-troops"


def test_an_existing_article_is_not_overwritten_without_force(tmp_path):
    target = tmp_path / "articles" / "story.md"
    target.parent.mkdir()
    target.write_text("---\ntitle: Mine\n---\nHand edited.\n", encoding="utf-8")
    code, report = import_files(tmp_path, {"raw.txt": RAW}, names=["story"])
    assert code == 1 and "already exists; use --force" in report
    assert target.read_text(encoding="utf-8") == "---\ntitle: Mine\n---\nHand edited.\n"
    code, report = import_files(tmp_path, {"raw.txt": RAW}, names=["story"], force=True)
    assert code == 0 and "replaces the existing file" in report
    assert PARA_1 in target.read_text(encoding="utf-8")


def test_dry_run_prints_the_report_and_a_diff_and_writes_nothing(tmp_path):
    code, report = import_files(tmp_path, {"raw.txt": RAW}, dry_run=True)
    assert code == 0
    assert "--- /dev/null" in report and f"+{PARA_1}" in report and "+title: 'A Headline: Troops Arrive'" in report
    assert "dry run: nothing was written" in report
    assert not (tmp_path / "articles").exists()


def test_dry_run_diffs_against_the_existing_file(tmp_path):
    target = tmp_path / "articles" / "story.md"
    target.parent.mkdir()
    target.write_text("---\ntitle: Mine\n---\nHand edited.\n", encoding="utf-8")
    code, report = import_files(tmp_path, {"raw.txt": RAW}, names=["story"], dry_run=True)
    assert code == 0 and "-Hand edited." in report and f"--- {target}" in report
    assert target.read_text(encoding="utf-8").endswith("Hand edited.\n")


def test_two_inputs_with_the_same_name_are_refused(tmp_path):
    code, report = import_files(tmp_path, {"a.txt": RAW, "b.txt": RAW})
    assert code == 1 and "give --name" in report and not (tmp_path / "articles").exists()


STORY = ("Rebels seized the northern airport of Valdoria on Monday after a night of fighting that left "
         "at least 40 soldiers dead, the defence ministry said. Witnesses described columns of pickup trucks "
         "entering the terminal at dawn while government aircraft circled overhead. The ministry admitted the "
         "loss of two helicopters and promised a counter-offensive within days. Aid groups warned that "
         "thousands of families had fled toward the coast, where camps are already full. The northern region "
         "has been contested since a disputed election two years ago split the army along ethnic lines. "
         "Diplomats in the capital said the fall of the airport would cut the main supply route to the garrison.")
REWRITE = ("Rebels captured the northern airfield of Valdoria on Monday after a night of clashes that left "
           "at least 40 troops dead, the defence ministry stated. Witnesses reported convoys of pickup trucks "
           "entering the terminal at daybreak while government planes circled overhead. The ministry acknowledged "
           "the loss of two choppers and vowed a counter-offensive within days. Aid organisations warned that "
           "thousands of households had fled toward the coast, where camps are already crowded. The northern "
           "region has been disputed since a contested election two years ago divided the army along ethnic "
           "lines. Diplomats in the capital stated the fall of the airfield would sever the main supply route "
           "to the garrison .")


def test_an_imported_rewrite_is_marked_as_syndicating_its_original(tmp_path):
    code, report = import_files(tmp_path, {"a.txt": f"Rebels take airport\n\n{STORY}\n",
                                           "b.txt": f"Rebels capture airfield\n\n{REWRITE}\n"},
                                names=["original-story", "spun-story"])
    assert code == 0
    assert "marked 'syndicates: original-story'" in report
    assert front_matter((tmp_path / "articles" / "spun-story.md").read_text(encoding="utf-8"))["syndicates"] == "original-story"
    assert "syndicates" not in (tmp_path / "articles" / "original-story.md").read_text(encoding="utf-8")


def test_written_articles_are_readable_like_any_new_file(tmp_path):
    old_umask = os.umask(0o022)
    try:
        code, _ = import_files(tmp_path, {"raw.txt": RAW}, names=["story"])
    finally:
        os.umask(old_umask)
    assert code == 0
    assert (tmp_path / "articles" / "story.md").stat().st_mode & 0o777 == 0o644
    assert not list((tmp_path / "articles").glob(".*.tmp"))
