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


def test_every_chart_label_is_a_claim_and_agrees_with_its_table(built):
    """The numbers written on the bars are claims, tied to the same item, category and
    group as the table cells; each is compared with its cell (s_10 is a single question:
    its bars are labelled as its table rounds, to add to 100)."""
    claims = json.loads((built / "claims.json").read_text(encoding="utf-8"))["claims"]
    labels = [c for c in claims if "/verdi-" in c["id"]]
    cells = {
        (c["item"], c["category"], c["group"]): c["shown"]
        for c in claims
        if c["id"].startswith("tabell-") and c["measure"] == "percent" and c["category"]
    }
    assert len(labels) > 50
    paired = [(cells.get((c["item"], c["category"], c["group"])), c["shown"]) for c in labels]
    assert all(cell is not None for cell, _ in paired)  # every label has its table cell
    assert all(cell == f"{label} %" for cell, label in paired)
    assert any(c["item"].startswith("Hvor mange") or c["group"] for c in labels)


def test_a_label_or_caption_that_disagrees_with_its_table_is_caught(built):
    from toolkit.report.audit import cross_check

    registry = json.loads((built / "claims.json").read_text(encoding="utf-8"))
    assert cross_check(registry).discrepancies == []
    label = next(c for c in registry["claims"] if "/verdi-" in c["id"])
    label["shown"] = str(int(label["shown"]) + 1)  # "2" on the bar where the table says "3 %"
    cells = {
        (c["item"], c["breakdown"])
        for c in registry["claims"]
        if c["id"].startswith("tabell-") and c["measure"] == "n"
    }
    caption = next(  # a caption whose N a table's N column shows too
        c
        for c in registry["claims"]
        if c["id"].startswith("tittel-") and (c["item"], c["breakdown"]) in cells
    )
    caption["shown"] = caption["shown"].replace("=", "=1")  # "N=1162" for "N=162"
    found = cross_check(registry).discrepancies
    assert {d.claim for d in found} >= {label["id"]}
    assert any(caption["id"] in (d.claim, d.first.split("(")[-1][:-1]) for d in found)
    text = " ".join(str(d) for d in found)
    assert label["location"] in text and "Tabell" in text


def test_a_chart_rounding_its_own_way_fails_the_build(tmp_path, monkeypatch):
    # the chart once rounded each share by itself while the table rounded to add to 100:
    # a floor here (a rule of its own) must fail the build's audit, naming the figure
    import numpy as np

    import toolkit.present.charts as charts

    monkeypatch.setattr(charts, "round_to_100", lambda values: np.floor(values))
    (tmp_path / "report.toml").write_text(CONFIG, encoding="utf-8")
    with pytest.raises(AuditError, match=r"number\(s\) with two values") as caught:
        build_report(
            example_round(), tmp_path / "out", config=tmp_path / "report.toml", progress=False
        )
    assert "Figur" in str(caught.value)


def test_two_questions_sharing_item_words_and_section_titles_are_two_facts():
    # the real export asks "Matematikk R1" in two questions, each broken down "Etter kjønn":
    # same item, same section title, other numbers; no discrepancy, as they are two facts
    import pandas as pd

    from toolkit.present.tables import ReportTable
    from toolkit.report.audit import cross_check
    from toolkit.report.blocks import Section, Table
    from toolkit.report.claims import claims

    def table(value: int) -> Table:
        shown = pd.DataFrame({"N": [str(value)]}, index=["Matematikk R1"])
        return Table(ReportTable("Tester", shown, shown.astype(int), {"N": "count"}))

    first, second = table(108), table(79)
    sections = [
        Section("Fag nå", [Section("Etter kjønn", [first], key="v_1-b_1", breakdown="b_1")]),
        Section("Fag neste år", [Section("Etter kjønn", [second], key="v_2-b_1", breakdown="b_1")]),
    ]
    registry = {"claims": claims(sections, {id(first): 1, id(second): 2})}
    assert [c["part"] for c in registry["claims"] if c["id"].startswith("tabell-")] == [
        "v_1-b_1",
        "v_2-b_1",
    ]
    assert cross_check(registry).discrepancies == []
    registry["claims"][-1]["part"] = "v_1-b_1"  # one section: one fact, two numbers
    assert len(cross_check(registry).discrepancies) == 1
