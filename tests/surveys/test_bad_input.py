"""Bad input gets a clear ToolkitError naming file, place, expectation and advice;
quirks that can be handled are handled and reported, never silent."""

from __future__ import annotations

import zipfile

import numpy as np
import pandas as pd
import pytest

from tests.conftest import REAL_XLSX, small_tables
from toolkit import (
    CorruptFileError,
    DuplicateRespondentError,
    EmptyDatasetError,
    EncodingError,
    ExportFormatError,
    MissingFileError,
    StructureMismatchError,
    ToolkitError,
    read_surveyxact,
)
from toolkit.surveys.synthetic import write_csv_export, write_xlsx_export


@pytest.fixture
def csv_export(tmp_path):
    write_csv_export(small_tables(), tmp_path / "export")
    return tmp_path / "export"


def test_missing_member_of_the_trio(csv_export):
    (csv_export / "labels.csv").unlink()
    with pytest.raises(MissingFileError) as info:
        read_surveyxact(csv_export)
    assert "labels.csv" in info.value.what
    assert info.value.found == "dataset.csv, structure.csv"
    assert "export the survey" in info.value.hint


def test_not_a_surveyxact_export(tmp_path):
    pd.DataFrame({"a": [1]}).to_excel(tmp_path / "other.xlsx", sheet_name="Ark1", index=False)
    with pytest.raises(ExportFormatError) as info:
        read_surveyxact(tmp_path / "other.xlsx")
    assert "'Ark1'" in info.value.found
    (tmp_path / "notes.txt").write_text("hei")
    with pytest.raises(ExportFormatError, match="not a SurveyXact export"):
        read_surveyxact(tmp_path / "notes.txt")


def test_csv_folder_with_wrong_structure_header(csv_export):
    (csv_export / "structure.csv").write_text("name;type\nq_1;x\n", encoding="cp1252")
    with pytest.raises(ExportFormatError) as info:
        read_surveyxact(csv_export)
    assert info.value.where == "header row (line 1)"
    assert "name, type" in info.value.found


def test_structure_lists_variables_the_dataset_lacks(tmp_path):
    tables = small_tables()
    write_csv_export(small_tables(dataset=tables.dataset.drop(columns=["q_2", "m_3"])), tmp_path)
    with pytest.raises(StructureMismatchError) as info:
        read_surveyxact(tmp_path)
    assert "q_2, m_3" in info.value.where
    survey = read_surveyxact(tmp_path, strict=False)
    assert survey.problems.query("kind == 'not-in-structure'")["values"].iloc[0] == ["q_2", "m_3"]


def test_unknown_codes_are_kept_raw_and_reported(tmp_path):
    tables = small_tables()
    data = tables.dataset.copy()
    data.loc[[0, 1], "ja"] = 7
    write_csv_export(small_tables(dataset=data), tmp_path)
    survey = read_surveyxact(tmp_path)
    assert survey.data["ja"].tolist()[:2] == ["7", "7"]
    assert list(survey.data["ja"].cat.categories) == ["Ja", "Nei", "Vet ikke", "7"]
    problem = survey.problems.query("kind == 'unknown-code'").iloc[0]
    assert (problem["variable"], problem["values"], problem["count"]) == ("ja", [7], 2)
    assert survey.entry("ja")["unknown_codes"] == [7]
    long = survey.answers(["ja"])
    assert long.loc[long["label"] == "7", "code"].tolist() == [7, 7]


def test_duplicate_respondent_ids(tmp_path):
    data = small_tables().dataset.copy()
    data.loc[4, "respondentid"] = 102
    write_csv_export(small_tables(dataset=data), tmp_path)
    with pytest.raises(DuplicateRespondentError) as info:
        read_surveyxact(tmp_path)
    assert info.value.found == "ids 102"
    assert "data rows 3, 6" in info.value.where


def test_truncated_xlsx(tmp_path):
    blob = REAL_XLSX.read_bytes()
    (tmp_path / "cut.xlsx").write_bytes(blob[: len(blob) // 2])
    with pytest.raises(CorruptFileError) as info:
        read_surveyxact(tmp_path / "cut.xlsx")
    assert "cut.xlsx" in info.value.what
    assert "export it again" in info.value.hint


def test_corrupt_member_inside_xlsx(tmp_path):
    with zipfile.ZipFile(REAL_XLSX) as source, zipfile.ZipFile(tmp_path / "bad.xlsx", "w") as out:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet2.xml":
                data = data[:5000]
            out.writestr(item, data)
    with pytest.raises(CorruptFileError):
        read_surveyxact(tmp_path / "bad.xlsx")


def test_undecodable_bytes(csv_export):
    dataset = csv_export / "dataset.csv"
    dataset.write_bytes(dataset.read_bytes() + b"999;x\x81y\r\n")
    with pytest.raises(EncodingError) as info:
        read_surveyxact(csv_export)
    assert info.value.where.startswith("line 9")  # one answer above spans two lines
    assert "encoding=" in info.value.hint


def test_empty_dataset(tmp_path):
    write_csv_export(small_tables(dataset=small_tables().dataset.iloc[:0]), tmp_path)
    with pytest.raises(EmptyDatasetError) as info:
        read_surveyxact(tmp_path)
    assert "no respondents" in str(info.value)


def test_ragged_dataset_row(csv_export):
    dataset = csv_export / "dataset.csv"
    dataset.write_bytes(dataset.read_bytes() + b"107;1;2\r\n")
    with pytest.raises(CorruptFileError) as info:
        read_surveyxact(csv_export)
    assert "fields per row" in info.value.expected


def test_errors_are_one_family():
    for error in (
        CorruptFileError,
        DuplicateRespondentError,
        EmptyDatasetError,
        EncodingError,
        ExportFormatError,
        MissingFileError,
        StructureMismatchError,
    ):
        assert issubclass(error, ToolkitError)


def test_blank_stays_missing_never_zero_or_empty(csv_export):
    survey = read_surveyxact(csv_export)
    row = survey.data.loc[103]
    assert row[["q_1", "q_2", "ja", "m_1", "komm"]].isna().all()
    assert survey.data["komm"].loc[105] is pd.NA  # "" in the file
    assert survey.data["komm"].loc[106] == "Linje 1\nLinje 2"  # CRLF in an answer → LF
    assert survey.data["m_1"].tolist() == [True, False, pd.NA, True, False, True]


def test_grid_stem_multi_sets_other_text_and_personal(csv_export):
    survey = read_surveyxact(csv_export)
    book = survey.codebook.set_index("variable")
    assert book.at["q_1", "question"] == "q"
    assert book.at["q_1", "question_text"] == "Hvor enig er du i påstandene om kontoret?"
    assert book.at["q_1", "item_text"] == "Vi har nok tid"  # trailing space stripped
    assert book.at["m_2", "choice_text"] == "Veiledning; i team"  # separator inside quotes
    assert book.at["m_txt", "other_of"] == "m"
    assert book.at["email", "personal"] and book.at["email", "role"] == "background"
    assert "email" not in survey.to_frame().columns
    assert book.at["q_1", "missing_codes"] == [6]


def test_answers_mark_non_substantive_codes(csv_export):
    long = read_surveyxact(csv_export).answers(["q_1", "m_1"])
    q1 = long[long["variable"] == "q_1"]
    assert q1.loc[~q1["substantive"], "label"].tolist() == ["Vet ikke"]
    assert long[long["variable"] == "m_1"]["code"].tolist() == [1, 0, 1, 0, 1]


def test_extra_missing_labels(csv_export):
    survey = read_surveyxact(csv_export, missing_labels=["Verken enig eller uenig"])
    assert survey.entry("q_1")["missing_codes"] == [3, 6]


def test_phantom_column_and_unquoted_separator_in_labels_are_repaired(tmp_path):
    write_csv_export(small_tables(), tmp_path, trailing_sep=True)
    labels = tmp_path / "labels.csv"
    labels.write_bytes(labels.read_bytes() + b"ja;4;Nei; men snart\r\n")
    survey = read_surveyxact(tmp_path)
    assert survey.labels("ja")[4] == "Nei; men snart"
    assert {"phantom-column", "repaired-row"} <= set(survey.problems["kind"])


def test_multi_response_with_other_codes_is_kept_as_single(tmp_path):
    data = small_tables().dataset.copy()
    data.loc[0, "m_1"] = 2
    write_csv_export(small_tables(dataset=data), tmp_path)
    survey = read_surveyxact(tmp_path)
    assert survey.data["m_1"].tolist()[0] == "2"
    assert "multiple-not-binary" in set(survey.problems["kind"])


def test_text_in_a_closed_column_is_kept(tmp_path):
    data = small_tables().dataset.copy()
    data["ja"] = data["ja"].astype(object)
    data.loc[1, "ja"] = "ja takk"
    write_csv_export(small_tables(dataset=data), tmp_path)
    survey = read_surveyxact(tmp_path)
    assert survey.data["ja"].tolist()[:2] == ["Ja", "ja takk"]
    assert "text-in-numeric" in set(survey.problems["kind"])


def test_xlsx_split_sheets_with_unequal_rows_are_padded_and_reported(tmp_path):
    tables = small_tables()
    data = tables.dataset.copy()
    data.loc[5, ["komm"]] = None
    data.loc[5, ["m_txt"]] = None
    write_xlsx_export(small_tables(dataset=data), tmp_path / "w.xlsx", split_at=8)
    survey = read_surveyxact(tmp_path / "w.xlsx")
    assert survey.n == 6
    assert np.all(survey.data.loc[106, ["m_txt", "komm"]].isna())
    assert "repaired-row" in set(survey.problems["kind"])


def test_notebook_display_shows_n_types_codebook_and_problems(csv_export):
    survey = read_surveyxact(csv_export)
    html = survey._repr_html_()
    assert "6 respondents, 7 questions, 10 variables" in html
    assert "Questions by type" in html and "Codebook (first 12 of 10)" in html
    assert "<th>personal-column</th>" in html  # the e-mail column, and why
    assert repr(survey).endswith(
        "6 respondents, 10 variables (3 single, 3 multiple, 2 background, 2 open); 1 problem(s)>"
    )
    clean = read_surveyxact(csv_export, personal=[])  # same file: the decision is always shown
    assert clean.problems["kind"].tolist() == ["personal-column"]
