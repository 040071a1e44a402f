"""A report as a Word document, built with python-docx (not converted from HTML).

Heading styles for the sections; "Tabell n" and "Figur n" captions as Word caption
paragraphs with SEQ fields (so Word can list tables and figures), kept with what follows;
real Word tables whose header row repeats on every page, numbers right-aligned; a
"Kilde:" line under each table and figure; pictures (PNG at 300 dpi) with their alt text;
the document language set. A house template (``reference.docx``) gives the styles.
Saved with fixed properties and zip dates, so a rebuild gives the same bytes.

Examples
--------
>>> import tempfile, pathlib, docx
>>> from toolkit.report.blocks import Section, Text
>>> path = pathlib.Path(tempfile.mkdtemp()) / "r.docx"
>>> _ = report_docx("Rapport", [Section("Om undersøkelsen", [Text("Tre svar.")])], path)
>>> [p.text for p in docx.Document(str(path)).paragraphs][:3]
['Rapport', 'Om undersøkelsen', 'Tre svar.']
"""

from __future__ import annotations

import io
from pathlib import Path

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.oxml.parser import OxmlElement
from docx.shared import Cm, Pt

from toolkit.language import text
from toolkit.present.word import new_document, save
from toolkit.report.blocks import Figure, Section, Table, Text
from toolkit.report.html import NUMERIC, numbering

WIDTH = Cm(16)


def _style(document, name: str, fallback: str = "Normal"):
    try:
        return document.styles[name]
    except KeyError:
        return document.styles[fallback]


def _caption(document, kind: str, number: int | None, title: str, language: str) -> None:
    label = text(kind, language)
    paragraph = document.add_paragraph(style=_style(document, "Caption"))
    paragraph.paragraph_format.keep_with_next = True
    paragraph.add_run(f"{label} ")
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), f" SEQ {label} \\* ARABIC ")
    run = OxmlElement("w:r")
    value = OxmlElement("w:t")
    value.text = str(number or 1)
    run.append(value)
    field.append(run)
    paragraph._p.append(field)  # python-docx has no API for fields
    paragraph.add_run(f": {title}")


def _small(document, words: str, *, italic: bool = False) -> None:
    paragraph = document.add_paragraph()
    run = paragraph.add_run(words)
    run.font.size = Pt(8.5)
    run.italic = italic


def _repeat_header(row) -> None:
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _table(document, block: Table, number: int | None, language: str) -> None:
    table = block.table
    _caption(document, "table", number, table.title, language)
    columns = list(table.frame.columns)
    grid = document.add_table(rows=1, cols=len(columns) + 1)
    grid.style = _style(document, "Table Grid", "Normal Table")
    header = grid.rows[0]
    _repeat_header(header)
    for cell, name in zip(header.cells, ["", *columns], strict=True):
        run = cell.paragraphs[0].add_run(str(name))
        run.bold = True
        run.font.size = Pt(8.5)
    for label, values in table.frame.iterrows():
        cells = grid.add_row().cells
        for j, value in enumerate([label, *values.tolist()]):
            paragraph = cells[j].paragraphs[0]
            paragraph.add_run("" if value is None else str(value)).font.size = Pt(8.5)
            if j and table.kinds.get(columns[j - 1]) in NUMERIC:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for note in table.footnotes:
        _small(document, note, italic=True)
    source = block.source or table.source
    if source:
        _small(document, f"{text('source', language)}: {source}")


def _figure(document, block: Figure, number: int | None, language: str) -> None:
    _caption(document, "figure", number, block.title, language)
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.keep_with_next = bool(block.notes or block.source)
    shape = paragraph.add_run().add_picture(io.BytesIO(block.png), width=WIDTH)
    properties = shape._inline.docPr  # alt text lives on wp:docPr
    properties.set("descr", block.alt)
    properties.set("title", block.title[:250])
    for note in block.notes:
        _small(document, note, italic=True)
    if block.source:
        _small(document, f"{text('source', language)}: {block.source}")


def _section(document, section: Section, numbers: dict, language: str) -> None:
    document.add_heading(section.title, level=min(max(section.level - 1, 1), 9))
    for block in section.blocks:
        number = numbers.get(id(block))
        if isinstance(block, Section):
            _section(document, block, numbers, language)
        elif isinstance(block, Table):
            _table(document, block, number, language)
        elif isinstance(block, Figure):
            _figure(document, block, number, language)
        elif isinstance(block, Text):
            if block.kind == "note":
                _small(document, block.text, italic=True)
            else:
                document.add_paragraph(block.text)


def report_docx(
    title: str,
    sections: list[Section],
    path: str | Path,
    *,
    language: str = "nb",
    subtitle: str | None = None,
    template: str | Path | None = None,
    numbers: dict | None = None,
) -> Path:
    """Write the report to ``path`` (see module docstring)."""
    numbers = numbering(sections) if numbers is None else numbers
    document = new_document(language=language, template=template)
    document.add_heading(title, level=0)
    if subtitle:
        document.add_paragraph(subtitle)
    for section in sections:
        _section(document, section, numbers, language)
    return save(document, path, title=title)


__all__ = ["report_docx"]
