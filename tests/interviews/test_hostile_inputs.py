"""Hostile and malformed interview material, one table per reader: REFI-QDA projects,
coded Word, inline text, segment tables and framework matrices. Each case is a clear
error naming its place, or a loaded corpus with a problem row; never a crash."""

from __future__ import annotations

import zipfile

import pandas as pd
import pytest
import xlwt

from tests.hostile import Case, check, replace_cells, rewrite_member
from tests.interviews.test_loaders import _doc
from toolkit.errors import (
    CorruptFileError,
    EmptyDatasetError,
    EncodingError,
    ExportFormatError,
    LimitExceededError,
    UnsafeFileError,
)
from toolkit.interviews import read_corpus, read_framework_matrix, read_segments
from toolkit.interviews.synthetic import docx_package, write_inline, write_qdpx

# ----------------------------------------------------------------------------- REFI-QDA


def _qdpx(tmp_path, **options):
    return write_qdpx(_doc(), tmp_path / "p.qdpx", **options)


def _qde_change(change):
    return lambda tmp_path: rewrite_member(
        _qdpx(tmp_path, inline=True), "project.qde", lambda x: change(x.decode()).encode()
    )


def _bad_crc(tmp_path):
    path = _qdpx(tmp_path)
    with zipfile.ZipFile(path) as source:
        members = [(i.filename, source.read(i)) for i in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as target:
        for name, data in members:
            target.writestr(name, data)
    with zipfile.ZipFile(path) as archive:
        info = next(i for i in archive.infolist() if i.filename.startswith("sources/"))
    blob = bytearray(path.read_bytes())
    blob[info.header_offset + 30 + len(info.filename.encode()) + 5] ^= 0x01
    path.write_bytes(bytes(blob))
    return path


def _bomb(tmp_path):
    path = _qdpx(tmp_path)
    # the same 1.5 GiB bomb, built at zlib level 1: twice as fast, still over 200:1
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for i in range(150):
            archive.writestr(f"sources/pad{i}.txt", bytes(10 << 20))
    return path


def _backslash_slip(tmp_path):
    path = _qdpx(tmp_path)
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("sources\\..\\..\\evil.txt", "x")
    return path


def _bare_qde(tmp_path, reference: str):
    folder = tmp_path / "prosjekt"
    qdpx = write_qdpx(_doc(), tmp_path / "p.qdpx")
    with zipfile.ZipFile(qdpx) as archive:
        archive.extractall(folder)
    (tmp_path / "secret.txt").write_text("Leder: hemmelig", encoding="utf-8")
    qde = folder / "project.qde"
    text = qde.read_text(encoding="utf-8")
    start = text.index('plainTextPath="') + len('plainTextPath="')
    qde.write_text(text[:start] + reference + text[text.index('"', start) :], encoding="utf-8")
    return qde


def _duplicate_coding(text: str) -> str:
    first = text.index('<Coding guid="') + len('<Coding guid="')
    guid = text[first : text.index('"', first)]
    second = text.index('<Coding guid="', first) + len('<Coding guid="')
    return text[:second] + guid + text[text.index('"', second) :]


def _uncoded(text: str) -> str:
    import re

    return re.sub(r"<PlainTextSelection.*?</PlainTextSelection>", "", text, flags=re.S)


REFI = [
    Case("a .qdpx member with a bad CRC", _bad_crc, CorruptFileError, where="sources/"),
    Case("150 members of 10 MiB", _bomb, LimitExceededError),
    Case(
        "a member named sources\\..\\..\\evil.txt",
        _backslash_slip,
        UnsafeFileError,
        where="evil.txt",
    ),
    Case(
        "a bare .qde pointing at relative://../secret.txt",
        lambda t: _bare_qde(t, "relative://../secret.txt"),
        problem="unsafe-source-path",
        where="outside the project folder",
    ),
    Case(
        "a bare .qde pointing at an absolute path",
        lambda t: _bare_qde(t, "absolute:///etc/passwd"),
        problem="unsafe-source-path",
        where="absolute path",
    ),
    Case("two codings with one id", _qde_change(_duplicate_coding), problem="duplicate-id"),
    Case(
        "a project where nothing is coded",
        _qde_change(_uncoded),
        problem="nothing-coded",
        where="Intervju X",
    ),
    Case(
        "an entity declaration",
        _qde_change(
            lambda x: x.replace(
                '<?xml version="1.0" encoding="utf-8"?>',
                '<?xml version="1.0"?><!DOCTYPE p [<!ENTITY lol "lol">]>',
            )
        ),
        UnsafeFileError,
        where="<!ENTITY lol",
    ),
    Case(
        "project.qde that is not XML",
        _qde_change(lambda x: x[: len(x) // 2]),
        CorruptFileError,
        where="line",
    ),
]


@pytest.mark.parametrize("case", REFI, ids=str)
def test_hostile_refi(case, tmp_path):
    check(case, lambda path: read_corpus(path, strict=False), tmp_path)


def test_an_unsafe_source_is_not_read(tmp_path):
    corpus = read_corpus(_bare_qde(tmp_path, "relative://../secret.txt"), strict=False)
    assert not corpus.documents["text"].str.contains("hemmelig").any()


# ----------------------------------------------------------------------------- Word


def _docx(tmp_path, body: str, comments: str | None = None):
    folder = tmp_path / "docx"
    folder.mkdir(parents=True, exist_ok=True)
    return docx_package(folder / "Intervju 1.docx", body, comments)


def _comment(cid: int, code: str) -> str:
    return (
        f'<w:comment w:id="{cid}" w:author="A"><w:p><w:r><w:t>{code}</w:t></w:r></w:p></w:comment>'
    )


def _run(text: str) -> str:
    return f"<w:r><w:t>{text}</w:t></w:r>"


def _unclosed(tmp_path):
    body = f'<w:p><w:commentRangeStart w:id="1"/>{_run("Leder: Vi har for lite tid.")}</w:p>'
    return _docx(tmp_path, body, _comment(1, "Tid"))


def _reversed(tmp_path):
    body = (
        f'<w:p><w:commentRangeEnd w:id="1"/>{_run("Leder: Vi har for lite tid.")}'
        f'<w:commentRangeStart w:id="1"/></w:p>'
    )
    return _docx(tmp_path, body, _comment(1, "Tid"))


def _no_body(tmp_path):
    path = _docx(tmp_path, _run("x"))
    return rewrite_member(
        path,
        "word/document.xml",
        lambda x: x.replace(b"<w:body>", b"<w:x>").replace(b"</w:body>", b"</w:x>"),
    )


def _not_zip(tmp_path):
    folder = tmp_path / "docx"
    folder.mkdir()
    (folder / "Intervju 1.docx").write_bytes(b"{\\rtf1 Leder: hei}")
    return folder / "Intervju 1.docx"


def _docx_entity(tmp_path):
    path = _docx(tmp_path, _run("x"))
    return rewrite_member(
        path,
        "word/document.xml",
        lambda x: x.replace(
            b'<?xml version="1.0" encoding="UTF-8"?>',
            b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY e SYSTEM "file:///etc/passwd">]>',
        ),
    )


WORD = [
    Case(
        "a comment range that never closes",
        _unclosed,
        problem="unclosed-comment",
        where="comment 1 ('Tid')",
    ),
    Case(
        "a comment range that ends before it starts",
        _reversed,
        problem="reversed-comment",
        where="comment 1",
    ),
    Case("a .docx without a body", _no_body, ExportFormatError, where="<w:body>"),
    Case(
        "a .docx with no comments part",
        lambda t: _docx(t, f"<w:p>{_run('Leder: Vi har for lite tid.')}</w:p>"),
        problem="no-codings",
    ),
    Case("an RTF file named .docx", _not_zip, CorruptFileError),
    Case(
        "an external entity in document.xml",
        _docx_entity,
        UnsafeFileError,
        where="word/document.xml",
    ),
]


def test_a_docx_without_codes_says_why(tmp_path):
    plain = _docx(tmp_path, f"<w:p>{_run('Leder: Vi har for lite tid.')}</w:p>")
    corpus = read_corpus(plain, strict=False)
    (message,) = corpus.problems.loc[corpus.problems["kind"] == "no-codings", "message"]
    assert message.startswith("it has no comments (no word/comments.xml)")
    assert corpus.documents["text"].tolist() == ["Leder: Vi har for lite tid."]
    loose = _docx(tmp_path / "b", f"<w:p>{_run('Leder: x')}</w:p>", _comment(1, "Tid"))
    corpus = read_corpus(loose, strict=False)
    (message,) = corpus.problems.loc[corpus.problems["kind"] == "no-codings", "message"]
    assert message.startswith("its comments are not anchored to any text")
    coded = read_corpus(_unclosed(tmp_path / "c"), strict=False)  # one problem is enough
    assert "no-codings" not in set(coded.problems["kind"])


@pytest.mark.parametrize("case", WORD, ids=str)
def test_hostile_docx(case, tmp_path):
    check(case, lambda path: read_corpus(path, strict=False), tmp_path)


# ----------------------------------------------------------------------------- inline text


def _text_file(tmp_path, text: str | bytes):
    folder = write_inline(_doc(), tmp_path / "txt")
    path = folder / "Intervju Y.txt"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return folder


TEXT = [
    Case(
        "an opening tag without its }",
        lambda t: _text_file(t, "Leder: {#Tid for lite tid"),
        ExportFormatError,
        where="line 1",
    ),
    Case(
        "a closing tag without its }",
        lambda t: _text_file(t, "Leder: {#Tid}for lite\ntid{/"),
        ExportFormatError,
        where="line 2",
    ),
    Case(
        "an empty transcript",
        lambda t: _text_file(t, b""),
        problem="empty-document",
        where="Intervju Y",
    ),
    Case(
        "a transcript nobody coded",
        lambda t: _text_file(t, "Leder: Vi har for lite tid."),
        problem="nothing-coded",
        where="Intervju Y",
    ),
    Case(
        "a UTF-8 BOM on Windows-1252 bytes",
        lambda t: _text_file(t, b"\xef\xbb\xbf" + "Leder: {#Tid}Vi får{/}".encode("cp1252")),
        CorruptFileError.__bases__[0],
    ),
]


@pytest.mark.parametrize("case", TEXT, ids=str)
def test_hostile_inline_text(case, tmp_path):
    check(case, read_corpus, tmp_path)


def test_text_errors_advise_the_reader_that_was_called(tmp_path):
    folder = _text_file(tmp_path, "Leder: Vi får".encode("cp1252") + b"\x81\x8d")
    with pytest.raises(EncodingError) as info:
        read_corpus(folder, encoding="utf-8")
    assert "read_corpus(" in info.value.hint and "read_surveyxact" not in info.value.hint


# ----------------------------------------------------------------------------- tables


def _write(tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _xls(tmp_path, rows, name="segmenter.xls", far=False):
    book = xlwt.Workbook()
    sheet = book.add_sheet("Kodede segmenter")
    for i, row in enumerate(rows):
        for j, value in enumerate(row):
            sheet.write(i, j, value)
    if far:
        sheet.write(65535, 255, "x")
    path = tmp_path / name
    book.save(str(path))
    return path


MAXQDA = [
    ["Dokumentgruppe", "Dokumentname", "Code", "Anfang", "Ende", "Segment", "Autor"],
    ["Ledere", "Intervju 1", "Tid\\Arbeidspress", 1, 1, "Vi har for lite tid. Æøå.", "AB"],
]
TABLES = [
    Case(
        "an empty segment table",
        lambda t: _write(t, "s.csv", b""),
        EmptyDatasetError,
        kind="segments",
    ),
    Case(
        "a header-only segment table",
        lambda t: _write(t, "s.csv", b"document;tag;content\n"),
        EmptyDatasetError,
        where="line 1",
        kind="segments",
    ),
    Case(
        "a ragged segment table",
        lambda t: _write(t, "s.csv", b"document;tag;content\nA;Tid;x\nB;Tid;y;z;w\n"),
        CorruptFileError,
        where="line 3",
        kind="segments",
    ),
    Case(
        "a CSV renamed .xlsx",
        lambda t: _write(t, "s.xlsx", b"document;tag;content\n"),
        CorruptFileError,
        kind="segments",
    ),
    Case(
        "an .xls sheet with a cell at IV65536",
        lambda t: _xls(t, MAXQDA, far=True),
        LimitExceededError,
        where="IV65536",
        kind="segments",
    ),
    Case(
        "a header-only framework matrix",
        lambda t: _write(t, "m.csv", b"Sak;Kompleksitet\n"),
        EmptyDatasetError,
        kind="matrix",
    ),
    Case(
        "a ragged framework matrix",
        lambda t: _write(t, "m.csv", b"Sak;Kompleksitet\nS1;lav;ekstra\n"),
        CorruptFileError,
        where="line 2",
        kind="matrix",
    ),
]


@pytest.mark.parametrize("case", TABLES, ids=str)
def test_hostile_tables(case, tmp_path):
    reader = read_framework_matrix if case.kind == "matrix" else read_segments
    check(case, reader, tmp_path)


def test_legacy_xls_segment_export_is_read(tmp_path):
    corpus = read_segments(_xls(tmp_path, MAXQDA))
    assert corpus.source["preset"] == "maxqda"
    assert corpus.segments[["path", "text"]].values.tolist() == [
        ["Tid/Arbeidspress", "Vi har for lite tid. Æøå."]
    ]
    matrix = read_framework_matrix(
        _xls(tmp_path, [["Sak", "Kompleksitet"], ["S1", "høy"], ["S2", "lav"]], "m.xls")
    )
    assert matrix.cases[["name", "Kompleksitet"]].values.tolist() == [["S1", "høy"], ["S2", "lav"]]


def test_inspect_reads_an_xls_segment_export(tmp_path):
    from tests.hostile import inspect

    code, out, _ = inspect(_xls(tmp_path, MAXQDA))
    assert code == 0 and "coded segments   1" in out


def test_error_cells_in_a_segment_table_are_listed(tmp_path):
    path = tmp_path / "s.xlsx"
    pd.DataFrame(
        {"document": ["A", "B"], "tag": ["Tid", "Tid"], "content": ["x", "For lite tid."]}
    ).to_excel(path, index=False)
    rewrite_member(
        path,
        "xl/worksheets/sheet1.xml",
        lambda x: replace_cells(x, r'<c r="C2"[^>]*>.*?</c>', '<c r="C2" t="e"><v>#DIV/0!</v></c>'),
    )
    corpus = read_segments(path, strict=False)
    problem = corpus.problems[corpus.problems["kind"] == "error-cell"].iloc[0]
    assert (problem["location"], problem["values"]) == ("sheet 'Sheet1', cell C2", ["#DIV/0!"])
