"""Change between survey rounds (difference-in-differences: :mod:`toolkit.analysis.did`).

:func:`change_summary` compares two rounds of a stacked survey
(:meth:`toolkit.rounds.project.Rounds.stack`) per item (× group): the value in each
round, the difference (percentage points for shares, scale points for means) with its 95 %
confidence interval and a test, a test of the whole distribution, and N per round. Rounds
are independent samples: the variance of the difference is the sum of the two. Unweighted
shares use the two-proportion z test (pooled) and a Wald interval; unweighted means Welch's
t; weighted values the design-based standard errors of :mod:`toolkit.analysis.design` and
a z test. The distribution test is a chi-square (Rao–Scott when weighted).

Examples
--------
>>> from toolkit.data import example_rounds
>>> from toolkit.rounds.project import read_rounds
>>> stacked = read_rounds(example_rounds()).stack()
>>> row = change_summary(stacked, "b1_3", between=("2025", "2026")).iloc[0]
>>> row["unit"], int(row["base_a"]), int(row["base_b"])
('percentage points', 172, 176)
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from toolkit._deprecated import renamed
from toolkit.analysis._lazy_scipy import stats
from toolkit.analysis.design import item_values, means, proportions
from toolkit.analysis.items import breakdown_columns
from toolkit.analysis.rao_scott import rao_scott
from toolkit.errors import UsageError
from toolkit.surveys.groups import resolve_weights
from toolkit.surveys.survey import Survey


def round_of(stacked: Survey, name: str) -> Survey:
    """One round of a stacked survey (a UsageError naming the rounds when it has none)."""
    if "round" not in stacked.data.columns:
        raise UsageError(
            "this survey has no round column",
            file=stacked.source.path,
            hint="stack rounds first: read_rounds('surveys/').stack()",
        )
    rounds = list(stacked.data["round"].cat.categories)
    if name not in rounds:
        raise UsageError(
            f"no round {name!r} in the stacked survey",
            file=stacked.source.path,
            hint=f"the rounds are {', '.join(rounds)}",
        )
    return stacked.filter(stacked.data["round"] == name, f"round {name}")


def _estimate(survey: Survey, items, measure: str, by, weight) -> pd.DataFrame:
    if measure == "mean":
        return means(survey, items, by=by, weight=weight)
    value = "top2" if measure in {"top2", "share"} else measure
    return proportions(survey, items, by=by, weight=weight, value=value)


def _distribution_p(a: Survey, b: Survey, item: str, weighted: bool, wa, wb, mask_a, mask_b):
    """Round × category test of the whole (substantive) distribution."""
    codes = np.concatenate(
        [a.data[item].cat.codes.to_numpy()[mask_a], b.data[item].cat.codes.to_numpy()[mask_b]]
    )
    values = np.concatenate([item_values(a, item)[mask_a], item_values(b, item)[mask_b]])
    rounds = np.repeat([0, 1], [mask_a.sum(), mask_b.sum()])
    keep = ~np.isnan(values)
    if keep.sum() < 2 or len(np.unique(rounds[keep])) < 2 or len(np.unique(codes[keep])) < 2:
        return np.nan
    if weighted:
        weights = np.concatenate([wa[mask_a], wb[mask_b]])
        return rao_scott(codes[keep], rounds[keep], weights[keep])["p_value"]
    table = pd.crosstab(codes[keep], rounds[keep]).to_numpy()
    return stats.chi2_contingency(table, correction=False)[1]


def _test(row_a, row_b, measure: str, weighted: bool, level: float) -> dict:
    """Difference, its interval and test for one item × group."""
    share = measure != "mean"
    va, vb = row_a["percent" if share else "mean"], row_b["percent" if share else "mean"]
    na, nb = float(row_a["base"]), float(row_b["base"])
    difference = vb - va
    if share and not weighted:
        pa, pb = va / 100, vb / 100
        se = np.sqrt(pa * (1 - pa) / na + pb * (1 - pb) / nb) * 100
        pooled = (pa * na + pb * nb) / (na + nb)
        se0 = np.sqrt(pooled * (1 - pooled) * (1 / na + 1 / nb)) * 100
        statistic = difference / se0 if se0 else np.nan
        return _result(difference, se, statistic, "two-proportion z", stats.norm, level)
    se_a, se_b = row_a["se"], row_b["se"]
    se = np.sqrt(se_a**2 + se_b**2)
    statistic = difference / se if se else np.nan
    if not share and not weighted:  # Welch: t with Satterthwaite's degrees of freedom
        df = (se_a**2 + se_b**2) ** 2 / (se_a**4 / (na - 1) + se_b**4 / (nb - 1))
        return _result(difference, se, statistic, "Welch t", stats.t(df), level)
    return _result(difference, se, statistic, "z (design-based)", stats.norm, level)


def _result(difference, se, statistic, test: str, distribution, level: float) -> dict:
    """The change, its interval and two-sided p from the test's reference distribution."""
    q = distribution.ppf(0.5 + level / 2)
    return {
        "difference": difference,
        "ci_low": difference - q * se,
        "ci_high": difference + q * se,
        "test": test,
        "statistic": statistic,
        "p_value": 2 * distribution.sf(abs(statistic)),
    }


def change_summary(
    stacked: Survey,
    items,
    *,
    between: tuple[str, str],
    measure: str = "top2",
    by: str | list[str] | None = None,
    weight: str | None = None,
    min_base: int = 5,
    level: float = 0.95,
) -> pd.DataFrame:
    """Per item (× group): ``value_a``, ``value_b``, ``difference`` with ``ci_low`` and
    ``ci_high``, ``test``, ``statistic``, ``p_value``, ``p_distribution``, ``base_a``,
    ``base_b``, ``unit`` and ``suppressed`` (see module docstring). ``measure`` is "top2",
    "bottom2", "mean" or a category label.

    Parameters
    ----------
    stacked
        The stacked rounds (``rounds.stack()``).
    items
        Item or grid names.
    between
        The two rounds compared.
    measure
        "top2", "bottom2", "mean" or a category label.
    by
        Breakdown variables.
    weight
        A weight column.
    min_base
        Fewer answers in either round: suppressed.
    level
        The confidence level.

    Returns
    -------
    DataFrame
        One row per item (× group).

    Examples
    --------
    See the module's example.
    """
    a_name, b_name = between
    a, b = round_of(stacked, a_name), round_of(stacked, b_name)
    est_a, est_b = (
        _estimate(a, items, measure, by, weight),
        _estimate(b, items, measure, by, weight),
    )
    group_cols = breakdown_columns(est_a)
    weighted = weight is not None
    wa = resolve_weights(a, weight) if weighted else None
    wb = resolve_weights(b, weight) if weighted else None
    rows = []
    for (_, row_a), (_, row_b) in zip(est_a.iterrows(), est_b.iterrows(), strict=True):
        result = _test(row_a, row_b, measure, weighted, level)
        mask_a = np.ones(a.n, dtype=bool)
        mask_b = np.ones(b.n, dtype=bool)
        for col in group_cols:
            mask_a &= (a.data[col] == row_a[col]).to_numpy(dtype=bool)
            mask_b &= (b.data[col] == row_b[col]).to_numpy(dtype=bool)
        suppressed = min(row_a["base"], row_b["base"]) < min_base
        rows.append(
            {
                **{k: row_a[k] for k in ("item", "question", "question_text", "item_text")},
                **{c: row_a[c] for c in group_cols},
                "measure": measure if measure != "top2" else row_a.get("value", "top2"),
                "value_a": row_a["percent" if measure != "mean" else "mean"],
                "value_b": row_b["percent" if measure != "mean" else "mean"],
                **result,
                "p_distribution": _distribution_p(
                    a, b, row_a["item"], weighted, wa, wb, mask_a, mask_b
                ),
                "base_a": int(row_a["base"]),
                "base_b": int(row_b["base"]),
                "unit": "scale points" if measure == "mean" else "percentage points",
                "suppressed": bool(suppressed),
            }
        )
    out = pd.DataFrame(rows)
    out.attrs |= {
        "between": (a_name, b_name),
        "weighted": est_a.attrs.get("weighted"),
        "level": level,
        "min_base": min_base,
    }
    return out


change_table = renamed(change_summary, "change_table", __name__)
