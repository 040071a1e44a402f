"""Report tables for response, the sample flow, weighting, and means or shares with
confidence intervals, in the style's language (Norwegian by default); regression models
are in :mod:`toolkit.present.models`.

Each returns a :class:`~toolkit.present.tables.ReportTable` (text for the page, numbers
for Excel). Means tables follow "Tabell 4: gjennomsnitt med 95 % konfidensintervall".

Examples
--------
>>> from toolkit import read_surveyxact
>>> from toolkit.data import example_round
>>> from toolkit.analysis.design import means
>>> table = means_table(means(read_surveyxact(example_round()), "b1_1"))
>>> table.frame.iloc[0].tolist()
['3,6', '3,4–3,8', '183']
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from toolkit.analysis.items import breakdown_columns
from toolkit.language import text
from toolkit.present.style import NORWEGIAN, Style
from toolkit.present.tables import ReportTable, _hidden_note, rows_table


def _label(row, by: list[str], many_items: bool) -> str:
    item = row.get("item_text") or row.get("question_text") or row.get("item")
    parts = [str(row[b]) for b in by]
    if not parts:
        return str(item)
    return f"{item}: {', '.join(parts)}" if many_items else ", ".join(parts)


def means_table(
    table: pd.DataFrame, *, style: Style = NORWEGIAN, decimals: int = 1, title: str | None = None
) -> ReportTable:
    """Means with their confidence interval and N, items (× groups) as rows.

    Parameters
    ----------
    table
        :func:`~toolkit.analysis.means` (with ``min_base``: hidden rows show "–").
    style
        Number style and language.
    decimals
        Decimals of the means.
    title
        The table's title.

    Returns
    -------
    ReportTable
        Mean, its confidence interval and N per item (× group).

    Examples
    --------
    See the module's example.
    """
    by = breakdown_columns(table)
    many = table["item"].nunique() > 1
    level = round(100 * table.attrs.get("level", 0.95))
    ci = text("ci", style.language, level=level)
    mean, n = text("mean", style.language), style.n_label
    rows, numbers = [], []
    for row in table.to_dict("records"):
        label = _label(row, by, many)
        if row.get("suppressed"):  # hidden: the mean, its interval and its N
            rows.append({"": label, mean: style.suppressed, ci: style.suppressed,
                         n: style.suppressed})  # fmt: skip
            numbers.append({"": label, mean: np.nan, ci: np.nan, n: np.nan})
            continue
        interval = (
            (f"{style.number(row['ci_low'], decimals)}–{style.number(row['ci_high'], decimals)}")
            if row["base"] > 1
            else ""
        )
        rows.append(
            {
                "": label,
                mean: style.number(row["mean"], decimals),
                ci: interval,
                n: style.number(row["base"]),
            }
        )
        numbers.append({"": label, mean: row["mean"], ci: np.nan, n: row["base"]})
    notes = (
        [table.attrs["weighted"] + "; " + text("weighted_n", style.language)]
        if table.attrs.get("weighted")
        else []
    )
    if "suppressed" in table and table["suppressed"].any():
        hidden = table[table["suppressed"]]
        notes += _hidden_note(hidden, style, int(table.attrs.get("min_base", 5)))
    return rows_table(
        title or text("means_title", style.language, level=level),
        rows,
        numbers,
        {mean: "number", ci: "text", n: "count"},
        notes,
    )


def proportions_table(
    table: pd.DataFrame, *, style: Style = NORWEGIAN, decimals: int = 0, title: str | None = None
) -> ReportTable:
    """Shares (percent) with their confidence interval and N.

    Parameters
    ----------
    table
        :func:`~toolkit.analysis.proportions`.
    style
        Number style and language.
    decimals
        Decimals of the percentages.
    title
        The table's title.

    Returns
    -------
    ReportTable
        Share, its confidence interval and N per item (× group).

    Examples
    --------
    See the module's example.
    """
    by = breakdown_columns(table)
    many = table["item"].nunique() > 1
    level = round(100 * table.attrs.get("level", 0.95))
    ci, share, n = text("ci", style.language, level=level), text("share", style.language), "N"
    rows, numbers = [], []
    for row in table.to_dict("records"):
        label = _label(row, by, many)
        rows.append(
            {
                "": label,
                share: style.percent(row["percent"], decimals),
                ci: f"{style.number(row['ci_low'], decimals)}–"
                f"{style.percent(row['ci_high'], decimals)}",
                n: style.number(row["base"]),
            }
        )
        numbers.append({"": label, share: row["percent"], ci: np.nan, n: row["base"]})
    values = table["value"].iloc[0] if len(table) else ""
    return rows_table(
        title or f"{text('proportions_title', style.language, level=level)}: {values}",
        rows,
        numbers,
        {share: "percent", ci: "text", n: "count"},
        [],
    )


def response_rate_table(rates: pd.DataFrame, *, style: Style = NORWEGIAN) -> ReportTable:
    """AAPOR rates as rows; percent, numerator and denominator (one column per group).

    Parameters
    ----------
    rates
        :func:`~toolkit.prepare.response_rates`'s result.
    style
        Number style and language.

    Returns
    -------
    ReportTable
        One row per rate.

    Examples
    --------
    See the module's example.
    """
    language = style.language
    by = [
        c
        for c in rates.columns
        if c
        not in {"rate", "percent", "numerator", "denominator", "I", "P", "R", "NC", "O", "UH", "UO"}
    ]
    rows, numbers = [], []
    if not by:
        for row in rates.itertuples(index=False):
            label = text(row.rate, language)
            rows.append(
                {
                    "": label,
                    text("percent", language): style.percent(row.percent),
                    text("numerator", language): style.number(row.numerator),
                    text("denominator", language): style.number(row.denominator),
                }
            )
            numbers.append(
                {
                    "": label,
                    text("percent", language): row.percent,
                    text("numerator", language): row.numerator,
                    text("denominator", language): row.denominator,
                }
            )
        kinds = {
            text("percent", language): "percent",
            text("numerator", language): "count",
            text("denominator", language): "count",
        }
    else:
        groups = rates[by[0]].astype(str)
        wide = rates.assign(group=groups).pivot(index="rate", columns="group", values="percent")
        wide = wide.reindex(
            index=list(dict.fromkeys(rates["rate"])), columns=list(dict.fromkeys(groups))
        )
        for rate, values in wide.iterrows():
            label = text(rate, language)
            rows.append({"": label, **{g: style.percent(v) for g, v in values.items()}})
            numbers.append({"": label, **values.to_dict()})
        kinds = {g: "percent" for g in wide.columns}
    return rows_table(text("rates_title", language), rows, numbers, kinds, [])


def flow_table(flow, *, style: Style = NORWEGIAN) -> ReportTable:
    """The sample flow: step, rule, N before, removed, N after.

    Parameters
    ----------
    flow
        :func:`~toolkit.prepare.sample_flow`'s result.
    style
        Number style and language.

    Returns
    -------
    ReportTable
        One row per step.

    Examples
    --------
    See the module's example.
    """
    language = style.language
    keys = ["rule", "n_before", "removed", "n_after"]
    names = {k: text(k, language) for k in keys}
    rows, numbers = [], []
    for row in flow.table.to_dict("records"):
        rows.append(
            {
                "": row["step"],
                names["rule"]: row["rule"],
                **{names[k]: style.number(row[k]) for k in keys[1:]},
            }
        )
        numbers.append(
            {"": row["step"], names["rule"]: row["rule"], **{names[k]: row[k] for k in keys[1:]}}
        )
    kinds = {names["rule"]: "text", **{names[k]: "count" for k in keys[1:]}}
    return rows_table(text("flow_title", language), rows, numbers, kinds, [])


def weighting_table(
    weights, *, style: Style = NORWEGIAN, labels: dict[str, str] | None = None
) -> ReportTable:
    """Per weighting variable and category: target share, sample before and after;
    ``labels`` names the variables (their question texts).

    Parameters
    ----------
    weights
        :func:`~toolkit.prepare.rake`'s or :func:`~toolkit.prepare.cell_weights`' result.
    style
        Number style and language.
    labels
        The variables' names in the table.

    Returns
    -------
    ReportTable
        One row per variable and category.

    Examples
    --------
    See the module's example.
    """
    language = style.language
    labels = labels or {}
    cols = {
        "target_percent": text("target", language),
        "before": text("before", language),
        "after": text("after", language),
        "sample": text("respondents", language),
    }
    rows, numbers = [], []
    for row in weights.margins.to_dict("records"):
        label = f"{labels.get(row['variable'], row['variable'])}: {row['category']}"
        rows.append(
            {
                "": label,
                **{cols[k]: style.percent(row[k], 1) for k in list(cols)[:3]},
                cols["sample"]: style.number(row["sample"]),
            }
        )
        numbers.append({"": label, **{cols[k]: row[k] for k in cols}})
    kinds = {
        cols["target_percent"]: "percent",
        cols["before"]: "percent",
        cols["after"]: "percent",
        cols["sample"]: "count",
    }
    note = (
        f"{weights.description} ({text(weights.method, language)}); n = {len(weights.values)}, "
        f"{text('n_effective', language)} = {style.number(weights.n_effective, 1)}, "
        f"{text('deff_short', language)} = {style.number(weights.deff, 2)}"
    )
    return rows_table(text("weights_title", language), rows, numbers, kinds, [note])
