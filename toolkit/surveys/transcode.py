"""Transcode single-byte (Windows-1252) text columns to UTF-8 after parsing.

A Windows-1252 dataset.csv is mostly ASCII digits and separators; only answers to open
questions hold æøå. Instead of transcoding the whole file before parsing (what a bare
``pyarrow.csv.read_csv(encoding=...)`` does), the raw bytes are parsed as they are and only
the text columns are transcoded, vectorised over their Arrow buffers. Windows-1252 maps one
byte to one character, so the new UTF-8 offsets follow from a cumulative sum of the extra
bytes each character needs.

Examples
--------
>>> import pyarrow as pa
>>> col = pa.chunked_array([pa.array(["Bra".encode(), "Æøå €".encode("cp1252"), None],
...                                  pa.binary())])
>>> to_utf8(col, "cp1252").to_pylist()
['Bra', 'Æøå €', None]
"""

from __future__ import annotations

import codecs
from functools import lru_cache

import numpy as np
import pyarrow as pa

SINGLE_BYTE = {"cp1252", "iso8859-1", "latin-1"}


def is_single_byte(encoding: str) -> bool:
    try:
        return codecs.lookup(encoding).name in SINGLE_BYTE
    except LookupError:
        return False


@lru_cache(maxsize=8)
def _extra_bytes(encoding: str) -> np.ndarray:
    """How many more bytes than one each byte value needs in UTF-8 (undefined → 0)."""
    extra = np.zeros(256, dtype=np.int64)
    for value in range(128, 256):
        char = bytes([value]).decode(encoding, errors="ignore")
        extra[value] = len(char.encode("utf-8")) - 1 if char else 0
    return extra


def undefined_bytes(encoding: str) -> bytes:
    """Byte values the encoding does not define (0x81, 0x8D, 0x8F, 0x90, 0x9D in cp1252)."""
    out = []
    for value in range(128, 256):
        try:
            bytes([value]).decode(encoding)
        except UnicodeDecodeError:
            out.append(value)
    return bytes(out)


def _growth(raw: bytes, encoding: str, positions: np.ndarray) -> np.ndarray:
    """How many bytes UTF-8 adds before each position: a cumulative sum over the non-ASCII
    bytes only, so a 64 MiB answer costs one byte per byte, not eight."""
    extra = _extra_bytes(encoding).astype(np.uint8)[np.frombuffer(raw, np.uint8)]
    where = np.flatnonzero(extra)
    total = np.concatenate([[0], np.cumsum(extra[where], dtype=np.int64)])
    return total[np.searchsorted(where, positions, side="left")]


def _chunk_to_utf8(chunk: pa.Array, encoding: str) -> pa.Array:
    if chunk.offset:
        chunk = pa.concat_arrays([chunk])
    chunk = chunk.cast(pa.binary()) if not pa.types.is_binary(chunk.type) else chunk
    validity, offsets_buffer, data_buffer = chunk.buffers()
    offsets = np.frombuffer(offsets_buffer, dtype=np.int32)[: len(chunk) + 1]
    start, end = int(offsets[0]), int(offsets[-1])
    raw = data_buffer.to_pybytes()[start:end] if data_buffer is not None else b""
    if raw.isascii():
        return chunk.cast(pa.string())
    utf8 = raw.decode(encoding).encode("utf-8")
    relative = offsets - start
    new_offsets = (relative + _growth(raw, encoding, relative)).astype(np.int32)
    return pa.StringArray.from_buffers(
        len(chunk), pa.py_buffer(new_offsets), pa.py_buffer(utf8), validity, chunk.null_count
    )


def to_utf8(col: pa.ChunkedArray, encoding: str) -> pa.ChunkedArray:
    """A binary (or unchecked string) column in ``encoding`` as a UTF-8 string column."""
    return pa.chunked_array([_chunk_to_utf8(c, encoding) for c in col.chunks], pa.string())
