"""Excel export of report tables: real numbers (percent format, not text), one sheet each.

Each sheet: the title (question text with N) in row 1, the table from row 3, then the
footnotes and a source note. Every number is the number the report shows, as a real number
with as many decimals as the report shows: a share shown as "2 %" in the report (rounded so
that a row adds up to 100) is 0.02 in Excel with a percent format, never 0.0259 shown as
"3 %" by Excel's own rounding. One fact, one value in every output.

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
>>> sheet["B4"].number_format, sheet["B4"].value  # as shown in the report: "9 %"
('0 %', 0.09)
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from toolkit.language import text
from toolkit.present.reproducible import build_time, normalise_zip
from toolkit.present.tables import ReportTable
from toolkit.rawfiles.safe_export import safe_title, write_cell


def _percent_format(decimals: int) -> str:
    return "0 %" if decimals == 0 else "0." + "0" * decimals + " %"


def _sheet_name(title: str, index: int, used: set[str]) -> str:
    name = safe_title(title) or f"Tabell {index}"
    while name in used:
        name = f"{name[:27]} ({index})"
    used.add(name)
    return name


def shown_number(value: float, shown: str) -> tuple[float, int] | None:
    """The number a table cell shows and its decimals: the digits of ``shown`` read with
    the decimal places that put them nearest ``value`` (so "2 %" → 2, "45,6 %" → 45.6 and
    "1,234.5" → 1234.5 in either convention). None when ``shown`` holds no such number.

    Parameters
    ----------
    value
        The exact number behind the cell.
    shown
        The cell as the report shows it.

    Examples
    --------
    >>> shown_number(2.59, "2 %"), shown_number(45.64, "45,6 %"), shown_number(-0.75, "−0.8")
    ((2.0, 0), (45.6, 1), (-0.8, 1))
    >>> shown_number(1234.5, "1 234"), shown_number(3.0, "–")
    ((1234.0, 0), None)
    """
    digits = "".join(c for c in str(shown) if c.isdigit())
    if not digits or len(digits) > 15:
        return None
    magnitude = abs(float(value))
    best = min(range(5), key=lambda d: (abs(int(digits) / 10**d - magnitude), d))
    number = int(digits) / 10**best
    if abs(number - magnitude) > 0.5 * 10**-best + 1e-9 and abs(number - magnitude) > 1:
        return None  # the text is not this number rounded (a range, a label): leave it
    return (-number if value < 0 else number), best


def number_cell(cell, value: float, shown: str, kind: str | None, decimals: int = 0) -> None:
    """Write the number ``shown`` shows (see :func:`shown_number`) with its decimals."""
    exact = shown_number(value, shown)
    number, places = exact if exact else (value, decimals)
    if kind == "percent":
        cell.value = number / 100
        cell.number_format = _percent_format(places)
    elif places:
        cell.value = number
        cell.number_format = "0." + "0" * places
    else:
        cell.value = int(number) if float(number).is_integer() else number


def to_excel(
    tables: Sequence[ReportTable] | ReportTable,
    path: str | Path,
    *,
    source: str | None = None,
    sheet_names: Sequence[str] | None = None,
    decimals: int = 0,
    language: str = "nb",
) -> Path:
    """Write each table to its own sheet of a new workbook at ``path``.

    Parameters
    ----------
    tables
        Report tables (or one).
    path
        The workbook to write.
    source
        The source line under each table ("Kilde: …" in the report's language).
    sheet_names
        One name per table (default "Tabell 1", "Tabell 2", …).
    decimals
        Decimals of a number whose shown text holds none to read (see :func:`number_cell`).
    language
        The report's language (nb, nn, en) for the fixed words.

    Returns
    -------
    Path
        ``path``, written with fixed dates so a rebuild gives the same bytes.

    Examples
    --------
    See the module's example.
    """
    tables = [tables] if isinstance(tables, ReportTable) else list(tables)
    book = Workbook()
    book.remove(book.active)
    used: set[str] = set()
    for index, table in enumerate(tables, start=1):
        name = sheet_names[index - 1] if sheet_names else f"Tabell {index}"
        sheet = book.create_sheet(_sheet_name(name, index, used))
        title = write_cell(sheet, 1, 1, table.title)
        title.font = Font(bold=True)
        title.alignment = Alignment(wrap_text=False)
        columns = list(table.frame.columns)  # every column the report shows, in its order
        for j, column in enumerate(["", *columns], start=1):
            write_cell(sheet, 3, j, str(column)).font = Font(bold=True)
        headings = set(table.extra.get("headings", ()))
        for r, label in enumerate(table.frame.index):
            i = r + 4
            first = write_cell(sheet, i, 1, str(label))
            if r in headings:  # an item heading: bold, its groups indented under it
                first.font = Font(bold=True)
                continue
            if headings:
                first.alignment = Alignment(indent=1)
            for j, column in enumerate(columns, start=2):
                shown = table.frame.iat[r, j - 2]
                numbers, kind = table.values.get(column), table.kinds.get(column, "text")
                value = None if numbers is None or kind == "text" else numbers.iat[r]
                if isinstance(value, str) or value is None or pd.isna(value):
                    write_cell(sheet, i, j, shown or None)  # text, a "–" or a blank
                    continue
                number_cell(sheet.cell(row=i, column=j), float(value), shown, kind, decimals)
        last = 4 + len(table.frame) + 1
        source_line = f"{text('source', language)}: {source}" if source else None
        for k, note in enumerate([*table.footnotes, source_line]):
            if note:
                write_cell(sheet, last + k, 1, note).font = Font(italic=True)
        sheet.column_dimensions["A"].width = min(
            80, max(12, *(len(str(x)) for x in table.frame.index))
        )
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    book.properties.created = book.properties.modified = build_time().replace(tzinfo=None)
    book.properties.creator = book.properties.lastModifiedBy = "toolkit"
    book.save(path)
    normalise_zip(path)
    return path
