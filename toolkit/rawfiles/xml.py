"""XML from inputs (REFI-QDA projects, Word and Excel parts), parsed with defusedxml.

defusedxml refuses entity declarations, DTDs and external references (billion-laughs and
XXE attacks) instead of expanding them; the refusal becomes an
:class:`~toolkit.errors.UnsafeFileError` that names the part and the entity, and broken
XML a :class:`~toolkit.errors.CorruptFileError` with the line and column.

Examples
--------
>>> root = parse_xml(b"<Project><Code name='Tid'/></Project>", file="p.qde", part="project.qde")
>>> root[0].get("name")
'Tid'
>>> parse_xml(b'<!DOCTYPE x [<!ENTITY lol "lol">]><x>&lol;</x>', file="p.qde",
...           part="project.qde")
Traceback (most recent call last):
...
toolkit.errors.UnsafeFileError: project.qde declares an XML entity; the toolkit refuses ...
"""

from __future__ import annotations

from pathlib import Path
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException, DTDForbidden, EntitiesForbidden
from defusedxml import ElementTree as SafeET

from toolkit.errors import CorruptFileError, UnsafeFileError


def _refusal(exc: DefusedXmlException) -> tuple[str, str]:
    if isinstance(exc, EntitiesForbidden):
        return "declares an XML entity", f"<!ENTITY {exc.name} …>"
    if isinstance(exc, DTDForbidden):
        return "declares a document type (DTD)", f"<!DOCTYPE {exc.name} …>"
    return "refers to an external resource", f"{type(exc).__name__}: {exc}"


def parse_xml(data: bytes, *, file: str | Path, part: str) -> Element:
    """The root element of ``data`` (a part of ``file``), parsed safely."""
    try:
        return SafeET.fromstring(data)
    except DefusedXmlException as exc:
        what, element = _refusal(exc)
        raise UnsafeFileError(
            f"{part} {what}; the toolkit refuses entities, DTDs and external references",
            file=file,
            where=f"{part}: {element}",
            expected="plain XML as the exporting program writes it",
            hint="such declarations can make a reader expand or fetch data; export the file "
            "again from the program that made it",
        ) from None
    except ParseError as exc:
        line, column = getattr(exc, "position", (None, None))
        raise CorruptFileError(
            f"{part} is not well-formed XML",
            file=file,
            where=f"{part}, line {line}, column {column}",
            found=str(exc),
            hint="the file is damaged or was edited by hand; export it again",
        ) from None
