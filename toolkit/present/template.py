"""A house Word template, reduced to what a report takes from it: styles and page setup.

A ``reference_docx`` is a file from outside the toolkit. It passes the zip limits every
other file passes (a small template holding a 2 GiB member is refused before it is read),
and only these parts of it go into ``report.docx``: the main document's page setup (its
body is emptied), styles, numbering, theme, font table, settings, headers and footers with
the pictures they show. Everything else is dropped: document properties (subject,
keywords, company, manager, description…), custom XML, comments, macros, glossary, and
every relationship to an external target (an ``attachedTemplate`` URL that Word would
fetch when the report is opened).

Examples
--------
>>> import io, zipfile, docx, tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "mal.docx"
>>> house = docx.Document()
>>> house.core_properties.subject = "Fortrolig kunde"
>>> house.save(path)
>>> cleaned = zipfile.ZipFile(io.BytesIO(clean_template(path)))
>>> [n for n in cleaned.namelist() if n.startswith("docProps")]
[]
>>> docx.Document(io.BytesIO(clean_template(path))).core_properties.subject
''
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path, PurePosixPath

from toolkit.errors import CorruptFileError
from toolkit.rawfiles.archive import ZipLimits, open_zip

#: a template is styles and a page: 64 MiB unpacked is far more than any house template
LIMITS = ZipLimits(max_total=64 << 20, max_ratio=100.0, ratio_from=8 << 20, max_members=2_000)
_KEEP = re.compile(
    r"^(\[Content_Types\]\.xml|_rels/\.rels|word/(document|styles|stylesWithEffects|numbering"
    r"|fontTable|settings|webSettings)\.xml|word/theme/[^/]+\.xml|word/(header|footer)\d*\.xml"
    r"|word/_rels/[^/]+\.rels|word/media/[^/]+)$"
)
_RELATIONSHIP = re.compile(rb"<Relationship\b[^>]*/>")
_OVERRIDE = re.compile(rb"<Override\b[^>]*/>")


def _target(relationship: bytes) -> bytes:
    found = re.search(rb'Target="([^"]*)"', relationship)
    return found.group(1) if found else b""


def _kept_relationships(data: bytes, base: str, kept: set[str]) -> bytes:
    """A .rels part with only internal relationships to parts that are kept."""

    def keep(match: re.Match) -> bytes:
        relationship = match.group(0)
        if b'TargetMode="External"' in relationship:
            return b""
        target = _target(relationship).decode("utf-8", "replace")
        resolved = target.lstrip("/") if target.startswith("/") else _join(base, target)
        return relationship if resolved in kept else b""

    return _RELATIONSHIP.sub(keep, data)


def _join(base: str, target: str) -> str:
    parts: list[str] = []
    for part in (PurePosixPath(base) / target).parts:
        if part == "..":
            if parts:
                parts.pop()
        elif part not in (".", ""):
            parts.append(part)
    return "/".join(parts)


def clean_template(path: str | Path) -> bytes:
    """The template's styles, page setup, headers and footers as a .docx package in memory
    (see module docstring).

    Parameters
    ----------
    path
        The house template (.docx or .dotx).

    Returns
    -------
    bytes
        A Word package python-docx opens as the report's starting document.

    Examples
    --------
    See the module's example.
    """
    path = Path(path)
    with open_zip(path, kind="Word template", limits=LIMITS) as archive:
        names = [n for n in archive.names() if _KEEP.match(n)]
        if "word/document.xml" not in names or "[Content_Types].xml" not in names:
            raise CorruptFileError(
                f"{path.name} is not a Word document or template",
                file=path,
                expected="a .docx or .dotx saved by Word (it has word/document.xml)",
                hint="save the house template from Word as .docx and point reference_docx at it",
            )
        parts = {name: archive.read(name) for name in names}
    kept = set(parts)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in parts.items():
            if name == "[Content_Types].xml":
                data = _OVERRIDE.sub(
                    lambda m: (
                        m.group(0)
                        if re.search(rb'PartName="/([^"]*)"', m.group(0))
                        and re.search(rb'PartName="/([^"]*)"', m.group(0)).group(1).decode() in kept
                        else b""
                    ),
                    data,
                )
                data = data.replace(
                    b"application/vnd.openxmlformats-officedocument.wordprocessingml.template"
                    b".main+xml",
                    b"application/vnd.openxmlformats-officedocument.wordprocessingml.document"
                    b".main+xml",
                )  # a .dotx opens as a document
            elif name == "word/settings.xml":  # its link to the template on a server
                data = re.sub(rb"<w:attachedTemplate\b[^>]*/>", b"", data)
            elif name.endswith(".rels"):
                folder = PurePosixPath(name).parent.parent.as_posix()
                data = _kept_relationships(data, "" if folder == "." else folder, kept)
            package.writestr(name, data)
    return out.getvalue()
