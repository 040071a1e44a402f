"""Checks that need no data, on sentences whose right answers are known by hand: shares
of "x av y" divided out, GRIM by listing the possible means and shares of small N, and
p-values from printed critical-value tables (χ²(4) 9,49 and F(2, 60) 3,15 at 0,05;
t(30) 2,04 and z 1,96 two-sided at 0,05; χ²(1) 3,84 at 0,05 and 6,63 at 0,01)."""

from __future__ import annotations

import pytest

from tests.check import builders
from toolkit import check_draft, read_surveyxact
from toolkit.check.arithmetic import arithmetic_findings

CORRECT = [
    "7 av 12 ledere (58 %) svarte ja.",  # 7/12 = 58,3 %
    "Tre av fire kontorer (75 %) har rutiner.",
    "Gjennomsnittet var 3,50 (N = 12).",  # 42/12
    "Gjennomsnittet var 3,58 (N = 12).",  # 43/12 = 3,583
    "50 % av 12 ledere svarte ja.",  # 6/12
    "42 % av 12 ledere svarte ja.",  # 5/12 = 41,7 %
    "Forskjellen er signifikant (χ²(4) = 9,6; p = 0,048).",
    "Forskjellen er ikke signifikant (χ²(4) = 9,2; p = 0,056).",
    "F(2; 60) = 3,15; p = 0,05.",
    "t(30) = 2,04; p = 0,05.",
    "z = 1,96, p = 0,05.",
    "χ²(1) = 6,63; p = 0,010.",
    "χ² = 3,84; df = 1; p = 0,05.",
    "t(30) = 3,9; p < 0,001.",
    "Vektet gjennomsnitt var 3,47 (N = 12).",  # weighted: GRIM says nothing
    "F(2,99; 964,8) = 1,35; p = 0,26.",  # a Rao–Scott F with fractional df
]
WRONG = [
    ("7 av 12 ledere (48 %) svarte ja.", "48 %"),
    ("Gjennomsnittet var 3,47 (N = 12).", "3,47"),  # no whole total of 12 gives 3,47
    ("46 % av 12 ledere svarte ja.", "46 %"),  # 5/12 = 42 %, 6/12 = 50 %
    ("χ²(4) = 6,0; p = 0,02.", "p = 0,02"),  # 0,20
    ("t(30) = 2,04; p = 0,01.", "p = 0,01"),
    ("F(2; 60) = 3,15; p = 0,5.", "p = 0,5"),
    ("Forskjellen er signifikant (z = 1,2; p = 0,23).", "signifikant"),
    ("Forskjellen er ikke signifikant (χ²(1) = 6,63; p = 0,010).", "ikke signifikant"),
]


@pytest.mark.parametrize("sentence", CORRECT)
def test_correct_sentences_are_not_flagged(sentence):
    assert arithmetic_findings(sentence) == []


@pytest.mark.parametrize(("sentence", "claim"), WRONG)
def test_each_planted_error_is_found(sentence, claim):
    found = arithmetic_findings(sentence)
    assert [f["claim"] for f in found] == [claim]
    assert all(f["kind"] == "inconsistent" and f["mapping"] for f in found)


def test_the_checker_reports_them_as_errors_in_a_draft(tmp_path):
    survey = read_surveyxact(builders.survey_export(tmp_path))
    draft = builders.write_md(tmp_path, "\n\n".join([CORRECT[0], WRONG[0][0], WRONG[3][0]]))
    findings = check_draft(draft, survey=survey)
    wrong = findings.to_frame().query("kind == 'inconsistent'")
    assert wrong["claim"].tolist() == ["48 %", "p = 0,02"]
    assert wrong["value"].tolist() == ["58 %", "p = 0,199"]
    assert findings.exit_code == 1
    assert "går ikke opp" in findings.to_markdown()
