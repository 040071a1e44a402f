"""Write one coded project in three renderings: REFI-QDA (.qdpx), coded Word (.docx with
comments) and inline-coded text (.txt, see :mod:`toolkit.interviews.inline`).

Used for the example project, for test fixtures with one quirk each, and for benchmarks.
A :class:`CodedDocument` holds a name, its text, attributes and segments
``(path, start, end)`` in Python string offsets.
"""

from __future__ import annotations

import csv
import uuid
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from toolkit.interviews.build import split_path
from toolkit.interviews.inline import render_inline

NS = "urn:QDA-XML:project:1.0"


@dataclass
class CodedDocument:
    name: str
    text: str
    attributes: dict = field(default_factory=dict)
    segments: list[tuple[str, int, int]] = field(default_factory=list)


def _guid(*parts: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "toolkit:" + "/".join(parts)))


def _code_tree(documents: list[CodedDocument]) -> dict[str, list[str]]:
    children: dict[str, list[str]] = {"": []}
    for doc in documents:
        for path, _, _ in doc.segments:
            parts = split_path(path)
            for depth in range(1, len(parts) + 1):
                key, parent = "/".join(parts[:depth]), "/".join(parts[: depth - 1])
                if key not in children:
                    children[key] = []
                    children[parent].append(key)
    return children


def write_qdpx(
    documents: list[CodedDocument],
    path: str | Path,
    *,
    inline: bool = False,
    crlf: bool = False,
    crlf_as_one: bool = False,
    utf16: bool = False,
    origin: str = "toolkit",
    coder: str = "Forsker 1",
) -> Path:
    """A REFI-QDA project. ``crlf`` stores texts with CRLF line ends (as NVivo on Windows);
    ``crlf_as_one`` then counts offsets as if CRLF were one character, and ``utf16``
    counts UTF-16 units (vendor quirks the reader must detect)."""
    tree = _code_tree(documents)
    user = _guid("user", coder)

    def codes_xml(key: str) -> str:
        out = []
        for child in tree[key]:
            name = split_path(child)[-1]
            inner = codes_xml(child)
            out.append(
                f'<Code guid="{_guid("code", child)}" name={quoteattr(name)} '
                f'isCodable="true">{inner}</Code>'
            )
        return "".join(out)

    attributes = sorted({k for d in documents for k in d.attributes})
    parts = [
        f'<?xml version="1.0" encoding="utf-8"?><Project xmlns="{NS}" '
        f'name="Eksempel" origin={quoteattr(origin)}>',
        f'<Users><User guid="{user}" name={quoteattr(coder)}/></Users>',
        f"<CodeBook><Codes>{codes_xml('')}</Codes></CodeBook><Variables>",
        *(
            f'<Variable guid="{_guid("var", a)}" name={quoteattr(a)} typeOfVariable="Text"/>'
            for a in attributes
        ),
        "</Variables>",
    ]
    sources, files = [], {}
    for doc in documents:
        sid = _guid("source", doc.name)
        text = doc.text.replace("\n", "\r\n") if crlf else doc.text
        selections = []
        for i, (code_path, start, end) in enumerate(doc.segments):
            if crlf and not crlf_as_one:
                start += doc.text.count("\n", 0, start)
                end += doc.text.count("\n", 0, end)
            if utf16:
                start, end = (len(text[:i].encode("utf-16-le")) // 2 for i in (start, end))
            selections.append(
                f'<PlainTextSelection guid="{_guid("sel", doc.name, str(i))}" '
                f'startPosition="{start}" endPosition="{end}" creatingUser="{user}">'
                f'<Coding guid="{_guid("coding", doc.name, str(i))}" creatingUser="{user}">'
                f'<CodeRef targetGUID="{_guid("code", "/".join(split_path(code_path)))}"/>'
                "</Coding></PlainTextSelection>"
            )
        if inline:
            body = f"<PlainTextContent>{escape(text)}</PlainTextContent>"
            head = f'<TextSource guid="{sid}" name={quoteattr(doc.name)}>'
        else:
            files[f"sources/{sid}.txt"] = text.encode("utf-8")
            body = ""
            head = (
                f'<TextSource guid="{sid}" name={quoteattr(doc.name)} '
                f'plainTextPath="internal://{sid}.txt">'
            )
        sources.append(head + body + "".join(selections) + "</TextSource>")
    cases = "".join(
        f'<Case guid="{_guid("case", d.name)}" name={quoteattr(d.name)}>'
        + "".join(
            f'<VariableValue><VariableRef targetGUID="{_guid("var", a)}"/>'
            f"<TextValue>{escape(str(v))}</TextValue></VariableValue>"
            for a, v in d.attributes.items()
        )
        + f'<SourceRef targetGUID="{_guid("source", d.name)}"/></Case>'
        for d in documents
    )
    parts += [f"<Cases>{cases}</Cases>", "<Sources>", *sources, "</Sources></Project>"]
    path = Path(path)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", "".join(parts).encode("utf-8"))
        for name, data in files.items():
            archive.writestr(name, data)
    return path


def write_inline(documents: list[CodedDocument], folder: str | Path) -> Path:
    """One inline-coded .txt per document and an ``informants.csv`` sidecar."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for doc in documents:
        (folder / f"{doc.name}.txt").write_text(
            render_inline(doc.text, doc.segments), encoding="utf-8"
        )
    write_sidecar(documents, folder / "informants.csv")
    return folder


def write_sidecar(documents: list[CodedDocument], path: Path) -> None:
    keys = sorted({k for d in documents for k in d.attributes})
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(["document", *keys])
        for doc in documents:
            writer.writerow([doc.name, *(doc.attributes.get(k, "") for k in keys)])


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _docx_paragraphs(text: str, segments) -> str:
    events: dict[int, list[str]] = {}
    for i, (_, start, end) in enumerate(segments):
        events.setdefault(start, []).append(f'<w:commentRangeStart w:id="{i}"/>')
        events.setdefault(end, []).append(
            f'<w:commentRangeEnd w:id="{i}"/><w:r><w:commentReference w:id="{i}"/></w:r>'
        )
    out, offset = [], 0
    for line in text.split("\n"):
        runs, cut = [], offset
        points = sorted(p for p in events if offset <= p <= offset + len(line))
        for point in points:
            if point > cut:
                runs.append(f'<w:r><w:t xml:space="preserve">{escape(text[cut:point])}</w:t></w:r>')
                cut = point
            runs.extend(events.pop(point))
        if cut < offset + len(line):
            runs.append(
                f'<w:r><w:t xml:space="preserve">{escape(text[cut : offset + len(line)])}'
                "</w:t></w:r>"
            )
        out.append(f"<w:p>{''.join(runs)}</w:p>")
        offset += len(line) + 1
    return "".join(out)


_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006"


def docx_package(path: Path, body: str, comments: str | None = None) -> Path:
    """A minimal .docx: ``body`` is the inside of ``<w:body>``; ``comments`` the inside of
    ``<w:comments>`` (a comments part is added when given)."""
    overrides = f'<Override PartName="/word/document.xml" ContentType="{_CT}.document.main+xml"/>'
    if comments is not None:
        overrides += f'<Override PartName="/word/comments.xml" ContentType="{_CT}.comments+xml"/>'
    xml = '<?xml version="1.0" encoding="UTF-8"?>'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(
            "[Content_Types].xml",
            (
                f'{xml}<Types xmlns="{_PKG}/content-types"><Default Extension="rels" ContentType='
                '"application/vnd.openxmlformats-package.relationships+xml"/><Default Extension='
                f'"xml" ContentType="application/xml"/>{overrides}</Types>'
            ),
        )
        z.writestr(
            "_rels/.rels",
            (
                f'{xml}<Relationships xmlns="{_PKG}/relationships"><Relationship Id="rId1" '
                f'Type="{_REL}/officeDocument" Target="word/document.xml"/></Relationships>'
            ),
        )
        z.writestr(
            "word/document.xml",
            (f'{xml}<w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>'),
        )
        if comments is not None:
            z.writestr(
                "word/_rels/document.xml.rels",
                (
                    f'{xml}<Relationships xmlns="{_PKG}/relationships"><Relationship Id="rId1" '
                    f'Type="{_REL}/comments" Target="comments.xml"/></Relationships>'
                ),
            )
            z.writestr(
                "word/comments.xml", (f'{xml}<w:comments xmlns:w="{W}">{comments}</w:comments>')
            )
    return path


def write_docx(documents: list[CodedDocument], folder: str | Path) -> Path:
    """One coded .docx per document (comments = code paths) and ``informants.csv``."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for doc in documents:
        comments = "".join(
            f'<w:comment w:id="{i}" w:author="Forsker 1"><w:p><w:r><w:t>{escape(p)}</w:t>'
            "</w:r></w:p></w:comment>"
            for i, (p, _, _) in enumerate(doc.segments)
        )
        docx_package(
            folder / f"{doc.name}.docx", _docx_paragraphs(doc.text, doc.segments), comments
        )
    write_sidecar(documents, folder / "informants.csv")
    return folder
