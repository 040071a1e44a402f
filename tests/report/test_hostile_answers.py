"""Answers typed by respondents are shown as typed and never run: no markup or script in
the HTML (checked in headless Chromium when it is installed), plain text in Word, no
formula in Excel."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from html.parser import HTMLParser

import pytest
from openpyxl import load_workbook

from tests.conftest import small_tables
from toolkit.report import build_report
from toolkit.surveys.synthetic import ExportTables, write_csv_export

SCRIPT = "Mitt svar er dette: <script>document.title='HACKED'</script>"
IMAGE = "Se bildet her nå <img src=x onerror=\"document.title='HACKED'\">"
FORMULA = '=HYPERLINK("http://example.invalid","klikk")'
ANSWERS = [SCRIPT, IMAGE, "Bra, men </p><h1>stort</h1> & «travelt»", FORMULA, None, "ok"]


@pytest.fixture(scope="module")
def hostile_report(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    tables = small_tables()
    labels = tables.labels.copy()
    labels.loc[(labels["variable"] == "ja") & (labels["code"] == 1), "label"] = "=1+1"
    labels.loc[(labels["variable"] == "ja") & (labels["code"] == 2), "label"] = "<b>Nei</b>"
    tables = ExportTables(tables.dataset.assign(komm=ANSWERS), tables.structure, labels)
    write_csv_export(tables, folder / "export")
    config = folder / "report.toml"
    config.write_text(
        '[report]\ntitle = "<i>Rapport</i>"\n\n[parts]\nopen_examples = true\nexamples = 6\n\n'
        '[[chapters]]\ntitle = "Alt"\nquestions = ["ja", "komm"]\n',
        encoding="utf-8",
    )
    return build_report(folder / "export", folder / "out", config=config, progress=False)


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.handlers, self.text = [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.handlers += [name for name, _ in attrs if name.startswith("on")]

    def handle_data(self, data):
        self.text.append(data)


def test_html_shows_answers_as_text(hostile_report):
    page = hostile_report.outputs["html"].read_text(encoding="utf-8")
    parsed = _Tags()
    parsed.feed(page)
    assert "script" not in parsed.tags and "h1" in parsed.tags  # only the report's own h1
    assert parsed.tags.count("h1") == 1 and "i" not in parsed.tags and "b" not in parsed.tags
    assert parsed.handlers == []
    text = "".join(parsed.text)
    for answer in (SCRIPT, IMAGE, "Bra, men </p><h1>stort</h1> & «travelt»", "<b>Nei</b>"):
        assert answer in text  # shown exactly as typed
    assert "<i>Rapport</i>" in text


@pytest.mark.skipif(not shutil.which("chromium"), reason="headless Chromium is not installed")
def test_a_browser_runs_none_of_it(hostile_report, tmp_path):
    done = subprocess.run(
        [
            "chromium",
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",  # no network: the machine's closed network refuses it
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--dump-dom",
            f"--user-data-dir={tmp_path}",
            hostile_report.outputs["html"].as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    dom = done.stdout
    assert "<title>&lt;i&gt;Rapport&lt;/i&gt;</title>" in dom  # not 'HACKED'
    parsed = _Tags()
    parsed.feed(dom)
    assert "script" not in parsed.tags and parsed.handlers == []
    assert "&lt;script&gt;document.title='HACKED'&lt;/script&gt;" in dom


def test_word_and_excel_hold_plain_text(hostile_report):
    with zipfile.ZipFile(hostile_report.outputs["docx"]) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    assert "&lt;script&gt;document.title='HACKED'&lt;/script&gt;" in xml
    book = load_workbook(hostile_report.outputs["xlsx"])
    cells = [c for s in book for row in s.iter_rows() for c in row if c.value == "=1+1"]
    assert cells and all(c.data_type == "s" and c.quotePrefix for c in cells)
    assert not [c for s in book for row in s.iter_rows() for c in row if c.data_type == "f"]
