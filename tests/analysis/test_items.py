"""One helper finds a result's breakdown columns (issue 23): every producer records them
(``attrs["by"]``), and the old per-module helpers still answer, with a warning."""

from __future__ import annotations

import pandas as pd
import pytest

from toolkit import likert_summary, means, multi_response, proportions, read_surveyxact
from toolkit.analysis.items import breakdown_columns
from toolkit.data import example_round


@pytest.fixture(scope="module")
def survey():
    return read_surveyxact(example_round())


def test_every_producer_records_its_breakdown(survey):
    tables = [
        likert_summary(survey, "b1", by=["region", "kontorstr"]),
        means(survey, "b1_1", by=["region", "kontorstr"]),
        proportions(survey, "s_10", by=["region", "kontorstr"]),
        multi_response(survey, "s_12", by=["region", "kontorstr"]),
    ]
    for table in tables:
        assert table.attrs["by"] == ["region", "kontorstr"]
        assert breakdown_columns(table) == ["region", "kontorstr"]
        assert breakdown_columns(table[table.index >= 0]) == ["region", "kontorstr"]  # kept
    assert breakdown_columns(likert_summary(survey, "b1")) == []


def test_a_table_made_by_hand_falls_back_on_its_non_result_columns():
    table = pd.DataFrame({"item": ["a"], "kjønn": ["Kvinne"], "mean": [3.2], "base": [10]})
    assert breakdown_columns(table) == ["kjønn"]


def test_the_old_helpers_warn_and_agree(survey):
    from toolkit.analysis import design, likert, multi

    table = means(survey, "b1_1", by="region")
    for module, name in ((likert, "by_columns"), (design, "group_columns"),
                         (multi, "multi_group_columns")):  # fmt: skip
        with pytest.warns(DeprecationWarning, match="is now breakdown_columns"):
            assert getattr(module, name)(table) == ["region"]
