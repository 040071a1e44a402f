"""REFI-QDA projects (.qdpx zip with project.qde + sources/, or a bare .qde).

Written by NVivo (Windows and Mac), ATLAS.ti, MAXQDA and QualCoder. Read: the nested code
book, users, variables and cases, text sources with inline ``PlainTextContent`` or a
``plainTextPath`` (``internal://``, ``relative://``, or a bare name under sources/),
``PlainTextSelection`` with ``Coding``/``CodeRef``, descriptions and notes as memos.

Vendors disagree on offsets: the standard counts Unicode code points in the text as
stored, some count CRLF as one character or count UTF-16 units. For every source the
loader tries each reading and keeps the one under which the selections fall inside the
text and on word boundaries (and match the selection's ``name`` when the exporter wrote
the quoted text there); a non-standard choice is reported. Sources that are not text
(PDF, audio, video, pictures) are listed in ``problems`` with the reason.

The XML is parsed with defusedxml (no external entities); zip members with unsafe paths
(zip slip) or implausible sizes (zip bombs) are refused.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeET

from toolkit.errors import CorruptFileError, ExportFormatError, MissingFileError
from toolkit.interviews.archive import Project
from toolkit.interviews.attributes import finish
from toolkit.interviews.build import CorpusBuilder
from toolkit.interviews.corpus import Corpus

NS = "urn:QDA-XML:project:1.0"
_OTHER_SOURCES = {
    "PDFSource": "PDF",
    "PictureSource": "picture",
    "AudioSource": "audio",
    "VideoSource": "video",
}


def _tag(element) -> str:
    return element.tag.rsplit("}", 1)[-1]


def _children(element, name: str):
    return [child for child in element if _tag(child) == name]


def _decode(data: bytes, where: str, path: Path) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        from toolkit.errors import EncodingError

        raise EncodingError(
            "a source text is not UTF-8 as REFI-QDA requires",
            file=path,
            where=f"{where}, byte {exc.start}",
            hint="export the project again; REFI-QDA texts are UTF-8",
        ) from None


def _aligned(text: str, start: int, end: int) -> int:
    """2 when both ends fall on word boundaries, 1 for one, 0 for none."""

    def boundary(i: int) -> bool:
        return i <= 0 or i >= len(text) or not (text[i - 1].isalnum() and text[i].isalnum())

    return int(boundary(start)) + int(boundary(end))


def _readings(original: str, normal: str, to_new) -> dict[str, callable]:
    """Offset readings to try: name → function(original offset) → normalised offset.
    ``to_new`` maps original to normalised offsets (the builder made it)."""
    readings = {"code points": to_new}
    if normal != original:
        readings["code points, CRLF as one"] = lambda i: i
    if original and max(original) > "\uffff":  # characters outside the BMP: 2 UTF-16 units
        codes = np.frombuffer(original.encode("utf-32-le"), dtype=np.uint32)
        wide = (codes > 0xFFFF).astype(np.int64)
        units = np.concatenate([[0], np.cumsum(1 + wide)])  # UTF-16 offset of each index
        readings["UTF-16 units"] = lambda i: to_new(int(np.searchsorted(units, i)))
    return readings


def _choose_reading(original, normal, to_new, selections) -> tuple[str, callable]:
    readings = _readings(original, normal, to_new)
    if len(readings) == 1:
        return next(iter(readings.items()))
    sample = selections[:: max(1, len(selections) // 300)]
    best, best_score = None, None
    for name, convert in readings.items():
        inside = aligned = named = 0
        for start, end, label in sample:
            s, e = convert(start), convert(end)
            if 0 <= s <= e <= len(normal):
                inside += 1
                aligned += _aligned(normal, s, e)
                named += bool(label) and normal[s:e].startswith(label[:30])
        score = (inside, named, aligned)
        if best_score is None or score > best_score:
            best, best_score = name, score
    return best, readings[best]


def read_refi(path: str | Path, **options) -> Corpus:
    """Read a REFI-QDA project (.qdpx or .qde) into a :class:`Corpus`.

    ``options`` as for :func:`toolkit.interviews.read_corpus` (attributes, pattern, strict).
    """
    path = Path(path)
    if not path.is_file():
        raise MissingFileError(f"no file {path.name}", file=path, hint="check the path")
    project = Project(path)
    try:
        root = SafeET.fromstring(project.qde)
    except DefusedXmlException as exc:
        raise CorruptFileError(
            "project.qde uses forbidden XML features (entities/DTD)",
            file=path,
            found=type(exc).__name__,
            hint="the toolkit refuses external entities; export again",
        ) from None
    except SafeET.ParseError as exc:
        raise CorruptFileError(
            "project.qde is not well-formed XML",
            file=path,
            where=str(exc),
            hint="the export is damaged; export again",
        ) from None
    namespace = root.tag[1:].split("}")[0] if root.tag.startswith("{") else ""
    if _tag(root) != "Project" or (namespace and namespace != NS):
        raise ExportFormatError(
            "project.qde is not a REFI-QDA project of a version the toolkit reads",
            file=path,
            where=f"root element {root.tag!r}",
            expected=f'<Project xmlns="{NS}">',
            hint="export as REFI-QDA project 1.0 – 1.5 (.qdpx)",
        )
    builder = CorpusBuilder(
        {"path": str(path), "format": "refi-qda", "origin": root.get("origin"), "offset_units": {}}
    )
    guids: dict[str, str] = {}

    def register(element, kind: str) -> str:
        guid = element.get("guid")
        if not guid:
            raise ExportFormatError(
                f"a {kind} without guid",
                file=path,
                where=f"<{_tag(element)} name={element.get('name')!r}>",
                hint="export the project again",
            )
        if guid in guids:
            raise ExportFormatError(
                f"duplicate GUID {guid}",
                file=path,
                where=f"<{_tag(element)}> and an earlier <{guids[guid]}>",
                hint="every element needs its own guid; export again",
            )
        guids[guid] = _tag(element)
        return guid

    users = {u.get("guid"): u.get("name") for u in root.iter(f"{{{NS}}}User")}
    users |= {u.get("guid"): u.get("name") for u in root.iter("User")}

    def add_codes(element, parent):
        for code in _children(element, "Code"):
            guid = register(code, "code")
            description = next((d.text for d in _children(code, "Description")), None)
            builder.add_code(
                guid,
                code.get("name") or guid,
                parent,
                description=description,
                color=code.get("color"),
            )
            add_codes(code, guid)

    for book in _children(root, "CodeBook"):
        for codes in _children(book, "Codes"):
            add_codes(codes, None)
    notes = {}
    for group in _children(root, "Notes"):
        for note in _children(group, "Note"):
            notes[note.get("guid")] = "".join(
                (c.text or "") for c in _children(note, "PlainTextContent")
            )
    variables = {}
    for group in _children(root, "Variables"):
        for var in _children(group, "Variable"):
            variables[register(var, "variable")] = var.get("name")

    def values_of(element) -> dict:
        out = {}
        for value in _children(element, "VariableValue"):
            ref = next((r.get("targetGUID") for r in _children(value, "VariableRef")), None)
            content = next((c.text for c in value if _tag(c).endswith("Value")), None)
            if ref in variables:
                out[variables[ref]] = content
        return out

    source_docs: dict[str, str] = {}
    for group in _children(root, "Sources"):
        for source in group:
            kind = _tag(source)
            if kind != "TextSource":
                builder.problems.add(
                    "unreadable-source",
                    f"{_OTHER_SOURCES.get(kind, kind)} source "
                    f"{source.get('name')!r} is not text; not loaded",
                    file=str(path),
                    location=f"<{kind}>",
                )
                continue
            _read_text_source(
                source,
                register(source, "source"),
                project,
                builder,
                path,
                users,
                notes,
                values_of,
                source_docs,
            )
    memberships: dict[str, list[dict]] = {}
    for group in _children(root, "Cases"):
        for case in _children(group, "Case"):
            guid = register(case, "case")
            docs = [
                source_docs[r.get("targetGUID")]
                for r in _children(case, "SourceRef")
                if r.get("targetGUID") in source_docs
            ]
            attributes = values_of(case)
            builder.add_case(guid, case.get("name") or guid, attributes, docs)
            for doc in docs:
                memberships.setdefault(doc, []).append(attributes)
    for doc, cases in memberships.items():  # a document of one case takes its attributes
        if len(cases) == 1:
            builder.set_attributes(
                doc, {k: v for k, v in cases[0].items() if k not in builder.documents[doc]}
            )
    return finish(builder, path, **options)


def _read_text_source(
    source, guid, project, builder, path, users, notes, values_of, source_docs
) -> None:
    name = source.get("name") or guid
    inline = _children(source, "PlainTextContent")
    if inline:
        original = inline[0].text or ""
    else:
        reference = source.get("plainTextPath")
        data = project.read(reference) if reference else None
        if data is None:
            builder.problems.add(
                "unreadable-source",
                f"text source {name!r}: no plain text found"
                + (f" at {reference}" if reference else ""),
                file=str(path),
                location=f"<TextSource guid={guid}>",
            )
            return
        original = _decode(data, f"source {reference}", path)
    document = builder.add_document(name, original, values_of(source), document=guid)
    source_docs[guid] = document
    normal = builder.documents[document]["text"]
    selections = []
    for selection in _children(source, "PlainTextSelection"):
        try:
            start, end = int(selection.get("startPosition")), int(selection.get("endPosition"))
        except (TypeError, ValueError):
            raise ExportFormatError(
                "a text selection without numeric positions",
                file=path,
                where=f"<PlainTextSelection guid={selection.get('guid')}>",
                hint="export the project again",
            ) from None
        selections.append((start, end, selection.get("name"), selection))
    unit, convert = _choose_reading(
        original, normal, lambda i: builder.to_normalised(document, i), [s[:3] for s in selections]
    )
    builder.source["offset_units"][name] = unit
    if unit != "code points":
        builder.problems.add(
            "offset-unit", f"{name}: selections counted as {unit}", file=str(path), variable=name
        )
    for start, end, _, selection in selections:
        where = f"<PlainTextSelection guid={selection.get('guid')}> in {name!r}"
        memo = (
            "\n".join(
                filter(
                    None,
                    [d.text for d in _children(selection, "Description")]
                    + [notes.get(n.get("targetGUID")) for n in _children(selection, "NoteRef")],
                )
            )
            or None
        )
        for coding in _children(selection, "Coding"):
            for ref in _children(coding, "CodeRef"):
                code = ref.get("targetGUID")
                if code not in builder.codes:
                    builder.problems.add(
                        "missing-code",
                        f"coding refers to code {code} that the code book lacks; left out",
                        file=str(path),
                        location=where,
                    )
                    continue
                coder = users.get(coding.get("creatingUser") or selection.get("creatingUser"))
                builder.add_segment(
                    document,
                    code,
                    convert(start),
                    convert(end),
                    coder=coder,
                    memo=memo,
                    segment=coding.get("guid"),
                    where=where,
                )


__all__ = ["read_refi"]
