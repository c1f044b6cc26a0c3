"""A deterministic synthetic briefing of N articles, and the same bodies as Hugo and MkDocs sites.

    write_all(out_dir, n, seed=7, actors=300) -> dict of the project folders

The briefing has 300 actors by default ("Given Surname", alias "Surname"; up to 8,000 can be
asked for) whose names occur in the bodies; about N/10 figures and N/20 questions whose
quotes are exact sentences of the articles; N/10 timeline events; three key judgments.
Bodies are about 880 words (issue 17's workload) in several paragraphs, with the odd list
and blockquote. The peers get the same bodies.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
ACTORS = 300  # the default; run.py also builds N=1,000 with 3,000
WORDS = 845  # an article grows by whole paragraphs until it has this many words: about 880 on average

_GIVEN = ("Anna Boris Carla Dmitri Elena Farid Galina Hassan Irina Jonas Katya Lev Marta Nikolai Olga "
          "Pavel Rustam Sofia Timur Ulla Viktor Yelena Zarina Arman Bakyt Daria Emil Gulnara").split()
# 40 x 10 x 20 = 8,000 distinct surnames, enough for the 3,000-actor axis of run.py
_SYL1 = ("Var Kos Mel Dra Tur Bel Zam Ors Pet Gal Rud Sev Nov Kal Tam Bor Lin Vask Mir Dun "
         "Ab Brel Cor Dav Fel Gor Hal Ist Jar Kem Lop Mar Nal Ob Pran Rav Sol Tev Urm Zel").split()
_SYL2 = "en ov ar it ul es am ir ush ek".split()
_SYL3 = "ko ski ev dze yan enko ova in ulov ard ich ero ani ovic uk ashvili ela im oglu ent".split()
_ORG = ("Council", "Front", "Agency", "Bank", "Union", "Institute")
_OUTLETS = ("Daily Ledger", "Northern Courier", "The Meridian", "Steppe Review", "Capital Wire", "Harbor Times",
            "Policy Notes", "The Observer Desk", "Frontier Post", "Atlas Weekly", "Signal Blog", "Reuters Digest")
_UNITS = (("troops", "troops"), ("barrels a day", "barrels a day"), ("protesters", "protesters"),
          ("percent", "percent"), ("million dollars", "million dollars"), ("arrests", "arrests"),
          ("flights", "flights"), ("kilometres", "kilometres"))
_VERBS = ("warned", "argued", "insisted", "suggested", "acknowledged", "conceded", "claimed", "noted",
          "signalled", "announced", "denied", "confirmed", "hinted", "stressed", "complained", "predicted")
_TOPICS = ("the fuel subsidy", "the border crossings", "the regional elections", "the grain corridor",
           "the pipeline tariff", "the security pact", "the emergency decree", "the new cabinet",
           "the currency band", "the mining licences", "the rail link", "the peace talks", "the gas contract",
           "the media law", "the customs union", "the airbase lease", "the water treaty", "the bond auction")
_PLACES = ("the capital", "the northern provinces", "the port city", "the mining towns", "the river valley",
           "the eastern border", "the oil fields", "the southern districts", "the old quarter", "the highlands")
_ADJS = ("fragile", "uneasy", "surprising", "deliberate", "costly", "sudden", "limited", "open-ended",
         "contested", "quiet", "unprecedented", "cautious", "belated", "tentative", "sweeping", "narrow")
_NOUNS = ("compromise", "crackdown", "deal", "reshuffle", "standoff", "ceasefire", "boycott", "inquiry",
          "deployment", "walkout", "audit", "blockade", "amnesty", "referendum", "strike", "sanction")
_WHEN = ("on Monday", "on Tuesday", "late on Wednesday", "early Thursday", "on Friday", "over the weekend",
         "last month", "this week", "in March", "before dawn", "after midnight", "by the end of the year")
_TEMPLATES = (
    "{A} {verb} {when} that {topic} would not survive a {adj} {noun} in {place}.",
    "According to people close to {a}, {topic} was rewritten twice before the {noun} was announced.",
    "Officials in {place} said {num} {unit} were involved, a figure {a} did not dispute.",
    "The {adj} {noun} left {a} with fewer allies than at any point since {topic} was signed.",
    "{A} {verb} that the {noun} over {topic} was {adj} and would be reviewed {when}.",
    "Diplomats who met {a} {when} described the mood in {place} as {adj} but not hostile.",
    "By one estimate, {num} {unit} were recorded in {place} {when}, well above the usual level.",
    "Critics of {a} say the {noun} shows how {adj} the consensus on {topic} has become.",
    "Neither {a} nor {b} has explained who will pay for {topic} if the {noun} drags on.",
    "In private, aides to {A} admit the {noun} in {place} was more {adj} than planned.",
    "A spokesman for {a} {verb} {when} that {num} {unit} was the correct figure.",
    "The dispute over {topic} pits {A} against {B}, whose supporters gathered in {place} {when}.",
    "Analysts note that a {adj} {noun} rarely holds once {topic} is back on the agenda.",
    "{A} and {b} spoke by phone {when}, their first contact since the {noun} in {place}.",
)


def _actors(rng: random.Random, count: int = ACTORS) -> list[dict]:
    if count > len(_SYL1) * len(_SYL2) * len(_SYL3) * 0.75:
        raise ValueError(f"at most {int(len(_SYL1) * len(_SYL2) * len(_SYL3) * 0.75)} synthetic actors")
    names, actors = set(), []
    while len(actors) < count:
        surname = rng.choice(_SYL1) + rng.choice(_SYL2) + rng.choice(_SYL3)
        if surname in names:
            continue
        names.add(surname)
        index = len(actors)
        if index % 10 == 9:  # every tenth is an organization, named after its founder
            name, kind, role = f"{surname} {rng.choice(_ORG)}", "organization", "Organization in the region"
        else:
            name, kind, role = f"{rng.choice(_GIVEN)} {surname}", "person", f"Official no. {index}"
        actor_id = name.lower().replace(" ", "-")
        actors.append({"id": actor_id, "name": name, "kind": kind, "role": role, "aliases": [surname],
                       "surname": surname})
    return actors


def _sentence(rng: random.Random, cast: list[dict], numbers: list) -> str:
    first, second = rng.sample(cast, 2)
    unit = rng.choice(_UNITS)
    num = rng.randrange(100, 90000)
    text = rng.choice(_TEMPLATES).format(
        A=first["name"], a=first["surname"], B=second["name"], b=second["surname"],
        verb=rng.choice(_VERBS), when=rng.choice(_WHEN), topic=rng.choice(_TOPICS), place=rng.choice(_PLACES),
        adj=rng.choice(_ADJS), noun=rng.choice(_NOUNS), num=f"{num:,}", unit=unit[0])
    if f"{num:,}" in text:
        numbers.append((text, num, unit[1]))
    return text


def _article(rng: random.Random, index: int, actors: list[dict]) -> dict:
    cast = rng.sample(actors, rng.randrange(3, 9))
    sentences: list[str] = []
    numbers: list = []
    paragraphs = [f"{cast[0]['name']} {rng.choice(_VERBS)} {rng.choice(_WHEN)} that {rng.choice(_TOPICS)} "
                  f"was on the table again, as talks with {cast[1]['name']} resumed in {rng.choice(_PLACES)}."]
    words = len(paragraphs[0].split())
    while words < WORDS:
        roll = rng.random()
        if roll < 0.08:
            items = [_sentence(rng, cast, numbers) for _ in range(3)]
            paragraphs.append("\n".join(f"- {item}" for item in items))
            words += sum(len(item.split()) for item in items)
            continue
        body = [_sentence(rng, cast, numbers) for _ in range(rng.randrange(3, 6))]
        sentences.extend(body)
        words += sum(len(s.split()) for s in body)
        text = " ".join(body)
        paragraphs.append(f"> {text}" if roll < 0.14 else text)
    numbers = [item for item in numbers if item[0] in sentences]  # quotes only from plain paragraphs
    day = dt.date(2021, 1, 1) + dt.timedelta(days=index % 700)
    title = f"{cast[0]['surname']} and the {rng.choice(_ADJS)} {rng.choice(_NOUNS)} over {rng.choice(_TOPICS)[4:]}"
    return {"slug": f"story-{index:05d}", "title": title, "outlet": rng.choice(_OUTLETS),
            "author": f"{rng.choice(_GIVEN)} {rng.choice(_SYL1)}{rng.choice(_SYL3)}", "published": day.isoformat(),
            "kind": rng.choice(("news", "news", "analysis", "opinion", "blog")), "body": "\n\n".join(paragraphs) + "\n",
            "sentences": sentences, "numbers": numbers, "cast": [a["id"] for a in cast]}


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid YAML double-quoted scalar


def generate(n: int, seed: int = 7, actors: int = ACTORS) -> dict:
    """The synthetic briefing as plain data (deterministic in n, seed and actors)."""
    rng = random.Random(f"{seed}-{n}-{actors}")
    actors = _actors(rng, actors)
    articles = [_article(rng, i, actors) for i in range(n)]
    return {"actors": actors, "articles": articles, "rng": rng}


def _write_content(content: Path, data: dict, n: int) -> None:
    rng, actors, articles = data["rng"], data["actors"], data["articles"]
    ids = [a["id"] for a in actors]
    (content / "articles").mkdir(parents=True)
    for art in articles:
        (content / "articles" / f"{art['slug']}.md").write_text(
            f"---\ntitle: {_q(art['title'])}\noutlet: {art['outlet']}\nauthor: {art['author']}\n"
            f"published: {art['published']}\nkind: {art['kind']}\n---\n{art['body']}", encoding="utf-8")
    out = []
    for i, actor in enumerate(actors):
        out.append(f"- id: {actor['id']}\n  name: {actor['name']}\n  kind: {actor['kind']}\n  role: {actor['role']}\n"
                   f"  aliases: [{actor['surname']}]\n  summary: >-\n    A figure in the synthetic briefing; "
                   f"often seen with [[{ids[(i + 1) % len(ids)]}]].\n")
        if i % 3 == 0:
            out.append(f"  related:\n    - rival-of: {ids[(i + 7) % len(ids)]}\n")  # the README's form: no warning
    (content / "actors.yaml").write_text("".join(out), encoding="utf-8")

    with_numbers = [a for a in articles if a["numbers"]]
    out = []
    for i in range(max(1, n // 10)):
        out.append(f"- id: figure-{i:05d}\n  label: Reported count no. {i}\n  unit: units\n  reports:\n")
        for art in rng.sample(with_numbers, min(len(with_numbers), rng.randrange(1, 4))):
            sentence, value, _unit = rng.choice(art["numbers"])
            out.append(f"    - value: {value}\n      article: {art['slug']}\n      quote: {_q(sentence)}\n")
        out.append(f"  note: Reports differ; see [[article:{articles[i % n]['slug']}]].\n")
    (content / "figures.yaml").write_text("".join(out), encoding="utf-8")

    out = []
    for i in range(max(1, n // 20)):
        cast = rng.sample(ids, 2)
        out.append(f"- id: question-{i:05d}\n  question: Will the dispute no. {i} be settled this year?\n"
                   f"  summary: >-\n    Turns on [[{cast[0]}]] and [[{cast[1]}]].\n  actors: [{cast[0]}, {cast[1]}]\n"
                   f"  evidence:\n")
        for art in rng.sample(articles, min(n, rng.randrange(2, 5))):
            out.append(f"    - article: {art['slug']}\n      quote: {_q(rng.choice(art['sentences']))}\n"
                       f"      leans: \"{rng.choice(('yes', 'no', 'unclear'))}\"\n")
        out.append(f"  watch:\n    - A statement by [[{cast[0]}]].\n    - Movement in [[{cast[1]}]]'s camp.\n")
    (content / "questions.yaml").write_text("".join(out), encoding="utf-8")

    out = []
    for i in range(max(1, n // 10)):
        art = rng.choice(articles)
        day = dt.date(2021, 1, 1) + dt.timedelta(days=rng.randrange(700))
        date = day.isoformat() if i % 7 else day.isoformat()[:7]
        out.append(f"- id: event-{i:05d}\n  date: {date}\n  event: \"[[{art['cast'][0]}]] makes move no. {i}.\"\n"
                   f"  actors: [{art['cast'][0]}]\n")
        if i % 4:
            out.append(f"  source: {{article: {art['slug']}, quote: {_q(rng.choice(art['sentences']))}}}\n")
    (content / "timeline.yaml").write_text("".join(out), encoding="utf-8")

    judgments = []
    for likelihood in ("likely", "roughly even chance", "unlikely"):
        art = rng.choice(articles)
        judgments.append(f"  - text: \"[[{art['cast'][0]}]] keeps the upper hand.\"\n    likelihood: {likelihood}\n"
                         f"    confidence: moderate\n    evidence:\n      - article: {art['slug']}\n"
                         f"        quote: {_q(rng.choice(art['sentences']))}\n")
    (content / "briefing.yaml").write_text(
        f"title: Synthetic briefing of {n} articles\nsubtitle: Generated by bench/synthetic.py\nas_of: 2022-12-31\n"
        f"base_url: https://example.org/bench/\nbottom_line: >-\n  A benchmark briefing; [[{ids[0]}]] features "
        f"in [[article:{articles[0]['slug']}]] and [[figure:figure-00000]].\nkey_judgments:\n" + "".join(judgments),
        encoding="utf-8")


_HUGO_SINGLE = ('<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>'
                '<body><main data-pagefind-body><h1>{{ .Title }}</h1><p>{{ .Params.outlet }}, {{ .Date.Format "2 January 2006" }}</p>'
                '{{ .Content }}</main></body></html>\n')
_HUGO_LIST = ('<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>'
              '<body><main><h1>{{ .Title }}</h1><ul>{{ range .RegularPagesRecursive }}'
              '<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></main></body></html>\n')


def _write_hugo(root: Path, data: dict, n: int) -> None:
    (root / "content" / "articles").mkdir(parents=True)
    (root / "layouts" / "_default").mkdir(parents=True)
    (root / "hugo.toml").write_text(
        f'baseURL = "https://example.org/bench/"\ntitle = "Synthetic briefing of {n} articles"\n'
        'disableKinds = ["taxonomy", "term"]\nuglyURLs = true\n', encoding="utf-8")
    (root / "layouts" / "_default" / "single.html").write_text(_HUGO_SINGLE, encoding="utf-8")
    (root / "layouts" / "_default" / "list.html").write_text(_HUGO_LIST, encoding="utf-8")
    (root / "content" / "_index.md").write_text(f"---\ntitle: Synthetic briefing of {n} articles\n---\n", encoding="utf-8")
    (root / "content" / "articles" / "_index.md").write_text("---\ntitle: Articles\n---\n", encoding="utf-8")
    for art in data["articles"]:
        (root / "content" / "articles" / f"{art['slug']}.md").write_text(
            f"---\ntitle: {_q(art['title'])}\noutlet: {art['outlet']}\ndate: {art['published']}\n---\n{art['body']}",
            encoding="utf-8")


def _write_mkdocs(root: Path, data: dict, n: int) -> None:
    (root / "docs" / "articles").mkdir(parents=True)
    # The nav names only the home page: an automatic nav of every article would be put in
    # every page (quadratic output); the home page lists the articles instead, as ours does.
    (root / "mkdocs.yml").write_text(
        f"site_name: Synthetic briefing of {n} articles\ntheme:\n  name: mkdocs\nplugins: []\n"
        "use_directory_urls: false\nnav:\n  - Home: index.md\n", encoding="utf-8")
    index = [f"# Synthetic briefing of {n} articles\n\n"]
    for art in data["articles"]:
        index.append(f"- [{art['title']}](articles/{art['slug']}.md)\n")
        (root / "docs" / "articles" / f"{art['slug']}.md").write_text(
            f"# {art['title']}\n\n{art['outlet']}, {art['published']}\n\n{art['body']}", encoding="utf-8")
    (root / "docs" / "index.md").write_text("".join(index), encoding="utf-8")


def write_all(out_dir: Path, n: int, seed: int = 7, actors: int = ACTORS, *,
              peers: tuple[str, ...] = ("hugo", "mkdocs"), templates: Path | None = None) -> dict[str, Path]:
    """Write out_dir/briefing and out_dir/<peer> for each of peers afresh; returns those folders
    by tool name. The briefing gets a copy of templates (default: this repository's)."""
    out_dir = Path(out_dir)
    shutil.rmtree(out_dir, ignore_errors=True)
    data = generate(n, seed, actors)
    folders = {"briefing": out_dir / "briefing"}
    _write_content(folders["briefing"] / "content", data, n)
    shutil.copytree(templates or REPO / "templates", folders["briefing"] / "templates")
    for peer, writer in (("hugo", _write_hugo), ("mkdocs", _write_mkdocs)):
        if peer in peers:
            folders[peer] = out_dir / peer
            writer(folders[peer], data, n)
    return folders
