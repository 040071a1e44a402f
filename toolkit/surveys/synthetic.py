"""Write export tables in SurveyXact's own formats (CSV trio flavours, .xlsx, .sav).

Used to build the example round, test fixtures with one quirk each, and benchmark files;
and for round trips (write, then read back equal data).

An :class:`ExportTables` holds what SurveyXact exports: ``dataset`` (raw codes, blank =
missing), ``structure`` (the seven structure columns) and ``labels`` (variable, code, label).

Examples
--------
>>> import pandas as pd, tempfile, pathlib
>>> tables = ExportTables(
...     dataset=pd.DataFrame({"q_1": [1, 2, None]}),
...     structure=pd.DataFrame([["q_1", "q_1", "Closed", "Single", "Fornøyd?", None, None]],
...                            columns=STRUCTURE_COLUMNS),
...     labels=pd.DataFrame({"variable": ["q_1", "q_1"], "code": [1, 2],
...                          "label": ["Ja", "Nei"]}))
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> write_csv_export(tables, folder / "csv", sep=";", encoding="cp1252")
>>> (folder / "csv" / "labels.csv").read_bytes()
b'q_1;1;Ja\\r\\nq_1;2;Nei\\r\\n'
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from toolkit.surveys.export import STRUCTURE_COLUMNS

#: SurveyXact's response statuses, in the order of their codes (``stato_1`` … ``stato_5``)
STATUS = ("Ny", "Distribuert", "Noen svar", "Gjennomført", "Frafalt")


def status_set(status) -> tuple[dict, list, list]:
    """SurveyXact's response-status set (``statoverall``) for each respondent's status:
    the dataset columns ``stato_1`` … ``stato_5`` (1.0 where it is that status), their
    structure rows and their labels.

    Parameters
    ----------
    status
        One :data:`STATUS` label per respondent.

    Returns
    -------
    tuple
        ``(columns, structure rows, label rows)``.

    Examples
    --------
    >>> columns, rows, labels = status_set(["Gjennomført", "Frafalt"])
    >>> columns["stato_4"].tolist(), rows[3][-1], labels[:2]
    ([1.0, 0.0], 'Gjennomført', [('stato_1', 0, 'Ikke valgt'), ('stato_1', 1, 'Valgt')])
    """
    status = np.asarray(status, dtype=object)
    columns, rows, labels = {}, [], []
    for code, label in enumerate(STATUS, 1):
        name = f"stato_{code}"
        columns[name] = (status == label).astype(float)
        rows.append(["statoverall", name, "Closed", "Multiple", "Samlet status", code, label])
        labels += [(name, 0, "Ikke valgt"), (name, 1, "Valgt")]
    return columns, rows, labels


@dataclass(frozen=True)
class ExportTables:
    dataset: pd.DataFrame
    structure: pd.DataFrame
    labels: pd.DataFrame


def _cell(value) -> str:
    if value is None or value is pd.NA or value is pd.NaT:
        return ""
    if isinstance(value, float | np.floating):
        if np.isnan(value):
            return ""
        return str(int(value)) if float(value).is_integer() else repr(float(value))
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    return str(value)


def _csv_text(rows, sep: str, quote_all_text: bool, trailing_sep: bool, eol: str) -> str:
    buffer = io.StringIO(newline="")
    quoting = csv.QUOTE_NONNUMERIC if quote_all_text else csv.QUOTE_MINIMAL
    writer = csv.writer(buffer, delimiter=sep, lineterminator=eol, quoting=quoting)
    for row in rows:
        cells = [_cell(v) for v in row]
        if quote_all_text:  # SurveyXact's comma flavour: texts quoted, numbers and blanks bare
            cells = [_bare(c) for c in cells]
        writer.writerow([*cells, None] if trailing_sep else cells)
    return buffer.getvalue()


def _bare(text: str):
    """Numbers as numbers and blanks as None, so QUOTE_NONNUMERIC quotes only texts."""
    if text == "":
        return None
    try:
        number = float(text)
    except ValueError:
        return text
    return int(number) if number.is_integer() and "." not in text else number


def write_csv_export(
    tables: ExportTables,
    folder: str | Path,
    *,
    sep: str = ";",
    encoding: str = "cp1252",
    bom: bool = False,
    eol: str = "\r\n",
    quote_all_text: bool = False,
    trailing_sep: bool = False,
) -> None:
    """Write ``dataset.csv``, ``labels.csv``, ``structure.csv`` in one SurveyXact flavour.

    ``encoding="utf-16"`` with ``sep="\\t"`` is SurveyXact's "Unicode" export (BOM
    included); ``encoding="utf-8", bom=True`` writes UTF-8 with BOM; ``trailing_sep`` ends
    each structure row with a separator, as some exports do.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    dataset_rows = [list(tables.dataset.columns), *tables.dataset.itertuples(index=False)]
    structure_rows = tables.structure[STRUCTURE_COLUMNS].itertuples(index=False)
    texts = {
        "dataset.csv": _csv_text(dataset_rows, sep, quote_all_text, False, eol),
        "labels.csv": _csv_text(tables.labels.itertuples(index=False), sep, False, False, eol),
        "structure.csv": _csv_text([STRUCTURE_COLUMNS], sep, False, False, eol)
        + _csv_text(structure_rows, sep, quote_all_text, trailing_sep, eol),
    }
    for name, text in texts.items():
        prefix = "\ufeff" if bom and not encoding.lower().startswith("utf-16") else ""
        if encoding.lower() in {"utf-16-be", "utf-16-le"}:
            prefix = "\ufeff"
        (folder / name).write_bytes((prefix + text).encode(encoding))


def write_xlsx_export(tables: ExportTables, path: str | Path, *, split_at: int = 0) -> None:
    """Write the Excel export (sheets Labels, Dataset[, Dataset (2) …], Structure).

    ``split_at`` > 0 splits the dataset over sheets of at most that many columns, as
    SurveyXact does for wide surveys.
    """
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    labels = book.create_sheet("Labels")
    for row in tables.labels.itertuples(index=False):
        labels.append([row[0], _xl(row[1]), row[2]])
    columns = list(tables.dataset.columns)
    width = split_at or len(columns) or 1
    for part, start in enumerate(range(0, max(len(columns), 1), width)):
        sheet = book.create_sheet("Dataset" if part == 0 else f"Dataset ({part + 1})")
        chunk = tables.dataset[columns[start : start + width]]
        sheet.append(list(chunk.columns))
        for row in chunk.itertuples(index=False):
            sheet.append([_xl(v) for v in row])
    structure = book.create_sheet("Structure")
    structure.append(STRUCTURE_COLUMNS)
    for row in tables.structure[STRUCTURE_COLUMNS].itertuples(index=False):
        structure.append([_xl(v) for v in row])
    book.save(str(path))


def _xl(value):
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float | np.floating) and np.isnan(value):
        return None
    if isinstance(value, np.integer | np.floating):
        return value.item()
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    return value


def write_sav_export(tables: ExportTables, path: str | Path, *, missing_codes=None) -> None:
    """Write the SPSS export: value labels, variable labels ("Question - Option" for
    multi-response options), nominal measure for closed items, user-missing codes."""
    import pyreadstat

    structure = tables.structure.set_index("variableName")
    frame = tables.dataset.copy()
    column_labels, measures = [], {}
    for name in frame.columns:
        if name not in structure.index:
            column_labels.append(name)
            measures[name] = "unknown"
            continue
        entry = structure.loc[name]
        text = entry["questionText"]
        if entry["subType"] == "Multiple" and entry["choiceText"]:
            text = f"{text} - {entry['choiceText']}"
        column_labels.append(text)
        closed = entry["questionType"] == "Closed"
        measures[name] = "nominal" if closed else "scale"
        if entry["subType"] == "String":
            frame[name] = frame[name].astype(object).where(frame[name].notna(), "")
    value_labels = {
        var: {float(c): str(lab) for c, lab in zip(g["code"], g["label"], strict=True)}
        for var, g in tables.labels.groupby("variable", sort=False)
        if var in frame.columns
    }
    ranges = {v: [{"lo": c, "hi": c} for c in codes] for v, codes in (missing_codes or {}).items()}
    pyreadstat.write_sav(
        frame,
        str(path),
        column_labels=column_labels,
        variable_value_labels=value_labels,
        variable_measure=measures,
        missing_ranges=ranges or None,
    )
