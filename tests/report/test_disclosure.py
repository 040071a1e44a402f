"""Hidden cells stay hidden (issue 22): an attacker takes every cell a build publishes
(claims.json: shares as rounded, Ns) and, by linear programming, bounds each hidden count;
none may be pinned to an interval narrower than the protection range (min_base wide, or
the group's N when smaller, unless it reaches zero).

The example broken down by office size and region with min_base = 40 hides the groups
under 40 answers; before secondary suppression 21 hidden counts of 4 items could be worked
out by subtracting the shown groups from the item's total (e.g. one office size's «Delvis
uenig» between 9,0 and 15,3 of its 38 answers)."""

from __future__ import annotations

import numpy as np
import pytest

from tests.report.disclosure import attack
from toolkit.analysis.suppression import exposed, protect
from toolkit.data import example_round
from toolkit.report import build_report

CONFIG = (
    '[report]\nby = ["kontorstr", "region"]\nmin_base = 40\n\n'
    '[[chapters]]\ntitle = "Samarbeid"\nquestions = ["b1", "s_10"]\n'
)


@pytest.mark.slow
def test_no_hidden_cell_can_be_worked_out_from_what_the_report_shows(tmp_path):
    (tmp_path / "report.toml").write_text(CONFIG, encoding="utf-8")
    built = build_report(
        example_round(), tmp_path / "out", config=tmp_path / "report.toml", progress=False
    )
    assert attack(built.outputs["claims"], min_base=40) == []
    html = built.outputs["html"].read_text(encoding="utf-8")
    assert "skjult for at de skjulte tallene ikke skal kunne regnes ut" in html


@pytest.mark.slow
def test_the_real_export_by_gender_and_mothers_education(tmp_path):
    """The real export's subject and grade grids by gender and mother's education
    (min_base 5): with primary suppression alone 54 hidden counts of the full report could
    be worked out, mostly subjects nearly everyone answered alike; with secondary
    suppression and the hidden groups' N hidden too, none."""
    from tests.conftest import REAL_XLSX

    (tmp_path / "report.toml").write_text(
        '[report]\nby = ["b_1", "b_2"]\n\n[[chapters]]\ntitle = "Fag"\n'
        'questions = ["p", "bp", "s_6"]\n',
        encoding="utf-8",
    )
    built = build_report(REAL_XLSX, tmp_path / "out", config=tmp_path / "report.toml",
                         progress=False)  # fmt: skip
    assert attack(built.outputs["claims"], min_base=5) == []


def test_the_attack_finds_what_primary_suppression_alone_leaves(tmp_path):
    """The attack can fail: with primary suppression only (one group hidden) a group's
    counts follow from the total and the other groups (hand-made counts, five categories:
    38 answers, 15 of them in the fourth category)."""
    counts = np.array([[6, 12, 15, 22, 11], [6, 5, 19, 23, 21], [3, 3, 3, 15, 14]])
    assert exposed(counts, {2}, min_base=10) == [(2, 3), (2, 4)]
    assert exposed(counts, protect(counts, {2}, min_base=10), min_base=10) == []
