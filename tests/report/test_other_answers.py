""" "22 skrev et eget svar under «Annet»" beside a table with 31 read as one number with two
values (issue 17): the note now says of how many who chose "Annet" (both counted here from
the export's Dataset sheet with openpyxl, the second route)."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from tests.conftest import REAL_XLSX
from toolkit import read_surveyxact
from toolkit.data import example_round
from toolkit.report.options import Options
from toolkit.report.sections.open import other_answers


def _counted(path, option: str, text: str) -> tuple[int, int]:
    book = load_workbook(path, read_only=True)
    rows = book["Dataset"].iter_rows(values_only=True)
    head = list(next(rows))
    ticked = wrote = 0
    for row in rows:
        ticked += row[head.index(option)] in (1, "1")
        value = row[head.index(text)]
        wrote += value is not None and str(value).strip() != ""
    book.close()
    return wrote, ticked


def test_the_note_says_how_many_of_those_who_chose_other_wrote():
    for path, question, option, text in (
        (example_round(), "s_12", "s_12_6", "s_13"),
        (REAL_XLSX, "v_1", "v_1_16", "s_1"),
    ):
        wrote, ticked = _counted(path, option, text)
        notes = [b.text for b in other_answers(read_surveyxact(path), question, Options())]
        assert notes == [f"{wrote} av de {ticked} som valgte «Annet», skrev et eget svar."]


@pytest.mark.slow  # (the full example build)
def test_the_change_section_says_it_uses_every_answer_when_chapters_use_a_sample(example_build):
    """The example's [sample] keeps answered respondents with half of b1: a chapter's N for
    an item can differ from the change table's, which takes every answer of each round
    (one item showed N=183 there and N=180 in its chapter). The section says so."""
    change = next(s for s in example_build.sections if s.key.startswith("endring"))
    notes = [b.text for b in change.walk() if getattr(b, "kind", "") == "note"]
    assert any(n.startswith("Endringene bygger på alle svar i hver runde") for n in notes)
