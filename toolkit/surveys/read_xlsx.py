"""The SurveyXact Excel export, read with python-calamine behind the safety checks of
:class:`toolkit.rawfiles.workbook.Workbook` (zip limits, sheet extents, checksums).

Sheets: ``Dataset`` (wide surveys are split over ``Dataset``, ``Dataset (2)``, … — joined by
position after checking the row counts agree), ``Labels`` (no header row) and
``Structure``. Sheet names are matched without case. Error cells (``#N/A``) and formulas
without a cached value, which calamine shows as blank, are listed in ``problems``.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from toolkit.errors import EmptyDatasetError, ExportFormatError, MissingFileError
from toolkit.problems import Problems
from toolkit.rawfiles.files import sha256_of
from toolkit.rawfiles.sheetscan import column_number
from toolkit.rawfiles.workbook import Workbook
from toolkit.surveys.export import (
    STRUCTURE_COLUMNS,
    RawExport,
    Source,
    source_file,
    tidy_labels,
    tidy_structure,
)

_DATASET = re.compile(r"^dataset\s*(?:\(?\s*(\d+)\s*\)?)?$", re.IGNORECASE)


def _open(path: Path) -> Workbook:
    if not path.is_file():
        raise MissingFileError(f"no file {path.name}", file=path, hint="check the path")
    return Workbook(path, kind="SurveyXact Excel export")


def dataset_sheets(names: list[str]) -> list[str]:
    """Dataset sheets in order: ``Dataset``, then ``Dataset (2)``, ``Dataset (3)``, …"""
    found = [(int(m.group(1) or 1), n) for n in names if (m := _DATASET.match(n.strip()))]
    return [name for _, name in sorted(found)]


def _report_findings(book: Workbook, sheet: str, header: list[str], problems: Problems) -> None:
    """Error cells and formulas without a value (calamine reads them as blank), and a
    declared sheet size that the cells do not bear out."""
    note = book.declared_mismatch(sheet)
    if note:
        problems.add("declared-dimension", note, file=str(book.path), location=f"sheet {sheet!r}")
    for finding in book.findings(sheet):
        letters = "".join(ch for ch in finding.cell if ch.isalpha())
        index = column_number(letters) - 1 if letters else -1
        variable = header[index] if 0 <= index < len(header) else None
        what = "an error value" if finding.kind == "error-cell" else "a formula without value"
        problems.add(
            finding.kind,
            f"cell {finding.cell} holds {what} ({finding.value or '?'}); read as blank",
            file=str(book.path),
            location=f"sheet {sheet!r}, cell {finding.cell}",
            variable=variable,
            values=[finding.value],
        )


def _dataset_sheets(book: Workbook, names: list[str], problems: Problems) -> list[tuple]:
    """``(sheet, header, rows)`` of every Dataset sheet, error cells reported."""
    sheets = []
    for sheet in names:
        rows = book.rows(sheet)
        header = [str(h).strip() if h not in (None, "") else "" for h in (rows[0] if rows else [])]
        while header and header[-1] == "":
            header.pop()
        body = rows[1:]
        if body and len(body[0]) != len(header):
            body = [r[: len(header)] for r in body]
        _report_findings(book, sheet, header, problems)
        sheets.append((sheet, header, body))
    return sheets


def _empty(path: Path, sheets: list[tuple]) -> EmptyDatasetError:
    headed = any(h for _, h, _ in sheets)
    return EmptyDatasetError(
        "the dataset holds no respondents" if headed else "the dataset has no columns",
        file=path,
        where=f"sheet {sheets[0][0]!r}",
        expected="a header row and at least one respondent row",
        found="only a header row" if headed else "an empty sheet",
        hint="check the export's filter (SurveyXact exports only the selected respondents)",
    )


def _join(path: Path, sheets: list[tuple], problems: Problems) -> tuple[dict, int]:
    """The Dataset sheets joined by position into one column per variable."""
    n_rows = max(len(body) for _, _, body in sheets)
    if n_rows == 0:
        raise _empty(path, sheets)
    columns: dict[str, np.ndarray] = {}
    for sheet, header, body in sheets:
        if len(body) == n_rows and body:
            grid = np.array(body, dtype=object)
        else:
            grid = np.full((n_rows, len(header)), np.nan, dtype=object)
            grid[: len(body)] = body
        grid[grid == ""] = np.nan  # calamine gives "" for empty cells: blank is NaN
        if len(body) < n_rows:  # xlsx stores no empty rows: the last respondents left it blank
            problems.add(
                "repaired-row",
                f"sheet {sheet!r} ends {n_rows - len(body)} row(s) before the longest dataset "
                "sheet; the missing trailing rows are read as blank answers",
                file=str(path),
                location=f"sheet {sheet!r}",
                count=n_rows - len(body),
            )
        for j, name in enumerate(header):
            if name in columns:
                raise ExportFormatError(
                    f"variable {name!r} appears twice in the dataset sheets",
                    file=path,
                    where=f"sheet {sheet!r}, column {j + 1}",
                    hint="export the survey again",
                )
            columns[name] = grid[:, j]
    return columns, n_rows


def _structure(book: Workbook, sheet: str, path: Path) -> pd.DataFrame:
    rows = book.rows(sheet)
    header = [str(h).strip() for h in rows[0]] if rows else []
    structure = pd.DataFrame([r[: len(header)] for r in rows[1:]], columns=header or None)
    missing_cols = [c for c in STRUCTURE_COLUMNS[:5] if c not in structure.columns]
    if missing_cols:
        raise ExportFormatError(
            "the Structure sheet lacks SurveyXact's columns",
            file=path,
            where=f"sheet {sheet!r}, header row",
            expected=", ".join(STRUCTURE_COLUMNS),
            found=", ".join(header) or "an empty sheet",
            hint="export again with the structure sheet included",
        )
    return tidy_structure(structure)


def read_xlsx_export(path: str | Path) -> RawExport:
    """Read a SurveyXact .xlsx export into a :class:`RawExport`."""
    path = Path(path)
    book = _open(path)
    names = list(book.sheet_names)
    lower = {n.strip().lower(): n for n in names}
    data_sheets = dataset_sheets(names)
    if not data_sheets or "structure" not in lower:
        raise ExportFormatError(
            f"{path.name} is not a SurveyXact export",
            file=path,
            expected="sheets 'Dataset', 'Labels' and 'Structure'",
            found="sheets " + ", ".join(repr(n) for n in names),
            hint="export the survey from SurveyXact as Excel with labels and structure",
        )
    problems = Problems()
    columns, n_rows = _join(path, _dataset_sheets(book, data_sheets, problems), problems)
    structure = _structure(book, lower["structure"], path)
    if "labels" in lower:
        label_rows = [r[:3] for r in book.rows(lower["labels"]) if len(r) >= 3]
    else:
        label_rows = []
        problems.add("unlabelled-variable", "the workbook has no Labels sheet", file=str(path))
    source = Source(
        path=str(path),
        format="xlsx",
        sheets=tuple(names),
        files=(source_file("workbook", path, path.stat().st_size, sha256_of(path)),),
    )
    return RawExport(
        columns=columns,
        n_rows=n_rows,
        structure=structure,
        labels=tidy_labels(pd.DataFrame(label_rows or [["", "", ""]])),
        source=source,
        problems=problems,
        dataset_location=f"{path.name}, sheet {data_sheets[0]!r}",
        label_file=f"{path.name}, sheet 'Labels'",
        structure_file=f"{path.name}, sheet {lower['structure']!r}",
    )
