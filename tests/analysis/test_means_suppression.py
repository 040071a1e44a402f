"""Means by group hide a group under min_base with its mean, interval and N, and a lone
hidden group takes the smallest shown one with it (its mean and N would follow from the
overall mean the report shows). Group sizes checked by a hand count of the raw export."""

from __future__ import annotations

from collections import Counter

import openpyxl

from toolkit import means, read_surveyxact
from toolkit.data import example_round
from toolkit.present.stats_tables import means_table


def test_a_lone_small_group_takes_the_smallest_shown_one_with_it():
    rows = openpyxl.load_workbook(example_round(), read_only=True)["Dataset"].iter_rows(
        values_only=True
    )
    header = next(rows)
    size, answer = header.index("kontorstr"), header.index("b1_1")
    counted = Counter(r[size] for r in rows if r[answer] in (1, 2, 3, 4, 5))
    assert sorted(counted.values()) == [41, 66, 76]
    table = means(read_surveyxact(example_round()), "b1_1", by="kontorstr", min_base=42)
    assert sorted(table["base"]) == [41, 66, 76]
    reasons = dict(zip(table["base"], table["suppressed_reason"], strict=True))
    assert reasons[41] == "N=41 < 42" and reasons[66] == "secondary"
    assert not isinstance(reasons[76], str)
    table.attrs["min_base"] = 42
    shown = means_table(table).frame
    assert (shown.iloc[[0, 2]] == "–").all(axis=None) and shown.iloc[1, 2] == "76"


def test_without_min_base_nothing_is_hidden():
    table = means(read_surveyxact(example_round()), "b1_1", by="kontorstr")
    assert "suppressed" not in table
