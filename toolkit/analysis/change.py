"""Change between survey rounds, and difference-in-differences with a comparison group.

:func:`change_summary` compares two rounds of a stacked survey
(:meth:`toolkit.rounds.project.Rounds.stack`) per item (× group): the value in each
round, the difference (percentage points for shares, scale points for means) with its 95 %
confidence interval and a test, a test of the whole distribution, and N per round. Rounds
are independent samples: the variance of the difference is the sum of the two. Unweighted
shares use the two-proportion z test (pooled) and a Wald interval; unweighted means Welch's
t; weighted values the design-based standard errors of :mod:`toolkit.analysis.design` and
a z test. The distribution test is a chi-square (Rao–Scott when weighted).

:func:`did_summary` is the before/after design with trial and comparison units: the 2 × 2
table of group × round and the difference-in-differences, estimated as the interaction in
``y ~ treated + after + treated:after`` (statsmodels OLS, or WLS with weights), with
standard errors clustered by ``cluster`` (e.g. the office) when given.

Examples
--------
>>> from toolkit.data import example_rounds
>>> from toolkit.rounds.project import read_rounds
>>> stacked = read_rounds(example_rounds()).stack()
>>> row = change_summary(stacked, "b1_3", between=("2025", "2026")).iloc[0]
>>> row["unit"], int(row["base_a"]), int(row["base_b"])
('percentage points', 172, 176)
>>> did = did_summary(stacked, "b1_3", by="forsok", treated="Forsøkskontor",
...                 between=("2025", "2026"), cluster="kontornr")
>>> round(did.estimate, 2), did.notes[0][:39]
(0.59, 'Only two rounds: parallel trends before')
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from toolkit._deprecated import renamed
from toolkit.analysis._lazy_scipy import stats
from toolkit.analysis.design import chosen_positions, item_values, means, proportions
from toolkit.analysis.items import breakdown_columns
from toolkit.analysis.rao_scott import rao_scott
from toolkit.errors import UsageError
from toolkit.surveys.codebook import text_of
from toolkit.surveys.groups import resolve_weights
from toolkit.surveys.survey import Survey


def _round(stacked: Survey, name: str) -> Survey:
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
    a, b = _round(stacked, a_name), _round(stacked, b_name)
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


@dataclass(frozen=True)
class DidResult:
    """A difference-in-differences: ``table`` (group × round values, change and N), the
    ``estimate`` with ``se``, ``ci_low``, ``ci_high`` and ``p_value``, and caveats.

    ``trends_checkable`` is False when the stack has only two rounds (parallel trends
    before the trial cannot be looked at); ``notes`` say so in words."""

    item: str
    item_text: str | None
    measure: str
    table: pd.DataFrame
    estimate: float
    se: float
    ci_low: float
    ci_high: float
    p_value: float
    n: int
    clusters: int | None = None
    cluster_name: str | None = None
    trends_checkable: bool = False
    notes: tuple[str, ...] = ()
    fit: object = field(default=None, repr=False)

    def to_frame(self) -> pd.DataFrame:
        return self.table.copy()

    def _repr_html_(self) -> str:
        notes = "".join(f"<br><small>{html.escape(n)}</small>" for n in self.notes)
        return (
            f"<div><strong>{html.escape(self.item)}</strong>: difference-in-differences "
            f"{self.estimate:.3f} ({self.ci_low:.3f} to {self.ci_high:.3f}), "
            f"p={self.p_value:.3f}, N={self.n}{self.table.to_html()}{notes}</div>"
        )


def _treated_label(stacked: Survey, group: str, treated: str) -> tuple[str, str]:
    """The group's label for ``treated`` (case-insensitive) and the comparison label."""
    if group not in stacked.data.columns:
        raise UsageError(
            f"no group variable {group!r}",
            file=stacked.source.path,
            hint="by= names the variable that tells trial from comparison units",
        )
    labels = [str(v) for v in stacked.data[group].dropna().unique()]
    match = [v for v in labels if v.casefold() == str(treated).casefold()]
    if not match or len(labels) != 2:
        raise UsageError(
            f"{group} must have two groups, one of them {treated!r}",
            file=stacked.source.path,
            where=f"column {group}",
            hint=f"its labels are {', '.join(sorted(labels)) or 'none'}",
        )
    return match[0], next(v for v in labels if v != match[0])


def _outcome(stacked: Survey, item: str, measure: str) -> np.ndarray:
    values = item_values(stacked, item)
    if measure == "mean":
        return values
    positions, _ = chosen_positions(stacked, item, measure, None)
    chosen = np.isin(stacked.data[item].cat.codes.to_numpy(), positions).astype(float)
    return np.where(np.isnan(values), np.nan, chosen)


def _did_frame(stacked, item, group, treated, between, measure, cluster, weight):
    data = stacked.data
    frame = pd.DataFrame(
        {
            "y": _outcome(stacked, item, measure),
            "treated": (data[group].astype(object) == treated).to_numpy(dtype=float),
            "after": (data["round"] == between[1]).to_numpy(dtype=float),
        },
        index=data.index,
    )
    weights = resolve_weights(stacked, weight)
    frame["w"] = 1.0 if weights is None else weights
    keep = data["round"].isin(between).to_numpy() & frame["y"].notna().to_numpy()
    keep &= data[group].notna().to_numpy()
    if cluster is not None:
        if cluster not in data.columns:
            raise UsageError(
                f"no cluster variable {cluster!r}",
                file=stacked.source.path,
                hint="cluster= names the office (or other unit) variable",
            )
        frame["cluster"] = pd.factorize(data[cluster].astype(object))[0]
        keep &= frame["cluster"].to_numpy() >= 0
    return frame[keep]


def _two_by_two(frame, treated, other, between, measure) -> pd.DataFrame:
    a_name, b_name = between
    cells = frame.assign(
        group=np.where(frame["treated"] == 1, treated, other),
        round=np.where(frame["after"] == 1, b_name, a_name),
        wy=frame["y"] * frame["w"],
    )
    sums = cells.groupby(["group", "round"])[["wy", "w"]].sum()
    table = (sums["wy"] / sums["w"]).unstack("round").reindex(index=[treated, other])
    table = table.reindex(columns=[a_name, b_name])
    table["change"] = table[b_name] - table[a_name]
    if measure != "mean":
        table *= 100
    counts = cells.groupby(["group", "round"]).size().unstack("round")
    counts = counts.reindex(index=[treated, other], columns=[a_name, b_name])
    for name in (a_name, b_name):
        table[f"n {name}"] = counts[name].astype("Int64")
    table.index.name = None
    table.columns.name = None
    return table


def did_summary(
    stacked: Survey,
    item: str,
    *,
    by: str | None = None,
    treated: str,
    between: tuple[str, str],
    measure: str = "mean",
    cluster: str | None = None,
    weight: str | None = None,
    **renamed,
) -> DidResult:
    """The 2 × 2 table and the difference-in-differences of ``item`` (see module).

    ``by`` is the variable that tells treated from the others, as everywhere else in the
    toolkit (``group=`` is its old name, still taken with a DeprecationWarning);
    ``measure`` is "mean" (scale points), "top2", "bottom2" or a category label
    (percentage points); ``treated`` matches a label of ``by`` ignoring case.

    Parameters
    ----------
    stacked
        The stacked rounds (``rounds.stack()``).
    item
        The item.
    by
        The variable that tells treated from comparison units.
    treated
        The treated units' label.
    between
        The two rounds (before, after).
    measure
        "mean", "top2", "bottom2" or a category label.
    cluster
        A variable to cluster the standard errors by (the office).
    weight
        A weight column.

    Returns
    -------
    DidResult
        ``table`` (group × round, changes, N), the estimate with its interval and p-value,
        and the caveats.

    Examples
    --------
    See the module's example.
    """
    group = renamed.pop("group", None)
    if renamed:
        raise TypeError(f"did_summary() got an unexpected keyword argument {next(iter(renamed))!r}")
    if group is not None:
        import warnings

        warnings.warn(
            "did_summary(group=...) is now did_summary(by=...)", DeprecationWarning, stacklevel=2
        )
        by = by or group
    if by is None:
        from toolkit.errors import UsageError

        raise UsageError(
            "did_summary needs by=: the variable that tells treated from the others",
            hint='did_summary(stacked, "b1_3", by="forsok", treated="Forsøkskontor", ...)',
        )
    group = by
    _round(stacked, between[0]), _round(stacked, between[1])
    treated, other = _treated_label(stacked, group, treated)
    frame = _did_frame(stacked, item, group, treated, between, measure, cluster, weight)
    import statsmodels.api as sm  # imported here: 2 s at start-up otherwise

    exog = sm.add_constant(
        np.column_stack([frame["treated"], frame["after"], frame["treated"] * frame["after"]])
    )
    model = sm.WLS(frame["y"].to_numpy(), exog, weights=frame["w"].to_numpy())
    if cluster is not None:
        fit = model.fit(
            cov_type="cluster", cov_kwds={"groups": frame["cluster"].to_numpy()}, use_t=True
        )
    elif weight is not None:
        fit = model.fit(cov_type="HC1")
    else:
        fit = model.fit()
    low, high = fit.conf_int()[3]
    rounds = list(stacked.data["round"].cat.categories)
    clusters = int(frame["cluster"].nunique()) if cluster is not None else None
    notes = []
    if len(rounds) < 3:
        notes.append("Only two rounds: parallel trends before the trial cannot be checked.")
    if clusters is not None and clusters < 30:
        notes.append(f"Standard errors clustered by {cluster} ({clusters} clusters): fragile.")
    scale = 100 if measure != "mean" else 1
    entry = stacked.entry(item)
    return DidResult(
        item=item,
        item_text=text_of(entry) or None,
        measure=measure,
        table=_two_by_two(frame, treated, other, between, measure),
        estimate=float(fit.params[3]) * scale,
        se=float(fit.bse[3]) * scale,
        ci_low=float(low) * scale,
        ci_high=float(high) * scale,
        p_value=float(fit.pvalues[3]),
        n=len(frame),
        clusters=clusters,
        cluster_name=cluster,
        trends_checkable=len(rounds) >= 3,
        notes=tuple(notes),
        fit=fit,
    )


#: the old names (analysis functions return ``*_summary``; ``*_table`` is a report table)
change_table = renamed(change_summary, "change_table", __name__)
did_table = renamed(did_summary, "did_table", __name__)
