"""`toolkit report EXPORT`: every output is there, right, accessible and reproducible.

Numbers in the outputs are checked against likert_summary / multi_response computed
directly; the Word file is read back as XML (captions, repeated header rows, alt text,
language); rebuilding in another folder gives the same bytes for every file."""

from __future__ import annotations

import hashlib
import json
import pathlib
import re
import socket
import struct
from html.parser import HTMLParser

import docx
import pytest
from openpyxl import load_workbook

from tests.report.helpers import digests, docx_xml, example_project, leaks
from toolkit import likert_summary, multi_response, read_surveyxact
from toolkit.data import example_round
from toolkit.report import build_report


@pytest.fixture(scope="module")
def default_build(default_example_build):
    return default_example_build  # one build shared by the suite (tests/conftest.py)


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
    # Excel holds the share the report shows (a row rounded to add up to 100), so Excel and
    # Word show one value: read Word's cell text with python-docx and compare
    word = docx.Document(str(default_build.outputs["docx"]))
    word_row = next(
        [c.text for c in r.cells] for t in word.tables for r in t.rows
        if r.cells[0].text == first["item_text"].iloc[0]
    )  # fmt: skip
    word_header = [
        c.text
        for c in next(t for t in word.tables if t.cell(1, 0).text == word_row[0]).rows[0].cells
    ]
    for category, percent in zip(first["category"], first["percent"], strict=True):
        in_excel = row[header.index(category)]
        in_word = word_row[word_header.index(category)]
        assert f"{round(in_excel * 100)}\u00a0%" == in_word
        assert abs(in_excel * 100 - percent) < 1  # the summary's share, rounded
    assert row[header.index("N")] == int(first["unweighted_base"].iloc[0])
    multi = multi_response(survey, "s_12")
    sheet = next(s for t, s in sheets.items() if t.startswith("Hvilke tiltak"))
    values = {r[0]: r[2] for r in sheet.iter_rows(min_row=4, values_only=True) if r[0]}
    for option, percent in zip(multi["option"], multi["percent_of_cases"], strict=True):
        assert values[option] == round(percent) / 100  # as shown: "46 %" is 0.46


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
    # no configuration: paths are relative to the export's folder
    entry = next(i for i in manifest["inputs"] if i["path"] == export.name)
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
    # every table cell of HTML, Word and Excel was compared with the claims: one value each
    assert manifest["audit"]["discrepancies"] == 0 and manifest["audit"]["checked"] > 500


@pytest.mark.slow
def test_rebuilding_in_another_folder_gives_identical_bytes(example_build, tmp_path):
    config = example_project(tmp_path)  # another copy of the project, in another folder
    export = tmp_path / "surveys/2026/ledere_2026.xlsx"
    first = example_build
    second = build_report(export, tmp_path / "b", config=config, progress=False)
    a, b = digests(first.folder), digests(second.folder)
    assert len(a) > 20 and a == b
    # the example config's parts are all there: rounds, weights, models, interviews
    titles = [s.title for s in first.sections]
    assert {"Vekting", "Endring fra 2025 til 2026", "Intervjuene"} <= set(titles)
    assert "Gjennomsnitt og modeller" in titles


def _build(tmp_path, toml: str):
    """The example round built into tmp_path/out with ``toml`` as its report.toml."""
    config = tmp_path / "report.toml"
    config.write_text(toml, encoding="utf-8")
    return build_report(example_round(), tmp_path / "out", config=config, progress=False)


@pytest.mark.slow
def test_an_english_report_has_english_labels(tmp_path):
    result = _build(
        tmp_path,
        '[report]\nlanguage = "en"\nby = ["kontorstr"]\n\n[parts]\ntests = true\n'
        '\n[[chapters]]\ntitle = "Cooperation"\nquestions = ["b1", "s_12"]\n',
    )
    text = result.outputs["html"].read_text(encoding="utf-8")
    assert '<html lang="en">' in text and "Table 1:" in text and "Source:" in text
    for norwegian in ("Tabell", "Kilde", "Antall", "Prosent av", "Etter kontor", "Svarprosent"):
        assert norwegian not in text, norwegian
    assert 'w:val="en-GB"' in docx_xml(result.outputs["docx"], "word/styles.xml")


@pytest.mark.slow
def test_no_machine_path_user_or_host_in_any_output(example_build, example_project_copy):
    # the example with interviews, rounds and weights, built from a project in a temporary
    # folder: neither that folder, the home folder nor the host name is in any file
    project = str(example_project_copy.parent)
    host = socket.gethostname()  # (a host name of a few letters is found in any PNG)
    needles = [project, str(pathlib.Path.home()), "site-packages", *[host] * (len(host) >= 6)]
    assert leaks(example_build.folder, needles) == []
    manifest = json.loads(example_build.outputs["manifest"].read_text(encoding="utf-8"))
    given = [entry["path"] for entry in manifest["inputs"]]
    assert len(given) == len(set(given))  # each input once
    assert not [p for p in given if pathlib.PurePath(p).is_absolute()]


@pytest.mark.slow
def test_the_example_configuration_takes_full_effect(example_build):
    # [rounds] items and did once gave way to [corpus]'s table: no DiD table, and a change
    # chart over the time items where the agreement grid b1 was asked for
    tables = [b.table.title for s in example_build.sections for b in s.tables()]
    assert any(t.startswith("Forskjell i endring (difference-in-differences)") for t in tables)
    rounds = next(s for s in example_build.sections if s.title.startswith("Endring fra"))
    figures = [f.title for f in rounds.figures()]
    assert figures and not any("Noe mer tid" in t for t in figures)
    assert any("Delvis enig / Helt enig" in t for t in figures)  # agreement, as asked


def test_a_breakdown_without_tests_builds(tmp_path):
    # by with tests = false (the --init default) once crashed with "not a report block"
    result = _build(
        tmp_path,
        '[report]\nby = ["kontorstr"]\n\n[parts]\ntests = false\n\n'
        '[[chapters]]\ntitle = "Samarbeid"\nquestions = ["b1", "s_10"]\n',
    )
    html = result.outputs["html"].read_text(encoding="utf-8")
    assert "Etter kontorstørrelse" in html and "Forskjeller mellom gruppene" not in html


@pytest.mark.slow
def test_the_same_bytes_whatever_the_number_of_workers(tmp_path):
    config = tmp_path / "report.toml"
    config.write_text(
        '[report]\nby = ["region"]\n\n[[chapters]]\ntitle = "A"\nquestions = ["b1"]\n'
    )
    one = build_report(example_round(), tmp_path / "1", config=config, progress=False, jobs=1)
    two = build_report(example_round(), tmp_path / "2", config=config, progress=False, jobs=2)
    assert len(list((tmp_path / "1" / "figurer").iterdir())) >= 4
    assert digests(one.folder) == digests(two.folder)
