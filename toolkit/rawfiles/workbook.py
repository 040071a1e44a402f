"""Spreadsheets (.xlsx, .xlsm, .xls) read with python-calamine, after safety checks.

python-calamine is fast and reads both Office Open XML and legacy BIFF (.xls, as MAXQDA
and older tools export), but it is unsafe on hostile input in two ways, so it is never
handed a file directly:

* it trusts cell positions: one far-away cell makes it allocate the whole grid up to it,
  and a failed allocation **aborts the process** (no exception a notebook could catch);
* it shows error cells (``#N/A``, ``#DIV/0!``) and formulas without a cached value as
  empty strings, silently.

:class:`Workbook` therefore opens an .xlsx through :mod:`toolkit.rawfiles.archive` (total
size and ratio limits), streams every member once to verify sizes and checksums, and scans
every worksheet (:mod:`toolkit.rawfiles.sheetscan`) before calamine reads anything: a
sheet whose grid would exceed :class:`SheetLimits` is a
:class:`~toolkit.errors.LimitExceededError` with the numbers, and error cells are
returned as findings for the caller's ``problems``. A .xls (no zip, at most 65,536 × 256
cells, still a gigabyte of grid for one far cell) has its cell records scanned first
(:mod:`toolkit.rawfiles.biff`).

Examples
--------
>>> import pandas as pd, tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "tabell.xlsx"
>>> pd.DataFrame({"Kode": ["Tid"], "Tekst": ["Vi har for lite tid."]}).to_excel(path,
...     index=False, sheet_name="Ark1")
>>> book = Workbook(path)
>>> book.sheet_names, book.rows("Ark1")
(['Ark1'], [['Kode', 'Tekst'], ['Tid', 'Vi har for lite tid.']])
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from pathlib import Path

from python_calamine import CalamineWorkbook

from toolkit.errors import CorruptFileError, ExportFormatError, LimitExceededError
from toolkit.rawfiles.archive import DEFAULT_LIMITS, SafeZip, ZipLimits, open_zip
from toolkit.rawfiles.biff import scan_xls
from toolkit.rawfiles.sheetscan import (
    Finding,
    SheetScan,
    column_letters,
    column_number,
    scan_blocks,
)
from toolkit.rawfiles.xml import parse_xml

XLSX = {".xlsx", ".xlsm"}
XLS = {".xls"}
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


@dataclass(frozen=True)
class SheetLimits:
    """How large a sheet's cell grid may be (largest row × largest column)."""

    #: never more than this many cells (a 1,000,000 × 250 export needs 250 million)
    max_cells: int = 300_000_000
    #: a sheet may always span this many cells ...
    min_cells: int = 4_000_000
    #: ... or this many times the cells it really holds (SurveyXact leaves blanks out)
    sparsity: int = 16


DEFAULT_SHEET_LIMITS = SheetLimits()


def _allowed(limits: SheetLimits, cells: int) -> int:
    return min(limits.max_cells, max(limits.min_cells, limits.sparsity * cells))


class Workbook:
    """A checked spreadsheet: ``sheet_names``, :meth:`rows` and :meth:`findings`."""

    def __init__(
        self,
        path: str | Path,
        *,
        kind: str = "Excel workbook",
        zip_limits: ZipLimits = DEFAULT_LIMITS,
        sheet_limits: SheetLimits = DEFAULT_SHEET_LIMITS,
    ) -> None:
        self.path, self.kind = Path(path), kind
        self.limits = sheet_limits
        self.scans: dict[str, SheetScan] = {}
        suffix = self.path.suffix.lower()
        self.format = "xls" if suffix in XLS else "xlsx"
        self._part_of: dict[str, str] = {}
        if self.format == "xlsx":
            with open_zip(self.path, kind=kind, limits=zip_limits) as archive:
                parts = self._sheet_parts(archive)
                for part in dict.fromkeys(parts.values()):
                    self._scan(archive, part)
                archive.verify(skip=set(parts.values()))
            self._part_of = parts
        else:
            scan = scan_xls(self.path)
            self._check_extent(scan, self.path.name)
            self.scans[self.path.name] = scan
        self.book = self._open()
        self.sheet_names = list(self.book.sheet_names)

    # ---------------------------------------------------------------- checks
    def _sheet_parts(self, archive: SafeZip) -> dict[str, str]:
        """Sheet name → worksheet part, from workbook.xml and its relationships; parts
        no sheet names are scanned too (under their own name), so nothing is skipped."""
        book = archive.find("xl/workbook.xml")
        rels = archive.find("xl/_rels/workbook.xml.rels")
        parts: dict[str, str] = {}
        if book is not None and rels is not None:
            targets = {}
            for rel in parse_xml(archive.read(rels), file=self.path, part=rels.filename):
                target = (rel.get("Target") or "").replace("\\", "/")
                name = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
                targets[rel.get("Id")] = posixpath.normpath(name)
            root = parse_xml(archive.read(book), file=self.path, part=book.filename)
            for sheet in root.iter():
                if sheet.tag.rsplit("}", 1)[-1] == "sheet" and sheet.get(_REL) in targets:
                    parts[sheet.get("name") or sheet.get(_REL)] = targets[sheet.get(_REL)]
        known = {p.lower() for p in parts.values()}
        for name in archive.names():
            lower = name.replace("\\", "/").lower()
            is_sheet = lower.startswith(("xl/worksheets/", "xl/macrosheets/", "xl/dialogsheets/"))
            if is_sheet and lower.endswith(".xml") and lower not in known:
                parts[name] = name
        return {sheet: part for sheet, part in parts.items() if archive.find(part) is not None}

    def _scan(self, archive: SafeZip, part: str) -> None:
        info = archive.find(part)
        try:
            scan = scan_blocks(archive.stream(info), part=info.filename)
        except ValueError as exc:
            raise CorruptFileError(
                f"{self.path.name} holds a cell reference that is not A1-style",
                file=self.path,
                where=f"worksheet {info.filename}",
                found=str(exc),
                hint="the workbook is damaged or crafted; save it again in Excel",
            ) from None
        self._check_extent(scan, f"worksheet {info.filename}")
        self.scans[info.filename] = scan

    def _check_extent(self, scan: SheetScan, where: str) -> None:
        allowed = _allowed(self.limits, scan.cells)
        if scan.extent > allowed:
            raise LimitExceededError(
                f"a sheet of {self.path.name} spans {scan.rows:,} rows × {scan.columns:,} "
                f"columns ({scan.extent:,} cells), more than the {allowed:,} allowed",
                file=self.path,
                where=f"{where}: last cell {column_letters(scan.columns)}{scan.rows}",
                found=f"{scan.cells:,} cells with content",
                hint="a far-away cell makes the reader allocate the whole grid up to it; "
                "delete empty rows and columns at the end of the sheet, or pass a larger "
                "SheetLimits(max_cells=..., sparsity=...)",
            )

    def _open(self) -> CalamineWorkbook:
        try:
            return CalamineWorkbook.from_path(str(self.path))
        except Exception as exc:  # calamine raises several unrelated types for damaged files
            raise CorruptFileError(
                f"{self.path.name} cannot be opened as an Excel workbook",
                file=self.path,
                found=f"{type(exc).__name__}: {str(exc)[:200]}",
                expected=f"an {'.xls' if self.format == 'xls' else '.xlsx'} {self.kind}",
                hint="the file may be truncated or not really a spreadsheet; save or "
                "export it again",
            ) from None

    # ----------------------------------------------------------------- reads
    def scan_of(self, sheet: str) -> SheetScan | None:
        """What the pre-scan found in ``sheet`` (None when it was not scanned)."""
        key = self._part_of.get(sheet, "") if self.format == "xlsx" else self.path.name
        return self.scans.get(key)

    def declared_mismatch(self, sheet: str) -> str | None:
        """A declared ``<dimension>`` far larger than the cells (readers that trust it,
        such as openpyxl, would walk an empty grid): a note for ``problems``, or None."""
        scan = self.scan_of(sheet)
        if scan is None or not scan.declared or ":" not in scan.declared:
            return None
        end = scan.declared.split(":")[-1].replace("$", "")
        letters = "".join(c for c in end if c.isalpha())
        digits = "".join(c for c in end if c.isdigit())
        if not letters or not digits:
            return None
        declared = column_number(letters) * int(digits)
        if declared > max(4 * max(scan.extent, 1), self.limits.min_cells):
            return (
                f"sheet {sheet!r} declares the range {scan.declared} ({declared:,} cells) but "
                f"holds cells up to {column_letters(scan.columns)}{scan.rows}; the real "
                "extent is used"
            )
        return None

    def findings(self, sheet: str) -> list[Finding]:
        """Error cells and formulas without a cached value in ``sheet`` (for an .xls: in
        any sheet, its records do not say which)."""
        key = self._part_of.get(sheet, "") if self.format == "xlsx" else self.path.name
        scan = self.scans.get(key)
        return list(scan.findings) if scan else []

    def rows(self, sheet: str) -> list[list]:
        """Every row of ``sheet`` as Python values (empty cells ""), from cell A1."""
        try:
            loaded = self.book.get_sheet_by_name(sheet)
        except Exception as exc:
            raise CorruptFileError(
                f"sheet {sheet!r} of {self.path.name} cannot be read",
                file=self.path,
                where=f"sheet {sheet!r}",
                found=f"{type(exc).__name__}: {str(exc)[:200]}",
                hint="the workbook may be damaged; save or export it again",
            ) from None
        try:
            return loaded.to_python(skip_empty_area=False)
        except Exception as exc:
            raise CorruptFileError(
                f"sheet {sheet!r} of {self.path.name} cannot be read",
                file=self.path,
                where=f"sheet {sheet!r}",
                found=f"{type(exc).__name__}: {str(exc)[:200]}",
                hint="the workbook may be damaged; save or export it again",
            ) from None

    def first_sheet(self) -> str:
        if not self.sheet_names:
            raise ExportFormatError(
                f"{self.path.name} holds no sheets",
                file=self.path,
                hint="save the table as a workbook with one sheet",
            )
        return self.sheet_names[0]


def sheet_names_of(path: str | Path) -> list[str]:
    """Sheet names of an .xlsx from its workbook part only (cheap: no sheet is read)."""
    path = Path(path)
    with open_zip(path, kind="Excel workbook") as archive:
        info = archive.find("xl/workbook.xml")
        if info is None:
            return []
        root = parse_xml(archive.read(info), file=path, part=info.filename)
    return [e.get("name") for e in root.iter() if e.tag.rsplit("}", 1)[-1] == "sheet"]
