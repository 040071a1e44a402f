"""Unweighted means and proportions by a second route (scipy, statsmodels), regression
tables equal statsmodels' own fits, η² by hand."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import statsmodels.formula.api as smf
from scipy import stats
from statsmodels.stats.proportion import proportion_confint

from toolkit import read_surveyxact
from toolkit.analysis.design import means, proportions
from toolkit.analysis.regression import eta_squared, regression
from toolkit.data import example_round


@pytest.fixture(scope="module")
def survey():
    return read_surveyxact(example_round())


def _codes(survey, item):
    column = survey.data[item]
    values = column.cat.codes.to_numpy() + 1.0  # categories are in code order 1…k
    labels = list(column.cat.categories)
    keep = (column.notna() & (column != "Vet ikke")).to_numpy()
    return values[keep], column[keep], labels


def test_unweighted_means_are_the_usual_t_interval(survey):
    table = means(survey, ["b1_1", "b2_3"], by="kontorstr")
    for row in table.itertuples():
        mask = (survey.data["kontorstr"] == row.kontorstr).to_numpy()
        column = survey.data[row.item][mask]
        y = column[column.notna() & (column != "Vet ikke")].cat.codes.to_numpy() + 1.0
        low, high = stats.t.interval(0.95, len(y) - 1, loc=y.mean(), scale=stats.sem(y))
        assert (row.mean, row.base) == (pytest.approx(y.mean()), len(y))
        assert (row.ci_low, row.ci_high) == (pytest.approx(low), pytest.approx(high))
    assert table.attrs["weighted"] is None and table.attrs["sample"]["n"] is None


def test_wilson_interval_equals_statsmodels(survey):
    row = proportions(survey, "b1_1").iloc[0]
    low, high = proportion_confint(109, 183, method="wilson")  # Delvis enig 61 + Helt enig 48
    assert (row["percent"], row["base"]) == (pytest.approx(100 * 109 / 183), 183)
    assert row["ci_low"] == pytest.approx(100 * low) and row["ci_high"] == pytest.approx(100 * high)
    category = proportions(survey, "b1_1", value="Helt enig").iloc[0]
    assert category["percent"] == pytest.approx(100 * 48 / 183)


def test_ols_table_equals_statsmodels_own_fit(survey):
    model = regression(survey, "b1_1 ~ kontorstr + forsok")
    frame = pd.DataFrame(
        {
            "y": [
                np.nan
                if v in (None, "Vet ikke") or v != v
                else [
                    "Helt uenig",
                    "Delvis uenig",
                    "Verken enig eller uenig",
                    "Delvis enig",
                    "Helt enig",
                ].index(v)
                + 1.0
                for v in survey.data["b1_1"].astype(object)
            ],
            "k": survey.data["kontorstr"].astype(object),
            "f": survey.data["forsok"].astype(object),
        }
    ).dropna()
    fit = smf.ols(
        "y ~ C(k, levels=['Under 20 ansatte', '20–49 ansatte', "
        "'50 ansatte eller flere']) + C(f, levels=['Forsøkskontor', "
        "'Sammenligningskontor'])",
        frame,
    ).fit()
    estimated = model.coefficients[~model.coefficients["reference"]]
    assert np.allclose(sorted(estimated["estimate"]), sorted(fit.params), rtol=1e-10)
    assert np.allclose(sorted(estimated["se"]), sorted(fit.bse), rtol=1e-10)
    assert model.n == len(frame) and model.r2 == pytest.approx(fit.rsquared)
    references = model.coefficients[model.coefficients["reference"]]
    assert references["label"].tolist() == ["Under 20 ansatte", "Forsøkskontor"]
    assert references["estimate"].isna().all()  # "(referanse)" has no coefficient
    assert model.coefficients["label"].iloc[-1] == "Konstant"


def test_logit_table_equals_statsmodels(survey):
    model = regression(survey, "s_10 ~ kontorstr", kind="logit")
    y = (survey.data["s_10"] == "Ja").astype(float).where(survey.data["s_10"].isin(["Ja", "Nei"]))
    frame = pd.DataFrame({"y": y, "k": survey.data["kontorstr"].astype(object)}).dropna()
    fit = smf.logit(
        "y ~ C(k, levels=['Under 20 ansatte', '20–49 ansatte', '50 ansatte eller flere'])", frame
    ).fit(disp=0)
    estimated = model.coefficients[~model.coefficients["reference"]]
    assert np.allclose(sorted(estimated["estimate"]), sorted(fit.params), rtol=1e-8)
    assert np.allclose(sorted(estimated["se"]), sorted(fit.bse), rtol=1e-6)
    assert model.r2 == pytest.approx(fit.prsquared)


def test_eta_squared_by_hand(survey):
    result = eta_squared(survey, "b1_1", "kontorstr").iloc[0]
    values, column, _ = _codes(survey, "b1_1")
    groups = survey.data.loc[column.index, "kontorstr"].astype(str).to_numpy()
    grand = values.mean()
    between = sum(
        len(values[groups == g]) * (values[groups == g].mean() - grand) ** 2
        for g in np.unique(groups)
    )
    total = ((values - grand) ** 2).sum()
    assert result["eta2"] == pytest.approx(between / total)
    assert result["partial_eta2"] == pytest.approx(between / total)  # one factor: the same
