"""Raking and post-stratification: margins hit, base weights and trimming honoured, every
failure a WeightingError with the numbers (R's values are checked in test_against_r)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from toolkit import likert_summary, read_surveyxact
from toolkit.data import example_population, example_round
from toolkit.errors import UsageError, WeightingError
from toolkit.prepare import answered, cell_weights, kish, margins_from, rake, sample_flow


@pytest.fixture(scope="module")
def survey():
    return sample_flow(read_surveyxact(example_round()), [answered()]).survey


@pytest.fixture(scope="module")
def margins():
    population = pd.read_csv(example_population(), sep=";")
    return margins_from(population, ["region", "kontorstr"], count="kontorer")


def _achieved(survey, weights, variable):
    return (
        pd.Series(weights.values.to_numpy())
        .groupby(survey.data[variable].astype(str).to_numpy())
        .sum()
        .to_dict()
    )


def test_raked_margins_hit_their_targets(survey, margins):
    weights = rake(survey, margins, tol=1e-10)
    for variable, targets in margins.items():
        achieved = _achieved(survey, weights, variable)
        for category, target in targets.items():
            assert achieved[category] == pytest.approx(target, rel=1e-10)
    assert weights.converged and weights.max_error <= 1e-10
    table = weights.margins.set_index(["variable", "category"])
    assert table.loc[("region", "Øst"), "target"] == 76
    assert table["sample"].groupby(level=0).sum().tolist() == [190, 190]


def test_unit_base_weights_give_the_unweighted_result(survey, margins):
    plain = rake(survey, margins, tol=1e-12)
    unit = rake(survey, margins, base_weight=np.ones(survey.n), tol=1e-12)
    assert np.allclose(plain.values, unit.values, rtol=0, atol=1e-9)
    base = np.where(survey.data["forsok"] == "Forsøkskontor", 2.0, 1.0)
    based = rake(survey, margins, base_weight=base, tol=1e-12)
    assert not np.allclose(based.values, plain.values)
    assert _achieved(survey, based, "region")["Øst"] == pytest.approx(76)


def test_shares_are_scaled_to_the_sample(survey):
    weights = rake(
        survey,
        {
            "kontorstr": {
                "Under 20 ansatte": 0.4,
                "20–49 ansatte": 0.4,
                "50 ansatte eller flere": 0.2,
            }
        },
    )
    assert weights.values.sum() == pytest.approx(190)
    assert _achieved(survey, weights, "kontorstr")["50 ansatte eller flere"] == pytest.approx(38)


def test_trimming_keeps_weights_in_the_band_and_margins_met(survey, margins):
    free = rake(survey, margins)
    ratio = float(free.values.max() / free.values.mean())
    high = 1 + 0.7 * (ratio - 1)  # the largest weights must come down
    capped = rake(survey, margins, cap=(0.5, high))
    values = capped.values.to_numpy()
    assert values.max() <= high * values.mean() * (1 + 1e-6) < free.values.max()
    assert capped.max_error <= 1e-6 and capped.method == "raking with trimming"


def test_design_effect_and_effective_n_by_hand(survey, margins):
    weights = rake(survey, margins)
    w = weights.values.to_numpy()
    cv2 = w.var() / w.mean() ** 2  # population variance: deff = 1 + CV²
    assert weights.deff == pytest.approx(1 + cv2)
    assert weights.n_effective == pytest.approx(w.sum() ** 2 / (w**2).sum())
    assert kish(np.ones(10)) == (1.0, 10.0)
    groups = weights.groups.set_index(["variable", "category"])
    assert groups.loc[("region", "Øst"), "n"] == int((survey.data["region"] == "Øst").sum())


def test_weights_travel_with_the_survey_and_say_so(survey, margins):
    weighted = survey.with_weights("vekt", rake(survey, margins))
    entry = weighted.entry("vekt")
    assert (entry["role"], entry["question_text"]) == (
        "weight",
        "Vektet etter region og kontorstørrelse",
    )
    summary = likert_summary(weighted, "b1_1", weight="vekt")
    assert summary.attrs["weighted"] == "Vektet etter region og kontorstørrelse"
    assert summary["unweighted_base"].iloc[0] == 183 and summary["base"].iloc[0] != 183


@pytest.mark.parametrize(
    ("margins", "message"),
    [
        ({"region": {"Øst": 76, "Vest": 62, "Sør": 28, "Midt": 42}}, "have no target"),
        (
            {"region": {"Øst": 76, "Vest": 62, "Sør": 28, "Midt": 42, "Nord": 50, "Utland": 3}},
            "have no respondents",
        ),
        (
            {
                "region": {"Øst": 76, "Vest": 62, "Sør": 28, "Midt": 42, "Nord": 50},
                "kontorstr": {
                    "Under 20 ansatte": 100,
                    "20–49 ansatte": 100,
                    "50 ansatte eller flere": 100,
                },
            },
            "same population total",
        ),
        ({"s_11": {"I liten grad": 1}}, "no answer on 's_11'"),
    ],
)
def test_weighting_errors_say_what_and_why(survey, margins, message):
    with pytest.raises(WeightingError, match=message):
        rake(survey, margins)


def test_not_converging_is_an_error_with_the_numbers(survey, margins):
    with pytest.raises(WeightingError) as info:
        rake(survey, margins, max_iter=1, tol=1e-15)
    assert "did not converge in 1 iterations" in info.value.what
    assert info.value.where.startswith("margin ") and "largest margin error" in info.value.found
    with pytest.raises(WeightingError, match="with weights inside"):
        rake(survey, margins, cap=1.01, max_iter=5)


def test_post_stratification_by_hand_and_its_errors(survey):
    population = pd.read_csv(example_population(), sep=";")
    weights = cell_weights(survey, population, by=["region", "kontorstr"], count="kontorer")
    cell = (survey.data["region"] == "Nord") & (survey.data["kontorstr"] == "Under 20 ansatte")
    target = population.query("region == 'Nord' and kontorstr == 'Under 20 ansatte'")["kontorer"]
    assert weights.values[cell.to_numpy()].iloc[0] == pytest.approx(target.iloc[0] / cell.sum())
    broken = pd.concat(
        [population, pd.DataFrame([{"region": "Nord", "kontorstr": "Ukjent", "kontorer": 5}])]
    )
    with pytest.raises(WeightingError, match="population cells without respondents"):
        cell_weights(survey, broken, by=["region", "kontorstr"], count="kontorer")


def test_with_weights_takes_a_series_by_respondent_and_an_array_by_position():
    """As documented: a Series is matched on the respondent index (its order does not
    matter), an array or list is one weight per respondent in order."""
    survey = read_surveyxact(example_round())
    values = np.arange(1, survey.n + 1, dtype=float)
    by_position = survey.with_weights("w", values).data["w"].to_numpy(dtype=float)
    assert by_position.tolist() == values.tolist()
    shuffled = pd.Series(values, index=survey.data.index).sample(frac=1, random_state=3)
    by_index = survey.with_weights("w", shuffled).data["w"].to_numpy(dtype=float)
    assert by_index.tolist() == values.tolist()
    assert survey.with_weights("w", list(values)).data["w"].sum() == survey.n * (survey.n + 1) / 2
    with pytest.raises(UsageError, match="3 weights for"):
        survey.with_weights("w", [1.0, 2.0, 3.0])
    with pytest.raises(UsageError, match="have no weight"):
        survey.with_weights("w", shuffled.iloc[1:])
