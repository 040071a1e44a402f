"""Spreadsheet exports that no spreadsheet evaluates: formula injection neutralised.

An open answer, a label or a file name that starts with ``=``, ``+``, ``-``, ``@``, a tab
or a carriage return is a formula to Excel and LibreOffice (OWASP "CSV injection"): a
hostile respondent can make a researcher's spreadsheet run a command or leak data. Every
text the toolkit writes to .xlsx or .csv passes through here, headers, row labels, sheet
titles and notes included:

* .xlsx: such texts are written as plain string cells with Excel's "quote prefix" style
  (shown exactly as typed, never evaluated); numbers stay numbers.
* .csv: such texts get a leading apostrophe, OWASP's recommendation for files that
  have no cell types.

Examples
--------
>>> is_dangerous("=HYPERLINK(\\"http://x\\")"), is_dangerous("-5 %"), is_dangerous("Helt enig")
(True, True, False)
>>> csv_text("=1+1"), csv_text("Helt enig"), csv_text(42)
("'=1+1", 'Helt enig', 42)
>>> from openpyxl import Workbook
>>> sheet = Workbook().active
>>> cell = write_cell(sheet, 1, 1, "=cmd|' /C calc'!A0")
>>> cell.data_type, cell.value, cell.quotePrefix
('s', "=cmd|' /C calc'!A0", True)
"""

from __future__ import annotations

import csv
import html
import re
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def is_dangerous(value: Any) -> bool:
    """Whether a text would be read as a formula by a spreadsheet."""
    return isinstance(value, str) and value.startswith(_TRIGGERS)


def csv_text(value: Any) -> Any:
    """A value for a CSV cell: dangerous texts get a leading apostrophe."""
    return "'" + value if is_dangerous(value) else value


def excel_value(value: Any) -> Any:
    """Python value for a cell: numpy scalars unwrapped, missing values empty."""
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float | np.floating) and np.isnan(value):
        return None
    if isinstance(value, np.integer | np.floating | np.bool_):
        return value.item()
    return value


def write_cell(sheet, row: int, column: int, value: Any):
    """Write ``value`` to a worksheet cell (openpyxl) so that text is never a formula."""
    value = excel_value(value)
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, str):
        cell.value = value
        cell.data_type = "s"  # openpyxl would otherwise store "=..." as a formula
        if is_dangerous(value):
            cell.quotePrefix = True
    else:
        cell.value = value
    return cell


def safe_title(title: str) -> str:
    """A sheet title Excel accepts and no tool mistakes for a formula (31 characters)."""
    cleaned = "".join(c for c in str(title) if c not in "[]:*?/\\").strip("' ")
    cleaned = cleaned.lstrip("".join(_TRIGGERS)) or "Ark"
    return cleaned[:31]


_MARKDOWN = re.compile(r"[\\`*_{}\[\]|~>]")
_LEADING = re.compile(r"^(\s*)(?:([#+\-=])|(\d+)([.)]))")


def _escape_marker(match: re.Match) -> str:
    space, marker, number, stop = match.groups()
    return f"{space}\\{marker}" if marker else f"{space}{number}\\{stop}"


def markdown_text(text) -> str:
    """Text shown in Markdown exactly as written: HTML characters as entities, inline
    Markdown punctuation escaped, and a leading heading, list or quote marker escaped, so
    an answer or a label can never become markup, a table cell break or a link.

    >>> markdown_text("1. <b>q_2</b> | [lenke](x) (uendret)")
    '1\\\\. &lt;b&gt;q\\\\_2&lt;/b&gt; \\\\| \\\\[lenke\\\\](x) (uendret)'
    """
    escaped = _MARKDOWN.sub(r"\\\g<0>", html.escape(str(text), quote=False))
    escaped = _LEADING.sub(_escape_marker, escaped)
    return escaped.replace("\r\n", " ").replace("\n", " ").replace("\r", " ")


def write_csv(frame: pd.DataFrame, path: str | Path, *, sep: str = ";") -> Path:
    """A DataFrame to CSV (UTF-8 with BOM, so Excel reads æøå), texts neutralised,
    header and index included."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=sep)
        writer.writerow([csv_text(str(c)) for c in frame.columns])
        for row in frame.itertuples(index=False):
            writer.writerow([csv_text(excel_value(v)) for v in row])
    return path
