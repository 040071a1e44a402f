"""Outputs never overwrite inputs: each case that once lost a researcher's file is refused
before any work (exit 2, a clear message), and every input's bytes are unchanged."""

from __future__ import annotations

import hashlib
import shutil

import pytest

from tests.check import builders
from toolkit.cli import main
from toolkit.data import example_round


def _sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_check_never_writes_its_report_over_the_draft(tmp_path, capsys):
    draft = builders.write_md(tmp_path, "45 % er enige i at de har nok tid til oppgavene.\n")
    docx = tmp_path / "utkast.docx"
    docx.write_bytes(b"PK")  # a researcher's Word file beside it
    before = {p: _sha(p) for p in (draft, docx)}
    for target in (draft, docx, tmp_path / "kontroll.txt"):
        code = main(
            ["check", str(draft), "--survey", str(example_round()), "--report", str(target)]
        )
        assert code == 2
        assert "--report" in capsys.readouterr().err
    assert {p: _sha(p) for p in before} == before


def test_init_never_writes_over_the_export(tmp_path, capsys):
    export = shutil.copy(example_round(), tmp_path / "ledere.xlsx")
    before = _sha(export)
    code = main(["report", "--init", str(export), "--config", str(export), "--force"])
    assert code == 2 and "not a .toml file" in capsys.readouterr().err
    assert _sha(export) == before


@pytest.mark.parametrize("case", ["named-like-an-output", "its-own-folder", "rounds-project"])
def test_a_build_never_writes_over_or_beside_raw_data(tmp_path, capsys, case):
    if case == "named-like-an-output":
        out = tmp_path / "out"
        out.mkdir()
        export = shutil.copy(example_round(), out / "tabeller.xlsx")
    elif case == "its-own-folder":
        export = shutil.copy(example_round(), tmp_path / "ledere.xlsx")
        out = tmp_path
    else:
        (tmp_path / "surveys" / "2026").mkdir(parents=True)
        (tmp_path / "surveys" / "rounds.toml").write_text('order = ["2026"]\n')
        export = shutil.copy(example_round(), tmp_path / "surveys" / "2026" / "ledere.xlsx")
        out = tmp_path / "surveys" / "2026" / "rapport"
    before = {p: _sha(p) for p in tmp_path.rglob("*") if p.is_file()}
    assert main(["report", str(export), "--out", str(out), "--quiet"]) == 2
    assert "--out" in capsys.readouterr().err
    assert {p: _sha(p) for p in tmp_path.rglob("*") if p.is_file()} == before


def test_a_build_folder_beside_the_round_folders_is_fine(tmp_path):
    # rounds.toml at the project's root ([rounds] folder = "." by default): build/ beside
    # the round folders is not raw data, a round folder and the project's own folder are
    from toolkit.errors import UsageError
    from toolkit.report.build import _check_out

    (tmp_path / "2026").mkdir()
    (tmp_path / "rounds.toml").write_text('order = ["2026"]\n')
    export = shutil.copy(example_round(), tmp_path / "2026" / "ledere.xlsx")
    _check_out(export, tmp_path / "build")  # no error
    for refused in (tmp_path, tmp_path / "2026", tmp_path / "2026" / "rapport"):
        with pytest.raises(UsageError, match="raw-data folder"):
            _check_out(export, refused)
