"""Column typing: fast paths agree with the general path on every kind of code."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from tests.conftest import small_tables
from toolkit import read_surveyxact
from toolkit.surveys import values as conv
from toolkit.surveys.synthetic import write_csv_export
from toolkit.surveys.transcode import to_utf8, undefined_bytes

LABELS = {1: "Ja", 2: "Nei", 9: "Vet ikke"}


@pytest.mark.parametrize(
    "raw",
    [
        pa.chunked_array([pa.array([1, 2, None, 9, 2], pa.int16())]),
        pa.chunked_array([pa.array([1, 2], pa.int64()), pa.array([None, 9, 2], pa.int64())]),
        np.array([1.0, 2.0, np.nan, 9.0, 2.0]),
        np.array([1.0, 2.0, "", 9.0, 2.0], dtype=object),  # as calamine gives it
    ],
)
def test_integer_fast_path_matches_general_path(raw):
    ints = conv.integer_codes(raw)
    fast, unknown = conv.single_choice_codes(ints, LABELS)
    slow, slow_unknown = conv.single_choice(conv.numeric(raw)[0], LABELS)
    assert fast.tolist() == slow.tolist() == ["Ja", "Nei", np.nan, "Vet ikke", "Nei"]
    assert list(fast.categories) == list(slow.categories) == ["Ja", "Nei", "Vet ikke"]
    assert unknown == slow_unknown == {}
    assert fast.codes.dtype == np.int8


def test_unknown_codes_on_the_fast_path_are_ordered_by_code():
    ints = conv.integer_codes(np.array([5.0, 1.0, 5.0, 3.0, np.nan]))
    cat, unknown = conv.single_choice_codes(ints, LABELS)
    assert list(cat.categories) == ["Ja", "Nei", "3", "5", "Vet ikke"]  # code order 1,2,3,5,9
    assert unknown == {3: 1, 5: 2}
    assert cat.tolist() == ["5", "Ja", "5", "3", np.nan]


@pytest.mark.parametrize(
    ("values", "labels"),
    [
        (np.array([-1.0, 1.0, np.nan]), {-1: "Vet ikke", 1: "Ja"}),  # negative codes
        (np.array([99999.0, 1.0]), {99999: "Ikke svart", 1: "Ja"}),  # beyond int16
        (np.array([1.5, 1.0]), {1: "Ja"}),  # not whole numbers
    ],
)
def test_unusual_codes_take_the_general_path_and_keep_every_value(values, labels):
    ints = conv.integer_codes(values)
    result = conv.single_choice_codes(ints, labels) if ints is not None else None
    cat, unknown = result if result is not None else conv.single_choice(values, labels)
    assert cat.notna().sum() == (~np.isnan(values)).sum()
    if 1.5 in values:
        assert unknown == {1.5: 1}


def test_multi_response_fast_path():
    flags = conv.multiple_choice_codes(conv.integer_codes(np.array([1.0, 0.0, np.nan])))
    assert flags.tolist() == [True, False, pd.NA]
    assert conv.multiple_choice_codes(conv.integer_codes(np.array([2.0, 0.0]))) is None


def test_transcoding_single_byte_text_columns():
    texts = ["Æøå", None, "pris 5 €", "", "‘sitat’ – tankestrek", "ascii"]
    column = pa.chunked_array(
        [
            pa.array([t.encode("cp1252") if t is not None else None for t in texts[:3]]),
            pa.array([t.encode("cp1252") if t is not None else None for t in texts[3:]]),
        ]
    )
    assert to_utf8(column, "cp1252").to_pylist() == texts
    assert undefined_bytes("cp1252") == b"\x81\x8d\x8f\x90\x9d"


def test_cp1252_export_with_three_byte_characters(tmp_path):
    data = small_tables().dataset.copy()
    data.loc[0, "komm"] = "Kostet 200 € – «for mye»"
    write_csv_export(small_tables(dataset=data), tmp_path, sep=";", encoding="cp1252")
    survey = read_surveyxact(tmp_path)
    assert survey.data["komm"].iloc[0] == "Kostet 200 € – «for mye»"
    assert survey.data["komm"].iloc[3] == "Æøå; særlig"
