"""The counting kernel: grouped and whole-sample paths agree with a count by hand."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from toolkit.analysis.counting import Groups, count_item


@pytest.mark.parametrize("n_categories", [3, 126, 127, 200])
def test_whole_sample_counts_match_a_grouped_count_and_a_count_by_hand(n_categories):
    rng = np.random.default_rng(n_categories)
    dtype = np.int8 if n_categories < 127 else np.int16  # as pandas stores category codes
    codes = rng.integers(-1, n_categories, 1_000).astype(dtype)  # -1 = blank
    codes[:3] = [-1, n_categories - 1, 0]  # both ends and a blank, always
    weights = rng.uniform(0.5, 2.0, len(codes))
    everyone = Groups(np.zeros(len(codes), dtype=np.int64), pd.DataFrame(index=[0]), True)
    grouped = Groups.of(np.zeros(len(codes), dtype=np.int64), ["alle"])
    by_hand = np.array([(codes == c).sum() for c in range(n_categories)])
    assert count_item(codes, n_categories, everyone).tolist() == [by_hand.tolist()]
    assert count_item(codes, n_categories, grouped).tolist() == [by_hand.tolist()]
    weighted = np.array([weights[codes == c].sum() for c in range(n_categories)])
    np.testing.assert_allclose(count_item(codes, n_categories, everyone, weights)[0], weighted)


def test_an_int8_code_at_the_top_of_its_range_does_not_wrap():
    codes = np.array([127, 127, -1], dtype=np.int8)  # 127 + 1 would wrap in int8
    everyone = Groups(np.zeros(3, dtype=np.int64), pd.DataFrame(index=[0]), True)
    counts = count_item(codes, 128, everyone)
    assert counts[0, 127] == 2 and counts.sum() == 2
