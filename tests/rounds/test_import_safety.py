"""Rounds that cannot half-import (issue 20): a kill while copying or before rounds.toml
is written leaves nothing or a rerun that completes; rounds.toml keeps its comments; the
same bytes under a new name, a cut file and a decision the new round cannot honour are
refused or stated; rounds.toml refuses typos, contradictions and paths out of the project."""

from __future__ import annotations

import tomllib

import pytest

from tests.conftest import small_tables
from tests.rounds.builders import write_round
from toolkit import read_rounds
from toolkit.errors import ConfigError, UsageError
from toolkit.rounds import importer
from toolkit.rounds.config import parse
from toolkit.rounds.importer import import_round


@pytest.fixture
def first(tmp_path):
    surveys = tmp_path / "surveys"
    import_round(surveys, write_round(tmp_path / "inbox" / "2025", small_tables()), "2025")
    return surveys


def _second(tmp_path, tables=None):
    tables = tables if tables is not None else small_tables()
    dataset = tables.dataset.copy()
    dataset.iloc[0, dataset.columns.get_loc("q_1")] = 1 if dataset.iloc[0]["q_1"] != 1 else 2
    tables = type(tables)(**{**vars(tables), "dataset": dataset})  # other bytes than 2025
    return write_round(tmp_path / "inbox" / "2026", tables)


def test_a_kill_while_copying_leaves_no_round_and_a_rerun_imports_it(first, tmp_path, monkeypatch):
    export = _second(tmp_path)

    def killed(*args, **kwargs):
        raise KeyboardInterrupt  # the process stops between the copy and the rename

    monkeypatch.setattr(importer.os, "replace", killed)
    with pytest.raises(KeyboardInterrupt):
        import_round(first, export, "2026")
    monkeypatch.undo()
    assert not (first / "2026").exists()  # nothing half there
    assert read_rounds(first).order == ["2025"]
    result = import_round(first, export, "2026")
    assert result.status == "imported"
    assert read_rounds(first).order == ["2025", "2026"]
    assert not list(first.glob(".importing-*"))


def test_a_kill_before_rounds_toml_is_written_is_completed_by_a_rerun(first, tmp_path, monkeypatch):
    export = _second(tmp_path)

    def killed(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(importer, "_update_config", killed)
    with pytest.raises(KeyboardInterrupt):
        import_round(first, export, "2026")
    monkeypatch.undo()
    assert (first / "2026").is_dir()
    result = import_round(first, export, "2026")  # once "already imported", never listed
    assert result.status == "imported"
    assert tomllib.loads((first / "rounds.toml").read_text())["rounds"]["order"] == [
        "2025",
        "2026",
    ]


def test_rounds_toml_keeps_its_comments_and_a_bracket_in_one(first, tmp_path):
    config = first / "rounds.toml"
    config.write_text(
        '# the rounds [in time order]\n[rounds]\norder = [\n    "2025",  # nullpunkt [første]\n]\n',
        encoding="utf-8",
    )
    import_round(first, _second(tmp_path), "2026")
    text = config.read_text(encoding="utf-8")
    assert "# nullpunkt [første]" in text and "# the rounds [in time order]" in text
    assert tomllib.loads(text)["rounds"]["order"] == ["2025", "2026"]


def test_the_same_bytes_under_a_new_name_are_refused(first, tmp_path):
    again = write_round(tmp_path / "inbox" / "kopi", small_tables())
    with pytest.raises(UsageError, match="round '2025' already"):
        import_round(first, again, "2026")
    assert not (first / "2026").exists()


def test_a_cut_file_and_a_decision_the_new_round_cannot_honour_are_stated(first, tmp_path):
    (first / "rounds.toml").write_text(
        '[rounds]\norder = ["2025"]\n\n[[decisions]]\nkind = "same"\nvariable = "ja"\n'
        'status = "confirmed"\n',
        encoding="utf-8",
    )
    tables = small_tables()
    half = len(tables.dataset) // 2  # a file cut at a row boundary
    cut = type(tables)(**{**vars(tables), "dataset": tables.dataset.iloc[:half].drop(columns="ja")})
    structure = cut.structure[cut.structure["variableName"] != "ja"]
    labels = cut.labels[cut.labels["variable"] != "ja"]
    cut = type(tables)(**{**vars(cut), "structure": structure, "labels": labels})
    result = import_round(first, write_round(tmp_path / "inbox" / "cut", cut), "2026")
    summary = result.summary()
    assert f"{half} respondents, against {len(tables.dataset)}" in summary
    assert "'same ja' (rounds.toml line 4) names ja" in summary


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('[rounds]\norder = ["2025"]\n\n[[decision]]\nkind = "same"\nvariable = "a"\n', "decision"),
        ('[rounds]\norder = ["../../etc"]\n', "not a round folder"),
        ('[rounds]\norder = ["2025"]\nordre = ["x"]\n', "ordre"),
        (
            '[rounds]\norder = ["2025"]\n\n[[decisions]]\nkind = "same"\nvariable = "a"\n'
            'status = "confirmed"\n\n[[decisions]]\nkind = "exclude"\nvariable = "a"\n'
            'status = "confirmed"\n',
            "both excluded and kept",
        ),
        (
            '[rounds]\norder = ["2025"]\n\n[[decisions]]\nkind = "same"\nvariable = "a"\n'
            'note = { nb = "Samme", de = "Gleich" }\n',
            "one text per report language",
        ),
    ],
)
def test_rounds_toml_refuses_typos_contradictions_and_paths(text, expected):
    with pytest.raises(ConfigError, match=expected) as error:
        parse(text, file="rounds.toml")
    assert "line" in str(error.value)


def test_a_note_per_language_is_read_in_the_report_language():
    text = (
        '[rounds]\norder = ["2025"]\n\n[[decisions]]\nkind = "same"\nvariable = "a"\n'
        'note = { nb = "Samme spørsmål", en = "The same question" }\n\n'
        '[[decisions]]\nkind = "exclude"\nvariable = "b"\nnote = "Ikke sammenlignbart"\n'
    )
    first, second = parse(text, file="rounds.toml").decisions
    assert (first.note_in("en"), first.note_in("nn"), first.note_in()) == (
        "The same question",
        "Samme spørsmål",  # nynorsk not given: bokmål
        "Samme spørsmål",
    )
    assert second.note_in("en") == "Ikke sammenlignbart"  # one text: the researcher's words


def test_the_report_table_of_decisions_speaks_the_report_language():
    from types import SimpleNamespace

    from toolkit.report.sections.rounds import decisions_table

    text = (
        '[rounds]\norder = ["2025"]\n\n[[decisions]]\nkind = "same"\nvariable = "a"\n'
        'note = "proposed: wording changed (question text)"\n\n'
        '[[decisions]]\nkind = "exclude"\nvariable = "b"\nstatus = "confirmed"\n'
        'note = { nb = "Ikke sammenlignbart", en = "Not comparable" }\n'
    )
    rounds = SimpleNamespace(config=parse(text, file="rounds.toml"))
    english = decisions_table(rounds, "en").frame
    assert english["Note"].tolist() == [
        "Proposed by toolkit import-round; waiting for a decision.",
        "Not comparable",
    ]
    norwegian = decisions_table(rounds, "nb").frame
    assert norwegian["Merknad"].tolist()[0].startswith("Foreslått av toolkit import-round")


def _sha256s(folder):
    import hashlib

    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.mark.parametrize("stage", ["read", "copying", "copied", "moved", "compared", "listed"])
def test_import_round_killed_at_every_stage_loses_nothing_and_a_rerun_completes(
    first, tmp_path, stage
):
    """A real process killed (SIGKILL) at each stage boundary of `toolkit import-round`:
    the export is unchanged, the project is never half-listed, and the same command run
    again leaves the round imported once, whole, its files equal to the export's."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    export = _second(tmp_path)
    before = _sha256s(export)
    script = str(Path(sys.executable).parent / "toolkit")  # the installed command
    command = [script, "import-round", str(export), "--into", str(first), "--round", "2026"]
    env = {**os.environ, "TOOLKIT_TEST_KILL_AT": stage}
    killed = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    assert killed.returncode == -9, killed.stderr  # it was killed there
    assert _sha256s(export) == before
    listed = read_rounds(first).order
    assert listed in (["2025"], ["2025", "2026"])
    if listed == ["2025", "2026"]:  # listed only once the round is whole
        assert (first / "2026" / "SHA256SUMS").is_file()
    env.pop("TOOLKIT_TEST_KILL_AT")
    again = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    assert again.returncode == 0, again.stderr
    assert read_rounds(first).order == ["2025", "2026"]
    assert not list(first.glob(".importing-*"))
    copied = _sha256s(first / "2026" / export.name)
    assert sorted(copied.values()) == sorted(before.values())
