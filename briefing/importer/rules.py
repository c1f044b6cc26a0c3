"""The named rules that recognise page chrome, metadata lines and broken encoding in pasted articles."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import ftfy

# ftfy's defaults would also straighten curly quotes and fold full-width characters; the
# editor's quotes must stay as the outlet printed them, so only encoding repairs are on.
_FTFY = ftfy.TextFixerConfig(uncurl_quotes=False, fix_character_width=False, unescape_html=False,
                             fix_latin_ligatures=False, explain=False)

BULLETS = "•·▪◦‣∙*-–—"
_BULLET_ONLY = re.compile(rf"^[{re.escape(BULLETS)}]+$")
SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")


@dataclass(frozen=True)
class LineRule:
    """One kind of page furniture, recognised on a single stripped line."""

    name: str
    pattern: re.Pattern[str]


def _rule(name: str, *patterns: str) -> LineRule:
    return LineRule(name, re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE))


# Each rule matches a whole line; anything that could also be a sentence of the article is
# anchored on both ends or requires a call to action, so body text is never mistaken for chrome.
LINE_RULES: tuple[LineRule, ...] = (
    _rule("error-widget", r"^oops!?$", r"^something went wrong\.?$", r"^please try again( later)?\.?$",
          r"^oops!? something went wrong\.?( please try again later\.?)?$"),
    _rule("ad-line", r"\bsubscribe (for free|now|today|here)\b", r"^subscribe\.?$",
          r"\bget more from \S+", r"^like this article\s*\?", r"^sign up for (our|the) \w+",
          r"^advertisement$", r"^sponsored( content)?$"),
    _rule("in-this-article", r"^in this article:?$"),
    _rule("reading-time", r"^[·•|]?\s*\d+\s*(min|minute)s?( read)?$"),
    _rule("share-prompt", r"^share( this( article| story| post)?)?( on \w+)?:?$", r"^(tweet|email|print|copy link)$",
          r"^share (on )?(facebook|twitter|linkedin|whatsapp|email)", r"^click to share\b"),
    _rule("comment-footer", r"^no comments:?$", r"^\d+ comments?:?$", r"^post a comment$",
          r"^note: only a member of this blog may post a comment\.?$", r"^join the conversation\b",
          r"^trending on .+ videos$", r"^leave a (comment|reply)$", r"^subscribe to: post comments",
          r"^(newer|older) posts?$"),
    # A site's notice about its comments, which says nothing about the kind of article.
    _rule("comment-notice", r"\b(suspending|disabled|closed) (article )?comment(s|ing)\b",
          r"^comments? (are )?(closed|disabled)\.?$"),
)
RECOMMENDED = _rule("recommended-stories", r"^(recommended|related|more|popular|top) (stories|articles|reads|posts)$",
                    r"^(you may|you might) also like$", r"^read (more|next)$", r"^more from [\w .]+$")
# Names of outlets in chrome lines: "Get more from Axios", "Trending on HotAir Videos".
OUTLET_IN_CHROME = (re.compile(r"\b(?i:get more from) ([A-Z][\w&.'-]*(?: [A-Z][\w&.'-]*)*)"),
                    re.compile(r"^trending on (.+?) videos$", re.IGNORECASE))
ORIGIN_LINE = re.compile(r"^(?:from|via|source|h/t)\s+([A-Z][\w&.' -]{0,40}?)\s*:$", re.IGNORECASE)
DATELINE = re.compile(r"^[A-Z][A-Z .,'-]{2,}\s*\(([A-Z][\w .&-]{1,30})\)\s*[-–—]")
BYLINE_BY = re.compile(r"^by ([A-Z][\w.'-]+(?: [A-Z][\w.'-]+){1,3})$", re.IGNORECASE)
NAME = re.compile(r"^[A-Z][a-z'-]+(?: [A-Z]\.?)?(?: [A-Z][a-z'-]+){1,2}$")
URL_LINE = re.compile(r"^(?:source:\s*)?(https?://\S+)$", re.IGNORECASE)

_MONTHS = {m: i for i, m in enumerate(("january", "february", "march", "april", "may", "june", "july",
                                        "august", "september", "october", "november", "december"), 1)}
_MONTHS.update({name[:3]: i for name, i in list(_MONTHS.items())})
_MONTHS["sept"] = 9
_WEEKDAY = r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+)?"
_TIME = r"(?:,?\s+(?:at\s+)?(\d{1,2}):(\d{2})\s*([ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?)?"
_DATE_FORMS = (
    re.compile(rf"^(?:updated|published|posted)?:?\s*{_WEEKDAY}(?P<mon>[a-z]+)\.? (?P<day>\d{{1,2}}),? (?P<year>\d{{4}}){_TIME}$",
               re.IGNORECASE),
    re.compile(rf"^(?:updated|published|posted)?:?\s*{_WEEKDAY}(?P<day>\d{{1,2}}) (?P<mon>[a-z]+)\.?,? (?P<year>\d{{4}}){_TIME}$",
               re.IGNORECASE),
    re.compile(rf"^(?:updated|published|posted)?:?\s*(?P<year>\d{{4}})-(?P<num>\d{{2}})-(?P<day>\d{{2}}){_TIME}$",
               re.IGNORECASE),
)


def line_rule(stripped: str) -> str | None:
    """The name of the chrome rule a line matches, if any."""
    for rule in LINE_RULES:
        if rule.pattern.search(stripped):
            return rule.name
    return None


def is_bullet_only(stripped: str) -> bool:
    return bool(_BULLET_ONLY.match(stripped))


def parse_date_line(stripped: str) -> str | None:
    """An ISO date (or date and time) if the whole line is a date, as in a blog's date header."""
    for form in _DATE_FORMS:
        match = form.match(stripped)
        if not match:
            continue
        groups = match.groupdict()
        month = int(groups["num"]) if groups.get("num") else _MONTHS.get(groups["mon"].lower())
        try:
            date = dt.date(int(groups["year"]), month or 0, int(groups["day"]))
        except ValueError:
            return None
        hour, minute, ampm = match.group(match.re.groups - 2), match.group(match.re.groups - 1), match.group(match.re.groups)
        if hour is None:
            return date.isoformat()
        hour_n = int(hour) % 12 + (12 if ampm and ampm.lower().startswith("p") else 0) if ampm else int(hour)
        return f"{date.isoformat()}T{hour_n:02d}:{minute}"
    return None


def expand_abbreviation(abbrev: str, text: str) -> str:
    """'MT' -> 'The Moscow Times' when the text spells out a name with those initials; else as given."""
    letters = [c for c in abbrev if c.isupper()]
    if len(letters) < 2 or len(letters) != len(abbrev.replace(".", "")):
        return abbrev
    words = r"\s+".join(rf"{c}[a-z]+" for c in letters)
    match = re.search(rf"(\b[Tt]he\s+)?\b({words})\b", text)
    if not match:
        return abbrev
    name = re.sub(r"\s+", " ", match.group(2))
    return f"The {name}" if match.group(1) else name


def fix_mojibake(line: str) -> str:
    """ftfy's repair of text decoded with the wrong codec, quotes and widths left as printed."""
    return ftfy.fix_text(line, _FTFY)


def restore_truncated_quotes(line: str, quotes: tuple[str, str]) -> str:
    """Quote marks of which only the first UTF-8 byte survived, read as Latin-1 "â"."""
    return _TRUNCATED_QUOTES.sub(lambda m: f"{quotes[0]}{m.group(1)}{quotes[1]}", line)


# A curly quote is three UTF-8 bytes, E2 80 9C; read as Latin-1 with the two C1 bytes dropped on
# the way (copy-paste often strips control characters) only "â" is left, which ftfy cannot
# undo since the bytes are gone.  A pair of them around words is unmistakably a pair of quotes.
_TRUNCATED_QUOTES = re.compile(r"(?<![\w])\u00e2(?=[\w])([^\u00e2\n]{1,400}?[\w.,!?;:])\u00e2(?![\w])")


def document_quotes(text: str) -> tuple[str, str]:
    """The double quote marks the document itself uses, so repaired quotes match their neighbours."""
    curly = text.count("\u201c") + text.count("\u201d")
    return ("\u201c", "\u201d") if curly >= text.count('"') and curly else ('"', '"')


def ends_sentence(text: str) -> bool:
    return bool(SENTENCE_END.search(text.rstrip()))
