"""Word documents with python-docx: language set, reproducible bytes.

:func:`new_document` starts from python-docx's default template or a house template
(``reference.docx``) with its body emptied, and sets the document language (universal
design rules ask for it, and Word's spell checker uses it). Without a template the page is
A4 with 2,5 cm margins and every style is set in one sans font (Calibri, as Word's own
default), body, captions and headings alike; a house template keeps its own page and fonts.
:func:`save` fixes the document properties and the zip dates
(:mod:`toolkit.present.reproducible`) so a rebuild gives the same bytes.

Examples
--------
>>> import tempfile, pathlib
>>> doc = new_document(language="nb-NO")
>>> _ = doc.add_heading("Sitatbank", level=1)
>>> path = pathlib.Path(tempfile.mkdtemp()) / "a.docx"
>>> first = save(doc, path).read_bytes()
>>> save(doc, path).read_bytes() == first
True
"""

from __future__ import annotations

import io
from pathlib import Path

import docx
from docx.oxml.ns import qn
from docx.oxml.parser import OxmlElement
from docx.shared import Cm

from toolkit.present.reproducible import build_time, normalise_zip

LANGUAGES = {"nb": "nb-NO", "nn": "nn-NO", "en": "en-GB"}
FONT = "Calibri"
A4 = (Cm(21.0), Cm(29.7))
MARGIN = Cm(2.5)


def _one_font(document, font: str = FONT) -> None:
    """Every style (and the document default) in ``font``: the default template sets the
    body in its theme's serif and the headings in its theme's sans."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    if defaults.find(qn("w:rFonts")) is None:
        defaults.insert(0, OxmlElement("w:rFonts"))
    for fonts in styles.iter(qn("w:rFonts")):
        for attribute in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
            fonts.attrib.pop(qn(f"w:{attribute}"), None)
        for attribute in ("ascii", "hAnsi", "eastAsia", "cs"):
            fonts.set(qn(f"w:{attribute}"), font)


def _a4(document) -> None:
    for section in document.sections:
        section.page_width, section.page_height = A4
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, MARGIN)


def text_area(section) -> tuple[float, float]:
    """Width and height of a section's text area, in cm."""
    width = section.page_width - section.left_margin - section.right_margin
    height = section.page_height - section.top_margin - section.bottom_margin
    return width / 360000, height / 360000


def _set_language(document, language: str) -> None:
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    run_defaults = defaults.find(qn("w:rPrDefault"))
    if run_defaults is None:
        run_defaults = OxmlElement("w:rPrDefault")
        defaults.insert(0, run_defaults)
    properties = run_defaults.find(qn("w:rPr"))
    if properties is None:
        properties = OxmlElement("w:rPr")
        run_defaults.append(properties)
    lang = properties.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        properties.append(lang)
    for attribute in ("w:val", "w:eastAsia", "w:bidi"):
        lang.set(qn(attribute), language)


def new_document(*, language: str = "nb-NO", template: str | Path | None = None):
    """A python-docx Document in ``language`` ("nb", "nn", "en" or a tag like "nb-NO"),
    from ``template`` (a house reference.docx, its body emptied) or the default."""
    if template:
        from toolkit.present.template import clean_template

        document = docx.Document(io.BytesIO(clean_template(template)))
    else:
        document = docx.Document()
    if template:
        body = document.element.body
        for child in list(body):
            if child.tag != qn("w:sectPr"):
                body.remove(child)
    _set_language(document, LANGUAGES.get(language, language))
    if not template:
        _a4(document)
        _one_font(document)
    document.core_properties.language = LANGUAGES.get(language, language)
    return document


def save(document, path: str | Path, *, title: str | None = None) -> Path:
    """Save with fixed properties and zip dates (byte-identical rebuilds)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    props = document.core_properties
    stamp = build_time().replace(tzinfo=None)
    props.created = props.modified = stamp
    props.last_printed = stamp
    props.revision = 1
    props.author = props.last_modified_by = "toolkit"
    if title:  # Word's properties hold 255 characters: the document keeps the whole title
        props.title = title if len(title) <= 255 else title[:254].rstrip() + "…"
    from docx.parts.image import ImagePart

    # pictures are already compressed: python-docx would deflate them, and normalise_zip
    # inflate and deflate them again; they are saved as placeholders and stored as they are
    pictures = [p for p in document.part.package.iter_parts() if isinstance(p, ImagePart)]
    blobs = {p.partname.lstrip("/"): p._blob for p in pictures}
    package = io.BytesIO()
    try:
        for picture in pictures:
            picture._blob = b""
        document.save(package)
    finally:
        for picture in pictures:
            picture._blob = blobs[picture.partname.lstrip("/")]
    normalise_zip(path, package.getvalue(), stored=tuple(blobs), members=blobs)
    return path
