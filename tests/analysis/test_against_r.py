"""Weights and design-based statistics against R's survey package, the reference
implementation (numbers in tests/fixtures/reference/, made by
tests/reference/survey_reference.R from the raw exports; these tests do not need R).

Weights within 1e-6 of R, standard errors within 1e-4 relative (the issue's standard)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from tests.conftest import FIXTURES, REAL_CSV
from toolkit import read_surveyxact
from toolkit.analysis.compare import compare_groups
from toolkit.analysis.design import means, proportions
from toolkit.analysis.regression import regression
from toolkit.data import example_population, example_round
from toolkit.prepare import answered, margins_from, rake, rule, sample_flow

R = FIXTURES / "reference"


@pytest.fixture(scope="module")
def sample_a():
    """The real export: respondents with b_1 Jente/Gutt and m_1, s_2 answered, raked to
    the same margins as in the R script."""
    survey = read_surveyxact(REAL_CSV)
    keep = rule(
        "A",
        lambda s: (
            s.data["b_1"].isin(["Jente", "Gutt"]) & s.data["m_1"].notna() & s.data["s_2"].notna()
        ),
    )
    flow = sample_flow(survey, [answered(), keep])
    programs = [
        "Idrettsfag",
        "Kunst, design og arkitektur",
        "Medier og kommunikasjon",
        "Musikk, dans og drama",
        "Studiespesialisering",
    ]
    margins = {
        "b_1": {"Jente": 500, "Gutt": 500},
        "m_1": {"Matematikk 1T": 450, "Matematikk 1P": 550},
        "s_2": dict(zip(programs, [100, 70, 70, 100, 660], strict=True)),
    }
    weights = rake(flow.survey, margins, tol=1e-13, max_iter=1000)
    return flow.survey.with_weights("vekt", weights), weights


@pytest.fixture(scope="module")
def sample_b():
    """The example baseline round: respondents raked to the population of offices."""
    survey = read_surveyxact(example_round("2025"))
    flow = sample_flow(survey, [answered()])
    population = pd.read_csv(example_population(), sep=";")
    margins = margins_from(population, ["region", "kontorstr"], count="kontorer")
    weights = rake(flow.survey, margins, tol=1e-13, max_iter=1000)
    return flow.survey.with_weights("vekt", weights), weights


def _reference(name: str) -> pd.DataFrame:
    return pd.read_csv(R / name, keep_default_na=False)


@pytest.mark.parametrize(
    ("fixture", "file"), [("sample_a", "rake_a.csv"), ("sample_b", "rake_b.csv")]
)
def test_raking_weights_equal_r(fixture, file, request):
    survey, weights = request.getfixturevalue(fixture)
    expected = pd.read_csv(R / file).set_index("respondent")["weight"]
    got = weights.values.reindex(expected.index)
    assert len(expected) == survey.n
    assert np.max(np.abs(got - expected)) < 1e-6


def test_means_and_standard_errors_equal_svymean_and_svyby(sample_a, sample_b):
    reference = _reference("means.csv")
    for dataset, (survey, _), items, by in (
        ("A", sample_a, ["i_01", "i_02", "up_01", "up_02", "hm_1"], "b_1"),
        ("B", sample_b, ["b1_1", "b1_2", "b1_3", "b2_3"], "kontorstr"),
    ):
        overall = means(survey, items, weight="vekt").set_index("item")
        grouped = means(survey, items, by=by, weight="vekt")
        for row in reference[reference["dataset"] == dataset].itertuples():
            if row.group == "":
                got = overall.loc[row.item]
            else:
                got = grouped[(grouped["item"] == row.item) & (grouped[by] == row.group)].iloc[0]
            assert got["mean"] == pytest.approx(row.mean, rel=1e-9), (dataset, row.item)
            assert got["se"] == pytest.approx(row.se, rel=1e-4), (dataset, row.item, row.group)
            assert got["ci_low"] == pytest.approx(row.ci_low, rel=1e-4)
            assert got["ci_high"] == pytest.approx(row.ci_high, rel=1e-4)


def test_rao_scott_equals_svychisq(sample_a, sample_b):
    reference = _reference("chisq.csv")
    cases = {
        ("A", "up01f", "kjonn"): (sample_a, "up_01", "b_1"),
        ("A", "i01f", "matte"): (sample_a, "i_01", "m_1"),
        ("A", "up01f", "program"): (sample_a, "up_01", "s_2"),
        ("B", "b13f", "kontorstr"): (sample_b, "b1_3", "kontorstr"),
    }
    for row in reference.itertuples():
        (survey, _), item, by = cases[(row.dataset, row.row, row.col)]
        test = compare_groups(survey, item, by=by, weight="vekt").iloc[0]
        assert test["test"] == "Rao–Scott chi-square"
        assert test["statistic"] == pytest.approx(row.statistic, rel=1e-6), row
        assert test["df"] == pytest.approx(row.ndf, rel=1e-6)
        assert test["ddf"] == pytest.approx(row.ddf, rel=1e-6)
        assert test["p_value"] == pytest.approx(row.p_value, rel=1e-5)


def test_logit_interval_equals_svyciprop(sample_a):
    survey, _ = sample_a
    row = _reference("proportions.csv").iloc[0]
    got = proportions(survey, "up_01", weight="vekt", method="logit").iloc[0]
    assert got["percent"] == pytest.approx(row.percent, rel=1e-9)
    assert got["ci_low"] == pytest.approx(row.ci_low, rel=1e-5)
    assert got["ci_high"] == pytest.approx(row.ci_high, rel=1e-5)


def test_design_based_mean_test_equals_regtermtest(sample_a):
    survey, _ = sample_a
    row = _reference("wald.csv").iloc[0]
    tests = compare_groups(survey, "up_01", by="s_2", weight="vekt")
    got = tests[tests["test"] == "design-based F (means)"].iloc[0]
    assert got["statistic"] == pytest.approx(row.statistic, rel=1e-6)
    assert (got["df"], got["ddf"]) == (row.ndf, row.ddf)
    assert got["p_value"] == pytest.approx(row.p_value, rel=1e-5)


@pytest.mark.parametrize(
    ("kind", "dataset", "formula"),
    [("ols", "A", "i_01 ~ b_1 + m_1"), ("logit", "A logit", "up_01 ~ b_1 + m_1")],
)
def test_weighted_regression_equals_svyglm(sample_a, kind, dataset, formula):
    survey, _ = sample_a
    reference = _reference("glm.csv")
    reference = reference[reference["dataset"] == dataset]
    model = regression(survey, formula, weight="vekt", kind=kind)
    estimated = model.coefficients[~model.coefficients["reference"]].reset_index(drop=True)
    order = {
        "(Intercept)": "Intercept",
        "kjonnGutt": "b_1[T.Gutt]",
        "matteMatematikk 1P": "m_1[T.Matematikk 1P]",
    }
    got = estimated.set_index("term")
    for row in reference.itertuples():
        term = order[row.term]
        assert got.at[term, "estimate"] == pytest.approx(row.estimate, rel=1e-7), term
        assert got.at[term, "se"] == pytest.approx(row.se, rel=1e-4), term


def test_singular_tests_refused_where_r_refuses_them(sample_a):
    """By school, with schools of 1 and 2 respondents, R's svychisq and regTermTest stop
    ("computationally singular"); the toolkit returns no numbers and says why. Leaving those
    two schools out (min_base=3 here, a subset in R), both are computed and equal R's."""
    survey, _ = sample_a
    reference = pd.read_csv(R / "singular.csv")  # NA where R refused
    assert reference["refused"].sum() == 4 and (~reference["refused"]).sum() == 4
    for row in reference.itertuples():
        min_base = 3 if "without" in row.by else None
        tests = compare_groups(survey, row.item, by="b_1_1", weight="vekt", min_base=min_base)
        got = tests[tests["test"] == row.test].iloc[0]
        if row.refused:
            assert np.isnan(got["statistic"]) and np.isnan(got["p_value"]), row
            assert "singular" in got["note"]
            continue
        assert got["statistic"] == pytest.approx(row.statistic, rel=1e-6), row
        assert got["df"] == pytest.approx(row.ndf, rel=1e-6)
        assert got["ddf"] == pytest.approx(row.ddf, rel=1e-6)
        assert got["p_value"] == pytest.approx(row.p_value, rel=1e-5)
        assert got["df"] <= 3 * 11  # never beyond (rows − 1)(groups − 1)


def test_weighted_tests_table_shows_f_with_its_df_and_design_effect_apart(sample_a):
    from toolkit.present.comparison import comparison_table

    survey, _ = sample_a
    reference = pd.read_csv(R / "singular.csv").set_index(["item", "by", "test"])
    r = reference.loc[("up_01", "b_1_1 without 10, 24", "Rao–Scott chi-square")]
    tests = compare_groups(survey, "up_01", by="b_1_1", weight="vekt", min_base=3)
    frame = comparison_table(tests).frame
    ddf = f"{r.ddf:,.1f}".replace(",", "\u00a0").replace(".", ",")
    assert frame["Testverdi"].iloc[0] == (
        f"F({r.ndf:.2f}; {ddf}) = {r.statistic:.2f}".replace(".", ",")
    )
    assert frame["Effektstørrelse"].iloc[0] == "" and frame["Designeffekt"].iloc[0] != ""
    refused = comparison_table(compare_groups(survey, "up_01", by="b_1_1", weight="vekt"))
    assert set(refused.frame["Testverdi"]) == {"for få svar i minst én gruppe"}
