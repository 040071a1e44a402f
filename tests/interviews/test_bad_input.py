"""Bad interview input: clear ToolkitErrors naming file and element; problems listed."""

from __future__ import annotations

import zipfile

import pytest

from tests.interviews.test_loaders import _doc
from toolkit import CorruptFileError, EncodingError, ExportFormatError, MissingFileError
from toolkit.errors import UnsafeFileError
from toolkit.interviews import read_corpus
from toolkit.interviews.synthetic import write_docx, write_inline, write_qdpx


def _rewrite(path, change):
    with zipfile.ZipFile(path) as archive:
        members = {i.filename: archive.read(i) for i in archive.infolist()}
    members["project.qde"] = change(members["project.qde"].decode()).encode()
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


@pytest.fixture
def project(tmp_path):
    return write_qdpx(_doc(), tmp_path / "p.qdpx", inline=True)


def test_not_a_zip(tmp_path):
    (tmp_path / "x.qdpx").write_text("not a zip")
    with pytest.raises(CorruptFileError, match="not a readable REFI-QDA project"):
        read_corpus(tmp_path / "x.qdpx")


def test_missing_project_qde(tmp_path):
    with zipfile.ZipFile(tmp_path / "x.qdpx", "w") as archive:
        archive.writestr("sources/a.txt", "hei")
    with pytest.raises(MissingFileError) as info:
        read_corpus(tmp_path / "x.qdpx")
    assert info.value.found == "sources/a.txt"


def test_unknown_namespace_version(project):
    _rewrite(project, lambda x: x.replace("urn:QDA-XML:project:1.0", "urn:QDA-XML:project:2.0"))
    with pytest.raises(ExportFormatError) as info:
        read_corpus(project)
    assert "project:2.0" in info.value.where


def test_selection_outside_the_text(project):
    _rewrite(project, lambda x: x.replace('endPosition="', 'endPosition="9', 1))
    with pytest.raises(ExportFormatError) as info:
        read_corpus(project)
    assert "PlainTextSelection" in info.value.where
    corpus = read_corpus(project, strict=False)
    assert len(corpus.segments) == 3
    assert corpus.problems["kind"].tolist() == ["selection-outside-text"]


def test_code_reference_to_a_missing_code(project):
    _rewrite(project, lambda x: x.replace('<CodeRef targetGUID="', '<CodeRef targetGUID="x', 1))
    corpus = read_corpus(project)
    assert len(corpus.segments) == 3
    problem = corpus.problems.iloc[0]
    assert problem["kind"] == "missing-code" and "PlainTextSelection" in problem["location"]


def test_duplicate_guids(project):
    def twice(xml):
        guid = xml.split('<Code guid="', 1)[1].split('"', 1)[0]
        return xml.replace('<Code guid="', f'<Code guid="{guid}" x="', 2).replace(
            f'<Code guid="{guid}" x="{guid}"', f'<Code guid="{guid}"', 1
        )

    _rewrite(project, twice)
    with pytest.raises(ExportFormatError, match="duplicate GUID"):
        read_corpus(project)


def test_external_entities_are_refused(project):
    _rewrite(
        project,
        lambda x: x.replace(
            '<?xml version="1.0" encoding="utf-8"?>',
            '<?xml version="1.0"?><!DOCTYPE p [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
        ),
    )
    with pytest.raises(UnsafeFileError, match="declares an XML entity") as info:
        read_corpus(project)
    assert info.value.where == "project.qde: <!ENTITY x …>"


def test_zip_slip_is_refused(project):
    with zipfile.ZipFile(project, "a") as archive:
        archive.writestr("../../evil.txt", "x")
    with pytest.raises(UnsafeFileError) as info:
        read_corpus(project)
    assert "../../evil.txt" in info.value.where


def test_source_text_in_a_wrong_encoding(tmp_path):
    path = write_qdpx(_doc(), tmp_path / "p.qdpx")
    with zipfile.ZipFile(path) as archive:
        members = {i.filename: archive.read(i) for i in archive.infolist()}
    name = next(n for n in members if n.startswith("sources/"))
    members[name] = members[name].decode().encode("cp1252", errors="replace")
    with zipfile.ZipFile(path, "w") as archive:
        for member, data in members.items():
            archive.writestr(member, data)
    with pytest.raises(EncodingError) as info:
        read_corpus(path)
    assert name.split("/")[1] in info.value.where


def test_empty_comment_is_listed(tmp_path):
    folder = write_docx(_doc(), tmp_path / "docx")
    docx = next(folder.glob("*.docx"))
    with zipfile.ZipFile(docx) as archive:
        members = {i.filename: archive.read(i) for i in archive.infolist()}
    members["word/comments.xml"] = members["word/comments.xml"].replace(
        b"<w:t>Tid</w:t>", b"<w:t> </w:t>"
    )
    with zipfile.ZipFile(docx, "w") as archive:
        for member, data in members.items():
            archive.writestr(member, data)
    corpus = read_corpus(folder)
    assert corpus.problems["kind"].tolist() == ["empty-comment"]
    assert len(corpus.segments) == 3


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("Leder: {#Tid}for lite tid", "line 1"),
        ("Leder: ok\nfor lite tid{/Tid}", "line 2"),
        ("Leder: {#Tid}for lite tid{/Kompetanse}", "line 1"),
    ],
)
def test_unbalanced_inline_markup(tmp_path, text, where):
    folder = write_inline(_doc(), tmp_path / "txt")
    (folder / "Intervju X.txt").write_text(text, encoding="utf-8")
    with pytest.raises(ExportFormatError) as info:
        read_corpus(folder)
    assert info.value.where == where and "Intervju X.txt" in info.value.file
