"""Segment tables exported by QDA tools (CSV/XLSX): one row per coded segment.

Presets know the column layouts of QualCoder (coded text export), Taguette (highlights),
MAXQDA (coded segments; "Parent\\Child" codes) and NVivo (coding summary); ``columns=``
maps any other layout: ``{"document": ..., "code": ..., "text": ..., "start": ...,
"end": ..., "coder": ..., "memo": ...}``. Without ``preset`` the layout is detected from
the header.

Most exports carry the quoted text but no character offsets. With ``texts=`` (a folder of
the transcripts as .txt) each segment is located in its document (at the exported offsets
when they match, else from the exported paragraph, else by searching forward), so offsets
are real; a segment that cannot be
found is reported, not guessed. Without ``texts`` each document's text is its coded
segments joined by blank lines (``corpus.source["texts"] == "segments only"``).

Examples
--------
>>> import pandas as pd, tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "coded_segments.xlsx"
>>> pd.DataFrame({"Document group": ["Ledere"], "Document name": ["Intervju 1"],
...               "Code": ["Tid\\\\Arbeidspress"], "Beginning": [3], "End": [3],
...               "Segment": ["Vi har for lite tid."], "Author": ["AB"]}).to_excel(path,
...               index=False)
>>> corpus = read_segments(path)
>>> corpus.source["preset"], corpus.segments["path"].tolist()
('maxqda', ['Tid/Arbeidspress'])
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from toolkit.errors import ExportFormatError
from toolkit.interviews.attributes import finish
from toolkit.interviews.build import CorpusBuilder, split_path
from toolkit.interviews.corpus import Corpus
from toolkit.rawfiles.files import inside, read_raw
from toolkit.rawfiles.tables import Table, read_table
from toolkit.rawfiles.text import decode, detect_encoding

PRESETS: dict[str, dict[str, list[str]]] = {
    "maxqda": {
        "document": ["document name", "dokumentname", "dokument"],
        "code": ["code", "kode"],
        "text": ["segment"],
        "coder": ["author", "autor", "forfatter"],
        "memo": ["comment", "kommentar"],
        "group": ["document group", "dokumentgruppe"],
        "paragraph": ["beginning", "anfang", "begynnelse"],
    },
    "qualcoder": {
        "document": ["file", "filename", "file name"],
        "code": ["codename", "code name"],
        "text": ["coded text", "coded_text", "seltext", "text"],
        "start": ["pos0", "start"],
        "end": ["pos1", "end"],
        "coder": ["coder", "owner"],
        "memo": ["memo", "coded memo"],
    },
    "taguette": {"document": ["document"], "code": ["tag"], "text": ["content"]},
    "nvivo": {
        "document": ["file", "files", "name of file", "item"],
        "code": ["hierarchical name", "node", "code", "codes"],
        "text": ["text", "content", "coded text", "reference text"],
        "coder": ["user", "coded by", "modified by"],
    },
}
REQUIRED = ("document", "code", "text")


def _read_table(path: Path, reader: str = "read_segments") -> Table:
    return read_table(path, reader=reader, role="segment table")


def _mapping(table: pd.DataFrame, preset: str | None, columns: dict | None, path: Path):
    lower = {str(c).strip().lower(): c for c in table.columns}
    if columns:
        missing = [v for v in columns.values() if v not in table.columns]
        if missing:
            raise ExportFormatError(
                "columns= names columns the table lacks",
                file=path,
                found=", ".join(map(str, table.columns)),
                expected=", ".join(missing),
                hint="check the spelling",
            )
        return "custom", dict(columns)
    candidates = [preset] if preset else list(PRESETS)
    for name in candidates:
        found = {
            role: next((lower[c] for c in names if c in lower), None)
            for role, names in PRESETS[name].items()
        }
        if all(found[r] for r in REQUIRED):
            return name, {r: c for r, c in found.items() if c}
    raise ExportFormatError(
        "cannot tell which tool wrote this segment table",
        file=path,
        where="header row",
        found=", ".join(map(str, table.columns)),
        expected="the columns of a QualCoder, Taguette, MAXQDA or NVivo segment export",
        hint="pass preset='maxqda' (etc.) or columns={'document': …, 'code': …, 'text': …}",
    )


def _code_path(value: str) -> str:
    parts = split_path(value)
    if parts and parts[0].lower() in {"nodes", "codes", "noder", "koder"}:
        parts = parts[1:]
    return "/".join(parts)


def read_segments(
    path: str | Path,
    *,
    preset: str | None = None,
    columns: dict[str, str] | None = None,
    texts: str | Path | None = None,
    **options,
) -> Corpus:
    """Read a segment table into a :class:`Corpus` (see module docstring).

    Parameters
    ----------
    path
        A CSV or XLSX segment table.
    preset
        ``qualcoder``, ``taguette``, ``maxqda`` or ``nvivo`` (default: from the header).
    columns
        Column names for any other layout.
    texts
        A folder of the transcripts as .txt, to locate each segment.
    **options
        As for :func:`read_corpus`.

    Returns
    -------
    Corpus
        As above.

    Examples
    --------
    See the module's example.
    """
    path = Path(path)
    source_table = _read_table(path)
    table = source_table.frame
    name, mapping = _mapping(table, preset, columns, path)
    builder = CorpusBuilder(
        {
            "path": str(path),
            "format": "segment-table",
            "preset": name,
            "texts": "transcripts" if texts else "segments only",
        }
    )
    source_table.report(builder.problems)
    rows = table.to_dict("records")
    by_document: dict[str, list[tuple[str, dict]]] = {}
    for index, row in enumerate(rows):
        where = source_table.where(index)
        by_document.setdefault(str(row[mapping["document"]]).strip(), []).append((where, row))
    for document_name, items in by_document.items():
        source = _transcript(texts, document_name) if texts else None
        if source is None and texts:
            builder.problems.add(
                "unknown-document",
                f"no transcript for {document_name!r} in {texts}; its segments stand alone",
                file=str(path),
                variable=document_name,
            )
        pieces = [str(row[mapping["text"]]) for _, row in items]
        text = source if source is not None else "\n\n".join(pieces)
        attributes = {"group": items[0][1][mapping["group"]]} if "group" in mapping else {}
        doc = builder.add_document(document_name, text, attributes)
        text = builder.documents[doc]["text"]
        cursor = 0
        for (number, row), piece in zip(items, pieces, strict=True):
            piece = piece.replace("\r\n", "\n")
            start = _locate(text, piece, row, mapping, cursor)
            if start is None:
                builder.problems.add(
                    "selection-outside-text",
                    f"segment text not found in {document_name!r}; left out",
                    file=str(path),
                    location=number,
                    variable=document_name,
                )
                continue
            cursor = start if source is not None else start + len(piece)
            code = builder.code_for_path(_code_path(row[mapping["code"]]))
            builder.add_segment(
                doc,
                code,
                start,
                start + len(piece),
                coder=row.get(mapping.get("coder")) or None,
                memo=row.get(mapping.get("memo")) or None,
                where=number,
            )
    return finish(builder, path, **options)


def _transcript(folder, name: str) -> str | None:
    """The transcript named by a segment table's document column, only inside ``folder``."""
    for candidate in (Path(folder) / name, Path(folder) / f"{Path(name).stem}.txt"):
        if candidate.is_file() and inside(folder, candidate):
            raw = read_raw(candidate, role="transcript")
            return decode(raw, detect_encoding(raw.data), reader="read_segments")
    return None


def _locate(text: str, piece: str, row: dict, mapping: dict, cursor: int) -> int | None:
    """Exported offsets when they match; else search from the exported paragraph (MAXQDA
    counts paragraphs from 1), else forward from the previous segment."""
    if "paragraph" in mapping:
        try:
            paragraph = int(float(row[mapping["paragraph"]]))
        except ValueError:
            paragraph = 0
        offset = 0
        for _ in range(max(paragraph - 1, 0)):
            offset = text.find("\n", offset) + 1
            if offset == 0:
                break
        found = text.find(piece, offset) if paragraph > 0 else -1
        if found >= 0:
            return found
    if "start" in mapping:
        try:
            start = int(float(row[mapping["start"]]))
        except ValueError:
            start = -1
        if text[start : start + len(piece)] == piece:
            return start
    found = text.find(piece, cursor)
    return found if found >= 0 else (text.find(piece) if text.find(piece) >= 0 else None)
