"""Likert summaries and frequency tables: tidy, one row per item × group × category.

``percent`` is unrounded and based on ``base``: the substantive answers of that item in that
group ("Vet ikke"-type answers are counted in rows marked ``substantive=False`` but left
out of the base unless ``include_missing=True``). With ``weight=``, ``n``/``base`` are
weighted and ``unweighted_n``/``unweighted_base`` count respondents. Groups whose
unweighted base is below ``min_base`` are flagged ``suppressed`` (never merged); where an
item hides a group, the smallest group it shows is hidden too (``suppressed_reason``
"secondary"), so no hidden group can be found by subtraction from the item's total.

Examples
--------
>>> from toolkit import read_surveyxact
>>> from toolkit.data import example_round
>>> survey = read_surveyxact(example_round())
>>> table = likert_summary(survey, "b1")
>>> row = table[(table["item"] == "b1_1") & (table["category"] == "Helt enig")].iloc[0]
>>> int(row["n"]), int(row["base"]), round(float(row["percent"]), 1)
(48, 183, 26.2)
>>> stats = item_statistics(survey, "b1")
>>> round(float(stats.loc[stats["item"] == "b1_1", "top2"].iloc[0]), 1)
59.6
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from toolkit._deprecated import renamed
from toolkit.analysis.counting import Counter, Groups
from toolkit.analysis.items import (
    SUMMARY_COLUMNS,
    Items,
    breakdown_columns,
    entries,
    resolve_items,
    scale_of,
    substantive_mask,
    with_attrs,
    with_by,
)
from toolkit.surveys.groups import groups_for, resolve_weights
from toolkit.surveys.scales import Scale
from toolkit.surveys.survey import Survey

_PARTS = (
    "group",
    "category",
    "position",
    "code",
    "substantive",
    "n",
    "unweighted_n",
    "base",
    "unweighted_base",
    "scale",
)


def _layout(survey, item, entry, categorical, scales, cache, g) -> dict:
    """What items with the same categories, codes and missing codes share (computed once)."""
    key = (
        categorical.dtype,
        tuple(entry["labels"]),
        tuple(entry["unknown_codes"]),
        tuple(entry["missing_codes"]),
        entry["question"] if scales else None,
    )
    if key not in cache:
        categories = np.asarray(categorical.categories, dtype=object)
        keep = substantive_mask(entry)
        scale = scale_of(survey, item, scales, entry)
        k = len(categories)
        codes = np.array(sorted({*entry["labels"], *entry["unknown_codes"]}), dtype=object)
        cache[key] = {
            "k": k,
            "keep": keep,
            "group": np.repeat(np.arange(g), k),
            "category": np.tile(categories, g),
            "position": np.tile(np.arange(k), g),
            "code": np.tile(codes, g),
            "substantive": np.tile(keep, g),
            "scale": np.repeat(scale.kind if scale else None, g * k),
        }
    return cache[key]


def _summarise(survey, items, groups, weight, include_missing, min_base, scales=None):
    weights = resolve_weights(survey, weight)
    book = entries(survey)
    parts: dict[str, list] = {key: [] for key in _PARTS}
    layouts: dict = {}
    g = groups.size
    count = Counter(groups, weights)
    rows_per_item = []
    arrays = [survey.data[item].array for item in items]  # in one go: cache-friendly
    for item, categorical in zip(items, arrays, strict=True):
        layout = _layout(survey, item, book[item], categorical, scales, layouts, g)
        k = layout["k"]
        weighted, unweighted = count(categorical.codes, k)
        keep = layout["keep"] | include_missing
        rows_per_item.append(g * k)
        for key in ("group", "category", "position", "code", "substantive", "scale"):
            parts[key].append(layout[key])
        parts["n"].append(weighted.ravel())
        parts["unweighted_n"].append(unweighted.ravel())
        parts["base"].append(np.repeat(weighted[:, keep].sum(axis=1), k))
        parts["unweighted_base"].append(np.repeat(unweighted[:, keep].sum(axis=1), k))
    columns = {key: np.concatenate(v) if v else np.array([]) for key, v in parts.items()}
    row_item = np.repeat(np.arange(len(items)), rows_per_item)
    for col in ("item", "question", "question_text", "item_text"):
        per_item = [item if col == "item" else book[item][col] for item in items]
        columns[col] = np.array(per_item, dtype=object)[row_item]
    return _finish(columns, groups, include_missing, min_base, weights is not None)


def _finish(columns: dict, groups: Groups, include_missing, min_base, weighted) -> pd.DataFrame:
    """The summary table from per-row arrays, columns in ``SUMMARY_COLUMNS`` order."""
    n, base, unweighted_base = columns["n"], columns["base"], columns["unweighted_base"]
    counted = columns["substantive"].astype(bool) | include_missing
    with np.errstate(invalid="ignore", divide="ignore"):
        percent = np.where(counted, 100 * n / base, np.nan)
    suppressed = unweighted_base < min_base
    reason = np.full(len(n), None, dtype=object)
    reason[suppressed] = [f"N={b} < {min_base}" for b in unweighted_base[suppressed]]
    if not weighted:
        n, base = n.astype(np.int64), base.astype(np.int64)
    by_cols = list(groups.frame.columns)
    rows = columns["group"].astype(np.int64)
    table = {c: columns[c] for c in SUMMARY_COLUMNS[:4]}
    table |= {b: groups.frame[b].array.take(rows) for b in by_cols}
    table |= {c: columns[c] for c in ("category", "position", "code")}
    table |= {
        "substantive": columns["substantive"].astype(bool),
        "n": n,
        "percent": percent,
        "base": base,
        "unweighted_n": columns["unweighted_n"],
        "unweighted_base": unweighted_base,
        "suppressed": suppressed,
        "suppressed_reason": reason,
        "scale": columns["scale"],
    }
    frame = pd.DataFrame(table)
    if by_cols and suppressed.any():
        _secondary(frame, by_cols, min_base)
    return frame


def _secondary(frame: pd.DataFrame, by_cols: list[str], min_base: int) -> None:
    """Secondary suppression (:mod:`toolkit.analysis.suppression`): where an item hides a
    group for too few answers, the smallest groups it shows are hidden too (reason
    ``secondary``) until no hidden count can be worked out from the shown groups and the
    item's total, which a published report shows side by side."""
    from toolkit.analysis.suppression import protect

    substantive = frame[frame["substantive"]]
    for _item, part in substantive.groupby("item", sort=False, observed=True):
        cells = part.pivot_table(
            index=by_cols, columns="category", values="unweighted_n", aggfunc="sum",
            observed=True, sort=False,
        )  # fmt: skip
        hidden_by = part.groupby(by_cols, sort=False, observed=True)["suppressed"].first()
        hidden_by = hidden_by.reindex(cells.index)
        counts = cells.fillna(0).to_numpy(dtype=float)
        primary = {i for i, h in enumerate(hidden_by.to_numpy()) if h and counts[i].sum() > 0}
        if not primary:
            continue
        extra = protect(counts, primary, min_base) - primary
        for i in extra:
            values = cells.index[i] if len(by_cols) > 1 else (cells.index[i],)
            rows = (frame["item"] == _item).to_numpy().copy()
            for column, value in zip(by_cols, values, strict=True):
                rows &= (frame[column] == value).to_numpy()
            frame.loc[rows, "suppressed"] = True
            frame.loc[rows, "suppressed_reason"] = "secondary"


def likert_summary(
    survey: Survey,
    items: Items = None,
    *,
    by: str | list[str] | None = None,
    weight: str | pd.Series | np.ndarray | None = None,
    include_missing: bool = False,
    min_base: int = 5,
    scales: dict[str, Scale] | None = None,
    include_personal: bool = False,
) -> pd.DataFrame:
    """Counts and percentages per item × group × category (see module docstring).

    Parameters
    ----------
    items
        Item names, grid/question names ("b1"), or None for every item with a recognised
        scale.
    by
        One or more closed variables to break down by ("kontorstr").
    weight
        A numeric column name, or weights aligned with the respondents.
    include_missing
        Count "Vet ikke"-type answers in the base.
    min_base
        Groups with fewer respondents than this are flagged ``suppressed``.
    scales
        Declared scales by item or question name (see :func:`declare_scale`).
    include_personal
        Allow personal columns (names, e-mail, ids) as items or ``by``; refused otherwise.

    Returns
    -------
    DataFrame
        One row per item (× group) × category: ``n``, ``percent`` (of ``base``), ``base``,
        their unweighted counts, ``substantive``, ``suppressed`` and its reason; the
        ``by`` columns after ``item_text`` (``attrs["by"]``).

    Examples
    --------
    >>> from toolkit import read_surveyxact
    >>> from toolkit.data import example_round
    >>> table = likert_summary(read_surveyxact(example_round()), "b1_1", by="kontorstr")
    >>> row = table[table["category"] == "Helt enig"].iloc[0]
    >>> row["kontorstr"], int(row["n"]), int(row["base"])
    ('Under 20 ansatte', 11, 66)
    """
    chosen = resolve_items(
        survey, items, need_scale=items is None, include_personal=include_personal
    )
    groups = groups_for(survey, by, include_personal=include_personal)
    summary = _summarise(survey, chosen, groups, weight, include_missing, min_base, scales)
    return with_by(with_attrs(summary, survey, weight), by)


def frequencies(
    survey: Survey,
    variables: Items,
    *,
    by: str | list[str] | None = None,
    weight: str | pd.Series | np.ndarray | None = None,
    include_missing: bool = False,
    min_base: int = 5,
    include_personal: bool = False,
) -> pd.DataFrame:
    """The same table as :func:`likert_summary` for any closed single-choice variables
    (yes/no, background, a scale or not).

    Parameters
    ----------
    survey
        The survey.
    variables
        Variable names, or question names of grids.
    by, weight, include_missing, min_base, include_personal
        As for :func:`likert_summary`.

    Returns
    -------
    DataFrame
        :func:`likert_summary`'s columns.

    Examples
    --------
    >>> from toolkit import read_surveyxact
    >>> from toolkit.data import example_round
    >>> table = frequencies(read_surveyxact(example_round()), "s_10")
    >>> table[["category", "n", "substantive"]].values.tolist()
    [['Ja', 117, True], ['Nei', 45, True], ['Vet ikke', 15, False]]
    """
    chosen = resolve_items(survey, variables, need_scale=False, include_personal=include_personal)
    groups = groups_for(survey, by, include_personal=include_personal)
    summary = _summarise(survey, chosen, groups, weight, include_missing, min_base)
    return with_by(with_attrs(summary, survey, weight), by)


def item_statistics(
    survey: Survey,
    items: Items = None,
    *,
    by: str | list[str] | None = None,
    weight: str | pd.Series | np.ndarray | None = None,
    reverse: Iterable[str] = (),
    scales: dict[str, Scale] | None = None,
    min_base: int = 5,
) -> pd.DataFrame:
    """Per item × group: mean and median on the code scale, top-2 / bottom-2 shares and
    the negative / neutral / positive collapse, in percent of the substantive base.

    ``reverse`` lists reverse-worded items: their codes are mirrored before the mean and
    their positive and negative ends swap. The median is the first category where the
    cumulative share reaches 50 %.

    Parameters
    ----------
    survey
        The survey.
    items
        Item or grid names, or None for every item with a recognised scale.
    by, weight, min_base
        As for :func:`likert_summary`.
    reverse
        Reverse-worded items.
    scales
        Declared scales by item or question name.

    Returns
    -------
    DataFrame
        One row per item (× group): ``mean``, ``median``, ``top2``, ``bottom2``,
        ``negative``, ``neutral``, ``positive`` and the base.

    Examples
    --------
    >>> from toolkit import read_surveyxact
    >>> from toolkit.data import example_round
    >>> stats = item_statistics(read_surveyxact(example_round()), "b1_1")
    >>> round(float(stats["top2"].iloc[0]), 1), round(float(stats["mean"].iloc[0]), 2)
    (59.6, 3.57)
    """
    summary = likert_summary(survey, items, by=by, weight=weight, min_base=min_base, scales=scales)
    summary = summary[summary["substantive"]]
    reverse = set(reverse)
    by_cols = breakdown_columns(summary)
    rows = []
    book = entries(survey)
    for keys, cell in summary.groupby(["item", *by_cols], sort=False, observed=True):
        item = keys[0]
        scale = scale_of(survey, item, scales, book[item])
        shares = cell["n"].to_numpy(dtype=float)
        base = shares.sum()
        codes = cell["code"].to_numpy(dtype=float)
        flip = item in reverse
        if flip:
            codes = codes.min() + codes.max() - codes
        row = dict(zip(["item", *by_cols], keys, strict=True))
        row.update(
            question=cell["question"].iloc[0],
            item_text=cell["item_text"].iloc[0],
            n=int(cell["unweighted_base"].iloc[0]),
            base=base,
            reversed=flip,
            suppressed=bool(cell["suppressed"].iloc[0]),
        )
        pct = 100 * shares / base if base else np.full(len(shares), np.nan)
        row["mean"] = float((codes * shares).sum() / base) if base else np.nan
        cumulative = np.cumsum(shares) / base if base else np.zeros(len(shares))
        row["median"] = float(codes[np.searchsorted(cumulative, 0.5)]) if base else np.nan
        if scale is not None and scale.size == len(shares):
            top, bottom = list(scale.top()), list(scale.bottom())
            sides = np.array(scale.collapse())
            if flip:
                top, bottom = bottom, top
                sides = np.array(
                    [{"negative": "positive", "positive": "negative"}.get(s, s) for s in sides]
                )
            row["top2"], row["bottom2"] = pct[top].sum(), pct[bottom].sum()
            for side in ("negative", "neutral", "positive"):
                row[side] = pct[sides == side].sum()
        rows.append(row)
    return with_attrs(pd.DataFrame(rows), survey, weight)


#: the old name of :func:`~toolkit.analysis.items.breakdown_columns`
by_columns = renamed(breakdown_columns, "by_columns", __name__)
