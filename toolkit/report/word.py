"""A report as a Word document, built with python-docx (not converted from HTML).

A table of contents and lists of tables and figures as Word fields (Word fills them in
when the file is opened: ``updateFields``; in LibreOffice, Tools → Update → Update All);
heading styles for the sections; "Tabell n" and "Figur n" captions as Word caption
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
>>> texts = [p.text for p in docx.Document(str(path)).paragraphs]
>>> texts[:2], texts[-2:]  # the title, contents and lists as fields, then the report
(['Rapport', 'Innhold'], ['Om undersøkelsen', 'Tre svar.'])
"""

from __future__ import annotations

import io
import struct
from pathlib import Path

from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.oxml.parser import OxmlElement
from docx.shared import Cm, Pt

from toolkit.language import text
from toolkit.present.measure import column_widths
from toolkit.present.word import new_document, save, text_area
from toolkit.report.blocks import Figure, Section, Table, Text
from toolkit.report.html import NUMERIC, numbering

#: font size of tables and notes, in points
SIZE = 8.5
#: room on a page for a figure's caption, notes and source line, in cm
ROOM = 4.0


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
    run.font.size = Pt(SIZE)
    run.italic = italic


def _repeat_header(row) -> None:
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _turn(document, landscape: bool) -> None:
    """A new section (on a new page) in landscape or back in portrait."""
    section = document.add_section(WD_SECTION.NEW_PAGE)
    wide, high = sorted((section.page_width, section.page_height), reverse=landscape)
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = wide, high


def _fix_widths(grid, widths: list[float]) -> None:
    """Column widths in cm, held fixed (Word lays the table out as given)."""
    grid.autofit = False
    properties = grid._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    properties.append(layout)
    for column, width in zip(grid.columns, widths, strict=True):
        column.width = Cm(width)
        for cell in column.cells:
            cell.width = Cm(width)


def _table(document, block: Table, number: int | None, language: str) -> None:
    table = block.table
    columns = list(table.frame.columns)
    header = ["", *[str(c) for c in columns]]
    body = [
        ["" if v is None else str(v) for v in [label, *values.tolist()]]
        for label, values in table.frame.iterrows()
    ]
    available, _ = text_area(document.sections[-1])
    widths = column_widths(body, available=available, size=SIZE, header=header)
    landscape = sum(widths) > available + 1e-6
    if landscape:  # too wide for the portrait page even with every word whole
        _turn(document, landscape=True)
        available, _ = text_area(document.sections[-1])
        widths = column_widths(body, available=available, size=SIZE, header=header)
    _caption(document, "table", number, table.title, language)
    grid = document.add_table(rows=1, cols=len(header))
    grid.style = _style(document, "Table Grid", "Normal Table")
    _repeat_header(grid.rows[0])
    for cell, name in zip(grid.rows[0].cells, header, strict=True):
        run = cell.paragraphs[0].add_run(name)
        run.bold = True
        run.font.size = Pt(SIZE)
    for values in body:
        cells = grid.add_row().cells
        for j, value in enumerate(values):
            paragraph = cells[j].paragraphs[0]
            paragraph.add_run(value).font.size = Pt(SIZE)
            if j and table.kinds.get(columns[j - 1]) in NUMERIC:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _fix_widths(grid, widths)
    for note in table.footnotes:
        _small(document, note, italic=True)
    source = block.source or table.source
    if source:
        _small(document, f"{text('source', language)}: {source}")
    if landscape:
        _turn(document, landscape=False)


def _picture_size(png: bytes, width: float, height: float) -> dict:
    """``width=`` or ``height=`` for add_picture: the text width, unless the picture would
    then be taller than ``height`` cm (a long grid), when it is fitted to the height."""
    pixels_wide, pixels_high = struct.unpack(">II", png[16:24])  # the PNG's IHDR
    if width * pixels_high / pixels_wide <= height:
        return {"width": Cm(width)}
    return {"height": Cm(height)}


def _figure(document, block: Figure, number: int | None, language: str) -> None:
    _caption(document, "figure", number, block.title, language)
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.keep_with_next = bool(block.notes or block.source)
    width, height = text_area(document.sections[-1])
    size = _picture_size(block.png, width, height - ROOM)
    shape = paragraph.add_run().add_picture(io.BytesIO(block.png), **size)
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


def _field(paragraph, instruction: str, placeholder: str) -> None:
    """A Word field (``TOC …``) shown as ``placeholder`` until Word updates it."""

    def char(kind: str):
        run = OxmlElement("w:r")
        mark = OxmlElement("w:fldChar")
        mark.set(qn("w:fldCharType"), kind)
        if kind == "begin":
            mark.set(qn("w:dirty"), "true")  # Word refreshes it when the file is opened
        run.append(mark)
        return run

    code = OxmlElement("w:r")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    code.append(instr)
    shown = OxmlElement("w:r")
    words = OxmlElement("w:t")
    words.text = placeholder
    shown.append(words)
    for element in (char("begin"), code, char("separate"), shown, char("end")):
        paragraph._p.append(element)


def _contents(document, language: str) -> None:
    """Contents, list of tables and list of figures as Word fields, after the title."""
    note = text("update_fields", language)
    lists = (
        ("contents", 'TOC \\o "1-3" \\h \\z \\u'),
        ("tables_list", f'TOC \\h \\z \\c "{text("table", language)}"'),
        ("figures_list", f'TOC \\h \\z \\c "{text("figure", language)}"'),
    )
    for key, instruction in lists:
        heading = document.add_paragraph(
            text(key, language), style=_style(document, "TOC Heading", "Heading 1")
        )
        heading.paragraph_format.keep_with_next = True
        _field(document.add_paragraph(), instruction, note)
    settings = document.settings.element
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    settings.append(update)
    document.add_page_break()


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
    _contents(document, language)
    for section in sections:
        _section(document, section, numbers, language)
    return save(document, path, title=title)


__all__ = ["report_docx"]
