"""Coded Word transcripts (.docx): comments anchored to text are codes.

A comment's text holds one or more code paths, one per line or separated by ";"
("Tema/Undertema" or "Tema > Undertema"). The document text is the paragraphs joined by
newlines (tabs and line breaks kept, tracked deletions and field codes left out); the
comment's anchored range gives the offsets. Speaker turns and timestamps come from the
text as for any document.

Read with the safe zip layer and defusedxml rather than python-docx, because the reader
needs the positions of ``commentRangeStart``/``commentRangeEnd`` inside runs, which
python-docx does not expose. A range that never closes, or closes before it opens, is
reported (``unclosed-comment``, ``reversed-comment``) rather than dropped unseen.

Examples
--------
>>> from toolkit.data import example_project
>>> text, coded, issues = read_docx_text(sorted(example_project("docx").glob("*.docx"))[0])
>>> all(text[s:e] for _, s, e, _ in coded), issues
(True, [])
"""

from __future__ import annotations

import re
from pathlib import Path

from toolkit.errors import ExportFormatError
from toolkit.rawfiles.archive import SafeZip, open_zip
from toolkit.rawfiles.xml import parse_xml

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_SPLIT = re.compile(r"\s*[;\n]\s*")


def _xml(archive: SafeZip, name: str, path: Path):
    info = archive.find(name)
    return None if info is None else parse_xml(archive.read(info), file=path, part=name)


def _comments(comments) -> dict[str, tuple[str, str | None]]:
    notes = {}
    for comment in comments.iter(f"{W}comment") if comments is not None else []:
        text = "\n".join(
            "".join(t.text or "" for t in p.iter(f"{W}t")) for p in comment.iter(f"{W}p")
        )
        notes[comment.get(f"{W}id")] = (text, comment.get(f"{W}author"))
    return notes


class _Walk:
    """The body's text and the comment ranges in it, in document order."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.starts: dict[str, int] = {}
        self.ranges: list[tuple[str, int, int]] = []
        self.reversed: list[str] = []

    def add(self, text: str) -> None:
        self.parts.append(text)
        self.length += len(text)

    def node(self, node) -> None:
        tag = node.tag
        if tag == f"{W}t":
            self.add(node.text or "")
        elif tag == f"{W}tab":
            self.add("\t")
        elif tag in (f"{W}br", f"{W}cr"):
            self.add("\n")
        elif tag == f"{W}commentRangeStart":
            self.starts[node.get(f"{W}id")] = self.length
        elif tag == f"{W}commentRangeEnd":
            cid = node.get(f"{W}id")
            if cid in self.starts:
                self.ranges.append((cid, self.starts.pop(cid), self.length))
            else:
                self.reversed.append(cid)

    def body(self, body) -> None:
        for index, paragraph in enumerate(body.iter(f"{W}p")):
            if index:
                self.add("\n")
            for node in paragraph.iter():
                self.node(node)


def read_docx_text(path: str | Path):
    """``(text, [(code paths, start, end, author)], issues)`` of one coded .docx, where
    ``issues`` lists ``(kind, message)`` for comment ranges that could not be used."""
    path = Path(path)
    with open_zip(path, kind="Word document (.docx)") as archive:
        document = _xml(archive, "word/document.xml", path)
        comments = _xml(archive, "word/comments.xml", path)
    body = document.find(f"{W}body") if document is not None else None
    if body is None:
        raise ExportFormatError(
            f"{path.name} has no document body"
            if document is not None
            else f"{path.name} has no word/document.xml",
            file=path,
            where="word/document.xml" + (", <w:body>" if document is not None else ""),
            expected="a Word document with text",
            hint="open and save the transcript in Word (.docx), or pass another file",
        )
    notes = _comments(comments)
    walk = _Walk()
    walk.body(body)
    coded, issues = [], []
    for cid, start, end in walk.ranges:
        text, author = notes.get(cid, ("", None))
        coded.append(([p for p in _SPLIT.split(text.strip()) if p], start, end, author))
    for cid in dict.fromkeys(walk.reversed):
        code = notes.get(cid, ("?", None))[0].strip() or "?"
        issues.append(("reversed-comment", f"comment {cid} ({code!r}) ends before it starts"))
    for cid in walk.starts:
        if cid not in walk.reversed:
            code = notes.get(cid, ("?", None))[0].strip() or "?"
            issues.append(("unclosed-comment", f"comment {cid} ({code!r}) opens but never closes"))
    if not walk.ranges and not issues:
        issues.append(("no-codings", _no_codings(comments is None, bool(notes))))
    return "".join(walk.parts), coded, issues


def _no_codings(no_part: bool, notes: bool) -> str:
    if no_part:
        found = "it has no comments (no word/comments.xml)"
    elif notes:
        found = "its comments are not anchored to any text"
    else:
        found = "its comments part holds no comment"
    return (
        f"{found}, so it was read as text with no codes; code passages with Word comments "
        "that name the codes, or read it with the rest of its project"
    )
