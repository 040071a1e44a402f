"""One draft per finding kind, with planted errors and correct statements beside them.

Expected values come from the hand counts in tests/check/builders.py: every planted
error must be found, and no correct statement flagged."""

from __future__ import annotations

from collections import Counter

import pytest

from tests.check import builders
from toolkit import check_draft, read_surveyxact


@pytest.fixture(scope="module")
def survey(tmp_path_factory):
    return read_surveyxact(builders.survey_export(tmp_path_factory.mktemp("survey")))


def _check(tmp_path, survey, text: str):
    frame = check_draft(builders.write_md(tmp_path, text), survey=survey).to_frame()
    return {(row.claim, row.kind): row for row in frame.itertuples(index=False)}, frame


def test_hand_counts_behind_the_expectations():
    q1 = Counter(builders.Q1)
    assert (q1[3], q1[4], q1[9], sum(q1[c] for c in (1, 2, 3, 4))) == (5, 3, 1, 11)
    assert round(100 * 5 / 11, 1) == 45.5 and round(100 * 8 / 11, 1) == 72.7
    ja = Counter(builders.JA)
    assert (ja[1], ja[2], ja[3]) == (6, 5, 1)


def test_mismatch_found_and_correct_shares_pass(tmp_path, survey):
    found, frame = _check(
        tmp_path,
        survey,
        "# Tid\n\n45 % er enige i at de har nok tid til oppgavene, mens 30 % er helt enige "
        "i det. Til sammen er 73 % enige eller helt enige i at de har nok tid til "
        "oppgavene.\n\n55 % er uenige i at ledelsen gir tydelige beskjeder.\n\n"
        "9,1 % er helt enige i at ledelsen gir tydelige beskjeder.\n",
    )
    assert found["30 %", "mismatch"].value == "27 %"
    assert found["30 %", "mismatch"].correction == "27 %"
    # "enige" beside "helt enige" is the category «Enig» (45 %); "uenige" alone is the
    # disagree side, «Helt uenig» + «Uenig» (18,2 + 36,4 = 54,5 %)
    assert {("45 %", "ok"), ("73 %", "ok"), ("55 %", "ok"), ("9,1 %", "ok")} <= set(found)
    assert (frame["kind"] == "mismatch").sum() == 1
    assert "Helt enig" in found["30 %", "mismatch"].mapping  # the mapping is shown


def test_display_rounding_is_not_a_mismatch(tmp_path, survey):
    # 45,45 % shows as 45 % or 45,5 %, and as 46 % in a table rounded to add to 100
    # (largest remainders: 9 + 18 + 46 + 27); 47 % is wrong either way
    found, _ = _check(
        tmp_path,
        survey,
        "45,5 % er enige og 27 % helt enige i at de har nok tid til oppgavene.\n\n"
        "46 % er enige og 27 % helt enige i at de har nok tid til oppgavene.\n\n"
        "47 % er enige og 27 % helt enige i at de har nok tid til oppgavene.\n",
    )
    assert ("45,5 %", "ok") in found and ("46 %", "ok") in found
    assert found["47 %", "mismatch"].value == "45 %"


def test_inconsistent_n_one_item_two_ns(tmp_path, survey):
    found, frame = _check(
        tmp_path,
        survey,
        "Vi har nok tid til oppgavene: 73 % er enige (N = 11).\n\n"
        "Senere: av dem som svarte om de har nok tid til oppgavene (N = 12), er 73 % enige.\n",
    )
    assert found["N = 12", "inconsistent-n"].value == "11"
    assert ("N = 11", "ok") in found
    assert set(frame["kind"]) == {"ok", "inconsistent-n"}


def test_inconsistent_n_the_sample_given_two_ns(tmp_path, survey):
    found, _ = _check(
        tmp_path,
        survey,
        "Analyseutvalget består av 13 ledere (N = 13).\n\nTabellene bygger på N = 14.\n",
    )
    assert ("N = 13", "ok") in found and ("13", "ok") in found
    assert found["N = 14", "inconsistent-n"].value == "13"


def test_sum_of_shares_must_be_100(tmp_path, survey):
    found, frame = _check(
        tmp_path,
        survey,
        "Tabell 1: Tid og ledelse\n\n"
        "| | Helt uenig | Uenig | Enig | Helt enig |\n|---|---|---|---|---|\n"
        "| Vi har nok tid til oppgavene | 9 % | 18 % | 45 % | 27 % |\n"
        "| Ledelsen gir tydelige beskjeder | 18 % | 36 % | 40 % | 10 % |\n\n"
        "Tabell 2: Rutiner\n\n| | Ja | Nei |\n|---|---|---|\n"
        "| Har kontoret egne rutiner for unge brukere? | 55 % | 45 % |\n",
    )
    sums = frame[frame["kind"] == "sum"]
    assert sums["claim"].tolist() == ["sum 104 %"]
    assert "rad 3" in sums["location"].iloc[0]
    assert found["40 %", "mismatch"].value == "36 %"  # the cell is also wrong
    assert found["10 %", "mismatch"].value == "9 %"
    assert (frame["kind"] == "mismatch").sum() == 2
    assert ("55 %", "ok") in found and ("9 %", "ok") in found


def test_quantifier_and_the_denominator_that_would_make_it_fit(tmp_path, survey):
    found, frame = _check(
        tmp_path,
        survey,
        "Litt over halvparten (6 av 12) har egne rutiner for unge brukere.\n\n"
        "De fleste (6 av 11) har egne rutiner for unge brukere.\n\n"
        "Nesten alle er enige eller helt enige i at de har nok tid til oppgavene.\n\n"
        "Et flertall er enige eller helt enige i at de har nok tid til oppgavene.\n",
    )
    wrong = frame[frame["kind"] == "quantifier"]
    assert wrong["claim"].tolist() == ["litt over halvparten", "nesten alle"]
    first = wrong.iloc[0]
    assert first["value"] == "6 av 12 = 50 %"
    assert "holdes utenfor nevneren: 6 av 11 = 55 %" in first["correction"]
    assert "72,7" not in wrong.iloc[1]["value"] and "8 av 11" in wrong.iloc[1]["value"]
    assert ("de fleste", "ok") in found and ("et flertall", "ok") in found
    # "6 av 12" is right with "Vet ikke" in the base, "6 av 11" without
    assert ("6 av 12", "ok") in found and ("6 av 11", "ok") in found


def test_x_of_y_mismatch(tmp_path, survey):
    found, _ = _check(tmp_path, survey, "Fem av tolv har egne rutiner for unge brukere.\n")
    assert found["Fem av tolv", "mismatch"].value == "6 av 11"


def test_unmatched_numbers_are_listed_never_passed(tmp_path, survey):
    found, frame = _check(
        tmp_path,
        survey,
        "Vi gjennomførte i tillegg 12 gruppeintervjuer.\n\n"
        "46 % av kontorene har hatt besøk.\n\n"
        "Omtrent 45 % er enige.\n",
    )
    assert set(frame["kind"]) == {"unmatched"}
    assert {c for c, _ in found} == {"12", "46 %", "45 %"}
    assert all(frame["mapping"] != "")


def test_heading_and_table_numbers_are_checked(tmp_path, survey):
    found, _ = _check(
        tmp_path,
        survey,
        "# 55 % har egne rutiner for unge brukere\n\n"
        "| | Ja | Nei |\n|---|---|---|\n| Har kontoret egne rutiner for unge brukere? "
        "| 60 % | 45 % |\n",
    )
    assert ("55 %", "ok") in found
    assert found["60 %", "mismatch"].location.startswith("tabell 1, rad 2, kolonne «Ja»")


def test_columns_are_not_summed_when_the_rows_are_the_shares(tmp_path, survey):
    _, frame = _check(
        tmp_path,
        survey,
        "| | Helt uenig | Uenig | Enig | Helt enig |\n|---|---|---|---|---|\n"
        "| Vi har nok tid til oppgavene | 9 % | 18 % | 46 % | 27 % |\n"
        "| Ledelsen gir tydelige beskjeder | 18 % | 36 % | 36 % | 9 % |\n",
    )
    assert "sum" not in set(frame["kind"])  # the columns add to 27 %, 54 %, …: not a whole


def test_columns_summed_when_they_are_the_shares(tmp_path, survey):
    _, frame = _check(
        tmp_path,
        survey,
        "| | Vi har nok tid til oppgavene | Ledelsen gir tydelige beskjeder |\n|---|---|---|\n"
        "| Helt uenig | 9 % | 18 % |\n| Uenig | 18 % | 36 % |\n| Enig | 45 % | 36 % |\n"
        "| Helt enig | 27 % | 19 % |\n",
    )
    sums = frame[frame["kind"] == "sum"]
    assert sums["claim"].tolist() == ["sum 109 %"] and "kolonne 3" in sums["location"].iloc[0]


def test_a_side_of_the_scale_named_alone_is_the_whole_side(tmp_path, survey):
    """ "73 % er enige" means «Enig» and «Helt enig» (5 + 3 of 11 = 72,7 %), as readers take
    it; "45 % er enige" alone is therefore wrong, and right only beside "helt enige"."""
    found, _ = _check(
        tmp_path,
        survey,
        "73 % er enige i at de har nok tid til oppgavene.\n\n"
        "45 % er enige i at de har nok tid til oppgavene.\n\n"
        "27 % er uenige i at de har nok tid til oppgavene.\n",
    )
    assert ("73 %", "ok") in found and ("27 %", "ok") in found  # 1 + 2 of 11 = 27,3 %
    assert found["45 %", "mismatch"].value == "73 %"


def test_a_total_row_must_be_the_sum_of_its_parts(tmp_path, survey):
    """Counts exactly (5 + 3 = 8, not 9); shares within rounding, and to 100."""
    draft = builders.write_md(
        tmp_path,
        "Tabell 3: Antall svar\n\n| | Enig | Helt enig |\n|---|---|---|\n"
        "| Liten | 3 | 2 |\n| Stor | 2 | 1 |\n| Sum | 5 | 4 |\n",
    )
    frame = check_draft(draft, survey=survey).to_frame()
    totals = frame[frame["kind"] == "sum"]
    assert totals["claim"].tolist() == ["Sum 4"] and totals["value"].tolist() == ["3"]


def test_a_statement_restated_as_a_finding_is_its_agree_side(tmp_path, survey):
    """ "73 % har nok tid til oppgavene" restates q_1 without a side: the agree side
    (5 + 3 of 11 = 72,7 %); "27 % har ikke nok tid" its disagree side (1 + 2 of 11)."""
    found, _ = _check(
        tmp_path,
        survey,
        "73 % mener de har nok tid til oppgavene.\n\n"
        "27 % mener de ikke har nok tid til oppgavene.\n\n"
        "45 % mener de har nok tid til oppgavene.\n",
    )
    assert ("73 %", "ok") in found and ("27 %", "ok") in found
    assert found["45 %", "mismatch"].value == "73 %"
