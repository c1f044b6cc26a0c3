"""Rebuilding paragraphs, lists and blockquotes from the kept lines of a pasted article."""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field

from .rules import BULLETS, ends_sentence

_BULLET_ITEM = re.compile(rf"^[{re.escape(BULLETS)}]\s+(\S.*)$")
# A section heading pasted without its line break: "Domestic risks The crisis in ...".
_GLUED_HEADING = re.compile(
    r"^([A-Z][a-z]+(?: [a-z]+){0,4}) ((?:The|A|An|In|On|For|But|As|At|By|With|After|Before|While|When|"
    r"This|That|These|Those|It|He|She|They|Its|His|Her|Their|Some|Many|Most|Now)\b.*)$")
_QUOTED_SPAN = re.compile(r"“[^”]*”|\"[^\"]*\"|‘[^’]*’")
_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I’m|I've|I’ve|I'd|I’d|me|my|mine|we|We|us|our|Our|you|You|your|Your)\b")
_CONTRACTION = re.compile(r"\b(?:\w+n['’]t|(?:it|It|that|That|there|There|here|Here|what|What|they|They|"
                          r"he|He|she|She|we|We|you|You)['’](?:s|re|ve|ll|d))\b")
_ATTRIBUTION = re.compile(r"\b(?:said|says|say|reported|reports|according to|told|tells|stated|announced|"
                          r"added|noted|wrote|quoted|confirmed)\b")


@dataclass
class Line:
    number: int
    text: str          # without trailing white space; leading indent kept
    list_item: bool = False  # a bare bullet line stood before it


@dataclass
class Block:
    lines: list[Line]
    gap_before: int    # blank lines before the block, to see double-blank quote boundaries


@dataclass
class Para:
    kind: str          # "p" | "li" | "h" | "quote"
    text: str
    line: int
    gap_before: int = 1
    notes: list[tuple[int, str, str]] = field(default_factory=list)  # (line, rule, text) changes


def paragraphs(blocks: list[Block]) -> list[Para]:
    """Turn blocks of lines into paragraphs: list items, unwrapped prose, headings."""
    out: list[Para] = []
    for block in blocks:
        first = len(out)
        if _is_hard_wrapped(block.lines):
            out.extend(_unwrap(block.lines))
        else:
            out.extend(_lines_to_paras(block.lines))
        if len(out) > first:
            out[first].gap_before = block.gap_before
    return out


def _is_hard_wrapped(lines: list[Line]) -> bool:
    if len(lines) < 3 or any(_BULLET_ITEM.match(ln.text.strip()) or ln.list_item for ln in lines):
        return False
    lengths = sorted(len(ln.text.strip()) for ln in lines)
    open_ends = sum(not ends_sentence(ln.text) for ln in lines[:-1])
    return lengths[int(len(lengths) * 0.9) - 1] <= 120 and open_ends >= (len(lines) - 1) / 2


def _lines_to_paras(lines: list[Line]) -> list[Para]:
    """Lines that are each a paragraph or a list item; join only a clear mid-sentence break."""
    paras: list[Para] = []
    for ln in lines:
        text = ln.text.strip()
        bullet = _BULLET_ITEM.match(text)
        continues = (paras and not ln.list_item and not bullet and text[:1].islower()
                     and not re.search(r"[.!?:;…\"”]$", paras[-1].text))
        indented_continuation = (paras and paras[-1].kind == "li" and not bullet and not ln.list_item
                                 and len(ln.text) - len(ln.text.lstrip()) > 0)
        if continues or indented_continuation:
            paras[-1].text += " " + text
            paras[-1].notes.append((ln.number, "hard-wrap", f"joined to the line before: {text[:60]}"))
        elif bullet:
            paras.append(Para("li", bullet.group(1), ln.number))
            paras[-1].notes.append((ln.number, "list", f"bullet made a Markdown list item: {text[:60]}"))
        elif ln.list_item:
            paras.append(Para("li", text, ln.number))
            paras[-1].notes.append((ln.number, "list", f"item after a bullet line made a list item: {text[:60]}"))
        else:
            paras.append(Para("p", text, ln.number))
    return paras


def _unwrap(lines: list[Line]) -> list[Para]:
    """Join hard-wrapped lines; a paragraph ends where a sentence ends on a short line."""
    texts = [ln.text.strip() for ln in lines]
    width = statistics.quantiles([len(t) for t in texts], n=4)[2]
    short = 0.6 * width
    paras: list[Para] = []
    current: list[str] = []
    start = lines[0].number

    def close(end_line: int) -> None:
        if current:
            para = Para("p", " ".join(current), start)
            if len(current) > 1:
                para.notes.append((start, "hard-wrap", f"joined lines {start}-{end_line} into one paragraph"))
            paras.append(para)

    for i, text in enumerate(texts):
        number = lines[i].number
        if current:
            prev = texts[i - 1]
            nxt_ends = i + 1 >= len(texts) or ends_sentence(text)
            if ends_sentence(prev) and (text[:1].isupper() or text[:1] in "“\"(^") and (
                    len(prev) < short or (len(text) < short and not nxt_ends)):
                close(lines[i - 1].number)
                current, start = [], number
        glued = re.match(r"^(.*[.!?][\"”’)]?) (\S+(?: \S+){0,2})$", text)
        if current and glued and len(text) < short and not ends_sentence(text) and i + 1 < len(texts):
            # A paragraph's first words pasted onto the end of the previous paragraph's last line.
            current.append(glued.group(1))
            close(number)
            paras[-1].notes.append((number, "glued-paragraph", f"new paragraph at '{glued.group(2)}'"))
            current, start = [glued.group(2)], number
            continue
        if not current:
            heading = _GLUED_HEADING.match(text)
            if heading and len(text) < short:
                paras.append(Para("h", heading.group(1), number,
                                  notes=[(number, "glued-heading", f"heading '{heading.group(1)}' split off")]))
                text = heading.group(2)
        current.append(text)
    close(lines[-1].number)
    return paras


def _voice_of_writer(text: str) -> bool:
    """True when a paragraph reads as the blogger talking, not as quoted reporting."""
    outside = _QUOTED_SPAN.sub("", text)
    return bool(_FIRST_PERSON.search(outside) or _CONTRACTION.search(outside) or "?" in outside)


def mark_blockquotes(paras: list[Para], wide_gaps: bool) -> None:
    """Quote the paragraphs that an intro line ending in ':' presents as someone else's reporting.

    Conservative: the first paragraph after the intro is quoted; more follow while they carry
    attribution ("said", "reported") or, in texts that fence quotes with double blank lines, until
    the fence; anything in the writer's own voice (I, we, questions, contractions) ends the quote.
    """
    i = 0
    while i < len(paras) - 1:
        intro, nxt = paras[i], paras[i + 1]
        if not (intro.kind == "p" and intro.text.endswith(":") and len(intro.text.split()) >= 3
                and nxt.kind == "p" and not nxt.text.endswith(":") and not _voice_of_writer(nxt.text)):
            i += 1
            continue
        j = i + 1
        while j < len(paras):
            para = paras[j]
            if j > i + 1 and (para.kind != "p" or para.text.endswith(":") or _voice_of_writer(para.text)
                              or para.gap_before >= 2
                              or not (wide_gaps or _ATTRIBUTION.search(_QUOTED_SPAN.sub("", para.text)))):
                break
            para.kind = "quote"
            para.notes.append((para.line, "blockquote", f"> {para.text[:70]}"))
            j += 1
        i = j


def render(paras: list[Para]) -> str:
    """Markdown: blank lines between paragraphs, tight lists, one blockquote per quoted run."""
    chunks: list[str] = []
    for i, para in enumerate(paras):
        prev = paras[i - 1] if i else None
        if para.kind == "li":
            text = f"- {para.text}"
            if prev and prev.kind == "li":
                chunks[-1] += "\n" + text
                continue
        elif para.kind == "quote":
            text = f"> {para.text}"
            if prev and prev.kind == "quote":
                chunks[-1] += "\n>\n" + text
                continue
        elif para.kind == "h":
            text = f"### {para.text}"
        else:
            text = para.text
        chunks.append(text)
    return "\n\n".join(chunks) + "\n"
