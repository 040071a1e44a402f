"""compare_codebooks: one synthetic round pair per kind of change, no false positives,
and the real export read from xlsx and from CSV compares as unchanged."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.conftest import AGREE, REAL_CSV, REAL_XLSX, small_tables
from tests.rounds.builders import changed, rename_variable, set_labels, set_text, write_round
from toolkit import compare_codebooks, read_surveyxact


def _compare(tmp_path, old, new, kinds=("csv", "csv")):
    a = read_surveyxact(write_round(tmp_path / "a", old, kinds[0]))
    b = read_surveyxact(write_round(tmp_path / "b", new, kinds[1]))
    return compare_codebooks(a, b)


def _changed_rows(diff: pd.DataFrame) -> pd.DataFrame:
    return diff[diff["status"] != "unchanged"]


def test_an_unchanged_round_has_no_changes_at_all(tmp_path):
    diff = _compare(tmp_path, small_tables(), small_tables(), kinds=("csv", "xlsx"))
    assert set(diff["status"]) == {"unchanged"}
    assert diff["changes"].map(len).sum() == 0
    assert (diff["detail"] == "no change").all()
    # every variable of the export is compared except the status column
    assert len(diff) == len(small_tables().dataset.columns)


def test_whitespace_and_case_are_not_changes(tmp_path):
    tables = small_tables()
    new = set_text(tables, "ja", "  HAR kontoret   rutiner? ")
    assert _changed_rows(_compare(tmp_path, tables, new)).empty


def test_question_text_edit(tmp_path):
    new = set_text(small_tables(), "ja", "Har kontoret skriftlige rutiner?")
    row = _changed_rows(_compare(tmp_path, small_tables(), new)).iloc[0]
    assert (row["new_variable"], row["status"], row["changes"]) == (
        "ja",
        "changed",
        ["question_text"],
    )
    assert "'Har kontoret rutiner?' → 'Har kontoret skriftlige rutiner?'" in row["detail"]


def test_item_text_edit(tmp_path):
    stem = "Hvor enig er du i påstandene om kontoret?"
    new = set_text(small_tables(), "q_2", f"{stem} - Ledelsen er svært tydelig")
    rows = _changed_rows(_compare(tmp_path, small_tables(), new))
    assert rows["new_variable"].tolist() == ["q_2"]
    assert rows.iloc[0]["changes"] == ["item_text"]


def test_rename_is_proposed_with_its_similarity(tmp_path):
    new = rename_variable(small_tables(), "q_2", "q_9")
    diff = _compare(tmp_path, small_tables(), new)
    rows = _changed_rows(diff)
    assert len(rows) == 1  # one rename, not a removal and an addition
    row = rows.iloc[0]
    assert (row["old_variable"], row["new_variable"], row["status"]) == ("q_2", "q_9", "renamed")
    assert row["changes"] == ["name"] and row["similarity"] == 1.0


def test_dissimilar_unmatched_variables_are_added_and_removed_not_renamed(tmp_path):
    new = set_text(rename_variable(small_tables(), "ja", "rutine"), "rutine", "Antall ansatte?")
    new = set_labels(new, "rutine", [(1, "Under 10"), (2, "10 eller flere")])
    diff = _compare(tmp_path, small_tables(), new).set_index("status")
    assert diff.loc["added", "new_variable"] == "rutine"
    assert diff.loc["removed", "old_variable"] == "ja"
    assert diff.loc["removed", "detail"] == "only in the earlier round: Har kontoret rutiner?"


def test_category_added_gives_the_recode_map_by_label_text(tmp_path):
    four = [(1, "Helt uenig"), (2, "Delvis uenig"), (3, "Delvis enig"), (4, "Helt enig")]
    five = [(1, "Helt uenig"), (2, "Delvis uenig"), (3, "Verken enig eller uenig")]
    five += [(4, "Delvis enig"), (5, "Helt enig")]
    old, new = small_tables(), small_tables()
    old = set_labels(old, "q_1", four)
    old = changed(old, dataset=old.dataset.assign(q_1=[1, 2, None, 4, 3, 4]))
    new = set_labels(new, "q_1", five)
    row = _changed_rows(_compare(tmp_path, old, new)).iloc[0]
    assert row["changes"] == ["labels", "codes"]
    assert row["recode"] == {3: 4, 4: 5}
    assert row["detail"] == (
        "categories: 'Verken enig eller uenig' added as 3; 'Delvis enig' 3 → 4, 'Helt enig' 4 → 5"
    )


def test_category_removed_and_categories_merged(tmp_path):
    old = set_labels(small_tables(), "ja", [(1, "Ja"), (2, "Nei"), (3, "Vet ikke"), (4, "Usikker")])
    merged = ["Helt uenig / Delvis uenig", *AGREE[2:]]  # 1 merged, 2 Verken, ..., 5 Vet ikke
    new = set_labels(small_tables(), "q_1", list(enumerate(merged, 1)))
    new = changed(new, dataset=new.dataset.assign(q_1=[1, 1, None, 4, 5, 3]))
    diff = _compare(tmp_path, old, new).set_index("new_variable")
    assert diff.at["ja", "changes"] == ["labels"]
    assert diff.at["ja", "detail"] == "categories: 'Usikker' (4) removed"
    q1 = diff.loc["q_1"]
    assert (
        "'Helt uenig' + 'Delvis uenig' merged into 'Helt uenig / Delvis uenig' (1)"
        in (q1["detail"])
    )
    assert q1["changes"] == ["labels", "codes"]
    assert q1["recode"] == {1: 1, 2: 1, 3: 2, 4: 3, 5: 4, 6: 5}


def test_codes_moved_without_new_labels(tmp_path):
    swapped = [(2, "Ja"), (1, "Nei"), (3, "Vet ikke")]
    new = set_labels(small_tables(), "ja", swapped)
    row = _changed_rows(_compare(tmp_path, small_tables(), new)).iloc[0]
    assert row["changes"] == ["codes"] and row["recode"] == {1: 2, 2: 1}


def test_type_change(tmp_path):
    new = small_tables()
    structure = new.structure.copy()
    structure.loc[structure["variableName"] == "komm", ["questionType", "subType"]] = [
        "Closed",
        "Single",
    ]
    new = changed(new, structure=structure, dataset=new.dataset.assign(komm=[1, 2, None, 1, 2, 1]))
    new = set_labels(new, "komm", [(1, "Ja"), (2, "Nei")])
    row = _changed_rows(_compare(tmp_path, small_tables(), new)).iloc[0]
    assert row["new_variable"] == "komm"
    assert row["changes"][0] == "type" and "labels" in row["changes"]
    assert (row["old_type"], row["new_type"]) == ("open", "single")


def test_missing_codes_change(tmp_path):
    # "Passer ikke" is not a known non-answer phrase: an explicit .sav declaration makes
    # it missing in one round only
    from toolkit.surveys.synthetic import write_sav_export

    labels = [(1, "Ja"), (2, "Nei"), (9, "Passer ikke")]
    old = set_labels(small_tables(), "ja", labels)
    old = changed(old, dataset=old.dataset.assign(ja=[1, 2, None, 9, 1, 1]))
    write_sav_export(old, tmp_path / "a.sav")
    write_sav_export(old, tmp_path / "b.sav", missing_codes={"ja": [9]})
    a, b = read_surveyxact(tmp_path / "a.sav"), read_surveyxact(tmp_path / "b.sav")
    row = _changed_rows(compare_codebooks(a, b)).set_index("new_variable").loc["ja"]
    assert row["changes"] == ["missing_codes"]
    assert row["detail"] == "non-substantive answers: [] → ['passer ikke']"


@pytest.mark.slow
def test_the_real_export_as_xlsx_and_as_csv_compares_as_unchanged():
    xlsx, csv = read_surveyxact(REAL_XLSX), read_surveyxact(REAL_CSV)
    diff = compare_codebooks(xlsx, csv)
    assert len(diff) == len(csv.codebook[csv.codebook["role"] != "status"])
    assert diff["status"].value_counts().to_dict() == {"unchanged": len(diff)}
