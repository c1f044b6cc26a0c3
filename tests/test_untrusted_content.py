"""Everything an editor writes is untrusted: no script, handler, unsafe URL or frame reaches a page."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

from conftest import MINIMAL, run_build, write_tree
from html_pages import read_page

PAYLOAD = ('<script>alert(1)</script><img src=x onerror=alert(2)><iframe src="https://evil.example"></iframe>'
           '<object data="x"></object> [click](javascript:alert(3)) [data](data:text/html;base64,PHNjcmlwdD4=) '
           '<a href="javascript:alert(4)">a</a> ![i](javascript:alert(5))')
YAML_PAYLOAD = PAYLOAD.replace('"', '\\"')


def _poison(originals: dict[str, str]) -> dict[str, str]:
    files = {name: textwrap.dedent(text).lstrip("\n") for name, text in originals.items()}
    poisoned = dict(files)
    p = YAML_PAYLOAD
    poisoned["briefing.yaml"] = files["briefing.yaml"].replace("title: Test briefing", f'title: "T {p}"') \
        .replace("subtitle: A small one", f'subtitle: "S {p}"') \
        .replace("bottom_line: The", f'bottom_line: "{p}" \n        # The') \
        .replace("text: Alpha will hold.", f'text: "Alpha will hold. {p}"')
    poisoned["actors.yaml"] = files["actors.yaml"].replace("name: Alpha Person", f'name: "Alpha Person {p}"') \
        .replace("role: Leader of Alphaland", f'role: "Leader {p}"').replace("aliases: [Alpha]", f'aliases: [Alpha, "{p}"]') \
        .replace("summary: Leads [[beta]].", f'summary: "Leads [[beta]]. {p}"').replace("relation: rival", f'relation: "rival {p}"')
    poisoned["figures.yaml"] = files["figures.yaml"].replace("label: Number of troops", f'label: "Number {p}"') \
        .replace("unit: troops", f'unit: "troops {p}"') + f'  note: "{p}"\n'
    poisoned["questions.yaml"] = files["questions.yaml"].replace("question: Will Alpha hold?", f'question: "Will? {p}"') \
        .replace("summary: Perhaps.", f'summary: "Perhaps. {p}"').replace("- Whether [[beta]] moves.", f'- "Whether {p}"')
    poisoned["timeline.yaml"] = files["timeline.yaml"].replace("event: Troops land.", f'event: "Troops land. {p}"')
    poisoned["articles/one.md"] = files["articles/one.md"].replace("title: First report", f'title: "First {p}"') \
        .replace("outlet: Daily One", f'outlet: "Daily {p}"').replace("author: A. Writer", f'author: "W {p}"') \
        + f"\n{PAYLOAD}\n\n<div onclick=alert(6)>raw html block</div>\n"
    return poisoned


def test_script_in_every_content_field_is_neutralised(tmp_path: Path):
    project = tmp_path / "p"
    write_tree(project / "content", _poison(MINIMAL))
    shutil.copytree(Path(__file__).resolve().parent.parent / "templates", project / "templates")
    result = run_build(project)
    assert result.returncode == 0, result.stderr
    pages = list((project / "site").rglob("*.html"))
    assert len(pages) >= 10
    shown = 0
    for page in pages:
        facts = read_page(page)
        for tag, attributes in facts.tags:
            if tag == "script" and attributes.get("src", "").endswith("static/site.js") and set(attributes) == {"src", "defer"}:
                continue  # the site's own search script, the one script a page may load
            assert tag not in ("script", "iframe", "object", "embed"), f"{page.name}: <{tag}>"
            for name, value in attributes.items():
                assert not name.startswith("on"), f"{page.name}: <{tag} {name}=...>"
                if name in ("href", "src", "data", "action", "cite"):
                    assert not (value or "").strip().lower().startswith(("javascript:", "data:", "vbscript:")), f"{page.name}: {name}={value}"
        if "<script>alert(1)</script>" in facts.text:
            shown += 1  # the payload is still there for the reader to see, as text
    assert shown >= 8
