"""``dataset.csv`` of a SurveyXact CSV export, parsed with pyarrow (multi-threaded).

Closed items are read as int16 and open answers as text; a single-byte (Windows-1252) file
is parsed as raw bytes and only its text columns are transcoded
(:mod:`toolkit.surveys.transcode`). Quirks are repaired and reported, failures located:

* fields of any length (a several-MiB open answer) load: a row that straddles pyarrow's
  blocks is parsed again in one block;
* NUL bytes (a damaged or mis-encoded file) are removed and reported with their line;
* a row with the wrong number of fields is an error naming its line, never its content
  (the content may be personal);
* bytes that are not valid in the file's encoding are an EncodingError naming line and byte.
"""

from __future__ import annotations

import csv
import io

import pyarrow as pa
import pyarrow.csv as pacsv

from toolkit.errors import CorruptFileError, ExportFormatError, ToolkitError
from toolkit.problems import Problems
from toolkit.rawfiles.files import RawFile
from toolkit.rawfiles.text import SEPARATOR_NAMES, csv_rows, decode
from toolkit.surveys.transcode import is_single_byte, to_utf8, undefined_bytes

MAX_NUL_CELLS = 20  # answers named one by one; more are summed up in one problem


def _parse(data: bytes, names: list[str], sep: str, types: dict, *, raw_text: bool, block=None):
    if raw_text:  # single-byte file parsed as is: text columns stay bytes until transcoded
        types = {n: pa.binary() if t == pa.string() else t for n, t in types.items()}
    read_options = pacsv.ReadOptions(column_names=names, skip_rows=1)
    if block:
        read_options.block_size = block
    return pacsv.read_csv(
        io.BytesIO(data),
        read_options=read_options,
        parse_options=pacsv.ParseOptions(delimiter=sep, newlines_in_values=True),
        convert_options=pacsv.ConvertOptions(
            column_types=types,
            null_values=[""],
            strings_can_be_null=True,
            quoted_strings_can_be_null=True,
            check_utf8=not raw_text,
        ),
    )


def _bytes_for_arrow(
    raw: RawFile, encoding: str, sep: str, problems: Problems
) -> tuple[bytes, bool]:
    """The bytes pyarrow parses (UTF-8, or raw single-byte) and whether they are raw."""
    raw_text = is_single_byte(encoding)
    if encoding in {"utf-8", "utf-8-sig"}:
        data = raw.data[3:] if raw.data.startswith(b"\xef\xbb\xbf") else raw.data
    elif raw_text:
        data = raw.data
        if any(bytes([b]) in data for b in undefined_bytes(encoding)):
            decode(raw, encoding)  # raises EncodingError naming the line and byte
    else:
        data = decode(raw, encoding).encode("utf-8")
    if b"\x00" in data:
        data = _remove_nul(data, raw, encoding if raw_text else "utf-8", sep, problems)
    return data, raw_text


def _remove_nul(data: bytes, raw: RawFile, encoding: str, sep: str, problems: Problems) -> bytes:
    """The bytes without NUL; each answer that held some, and padding at the end (a file
    cut off by a crash or a full disk), is a problem naming its row, column and line."""
    body = data.rstrip(b"\x00")
    padding = len(data) - len(body)
    cells, rows = _nul_cells(body, raw, encoding, sep)
    for row, line, column, count in cells[:MAX_NUL_CELLS]:
        problems.add(
            "nul-bytes",
            f"row {row}, column {column}: {count} NUL byte(s) removed from the answer; the "
            "file may be damaged or mis-encoded",
            file=str(raw.path),
            location=f"line {line}, row {row}",
            variable=column,
            count=count,
        )
    inside = body.count(0)
    if len(cells) > MAX_NUL_CELLS or (inside and not cells):
        first = body[: body.index(b"\x00")].count(10) + 1
        problems.add(
            "nul-bytes",
            f"{inside} NUL byte(s) removed from the dataset (first on line {first}); the file "
            "may be damaged or mis-encoded",
            file=str(raw.path),
            location=f"line {first}",
            count=inside,
        )
    if padding:
        lines = body.count(10) + (0 if body.endswith(b"\n") else 1)
        where = f"after row {rows} (line {lines})" if rows is not None else f"after line {lines}"
        problems.add(
            "nul-padding",
            f"the file ends in {padding:,} NUL bytes {where}, as a file cut off by a crash or "
            "a full disk does; the rows before them were read: check their number against "
            "SurveyXact's, and export again if some are missing",
            file=str(raw.path),
            location=f"end of file, {where}",
            count=padding,
        )
    return body.replace(b"\x00", b"")


def _nul_cells(
    body: bytes, raw: RawFile, encoding: str, sep: str
) -> tuple[list[tuple], int | None]:
    """``(row, line, column, NUL count)`` per answer holding NUL, and the number of rows
    (``None`` when the damaged file cannot be read row by row)."""
    text = body.decode(encoding, errors="replace")
    cells, header, rows = [], None, 0
    try:
        for line, fields in csv_rows(text, sep, file=raw.path):
            if header is None:
                header = fields
                continue
            rows += 1
            cells += [
                (rows, line, name, field.count("\x00"))
                for name, field in zip(header, fields, strict=False)
                if "\x00" in field
            ]
    except ToolkitError:
        return cells, None
    return cells, rows


def _header(data: bytes, raw: RawFile, encoding: str, sep: str, raw_text: bool) -> list[str]:
    end = data.find(b"\n")
    header_line = data[: end if end >= 0 else len(data)].decode(encoding if raw_text else "utf-8")
    names = next(csv.reader([header_line.rstrip("\r")], delimiter=sep), [])
    duplicates = sorted({n for n in names if names.count(n) > 1 and n.strip()})
    if duplicates:
        raise ExportFormatError(
            "dataset.csv has duplicate column names",
            file=raw.path,
            where="header row (line 1)",
            found=", ".join(duplicates[:10]),
            hint="each variable must appear once; export the dataset again",
        )
    return names


def _locate(raw: RawFile, data: bytes, encoding: str, sep: str, raw_text: bool, width: int):
    """The first line whose row has another number of fields than the header (found with
    the csv module, only once parsing has failed)."""
    text = data.decode(encoding if raw_text else "utf-8", errors="replace")
    for line, row in csv_rows(text, sep, file=raw.path):
        if len(row) != width:
            return line, len(row)
    return None, None


def _fail(raw, data, encoding, sep, raw_text, names, exc) -> CorruptFileError:
    message = str(exc)
    if "UTF8" in message or "utf8" in message.lower():
        decode(raw, "utf-8")  # raises the EncodingError with line and byte
    line, found = _locate(raw, data, encoding, sep, raw_text, len(names))
    name = SEPARATOR_NAMES.get(sep, repr(sep))
    return CorruptFileError(
        "dataset.csv could not be parsed as a table",
        file=raw.path,
        where=f"line {line}" if line else "dataset rows",
        expected=f"{len(names)} fields per row separated by {name}, as in the header",
        found=f"{found} fields" if found is not None else message.split(":", 1)[0][:120],
        hint="a row may be cut off or hold an unquoted separator; open the file in a "
        "text editor at that line, or export again",
    )


def read_dataset(
    raw: RawFile, encoding: str, sep: str, types: dict[str, pa.DataType], problems: Problems
) -> tuple[dict[str, pa.ChunkedArray], int]:
    """Parse dataset.csv (see module docstring): columns by name and the row count.

    A file whose closed items hold anything but whole numbers is parsed again with types
    inferred; the typing step then keeps and reports the odd values.
    """
    data, raw_text = _bytes_for_arrow(raw, encoding, sep, problems)
    names = _header(data, raw, encoding, sep, raw_text)
    phantom = bool(names) and names[-1].strip() == ""
    if phantom:
        names[-1] = "__phantom__"
    wanted = {n: t for n, t in types.items() if n in set(names)}
    strings = {n: t for n, t in wanted.items() if t == pa.string()}
    table, error = _attempt(data, names, sep, wanted, raw_text)
    if table is None:  # closed items hold other than whole numbers: infer their types
        table, error = _attempt(data, names, sep, strings, raw_text)
    if table is None:
        raise _fail(raw, data, encoding, sep, raw_text, names, error)
    columns = {name: table.column(i) for i, name in enumerate(table.column_names)}
    if raw_text:
        for name, col in columns.items():
            if pa.types.is_binary(col.type) or pa.types.is_string(col.type):
                columns[name] = to_utf8(col, encoding)
    if phantom:
        _drop_phantom(columns, raw, problems)
    return columns, table.num_rows


def _attempt(data, names, sep, types, raw_text) -> tuple[pa.Table | None, Exception | None]:
    """Parse in parallel blocks; a row longer than a block (a multi-MiB answer) makes
    pyarrow give up, and then the file is parsed again as one block."""
    try:
        return _parse(data, names, sep, types, raw_text=raw_text), None
    except (pa.ArrowInvalid, pa.ArrowException) as exc:
        if "straddl" not in str(exc):
            return None, exc
    try:
        return _parse(data, names, sep, types, raw_text=raw_text, block=len(data) + 1), None
    except (pa.ArrowInvalid, pa.ArrowException) as exc:
        return None, exc


def _drop_phantom(columns: dict, raw: RawFile, problems: Problems) -> None:
    extra = columns.pop("__phantom__")
    if extra.null_count != len(extra):
        raise CorruptFileError(
            "dataset.csv has values under an unnamed last column",
            file=raw.path,
            where="last column",
            hint="the header and the rows disagree in length; export again",
        )
    problems.add(
        "phantom-column",
        "dataset rows ended with a separator (empty trailing column dropped)",
        file=str(raw.path),
    )
