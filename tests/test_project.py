"""Project set-up a new user depends on: README example, dependency lists, CLI, report."""

from __future__ import annotations

import json
import os
import re
import tomllib

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


def _readme_code(heading: str, block: int = 0) -> str:
    section = (ROOT / "README.md").read_text().split(heading, 1)[1].split("\n## ", 1)[0]
    return section.split("```python")[block + 1].split("```", 1)[0]


def test_readme_response_and_weights_example_runs_as_written():
    namespace: dict = {}
    exec(compile(_readme_code("## Response, sample flow"), "README.md", "exec"), namespace)
    survey = namespace["survey"]
    status = survey.response_status().astype(str)
    answered = status.isin(["Gjennomført", "Noen svar"])
    enough = survey.data[["b1_1", "b1_2", "b1_3"]].notna().sum(axis=1) >= 1.5
    assert namespace["flow"].survey.n == int((answered & enough).sum()) == 190
    assert namespace["weights"].converged


def test_readme_rounds_and_duckdb_examples_run_as_written(tmp_path, monkeypatch):
    # reading rounds never writes: the example project is read where it lies
    monkeypatch.chdir(tmp_path)  # the DuckDB example writes runder/ into the working folder
    namespace: dict = {}
    exec(compile(_readme_code("## Survey rounds"), "README.md", "exec"), namespace)
    assert list(namespace["stacked"].data["round"].cat.categories) == ["2025", "2026"]
    exec(compile(_readme_code("## Survey rounds", 1), "README.md", "exec"), namespace)
    assert (tmp_path / "runder" / "_codebook.json").is_file()
    exec(compile(_readme_code("## Survey rounds", 2), "README.md", "exec"), namespace)
    shown = namespace["con"].sql("SELECT DISTINCT b1_1 FROM runder ORDER BY b1_1").fetchall()
    assert shown[0] == ("Helt uenig",)
