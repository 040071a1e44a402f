"""Charts for estimates: means with confidence intervals (dot and whisker), regression
coefficients, and the sample flow. Every chart carries N and an alt text
(``figure.toolkit_alt``: title and N) for the report.

Examples
--------
>>> from toolkit import read_surveyxact
>>> from toolkit.data import example_round
>>> from toolkit.analysis.design import means
>>> figure = means_chart(means(read_surveyxact(example_round()), "b1", by="kontorstr"))
>>> figure.toolkit_alt.startswith("Gjennomsnitt med 95 % konfidensintervall")
True
"""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from toolkit.analysis.items import breakdown_columns
from toolkit.language import text
from toolkit.present.axes import number_axis, scale_limits
from toolkit.present.figures import PAGE_WIDTH, new_figure, wrap_title
from toolkit.present.style import NORWEGIAN, Style

INK, BLUE = "#333333", "#2c7bb6"


def _wrap(label: str, width: int = 45) -> str:
    return textwrap.fill(str(label), width)


def means_chart(
    table: pd.DataFrame,
    *,
    style: Style = NORWEGIAN,
    title: str | None = None,
    width: float = PAGE_WIDTH,
) -> Figure:
    """Dot and whisker per item (× group) from :func:`~toolkit.analysis.means`.

    Parameters
    ----------
    table
        :func:`~toolkit.analysis.means` (hidden groups are left out).
    style
        Number style and language.
    title
        The chart's title.
    width
        The figure's width in inches.

    Returns
    -------
    Figure
        A matplotlib figure.

    Examples
    --------
    See the module's example.
    """
    by = breakdown_columns(table)
    level = round(100 * table.attrs.get("level", 0.95))
    if "suppressed" in table:  # hidden groups leave the chart (its table names them)
        table = table[~table["suppressed"]]
    rows = table.iloc[::-1]
    labels = []
    for row in rows.to_dict("records"):
        item = row.get("item_text") or row.get("question_text") or row["item"]
        group = ", ".join(str(row[b]) for b in by)
        shown = (
            f"{group}"
            if by and table["item"].nunique() == 1
            else (f"{item}: {group}" if by else str(item))
        )
        labels.append(_wrap(f"{shown} ({style.n_label}={int(row['base'])})"))
    figure, ax = new_figure(figsize=(width, 0.8 + 0.42 * len(rows)), layout="constrained")
    y = np.arange(len(rows))
    _dots(ax, rows["mean"], rows["ci_low"], rows["ci_high"], y)
    ax.set_yticks(y, labels, fontsize=8)
    ax.set_xlabel(text("mean", style.language))
    number_axis(ax.xaxis, style)
    scale = table.attrs.get("scale")
    if scale:  # the whole scale, its lowest to its highest code: a mean of 3,4 of 1–5
        scale_limits(ax.xaxis, *scale)
    ax.spines[["top", "right"]].set_visible(False)
    heading = title or text("means_title", style.language, level=level)
    if title is None and table["item"].nunique() == 1 and len(table):
        first = table.iloc[0]
        item = first.get("item_text") if isinstance(first.get("item_text"), str) else None
        heading = f"{heading}: {item or first.get('question_text') or first['item']}"
    ax.set_title(wrap_title(heading, width), fontsize=10, loc="left")
    n = (
        f"N={int(table['base'].min())}–{int(table['base'].max())}"
        if table["base"].nunique() > 1
        else f"N={int(table['base'].iloc[0])}"
    )
    figure.toolkit_alt = f"{heading} ({n})"
    return figure


def _dots(ax, centre, low, high, y) -> None:
    """Dot and whisker: an estimate with its confidence interval per row."""
    ax.errorbar(
        centre, y, xerr=[centre - low, high - centre], fmt="o", color=BLUE, ecolor=INK,
        elinewidth=1, capsize=3,
    )  # fmt: skip


def coefficient_chart(model, *, style: Style = NORWEGIAN, title: str | None = None) -> Figure:
    """Estimates with confidence intervals of a model's terms (constant and reference
    categories left out), a line at zero.

    Parameters
    ----------
    model
        :func:`~toolkit.analysis.regression`'s result.
    style
        Number style and language.
    title
        The chart's title.

    Returns
    -------
    Figure
        A matplotlib figure.

    Examples
    --------
    See the module's example.
    """
    terms = model.coefficients[
        ~model.coefficients["reference"] & (model.coefficients["term"] != "Intercept")
    ].iloc[::-1]
    labels = [
        _wrap(
            f"{model.texts.get(v, v)}: {lab}"
            if isinstance(v, str) and lab != v
            else model.texts.get(lab, lab)
        )
        for v, lab in zip(terms["variable"], terms["label"], strict=True)
    ]
    figure, ax = new_figure(figsize=(PAGE_WIDTH, 0.8 + 0.45 * len(terms)), layout="constrained")
    y = np.arange(len(terms))
    _dots(ax, terms["estimate"], terms["ci_low"], terms["ci_high"], y)
    ax.axvline(0, color=INK, linewidth=0.8)
    ax.set_yticks(y, labels, fontsize=8)
    ax.set_xlabel(text("estimate", style.language))
    number_axis(ax.xaxis, style)
    ax.spines[["top", "right"]].set_visible(False)
    heading = (
        title
        or f"{text('regression_title', style.language)}: "
        f"{model.texts.get(model.outcome, model.outcome)}"
    )
    ax.set_title(wrap_title(heading), fontsize=10, loc="left")
    figure.toolkit_alt = f"{heading} (N={model.n})"
    return figure


def flow_chart(flow, *, style: Style = NORWEGIAN) -> Figure:
    """Boxes from everyone invited to the analytic sample, the number removed at each step.

    Parameters
    ----------
    flow
        :func:`~toolkit.prepare.sample_flow`'s result.
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
    table = flow.table
    figure, ax = new_figure(figsize=(6, 0.9 + 0.95 * len(table)), layout="constrained")
    ax.set_axis_off()
    top = len(table) - 1
    for i, row in enumerate(table.itertuples(index=False)):
        y = top - i
        ax.text(
            0.5,
            y,
            f"{row.step}\n{style.n_label} = {style.number(row.n_after)}",
            ha="center",
            va="center",
            fontsize=9,
            bbox={"boxstyle": "round,pad=0.5", "facecolor": "#eef4fa", "edgecolor": BLUE},
        )
        if i:
            ax.annotate(
                "",
                xy=(0.5, y + 0.28),
                xytext=(0.5, y + 0.72),
                arrowprops={"arrowstyle": "->", "color": INK},
            )
            if row.removed:
                ax.text(
                    0.78,
                    y + 0.5,
                    f"−{style.number(row.removed)}",
                    fontsize=8,
                    color=INK,
                    va="center",
                )
    ax.set_xlim(0, 1)
    ax.set_ylim(-0.6, top + 0.6)
    heading = text("flow_title", style.language)
    figure.toolkit_title = heading
    figure.toolkit_alt = f"{heading}: " + " → ".join(
        f"{r.step} {r.n_after}" for r in table.itertuples(index=False)
    )
    return figure
