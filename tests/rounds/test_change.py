"""change_summary checked by hand on a small pair of rounds; did_summary against a
statsmodels regression fitted directly."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
import statsmodels.formula.api as smf
from scipy import stats

from tests.conftest import small_tables
from tests.rounds.builders import changed, project
from toolkit import change_summary, did_summary, read_rounds
from toolkit.data import example_rounds
from toolkit.errors import UsageError
from toolkit.present.change import change_table, did_table


@pytest.fixture
def small(tmp_path):
    # q_1 (1–5, 6 = Vet ikke): 2025 answers 1, 2, –, 5, Vet ikke, 4; 2026 4, 5, –, 5, 4, 1
    new = small_tables()
    new = changed(new, dataset=new.dataset.assign(q_1=[4, 5, None, 5, 4, 1]))
    return read_rounds(project(tmp_path, new=new)).stack()


def test_share_change_by_hand(small):
    row = change_summary(small, "q_1", between=("2025", "2026"), min_base=2).iloc[0]
    # 2025: 2 of 4 substantive answers agree (4, 5); 2026: 4 of 5
    assert (row["base_a"], row["base_b"]) == (4, 5)
    assert row["value_a"] == pytest.approx(50.0) and row["value_b"] == pytest.approx(80.0)
    assert row["difference"] == pytest.approx(30.0)
    se = math.sqrt(0.5 * 0.5 / 4 + 0.8 * 0.2 / 5) * 100  # unpooled, for the interval
    z = 1.959963984540054
    assert row["ci_low"] == pytest.approx(30 - z * se) and row["ci_high"] == pytest.approx(
        30 + z * se
    )
    pooled = 6 / 9
    statistic = 0.3 / math.sqrt(pooled * (1 - pooled) * (1 / 4 + 1 / 5))
    assert row["statistic"] == pytest.approx(statistic)
    assert row["p_value"] == pytest.approx(math.erfc(statistic / math.sqrt(2)))
    assert row["test"] == "two-proportion z"
    # the whole distribution: categories 1, 2, 4, 5 (2025: one each; 2026: 1, 0, 2, 2)
    chi = stats.chi2_contingency([[1, 1, 1, 1], [1, 0, 2, 2]], correction=False)
    assert row["p_distribution"] == pytest.approx(chi.pvalue)


def test_mean_change_is_welch_by_hand(small):
    row = change_summary(small, "q_1", between=("2025", "2026"), measure="mean", min_base=2).iloc[0]
    a, b = [1, 2, 5, 4], [4, 5, 5, 4, 1]
    welch = stats.ttest_ind(b, a, equal_var=False)
    interval = welch.confidence_interval(0.95)
    assert row["difference"] == pytest.approx(np.mean(b) - np.mean(a))
    assert row["p_value"] == pytest.approx(welch.pvalue)
    assert (row["ci_low"], row["ci_high"]) == pytest.approx((interval.low, interval.high))
    assert row["unit"] == "scale points" and row["test"] == "Welch t"


def test_small_bases_are_suppressed_in_the_report_table(small):
    changes = change_summary(small, "q_1", between=("2025", "2026"))  # min_base 5: 2025 has 4
    assert changes["suppressed"].tolist() == [True]
    table = change_table(changes)
    assert table.frame.iloc[0][["2025", "2026", "Endring"]].tolist() == ["–", "–", "–"]
    assert table.frame.iloc[0][["N 2025", "N 2026"]].tolist() == ["4", "5"]
    assert any("Færre enn 5 svar" in note for note in table.footnotes)


def test_report_table_shows_signed_percentage_points(small):
    table = change_table(change_summary(small, "q_1", between=("2025", "2026"), min_base=2))
    row = table.frame.iloc[0]
    assert row["2025"] == "50\u00a0%" and row["2026"] == "80\u00a0%"
    assert row["Endring"] == "+30 prosentpoeng"
    assert row["95 % KI"] == "\u221230 til +90"  # 30 ± 1.96 × 30.7
    assert table.values.iloc[0]["Endring"] == pytest.approx(30.0)


def test_unknown_round_is_a_clear_error(small):
    with pytest.raises(UsageError, match="no round '2024'"):
        change_summary(small, "q_1", between=("2024", "2026"))


@pytest.fixture(scope="module")
def example():
    return read_rounds(example_rounds()).stack()


def _outcome(stacked, item):
    data = stacked.data
    categories = list(data[item].cat.categories)
    position = {c: i + 1.0 for i, c in enumerate(categories) if c != "Vet ikke"}
    return data[item].astype(object).map(position).astype(float)


def test_did_equals_a_regression_fitted_directly(example):
    data = example.data.assign(
        y=_outcome(example, "b1_3"),
        treated=(example.data["forsok"] == "Forsøkskontor").astype(float),
        after=(example.data["round"] == "2026").astype(float),
        office=example.data["kontornr"].astype(float),
    ).dropna(subset=["y", "forsok"])
    fit = smf.ols("y ~ treated * after", data=data).fit(
        cov_type="cluster", cov_kwds={"groups": data["office"].astype(int)}, use_t=True
    )
    did = did_summary(
        example,
        "b1_3",
        by="forsok",
        treated="forsøkskontor",  # matched ignoring case
        between=("2025", "2026"),
        cluster="kontornr",
    )
    assert did.estimate == pytest.approx(fit.params["treated:after"])
    assert did.se == pytest.approx(fit.bse["treated:after"])
    assert did.p_value == pytest.approx(fit.pvalues["treated:after"])
    assert (did.ci_low, did.ci_high) == pytest.approx(tuple(fit.conf_int().loc["treated:after"]))
    assert did.n == len(data) and did.clusters == data["office"].nunique()
    # the 2 × 2 table: plain means per cell, and the DiD is the difference of the changes
    cells = data.groupby(["forsok", "round"], observed=True)["y"].mean()
    assert did.table.at["Forsøkskontor", "2026"] == pytest.approx(cells["Forsøkskontor", "2026"])
    changes = did.table["change"]
    assert changes["Forsøkskontor"] - changes["Sammenligningskontor"] == pytest.approx(did.estimate)
    assert not did.trends_checkable


def test_did_report_table_says_trends_cannot_be_checked(example):
    did = did_summary(
        example,
        "b1_3",
        by="forsok",
        treated="Forsøkskontor",
        between=("2025", "2026"),
        measure="top2",
    )
    table = did_table(did)
    assert table.frame.index.tolist() == [
        "Forsøkskontor",
        "Sammenligningskontor",
        "Forskjell i endring",
    ]
    assert table.frame.iloc[2]["Endring"].split(" (")[0].endswith("prosentpoeng")
    assert any("parallell utvikling" in note for note in table.footnotes)


def test_did_rejects_a_treated_label_the_group_does_not_have(example):
    with pytest.raises(UsageError, match="forsok must have two groups, one of them 'pilot'"):
        did_summary(example, "b1_3", by="forsok", treated="pilot", between=("2025", "2026"))


def test_did_table_takes_by_and_its_old_name_with_a_warning(example):
    new = did_summary(
        example, "b1_3", by="forsok", treated="forsøkskontor", between=("2025", "2026")
    )
    with pytest.warns(DeprecationWarning, match="did_summary\\(by=...\\)"):
        old = did_summary(
            example, "b1_3", group="forsok", treated="forsøkskontor", between=("2025", "2026")
        )
    assert old.estimate == new.estimate


def test_the_old_names_warn_and_give_the_same(example):
    """change_table/did_table (analysis) are now change_summary/did_summary, and
    change_report_table/did_report_table (present) are now change_table/did_table: the old
    names stay for one release, with a DeprecationWarning naming the new one."""
    import toolkit
    from toolkit.present import change as present

    new = change_summary(example, "b1_3", between=("2025", "2026"))
    with pytest.warns(DeprecationWarning, match="is now change_summary"):
        old = toolkit.change_table(example, "b1_3", between=("2025", "2026"))
    pd.testing.assert_frame_equal(old, new)
    with pytest.warns(DeprecationWarning, match="is now change_table"):
        shown = present.change_report_table(new)
    assert shown.frame.equals(change_table(new).frame)
    did = did_summary(example, "b1_3", by="forsok", treated="forsøkskontor",
                      between=("2025", "2026"))  # fmt: skip
    with pytest.warns(DeprecationWarning, match="is now did_summary"):
        assert toolkit.did_table(example, "b1_3", by="forsok", treated="forsøkskontor",
                                 between=("2025", "2026")).estimate == did.estimate  # fmt: skip
    with pytest.warns(DeprecationWarning, match="is now did_table"):
        assert present.did_report_table(did).frame.equals(did_table(did).frame)
