"""Text files: encoding detection and decoding, separators, and CSV rows with line numbers.

Exports and transcripts arrive as Windows-1252 ("ANSI"), UTF-8 with or without BOM, or
UTF-16 with BOM ("Unicode", tab-separated). Detection order: BOM; UTF-16 without BOM
(NUL bytes in every other position); strict UTF-8; Windows-1252. What cannot be read is
an :class:`~toolkit.errors.EncodingError` naming the line and byte, and its advice names
the reader that was called (``reader=``), so a transcript is never told to call
``read_surveyxact``. An explicit ``encoding=`` that would give mojibake (UTF-8 bytes read
as Windows-1252: "Ã¸" for "ø") is refused, not loaded wrong.

:func:`csv_rows` parses with the csv module in strict mode, so an unclosed quote cannot
silently swallow the rest of a file; fields of any length are accepted.

Examples
--------
>>> detect_encoding("Helt enig;Vet ikke".encode("cp1252"))
'utf-8'
>>> detect_encoding("Verken enig eller uenig;Ønsker ikke å svare".encode("cp1252"))
'cp1252'
>>> detect_encoding("\\ufeffq_1\\tq_2".encode("utf-16-le"))
'utf-16'
>>> detect_separator("questionName;variableName;questionType")
';'
>>> [row for _, row in csv_rows('a;"b;c"\\r\\nd;e\\r\\n', ";", file="x.csv")]
[['a', 'b;c'], ['d', 'e']]
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import re
import sys
from collections.abc import Iterator
from pathlib import Path

from toolkit.errors import CorruptFileError, EncodingError
from toolkit.rawfiles.files import RawFile

SEPARATORS = (";", ",", "\t")
SEPARATOR_NAMES = {";": "semicolon ';'", ",": "comma ','", "\t": "tab"}
#: What UTF-8 text with æøå (and –, «», €) looks like when read as Windows-1252.
_MOJIBAKE = re.compile(
    "Ã[\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u02c6\u02dc\u2013-\u203a"
    "\u20ac\u2122]|â€|Â[\u00a0-\u00bf]"
)


def detect_encoding(data: bytes) -> str:
    """Name the encoding of ``data`` (see module docstring for the order tried)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    head = data[:4096]
    if len(head) >= 4:
        if head[1::2].count(0) > len(head) // 4 and head[0::2].count(0) == 0:
            return "utf-16-le"
        if head[0::2].count(0) > len(head) // 4 and head[1::2].count(0) == 0:
            return "utf-16-be"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8"


def canonical(encoding: str) -> str:
    """The codec's own name ("cp1252" for "windows-1252" and "ANSI"-style aliases)."""
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        return encoding.lower()


def _line_of(data: bytes, offset: int) -> int:
    return data[:offset].count(b"\n") + 1


def check_explicit(raw: RawFile, encoding: str, *, reader: str = "read_surveyxact") -> None:
    """Refuse an explicit encoding that turns the file into mojibake: bytes that are valid
    UTF-8 (with letters beyond ASCII) read as a single-byte encoding."""
    name = canonical(encoding)
    if name in {"utf-8", "utf-8-sig"} or name.startswith("utf-16") or raw.data.isascii():
        return
    try:
        raw.data.decode("utf-8")
    except UnicodeDecodeError:
        return
    text = raw.data.decode(name, errors="replace")
    found = _MOJIBAKE.search(text)
    if found:
        line = text[: found.start()].count("\n") + 1
        raise EncodingError(
            f"{raw.path.name} is UTF-8, but encoding={encoding!r} would read it as mojibake",
            file=raw.path,
            where=f"line {line}",
            found=f"{found.group()!r} where UTF-8 means "
            f"{found.group().encode(name, errors='replace').decode('utf-8', 'replace')!r}",
            hint=f"leave encoding= out (it is detected) or pass encoding='utf-8' to {reader}()",
        )


def decode(
    raw: RawFile, encoding: str, *, reader: str = "read_surveyxact", explicit: bool = False
) -> str:
    """Decode a raw file, turning a decoding failure into an :class:`EncodingError`."""
    if explicit:
        check_explicit(raw, encoding, reader=reader)
    try:
        text = raw.data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = _line_of(raw.data, exc.start)
        bad = raw.data[exc.start : exc.start + 4]
        bom = raw.data.startswith(b"\xef\xbb\xbf") and canonical(encoding) == "utf-8-sig"
        raise EncodingError(
            f"{raw.path.name} starts with a UTF-8 byte-order mark but is not UTF-8"
            if bom
            else f"{raw.path.name} cannot be decoded as {encoding}",
            file=raw.path,
            where=f"line {line}, byte {exc.start}",
            found=f"bytes {bad!r}" + (" (Windows-1252 letters after a UTF-8 BOM)" if bom else ""),
            hint=f"pass the right encoding, e.g. {reader}(path, encoding='cp1252'); "
            "files come as 'ANSI' (cp1252), UTF-8 or 'Unicode' (UTF-16)"
            + ("; the file was probably edited and saved by another program" if bom else ""),
        ) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    return text


def detect_separator(header_line: str) -> str:
    """The separator that splits a header line into the most fields (outside quotes)."""
    counts = separator_counts(header_line)
    best = max(SEPARATORS, key=lambda sep: counts[sep])
    return best if counts[best] else ";"


def separator_counts(line: str) -> dict[str, int]:
    """How often each candidate separator occurs outside quotes in ``line``."""
    counts = dict.fromkeys(SEPARATORS, 0)
    quoted = False
    for char in line:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    return counts


def first_line(text: str) -> str:
    """The first line of ``text`` without its line ending."""
    end = text.find("\n")
    return (text if end < 0 else text[:end]).rstrip("\r")


@contextlib.contextmanager
def _any_field_size():
    old = csv.field_size_limit()
    csv.field_size_limit(sys.maxsize)
    try:
        yield
    finally:
        csv.field_size_limit(old)


def csv_rows(
    text: str, sep: str, *, file: str | Path, repaired: list | None = None
) -> Iterator[tuple[int, list[str]]]:
    """``(line number, fields)`` per non-blank row, parsed strictly.

    An unclosed quote is a :class:`CorruptFileError` naming the line where it opened. A
    row whose quotes are malformed (``"a"b``) is read with quotes as plain characters, and
    its line number is appended to ``repaired`` so the caller can report it.
    """
    lines = text.splitlines(keepends=True)
    with _any_field_size():
        reader = csv.reader(iter(lines), delimiter=sep, strict=True)
        start = 1
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                # a quote still open at the end, or one "closed" by the next quoted text
                # lines later (the rows in between were swallowed): the quote never closed
                if "unexpected end of data" in str(exc) or reader.line_num > start:
                    raise CorruptFileError(
                        f"{Path(file).name} has a quote that is never closed",
                        file=file,
                        where=f"line {start}",
                        expected="every opening quote closed in the same field",
                        found=f"the quoted text runs from line {start} to "
                        + (
                            "the end of the file"
                            if "unexpected end" in str(exc)
                            else f"line {reader.line_num}, swallowing the lines between"
                        ),
                        hint="open the file in a text editor at that line and close the "
                        "quote, or export again",
                    ) from None
                line = lines[reader.line_num - 1]
                plain = next(csv.reader([line], delimiter=sep, quoting=csv.QUOTE_NONE), [])
                if repaired is not None:
                    repaired.append(reader.line_num)
                yield reader.line_num, plain
                start = reader.line_num + 1
                continue
            if row:
                yield start, row
            start = reader.line_num + 1
