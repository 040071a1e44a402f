"""Project set-up a new user depends on: README example, dependency lists, CLI, report."""

from __future__ import annotations

import json
import os
import re
import tomllib

import pytest

from tests.conftest import REAL_CSV, ROOT
from toolkit.cli import main


def _names(requirements: list[str]) -> set[str]:
    return {re.split(r"[<>=!~ \[]", r.strip(), maxsplit=1)[0].lower() for r in requirements}


def test_environment_yml_lists_the_runtime_dependencies_of_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    runtime = _names(project["dependencies"])
    dev = _names(project["optional-dependencies"]["dev"])
    text = (ROOT / "environment.yml").read_text().split("dependencies:", 1)[1]
    conda = {
        re.split(r"[<>=! ]", line.strip()[2:], maxsplit=1)[0].lower()
        for line in text.splitlines()
        if re.match(r"^  - [a-z]", line) and not line.rstrip().endswith(":")
    }
    assert runtime | dev <= conda
    assert conda - runtime - dev <= {"python", "pip"}


def test_readme_starts_with_the_two_commands():
    readme = (ROOT / "README.md").read_text()
    block = readme.split("```sh", 1)[1].split("```", 1)[0]
    assert [line.split()[1] for line in block.strip().splitlines()] == ["report", "test"]


def test_readme_notebook_example_runs_as_written():
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## In a notebook", 1)[1]
    code = section.split("```python", 1)[1].split("```", 1)[0]
    assert len([line for line in code.splitlines() if line.strip()]) == 5
    namespace: dict = {}
    cwd = os.getcwd()
    try:
        os.chdir(ROOT)
        exec(compile(code, "README.md", "exec"), namespace)
    finally:
        os.chdir(cwd)
    assert namespace["survey"].n == 258


def test_cli_inspect_prints_an_overview(capsys):
    assert main(["inspect", str(REAL_CSV)]) == 0
    out = capsys.readouterr().out
    assert "respondents      999" in out
    assert "separator ;" in out and "cp1252" in out
    assert re.search(r"single\s+\d+ questions\s+202 variables", out)


def test_cli_inspect_json(capsys):
    assert main(["inspect", str(ROOT / "surveys/2026/ledere_2026.xlsx"), "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["respondents"] == 258
    assert info["questions_by_type"]["single"] == {"questions": 5, "variables": 17}
    assert info["personal_variables"] == ["name", "email"]
    assert info["unknown_codes"] == {}


def test_cli_errors_read_like_advice(tmp_path, capsys):
    assert main(["inspect", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("toolkit: cannot tell which export")
    assert "what to do:" in err


@pytest.mark.slow
def test_report_builds_html_and_manifest(tmp_path):
    from toolkit.report.build import build_report

    survey = ROOT / "surveys/2026/ledere_2026.xlsx"
    out = build_report(
        ROOT / "notebooks/report.ipynb",
        tmp_path / "report.html",
        parameters={"survey_path": str(survey)},
        progress=False,
    )
    html = out.read_text()
    assert "Respondenter:</strong> 258 (N=258)" in html  # rewritten with issue 10
    assert "(N=177–184)" in html or "(N=" in html
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    assert {f["path"].rsplit("/", 1)[1] for f in manifest["inputs"]} == {"ledere_2026.xlsx"}


def test_cli_inspect_describes_a_corpus(capsys):
    assert main(["inspect", str(ROOT / "transcripts/nav2026/prosjekt.qdpx"), "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert (info["documents"], info["segments"], info["format"]) == (18, 105, "refi-qda")
    assert info["segments_per_code"]["Tid/Arbeidspress"] == 19
    assert "Veileder 3" in info["speakers"]


def test_readme_corpus_example_runs_as_written():
    section = (ROOT / "README.md").read_text().split("## Coded interviews", 1)[1]
    code = section.split("```python", 1)[1].split("```", 1)[0]
    namespace: dict = {}
    exec(compile(code, "README.md", "exec"), namespace)
    assert len(namespace["corpus"].segments) == 105


def test_readme_themes_example_runs_as_written():
    section = (ROOT / "README.md").read_text().split("## Themes", 1)[1]
    code = section.split("```python", 1)[1].split("```", 1)[0]
    namespace: dict = {}
    exec(compile(code, "README.md", "exec"), namespace)
    assert namespace["themes"]["n"].sum() > 0
