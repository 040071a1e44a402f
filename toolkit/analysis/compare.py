"""Comparisons between groups: are the answers distributed differently?

For every item: a chi-square test of independence (Fisher's exact test for 2×2 tables
whose smallest expected count is below 5) with Cramér's V, and, for ordinal scale items,
Mann–Whitney U (two groups, rank-biserial correlation) or Kruskal–Wallis H (more groups,
epsilon²). Non-substantive answers and respondents outside the groups are left out.
Tests use unweighted counts; results are labelled with the test used.

Examples
--------
>>> from toolkit import read_surveyxact
>>> from toolkit.data import example_round
>>> result = compare_groups(read_surveyxact(example_round()), "b1_1", by="kontorstr")
>>> result[["item", "test", "effect_measure"]]
   item            test   effect_measure
0  b1_1      chi-square       Cramér's V
1  b1_1  Kruskal–Wallis         epsilon²
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from toolkit.analysis._lazy_scipy import stats
from toolkit.analysis.counting import count_item
from toolkit.analysis.items import (
    Items,
    entries,
    resolve_items,
    scale_of,
    substantive_mask,
    weight_note,
)
from toolkit.analysis.rao_scott import rao_scott, wald_means
from toolkit.analysis.suppression import protect
from toolkit.surveys.groups import Groups, groups_for, resolve_weights
from toolkit.surveys.survey import Survey


def _chi_square(table: np.ndarray) -> dict:
    table = table[table.sum(axis=1) > 0][:, table.sum(axis=0) > 0]
    n = table.sum()
    if table.shape[0] < 2 or table.shape[1] < 2:
        return {
            "test": "chi-square",
            "statistic": np.nan,
            "df": np.nan,
            "p_value": np.nan,
            "effect_size": np.nan,
            "effect_measure": "Cramér's V",
            "note": "too few groups",
        }
    chi2, p, df, expected = stats.chi2_contingency(table, correction=False)
    v = np.sqrt(chi2 / (n * (min(table.shape) - 1)))
    if table.shape == (2, 2) and expected.min() < 5:
        _, p = stats.fisher_exact(table)
        return {
            "test": "Fisher's exact",
            "statistic": np.nan,
            "df": np.nan,
            "p_value": p,
            "effect_size": v,
            "effect_measure": "Cramér's V",
            "note": "expected count below 5",
        }
    note = "expected count below 5 in some cells" if expected.min() < 5 else None
    return {
        "test": "chi-square",
        "statistic": chi2,
        "df": df,
        "p_value": p,
        "effect_size": v,
        "effect_measure": "Cramér's V",
        "note": note,
    }


def _ordinal(samples: list[np.ndarray]) -> dict:
    samples = [s for s in samples if len(s)]
    if len(samples) < 2:
        return {}
    if len(samples) == 2:
        a, b = samples
        u, p = stats.mannwhitneyu(a, b, alternative="two-sided")
        return {
            "test": "Mann–Whitney U",
            "statistic": u,
            "df": np.nan,
            "p_value": p,
            "effect_size": 1 - 2 * u / (len(a) * len(b)),
            "effect_measure": "rank-biserial r",
            "note": None,
        }
    h, p = stats.kruskal(*samples)
    n = sum(len(s) for s in samples)
    return {
        "test": "Kruskal–Wallis",
        "statistic": h,
        "df": len(samples) - 1,
        "p_value": p,
        "effect_size": h / ((n * n - 1) / (n + 1)),
        "effect_measure": "epsilon²",
        "note": None,
    }


#: ``df`` is the (numerator) degrees of freedom, ``ddf`` the denominator's for F tests
COLUMNS = [
    "item",
    "test",
    "statistic",
    "df",
    "ddf",
    "p_value",
    "effect_size",
    "effect_measure",
    "design_effect",
    "n",
    "note",
]

SINGULAR = "computationally singular, as R's survey refuses it: groups too small to test"


def _weighted(item: str, codes, keep, groups, weights, *, ordinal: bool) -> list[dict]:
    """Rao–Scott chi-square (and the design-based F for means) on complete cases."""
    answered = (codes >= 0) & keep[np.maximum(codes, 0)] & (groups.index >= 0) & (weights > 0)
    rows, cols, w = codes[answered], groups.index[answered], weights[answered]
    base = {"item": item, "n": int(answered.sum())}
    chi = rao_scott(rows, cols, w)
    out = [
        {
            **base,
            "test": "Rao–Scott chi-square",
            "statistic": chi["statistic"],
            "df": chi["ndf"],
            "ddf": chi["ddf"],
            "p_value": chi["p_value"],
            "effect_size": np.nan,
            "effect_measure": None,
            "design_effect": chi["deff"],
            "note": SINGULAR
            if chi["singular"]
            else "weighted; F with second-order correction, as svychisq",
        }
    ]
    if ordinal:
        position = (np.cumsum(keep) - 1)[rows].astype(float)
        wald = wald_means(position, cols, w)
        out.append(
            {
                **base,
                "test": "design-based F (means)",
                "statistic": wald["statistic"],
                "df": wald["ndf"],
                "ddf": wald["ddf"],
                "p_value": wald["p_value"],
                "effect_size": np.nan,
                "effect_measure": None,
                "note": SINGULAR
                if wald["singular"]
                else "weighted; Wald test of equal means, as regTermTest(svyglm)",
            }
        )
    return out


def _large_groups(groups: Groups, codes, keep, min_base: int | None) -> tuple[Groups, int, int]:
    """``groups`` with the groups a report's table of the item hides taken out (their
    respondents in no group): those under ``min_base`` substantive answers and those hidden
    with them (secondary suppression, :func:`~toolkit.analysis.suppression.protect`, on the
    same unweighted counts as the table); how many were taken out, and how many groups with
    answers are left. A test over a hidden group would tell its size (the test's N less
    the shown groups') and pull at its answers."""
    cells = count_item(codes, len(keep), groups)[:, keep]
    counts = cells.sum(axis=1)
    small = (counts < (min_base or 0)) & (counts > 0)  # an empty group is in no test
    if small.any():
        hidden = protect(cells, set(np.flatnonzero(small).tolist()), min_base)
        small[sorted(hidden)] = True
    left = int(((counts > 0) & ~small).sum())
    if not small.any():
        return groups, 0, left
    index = np.where((groups.index >= 0) & small[np.maximum(groups.index, 0)], -1, groups.index)
    return Groups(index, groups.frame, groups.everyone), int(small.sum()), left


def _left_out(row: dict, left_out: int, min_base: int | None) -> dict:
    if not left_out:
        return row
    said = f"{left_out} group(s) with fewer than {min_base} answers, or hidden with them, left out"
    return {**row, "note": "; ".join(n for n in (row.get("note"), said) if n)}


def compare_groups(
    survey: Survey,
    items: Items,
    *,
    by: str | list[str],
    ordinal: bool | None = None,
    weight: str | pd.Series | np.ndarray | None = None,
    include_personal: bool = False,
    min_base: int | None = None,
) -> pd.DataFrame:
    """Tests of group differences per item: ``item``, ``test``, ``statistic``, ``df``,
    ``ddf``, ``p_value``, ``effect_size``, ``effect_measure``, ``design_effect``, ``n``,
    ``note``.

    With ``min_base``, a group with fewer substantive answers to an item is left out of
    that item's tests (a report hides its percentages; a test on it, Cramér's V = 1 on
    groups of one, would reveal the answers), and the note says how many groups were
    left out; with fewer than two groups left the item gets the test ``none`` and no
    numbers.

    ``ordinal`` forces (True) or skips (False) the test of the ordered scale; by default
    it runs for items with a recognised ordered scale (not yes/no). Unweighted: chi-square
    (Fisher for small 2×2) and Mann–Whitney U or Kruskal–Wallis. With ``weight``: the
    Rao–Scott corrected chi-square and a design-based F test of equal means
    (:mod:`toolkit.analysis.rao_scott`), with the mean generalised design effect in
    ``design_effect`` (it is not an effect size). Where R's ``survey`` refuses a weighted
    test as computationally singular (groups of one or two respondents), the row has no
    numbers and its note says so.

    Parameters
    ----------
    survey : Survey
        The survey.
    items : str, list of str or question
        The items to test.
    by : str or list of str
        The grouping variable(s).
    ordinal : bool, optional
        Force or skip the test of the ordered scale.
    weight : str, Series or array, optional
        Weights: a variable name, or values on the respondents.
    include_personal : bool
        Allow a personal column as a grouping.
    min_base : int, optional
        Leave out groups with fewer substantive answers.

    Returns
    -------
    DataFrame
        One row per item and test: ``test``, ``statistic``, ``df``, ``p_value``, ``n``,
        the effect size and its measure (``attrs`` say how it is weighted).

    Examples
    --------
    >>> from toolkit import read_surveyxact
    >>> from toolkit.data import example_round
    >>> survey = read_surveyxact(example_round())
    >>> tests = compare_groups(survey, "b1_1", by="kontorstr", min_base=10)
    >>> row = tests.iloc[0]
    >>> row["test"], int(row["df"]), int(row["n"])  # 5 categories × 3 groups: df = 4 × 2
    ('chi-square', 8, 183)
    """
    groups = groups_for(survey, by, include_personal=include_personal)
    weights = resolve_weights(survey, weight)
    rows = []
    book = entries(survey)
    for item in resolve_items(survey, items, need_scale=False, include_personal=include_personal):
        entry = book[item]
        codes = survey.data[item].cat.codes.to_numpy()
        keep = substantive_mask(entry)
        scale = scale_of(survey, item, entry=entry)
        is_ordinal = bool(
            ordinal or (ordinal is None and scale is not None and scale.kind != "yes/no")
        )
        tested, left_out, left = _large_groups(groups, codes, keep, min_base)
        if left_out and left < 2:
            rows.append({"item": item, "test": "none", "n": np.nan, "note": "too few answers"})
            continue
        if weights is not None:
            found = _weighted(item, codes, keep, tested, weights, ordinal=is_ordinal)
            rows += [_left_out(r, left_out, min_base) for r in found]
            continue
        table = count_item(codes, len(keep), tested)[:, keep]
        base = {"item": item, "n": int(table.sum())}
        rows.append(_left_out({**base, **_chi_square(table)}, left_out, min_base))
        if is_ordinal:
            position = np.cumsum(keep) - 1  # rank of each category among substantive ones
            samples = [
                position[codes[(tested.index == g) & (codes >= 0) & keep[np.maximum(codes, 0)]]]
                for g in range(tested.size)
            ]
            result = _ordinal(samples)
            if result:
                rows.append(_left_out({**base, **result}, left_out, min_base))
    out = pd.DataFrame(rows, columns=COLUMNS)
    out.attrs["weighted"] = weight_note(survey, weight)
    return out
