"""Excel export of report tables: real numbers (percent format, not text), one sheet each.

Each sheet: the title (question text with N) in row 1, the table from row 3, then the
footnotes and a source note. Percentages are written as fractions with a percent number
format, so Excel shows "46 %" in a Norwegian locale and the cells still add up.

Examples
--------
>>> import tempfile, pathlib
>>> from toolkit import read_surveyxact
>>> from toolkit.data import example_round
>>> from toolkit.analysis import likert_summary
>>> from toolkit.present.tables import likert_table
>>> survey = read_surveyxact(example_round())
>>> path = pathlib.Path(tempfile.mkdtemp()) / "tabeller.xlsx"
>>> _ = to_excel([likert_table(likert_summary(survey, "b1"))], path, source="ledere_2026.xlsx")
>>> from openpyxl import load_workbook
>>> sheet = load_workbook(path)["Tabell 1"]
>>> sheet["B4"].number_format, round(sheet["B4"].value, 4)
('0 %', 0.0874)
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from toolkit.present.reproducible import build_time, normalise_zip
from toolkit.present.tables import ReportTable
from toolkit.rawfiles.safe_export import safe_title, write_cell


def _sheet_name(title: str, index: int, used: set[str]) -> str:
    name = safe_title(title) or f"Tabell {index}"
    while name in used:
        name = f"{name[:27]} ({index})"
    used.add(name)
    return name


def to_excel(
    tables: Sequence[ReportTable] | ReportTable,
    path: str | Path,
    *,
    source: str | None = None,
    sheet_names: Sequence[str] | None = None,
    decimals: int = 0,
) -> Path:
    """Write each table to its own sheet of a new workbook at ``path``."""
    tables = [tables] if isinstance(tables, ReportTable) else list(tables)
    book = Workbook()
    book.remove(book.active)
    used: set[str] = set()
    percent_format = "0 %" if decimals == 0 else "0." + "0" * decimals + " %"
    for index, table in enumerate(tables, start=1):
        name = sheet_names[index - 1] if sheet_names else f"Tabell {index}"
        sheet = book.create_sheet(_sheet_name(name, index, used))
        title = write_cell(sheet, 1, 1, table.title)
        title.font = Font(bold=True)
        title.alignment = Alignment(wrap_text=False)
        columns = list(table.values.columns)
        for j, column in enumerate(["", *columns], start=1):
            write_cell(sheet, 3, j, str(column)).font = Font(bold=True)
        for i, (label, row) in enumerate(table.values.iterrows(), start=4):
            write_cell(sheet, i, 1, str(label))
            for j, column in enumerate(columns, start=2):
                value = row[column]
                if value is None or (isinstance(value, float) and np.isnan(value)):
                    write_cell(sheet, i, j, table.frame.loc[label, column] or None)
                    continue
                if isinstance(value, str):
                    write_cell(sheet, i, j, value)
                    continue
                cell = sheet.cell(row=i, column=j)
                if table.kinds.get(column) == "percent":
                    cell.value = float(value) / 100
                    cell.number_format = percent_format
                else:
                    cell.value = float(value) if not float(value).is_integer() else int(value)
        last = 4 + len(table.values) + 1
        for k, note in enumerate([*table.footnotes, f"Kilde: {source}" if source else None]):
            if note:
                write_cell(sheet, last + k, 1, note).font = Font(italic=True)
        sheet.column_dimensions["A"].width = min(
            80, max(12, *(len(str(x)) for x in table.values.index))
        )
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    book.properties.created = book.properties.modified = build_time().replace(tzinfo=None)
    book.properties.creator = book.properties.lastModifiedBy = "toolkit"
    book.save(path)
    normalise_zip(path)
    return path


__all__ = ["to_excel"]
