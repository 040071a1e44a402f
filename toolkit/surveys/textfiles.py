"""Raw files: read once, read-only, hashed; text encoding and separator detection.

SurveyXact writes CSV as Windows-1252 ("ANSI"), as UTF-8 with or without BOM, or as
UTF-16 with BOM ("Unicode", tab-separated). Detection order: BOM; UTF-16 without BOM
(NUL bytes in every other position); strict UTF-8; Windows-1252. A file that none of
these decodes raises :class:`~toolkit.errors.EncodingError` naming the line and byte.

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
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from toolkit.errors import EncodingError, MissingFileError

SEPARATORS = (";", ",", "\t")


@dataclass(frozen=True)
class RawFile:
    """The bytes of one input file with its identity (path, size, sha256)."""

    path: Path
    data: bytes
    sha256: str

    @property
    def size(self) -> int:
        return len(self.data)


def read_raw(path: str | Path, *, role: str = "file") -> RawFile:
    """Read a file's bytes read-only and hash them.

    The file is opened in ``"rb"`` mode only; nothing is ever written back.
    """
    path = Path(path)
    if not path.is_file():
        raise MissingFileError(
            f"the {role} is missing",
            file=path,
            expected=f"a readable file at {path}",
            hint="check the path; a SurveyXact CSV export needs dataset.csv, labels.csv "
            "and structure.csv in one folder",
        )
    with path.open("rb") as handle:
        data = handle.read()
    return RawFile(path=path, data=data, sha256=hashlib.sha256(data).hexdigest())


def sha256_of(path: str | Path) -> str:
    """Hash a file in chunks (for files that are not held in memory, e.g. .xlsx)."""
    digest = hashlib.sha256()
    with Path(path).open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


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


def decode(raw: RawFile, encoding: str) -> str:
    """Decode a raw file, turning a decoding failure into an :class:`EncodingError`."""
    try:
        text = raw.data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = raw.data[: exc.start].count(b"\n") + 1
        bad = raw.data[exc.start : exc.start + 4]
        raise EncodingError(
            f"{raw.path.name} cannot be decoded as {encoding}",
            file=raw.path,
            where=f"line {line}, byte {exc.start}",
            found=f"bytes {bad!r}",
            hint="pass the right encoding, e.g. read_surveyxact(path, encoding='utf-8'); "
            "SurveyXact writes 'ANSI' (cp1252), UTF-8 or 'Unicode' (UTF-16)",
        ) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    return text


def detect_separator(header_line: str) -> str:
    """The separator that splits a header line into the most fields (outside quotes)."""
    counts = dict.fromkeys(SEPARATORS, 0)
    quoted = False
    for char in header_line:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    best = max(SEPARATORS, key=lambda sep: counts[sep])
    return best if counts[best] else ";"


def first_line(text: str) -> str:
    """The first line of ``text`` without its line ending."""
    end = text.find("\n")
    return (text if end < 0 else text[:end]).rstrip("\r")


__all__ = ["RawFile", "decode", "detect_encoding", "detect_separator", "read_raw", "sha256_of"]
