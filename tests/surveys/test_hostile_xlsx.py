"""Hostile and malformed SurveyXact .xlsx exports: each a clear error or a problem row,
never a crash, an abort or silent loss (cases built in code from a valid export)."""

from __future__ import annotations

import zipfile

import pandas as pd
import pytest

from tests.conftest import small_tables
from tests.hostile import Case, check, replace_cells, rewrite_member
from toolkit import read_surveyxact
from toolkit.errors import (
    CorruptFileError,
    EmptyDatasetError,
    LimitExceededError,
    UnsafeFileError,
)
from toolkit.surveys.synthetic import write_xlsx_export

DATASET = "xl/worksheets/sheet2.xml"  # openpyxl writes Labels, Dataset, Structure


def _export(tmp_path, **changes):
    path = tmp_path / "export.xlsx"
    write_xlsx_export(small_tables(**changes), path)
    return path


def _header_only(tmp_path):
    return _export(tmp_path, dataset=small_tables().dataset.iloc[0:0])


def _far_cell(tmp_path):
    return rewrite_member(
        _export(tmp_path),
        DATASET,
        lambda x: x.replace(
            b"</sheetData>", b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>'
        ),
    )


def _far_cell_in_row_one(tmp_path):  # the far cell hides in an early row
    return rewrite_member(
        _export(tmp_path),
        DATASET,
        lambda x: replace_cells(x, r'<c r="A1" ', '<c r="ZZZ999999"><v>9</v></c><c r="A1" '),
    )


def _bomb(tmp_path):
    path = _export(tmp_path)
    # the same 1.5 GiB bomb, built at zlib level 1: twice as fast, still over 200:1
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for i in range(150):
            archive.writestr(f"xl/media/padding{i}.bin", bytes(10 << 20))
    return path


def _bad_crc(tmp_path):
    path = _export(tmp_path)
    with zipfile.ZipFile(path) as source:
        members = [(i.filename, source.read(i)) for i in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as target:
        for name, data in members:
            target.writestr(name, data)
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(DATASET)
    blob = bytearray(path.read_bytes())
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    blob[start + 200] ^= 0x01  # one bit flipped inside the sheet's bytes
    path.write_bytes(bytes(blob))
    return path


def _lying_size(tmp_path):  # the central directory claims a smaller sheet than it is
    path = _export(tmp_path)
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(DATASET)
    blob = bytearray(path.read_bytes())
    entry = blob.find(b"PK\x01\x02")  # central directory entries
    while blob[entry + 46 : entry + 46 + len(DATASET)] != DATASET.encode():
        entry = blob.find(b"PK\x01\x02", entry + 4)
    blob[entry + 24 : entry + 28] = (info.file_size // 10).to_bytes(4, "little")
    path.write_bytes(bytes(blob))
    return path


def _unsafe_member(tmp_path):
    path = _export(tmp_path)
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("..\\..\\evil.xml", b"<x/>")
    return path


def _error_cells(tmp_path):
    def change(xml: bytes) -> bytes:
        xml = replace_cells(xml, r'<c r="C2"[^>]*>.*?</c>', '<c r="C2" t="e"><v>#N/A</v></c>')
        xml = replace_cells(xml, r'<c r="D3"[^>]*>.*?</c>', '<c r="D3" t="e"><v>#DIV/0!</v></c>')
        xml = replace_cells(xml, r'<c r="E5"[^>]*>.*?</c>', '<c r="E5"><f>#REF!+1</f></c>')
        return xml

    return rewrite_member(_export(tmp_path), DATASET, change)


def _declared_huge(tmp_path):
    return rewrite_member(
        _export(tmp_path),
        DATASET,
        lambda x: x.replace(b"<sheetData>", b'<dimension ref="A1:XFD1048576"/><sheetData>', 1),
    )


def _not_a_workbook(tmp_path):
    path = tmp_path / "export.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"\0" * 200)
    return path


CASES = [
    Case("header-only Dataset sheet", _header_only, EmptyDatasetError, where="sheet 'Dataset'"),
    Case("a cell at XFD1048576", _far_cell, LimitExceededError, where="XFD1048576"),
    Case("a far cell in row one", _far_cell_in_row_one, LimitExceededError, where="ZZZ999999"),
    Case("150 members of 10 MiB", _bomb, LimitExceededError),
    Case("a member with a bad CRC", _bad_crc, CorruptFileError, where=DATASET),
    Case("a member bigger than declared", _lying_size, CorruptFileError, where=DATASET),
    Case("a member named ..\\..\\evil.xml", _unsafe_member, UnsafeFileError, where="evil.xml"),
    Case("zip signature, no archive", _not_a_workbook, CorruptFileError),
    Case(
        "error cells and a formula without value",
        _error_cells,
        problem="error-cell",
        where="cell C2",
    ),
    Case(
        "a declared range far beyond the cells",
        _declared_huge,
        problem="declared-dimension",
        where="XFD1048576",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=str)
def test_hostile_xlsx(case, tmp_path):
    check(case, read_surveyxact, tmp_path)


def test_error_cells_are_located_and_named(tmp_path):
    survey = read_surveyxact(_error_cells(tmp_path))
    found = survey.problems[survey.problems["kind"].isin(["error-cell", "formula-without-value"])]
    assert found[["kind", "location", "variable"]].values.tolist() == [
        ["error-cell", "sheet 'Dataset', cell C2", "q_1"],
        ["error-cell", "sheet 'Dataset', cell D3", "q_2"],
        ["formula-without-value", "sheet 'Dataset', cell E5", "ja"],
    ]
    assert survey.data["q_1"].isna().tolist()[0]  # read as blank, and now said so


def _prefixed(xml: bytes) -> bytes:
    """The same sheet written with a namespace prefix, and the (dense) header row's cells
    without ``r``: both legal, both outside the scanner's fast path."""
    xml = xml.replace(b"<worksheet xmlns=", b"<x:worksheet xmlns:x=").replace(
        b"</worksheet>", b"</x:worksheet>"
    )
    for tag in (b"sheetData", b"row", b"c", b"is", b"t", b"v", b"sheetPr", b"sheetViews"):
        xml = (
            xml.replace(b"<" + tag + b" ", b"<x:" + tag + b" ")
            .replace(b"<" + tag + b">", b"<x:" + tag + b">")
            .replace(b"</" + tag + b">", b"</x:" + tag + b">")
        )
    return replace_cells(xml, r' r="[A-Z]+1"', "", count=0)


def test_valid_spellings_are_read_not_refused(tmp_path):
    original = read_surveyxact(_export(tmp_path))
    (tmp_path / "b").mkdir()
    odd = rewrite_member(_export(tmp_path / "b"), DATASET, _prefixed)
    assert b'<x:c t="inlineStr">' in zipfile.ZipFile(odd).read(DATASET)
    pd.testing.assert_frame_equal(read_surveyxact(odd).data, original.data)
