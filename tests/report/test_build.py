"""`toolkit report EXPORT`: every output is there, right, accessible and reproducible.

Numbers in the outputs are checked against likert_summary / multi_response computed
directly; the Word file is read back as XML (captions, repeated header rows, alt text,
language); rebuilding in another folder gives the same bytes for every file."""

from __future__ import annotations

import hashlib
import json
import re
import struct
from html.parser import HTMLParser

import pytest
from openpyxl import load_workbook

from tests.report.helpers import digests, docx_xml, example_project
from toolkit import likert_summary, multi_response, read_surveyxact
from toolkit.data import example_round
from toolkit.report import build_report


@pytest.fixture(scope="module")
def default_build(tmp_path_factory):
    out = tmp_path_factory.mktemp("default")
    return build_report(example_round(), out, progress=False)


class _Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.images, self.ids, self.headings, self.links, self.tags = [], [], [], [], []
        self._heading = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append(tag)
        if tag == "img":
            self.images.append(attrs)
        if "id" in attrs:
            self.ids.append(attrs["id"])
        if tag in {"h2", "h3"}:
            self._heading = ""
        for key in ("src", "href"):
            if key in attrs:
                self.links.append(attrs[key])

    def handle_data(self, data):
        if self._heading is not None:
            self._heading += data

    def handle_endtag(self, tag):
        if tag in {"h2", "h3"} and self._heading is not None:
            self.headings.append(self._heading)
            self._heading = None


def _page(path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def test_outputs_of_a_default_build(default_build):
    out = default_build.folder
    assert sorted(p.name for p in out.iterdir()) == [
        "claims.json",
        "figurer",
        "manifest.json",
        "report.docx",
        "report.html",
        "tabeller.xlsx",
    ]
    figures = sorted(p.name for p in (out / "figurer").iterdir())
    assert len(figures) == 2 * sum(1 for s in default_build.sections for _ in s.figures())
    assert figures[:2] == ["figur-01-b1.png", "figur-01-b1.svg"]


def test_every_question_has_a_section(default_build):
    survey = read_surveyxact(example_round())
    page = _page(default_build.outputs["html"])
    from toolkit.report.sections import question_title, questions

    titles = {question_title(survey, q) for q in questions(survey)}
    assert all(
        any(t.startswith(h.rstrip(" …")) or h.startswith(t) for h in page.headings) for t in titles
    )


def test_excel_numbers_equal_the_summaries(default_build):
    survey = read_surveyxact(example_round())
    book = load_workbook(default_build.outputs["xlsx"])
    sheets = {book[s]["A1"].value: book[s] for s in book.sheetnames}
    b1 = likert_summary(survey, "b1")
    sheet = next(s for t, s in sheets.items() if t.startswith(b1["question_text"].iloc[0]))
    header = [c.value for c in sheet[3]]
    first = b1[(b1["item"] == "b1_1") & b1["substantive"]]
    row = next(
        r
        for r in sheet.iter_rows(min_row=4, values_only=True)
        if r[0] == first["item_text"].iloc[0]
    )
    for category, percent in zip(first["category"], first["percent"], strict=True):
        assert row[header.index(category)] == pytest.approx(percent / 100)
    assert row[header.index("N")] == int(first["unweighted_base"].iloc[0])
    multi = multi_response(survey, "s_12")
    sheet = next(s for t, s in sheets.items() if t.startswith("Hvilke tiltak"))
    values = {r[0]: r[2] for r in sheet.iter_rows(min_row=4, values_only=True) if r[0]}
    for option, percent in zip(multi["option"], multi["percent_of_cases"], strict=True):
        assert values[option] == pytest.approx(percent / 100)


def test_html_is_self_contained_and_accessible(default_build):
    text = default_build.outputs["html"].read_text(encoding="utf-8")
    page = _page(default_build.outputs["html"])
    assert text.startswith('<!DOCTYPE html>\n<html lang="nb">')
    assert page.images and all(img.get("alt", "").strip() for img in page.images)
    assert all(link.startswith(("data:", "#")) for link in page.links)
    assert "script" not in page.tags
    assert len(page.ids) == len(set(page.ids))
    assert "@media print" in text and "break-after: avoid" in text


def test_word_file_has_captions_repeated_headers_alt_text_and_language(default_build):
    path = default_build.outputs["docx"]
    xml = docx_xml(path)
    tables = sum(1 for s in default_build.sections for _ in s.tables())
    figures = sum(1 for s in default_build.sections for _ in s.figures())
    assert xml.count('w:instr=" SEQ Tabell \\* ARABIC "') == tables
    assert xml.count('w:instr=" SEQ Figur \\* ARABIC "') == figures
    assert xml.count("<w:tblHeader") == tables
    alts = re.findall(r'<wp:docPr [^>]*descr="([^"]*)"', xml)
    assert len(alts) == figures and all(a.strip() for a in alts)
    assert xml.count(">Kilde: ledere_2026.xlsx<") == tables + figures
    assert 'w:val="nb-NO"' in docx_xml(path, "word/styles.xml")


def test_figures_are_print_ready(default_build):
    folder = default_build.folder / "figurer"
    png = (folder / "figur-01-b1.png").read_bytes()
    at = png.index(b"pHYs")
    x, _, unit = struct.unpack(">IIB", png[at + 4 : at + 13])
    assert (round(x * 0.0254), unit) == (300, 1)  # 300 dots per inch
    svg = (folder / "figur-01-b1.svg").read_text(encoding="utf-8")
    assert "<text" in svg and "Helt enig" in svg  # text kept as text


def test_personal_columns_appear_in_no_output(default_build):
    survey = read_surveyxact(example_round())
    emails = survey.data["email"].dropna().astype(str).head(20).tolist()
    names = survey.data["name"].dropna().astype(str).head(20).tolist()
    for path in default_build.outputs.values():
        data = path.read_bytes()
        if path.suffix in {".docx", ".xlsx"}:
            import zipfile

            with zipfile.ZipFile(path) as z:
                data = b"".join(z.read(n) for n in z.namelist())
        content = data.decode("utf-8", errors="ignore")
        assert not [v for v in emails + names if v in content], path.name


def test_manifest_lists_inputs_and_relative_outputs(default_build):
    manifest = json.loads(default_build.outputs["manifest"].read_text())
    export = example_round()
    entry = next(i for i in manifest["inputs"] if i["path"] == str(export))
    assert entry["sha256"] == hashlib.sha256(export.read_bytes()).hexdigest()
    outputs = {o["path"]: o for o in manifest["outputs"]}
    assert {"report.html", "report.docx", "tabeller.xlsx", "figurer/figur-01-b1.png"} <= set(
        outputs
    )
    html = default_build.outputs["html"]
    assert outputs["report.html"]["sha256"] == hashlib.sha256(html.read_bytes()).hexdigest()
    assert manifest["stamped"] == "2000-01-01T00:00:00+00:00"  # SOURCE_DATE_EPOCH or fixed
    assert manifest["dependencies"]["pandas"] and manifest["python"].startswith("3.")
    assert manifest["config"]["language"] == "nb"


@pytest.mark.slow
def test_rebuilding_in_another_folder_gives_identical_bytes(tmp_path):
    config = example_project(tmp_path)
    export = tmp_path / "surveys/2026/ledere_2026.xlsx"
    first = build_report(export, tmp_path / "a", config=config, progress=False)
    second = build_report(export, tmp_path / "b", config=config, progress=False)
    a, b = digests(first.folder), digests(second.folder)
    assert len(a) > 20 and a == b
    # the example config's parts are all there: rounds, weights, models, interviews
    titles = [s.title for s in first.sections]
    assert {"Vekting", "Endring fra 2025 til 2026", "Intervjuene"} <= set(titles)
    assert "Gjennomsnitt og modeller" in titles


@pytest.mark.slow
def test_an_english_report_has_english_labels(tmp_path):
    config = tmp_path / "report.toml"
    config.write_text(
        '[report]\nlanguage = "en"\nby = ["kontorstr"]\n\n[parts]\ntests = true\n'
        '\n[[chapters]]\ntitle = "Cooperation"\nquestions = ["b1", "s_12"]\n'
    )
    result = build_report(example_round(), tmp_path / "out", config=config, progress=False)
    text = result.outputs["html"].read_text(encoding="utf-8")
    assert '<html lang="en">' in text and "Table 1:" in text and "Source:" in text
    for norwegian in ("Tabell", "Kilde", "Antall", "Prosent av", "Etter kontor", "Svarprosent"):
        assert norwegian not in text, norwegian
    assert 'w:val="en-GB"' in docx_xml(result.outputs["docx"], "word/styles.xml")
