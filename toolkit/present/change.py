"""Change between rounds in report form: the change table ("+6 prosentpoeng"), the
difference-in-differences table, a dumbbell chart per item and a trend chart over rounds.

Differences carry their sign ("+6", "−3", with a real minus) and unit; rows whose base is
below ``min_base`` in either round show "–" with the suppression note, as in the Likert
tables. The charts put N per round in every label and carry an alt text
(``figure.toolkit_alt``).

Examples
--------
>>> from toolkit.data import example_rounds
>>> from toolkit.rounds.project import read_rounds
>>> from toolkit.analysis.change import change_summary
>>> stacked = read_rounds(example_rounds()).stack()
>>> table = change_table(change_summary(stacked, "b1_3", between=("2025", "2026")))
>>> table.frame.columns.tolist()[:3]
['2025', '2026', 'Endring']
>>> table.frame.iloc[0]["Endring"].endswith("prosentpoeng")
True
"""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from toolkit._deprecated import renamed
from toolkit.language import text
from toolkit.present.axes import number_axis
from toolkit.present.figures import PAGE_WIDTH, new_figure, wrap_title
from toolkit.present.style import NORWEGIAN, Style, format_p, n_label
from toolkit.present.tables import ReportTable

INK, PALE, BLUE = "#333333", "#9ecae1", "#2c7bb6"
_KNOWN = {
    "item",
    "question",
    "question_text",
    "item_text",
    "measure",
    "value_a",
    "value_b",
    "difference",
    "ci_low",
    "ci_high",
    "test",
    "statistic",
    "p_value",
    "p_distribution",
    "base_a",
    "base_b",
    "unit",
    "suppressed",
}


def signed(value: float, style: Style = NORWEGIAN, decimals: int = 0) -> str:
    """A difference with its sign: "+6", "−3" (U+2212 minus), "0".

    >>> signed(6.4), signed(-2.6), signed(0.2), signed(0.36, decimals=1)
    ('+6', '−3', '0', '+0,4')
    """
    if value is None or value != value:
        return ""
    shown = style.number(abs(value), decimals)
    if set(shown) <= {"0", style.decimal, style.thousands}:
        return shown
    return ("+" if value > 0 else "\u2212") + shown


def _label(row: dict, by: list[str], many: bool) -> str:
    item = next(
        (t for t in (row.get("item_text"), row.get("question_text")) if isinstance(t, str) and t),
        row["item"],
    )
    groups = ", ".join(str(row[b]) for b in by)
    if not by:
        return str(item)
    return f"{item}: {groups}" if many else groups


def change_table(
    changes: pd.DataFrame, *, style: Style = NORWEGIAN, decimals: int | None = None
) -> ReportTable:
    """The report table of :func:`~toolkit.analysis.change.change_summary`: the value in
    each round, the change with its unit and confidence interval, p for the change and for
    the whole distribution, and N per round."""
    language = style.language
    a, b = changes.attrs.get("between", ("a", "b"))
    mean = (changes["unit"] == "scale points").any() if len(changes) else False
    decimals = (1 if mean else 0) if decimals is None else decimals
    level = round(100 * changes.attrs.get("level", 0.95))
    by = [c for c in changes.columns if c not in _KNOWN]
    many = changes["item"].nunique() > 1 if len(changes) else False
    heads = {
        "change": text("change", language),
        "ci": text("ci", language, level=level),
        "p": "p",
        "p_distribution": text("p_distribution", language),
    }
    rows, numbers = [], []
    for row in changes.to_dict("records"):
        label = _label(row, by, many)
        unit = text(row["unit"], language)
        hidden = row["suppressed"]
        shown = style.number if mean else style.percent
        interval = (
            f"{signed(row['ci_low'], style, decimals)} {text('range_to', language)} "
            f"{signed(row['ci_high'], style, decimals)}"
        )
        rows.append(
            {
                "": label,
                a: style.suppressed if hidden else shown(row["value_a"], decimals),
                b: style.suppressed if hidden else shown(row["value_b"], decimals),
                heads["change"]: style.suppressed
                if hidden
                else f"{signed(row['difference'], style, decimals)} {unit}",
                heads["ci"]: "" if hidden else interval,
                heads["p"]: "" if hidden else format_p(row["p_value"], style),
                heads["p_distribution"]: "" if hidden else format_p(row["p_distribution"], style),
                f"N {a}": style.number(row["base_a"]),
                f"N {b}": style.number(row["base_b"]),
            }
        )
        values = [np.nan] * 4 if hidden else [row[k] for k in ("value_a", "value_b")]
        numbers.append(
            {
                "": label,
                a: values[0],
                b: values[1],
                heads["change"]: np.nan if hidden else row["difference"],
                heads["p"]: np.nan if hidden else row["p_value"],
                heads["p_distribution"]: np.nan if hidden else row["p_distribution"],
                f"N {a}": row["base_a"],
                f"N {b}": row["base_b"],
            }
        )
    kinds = {
        a: "number" if mean else "percent",
        b: "number" if mean else "percent",
        heads["change"]: "number",
        heads["ci"]: "text",
        heads["p"]: "number",
        heads["p_distribution"]: "number",
        f"N {a}": "count",
        f"N {b}": "count",
    }
    tests = sorted(set(changes["test"])) if len(changes) else []
    chi = text("chi_test_weighted" if changes.attrs.get("weighted") else "chi_test", language)
    notes = [
        text("change_tests", language, test=", ".join(text(t, language) for t in tests), chi=chi)
    ]
    notes.append(text("rounding", language))
    if changes["suppressed"].any():
        notes.append(text("suppressed", language, min_base=changes.attrs.get("min_base", 5)))
    if changes.attrs.get("weighted"):
        notes.append(changes.attrs["weighted"] + "; " + text("weighted_n", language))
    frame = pd.DataFrame(rows).set_index("")
    values = pd.DataFrame(numbers).set_index("")
    frame.index.name = values.index.name = None
    title = text("change_title", language, a=a, b=b)
    return ReportTable(title, frame, values, kinds, tuple(notes))


def did_table(did, *, style: Style = NORWEGIAN, decimals: int | None = None) -> ReportTable:
    """The 2 × 2 table of a :class:`~toolkit.analysis.did.DidResult` (group × round,
    the change in each group, N) with the difference-in-differences as the last row and
    its caveats as notes."""
    language = style.language
    table = did.table
    share = did.measure != "mean"
    decimals = (0 if share else 2) if decimals is None else decimals
    rounds = [c for c in table.columns if c != "change" and not str(c).startswith("base ")]
    shown = style.percent if share else style.number
    change = text("change", language)
    unit = text("percentage points" if share else "scale points", language)
    rows, numbers = [], []
    for group, row in table.iterrows():
        rows.append(
            {
                "": str(group),
                **{r: shown(row[r], decimals) for r in rounds},
                change: f"{signed(row['change'], style, decimals)} {unit}",
                **{f"N {r}": style.number(row[f"base {r}"]) for r in rounds},
            }
        )
        numbers.append(
            {
                "": str(group),
                **{r: row[r] for r in rounds},
                change: row["change"],
                **{f"N {r}": row[f"base {r}"] for r in rounds},
            }
        )
    level = 95
    interval = (
        f"{signed(did.ci_low, style, decimals)} {text('range_to', language)} "
        f"{signed(did.ci_high, style, decimals)}"
    )
    label = text("did", language)
    rows.append(
        {
            "": label,
            **dict.fromkeys(rounds, ""),
            change: f"{signed(did.estimate, style, decimals)} {unit} "
            f"({text('ci', language, level=level)} "
            f"{interval}; p {format_p(did.p_value, style)})",
            **{f"N {r}": "" for r in rounds},
        }
    )
    numbers.append({"": label, change: did.estimate})
    cluster = (
        text("did_cluster", language, cluster=did.cluster_name, k=did.clusters)
        if did.clusters
        else ""
    )
    notes = [text("did_note", language, cluster=cluster), text("rounding", language)]
    if not did.trends_checkable:
        notes.append(text("parallel_trends", language))
    if did.clusters is not None and did.clusters < 30:
        notes.append(text("few_clusters", language, k=did.clusters))
    kinds = {
        **{r: "percent" if share else "number" for r in rounds},
        change: "text",
        **{f"N {r}": "count" for r in rounds},
    }
    frame = pd.DataFrame(rows).set_index("")
    values = pd.DataFrame(numbers).set_index("")
    frame.index.name = values.index.name = None
    title = text("did_title", language, item=did.item_text or did.item)
    return ReportTable(title, frame, values, kinds, tuple(notes))


def _wrap(label: str, width: int = 45) -> str:
    return textwrap.fill(str(label), width)


def change_chart(changes: pd.DataFrame, *, style: Style = NORWEGIAN) -> Figure:
    """A dumbbell per item (× group): the value in each round joined by a line, N per round
    in the label; suppressed rows are left out.

    Parameters
    ----------
    changes
        :func:`~toolkit.analysis.change_summary`.
    style
        Number style and language.

    Returns
    -------
    Figure
        A matplotlib figure.

    Examples
    --------
    See the module's example.
    """
    a, b = changes.attrs.get("between", ("a", "b"))
    rows = changes[~changes["suppressed"]].iloc[::-1]
    by = [c for c in changes.columns if c not in _KNOWN]
    many = changes["item"].nunique() > 1
    mean = (rows["unit"] == "scale points").any()
    labels = [
        _wrap(f"{_label(r, by, many)} ({style.n_label}={r['base_a']}/{r['base_b']})")
        for r in rows.to_dict("records")
    ]
    figure, ax = new_figure(figsize=(PAGE_WIDTH, 1.0 + 0.45 * len(rows)), layout="constrained")
    y = np.arange(len(rows))
    ax.hlines(y, rows["value_a"], rows["value_b"], color=INK, linewidth=1)
    ax.scatter(rows["value_a"], y, color=PALE, edgecolor=INK, zorder=3, label=a)
    ax.scatter(rows["value_b"], y, color=BLUE, edgecolor=INK, zorder=3, label=b)
    ax.set_yticks(y, labels, fontsize=8)
    ax.set_xlabel(text("mean" if mean else "percent_axis", style.language))
    if not mean:
        ax.set_xlim(0, 100)
    number_axis(ax.xaxis, style)
    ax.spines[["top", "right"]].set_visible(False)
    figure.legend(frameon=False, fontsize=8, loc="outside lower center", ncol=2)
    heading = text("change_title", style.language, a=a, b=b)
    if len(rows) and not mean:
        heading = f"{heading}: {rows['measure'].iloc[0]}"
    ax.set_title(wrap_title(heading), fontsize=10, loc="left")
    parts = [
        f"{_label(r, by, many)}: {style.number(r['value_a'])} → {style.number(r['value_b'])}"
        for r in rows.iloc[::-1].to_dict("records")
    ]
    figure.toolkit_alt = f"{heading}. " + "; ".join(parts)
    if len(rows):  # the caption: what and N, the values stay in the alt text
        counts = pd.concat([rows["base_a"], rows["base_b"]])
        figure.toolkit_title = f"{heading} {n_label(counts, style)}"
    return figure


def trend_chart(table: pd.DataFrame, *, style: Style = NORWEGIAN) -> Figure:
    """One line per item over the rounds, from :func:`~toolkit.analysis.proportions` or
    :func:`~toolkit.analysis.means` with ``by="round"``; N per round under the axis.

    Parameters
    ----------
    table
        Proportions or means by round.
    style
        Number style and language.

    Returns
    -------
    Figure
        A matplotlib figure.

    Examples
    --------
    See the module's example.
    """
    if "round" not in table.columns:
        from toolkit.errors import UsageError

        raise UsageError(
            "the trend chart needs estimates per round",
            hint="compute them with by='round', e.g. proportions(stacked, items, by='round')",
        )
    mean = "mean" in table.columns
    value = "mean" if mean else "percent"
    rounds = [str(r) for r in pd.unique(table["round"])]
    figure, ax = new_figure(figsize=(PAGE_WIDTH, 4.5), layout="constrained")
    x = np.arange(len(rounds))
    for item, rows in table.groupby("item", sort=False):
        rows = rows.set_index(rows["round"].astype(str)).reindex(rounds)
        label = next((t for t in rows["item_text"].dropna() if isinstance(t, str) and t), str(item))
        ax.plot(x, rows[value], marker="o", label=_wrap(label, 60))
    per_round = table.groupby(table["round"].astype(str), sort=False)["n"]
    low, high = per_round.min().reindex(rounds), per_round.max().reindex(rounds)
    ticks = [
        f"{r}\n({style.n_label}={int(low[r])}" + (f"–{int(high[r])})" if high[r] > low[r] else ")")
        for r in rounds
    ]
    ax.set_xticks(x, ticks, fontsize=8)
    ax.set_ylabel(text("mean" if mean else "percent_axis", style.language))
    if not mean:
        ax.set_ylim(0, 100)
    number_axis(ax.yaxis, style)
    ax.spines[["top", "right"]].set_visible(False)
    figure.legend(frameon=False, fontsize=8, loc="outside lower center")
    heading = text("trend_title", style.language)
    if not mean and "value" in table.columns and len(table):
        heading = f"{heading}: {table['value'].iloc[0]}"
    ax.set_title(wrap_title(heading), fontsize=10, loc="left")
    figure.toolkit_alt = (
        f"{heading}: {', '.join(rounds)} ({style.n_label}={int(low.min())}–{int(high.max())})"
    )
    return figure


#: the old names (present functions named ``*_table`` return a ReportTable)
change_report_table = renamed(change_table, "change_report_table", __name__)
did_report_table = renamed(did_table, "did_report_table", __name__)
