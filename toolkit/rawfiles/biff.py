"""Scan a legacy Excel (.xls, BIFF8) workbook's cell records before calamine reads it.

An .xls holds at most 65,536 × 256 cells, but calamine still allocates the whole grid up
to the farthest cell (about a gigabyte for one cell at IV65536 in a 6 KB file). The
workbook stream is read with olefile (the compound-document container) and its records
walked once: every cell record (NUMBER, LABEL, LABELSST, RK, MULRK, BLANK, MULBLANK,
BOOLERR, FORMULA, RSTRING) gives a row and column, and BOOLERR records with the error flag
are error cells (``#N/A``, ``#DIV/0!``), which calamine would show as blank.

Examples
--------
>>> import tempfile, pathlib, xlwt
>>> path = pathlib.Path(tempfile.mkdtemp()) / "a.xls"
>>> book = xlwt.Workbook(); sheet = book.add_sheet("Ark1")
>>> sheet.write(0, 0, "Kode"); sheet.write(9, 3, 1.5); book.save(str(path))
>>> scan = scan_xls(path)
>>> scan.rows, scan.columns, scan.cells
(10, 4, 2)
"""

from __future__ import annotations

import struct
from pathlib import Path

import olefile

from toolkit.errors import CorruptFileError
from toolkit.rawfiles.sheetscan import Finding, SheetScan, column_letters

_SINGLE = {0x0203, 0x0204, 0x00FD, 0x027E, 0x0205, 0x0006, 0x0201, 0x00D6}
_MULTI = {0x00BD, 0x00BE}  # MULRK, MULBLANK: row, first column, …, last column
_BOOLERR = 0x0205
_ERRORS = {
    0x00: "#NULL!",
    0x07: "#DIV/0!",
    0x0F: "#VALUE!",
    0x17: "#REF!",
    0x1D: "#NAME?",
    0x24: "#NUM!",
    0x2A: "#N/A",
}


def _stream(path: Path) -> bytes:
    try:
        with olefile.OleFileIO(str(path)) as ole:
            name = next((n for n in ("Workbook", "Book") if ole.exists(n)), None)
            if name is None:
                raise CorruptFileError(
                    f"{path.name} holds no Excel workbook stream",
                    file=path,
                    expected="a legacy Excel workbook (.xls, BIFF)",
                    hint="save the file again as .xlsx or .xls from the program that made it",
                )
            return ole.openstream(name).read()
    except (OSError, ValueError, struct.error) as exc:
        raise CorruptFileError(
            f"{path.name} is not a readable .xls workbook",
            file=path,
            found=f"{type(exc).__name__}: {str(exc)[:200]}",
            expected="a legacy Excel workbook (.xls): an OLE2 compound document",
            hint="the file may be truncated or of another type; save or export it again",
        ) from None


def scan_xls(path: str | Path) -> SheetScan:
    """Largest row and column, cell count and error cells over all sheets of an .xls."""
    path = Path(path)
    data = _stream(path)
    scan = SheetScan(path.name)
    position = 0
    while position + 4 <= len(data):
        kind, length = struct.unpack_from("<HH", data, position)
        body = data[position + 4 : position + 4 + length]
        position += 4 + length
        if kind in _SINGLE and len(body) >= 4:
            row, col = struct.unpack_from("<HH", body)
            scan.cells += 1
            scan.rows, scan.columns = max(scan.rows, row + 1), max(scan.columns, col + 1)
            if kind == _BOOLERR and len(body) >= 8 and body[7] == 1:
                cell = f"{column_letters(col + 1)}{row + 1}"
                scan.findings.append(Finding("error-cell", cell, _ERRORS.get(body[6], "#?")))
        elif kind in _MULTI and len(body) >= 6:
            row, first = struct.unpack_from("<HH", body)
            (last,) = struct.unpack_from("<H", body, len(body) - 2)
            scan.cells += max(last - first + 1, 0)
            scan.rows = max(scan.rows, row + 1)
            scan.columns = max(scan.columns, last + 1, first + 1)
    return scan
