"""Excel and CSV exports neutralise formula injection (OWASP), texts and headers alike,
and numbers stay numbers; checked by reopening the files."""

from __future__ import annotations

import csv

import pandas as pd
from openpyxl import load_workbook

from toolkit.present.excel import to_excel
from toolkit.present.tables import ReportTable
from toolkit.rawfiles.safe_export import write_csv

HOSTILE = ['=HYPERLINK("http://x","klikk")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]


def _table():
    frame = pd.DataFrame(
        {"=Kolonne": HOSTILE, "Andel": ["46 %"] * 6}, index=[f"={i}" for i in range(6)]
    )
    values = pd.DataFrame({"=Kolonne": HOSTILE, "Andel": [46.0] * 6}, index=frame.index)
    return ReportTable(
        "=cmd|' /C calc'!A0",
        frame,
        values,
        {"=Kolonne": "text", "Andel": "percent"},
        footnotes=("=Fotnote",),
    )


def test_excel_cells_are_never_formulas(tmp_path):
    path = to_excel([_table()], tmp_path / "t.xlsx", source="=kilde.xlsx")
    sheet = load_workbook(path)[load_workbook(path).sheetnames[0]]
    cells = [c for row in sheet.iter_rows() for c in row if c.value is not None]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    texts = {c.value for c in cells if isinstance(c.value, str)}
    assert set(HOSTILE) <= texts  # shown exactly as typed
    assert {"=cmd|' /C calc'!A0", "=Kolonne", "=0", "=Fotnote", "Kilde: =kilde.xlsx"} <= texts
    assert sheet["C4"].value == 0.46 and sheet["C4"].data_type == "n"  # numbers stay numbers
    assert all(
        c.quotePrefix for c in cells if isinstance(c.value, str) and c.value[:1] in "=+-@\t\r"
    )
    assert not load_workbook(path).sheetnames[0].startswith("=")


def test_csv_texts_get_a_leading_apostrophe(tmp_path):
    path = write_csv(pd.DataFrame({"=a": HOSTILE, "n": range(6)}), tmp_path / "t.csv")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    assert rows[0] == ["'=a", "n"]
    assert [r[0] for r in rows[1:]] == ["'" + h for h in HOSTILE]
    assert [r[1] for r in rows[1:]] == [str(i) for i in range(6)]
