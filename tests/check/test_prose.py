"""The checker on a draft written in a researcher's own words, with no claims registry
(the tables built by hand), about the real 242-variable export (issue 21's acceptance).

Every expected value is counted by hand from the raw export with the csv module:

* b_1 (jente eller gutt): Jente 205, Gutt 127, Annet/vil ikke svare 9 → N 341;
  60,1 / 37,2 / 2,6 %.
* s_2 (utdanningsprogram): Studiespesialisering 291, Idrettsfag 47, Musikk, dans og drama
  42, Medier og kommunikasjon 17, Kunst, design og arkitektur 16, Annet 11 → N 424;
  68,6 / 11,1 / 9,9 / 4,0 / 3,8 / 2,6 %.
* m_1 (matematikk på Vg1): 1T 220, 1P 187 → N 407; 54,1 / 45,9 %.
* up_01 (svært motivert): Helt uenig 14, Uenig 63, Enig 202, Helt enig 65 → N 344;
  enige (side) 77,6 %, uenige 22,4 %, helt enige 18,9 %, helt uenige 4,1 %.
* up_02 (fortsatt usikker): 102 / 129 / 79 / 31 → N 341; enige 32,3 %, uenige 67,7 %.
* s_6 (når bestemte): ungdomsskolen 191, vårhalvåret Vg1 99, høsthalvåret Vg1 54,
  barneskolen 24, ikke mulighet 5, annet 8 ("Vet ikke" 23 is no answer) → N 381;
  50,1 / 26,0 / 14,2 / 6,3 / 1,3 / 2,1 %.
* b_4 (mor i jobb): Ja 308, Nei 20 ("Ikke relevant/vet ikke" 11 is no answer) → N 328;
  93,9 / 6,1 %. The export has 999 rows (everyone invited).
* p-values from printed tables: χ²(3) = 4,1 gives 0,25; χ²(5) = 7,2 gives 0,21;
  F(2; 338) = 3,2 gives 0,042. GRIM: no whole total of 9 answers has the mean 2,45
  (22/9 = 2,44, 23/9 = 2,56).

The draft is this project's own writing in the style of published reports (no sentence
is copied from them). Targets: ≥ 90 % of the planted errors caught, no correct
statement flagged as an error, ≥ 70 % of the correct statements confirmed ``ok``.
"""

from __future__ import annotations

import pytest

from tests.conftest import REAL_CSV
from toolkit import check_draft, read_surveyxact

PARAGRAPHS = [
    ("# Om utvalget", None),
    ("Spørreskjemaet ble sendt til 998 elever.", False),  # 999 rows
    ("Av de 341 som svarte på om de er jente eller gutt, er 205 jenter (60 %).", True),
    ("127 av 341 er gutter (37 %).", True),
    ("9 av 341 (3 %) svarte «Annet/vil ikke svare».", True),
    ("Jentene utgjør dermed 62 % av dem som svarte på spørsmålet om kjønn.", False),
    ("# Utdanningsprogram", None),
    ("Av de 424 elevene som oppga utdanningsprogram, går 69 % på studiespesialisering.", True),
    ("11 % går på idrettsfag.", True),
    ("14 % går på musikk, dans og drama.", False),  # 9,9 %
    ("4,0 % går på medier og kommunikasjon.", True),
    ("Kunst, design og arkitektur har 5,8 % av elevene.", False),  # 3,8 %
    ("# Matematikk", None),
    ("Litt over halvparten (54 %) hadde Matematikk 1T på Vg1.", True),
    ("46 % hadde Matematikk 1P på Vg1.", True),
    ("220 av 407 elever hadde Matematikk 1T på Vg1 (57 %).", False),  # 54 %
    ("Flertallet hadde Matematikk 1P på Vg1 (46 %).", False),  # not a majority
    ("# Motivasjon", None),
    ("78 % er enige i at de er svært motivert for fagene på programområdet.", True),
    ("Bare 4 % er helt uenige i at de er svært motivert for fagene.", True),
    ("19 % er helt enige.", True),  # the subject from the sentence before
    ("22 % er uenige i at de er svært motivert for fagene på programområdet.", True),
    ("Hele 45 % er fortsatt usikre på om de har valgt det rette programområdet.", False),  # 32 %
    ("68 % er uenige i at de er usikre på om de har valgt det rette programområdet.", True),
    ("32 % er enige i at de fortsatt er usikre på om de har valgt det rette programområdet.", True),
    ("Hele 65 elever er helt enige i at de er svært motivert for fagene.", True),
    ("Kun 12 elever er helt uenige i at de er svært motivert for fagene.", False),  # 14
    ("# Når valget ble tatt", None),
    ("Halvparten bestemte seg i løpet av ungdomsskolen (50 %).", True),
    ("26 % bestemte seg vårhalvåret på Vg1.", True),
    ("18 % bestemte seg høsthalvåret på Vg1.", False),  # 14 %
    ("6 % bestemte seg da de gikk på barneskolen.", True),
    ("# Foreldre", None),
    ("Nesten alle (94 %) har en mor eller annen foresatt i jobb.", True),
    ("Av de 328 som svarte på om moren er i jobb, svarte 308 ja (94 %).", True),
    ("6 % har en mor som ikke er i jobb.", True),
    ("# Forskjeller", None),
    (
        "Jentene er mer motivert enn guttene, og forskjellen er statistisk signifikant "
        "(χ²(3) = 4,1; p = 0,25).",
        False,
    ),
    ("Forskjellen mellom programmene er ikke signifikant (χ²(5) = 7,2; p = 0,21).", True),
    ("Gjennomsnittene skiller seg fra hverandre (F(2; 338) = 3,2; p = 0,2).", False),
    ("I den minste gruppen var gjennomsnittet 2,45 (N = 9).", False),  # GRIM
    ("I den nest minste gruppen var gjennomsnittet 2,44 (N = 9).", True),
]
TABLE_CAPTION = "Tabell 1: Når bestemte du deg for programområdet du har valgt? (N = 381)"
TABLE = [
    ["", "Andel"],
    ["I løpet av ungdomsskolen", "50 %"],
    ["Vårhalvåret på Vg1", "26 %"],
    ["Høsthalvåret på Vg1", "19 %"],  # wrong: 14 %
    ["Da jeg gikk på barneskolen", "6 %"],
    ["Annet, beskriv:", "2 %"],
    ["Sum", "103 %"],  # wrong: the parts add to 103, and shares add to 100
]
TABLE_TRUTH = {"50 %": True, "26 %": True, "19 %": False, "6 %": True, "2 %": True}

ERRORS = {"mismatch", "inconsistent-n", "sum", "inconsistent"}
CAUGHT = ERRORS | {"quantifier"}


def _write(folder):
    blocks = [text for text, _ in PARAGRAPHS] + [TABLE_CAPTION]
    table = ["| " + " | ".join(TABLE[0]) + " |", "|" + "---|" * len(TABLE[0])]
    table += ["| " + " | ".join(row) + " |" for row in TABLE[1:]]
    path = folder / "utkast.md"
    path.write_text("\n\n".join(blocks) + "\n\n" + "\n".join(table) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def findings(tmp_path_factory):
    draft = _write(tmp_path_factory.mktemp("prose"))
    return check_draft(draft, survey=read_surveyxact(REAL_CSV)).to_frame()


def _outcomes(findings):
    """(caught, wrong, flagged, correct, confirmed) over every statement."""
    caught = wrong = flagged = correct = confirmed = 0
    statements = [(findings[findings["text"] == t]["kind"].tolist(), ok) for t, ok in PARAGRAPHS]
    cells = findings[findings["location"].str.startswith("tabell 1")]
    statements += [
        (cells[cells["claim"] == c]["kind"].tolist(), ok) for c, ok in TABLE_TRUTH.items()
    ]
    statements.append((findings[findings["kind"] == "sum"]["kind"].tolist(), False))
    for kinds, ok in statements:
        if ok is None:
            continue
        if ok:
            correct += 1
            flagged += any(k in ERRORS for k in kinds)
            confirmed += bool(kinds) and all(k == "ok" for k in kinds)
        else:
            wrong += 1
            caught += any(k in CAUGHT for k in kinds)
    return caught, wrong, flagged, correct, confirmed


def test_the_draft_has_at_least_40_statements_a_third_of_them_wrong():
    statements = [ok for _, ok in PARAGRAPHS if ok is not None] + list(TABLE_TRUTH.values())
    statements.append(False)  # the Sum row
    assert len(statements) >= 40
    assert statements.count(False) >= len(statements) / 4


def test_prose_targets(findings):
    caught, wrong, flagged, correct, confirmed = _outcomes(findings)
    assert caught / wrong >= 0.9, (caught, wrong)
    assert flagged == 0
    assert confirmed / correct >= 0.7, (confirmed, correct)


def test_what_was_caught_is_corrected_with_the_data(findings):
    rows = findings.set_index("claim")
    assert rows.loc["14 %", "correction"] == "10 %"  # Musikk, dans og drama: 42/424
    assert rows.loc["62 %", "correction"] == "60 %"  # Jente: 205/341
    assert rows.loc["998", "correction"] == "999"  # the export's rows
