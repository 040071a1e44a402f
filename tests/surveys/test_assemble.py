"""Typing a RawExport: it is never consumed, and multi-response options of respondents who
never reached the question are blank, so bases agree with the response status."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from tests.conftest import small_tables
from toolkit import multi_response, read_surveyxact
from toolkit.surveys.assemble import build_survey
from toolkit.surveys.export import STRUCTURE_COLUMNS
from toolkit.surveys.read import read_export
from toolkit.surveys.synthetic import STATUS, status_set, write_csv_export


def test_build_survey_twice_gives_equal_surveys(tmp_path):
    write_csv_export(small_tables(), tmp_path / "x")
    raw = read_export(tmp_path / "x")
    first, second = build_survey(raw), build_survey(raw)
    pd.testing.assert_frame_equal(first.data, second.data)
    assert len(raw.problems.rows) == 0  # problems went to the surveys, not into raw
    with pytest.raises(dataclasses.FrozenInstanceError):
        raw.columns = {}


def _with_status(tmp_path, last_ticks_nothing: bool = False):
    """Six respondents: 101, 102, 104, 106 complete; 105 stopped before the multi
    question (its options are all 0 in the export); 103 never answered (Distribuert).
    With ``last_ticks_nothing``, 106 completes but ticks no option and answers nothing
    after the question."""
    tables = small_tables()
    data = tables.dataset.copy()
    if last_ticks_nothing:
        data.loc[5, ["m_1", "m_2", "m_3", "komm"]] = [0, 0, 0, None]
    data.loc[4, ["m_1", "m_2", "m_3", "m_txt", "komm"]] = [0, 0, 0, None, None]
    data.loc[2, ["m_1", "m_2", "m_3"]] = [0, 0, 0]
    status = {101: 4, 102: 4, 103: 2, 104: 4, 105: 3, 106: 4}
    columns, rows, labels = status_set([STATUS[status[r] - 1] for r in data["respondentid"]])
    data = data.assign(**columns)
    structure = pd.concat([tables.structure, pd.DataFrame(rows, columns=STRUCTURE_COLUMNS)])
    labels = pd.concat([tables.labels, pd.DataFrame(labels, columns=tables.labels.columns)])
    write_csv_export(small_tables(dataset=data, structure=structure, labels=labels), tmp_path / "x")
    return read_surveyxact(tmp_path / "x")


def test_unreached_multi_response_options_are_blank(tmp_path):
    survey = _with_status(tmp_path)
    assert survey.data.loc[[103, 105], "m_1"].isna().all()
    problem = survey.problems[survey.problems["kind"] == "multi-not-reached"].iloc[0]
    assert (problem["variable"], problem["count"]) == ("m", 2)
    status = survey.response_status()
    answered = survey.missing_per_item().set_index("variable").at["m_1", "answered"]
    assert answered == 4 == int(status.isin(["Gjennomført"]).sum())
    assert multi_response(survey, "m")["base"].iloc[0] == 4


def test_a_complete_respondent_who_ticked_nothing_keeps_the_zeros(tmp_path):
    survey = _with_status(tmp_path, last_ticks_nothing=True)
    assert survey.data.loc[106, ["m_1", "m_2", "m_3"]].tolist() == [False, False, False]
    data = small_tables().dataset.copy()  # without a status, nothing says 106 saw it
    data.loc[5, ["m_1", "m_2", "m_3", "komm"]] = [0, 0, 0, None]
    write_csv_export(small_tables(dataset=data), tmp_path / "y")
    assert read_surveyxact(tmp_path / "y").data.at[106, "m_1"] is pd.NA
