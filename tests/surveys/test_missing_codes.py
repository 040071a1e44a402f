"""Non-substantive answers as exports really write them: never counted as answers unseen."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.conftest import small_tables
from toolkit import item_statistics, likert_summary, read_surveyxact
from toolkit.surveys.missing import is_missing_label, looks_missing, outside_scale_codes
from toolkit.surveys.synthetic import write_csv_export


@pytest.mark.parametrize(
    ("label", "missing"),
    [
        ("Vet ikke", True),
        ("VET IKKE.", True),
        ("Don't know / no opinion", True),
        ("Don’t know", True),  # typographic apostrophe
        ("Ved ikke/ingen holdning", True),
        ("Ved ikke", True),  # Danish
        ("Vet inte", True),  # Swedish
        ("Ingen åsikt", True),
        ("Ingen mening", True),
        ("No opinion", True),
        ("Not applicable", True),
        ("Prefer not to say", True),
        ("Ikke relevant for meg", True),
        ("Kan ikke vurdere", True),
        ("Annet/vil ikke svare", False),  # "Annet" is a category
        ("Helt enig", False),
        ("Svært relevant", False),
        ("Ikke i det hele tatt", False),
    ],
)
def test_missing_labels(label, missing):
    assert is_missing_label(label) is missing


def test_look_alikes_are_only_flagged():
    assert looks_missing("Ikke relevant for mitt kontor") and not is_missing_label(
        "Ikke relevant for mitt kontor"
    )
    assert looks_missing("Usikker") and not looks_missing("Helt uenig")


@pytest.mark.parametrize(
    ("labels", "apart"),
    [
        ({1: "Helt uenig", 2: "Uenig", 3: "Enig", 4: "Helt enig", 99: "Ingen kommentar"}, [99]),
        (
            {
                0: "Ingen formening om dette",
                1: "Helt uenig",
                2: "Delvis uenig",
                3: "Verken",
                4: "Delvis enig",
                5: "Helt enig",
            },
            [0],
        ),
        ({1: "I liten grad", 2: "2", 3: "3", 4: "4", 5: "I stor grad", 9: "Kjenner ikke til"}, [9]),
        ({0: "0 Ikke sannsynlig", 1: "1", 2: "2", 3: "3", 4: "4", 5: "5 Svært sannsynlig"}, []),
        ({1: "Øst", 2: "Vest", 3: "Nord", 4: "Sør", 9: "Utlandet"}, []),  # nominal
        (
            {
                1: "Svært misfornøyd",
                2: "Misfornøyd",
                3: "Fornøyd",
                4: "Svært fornøyd",
                6: "Svært fornøyd pluss",
            },
            [],
        ),  # 6 reads as a scale point
    ],
)
def test_codes_set_apart_from_the_scale(labels, apart):
    assert outside_scale_codes(labels) == apart


def _survey_with_code_99(tmp_path):
    tables = small_tables()
    data = tables.dataset.copy()
    data["q_1"] = [1, 2, None, 4, 99, 99]  # two respondents chose "Ingen kommentar"
    labels = tables.labels[tables.labels["variable"] != "q_1"]
    scale = ["Helt uenig", "Uenig", "Enig", "Helt enig"]
    extra = pd.DataFrame(
        [("q_1", i, lab) for i, lab in enumerate(scale, 1)] + [("q_1", 99, "Ingen kommentar")],
        columns=["variable", "code", "label"],
    )
    write_csv_export(
        small_tables(dataset=data, labels=pd.concat([labels, extra], ignore_index=True)),
        tmp_path / "x",
    )
    return read_surveyxact(tmp_path / "x")


def test_a_code_apart_never_enters_a_mean(tmp_path):
    survey = _survey_with_code_99(tmp_path)
    assert survey.entry("q_1")["missing_codes"] == [99]
    stats = item_statistics(survey, "q_1", min_base=1).iloc[0]
    assert stats["mean"] == pytest.approx((1 + 2 + 4) / 3)  # not (1+2+4+99+99)/5 = 41
    assert stats["n"] == 3
    problem = survey.problems[survey.problems["kind"] == "outside-scale-code"].iloc[0]
    assert problem["variable"] == "q_1" and problem["values"] == [99]
    summary = likert_summary(survey, "q_1", min_base=1)
    assert summary.loc[summary["code"] == 99, "substantive"].tolist() == [False]


def test_look_alike_labels_are_reported(tmp_path):
    tables = small_tables()
    labels = tables.labels.copy()
    labels.loc[(labels["variable"] == "ja") & (labels["code"] == 3), "label"] = "Usikker"
    write_csv_export(small_tables(labels=labels), tmp_path / "x")
    survey = read_surveyxact(tmp_path / "x")
    found = survey.problems[survey.problems["kind"] == "possible-missing-label"]
    assert found[["variable", "values"]].values.tolist() == [["ja", [3]]]
    assert survey.entry("ja")["missing_codes"] == []  # counted, but now visibly so
    extended = read_surveyxact(tmp_path / "x", missing_labels=["usikker"])
    assert extended.entry("ja")["missing_codes"] == [3]
