"""Small tables from other tools (segment exports, framework matrices, attribute sidecars):
CSV in any encoding and separator, .xlsx and legacy .xls, read to text cells.

Every cell becomes text ("" when empty; whole numbers without ".0"), each row keeps the
line (CSV) or row number (spreadsheet) it came from so callers can name it, and the
malformed cases are clear errors: an empty file, a header without rows, a row with more
fields than the header. Error cells in a spreadsheet are returned as ``findings``.

Examples
--------
>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "segmenter.csv"
>>> _ = path.write_bytes("Dokument;Kode;Tekst\\nIntervju 1;Tid;Vi har lite tid\\n".encode("cp1252"))
>>> table = read_table(path, reader="read_segments", role="segment table")
>>> table.frame.to_dict("records"), table.rows
([{'Dokument': 'Intervju 1', 'Kode': 'Tid', 'Tekst': 'Vi har lite tid'}], [2])
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from toolkit.errors import CorruptFileError, EmptyDatasetError, ExportFormatError
from toolkit.rawfiles.files import read_raw
from toolkit.rawfiles.text import csv_rows, decode, detect_encoding, detect_separator, first_line
from toolkit.rawfiles.workbook import XLS, XLSX, Workbook

TEXT_SUFFIXES = {".csv", ".tsv", ".txt"}


@dataclass(frozen=True)
class Table:
    """Text cells with the source row of each (``rows``: line or spreadsheet row number)."""

    frame: pd.DataFrame
    path: Path
    rows: list[int]
    sheet: str | None = None
    #: ``(location, kind, value)`` of error cells and formulas without a value
    findings: list[tuple[str, str, str | None]] = field(default_factory=list)
    repaired: list[int] = field(default_factory=list)

    def report(self, problems) -> None:
        """Add the findings and repaired rows to a :class:`~toolkit.problems.Problems`."""
        for location, kind, value in self.findings:
            problems.add(
                kind,
                f"{location} holds {value or 'a formula without value'}; read as blank",
                file=str(self.path),
                location=location,
                values=[value],
            )
        for line in self.repaired:
            problems.add(
                "repaired-row",
                "a quote inside an unquoted text; read with quotes as typed",
                file=str(self.path),
                location=f"line {line}",
            )

    def where(self, index: int) -> str:
        """ "line 12" or "sheet 'Ark1', row 12" for the frame's row ``index``."""
        number = self.rows[index]
        return f"sheet {self.sheet!r}, row {number}" if self.sheet else f"line {number}"


def cell_text(value) -> str:
    """A spreadsheet value as text: "" for empty, "3" for 3.0, ISO dates."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return str(value).upper()
    if isinstance(value, float):
        if value != value:
            return ""
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    return str(value)


def read_table(
    path: str | Path,
    *,
    reader: str,
    role: str,
    encoding: str | None = None,
    sheet: str | None = None,
) -> Table:
    """Read ``path`` as a header row plus data rows of text (see module docstring).

    ``reader`` names the public function the user called (for advice in errors) and
    ``role`` what the table is ("segment table").
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in XLSX | XLS:
        return _sheet_table(path, reader=reader, role=role, sheet=sheet)
    raw = read_raw(path, role=role)
    if not raw.data.strip():
        raise EmptyDatasetError(
            f"the {role} {path.name} is empty",
            file=path,
            expected="a header row and at least one row of data",
            hint=f"export the table again and pass the new file to {reader}()",
        )
    text = decode(
        raw, encoding or detect_encoding(raw.data), reader=reader, explicit=bool(encoding)
    )
    sep = detect_separator(first_line(text))
    repaired: list[int] = []
    numbered = list(csv_rows(text, sep, file=path, repaired=repaired))
    return _finish(path, numbered, reader=reader, role=role, repaired=repaired)


def _sheet_table(path: Path, *, reader: str, role: str, sheet: str | None) -> Table:
    book = Workbook(path, kind=role)
    name = sheet or book.first_sheet()
    if name not in book.sheet_names:
        raise ExportFormatError(
            f"{path.name} has no sheet {name!r}",
            file=path,
            found="sheets " + ", ".join(repr(n) for n in book.sheet_names),
            hint=f"pass sheet= with one of them to {reader}()",
        )
    cells = book.rows(name)
    numbered = [(i, [cell_text(v) for v in row]) for i, row in enumerate(cells, start=1)]
    numbered = [(i, row) for i, row in numbered if any(c.strip() for c in row)]
    findings = [(f"sheet {name!r}, cell {f.cell}", f.kind, f.value) for f in book.findings(name)]
    if not numbered:
        raise EmptyDatasetError(
            f"the {role} {path.name} is empty",
            file=path,
            where=f"sheet {name!r}",
            expected="a header row and at least one row of data",
            hint=f"export the table again and pass the new file to {reader}()",
        )
    table = _finish(path, numbered, reader=reader, role=role, sheet=name)
    return Table(table.frame, path, table.rows, name, findings)


def _finish(path: Path, numbered, *, reader: str, role: str, sheet=None, repaired=()) -> Table:
    where = (lambda n: f"sheet {sheet!r}, row {n}") if sheet else (lambda n: f"line {n}")
    line, header = numbered[0]
    header = [h.strip() for h in header]
    while header and header[-1] == "":
        header.pop()
    blank = [i + 1 for i, h in enumerate(header) if not h]
    duplicated = sorted({h for h in header if header.count(h) > 1})
    if not header or blank or duplicated:
        raise ExportFormatError(
            f"the header of the {role} {path.name} is not usable",
            file=path,
            where=where(line),
            expected="one name per column, each used once",
            found=(f"empty names in columns {blank}" if blank else "")
            + (f"; repeated names {duplicated}" if duplicated else "")
            or "an empty header row",
            hint="fix the header row or export the table again",
        )
    body = numbered[1:]
    if not body:
        raise EmptyDatasetError(
            f"the {role} {path.name} has a header but no rows",
            file=path,
            where=where(line),
            found=", ".join(header[:8]),
            hint=f"export the table again with its rows and pass it to {reader}()",
        )
    rows, lines = [], []
    width = len(header)
    for number, row in body:
        extra = [c for c in row[width:] if c.strip()]
        if extra:
            raise CorruptFileError(
                f"a row of the {role} {path.name} has more fields than the header",
                file=path,
                where=where(number),
                expected=f"{width} fields ({', '.join(header[:6])}{' …' if width > 6 else ''})",
                found=f"{len(row)} fields; the extra ones begin {extra[0][:40]!r}",
                hint="a separator inside an unquoted text splits it; quote such texts or "
                "export the table again",
            )
        rows.append([*row[:width], *[""] * (width - len(row))])
        lines.append(number)
    return Table(
        pd.DataFrame(rows, columns=header, dtype=object), path, lines, sheet, [], list(repaired)
    )
