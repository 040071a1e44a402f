"""The real SurveyXact export (readSX's ex_survey2, 999 respondents), in both variants."""

from __future__ import annotations

from collections import Counter

import pandas as pd
import pandas.testing as pdt
import pytest
from openpyxl import load_workbook

from tests.conftest import REAL_CSV, REAL_XLSX, read_csv_rows
from toolkit import read_surveyxact
from toolkit.rawfiles.files import sha256_of


@pytest.fixture(scope="module")
def from_csv():
    return read_surveyxact(REAL_CSV)


@pytest.fixture(scope="module")
def from_xlsx():
    return read_surveyxact(REAL_XLSX)


def _labels() -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for variable, code, label in read_csv_rows(REAL_CSV / "labels.csv"):
        out.setdefault(variable, {})[code] = label.strip()
    return out


def _second_route_counts(rows: list[list[str]]) -> dict[str, Counter]:
    """Label counts per closed item counted with the csv module and labels.csv by hand."""
    labels = _labels()
    header, body = rows[0], rows[1:]
    counts = {}
    for j, variable in enumerate(header):
        if variable not in labels and variable != "b_1_1":
            continue
        mapping = labels.get(variable, {})
        counts[variable] = Counter(mapping.get(r[j], r[j]) for r in body if r[j] != "")
    return counts


def test_both_variants_have_999_respondents_and_242_variables(from_csv, from_xlsx):
    for survey in (from_csv, from_xlsx):
        assert survey.n == 999
        assert len(survey.codebook) == 242
        types = survey.codebook["type"].value_counts().to_dict()
        assert types == {"single": 202, "multiple": 34, "open": 6}


def test_xlsx_and_csv_give_equal_data(from_csv, from_xlsx):
    pdt.assert_frame_equal(from_csv.data, from_xlsx.data)
    cols = ["variable", "question", "question_text", "item_text", "type", "labels"]
    pdt.assert_frame_equal(from_csv.codebook[cols], from_xlsx.codebook[cols])


def test_every_closed_item_matches_a_count_made_with_the_csv_module(from_csv):
    expected = _second_route_counts(read_csv_rows(REAL_CSV / "dataset.csv"))
    book = from_csv.codebook.set_index("variable")
    checked = 0
    for variable, counter in expected.items():
        column = from_csv.data[variable]
        if book.at[variable, "value_type"] == "multiple":
            got = {"Valgt": int(column.sum()), "Ikke valgt": int((~column).sum())}
            got = {k: v for k, v in got.items() if v}
        else:
            got = {str(k): int(v) for k, v in column.value_counts().items() if v}
        assert got == dict(counter), variable
        checked += 1
    assert checked == 236  # 202 single + 34 multi-response items


def test_xlsx_matches_a_count_made_with_openpyxl(from_xlsx):
    sheet = load_workbook(REAL_XLSX, read_only=True)["Dataset"]
    rows = [
        ["" if v is None else (str(int(v)) if isinstance(v, float) else str(v)) for v in r]
        for r in sheet.iter_rows(values_only=True)
    ]
    expected = _second_route_counts(rows)
    for variable in ("up_01", "s_6", "b_2", "pb_1", "b_7_3", "v_1_16", "b_1_1"):
        column = from_xlsx.data[variable]
        if column.dtype == "boolean":
            got = {
                k: v
                for k, v in {"Valgt": int(column.sum()), "Ikke valgt": int((~column).sum())}.items()
                if v
            }
        else:
            got = {str(k): int(v) for k, v in column.value_counts().items() if v}
        assert got == dict(expected[variable]), variable


def test_known_values(from_csv):
    data = from_csv.data
    assert data["up_01"].value_counts().to_dict() == {
        "Enig": 202,
        "Helt enig": 65,
        "Uenig": 63,
        "Helt uenig": 14,
    }
    assert data["up_01"].isna().sum() == 655
    assert list(data["up_01"].cat.categories) == ["Helt uenig", "Uenig", "Enig", "Helt enig"]
    assert data["up_01"].cat.ordered
    assert data["up_01"].cat.codes.dtype == "int8"
    # s_6's labels file lists codes 5,1,3,4,7,6,8: categories follow code order
    assert list(data["s_6"].cat.categories)[:2] == [
        "I løpet av ungdomsskolen",
        "Høsthalvåret på Vg1",
    ]
    assert from_csv.response_status().value_counts().to_dict() == {
        "Distribuert": 574,
        "Gjennomført": 340,
        "Noen svar": 85,
        "Ny": 0,
        "Frafalt": 0,
    }


def test_codebook_groups_grids_and_multi_response_sets(from_csv):
    book = from_csv.codebook.set_index("variable")
    assert book.at["p_01", "question"] == "p"
    assert book.at["p_01", "item_text"] == "Matematikk R1"
    assert book.at["p_01", "question_text"].startswith("Kryss av for de programfagene")
    assert (book["question"] == "p").sum() == 58
    assert book.at["v_1_14", "choice_text"] == "Programmering"
    assert book.at["v_1_14", "choice_value"] == 16
    assert book.at["s_1", "other_of"] == "v_1"
    assert book.at["s_7", "other_of"] == "s_6"
    assert book.at["s_6", "missing_codes"] == [6]  # "Vet ikke    "
    assert book.at["b_4", "missing_codes"] == [3]  # "Ikke relevant/ vet ikke"
    assert book.at["b_1", "missing_codes"] == []  # "Annet/vil ikke svare" is an answer
    assert book.at["stato_4", "role"] == "status"
    assert book.at["b_1_1", "question"] == "b_1_1"  # shares questionName b_1, unrelated


def test_unlabelled_background_item_keeps_raw_codes_and_is_reported(from_csv):
    assert from_csv.data["b_1_1"].value_counts()["54"] == 183
    kinds = set(from_csv.problems["kind"])
    assert {"unlabelled-variable", "duplicate-question-name", "grid-without-stem"} <= kinds


def test_answers_long_table_matches_wide_data(from_csv):
    answers = from_csv.answers(["up_01", "s_6", "v_1_1"])
    up = answers[answers["variable"] == "up_01"]
    assert len(up) == 999 - 655
    assert up["label"].value_counts()["Enig"] == 202
    assert set(up["code"]) == {1, 2, 3, 4}
    s6 = answers[answers["variable"] == "s_6"]
    assert (~s6["substantive"]).sum() == (from_csv.data["s_6"] == "Vet ikke    ".strip()).sum()
    assert set(answers.columns) == {
        "respondent",
        "variable",
        "question",
        "code",
        "label",
        "substantive",
    }


def test_raw_files_are_unchanged_and_hashed(tmp_path):
    before = {p.name: sha256_of(p) for p in REAL_CSV.iterdir()}
    survey = read_surveyxact(REAL_CSV)
    after = {p.name: sha256_of(p) for p in REAL_CSV.iterdir()}
    assert before == after
    assert {f.role: f.sha256 for f in survey.source.files} == {
        name: digest for name, digest in before.items()
    }
    assert survey.source.encoding == "cp1252"
    assert survey.source.separator == ";"


def test_read_only_copy_loads(tmp_path):
    copy = tmp_path / "export.xlsx"
    copy.write_bytes(REAL_XLSX.read_bytes())
    copy.chmod(0o444)
    assert read_surveyxact(copy).n == 999


def test_open_text_is_string_with_blanks_missing(from_csv):
    column = from_csv.data["a_fp"]
    assert isinstance(column.dtype, pd.StringDtype)
    assert column.notna().sum() == 4
    assert from_csv.data["s_3"].isna().all()
