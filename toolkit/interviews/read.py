"""``read_corpus``: one entry point for coded interview material.

- ``.qdpx`` / ``.qde``: REFI-QDA projects (:func:`read_refi`)
- ``.docx`` or a folder of them: coded Word transcripts (:func:`read_docx`)
- ``.txt`` or a folder of them: inline-coded text (:func:`read_text`)
- ``.csv`` / ``.xlsx`` segment exports: :func:`toolkit.interviews.tables.read_segments`

Document attributes (role, office, informant group, interview type, date) come from a
sidecar table (``informants.csv`` / ``.xlsx`` next to the files, or ``attributes=``) whose
first column names the document, and/or from a file-name ``pattern`` with named groups.

Examples
--------
>>> from toolkit.data import example_project
>>> a = read_corpus(example_project("qdpx"))
>>> b = read_corpus(example_project("docx"))
>>> c = read_corpus(example_project("txt"))
>>> key = lambda k: sorted(zip(k.segments["document"].map(
...     k.documents.set_index("document")["name"]), k.segments["path"],
...     k.segments["start"], k.segments["end"]))
>>> key(a) == key(b) == key(c)
True
"""

from __future__ import annotations

from pathlib import Path

from toolkit.errors import ExportFormatError, MissingFileError
from toolkit.interviews.attributes import finish
from toolkit.interviews.build import CorpusBuilder
from toolkit.interviews.corpus import Corpus
from toolkit.interviews.docx import read_docx_text
from toolkit.interviews.inline import parse_inline
from toolkit.interviews.refi import read_refi
from toolkit.rawfiles.files import read_raw
from toolkit.rawfiles.text import decode, detect_encoding


def _files(path: Path, suffix: str) -> list[Path]:
    return (
        [path]
        if path.is_file()
        else sorted(p for p in path.iterdir() if p.suffix.lower() == suffix)
    )


def read_docx(path: str | Path, **options) -> Corpus:
    """Coded Word transcripts: one .docx or a folder of them."""
    path = Path(path)
    builder = CorpusBuilder({"path": str(path), "format": "docx"})
    for file in _files(path, ".docx"):
        text, coded, issues = read_docx_text(file)
        doc = builder.add_document(file.stem, text)
        for kind, message in issues:
            tail = "" if kind == "no-codings" else "; not coded"
            builder.problems.add(kind, f"{message}{tail}", file=str(file))
        for paths, start, end, author in coded:
            if not paths:
                builder.problems.add(
                    "empty-comment",
                    "a comment without a code name; its range is not coded",
                    file=str(file),
                    location=f"characters {start}–{end}",
                )
            for code_path in paths:
                builder.add_segment(
                    doc, builder.code_for_path(code_path), start, end, coder=author, where=str(file)
                )
    return finish(builder, path, **options)


def read_text(path: str | Path, *, encoding: str | None = None, **options) -> Corpus:
    """Inline-coded plain text (see :mod:`toolkit.interviews.inline`)."""
    path = Path(path)
    builder = CorpusBuilder({"path": str(path), "format": "inline-text"})
    for file in _files(path, ".txt"):
        raw = read_raw(file, role="transcript")
        reader = "read_corpus"
        source = decode(
            raw, encoding or detect_encoding(raw.data), reader=reader, explicit=bool(encoding)
        )
        text, segments, attributes = parse_inline(source.replace("\r\n", "\n"), file=file)
        doc = builder.add_document(file.stem, text, attributes)
        for code_path, start, end in segments:
            builder.add_segment(doc, builder.code_for_path(code_path), start, end, where=str(file))
    return finish(builder, path, **options)


def read_corpus(path: str | Path, **options) -> Corpus:
    """Read coded interview material of any supported kind (see module docstring).

    Options: ``attributes=`` (sidecar table), ``pattern=`` (file-name regex with named
    groups), ``strict=`` (False: selections outside the text are reported, not raised).

    Parameters
    ----------
    path
        A .qdpx project, a .qde file, a folder of coded .docx or inline-coded .txt, or one
        such file.
    **options
        ``attributes``, ``pattern``, ``strict`` (above).

    Returns
    -------
    Corpus
        Documents, codes, segments and turns, with problems.

    Examples
    --------
    See the module's example.
    """
    path = Path(path)
    if not path.exists():
        raise MissingFileError(
            f"{path} does not exist",
            file=path,
            hint="give a .qdpx/.qde project, a .docx or .txt transcript, or a folder of them",
        )
    suffix = path.suffix.lower()
    if suffix in {".qdpx", ".qde"}:
        return read_refi(path, **options)
    if suffix == ".docx":
        return read_docx(path, **options)
    if suffix == ".txt":
        return read_text(path, **options)
    if suffix in {".csv", ".xlsx", ".xlsm", ".xls", ".tsv"}:
        from toolkit.interviews.tables import read_segments

        return read_segments(path, **options)
    if path.is_dir():
        kinds = {p.suffix.lower() for p in path.iterdir()}
        projects = sorted(p for p in path.iterdir() if p.suffix.lower() in {".qdpx", ".qde"})
        if len(projects) == 1:
            return read_refi(projects[0], **options)
        if ".docx" in kinds:
            return read_docx(path, **options)
        if ".txt" in kinds:
            return read_text(path, **options)
    raise ExportFormatError(
        f"cannot tell what kind of coded material {path.name} is",
        file=path,
        expected=".qdpx/.qde, .docx, .txt (inline-coded) or a folder of one kind",
        hint="give the file itself, or use read_segments() for segment tables",
    )
