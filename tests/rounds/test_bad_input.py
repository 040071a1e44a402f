"""Every bad project gives a ToolkitError naming the file, the key and its line."""

from __future__ import annotations

import shutil

import pytest

from tests.conftest import small_tables
from tests.rounds.builders import project, rename_variable, write_round
from toolkit import read_rounds
from toolkit.errors import ConfigError, ExportFormatError, MissingFileError

RENAME = '[[decisions]]\nkind = "rename"\nold = "{old}"\nnew = "{new}"\nstatus = "confirmed"\n'


def _config(surveys, text: str, order='["2025", "2026"]') -> None:
    (surveys / "rounds.toml").write_text(f"[rounds]\norder = {order}\n\n{text}", encoding="utf-8")


def test_a_round_folder_without_an_export(tmp_path):
    surveys = project(tmp_path)
    shutil.rmtree(surveys / "2025" / "eksport")
    (surveys / "2025" / "notater.txt").write_text("x")
    with pytest.raises(ConfigError) as caught:
        read_rounds(surveys)
    message = str(caught.value)
    assert "rounds.toml" in message and "line 2, key 'order'" in message
    assert "round '2025' in rounds.toml: the round folder 2025/ holds no SurveyXact export" in (
        message
    )
    assert "found: notater.txt" in message and "toolkit import-round" in message


def test_two_exports_in_one_round_folder(tmp_path):
    surveys = project(tmp_path)
    write_round(surveys / "2026", small_tables(), "xlsx")
    with pytest.raises(ConfigError, match="holds 2 exports") as caught:
        read_rounds(surveys)
    assert "found: eksport.xlsx, eksport" in str(caught.value)
    (surveys / "rounds.toml").unlink()  # without rounds.toml the folder is read directly
    with pytest.raises(ExportFormatError, match="exactly one export per round"):
        read_rounds(surveys)["2026"]


def test_a_round_listed_in_order_that_has_no_folder(tmp_path):
    surveys = project(tmp_path)
    _config(surveys, "", order='["2024", "2025", "2026"]')
    with pytest.raises(ConfigError, match=r"round '2024' in rounds\.toml: no round folder 2024/"):
        read_rounds(surveys)


def test_a_round_name_reused(tmp_path):
    surveys = project(tmp_path)
    _config(surveys, "", order='["2025", "2026", "2025"]')
    with pytest.raises(ConfigError, match="a round is listed twice in order") as caught:
        read_rounds(surveys)
    assert "line 2" in str(caught.value)


def test_a_decision_for_a_round_that_does_not_exist(tmp_path):
    surveys = project(tmp_path)
    _config(
        surveys,
        '[[decisions]]\nkind = "same"\nvariable = "ja"\nround = "2023"\nstatus = "confirmed"\n',
    )
    with pytest.raises(ConfigError, match=r"names the round\(s\) \['2023'\]") as caught:
        read_rounds(surveys)
    assert "line 7, key 'round'" in str(caught.value)


def test_a_decision_for_a_variable_that_does_not_exist(tmp_path):
    surveys = project(tmp_path)
    _config(surveys, '[[decisions]]\nkind = "same"\nvariable = "jaa"\nstatus = "confirmed"\n')
    with pytest.raises(ConfigError, match="'jaa' is not a variable of any round") as caught:
        read_rounds(surveys)
    assert "line 6, key 'variable'" in str(caught.value)


def test_a_recode_to_a_label_that_does_not_exist(tmp_path):
    surveys = project(tmp_path)
    _config(
        surveys,
        '[[decisions]]\nkind = "recode"\nvariable = "ja"\nstatus = "confirmed"\n'
        'map = { "Usikker" = "Kanskje" }\n',
    )
    with pytest.raises(ConfigError, match="maps to 'Kanskje', which is not a label") as caught:
        read_rounds(surveys)
    message = str(caught.value)
    assert "line 8, key 'map'" in message and "'Ja', 'Nei', 'Vet ikke'" in message


def test_a_rename_that_collides(tmp_path):
    # 2025 has q_1 and q_2; renaming q_2 onto q_1 would give two q_1 in 2025
    surveys = project(tmp_path, new=rename_variable(small_tables(), "q_2", "q_9"))
    _config(surveys, RENAME.format(old="q_2", new="q_1"))
    with pytest.raises(ConfigError, match="round 2025 already has a variable 'q_1'") as caught:
        read_rounds(surveys)
    assert "line 7, key 'new'" in str(caught.value)
    _config(
        surveys, RENAME.format(old="q_2", new="q_9") + "\n" + RENAME.format(old="q_1", new="q_9")
    )
    with pytest.raises(ConfigError, match="two renames give 'q_9' in round 2025"):
        read_rounds(surveys)


def test_a_rename_from_a_name_no_round_has(tmp_path):
    surveys = project(tmp_path, new=rename_variable(small_tables(), "q_2", "q_9"))
    _config(surveys, RENAME.format(old="q_7", new="q_9"))
    with pytest.raises(ConfigError, match="old name 'q_7' is in no earlier round"):
        read_rounds(surveys)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[rounds\norder = 1\n", "not valid TOML"),
        ('[rounds]\norder = "2025"\n', "order"),
        ('[rounds]\norder = ["2025", "2026"]\n[[decisions]]\nkind = "merge"\n', "kind"),
        ('[rounds]\norder = ["2025", "2026"]\n[[decisions]]\nkind = "same"\n', "variable"),
        (
            '[rounds]\norder = ["2025", "2026"]\n[[decisions]]\nkind = "same"\nvariable = "ja"\n'
            'status = "ok"\n',
            "status",
        ),
    ],
)
def test_malformed_rounds_toml(tmp_path, text, message):
    surveys = project(tmp_path)
    (surveys / "rounds.toml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=message) as caught:
        read_rounds(surveys)
    assert "rounds.toml" in str(caught.value)


def test_no_project_folder(tmp_path):
    with pytest.raises(MissingFileError, match="is not a folder"):
        read_rounds(tmp_path / "nope")
