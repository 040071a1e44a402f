"""The same export in every flavour SurveyXact writes gives equal Survey.data."""

from __future__ import annotations

import pandas.testing as pdt
import pytest

from tests.conftest import REAL_XLSX, real_tables, small_tables
from toolkit import read_surveyxact
from toolkit.surveys.synthetic import write_csv_export, write_sav_export, write_xlsx_export

CSV_FLAVOURS = {
    "semicolon-ansi": dict(sep=";", encoding="cp1252"),
    "comma-ansi-quoted-trailing": dict(
        sep=",", encoding="cp1252", quote_all_text=True, trailing_sep=True
    ),
    "tab-utf16-le-bom": dict(sep="\t", encoding="utf-16"),
    "tab-utf16-be-bom": dict(sep="\t", encoding="utf-16-be"),
    "semicolon-utf8-bom": dict(sep=";", encoding="utf-8", bom=True),
    "comma-utf8-lf": dict(sep=",", encoding="utf-8", eol="\n"),
}
EXPECTED = {
    "semicolon-ansi": ("cp1252", ";"),
    "comma-ansi-quoted-trailing": ("cp1252", ","),
    "tab-utf16-le-bom": ("utf-16", "\t"),
    "tab-utf16-be-bom": ("utf-16", "\t"),
    "semicolon-utf8-bom": ("utf-8-sig", ";"),
    "comma-utf8-lf": ("utf-8", ","),
}


@pytest.fixture(scope="module")
def real_reference():
    return read_surveyxact(REAL_XLSX)


@pytest.fixture(scope="module")
def real():
    return real_tables()


@pytest.mark.parametrize("flavour", CSV_FLAVOURS)
def test_real_export_in_every_csv_flavour(flavour, real, real_reference, tmp_path):
    write_csv_export(real, tmp_path, **CSV_FLAVOURS[flavour])
    survey = read_surveyxact(tmp_path)
    assert (survey.source.encoding, survey.source.separator) == EXPECTED[flavour]
    pdt.assert_frame_equal(survey.data, real_reference.data)


def test_real_export_as_sav(real, real_reference, tmp_path):
    write_sav_export(real, tmp_path / "ex_survey2.sav")
    survey = read_surveyxact(tmp_path / "ex_survey2.sav")
    pdt.assert_frame_equal(survey.data, real_reference.data)
    book = survey.codebook.set_index("variable")
    assert book.at["v_1_3", "question"] == "v_1"
    assert book.at["v_1_3", "choice_text"] == "Fysisk aktivitet og helse"
    assert book.at["up_03", "question"] == "up"
    assert book.at["s_6", "missing_codes"] == [6]


def test_real_export_split_over_dataset_sheets(real, real_reference, tmp_path):
    write_xlsx_export(real, tmp_path / "wide.xlsx", split_at=100)
    survey = read_surveyxact(tmp_path / "wide.xlsx")
    assert [s for s in survey.source.sheets if s.startswith("Dataset")] == [
        "Dataset",
        "Dataset (2)",
        "Dataset (3)",
    ]
    pdt.assert_frame_equal(survey.data, real_reference.data)


@pytest.mark.parametrize("flavour", CSV_FLAVOURS)
def test_small_export_csv_equals_xlsx_and_sav(flavour, tmp_path):
    tables = small_tables()
    write_xlsx_export(tables, tmp_path / "small.xlsx")
    write_sav_export(tables, tmp_path / "small.sav")
    write_csv_export(tables, tmp_path / "csv", **CSV_FLAVOURS[flavour])
    reference = read_surveyxact(tmp_path / "small.xlsx")
    for path in (tmp_path / "csv", tmp_path / "small.sav"):
        pdt.assert_frame_equal(read_surveyxact(path).data, reference.data)


def test_sav_user_missing_values_are_declared(tmp_path):
    tables = small_tables()
    labels = tables.labels.copy()
    labels.loc[(labels["variable"] == "ja") & (labels["code"] == 3), "label"] = "Uklart svar"
    write_sav_export(small_tables(labels=labels), tmp_path / "m.sav", missing_codes={"ja": [3]})
    survey = read_surveyxact(tmp_path / "m.sav")
    assert survey.entry("ja")["missing_codes"] == [3]  # from SPSS, not from the label
    assert survey.data["ja"].tolist()[3] == "Uklart svar"  # kept as a value, not NA


def test_encoding_and_separator_overrides(tmp_path):
    write_csv_export(small_tables(), tmp_path, sep="\t", encoding="utf-8")
    survey = read_surveyxact(tmp_path, encoding="utf-8", sep="\t")
    assert survey.data["komm"].iloc[3] == "Æøå; særlig"
