"""Importing a round: validated, copied in read-only with checksums, compared, proposals
appended; the same bytes again is a no-op, other bytes under a used name are refused, and
nothing already in the project is modified."""

from __future__ import annotations

import hashlib
import stat
import tomllib

import pytest
from openpyxl import load_workbook

from tests.conftest import small_tables
from tests.rounds.builders import rename_variable, set_labels, set_text, write_round
from toolkit import read_rounds
from toolkit.cli import main
from toolkit.errors import MissingFileError, UsageError
from toolkit.rounds.importer import import_round


def _snapshot(folder) -> dict:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and ".cache" not in p.parts
    }


def _new_round():
    new = rename_variable(small_tables(), "q_2", "q_9")
    new = set_text(new, "ja", "Har kontoret skriftlige rutiner?")
    return set_labels(new, "m_1", [(0, "Ikke valgt"), (1, "Valgt"), (2, "Vet ikke")])


@pytest.fixture
def first(tmp_path):
    surveys = tmp_path / "surveys"
    export = write_round(tmp_path / "inbox" / "2025", small_tables())
    result = import_round(surveys, export, "2025")
    assert result.status == "imported" and result.changes is None  # nothing to compare with
    return surveys


def test_first_round_is_copied_read_only_with_checksums(first):
    folder = first / "2025" / "eksport"
    assert sorted(p.name for p in folder.iterdir()) == [
        "dataset.csv",
        "labels.csv",
        "structure.csv",
    ]
    for path in folder.iterdir():
        assert not path.stat().st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)
    listed = dict(
        reversed(line.split("  "))
        for line in (first / "2025" / "SHA256SUMS").read_text().splitlines()
    )
    digest = hashlib.sha256((folder / "dataset.csv").read_bytes()).hexdigest()
    assert listed["eksport/dataset.csv"] == digest
    config = tomllib.loads((first / "rounds.toml").read_text(encoding="utf-8"))
    assert config["rounds"]["order"] == ["2025"]


def test_second_round_is_compared_and_proposals_appended(first, tmp_path):
    before = _snapshot(first / "2025")
    export = write_round(tmp_path / "inbox" / "2026", _new_round(), "xlsx")
    result = import_round(first, export, "2026")
    assert _snapshot(first / "2025") == before  # the earlier round is untouched
    assert (first / "2026" / "eksport.xlsx").is_file()
    changes = result.changes.set_index("new_variable")
    assert changes.at["q_9", "status"] == "renamed" and changes.at["ja", "status"] == "changed"
    assert sorted((d.kind, tuple(d.variables)) for d in result.proposals) == [
        ("recode", ("m_1",)),
        ("rename", ("q_9",)),
        ("same", ("ja",)),
    ]
    config = tomllib.loads((first / "rounds.toml").read_text(encoding="utf-8"))
    assert config["rounds"]["order"] == ["2025", "2026"]
    assert {d["status"] for d in config["decisions"]} == {"proposed"}
    markdown = (first / "endringer" / "2025-2026.md").read_text(encoding="utf-8")
    assert "| renamed | q\\_2 → q\\_9 | renamed from q\\_2 (similarity 1.00) |" in markdown
    sheet = load_workbook(first / "endringer" / "2025-2026.xlsx").active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("status", "old_variable", "new_variable")
    assert ("renamed", "q_2", "q_9") in {r[:3] for r in rows}
    # the stack waits for a person: proposals are open, nothing is guessed
    rounds = read_rounds(first)
    assert sorted(rounds.open_decisions()["kind"]) == ["recode", "rename", "same"]
    assert rounds.stack().data.loc[lambda d: d["round"] == "2025", "q_9"].isna().all()
    assert "imported" in result.summary() and "3 proposed decision(s)" in result.summary()


def test_the_same_bytes_again_is_a_no_op_that_says_so(first, tmp_path):
    before = _snapshot(first)
    export = write_round(tmp_path / "inbox" / "2025", small_tables())
    result = import_round(first, export, "2025")
    assert result.status == "already imported"
    assert _snapshot(first) == before


def test_other_bytes_under_an_existing_name_are_refused(first, tmp_path):
    before = _snapshot(first)
    export = write_round(tmp_path / "inbox" / "other", _new_round())
    with pytest.raises(UsageError, match="round '2025' already exists with other files") as caught:
        import_round(first, export, "2025")
    assert "never overwritten" in str(caught.value)
    assert _snapshot(first) == before


def test_an_export_that_does_not_load_is_not_imported(first, tmp_path):
    before = _snapshot(first)
    broken = tmp_path / "inbox" / "broken"
    broken.mkdir(parents=True)
    (broken / "dataset.csv").write_text("a;b\n1;2\n")
    with pytest.raises(MissingFileError, match=r"lacks labels\.csv, structure\.csv"):
        import_round(first, broken, "2026")
    assert _snapshot(first) == before and not (first / "2026").exists()


def test_a_bad_round_name_is_refused(first, tmp_path):
    export = write_round(tmp_path / "inbox" / "x", small_tables())
    for name in ("../2026", ".skjult", "2026/vår", ""):
        with pytest.raises(UsageError, match="is not a usable round name"):
            import_round(first, export, name)


def test_the_cli_imports_and_reports_errors_as_advice(first, tmp_path, capsys):
    export = write_round(tmp_path / "inbox" / "2026", _new_round())
    assert main(["import-round", str(export), "--into", str(first), "--round", "2026"]) == 0
    out = capsys.readouterr().out
    assert "round 2026: imported" in out and "change report:" in out
    assert main(["import-round", str(export), "--into", str(first), "--round", "2026"]) == 0
    assert "already imported" in capsys.readouterr().out
    other = write_round(tmp_path / "inbox" / "b", small_tables())
    assert main(["import-round", str(other), "--into", str(first), "--round", "2026"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("toolkit: round '2026' already exists") and "Traceback" not in err
    assert main(["rounds", str(first)]) == 0
    assert "3 decision(s) waiting for confirmation" in capsys.readouterr().out
