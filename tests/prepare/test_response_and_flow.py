"""AAPOR response rates by hand on a small disposition table; sample flows step by step."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.conftest import small_tables
from tests.surveys.test_assemble import _with_status
from toolkit import read_surveyxact
from toolkit.data import example_round
from toolkit.errors import UsageError
from toolkit.prepare import (
    answered,
    dispositions,
    exclude_outliers,
    key_items,
    response_rates,
    rule,
    sample_flow,
)
from toolkit.surveys.synthetic import write_csv_export


def test_rates_by_hand_on_a_small_disposition_table(tmp_path):
    # 101, 102, 104, 106 Gjennomført (I=4), 105 Noen svar (P=1), 103 Distribuert (NC=1)
    survey = _with_status(tmp_path)
    rates = response_rates(survey).set_index("rate")
    i, p, r, nc = 4, 1, 0, 1
    d = i + p + r + nc
    expected = {
        "RR1": i / d,
        "RR2": (i + p) / d,
        "COOP1": i / (i + p + r),
        "COOP2": (i + p) / (i + p + r),
        "REF1": r / d,
        "CON1": (i + p + r) / d,
    }
    for rate, value in expected.items():
        assert rates.at[rate, "percent"] == pytest.approx(100 * value), rate
    assert rates.loc["RR1", ["I", "P", "R", "NC", "O"]].tolist() == [4, 1, 0, 1, 0]


def test_danish_labels_and_an_override_mapping(tmp_path):
    survey = _with_status(tmp_path)
    assert dispositions(survey).tolist().count("NC") == 1
    counted_as_refusal = response_rates(survey, mapping={"Distribuert": "R"}).set_index("rate")
    assert counted_as_refusal.at["REF1", "numerator"] == 1


def test_invited_overrides_the_denominator_and_groups(tmp_path):
    write_csv_export(small_tables(), tmp_path / "x")  # no status: the export holds answerers
    survey = read_surveyxact(tmp_path / "x")
    rates = response_rates(survey, invited=10).set_index("rate")
    assert (rates.at["RR1", "numerator"], rates.at["RR1", "denominator"]) == (6, 10)
    assert rates.at["RR1", "NC"] == 4
    with pytest.raises(UsageError, match="less than the respondents"):
        response_rates(survey, invited=3)
    real = read_surveyxact(example_round())
    by_region = response_rates(real, by="region")
    rr2 = by_region[by_region["rate"] == "RR2"].set_index("region")
    assert rr2["numerator"].sum() == 190 and rr2["denominator"].sum() == 258
    counts = real.data.assign(s=real.response_status()).groupby("region", observed=True)["s"]
    assert rr2.loc["Øst", "denominator"] == counts.size().loc["Øst"]


def test_flow_steps_and_the_analytic_n_that_travels():
    survey = read_surveyxact(example_round())
    flow = sample_flow(
        survey,
        [
            answered(),
            key_items([f"b1_{i}" for i in range(1, 7)]),
            rule("Ikke forsøkskontor", "forsok == 'Sammenligningskontor'"),
        ],
    )
    table = flow.table
    assert table["n_after"].tolist() == [258, 190, 187, flow.survey.n]
    assert (table["n_before"] - table["removed"] == table["n_after"]).all()
    assert flow.survey.sample.name == "Ikke forsøkskontor"
    by_hand = survey.response_status().isin(["Gjennomført", "Noen svar"])
    assert int(by_hand.sum()) == 190
    from toolkit import likert_summary

    summary = likert_summary(flow.survey, "b1_1")
    assert summary.attrs["sample"]["n"] == flow.survey.n
    assert "<td>Besvart</td>" in flow._repr_html_()


def test_outliers_and_invited_when_the_export_lacks_non_respondents(tmp_path):
    tables = small_tables()
    data = tables.dataset.copy()
    data["portefolje"] = [50, 900, None, 120, 80, 701]
    write_csv_export(small_tables(dataset=data), tmp_path / "x")
    survey = read_surveyxact(tmp_path / "x")
    flow = sample_flow(survey, [exclude_outliers("portefolje", above=700)], invited=15)
    assert flow.table["n_after"].tolist() == [15, 6, 4]
    assert flow.table["step"].tolist()[1] == "I eksporten"


def test_survey_filter_by_query_series_and_errors():
    survey = read_surveyxact(example_round())
    small = survey.filter("kontorstr == 'Under 20 ansatte'", "Små kontorer")
    assert small.n == int((survey.data["kontorstr"] == "Under 20 ansatte").sum())
    assert small.codebook is survey.codebook and small.sample.steps[-1].n_before == 258
    mask = pd.Series(survey.data["forsok"] == "Forsøkskontor", index=survey.data.index)
    assert survey.filter(mask).n == int(mask.sum())
    with pytest.raises(UsageError, match="cannot be applied"):
        survey.filter("no_such_column > 1")
    with pytest.raises(UsageError, match="3 values for 258"):
        survey.filter([True, False, True])


def test_danish_status_values_are_named_in_the_report_language():
    # an nb report of a Danish export listed "Gennemført", "Distribueret"; an en report of
    # a Norwegian one "Gjennomført"
    import pandas as pd

    from toolkit.report.sections.sample import status_in

    danish = ["Ny", "Distribueret", "Nogen svar", "Gennemført", "Frafaldet"]
    status = pd.Series(pd.Categorical(["Gennemført", "Distribueret", "Gennemført"], danish))
    nb = status_in(status, "nb")
    assert list(nb.cat.categories) == ["Ny", "Distribuert", "Noen svar", "Gjennomført", "Frafalt"]
    assert nb.tolist() == ["Gjennomført", "Distribuert", "Gjennomført"]  # same respondents
    assert list(status_in(status, "en").cat.categories)[3] == "Completed"
    odd = pd.Series(pd.Categorical(["Afventer"], ["Afventer", "Gennemført"]))
    assert list(status_in(odd, "nb").cat.categories) == ["Afventer", "Gjennomført"]
