"""The build's audit: every table cell of HTML, Word and Excel is compared with the claims
registry, and a planted discrepancy in any output is caught, naming the fact and the place."""

from __future__ import annotations

import json
import shutil
import zipfile

import pytest
from openpyxl import load_workbook

from toolkit.data import example_round
from toolkit.errors import AuditError
from toolkit.report import build_report
from toolkit.report.audit import audit_outputs

CONFIG = (
    '[report]\nby = ["kontorstr"]\n\n[[chapters]]\ntitle = "Samarbeid"\n'
    'questions = ["b1", "s_10"]\n'
)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("audit")
    (folder / "report.toml").write_text(CONFIG, encoding="utf-8")
    build_report(example_round(), folder / "out", config=folder / "report.toml", progress=False)
    return folder / "out"


@pytest.fixture
def copy(built, tmp_path):
    return shutil.copytree(built, tmp_path / "out")


def _first_percent_claim(folder):
    claims = json.loads((folder / "claims.json").read_text(encoding="utf-8"))["claims"]
    return next(
        c
        for c in claims
        if c["id"].startswith("tabell-") and c["measure"] == "percent" and c["value"] > 20
    )


def _as_written(claim) -> str:
    return claim["shown"].replace(" ", "\u00a0")  # the registry keeps plain spaces


def test_a_clean_build_has_no_discrepancy(built):
    found = audit_outputs(built)
    assert found.discrepancies == [] and found.checked > 300
    manifest = json.loads((built / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["audit"] == found.to_dict()


def test_a_changed_excel_cell_is_caught(copy):
    claim = _first_percent_claim(copy)
    number, row, column = (int(x) for x in claim["id"].split("-")[1].split("/"))
    book = load_workbook(copy / "tabeller.xlsx")
    cell = book.worksheets[number - 1].cell(row=3 + row, column=1 + column)
    cell.value = cell.value + 0.01  # one point more
    book.save(copy / "tabeller.xlsx")
    found = audit_outputs(copy)
    assert [(d.claim, d.place) for d in found.discrepancies] == [(claim["id"], "tabeller.xlsx")]
    assert claim["shown"].replace("\u00a0", " ") in str(found.discrepancies[0])


def _replace_in_zip(path, member, old: str, new: str) -> None:
    with zipfile.ZipFile(path) as z:
        parts = {name: z.read(name) for name in z.namelist()}
    text = parts[member].decode("utf-8")
    assert old in text
    parts[member] = text.replace(old, new, 1).encode("utf-8")
    with zipfile.ZipFile(path, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)


def test_a_changed_word_cell_is_caught(copy):
    claim = _first_percent_claim(copy)
    shown = _as_written(claim)
    _replace_in_zip(copy / "report.docx", "word/document.xml", f">{shown}<", ">99\u00a0%<")
    found = audit_outputs(copy)
    assert {d.place for d in found.discrepancies} == {"report.docx"}
    assert any(d.found == "99 %" for d in found.discrepancies)


def test_a_changed_html_cell_is_caught(copy):
    claim = _first_percent_claim(copy)
    page = (copy / "report.html").read_text(encoding="utf-8")
    cell = f">{_as_written(claim)}</td>"
    assert cell in page
    (copy / "report.html").write_text(page.replace(cell, ">98\u00a0%</td>", 1), encoding="utf-8")
    found = audit_outputs(copy)
    assert {d.place for d in found.discrepancies} == {"report.html"}


def test_a_build_whose_excel_disagrees_fails(tmp_path, monkeypatch):
    # the old rule (Excel's own rounding of the exact share) against the report's rounding
    import toolkit.present.excel as excel

    monkeypatch.setattr(excel, "shown_number", lambda value, shown: None)
    (tmp_path / "report.toml").write_text(CONFIG, encoding="utf-8")
    with pytest.raises(AuditError, match=r"number\(s\) with two values") as caught:
        build_report(
            example_round(), tmp_path / "out", config=tmp_path / "report.toml", progress=False
        )
    assert "tabeller.xlsx" in str(caught.value) and "Tabell" in str(caught.value)
    assert not (tmp_path / "out" / "manifest.json").exists()  # no manifest for a failed build
