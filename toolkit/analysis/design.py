"""Means and proportions with confidence intervals, design-based when weighted.

Values are the answer codes ("Vet ikke"-type answers excluded) or, with a declared scale,
the scale's positions 1…k; numeric variables are used as they are.

* Unweighted: the usual per-group estimate, standard error s/√n and a t-interval with
  n − 1 degrees of freedom (proportions: Wilson, or logit).
* Weighted: as R's ``survey`` package for a design with weights only
  (``svydesign(ids=~1, weights=~w)``): the weighted mean, a linearisation standard error,
  and per group the domain estimate of ``svyby`` (the design's n stays the whole survey's,
  respondents outside the group or without an answer count as zeros). Intervals use a t
  quantile with the design's n − 1 degrees of freedom, as ``confint(..., df=degf(design))``;
  the logit interval for a proportion is ``svyciprop(method="logit")``. ``n_effective`` is
  Kish's (Σw)² / Σw².

Examples
--------
>>> from toolkit import read_surveyxact
>>> from toolkit.data import example_round
>>> survey = read_surveyxact(example_round())
>>> row = means(survey, "b1_1").iloc[0]
>>> [round(float(row[c]), 3) for c in ("mean", "ci_low", "ci_high")], int(row["base"])
([3.574, 3.394, 3.754], 183)
>>> row = proportions(survey, "b1_1").iloc[0]
>>> row["value"], round(float(row["percent"]), 1), int(row["base"])
('Delvis enig / Helt enig', 59.6, 183)
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from toolkit._deprecated import renamed
from toolkit.analysis._lazy_scipy import stats
from toolkit.analysis.counting import count_item
from toolkit.analysis.items import (
    Items,
    breakdown_columns,
    entries,
    resolve_items,
    scale_of,
    substantive_mask,
    weight_note,
    with_by,
)
from toolkit.errors import UsageError
from toolkit.surveys.groups import Groups, groups_for, resolve_weights
from toolkit.surveys.scales import Scale
from toolkit.surveys.survey import Survey

INFO = ["item", "question", "question_text", "item_text"]


def _variables(survey: Survey, items, include_personal: bool) -> list[str]:
    """Closed items (names or grids) and numeric variables."""
    names = [items] if isinstance(items, str) else list(items or [])
    book = survey.codebook.set_index("variable")
    numeric = [n for n in names if n in book.index and book.at[n, "value_type"] == "numeric"]
    closed = [n for n in names if n not in numeric]
    survey.guard_personal(numeric, include_personal=include_personal)
    chosen = (
        resolve_items(
            survey,
            closed or None,
            need_scale=not closed and not numeric,
            include_personal=include_personal,
        )
        if closed or not numeric
        else []
    )
    order = {n: i for i, n in enumerate(names)}
    return sorted(
        [*chosen, *numeric],
        key=lambda v: order.get(v, order.get(book.at[v, "question"], len(order))),
    )


def category_values(survey: Survey, item: str, entry: dict, scales: dict | None = None):
    """Float value of each category of a closed item: its code (or the declared scale's
    position 1…k); NaN for non-substantive categories."""
    codes = np.array(sorted({*entry["labels"], *entry["unknown_codes"]}), dtype=float)
    values = np.where(substantive_mask(entry), codes, np.nan)
    declared = (scales or {}).get(item) or (scales or {}).get(entry["question"])
    if isinstance(declared, Scale):
        categories = list(survey.data[item].cat.categories)
        values = np.array(
            [
                declared.categories.index(c) + 1.0 if c in declared.categories else np.nan
                for c in categories
            ]
        )
    return values


def item_values(survey: Survey, item: str, scales: dict | None = None, entry=None) -> np.ndarray:
    """Float value per respondent: the code (or the declared scale's position 1…k) of a
    substantive answer; NaN for blanks and non-substantive answers."""
    entry = entry if entry is not None else entries(survey)[item]
    column = survey.data[item]
    if entry["value_type"] == "numeric":
        return pd.to_numeric(column, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    if entry["value_type"] != "single":
        raise UsageError(
            f"{item} is not a closed item or a number",
            file=survey.source.path,
            hint="means and proportions take single-choice items or numbers",
        )
    lookup = np.concatenate([[np.nan], category_values(survey, item, entry, scales)])
    return lookup[column.cat.codes.to_numpy().astype(np.int64) + 1]


def _sums(y: np.ndarray, w: np.ndarray, groups: Groups) -> dict[str, np.ndarray]:
    """Per group: respondents, Σw, Σwy, Σw², Σw²y, Σw²y², Σy, Σy² over answered rows
    (for values that vary within a category: numeric variables)."""
    ok = ~np.isnan(y) & (groups.index >= 0)
    g, yv, wv = groups.index[ok], y[ok], w[ok]
    size = groups.size

    def s(values):
        return np.bincount(g, weights=values, minlength=size)

    return {
        "n": np.bincount(g, minlength=size),
        "w": s(wv),
        "wy": s(wv * yv),
        "w2": s(wv * wv),
        "w2y": s(wv * wv * yv),
        "w2y2": s(wv * wv * yv * yv),
        "y": s(yv),
        "y2": s(yv * yv),
    }


def _category_sums(codes, values, groups: Groups, weights, squares) -> dict[str, np.ndarray]:
    """The same sums for a closed item from per (group × category) counts: the value is
    constant within a category, so three bincounts (n, Σw, Σw²) give every moment."""
    k = len(values)
    valid = ~np.isnan(values)
    v = np.where(valid, values, 0.0)
    n = count_item(codes, k, groups)
    out = {"n": n[:, valid].sum(axis=1), "y": n @ v, "y2": n @ (v * v)}
    if weights is not None:
        w = count_item(codes, k, groups, weights)
        w2 = count_item(codes, k, groups, squares)
        out |= {
            "w": w[:, valid].sum(axis=1),
            "wy": w @ v,
            "w2": w2[:, valid].sum(axis=1),
            "w2y": w2 @ v,
            "w2y2": w2 @ (v * v),
        }
    return out


def _estimates(sums: dict, design_n: int, weighted: bool) -> dict:
    """Mean, SE, degrees of freedom and effective n per group (module docstring); the
    interval is added for all items at once (:func:`_with_intervals`)."""
    n = sums["n"].astype(float)
    with np.errstate(invalid="ignore", divide="ignore"):
        if weighted:
            mean = sums["wy"] / sums["w"]
            ss = sums["w2y2"] - 2 * mean * sums["w2y"] + mean**2 * sums["w2"]
            se = np.sqrt(design_n / (design_n - 1) * np.maximum(ss, 0)) / sums["w"]
            df = np.full(len(n), design_n - 1.0)
            n_eff = sums["w"] ** 2 / sums["w2"]
        else:
            mean = sums["y"] / n
            variance = (sums["y2"] - n * mean**2) / (n - 1)
            se = np.sqrt(np.maximum(variance, 0) / n)
            df, n_eff = n - 1, n
    return {"mean": mean, "se": se, "base": sums["n"], "n_effective": n_eff, "df": df}


def _quantiles(df: np.ndarray, level: float) -> np.ndarray:
    """t quantiles for many degrees of freedom (computed once per distinct value)."""
    distinct, inverse = np.unique(np.where(df > 0, df, np.nan), return_inverse=True)
    return stats.t.ppf(0.5 + level / 2, distinct)[inverse.ravel()]


def _frame(survey, items, groups, per_item) -> pd.DataFrame:
    """One row per item × group, assembled from arrays (not row by row)."""
    book = entries(survey)
    g = groups.size
    row_item = np.repeat(np.arange(len(items)), g)
    out = {
        c: np.array([item if c == "item" else book[item][c] for item in items], dtype=object)[
            row_item
        ]
        for c in INFO
    }
    if not groups.everyone:
        rows = np.tile(np.arange(g), len(items))
        out |= {b: groups.frame[b].array.take(rows) for b in groups.frame.columns}
    keys = list(per_item[0]) if per_item else ["mean", "se", "base", "n_effective", "df"]
    for key in keys:
        values = [
            r[key] if isinstance(r[key], np.ndarray) else np.repeat(r[key], g) for r in per_item
        ]
        out[key] = np.concatenate(values) if values else np.array([])
    frame = pd.DataFrame(out)
    if "base" in frame:
        frame["base"] = frame["base"].astype("int64")
    return frame


def _with_intervals(frame: pd.DataFrame, level: float) -> pd.DataFrame:
    q = _quantiles(frame["df"].to_numpy(dtype=float), level)
    position = frame.columns.get_loc("se") + 1
    frame.insert(position, "ci_low", frame["mean"] - q * frame["se"])
    frame.insert(position + 1, "ci_high", frame["mean"] + q * frame["se"])
    return frame


def means(
    survey: Survey,
    items: Items,
    *,
    by: str | list[str] | None = None,
    weight: str | pd.Series | np.ndarray | None = None,
    level: float = 0.95,
    scales: dict[str, Scale] | None = None,
    include_personal: bool = False,
    min_base: int | None = None,
) -> pd.DataFrame:
    """One row per item × group: ``mean``, ``se``, ``ci_low``, ``ci_high``, ``base`` (the
    answers it rests on), ``n_effective``, ``df`` (see module docstring); ``attrs`` say
    whether it is weighted, and give the scale's lowest and highest code (``scale``) for
    charts. With ``min_base`` a group with fewer answers is flagged ``suppressed``, and
    where an item hides one group alone the smallest group it shows is hidden too
    (``suppressed_reason`` "secondary"): a lone hidden mean with its N would follow from
    the item's overall mean.

    Parameters
    ----------
    survey
        The survey.
    items
        Item or grid names (closed items on their codes, numeric items as numbers).
    by
        Breakdown variables.
    weight
        A weight column or weights on the respondents (design-based intervals).
    level
        The confidence level.
    scales
        Declared scales by item or question name.
    include_personal
        Allow a personal column as an item or breakdown.
    min_base
        Hide groups with fewer answers (and a lone hidden group's smallest neighbour).

    Returns
    -------
    DataFrame
        One row per item (× group).

    Examples
    --------
    >>> from toolkit import read_surveyxact
    >>> from toolkit.data import example_round
    >>> table = means(read_surveyxact(example_round()), "b1_1")
    >>> round(float(table["mean"].iloc[0]), 2), int(table["base"].iloc[0])
    (3.57, 183)
    """
    chosen = _variables(survey, items, include_personal)
    groups = groups_for(survey, by, include_personal=include_personal)
    weights = resolve_weights(survey, weight)
    squares = None if weights is None else weights * weights
    book = entries(survey)
    per_item, codes_seen = [], []
    for item in chosen:
        entry = book[item]
        if entry["value_type"] == "single":
            values = category_values(survey, item, entry, scales)
            codes_seen += [v for v in values if v == v]
            codes = survey.data[item].cat.codes.to_numpy()
            sums = _category_sums(codes, values, groups, weights, squares)
        else:
            w = np.ones(survey.n) if weights is None else weights
            sums = _sums(item_values(survey, item, scales, entry), w, groups)
        per_item.append(_estimates(sums, survey.n, weights is not None))
    out = _with_intervals(_frame(survey, chosen, groups, per_item), level)
    out.attrs |= {
        "weighted": weight_note(survey, weight),
        "level": level,
        "sample": survey.sample.to_dict(),
        # the scale's lowest and highest code (closed items): a chart's axis spans it
        "scale": (min(codes_seen), max(codes_seen)) if codes_seen else None,
    }
    if min_base is not None:
        out = _suppressed(with_by(out, by), min_base)
    return with_by(out, by)


def _suppressed(table: pd.DataFrame, min_base: int) -> pd.DataFrame:
    """``suppressed`` and ``suppressed_reason`` of an estimate table (see :func:`means`)."""
    n = table["base"].to_numpy()
    hidden = n < min_base
    reason = np.where(hidden, [f"N={int(v)} < {min_base}" for v in n], None).astype(object)
    if breakdown_columns(table):
        for rows in table.groupby("item", sort=False).indices.values():  # (positions)
            lone = [r for r in rows if hidden[r] and n[r] > 0]
            shown = [r for r in rows if not hidden[r] and n[r] > 0]
            if len(lone) == 1 and shown:
                smallest = min(shown, key=lambda r: n[r])
                hidden[smallest], reason[smallest] = True, "secondary"
    table["suppressed"], table["suppressed_reason"] = hidden, reason
    return table


def chosen_positions(survey, item, value, scales) -> tuple[list[int], str]:
    """Category positions that count as a "yes" for ``value``, and how to say it."""
    book = entries(survey)[item]
    categories = list(survey.data[item].cat.categories)
    keep = substantive_mask(book)
    substantive = [c for c, k in zip(categories, keep, strict=True) if k]
    if value in ("top2", "bottom2"):
        scale = scale_of(survey, item, scales, book)
        if scale is None:
            raise UsageError(
                f"{item} has no recognised scale for {value!r}",
                file=survey.source.path,
                hint="give value= a category label",
            )
        chosen = [substantive[i] for i in (scale.top() if value == "top2" else scale.bottom())]
    else:
        chosen = [value] if isinstance(value, str) else list(value)
        wrong = [c for c in chosen if c not in substantive]
        if wrong:
            raise UsageError(
                f"{item} has no category {wrong}",
                file=survey.source.path,
                hint=f"categories: {', '.join(substantive)}",
            )
    return [categories.index(c) for c in chosen], " / ".join(chosen)


def _interval(p, se, n_eff, df, method, level):
    q = _quantiles(np.asarray(df, dtype=float), level)
    with np.errstate(invalid="ignore", divide="ignore"):
        if method == "logit":
            logit = np.log(p / (1 - p))
            half = q * se / (p * (1 - p))
            return 1 / (1 + np.exp(-(logit - half))), 1 / (1 + np.exp(-(logit + half)))
        z = stats.norm.ppf(0.5 + level / 2)
        centre = (p + z * z / (2 * n_eff)) / (1 + z * z / n_eff)
        half = z / (1 + z * z / n_eff) * np.sqrt(p * (1 - p) / n_eff + z * z / (4 * n_eff**2))
        return centre - half, centre + half


def proportions(
    survey: Survey,
    items: Items,
    *,
    by: str | list[str] | None = None,
    weight: str | pd.Series | np.ndarray | None = None,
    value: str | Sequence[str] = "top2",
    method: str = "wilson",
    level: float = 0.95,
    include_personal: bool = False,
) -> pd.DataFrame:
    """Share (``percent``) of substantive answers in ``value`` ("top2", "bottom2", a
    category label or several) per item × group, with ``se``, ``ci_low``, ``ci_high`` in
    percent, ``base``, ``n_effective``; ``method`` "wilson" (unweighted n, or Kish's effective
    n when weighted) or "logit" (as ``svyciprop``).

    Parameters
    ----------
    survey
        The survey.
    items
        Item or grid names.
    by
        Breakdown variables.
    weight
        A weight column or weights on the respondents (design-based intervals).
    value
        "top2", "bottom2", a category label or several.
    method
        "wilson" or "logit".
    level
        The confidence level.
    include_personal
        Allow a personal column as an item or breakdown.

    Returns
    -------
    DataFrame
        One row per item (× group); ``attrs`` hold the level and the weighting.

    Examples
    --------
    >>> from toolkit import read_surveyxact
    >>> from toolkit.data import example_round
    >>> table = proportions(read_surveyxact(example_round()), "s_10", value="Ja")
    >>> round(float(table["percent"].iloc[0]), 1), int(table["base"].iloc[0])
    (72.2, 162)
    """
    if method not in {"wilson", "logit"}:
        raise UsageError(f"unknown interval method {method!r}", hint="method='wilson' or 'logit'")
    chosen = resolve_items(survey, items, need_scale=False, include_personal=include_personal)
    groups = groups_for(survey, by, include_personal=include_personal)
    weights = resolve_weights(survey, weight)
    w = np.ones(survey.n) if weights is None else weights
    per_item = []
    for item in chosen:
        positions, text = chosen_positions(survey, item, value, None)
        codes = survey.data[item].cat.codes.to_numpy()
        answered = ~np.isnan(item_values(survey, item))
        y = np.where(answered, np.isin(codes, positions).astype(float), np.nan)
        result = _estimates(_sums(y, w, groups), survey.n, weights is not None)
        p, n = result["mean"], result["base"].astype(float)
        with np.errstate(invalid="ignore", divide="ignore"):
            se = result["se"] if weights is not None else np.sqrt(p * (1 - p) / n)
        low, high = _interval(p, se, result["n_effective"], result["df"], method, level)
        per_item.append(
            {
                "value": text,
                "percent": 100 * p,
                "se": 100 * se,
                "ci_low": 100 * low,
                "ci_high": 100 * high,
                "base": result["base"],
                "n_effective": result["n_effective"],
                "method": method,
            }
        )
    out = _frame(survey, chosen, groups, per_item)
    out.attrs |= {
        "weighted": weight_note(survey, weight),
        "level": level,
        "sample": survey.sample.to_dict(),
    }
    return with_by(out, by)


#: the columns of an estimate table that are not breakdown (``by``) columns
#: the old name of :func:`~toolkit.analysis.items.breakdown_columns`
group_columns = renamed(breakdown_columns, "group_columns", __name__)
