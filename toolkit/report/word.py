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

import struct
from pathlib import Path
from xml.sax.saxutils import escape

from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.parser import OxmlElement
from docx.shared import Cm, Pt

from toolkit.language import text
from toolkit.present.measure import column_widths
from toolkit.present.word import new_document, save, text_area
from toolkit.report.blocks import Figure, Section, Table, Text
from toolkit.report.captions import caption_parts
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
    paragraph = document.add_paragraph()
    # the style by its id, found once (python-docx looks a style object up at every use)
    found = document.__dict__.setdefault("_toolkit_styles", {})
    if "Caption" not in found:
        found["Caption"] = _style(document, "Caption").style_id
    paragraph._p.style = found["Caption"]
    paragraph.paragraph_format.keep_with_next = True
    # "Tabell 5" inside a bookmark (Tabell_5): Word's Insert > Cross-reference finds it,
    # so a researcher's own "se tabell 5" follows the number when tables move
    mark = _bookmark(document, f"{label}_{number or 1}")
    paragraph._p.append(mark[0])
    paragraph.add_run(f"{label} ")
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), f" SEQ {label} \\* ARABIC ")
    run = OxmlElement("w:r")
    value = OxmlElement("w:t")
    value.text = str(number or 1)
    run.append(value)
    field.append(run)
    paragraph._p.append(field)  # python-docx has no API for fields
    paragraph._p.append(mark[1])
    paragraph.add_run(f": {title}")


def _bookmark(document, name: str) -> tuple:
    """A bookmark's start and end elements, numbered in the document."""
    number = document.__dict__.get("_toolkit_bookmarks", 0) + 1
    document._toolkit_bookmarks = number
    start, end = OxmlElement("w:bookmarkStart"), OxmlElement("w:bookmarkEnd")
    start.set(qn("w:id"), str(number))
    start.set(qn("w:name"), name.replace(" ", "_")[:40])
    end.set(qn("w:id"), str(number))
    return start, end


def _small(document, words: str, *, italic: bool = False) -> None:
    paragraph = document.add_paragraph()
    run = paragraph.add_run(words)
    run.font.size = Pt(SIZE)
    run.italic = italic


def _turn(document, landscape: bool) -> None:
    """A new section (on a new page) in landscape or back in portrait."""
    section = document.add_section(WD_SECTION.NEW_PAGE)
    wide, high = sorted((section.page_width, section.page_height), reverse=landscape)
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = wide, high


def _run(value: str, bold: bool) -> str:
    """A run of table text at SIZE points (line breaks kept as Word's)."""
    properties = f'<w:rPr>{"<w:b/>" if bold else ""}<w:sz w:val="{round(SIZE * 2)}"/></w:rPr>'
    if not value:
        return f"<w:r>{properties}</w:r>"
    lines = [f'<w:t xml:space="preserve">{escape(line)}</w:t>' for line in value.split("\n")]
    return f"<w:r>{properties}{'<w:br/>'.join(lines)}</w:r>"


def _table_xml(
    header: list[str],
    body: list[list[str]],
    widths,
    right: set[int],
    style: str,
    headings: frozenset = frozenset(),
):
    """The table as one ``w:tbl`` element, written as XML at once: python-docx's cell by
    cell API took a second per 30 tables, most of a cached rebuild's time. Fixed layout,
    the header row repeated on every page, number columns right-aligned; ``headings`` are
    the body rows that head a group of rows (one bold cell across the table, kept with the
    rows under it), and the rows under them are indented."""
    twips = [round(width / 2.54 * 1440) for width in widths]
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in twips)

    def row(values: list[str], first: bool) -> str:
        cells = []
        for j, value in enumerate(values):
            align = '<w:pPr><w:jc w:val="right"/></w:pPr>' if j in right and not first else ""
            if j == 0 and headings and not first:  # a group's row, under its heading
                align = '<w:pPr><w:ind w:left="284"/></w:pPr>'
            cells.append(
                f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{twips[j]}"/></w:tcPr>'
                f"<w:p>{align}{_run(value, first)}</w:p></w:tc>"
            )
        repeat = '<w:trPr><w:tblHeader w:val="true"/></w:trPr>' if first else ""
        return f"<w:tr>{repeat}{''.join(cells)}</w:tr>"

    def heading(label: str) -> str:
        span = f'<w:gridSpan w:val="{len(twips)}"/>' if len(twips) > 1 else ""
        keep = "<w:pPr><w:keepNext/></w:pPr>"
        return (
            f'<w:tr><w:trPr><w:cantSplit/></w:trPr><w:tc><w:tcPr><w:tcW w:type="dxa" '
            f'w:w="{sum(twips)}"/>{span}</w:tcPr><w:p>{keep}{_run(label, True)}</w:p></w:tc></w:tr>'
        )

    rows = row(header, True) + "".join(
        heading(values[0]) if r in headings else row(values, False) for r, values in enumerate(body)
    )
    return parse_xml(
        f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblStyle w:val="{escape(style)}"/>'
        '<w:tblW w:type="auto" w:w="0"/><w:tblLayout w:type="fixed"/>'
        '<w:tblLook w:firstColumn="1" w:firstRow="1" w:lastColumn="0" w:lastRow="0" '
        'w:noHBand="0" w:noVBand="1" w:val="04A0"/></w:tblPr>'
        f"<w:tblGrid>{grid}</w:tblGrid>{rows}</w:tbl>"
    )


def _cells(table) -> tuple[list[str], list[list[str]], frozenset]:
    """Header, body rows (as text) and the rows that head a group."""
    header = ["", *[str(c) for c in table.frame.columns]]
    body = [
        ["" if v is None else str(v) for v in [label, *values.tolist()]]
        for label, values in zip(table.frame.index, table.frame.to_numpy(dtype=object), strict=True)
    ]
    return header, body, frozenset(table.extra.get("headings", ()))


def _widths(document, header, body, headings) -> tuple[list[float], bool]:
    """Column widths on the current page, and whether they are wider than its text."""
    measured = [values for r, values in enumerate(body) if r not in headings]  # headings span
    available, _ = text_area(document.sections[-1])
    widths = column_widths(measured, available=available, size=SIZE, header=header)
    return widths, sum(widths) > available + 1e-6


def _leading_table(section: Section) -> Table | None:
    """The table a section opens with (under its heading and its subsections' headings)."""
    block = section.blocks[0] if section.blocks else None
    while isinstance(block, Section):
        block = block.blocks[0] if block.blocks else None
    return block if isinstance(block, Table) else None


def _turn_before(document, section: Section) -> None:
    """A section that opens with a table too wide for the portrait page turns the page
    before its heading, so the heading goes with the table (else it ends the last
    portrait page alone)."""
    lead = _leading_table(section)
    turned = document.__dict__.setdefault("_toolkit_turned", set())
    if lead is None or id(lead) in turned or document.sections[-1].orientation:
        return
    if _widths(document, *_cells(lead.table))[1]:
        _turn(document, landscape=True)
        turned.add(id(lead))


def _table(document, block: Table, number: int | None, language: str) -> None:
    table = block.table
    columns = list(table.frame.columns)
    header, body, headings = _cells(table)
    turned = id(block) in document.__dict__.get("_toolkit_turned", set())
    widths, landscape = _widths(document, header, body, headings)
    if landscape and not turned:  # too wide for the portrait page with every word whole
        _turn(document, landscape=True)
        widths, _ = _widths(document, header, body, headings)
    landscape = landscape or turned  # (turned before the heading: _turn_before)
    caption, whole = caption_parts(table.title)
    _caption(document, "table", number, caption, language)
    right = {j for j in range(1, len(header)) if table.kinds.get(columns[j - 1]) in NUMERIC}
    style = _style(document, "Table Grid", "Normal Table").style_id
    document.element.body._insert_tbl(_table_xml(header, body, widths, right, style, headings))
    for note in table.footnotes:
        _small(document, note, italic=True)
    if whole:  # a caption of at most two lines: the whole title under the table
        _small(document, text("full_title", language, title=whole), italic=True)
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


def _picture(document, paragraph, png: bytes, size: dict):
    """``run.add_picture`` with the shape ids counted here: python-docx searches the whole
    document for the largest id at every picture, quadratic in a report's figures."""
    from docx.image.image import Image
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml.shape import CT_Inline
    from docx.parts.image import ImagePart

    part = document.part
    shape_id = getattr(document, "_toolkit_next_id", None) or part.next_id
    document._toolkit_next_id = shape_id + 1
    # and each picture's part added once by its hash (python-docx hashes every picture in
    # the package again for each one it adds)
    known = document.__dict__.setdefault("_toolkit_images", {})
    image = Image.from_blob(png)
    if image.sha1 not in known:
        images = part.package.image_parts
        image_part = ImagePart.from_image(image, images._next_image_partname(image.ext))
        images.append(image_part)
        known[image.sha1] = part.relate_to(image_part, RELATIONSHIP_TYPE.IMAGE)
    relationship = known[image.sha1]
    cx, cy = image.scaled_dimensions(size.get("width"), size.get("height"))
    inline = CT_Inline.new_pic_inline(shape_id, relationship, image.filename, cx, cy)
    paragraph.add_run()._r.add_drawing(inline)
    return inline


def _figure(document, block: Figure, number: int | None, language: str) -> None:
    caption, whole = caption_parts(block.title)
    _caption(document, "figure", number, caption, language)
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.keep_with_next = bool(block.notes or block.source or whole)
    width, height = text_area(document.sections[-1])
    size = _picture_size(block.png, width, height - ROOM)
    inline = _picture(document, paragraph, block.png, size)
    properties = inline.docPr  # alt text lives on wp:docPr
    properties.set("descr", block.alt)
    properties.set("title", block.title[:250])
    for note in block.notes:
        _small(document, note, italic=True)
    if whole:
        _small(document, text("full_title", language, title=whole), italic=True)
    if block.source:
        _small(document, f"{text('source', language)}: {block.source}")


def _section(document, section: Section, numbers: dict, language: str) -> None:
    _turn_before(document, section)
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
