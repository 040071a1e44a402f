"""What `make report` does after the build: the example draft, checked, every planted
error found and no correct statement flagged (toolkit.check.example fails otherwise)."""

from __future__ import annotations

import pytest

from tests.conftest import copy_build
from toolkit.check import check_draft
from toolkit.check.example import main, planted


@pytest.mark.slow
def test_example_draft_findings_are_the_planted_errors(
    example_build, example_project_copy, tmp_path, capsys
):
    # the shared build of the example (a copy of the project: nothing written into the clone)
    copy_build(example_build, tmp_path)
    config = example_project_copy
    export = config.parent / "surveys/2026/ledere_2026.xlsx"
    arguments = ["--build", str(tmp_path), "--survey", str(export)]
    assert main([*arguments, "--config", str(config)]) == 0, capsys.readouterr().err
    assert (tmp_path / "utkast.docx").is_file() and (tmp_path / "utkast-kontroll.html").is_file()
    findings = check_draft(
        tmp_path / "utkast.docx",
        survey=export,
        claims=tmp_path / "claims.json",
        config=config,
    )
    from toolkit.check.example import _Registry

    problems = findings.problems
    assert dict(zip(problems["claim"], problems["kind"], strict=True)) == planted(
        _Registry(tmp_path / "claims.json")
    )
    assert findings.counts()["ok"] >= 10 and findings.exit_code == 1
