"""What `make report` does after the build: the example draft, checked, every planted
error found and no correct statement flagged (toolkit.check.example fails otherwise)."""

from __future__ import annotations

import pytest

from toolkit.check import check_draft
from toolkit.check.example import main, planted
from toolkit.data import example_config, example_round
from toolkit.report.build import build_report


@pytest.mark.slow
def test_example_draft_findings_are_the_planted_errors(tmp_path, capsys):
    build_report(example_round(), tmp_path, config=example_config(), progress=False)
    arguments = ["--build", str(tmp_path), "--survey", str(example_round())]
    assert main([*arguments, "--config", str(example_config())]) == 0, capsys.readouterr().err
    assert (tmp_path / "utkast.docx").is_file() and (tmp_path / "utkast-kontroll.html").is_file()
    findings = check_draft(
        tmp_path / "utkast.docx",
        survey=example_round(),
        claims=tmp_path / "claims.json",
        config=example_config(),
    )
    from toolkit.check.example import _Registry

    problems = findings.problems
    assert dict(zip(problems["claim"], problems["kind"], strict=True)) == planted(
        _Registry(tmp_path / "claims.json")
    )
    assert findings.counts()["ok"] >= 10 and findings.exit_code == 1
