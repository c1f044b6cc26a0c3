"""The project as a contributor and a deploy meet it: types that check, a light install, tests that collect."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TEST_TOOLS = {"pytest", "playwright", "lxml", "mypy", "zizmor", "jsonschema"}


def _pyproject() -> dict:
    return tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))


def _names(requirements: list[str]) -> set[str]:
    return {re.split(r"[\[=<>~! ]", requirement, maxsplit=1)[0].lower() for requirement in requirements}


def test_the_engine_type_checks_strictly() -> None:
    done = subprocess.run([sys.executable, "-m", "mypy"], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr


def test_every_dependency_is_pinned_and_a_deploy_installs_no_test_tool() -> None:
    project = _pyproject()["project"]
    runtime, test = project["dependencies"], project["optional-dependencies"]["test"]
    assert all("==" in requirement for requirement in runtime + test)
    assert not _names(runtime) & TEST_TOOLS
    assert "pytest" in _names(test) and "playwright" in _names(test)
    netlify = tomllib.loads((REPO / "netlify.toml").read_text(encoding="utf-8"))["build"]["command"]
    pages = (REPO / ".github/workflows/pages.yml").read_text(encoding="utf-8")
    for command in (netlify, *re.findall(r"run: (.*pip install.*)", pages)):
        assert re.search(r"pip install \.(\s|$)", command), command  # the project alone, no [test] extra


def test_plain_pytest_collects_without_installing_the_package(tmp_path: Path) -> None:
    pytest = Path(sys.executable).with_name("pytest")
    done = subprocess.run([str(pytest), "--collect-only", "-q", "-p", "no:cacheprovider", "tests/test_markup.py"],
                          cwd=REPO, capture_output=True, text=True, timeout=120,
                          env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)})
    assert done.returncode == 0, done.stdout + done.stderr
    assert re.search(r"\d+ tests? collected", done.stdout)
