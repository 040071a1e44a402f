"""Word documents with python-docx: language set, reproducible bytes.

:func:`new_document` starts from python-docx's default template or a house template
(``reference.docx``) with its body emptied, and sets the document language (universal
design rules ask for it, and Word's spell checker uses it). :func:`save` fixes the
document properties and the zip dates (:mod:`toolkit.present.reproducible`) so a rebuild
gives the same bytes.

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

from pathlib import Path

import docx
from docx.oxml.ns import qn
from docx.oxml.parser import OxmlElement

from toolkit.present.reproducible import build_time, normalise_zip

LANGUAGES = {"nb": "nb-NO", "nn": "nn-NO", "en": "en-GB"}


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
    document = docx.Document(str(template) if template else None)
    if template:
        body = document.element.body
        for child in list(body):
            if child.tag != qn("w:sectPr"):
                body.remove(child)
    _set_language(document, LANGUAGES.get(language, language))
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
    if title:
        props.title = title
    document.save(str(path))
    normalise_zip(path)
    return path


__all__ = ["LANGUAGES", "new_document", "save"]
