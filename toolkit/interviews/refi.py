"""REFI-QDA projects (.qdpx zip with project.qde + sources/, or a bare .qde).

Written by NVivo (Windows and Mac), ATLAS.ti, MAXQDA and QualCoder. Read: the nested code
book, users, variables and cases, text sources with inline ``PlainTextContent`` or a
``plainTextPath`` (``internal://``, ``relative://``, or a bare name under sources/),
``PlainTextSelection`` with ``Coding``/``CodeRef``, descriptions and notes as memos
(:mod:`toolkit.interviews.refi_text` reads the sources and their offsets). Sources that
are not text (PDF, audio, video, pictures) are listed in ``problems`` with the reason.

The XML is parsed with defusedxml (no entities, no DTD); the archive passes
:mod:`toolkit.rawfiles.archive` (member names, total size and ratio, checksums); a source
path that leads outside the project is refused and reported.
"""

from __future__ import annotations

from pathlib import Path

from toolkit.errors import ExportFormatError, MissingFileError
from toolkit.interviews.archive import Project
from toolkit.interviews.attributes import finish
from toolkit.interviews.build import CorpusBuilder
from toolkit.interviews.corpus import Corpus
from toolkit.interviews.refi_text import TextSources, children, tag
from toolkit.rawfiles.xml import parse_xml

NS = "urn:QDA-XML:project:1.0"
_OTHER_SOURCES = {
    "PDFSource": "PDF",
    "PictureSource": "picture",
    "AudioSource": "audio",
    "VideoSource": "video",
}


class _Reader:
    """One pass over project.qde into a CorpusBuilder."""

    def __init__(self, path: Path, root) -> None:
        self.path, self.root = path, root
        self.builder = CorpusBuilder(
            {
                "path": str(path),
                "format": "refi-qda",
                "origin": root.get("origin"),
                "offset_units": {},
            }
        )
        self.guids: dict[str, str] = {}
        self.variables: dict[str, str] = {}

    def register(self, element, kind: str) -> str:
        guid = element.get("guid")
        if not guid:
            raise ExportFormatError(
                f"a {kind} without guid",
                file=self.path,
                where=f"<{tag(element)} name={element.get('name')!r}>",
                hint="export the project again",
            )
        if guid in self.guids:
            raise ExportFormatError(
                f"duplicate GUID {guid}",
                file=self.path,
                where=f"<{tag(element)}> and an earlier <{self.guids[guid]}>",
                hint="every element needs its own guid; export again",
            )
        self.guids[guid] = tag(element)
        return guid

    def users(self) -> dict[str, str]:
        return {u.get("guid"): u.get("name") for u in self.root.iter() if tag(u) == "User"}

    def codes(self, element=None, parent=None) -> None:
        if element is None:
            for book in children(self.root, "CodeBook"):
                for codes in children(book, "Codes"):
                    self.codes(codes, None)
            return
        for code in children(element, "Code"):
            guid = self.register(code, "code")
            description = next((d.text for d in children(code, "Description")), None)
            self.builder.add_code(
                guid,
                code.get("name") or guid,
                parent,
                description=description,
                color=code.get("color"),
            )
            self.codes(code, guid)

    def notes(self) -> dict[str, str]:
        notes = {}
        for group in children(self.root, "Notes"):
            for note in children(group, "Note"):
                texts = children(note, "PlainTextContent")
                notes[note.get("guid")] = "".join((c.text or "") for c in texts)
        return notes

    def read_variables(self) -> None:
        for group in children(self.root, "Variables"):
            for var in children(group, "Variable"):
                self.variables[self.register(var, "variable")] = var.get("name")

    def values_of(self, element) -> dict:
        out = {}
        for value in children(element, "VariableValue"):
            ref = next((r.get("targetGUID") for r in children(value, "VariableRef")), None)
            content = next((c.text for c in value if tag(c).endswith("Value")), None)
            if ref in self.variables:
                out[self.variables[ref]] = content
        return out

    def sources(self, project: Project) -> dict[str, str]:
        texts = TextSources(
            self.builder, project, self.path, self.users(), self.notes(), self.values_of
        )
        for group in children(self.root, "Sources"):
            for source in group:
                kind = tag(source)
                if kind == "TextSource":
                    texts.read(source, self.register(source, "source"))
                    continue
                self.builder.problems.add(
                    "unreadable-source",
                    f"{_OTHER_SOURCES.get(kind, kind)} source "
                    f"{source.get('name')!r} is not text; not loaded",
                    file=str(self.path),
                    location=f"<{kind}>",
                )
        return texts.documents

    def cases(self, source_docs: dict[str, str]) -> None:
        memberships: dict[str, list[dict]] = {}
        for group in children(self.root, "Cases"):
            for case in children(group, "Case"):
                guid = self.register(case, "case")
                docs = [
                    source_docs[r.get("targetGUID")]
                    for r in children(case, "SourceRef")
                    if r.get("targetGUID") in source_docs
                ]
                attributes = self.values_of(case)
                self.builder.add_case(guid, case.get("name") or guid, attributes, docs)
                for doc in docs:
                    memberships.setdefault(doc, []).append(attributes)
        for doc, cases in memberships.items():  # a document of one case takes its attributes
            if len(cases) == 1:
                known = self.builder.documents[doc]
                self.builder.set_attributes(
                    doc, {k: v for k, v in cases[0].items() if k not in known}
                )


def _root(path: Path, project: Project):
    root = parse_xml(project.qde, file=path, part="project.qde")
    namespace = root.tag[1:].split("}")[0] if root.tag.startswith("{") else ""
    if tag(root) != "Project" or (namespace and namespace != NS):
        raise ExportFormatError(
            "project.qde is not a REFI-QDA project of a version the toolkit reads",
            file=path,
            where=f"root element {root.tag!r}",
            expected=f'<Project xmlns="{NS}">',
            hint="export as REFI-QDA project 1.0 – 1.5 (.qdpx)",
        )
    return root


def read_refi(path: str | Path, **options) -> Corpus:
    """Read a REFI-QDA project (.qdpx or .qde) into a :class:`Corpus`.

    ``options`` as for :func:`toolkit.interviews.read_corpus` (attributes, pattern, strict).
    """
    path = Path(path)
    if not path.is_file():
        raise MissingFileError(f"no file {path.name}", file=path, hint="check the path")
    project = Project(path)
    reader = _Reader(path, _root(path, project))
    reader.codes()
    reader.read_variables()
    reader.cases(reader.sources(project))
    return finish(reader.builder, path, **options)
