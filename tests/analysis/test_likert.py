"""Likert/frequency summaries: counts by a second route, bases, weights, suppression."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd
import pytest

from tests.conftest import AGREE, REAL_CSV, read_csv_rows
from toolkit import frequencies, item_statistics, likert_summary, read_surveyxact
from toolkit.data import example_round


@pytest.fixture(scope="module")
def survey():
    return read_surveyxact(example_round())


@pytest.fixture(scope="module")
def real():
    return read_surveyxact(REAL_CSV)


def test_counts_equal_the_raw_csv_counted_with_the_csv_module():
    folder = example_round("2025")  # the baseline round is a CSV export
    rows = read_csv_rows(folder / "dataset.csv")
    header = rows[0]
    labels = {}
    for variable, code, label in read_csv_rows(folder / "labels.csv"):
        labels.setdefault(variable, {})[code] = label
    summary = likert_summary(read_surveyxact(folder), ["b1", "b2", "t1", "s_9", "s_11"])
    for item, cell in summary.groupby("item", sort=False):
        j = header.index(item)
        expected = Counter(labels[item][r[j]] for r in rows[1:] if r[j] != "")
        got = {c: int(n) for c, n in zip(cell["category"], cell["n"], strict=True) if n}
        assert got == dict(expected), item


def test_real_export_counts_match_value_counts_for_every_scale_item(real):
    summary = likert_summary(real)
    assert summary["item"].nunique() > 100
    for item, cell in summary.groupby("item", sort=False):
        expected = real.data[item].value_counts()
        assert dict(zip(cell["category"], cell["n"], strict=True)) == expected.to_dict(), item


def test_percentages_add_to_100_per_item_and_group(survey):
    for by in (None, "kontorstr", ["kontorstr", "region"]):
        summary = likert_summary(survey, "b1", by=by)
        substantive = summary[summary["substantive"] & (summary["base"] > 0)]
        keys = ["item"] + ([] if by is None else ([by] if isinstance(by, str) else by))
        sums = substantive.groupby(keys, observed=True)["percent"].sum()
        assert np.allclose(sums, 100)


def test_dont_know_is_counted_but_not_in_the_base(survey):
    summary = likert_summary(survey, "b1_1")
    dont_know = summary[~summary["substantive"]].iloc[0]
    assert dont_know["category"] == "Vet ikke" and dont_know["n"] == 7
    assert np.isnan(dont_know["percent"])
    assert summary["base"].iloc[0] == 183 == summary.loc[summary["substantive"], "n"].sum()
    with_missing = likert_summary(survey, "b1_1", include_missing=True)
    assert with_missing["base"].iloc[0] == 190
    assert with_missing.loc[~with_missing["substantive"], "percent"].iloc[0] == pytest.approx(
        100 * 7 / 190
    )


def test_group_bases_add_up_to_the_overall_base(survey):
    overall = likert_summary(survey, "b2").groupby("item")["base"].first()
    by_size = likert_summary(survey, "b2", by="kontorstr")
    summed = (
        by_size.groupby(["item", "kontorstr"], observed=True)["base"].first().groupby("item").sum()
    )
    assert summed.to_dict() == overall.to_dict()


def test_unit_weights_equal_unweighted_and_weights_work_by_hand(survey):
    plain = likert_summary(survey, "b1", by="region")
    unit = likert_summary(survey, "b1", by="region", weight=np.ones(survey.n))
    assert np.allclose(unit["n"], plain["n"]) and np.allclose(
        unit["percent"].fillna(-1), plain["percent"].fillna(-1)
    )
    weights = np.where(survey.data["kontorstr"] == "Under 20 ansatte", 2.0, 0.5)
    weighted = likert_summary(survey, "b1_1", weight=weights)
    answered = survey.data["b1_1"]
    substantive = answered.notna() & (answered != "Vet ikke")
    expected_base = weights[substantive.to_numpy()].sum()
    assert weighted["base"].iloc[0] == pytest.approx(expected_base)
    helt_enig = (answered == "Helt enig").to_numpy()
    row = weighted[weighted["category"] == "Helt enig"].iloc[0]
    assert row["percent"] == pytest.approx(100 * weights[helt_enig].sum() / expected_base)
    assert row["unweighted_base"] == 183


def test_suppression_applies_exactly_below_min_base(survey):
    summary = likert_summary(survey, "b1_1", by="region")
    bases = summary.groupby("region", observed=True)["unweighted_base"].first()
    smallest = int(bases.min())
    at = likert_summary(survey, "b1_1", by="region", min_base=smallest)
    above = likert_summary(survey, "b1_1", by="region", min_base=smallest + 1)
    assert not at["suppressed"].any()
    reason = above.groupby("region", observed=True)["suppressed_reason"].first()
    primary = reason[reason.fillna("").str.startswith("N=")]
    assert primary.index.tolist() == bases[bases == smallest].index.tolist()
    assert primary.iloc[0] == f"N={smallest} < {smallest + 1}"
    # secondary suppression hides more groups, each of them at or above min_base
    secondary = reason[reason == "secondary"].index
    assert all(bases[g] >= smallest + 1 for g in secondary)


def test_items_without_scale_are_not_chosen_by_default_but_frequencies_take_them(survey):
    assert "region" not in set(likert_summary(survey)["item"])
    freq = frequencies(survey, "region")
    assert freq["n"].sum() == survey.n


def test_item_statistics_by_hand():
    data = pd.DataFrame(
        {"q": pd.Categorical.from_codes([0, 1, 2, 3, 4, 4, 5, -1], AGREE, ordered=True)}
    )
    survey = _tiny(
        data,
        {"q": dict(enumerate(AGREE, 1))},
        {"q": [6]},
    )
    stats = item_statistics(survey, "q").iloc[0]
    assert stats["n"] == 6  # "Vet ikke" and blank left out
    assert stats["mean"] == pytest.approx((1 + 2 + 3 + 4 + 5 + 5) / 6)
    assert stats["median"] == 3  # cumulative share reaches 50 % at category 3
    assert stats["top2"] == pytest.approx(50) and stats["bottom2"] == pytest.approx(100 / 3)
    assert stats["neutral"] == pytest.approx(100 / 6)
    flipped = item_statistics(survey, "q", reverse=["q"]).iloc[0]
    assert flipped["mean"] == pytest.approx(6 - stats["mean"])
    assert flipped["top2"] == pytest.approx(stats["bottom2"])


def _tiny(data: pd.DataFrame, labels: dict, missing: dict):
    from toolkit.problems import Problems
    from toolkit.surveys.export import Source
    from toolkit.surveys.survey import Survey

    book = pd.DataFrame(
        [
            {
                "variable": v,
                "position": i,
                "question": v,
                "question_text": "Påstand",
                "item_text": v,
                "choice_text": None,
                "choice_value": None,
                "type": "single",
                "value_type": "single",
                "role": "question",
                "personal": False,
                "labels": labels[v],
                "missing_codes": missing[v],
                "unknown_codes": [],
                "other_of": None,
                "sx_question_type": "Closed",
                "sx_subtype": "Single",
            }
            for i, v in enumerate(data.columns)
        ]
    )
    return Survey(
        data=data,
        codebook=book,
        source=Source(path="tiny", format="test"),
        problems=Problems().to_frame(),
    )


def test_many_distinct_weights_take_the_weighted_bincount_and_agree(survey):
    weights = np.linspace(0.5, 2.0, survey.n)  # 258 distinct values: no weight classes
    summary = likert_summary(survey, "b2_3", by="kontorstr", weight=weights)
    answers = survey.data["b2_3"].to_numpy(dtype=object)
    size = survey.data["kontorstr"].to_numpy(dtype=object)
    for row in summary[summary["substantive"]].itertuples():
        mask = (answers == row.category) & (size == row.kontorstr)
        assert row.n == pytest.approx(weights[mask].sum())
        assert row.unweighted_n == mask.sum()
    cells = np.where(survey.data["region"] == "Nord", 1.5, 0.8)  # 2 classes: class path
    by_class = likert_summary(survey, "b2_3", weight=cells)
    direct = likert_summary(survey, "b2_3", weight=cells + np.linspace(0, 1e-12, survey.n))
    assert np.allclose(by_class["n"], direct["n"]) and np.allclose(by_class["base"], direct["base"])
