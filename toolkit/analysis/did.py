"""Difference-in-differences: the before/after design with trial and comparison units.

:func:`did_summary` gives the 2 × 2 table of group × round and the difference-in-differences,
estimated as the interaction in ``y ~ treated + after + treated:after`` (statsmodels OLS, or
WLS with weights), with standard errors clustered by ``cluster`` (e.g. the office) when
given.

Examples
--------
>>> from toolkit.data import example_rounds
>>> from toolkit.rounds.project import read_rounds
>>> stacked = read_rounds(example_rounds()).stack()
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
from toolkit.analysis.change import round_of
from toolkit.analysis.design import chosen_positions, item_values
from toolkit.errors import UsageError
from toolkit.surveys.codebook import text_of
from toolkit.surveys.groups import resolve_weights
from toolkit.surveys.survey import Survey


@dataclass(frozen=True)
class DidResult:
    """A difference-in-differences: ``table`` (group × round values, the change and the
    ``base <round>`` of each), the ``estimate`` with ``se``, ``ci_low``, ``ci_high`` and
    ``p_value``, and caveats.

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
        table[f"base {name}"] = counts[name].astype("Int64")
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
    round_of(stacked, between[0]), round_of(stacked, between[1])
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


did_table = renamed(did_summary, "did_table", __name__)
