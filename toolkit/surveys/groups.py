"""Respondents in groups, and weights per respondent: the survey model's own arithmetic.

:func:`groups_for` turns one or more closed variables into a group number per respondent
(every combination of categories, empty ones included, in category order);
:func:`resolve_weights` turns a weight column or array into one float per respondent.
Both are used by every stage that breaks results down: response rates, sample flows,
weighting and the summaries.

Examples
--------
>>> import numpy as np
>>> groups = Groups.of(np.array([0, 0, 1, -1]), ["A", "B"])
>>> groups.size, groups.index.tolist()
(2, [0, 0, 1, -1])
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from toolkit.errors import UsageError
from toolkit.surveys.survey import Survey


@dataclass
class Groups:
    """Group index per respondent (-1 = in no group) and one row per group."""

    index: np.ndarray
    frame: pd.DataFrame  # the ``by`` columns, one row per group (empty groups included)
    everyone: bool = False  # one group holding every respondent (no ``by``)
    _offsets: dict[int, np.ndarray] = field(default_factory=dict, repr=False)

    @classmethod
    def of(cls, index: np.ndarray, labels: list[str], name: str = "group") -> Groups:
        return cls(np.asarray(index, dtype=np.int64), pd.DataFrame({name: labels}))

    @property
    def size(self) -> int:
        return len(self.frame)

    def offsets(self, n_categories: int) -> np.ndarray:
        """``(group + 1) * (K + 1) + 1`` per respondent, cached per K."""
        if n_categories not in self._offsets:
            self._offsets[n_categories] = (self.index + 1) * (n_categories + 1) + 1
        return self._offsets[n_categories]


def groups_for(
    survey: Survey, by: str | list[str] | None, *, include_personal: bool = False
) -> Groups:
    """Groups from one or more closed variables (all combinations, empty ones included).
    Grouping by a personal column is refused unless ``include_personal``."""
    if by is None:
        return Groups(np.zeros(survey.n, dtype=np.int64), pd.DataFrame(index=[0]), everyone=True)
    names = [by] if isinstance(by, str) else list(by)
    survey.guard_personal(names, include_personal=include_personal, use="group by it")
    codes = np.zeros(survey.n, dtype=np.int64)
    levels = []
    for name in names:
        if name not in survey.data.columns:
            raise UsageError(
                f"cannot group by {name!r}: no such variable",
                file=survey.source.path,
                hint="by= takes closed variables, e.g. by='kontorstr'; see survey.codebook",
            )
        column = survey.data[name]
        if not isinstance(column.dtype, pd.CategoricalDtype):
            column = column.astype("category")
        cat = column.cat.codes.to_numpy().astype(np.int64)
        k = len(column.cat.categories)
        codes = np.where((codes < 0) | (cat < 0), -1, codes * k + cat)
        levels.append(column.cat.categories)
    index = pd.MultiIndex.from_product(levels, names=names).to_frame(index=False)
    for name, level in zip(names, levels, strict=True):
        index[name] = pd.Categorical(index[name], categories=level, ordered=True)
    return Groups(codes, index)


def resolve_weights(survey: Survey, weight: str | pd.Series | np.ndarray | None):
    """Weights as a float array aligned with the respondents (or None)."""
    if weight is None:
        return None
    if isinstance(weight, str):
        if weight not in survey.data.columns:
            raise UsageError(
                f"no weight variable {weight!r}",
                file=survey.source.path,
                hint="weight= takes a numeric column of survey.data or an array",
            )
        values = pd.to_numeric(survey.data[weight], errors="coerce")
    elif isinstance(weight, pd.Series):
        values = weight.reindex(survey.data.index)
    else:
        values = pd.Series(np.asarray(weight, dtype=float), index=survey.data.index)
    array = values.to_numpy(dtype=np.float64, na_value=np.nan)
    bad = np.isnan(array) | (array < 0)
    if bad.any():
        rows = list(survey.data.index[bad][:5])
        raise UsageError(
            f"{int(bad.sum())} respondent(s) have a missing or negative weight",
            file=survey.source.path,
            where=f"respondents {rows}",
            hint="give every respondent a weight ≥ 0 (0 leaves a respondent out)",
        )
    return array
