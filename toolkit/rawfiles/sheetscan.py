"""Scan a worksheet's XML before a spreadsheet library allocates its cells.

calamine (behind python-calamine and pandas' calamine engine) sizes a sheet's cell grid
from the cells it finds: one cell at XFD1048576 in a file of a few hundred bytes asks for
a grid of 17 billion cells, and the failed allocation aborts the whole Python process (a
notebook kernel dies; no exception can be caught). :func:`scan_sheet` therefore streams
the sheet XML once and returns the real extent (largest row and column referenced), the
number of cells, the declared ``<dimension>``, and the cells a reader would silently show
as blank: error values (``#N/A``, ``#DIV/0!``, ``#REF!``) and formulas without a cached
value.

The common form (every cell written ``<c r="B7" ...>``, as Excel, LibreOffice, openpyxl
and SurveyXact write it) is read with numpy over each decompressed block; anything else
(cells without ``r``, namespace prefixes, unusual quoting or spacing) falls back to an
exact, slower regular-expression pass, so no spelling of a reference escapes the scan.

Examples
--------
>>> xml = (b'<worksheet><dimension ref="A1:B2"/><sheetData><row r="1"><c r="A1"><v>1</v>'
...        b'</c><c r="B1" t="e"><v>#N/A</v></c></row><row r="2"><c r="XFD1048576">'
...        b'<f>SUM(A1)</f></c></row></sheetData></worksheet>')
>>> scan = scan_blocks([xml], part="sheet1.xml")
>>> scan.rows, scan.columns, scan.cells, scan.declared
(1048576, 16384, 3, 'A1:B2')
>>> [(f.kind, f.cell, f.value) for f in scan.findings]
[('error-cell', 'B1', '#N/A'), ('formula-without-value', 'XFD1048576', 'SUM(A1)')]
"""

from __future__ import annotations

import os
import re
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np

_LAST_ROW = re.compile(rb'^<row\s[^>]*?\br\s*=\s*["\']?(\d{1,9})')
_CODES = tuple(np.frombuffer(pair, dtype="<u2")[0] for pair in (b"<c", b"<f", b":c", b":f"))
_ERROR_CODES = tuple(np.frombuffer(pair, dtype="<u2")[0] for pair in (b'"e', b"'e"))
_NAME_END = np.frombuffer(b" >/\t\n\r", dtype=np.uint8)
_QUOTES = np.frombuffer(b"\"'", dtype=np.uint8)
_STANDARD = np.frombuffer(b' r="', dtype=np.uint8)
_A, _ZERO = np.uint8(65), np.uint8(48)
_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s[^>]*?ref\s*=\s*["\']([^"\']*)["\']')
_ELEMENT = re.compile(
    rb"<(?:[A-Za-z_][\w.-]*:)?(c|row)(?=[\s/>])((?:[^>\"']|\"[^\"]*\"|'[^']*')*)(/?)>"
)
_ATTR_R = re.compile(rb"(?:^|\s)r\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")
_REF = re.compile(rb"^\$?([A-Za-z]{1,3})\$?(\d{1,7})$")
_ERROR_ATTR = re.compile(rb"(?:^|\s)t\s*=\s*[\"']e[\"']")
_VALUE = re.compile(rb"<(?:\w+:)?v(?:\s[^>]*)?>([^<]*)</(?:\w+:)?v>")
_FORMULA = re.compile(rb"<(?:\w+:)?f(?:\s[^>]*)?(?:/>|>([^<]*)</(?:\w+:)?f>)")
MAX_FINDINGS = 50
_WORKERS = max(1, min(4, os.cpu_count() or 1))


@dataclass(frozen=True)
class Finding:
    """A cell a reader would show as blank: ``error-cell`` or ``formula-without-value``."""

    kind: str
    cell: str
    value: str | None


@dataclass
class SheetScan:
    """What :func:`scan_sheet` found in one worksheet part."""

    part: str
    rows: int = 0
    columns: int = 0
    cells: int = 0
    declared: str | None = None
    findings: list[Finding] = field(default_factory=list)
    more_findings: int = 0
    #: the exact pass's position (current row, next column) carried across blocks
    _cursor: tuple[int, int] = (0, 1)

    @property
    def extent(self) -> int:
        """Cells in the grid a reader allocates (largest row × largest column)."""
        return self.rows * self.columns


def column_number(letters: str) -> int:
    """ "A" → 1, "Z" → 26, "AA" → 27, "XFD" → 16384."""
    number = 0
    for char in letters.upper():
        number = number * 26 + ord(char) - 64
    return number


def column_letters(number: int) -> str:
    out = ""
    while number:
        number, rest = divmod(number - 1, 26)
        out = chr(65 + rest) + out
    return out


def _pairs(
    d: np.ndarray, codes: tuple[np.uint16, ...], ends: np.ndarray | None = None
) -> list[np.ndarray]:
    """For each two-byte code ("<c", "<f", ":c"), the offsets where an element of that
    name opens (the next byte ends the name). Two aligned uint16 views of the block are
    compared once per code; the offsets are not sorted (only maxima are needed)."""
    views = []
    for shift in (0, 1):
        usable = (len(d) - shift) // 2 * 2
        if usable > 0:
            views.append((shift, d[shift : shift + usable].view("<u2")))
    out = []
    for code in codes:
        starts = np.concatenate([np.flatnonzero(w == code) * 2 + shift for shift, w in views])
        out.append(starts[np.isin(d[starts + 2], _NAME_END if ends is None else ends)])
    return out


def _fast_refs(d: np.ndarray, p: np.ndarray) -> tuple[int, int, int, int] | None:
    """(cells, largest row, largest column, column of the last cell) when every cell ``p``
    opens in the common form ``<c r="B7"``, else None. ``d`` is the block as uint8 with
    16 bytes of padding. 1-D gathers and int32 arithmetic only (memory traffic is the
    cost): letters at +6..+8, then the digits after them."""
    if not len(p):
        return 0, 0, 0, 0
    standard = (d[p + 2] == 32) & (d[p + 3] == 114) & (d[p + 4] == 61) & (d[p + 5] == 34)
    if not standard.all():  # some cell is spelled otherwise: the exact pass decides
        return None
    at = p + 6
    b0, b1, b2, b3 = d[at], d[at + 1], d[at + 2], d[at + 3]
    l0, l1, l2, l3 = ((b - _A) < 26 for b in (b0, b1, b2, b3))
    l01 = l0 & l1
    l012 = l01 & l2
    if not l0.all() or (l012 & l3).any():
        return None
    n_letters = 1 + l01.view(np.int8) + l012.view(np.int8)
    col = b0.astype(np.int32) - 64
    col[l01] = col[l01] * 26 + (b1[l01].astype(np.int32) - 64)
    col[l012] = col[l012] * 26 + (b2[l012].astype(np.int32) - 64)
    first = at + n_letters
    row = np.zeros(len(p), dtype=np.int32)
    n_digits = np.zeros(len(p), dtype=np.int8)
    running = np.ones(len(p), dtype=bool)
    for j in range(8):
        digit = d[first + j] - _ZERO
        running &= digit < 10
        if not running.any():
            break
        row = np.where(running, row * 10 + digit, row)
        n_digits += running
    if n_digits.min() < 1 or n_digits.max() > 7 or (d[first + n_digits] != 34).any():
        return None
    return len(p), int(row.max()), int(col.max()), int(col[np.argmax(p)])


def _exact_refs(block: bytes, scan: SheetScan) -> tuple[int, int, int]:
    """The slow, exact pass: every ``c`` and ``row`` element, any spelling."""
    cells = max_row = max_col = 0
    current_row, next_col = scan._cursor
    for match in _ELEMENT.finditer(block):
        name, attrs = match.group(1), match.group(2)
        ref = _ATTR_R.search(attrs)
        value = (ref.group(1) if ref.group(1) is not None else ref.group(2)) if ref else None
        if name == b"row":
            current_row = int(value) if value and value.isdigit() else current_row + 1
            next_col = 1
            max_row = max(max_row, current_row)
            continue
        cells += 1
        parsed = _REF.match(value.strip()) if value else None
        if value is not None and parsed is None:
            raise ValueError(f"cell reference {value[:40]!r}")
        if parsed:
            col, row = column_number(parsed.group(1).decode()), int(parsed.group(2))
        else:
            col, row = next_col, max(current_row, 1)
        next_col = col + 1
        max_row, max_col = max(max_row, row), max(max_col, col)
    scan._cursor = (current_row, next_col)
    return cells, max_row, max_col


def _findings(block: bytes, scan: SheetScan) -> None:
    """Error cells and formulas without a cached value (rare: located one by one)."""
    for marker in (b't="e"', b"t='e'", b"<f", b":f"):
        start = 0
        while (hit := block.find(marker, start)) >= 0:
            start = hit + 1
            cell_start = max(block.rfind(b"<c ", 0, hit + 1), block.rfind(b":c ", 0, hit + 1))
            end = block.find(b"</c>", hit)
            head_end = block.find(b">", cell_start)
            if cell_start < 0 or head_end < 0:
                continue
            attrs = block[cell_start:head_end]
            body = block[head_end : end if end >= 0 else head_end]
            ref = _ATTR_R.search(attrs)
            cell = (ref.group(1) or ref.group(2) or b"?").decode() if ref else "?"
            value = _VALUE.search(body)
            formula = _FORMULA.search(body)
            if _ERROR_ATTR.search(attrs) and marker.startswith(b"t"):
                _add(scan, Finding("error-cell", cell, value.group(1).decode() if value else None))
            elif formula and value is None and marker in (b"<f", b":f"):
                text = (formula.group(1) or b"").decode(errors="replace")[:80]
                _add(scan, Finding("formula-without-value", cell, text))


def _add(scan: SheetScan, finding: Finding) -> None:
    if finding in scan.findings:
        return
    if len(scan.findings) < MAX_FINDINGS:
        scan.findings.append(finding)
    else:
        scan.more_findings += 1


@dataclass
class _Part:
    """What the parallel pass found in one block (the exact pass runs later, in order)."""

    data: bytes
    fast: tuple[int, int, int, int] | None
    last_row: int | None
    findings: bool


def _fast_part(data: bytes) -> _Part:
    """The order-free work on one block: runs in a worker thread (numpy releases the GIL)."""
    d = np.frombuffer(data + b"\0" * 16, dtype=np.uint8)
    cells, formulas, prefixed_cells, prefixed_formulas = _pairs(d, _CODES)
    # namespace-prefixed cells (<x:c r=...>) are legal and rare: the exact pass reads them;
    # any other spelling (r not first, other quotes or spacing) fails the fast path's checks
    fast = None if len(prefixed_cells) else _fast_refs(d, cells)
    row_at = data.rfind(b"<row")
    last = _LAST_ROW.search(data[row_at:]) if row_at >= 0 else None
    findings = bool(len(formulas) or len(prefixed_formulas)) or _has_error_type(d)
    return _Part(data, fast, int(last.group(1)) if last else None, findings)


def _has_error_type(d: np.ndarray) -> bool:
    """Whether any ``t="e"`` (an error-valued cell) occurs in the block."""
    for starts in _pairs(d, _ERROR_CODES, ends=_QUOTES):
        if len(starts) and ((d[starts - 2] == 116) & (d[starts - 1] == 61)).any():  # 't='
            return True
    return False


def _merge(part: _Part, scan: SheetScan) -> None:
    """Fold one block's result into ``scan``, in block order."""
    if part.fast is None:
        n, rows, columns = _exact_refs(part.data, scan)
    else:  # keep the exact pass's position right for a later block that needs it
        n, rows, columns, last_column = part.fast
        row_now = part.last_row if part.last_row is not None else scan._cursor[0]
        scan._cursor = (row_now, last_column + 1 if n else 1)
    scan.cells += n
    scan.rows, scan.columns = max(scan.rows, rows), max(scan.columns, columns)
    if part.findings:
        _findings(part.data, scan)


def _pieces(blocks: Iterable[bytes]) -> Iterator[bytes]:
    """Blocks re-cut so that no tag and no cell is split between two of them: the last
    cell (or, inside one long cell, the last tag) is carried into the next block."""
    carry = b""
    for block in blocks:
        data = carry + block
        cut = max(data.rfind(b"<c "), data.rfind(b"<row"), data.rfind(b"<c>"))
        cut = cut if cut > 0 else data.rfind(b"<")
        cut = cut if cut > 0 else len(data)
        yield data[:cut]
        carry = data[cut:]
    if carry:
        yield carry


def scan_blocks(blocks: Iterable[bytes], *, part: str) -> SheetScan:
    """Scan a worksheet given as a stream of byte blocks (see module docstring). Blocks
    are scanned in worker threads while the next ones are unpacked; results are merged
    in order."""
    scan = SheetScan(part)
    pending: deque[Future] = deque()
    with ThreadPoolExecutor(max_workers=_WORKERS) as pool:
        for index, piece in enumerate(_pieces(blocks)):
            if index == 0:
                declared = _DIMENSION.search(piece[:8192])
                scan.declared = declared.group(1).decode(errors="replace") if declared else None
            pending.append(pool.submit(_fast_part, piece))
            while len(pending) > _WORKERS:
                _merge(pending.popleft().result(), scan)
        while pending:
            _merge(pending.popleft().result(), scan)
    return scan
