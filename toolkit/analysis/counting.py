"""The counting kernel behind every summary: one ``np.bincount`` per item.

Each respondent gets a flat index ``(group + 1) * (K + 1) + (code + 1)``: row 0 collects
respondents outside every group (blank ``by`` value), column 0 collects blank answers, so
no masking pass is needed. Weighted counts use the same index with ``weights=``.

Examples
--------
>>> import numpy as np
>>> groups = Groups.of(np.array([0, 0, 1, -1]), ["A", "B"])
>>> counts = count_item(np.array([1, 0, 1, 1], dtype=np.int8), 2, groups)
>>> counts.tolist()
[[1, 1], [0, 1]]
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from toolkit.surveys.groups import Groups


def count_item(
    codes: np.ndarray, n_categories: int, groups: Groups, weights: np.ndarray | None = None
) -> np.ndarray:
    """Counts (or weighted sums) per group × category, shape ``(groups, K)``."""
    if groups.everyone:  # blank (-1) shifts to slot 0, in the codes' own small integers
        wide = n_categories >= np.iinfo(codes.dtype).max
        shifted = (codes.astype(np.int64) if wide else codes) + 1
        counts = np.bincount(shifted, weights=weights, minlength=n_categories + 1)
        return counts[1:].reshape(1, n_categories)
    flat = groups.offsets(n_categories) + codes
    size = (groups.size + 1) * (n_categories + 1)
    counts = np.bincount(flat, weights=weights, minlength=size)
    return counts.reshape(groups.size + 1, n_categories + 1)[1:, 1:]


class Counter:
    """Weighted and unweighted counts per group × category for many items.

    Survey weights are usually cell weights with few distinct values. Then respondents
    are counted once over group × weight class (one integer ``bincount``), and the
    weighted count is Σ weight × count per class: exact, and as fast as unweighted.
    Many distinct weights (raking) take a second, weighted ``bincount``.
    """

    MAX_CLASSES = 64

    def __init__(self, groups: Groups, weights: np.ndarray | None) -> None:
        self.groups, self.weights, self.fine, self.classes = groups, weights, None, None
        if weights is not None:
            classes, inverse = np.unique(weights, return_inverse=True)
            if len(classes) <= self.MAX_CLASSES:
                index = np.where(groups.index < 0, -1, groups.index * len(classes) + inverse)
                self.fine = Groups(index, pd.DataFrame(index=range(groups.size * len(classes))))
                self.classes = classes

    def __call__(self, codes: np.ndarray, n_categories: int) -> tuple[np.ndarray, np.ndarray]:
        """``(weighted, unweighted)`` counts, each of shape ``(groups, K)``."""
        if self.weights is None:
            counts = count_item(codes, n_categories, self.groups)
            return counts, counts
        if self.fine is not None:
            fine = count_item(codes, n_categories, self.fine)
            fine = fine.reshape(self.groups.size, len(self.classes), n_categories)
            return np.einsum("c,gck->gk", self.classes, fine), fine.sum(axis=1)
        return (
            count_item(codes, n_categories, self.groups, self.weights),
            count_item(codes, n_categories, self.groups),
        )
