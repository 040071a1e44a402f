"""Unit reports of the synthetic staff survey (issue 22): 120 offices' reports built once
(one question, the main report by county beside them); the attack on all of
them together finds no hidden count it can pin, and the numbers are hand counts of the raw
export read with openpyxl (not the toolkit's reader)."""

from __future__ import annotations

import csv
import json
import zipfile
from collections import Counter
from pathlib import Path

import pytest

from tests.report.disclosure import attack_units
from toolkit.data import example_staff_survey
from toolkit.report import build_report


def _raw(path: Path) -> list[dict]:
    """The export's Dataset sheet, read with openpyxl (not the toolkit's reader)."""
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True)
    rows = book["Dataset"].iter_rows(values_only=True)
    header = next(rows)
    return [dict(zip(header, r, strict=False)) for r in rows]


@pytest.fixture(scope="module")
def staff(tmp_path_factory):
    """The staff survey's unit reports (the leadership chapter) and the main report."""
    folder = tmp_path_factory.mktemp("staff")
    source = example_staff_survey().parent / "report.toml"
    config = source.read_text(encoding="utf-8").split("[[chapters]]")[0]
    # one question (tenure, four categories) keeps the 120 reports cheap: a grid's chart per
    # unit costs four times as much; benchmarks/units.py attacks every chapter's reports
    config += '[[chapters]]\ntitle = "Om deg"\nquestions = ["ans"]\n'
    (folder / "report.toml").write_text(config, encoding="utf-8")
    (folder / "kontorer.csv").write_bytes((source.parent / "kontorer.csv").read_bytes())
    # one process: the test runs beside other tests' workers on a few cores
    built = build_report(example_staff_survey(), folder / "out",
                         config=folder / "report.toml", progress=False, jobs=1)  # fmt: skip
    return built.folder, _raw(example_staff_survey())


@pytest.mark.slow
def test_no_hidden_cell_of_120_unit_reports_can_be_worked_out(staff):
    """Every office's report and the main report by county together: no hidden count is
    pinned (the county tables hold whole offices, so an office hidden alone in its county
    would be the county minus the others)."""
    out, raw = staff
    names = dict(csv.reader((example_staff_survey().parent / "kontorer.csv").open(), delimiter=";"))
    counties = _county_labels()
    larger = {str(r["kontornr"]): counties[int(r["fylke"])] for r in raw}
    found = attack_units(out, 5, others="Andre kontorer", everyone="Alle kontorer",
                         larger=larger)  # fmt: skip
    assert found == []
    assert len(names) == 121  # (the header and 120 offices)


def _county_labels() -> dict[int, str]:
    import openpyxl

    book = openpyxl.load_workbook(example_staff_survey(), read_only=True)
    rows = list(book["Labels"].iter_rows(values_only=True))
    return {int(r[1]): r[2] for r in rows if r[0] == "fylke"}


@pytest.mark.slow
def test_unit_numbers_are_hand_counts_of_the_raw_export(staff):
    """Invited and answered per office, and one office's shares beside the others', from
    the raw rows counted by hand."""
    out, raw = staff
    index = json.loads((out / "enheter" / "index.json").read_text(encoding="utf-8"))["units"]
    invited = Counter(str(r["kontornr"]) for r in raw)
    answered = Counter(str(r["kontornr"]) for r in raw if r["stato_4"] == 1)
    assert {u["code"]: u["invited"] for u in index} == dict(invited)
    assert {u["code"]: u["answered"] for u in index} == {c: answered[c] for c in invited}
    assert sum(1 for u in index if not u["reported"]) == sum(1 for c in invited if answered[c] < 5)
    unit = next(u for u in index if u["reported"] and u["answered"] > 40)
    done = [r for r in raw if r["stato_4"] == 1 and r["ans"] in (1, 2, 3, 4)]
    mine = Counter(r["ans"] for r in done if str(r["kontornr"]) == unit["code"])
    rest = Counter(r["ans"] for r in done if str(r["kontornr"]) != unit["code"])
    claims = json.loads((out / "enheter" / unit["folder"] / "claims.json").read_text("utf-8"))
    cells = {
        (c["group"], c["category"]): c["value"]
        for c in claims["claims"]
        if c["id"].startswith("tabell-")
        and c["item"] == "Hvor lenge har du arbeidet ved dette kontoret?"
        and c["measure"] == "percent"
    }
    labels = ["Under 1 år", "1–4 år", "5–9 år", "10 år eller mer"]
    for code, label in enumerate(labels, start=1):
        assert cells[unit["name"], label] == pytest.approx(100 * mine[code] / sum(mine.values()))
        assert cells["Andre kontorer", label] == pytest.approx(
            100 * rest[code] / sum(rest.values())
        )


@pytest.mark.slow
def test_every_unit_has_a_zip_and_a_small_one_says_why(staff):
    out, raw = staff
    index = json.loads((out / "enheter" / "index.json").read_text(encoding="utf-8"))["units"]
    page = (out / "enheter" / "index.html").read_text(encoding="utf-8")
    for unit in index:
        with zipfile.ZipFile(out / "enheter" / f"{unit['folder']}.zip") as archive:
            assert set(archive.namelist()) >= {
                f"{unit['folder']}/report.html",
                f"{unit['folder']}/claims.json",
            }
        assert f'href="{unit["folder"]}/report.html"' in page
    small = next(u for u in index if not u["reported"])
    html = (out / "enheter" / small["folder"] / "report.html").read_text(encoding="utf-8")
    assert "færre enn 5 svar" in html and "<table" not in html
    emails = {r["email"] for r in raw}
    for unit in index[:10]:
        text = (out / "enheter" / unit["folder"] / "report.html").read_text(encoding="utf-8")
        assert not any(e in text for e in list(emails)[:200])
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    listed = {o["path"] for o in manifest["outputs"]}
    assert "enheter/index.html" in listed and f"enheter/{index[0]['folder']}.zip" in listed
