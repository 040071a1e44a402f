"""A draft as passages: headings, paragraphs and table cells, in document order.

Reads ``.docx`` (python-docx: paragraphs and tables in body order; heading styles and
"Tabell n" captions recognised), ``.md`` (``#`` headings, pipe tables) and ``.txt``
(paragraphs separated by blank lines). A Word file passes the safe zip layer (size and
compression-ratio limits) before python-docx opens it; python-docx parses with entity
resolution off.

Every passage knows where it stands (``location``) and under which heading, so a finding
can say "avsnitt 4 (under «Tid»)" or "tabell 2, rad 3, kolonne «Enig»" (in the report's
language).

Examples
--------
>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "utkast.md"
>>> _ = path.write_text("# Tid\\n\\n46 % er enige.\\n\\n| | Ja | Nei |\\n|---|---|---|\\n"
...                     "| Rutiner | 72 % | 28 % |\\n", encoding="utf-8")
>>> draft = read_draft(path)
>>> [(p.kind, p.text, p.location) for p in draft.passages][:2]
[('heading', 'Tid', 'overskrift «Tid»'), ('paragraph', '46 % er enige.', 'avsnitt 1 (under «Tid»)')]
>>> draft.tables[0].rows
[['', 'Ja', 'Nei'], ['Rutiner', '72 %', '28 %']]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from toolkit.errors import CorruptFileError, LimitExceededError, UsageError
from toolkit.language import text as say
from toolkit.rawfiles.archive import open_zip
from toolkit.rawfiles.files import read_raw
from toolkit.rawfiles.text import decode, detect_encoding

CAPTION = re.compile(r"^\s*(?:tabell|table)\s+\d+", re.IGNORECASE)
_MD_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}")


@dataclass
class DraftTable:
    """A table of the draft: its cells as text, its caption and heading."""

    number: int
    rows: list[list[str]]
    caption: str = ""
    heading: str | None = None


@dataclass(frozen=True)
class Passage:
    """A heading, paragraph or table cell with its place in the draft."""

    kind: str  # heading, paragraph, cell
    text: str
    location: str
    heading: str | None = None
    table: DraftTable | None = field(default=None, compare=False)
    row: int = 0
    column: int = 0


@dataclass
class Draft:
    path: Path
    passages: list[Passage] = field(default_factory=list)
    tables: list[DraftTable] = field(default_factory=list)


class _Builder:
    def __init__(self, path: Path, language: str = "nb") -> None:
        self.draft = Draft(path)
        self.language = language
        self.heading: str | None = None
        self.paragraphs = 0
        self.last_paragraph = ""

    def heading_(self, text: str) -> None:
        text = text.strip()
        if text:
            self.heading = text
            where = say("check_heading", self.language, text=text)
            self.draft.passages.append(Passage("heading", text, where, text))

    def paragraph(self, text: str) -> None:
        text = text.strip()
        if not text:
            return
        self.paragraphs += 1
        language = self.language
        under = f" ({say('check_under', language, heading=self.heading)})" if self.heading else ""
        where = say("check_paragraph", language, n=self.paragraphs) + under
        self.draft.passages.append(Passage("paragraph", text, where, self.heading))
        self.last_paragraph = text

    def table(self, rows: list[list[str]]) -> None:
        rows = [[c.strip() for c in r] for r in rows if any(c.strip() for c in r)]
        if not rows:
            return
        caption = self.last_paragraph if CAPTION.match(self.last_paragraph) else ""
        table = DraftTable(len(self.draft.tables) + 1, rows, caption, self.heading)
        self.draft.tables.append(table)
        language = self.language
        name = say("check_table", language, n=table.number)
        name += f" («{caption[:60]}»)" if caption else ""
        for r, row in enumerate(rows):
            for c, cell in enumerate(row):
                if not cell:
                    continue
                where = f"{name}, {say('check_row', language, n=r + 1)}" + (
                    f", {say('check_column_named', language, name=rows[0][c])}"
                    if r and c < len(rows[0]) and rows[0][c]
                    else ""
                )
                self.draft.passages.append(Passage("cell", cell, where, self.heading, table, r, c))


_T = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t"
_P = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p"


def _text(element) -> str:
    """The visible text of a paragraph, field results included ("Tabell 6": python-docx's
    ``.text`` leaves out the number inside a SEQ field)."""
    return "".join(t.text or "" for t in element.iter(_T))


def _docx(path: Path, builder: _Builder) -> None:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    open_zip(path, kind="Word document").close()  # size and ratio limits first
    try:
        document = docx.Document(str(path))
        blocks = list(document.iter_inner_content())
    except Exception as exc:  # python-docx raises KeyError, ValueError, lxml errors
        raise CorruptFileError(
            f"{path.name} is not a readable Word document",
            file=path,
            found=f"{type(exc).__name__}: {str(exc)[:200]}",
            expected="a .docx saved by Word or LibreOffice",
            hint="open it in Word and save it again as .docx",
        ) from None
    for block in blocks:
        if isinstance(block, Paragraph):
            style = (block.style.name if block.style is not None else "") or ""
            if re.match(r"(Heading|Title|Overskrift|Tittel)", style, re.IGNORECASE):
                builder.heading_(_text(block._p))
            else:
                builder.paragraph(_text(block._p))
        elif isinstance(block, Table):
            rows = []
            for row in block.rows:
                cells, seen = [], set()
                for cell in row.cells:
                    if id(cell._tc) in seen:
                        continue  # a merged cell appears once per grid column
                    seen.add(id(cell._tc))
                    cells.append("\n".join(_text(p) for p in cell._tc.iter(_P)))
                rows.append(cells)
            builder.table(rows)


def _markdown(text: str, builder: _Builder) -> None:
    paragraph: list[str] = []
    table: list[list[str]] = []

    def flush() -> None:
        if paragraph:
            builder.paragraph(" ".join(paragraph))
            paragraph.clear()
        if table:
            builder.table([list(r) for r in table])
            table.clear()

    for line in text.splitlines():
        stripped = line.strip()
        is_row = stripped.startswith("|")
        if (
            (table and not is_row)
            or not stripped
            or stripped.startswith("#")
            or (is_row and paragraph)
        ):
            flush()
        if is_row:
            if not _MD_TABLE_RULE.match(stripped.strip("|")):
                table.append([c.strip() for c in stripped.strip("|").split("|")])
        elif stripped.startswith("#"):
            builder.heading_(stripped.lstrip("#"))
        elif stripped:
            paragraph.append(stripped)
    flush()


def read_draft(path: str | Path, language: str = "nb") -> Draft:
    """The passages and tables of a draft (``.docx``, ``.md`` or ``.txt``); places
    ("avsnitt 4 (under «Tid»)") are named in ``language``.

    Parameters
    ----------
    path : str or Path
        The draft.
    language : str
        nb, nn or en, for the names of places in findings.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "utkast.md"
    >>> _ = path.write_text("# Tid\\n\\n46 % er enige.\\n", encoding="utf-8")
    >>> [p.location for p in read_draft(path, "en").passages]
    ['heading «Tid»', 'paragraph 1 (under «Tid»)']
    """
    path = Path(path)
    builder = _Builder(path, language)
    suffix = path.suffix.lower()
    if suffix == ".docx":
        if not path.is_file():
            read_raw(path, role="draft")  # raises the missing-file error
        _docx(path, builder)
    elif suffix in (".md", ".markdown", ".txt", ".text"):
        if path.is_file() and path.stat().st_size > MAX_TEXT_BYTES:
            raise LimitExceededError(
                f"{path.name} is {path.stat().st_size:,} bytes, more than a draft's "
                f"{MAX_TEXT_BYTES:,}",
                file=path,
                expected="a report draft (a 300-page report is about 1 MB of text)",
                hint="check the file: a draft this large is likely something else",
            )
        raw = read_raw(path, role="draft")
        _markdown(decode(raw, detect_encoding(raw.data), reader="check_draft"), builder)
    else:
        raise UsageError(
            f"{path.name}: drafts are read as .docx, .md or .txt",
            file=path,
            found=f"a {suffix or 'nameless'} file",
            hint="save the draft from Word as .docx, or export it as Markdown or text",
        )
    draft = builder.draft
    longest = max((len(p.text) for p in draft.passages), default=0)
    if len(draft.passages) > MAX_PASSAGES or longest > MAX_PASSAGE:
        raise LimitExceededError(
            f"{path.name} holds {len(draft.passages):,} passages, the longest "
            f"{longest:,} characters",
            file=path,
            expected=f"at most {MAX_PASSAGES:,} paragraphs and table cells of at most "
            f"{MAX_PASSAGE:,} characters each",
            hint="split the draft, or check that the file is the report's text",
        )
    return draft


#: limits of a draft: a 300-page report is about 10 000 passages and 1 MB of text
MAX_TEXT_BYTES = 50 << 20
MAX_PASSAGES = 200_000
MAX_PASSAGE = 200_000
