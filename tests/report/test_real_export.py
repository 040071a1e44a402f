"""Acceptance on the real export (242 variables): a report with no configuration covers
every question in HTML and Word with the summaries' numbers; --init then an edited
--config with chapters and a breakdown builds, byte-identical the second time."""

from __future__ import annotations

import itertools
import re

import docx
import pytest

from tests.conftest import REAL_XLSX
from tests.report.helpers import digests
from toolkit import frequencies, likert_summary, multi_response, read_surveyxact
from toolkit.cli import main
from toolkit.report.sections import question_title, questions

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def real():
    return read_surveyxact(REAL_XLSX)


@pytest.fixture(scope="module")
def default_build(real_build):
    return real_build  # one build shared by the suite (tests/conftest.py)


def _headings(path) -> list[str]:
    return [
        p.text for p in docx.Document(str(path)).paragraphs if p.style.name.startswith("Heading")
    ]


def test_every_question_has_a_section_in_html_and_word(real, default_build):
    html = default_build.outputs["html"].read_text(encoding="utf-8")
    words = _headings(default_build.outputs["docx"])
    for question in questions(real):
        title = question_title(real, question)
        assert title.replace("&", "&amp;")[:40] in html, question
        assert any(h.startswith(title[:40]) for h in words), question


def _table(build, title_start: str):
    return next(
        b.table for s in build.sections for b in s.tables() if b.table.title.startswith(title_start)
    )


def test_tables_hold_the_summaries_numbers(real, default_build):
    grid = likert_summary(real, "up")
    table = _table(default_build, grid["question_text"].iloc[0])
    first = grid[(grid["item"] == grid["item"].iloc[0]) & grid["substantive"]]
    row = table.values.loc[first["item_text"].iloc[0]]
    assert row[list(first["category"])].tolist() == pytest.approx(first["percent"].tolist())
    single = frequencies(real, "s_2")
    table = _table(default_build, single["question_text"].iloc[0])
    shown = single[single["substantive"]]
    assert table.values.iloc[0][list(shown["category"])].tolist() == pytest.approx(
        shown["percent"].tolist()
    )
    multi = multi_response(real, "v_1")
    table = _table(default_build, question_title(real, "v_1"))
    assert table.values.iloc[:, 1].tolist() == pytest.approx(multi["percent_of_cases"].tolist())
    assert table.values.iloc[:, 0].tolist() == multi["n"].tolist()


def test_init_then_an_edited_config_with_a_breakdown(tmp_path, capsys):
    config = tmp_path / "report.toml"
    assert main(["report", "--init", str(REAL_XLSX), "--config", str(config)]) == 0
    text = config.read_text(encoding="utf-8")
    chapters = text.index("[[chapters]]")
    edited = text[:chapters].replace('# by = ["..."]', 'by = ["b_1"]')
    edited = edited.replace("tests = false", "tests = true")
    edited += (
        '[[chapters]]\ntitle = "Motivasjon og interesser"\nquestions = ["up", "hm"]\n\n'
        '[[chapters]]\ntitle = "Bakgrunn"\nquestions = ["b_2", "a_fp"]\nby = []\n'
    )
    config.write_text(edited, encoding="utf-8")
    out = tmp_path / "a"
    args = ["report", str(REAL_XLSX), "--config", str(config), "--out", str(out), "--quiet"]
    assert main(args) == 0
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "Motivasjon og interesser" in html and "Etter «Er du jente eller gutt»" in html
    assert re.search(r"Forskjeller mellom gruppene: tester", html)
    assert main([*args[:-3], "--out", str(tmp_path / "b"), "--quiet"]) == 0
    assert digests(out) == digests(tmp_path / "b")
    capsys.readouterr()


def test_no_heading_repeats_the_one_above_it(default_build):
    # a chapter titled by its first question (as --init titles them) printed that question's
    # heading twice, one under the other
    words = _headings(default_build.outputs["docx"])
    repeats = [a for a, b in itertools.pairwise(words) if a == b]
    assert repeats == [] and len(words) > 20
