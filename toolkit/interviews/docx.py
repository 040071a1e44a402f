"""Coded Word transcripts (.docx): comments anchored to text are codes.

A comment's text holds one or more code paths, one per line or separated by ";"
("Tema/Undertema" or "Tema > Undertema"). The document text is the paragraphs joined by
newlines (tabs and line breaks kept, tracked deletions and field codes left out); the
comment's anchored range gives the offsets. Speaker turns and timestamps come from the
text as for any document. Read with zipfile + defusedxml; python-docx is not needed.

Examples
--------
>>> from toolkit.data import example_project
>>> text, coded = read_docx_text(sorted(example_project("docx").glob("*.docx"))[0])
>>> all(text[s:e] for _, s, e, _ in coded)
True
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from defusedxml import ElementTree as SafeET

from toolkit.errors import CorruptFileError, ExportFormatError

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_SPLIT = re.compile(r"\s*[;\n]\s*")


def _xml(archive: zipfile.ZipFile, name: str, path: Path):
    try:
        return SafeET.fromstring(archive.read(name))
    except KeyError:
        return None
    except Exception as exc:  # ParseError or a defusedxml refusal
        raise CorruptFileError(
            f"{name} in {path.name} cannot be read",
            file=path,
            where=name,
            found=type(exc).__name__,
            hint="open and save the document in Word, or export again",
        ) from None


def read_docx_text(path: str | Path) -> tuple[str, list[tuple[list[str], int, int, str]]]:
    """``(text, [(code paths, start, end, author)])`` of one coded .docx."""
    path = Path(path)
    if not zipfile.is_zipfile(path):
        raise CorruptFileError(
            f"{path.name} is not a .docx (zip) file",
            file=path,
            hint="save the transcript as Word .docx",
        )
    with zipfile.ZipFile(path) as archive:
        document = _xml(archive, "word/document.xml", path)
        comments = _xml(archive, "word/comments.xml", path)
    if document is None:
        raise ExportFormatError(
            f"{path.name} has no word/document.xml",
            file=path,
            hint="save the transcript as a Word document (.docx)",
        )
    notes = {}
    for comment in comments.iter(f"{W}comment") if comments is not None else []:
        text = "\n".join(
            "".join(t.text or "" for t in p.iter(f"{W}t")) for p in comment.iter(f"{W}p")
        )
        notes[comment.get(f"{W}id")] = (text, comment.get(f"{W}author"))
    parts: list[str] = []
    length = 0
    starts: dict[str, int] = {}
    ranges = []
    body = document.find(f"{W}body")
    for index, paragraph in enumerate(body.iter(f"{W}p")):
        if index:
            parts.append("\n")
            length += 1
        for node in paragraph.iter():
            tag = node.tag
            if tag == f"{W}t":
                parts.append(node.text or "")
                length += len(node.text or "")
            elif tag == f"{W}tab":
                parts.append("\t")
                length += 1
            elif tag in (f"{W}br", f"{W}cr"):
                parts.append("\n")
                length += 1
            elif tag == f"{W}commentRangeStart":
                starts[node.get(f"{W}id")] = length
            elif tag == f"{W}commentRangeEnd":
                cid = node.get(f"{W}id")
                if cid in starts:
                    ranges.append((cid, starts.pop(cid), length))
    coded = []
    for cid, start, end in ranges:
        text, author = notes.get(cid, ("", None))
        paths = [p for p in _SPLIT.split(text.strip()) if p]
        coded.append((paths, start, end, author))
    return "".join(parts), coded


__all__ = ["read_docx_text"]
