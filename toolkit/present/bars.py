"""Bar charts for single questions, multi-response questions and numbers.

:func:`frequency_chart` draws one bar per category of a single question (percent of the
substantive answers, labelled; "Vet ikke" and the like left out and counted in the
caption), or grouped bars with ``by``. :func:`multi_response_chart` draws the percent of
respondents per option, sorted by size with "Annet" last. :func:`histogram_chart` shows the
distribution of a numeric question. N is in every title or legend; every fixed text is in
the style's language; each figure carries an alt text (``figure.toolkit_alt``).

Examples
--------
>>> from toolkit import read_surveyxact, frequencies, multi_response
>>> from toolkit.data import example_round
>>> survey = read_surveyxact(example_round())
>>> figure = frequency_chart(frequencies(survey, "s_10"))
>>> figure.toolkit_alt
'Har kontoret egne rutiner for oppfølging av unge brukere? (N=162)'
>>> chart = multi_response_chart(multi_response(survey, "s_12"), title="Tiltak")
>>> [t.get_text() for t in chart.axes[0].get_yticklabels()][::5]
['Kollegaveiledning', 'Annet, spesifiser:']
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from functools import partial

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from toolkit.analysis.items import breakdown_columns
from toolkit.language import text
from toolkit.present.axes import number_axis
from toolkit.present.charts import PAGE_HEIGHT, distinct
from toolkit.present.figures import (
    PAGE_WIDTH,
    label_list,
    legend_columns,
    new_figure,
    wrap_title,
)
from toolkit.present.style import NORWEGIAN, Style, n_label, round_to_100
from toolkit.present.tables import heading, row_label, shown_bases

BLUE = "#2c7bb6"
OTHER = ("annet", "andre", "other", "andet")


@dataclass
class _Bars:
    """What a bar chart shows: labels (top down) × groups, in percent."""

    labels: list[str]
    groups: list[str]
    values: np.ndarray
    legend: bool
    limit: float
    title: str
    n: str
    weighted: str | None
    #: the labels written on the bars (each group's shares rounded to add to 100 when
    #: they are one question's categories, as its table rounds them)
    shown: np.ndarray | None = None
    #: what a label is a number of: the question and the breakdown's group names
    item: str | None = None
    group_names: list[str] | None = None

    def height(self, count: int) -> float:
        return 1.2 + 0.32 * count * max(1, len(self.groups) * 0.6)


def _draw(bars: _Bars, style: Style, rows: range | None = None, part: str = "") -> Figure:
    rows = rows if rows is not None else range(len(bars.labels))
    figure, ax = new_figure(figsize=(PAGE_WIDTH, bars.height(len(rows))), layout="constrained")
    labels = [bars.labels[i] for i in rows]
    shown = bars.values if bars.shown is None else bars.shown
    _grouped(ax, labels, bars.groups, bars.values[list(rows)], shown[list(rows)])
    if bars.item is not None:  # a question's categories: the labels are claims of the report
        names = bars.group_names or [None] * len(bars.groups)
        label_list(figure).extend(
            {"item": bars.item, "group": names[k], "category": bars.labels[i], "value": v}
            for i in rows
            for k, v in enumerate(shown[i])
            if v == v
        )
    if bars.legend:
        columns = legend_columns(bars.groups, figure.get_figwidth(), 8, most=3)
        figure.legend(frameon=False, fontsize=8, loc="outside lower center", ncol=columns)
    ax.set_xlim(0, bars.limit)
    axis = text("percent_axis", style.language)
    if bars.weighted:
        axis += f" ({text('weighted_lower', style.language)})"
    ax.set_xlabel(axis)
    number_axis(ax.xaxis, style)
    ax.spines[["top", "right"]].set_visible(False)
    title = f"{bars.title} {bars.n}" + (f" ({part})" if part else "")
    figure.suptitle(wrap_title(title), fontsize=10, x=0.01, ha="left")
    figure.toolkit_alt = title + (f". {bars.weighted}" if bars.weighted else "")
    return figure


def _parts(bars: _Bars, style: Style, max_height: float, max_parts: int) -> list:
    """Recipes of the chart in parts of at most ``max_height`` inches; none when it would
    take more than ``max_parts`` (60 categories by 14 groups was one figure 160 inches
    tall: 2 GiB to render and unreadable; its table shows it)."""
    count = len(bars.labels)
    each = bars.height(1) - bars.height(0)
    per = max(1, int((max_height - bars.height(0)) // each))
    if count <= per:
        return [partial(_draw, bars, style)]
    chunks = [range(i, min(i + per, count)) for i in range(0, count, per)]
    if len(chunks) > max_parts:
        return []
    return [
        partial(_draw, bars, style, rows, text("part_of", style.language, i=i, n=len(chunks)))
        for i, rows in enumerate(chunks, start=1)
    ]


def _grouped(ax, labels: list[str], groups: list[str], values: np.ndarray, shown) -> None:
    """Horizontal grouped bars: ``values`` is categories × groups (first row on top),
    each labelled with ``shown`` (the same shape, rounded as the table rounds)."""
    colours = distinct(len(groups))
    height = 0.8 / max(len(groups), 1)
    y = np.arange(len(labels))[::-1]
    for k, group in enumerate(groups):
        positions = y + 0.4 - height * (k + 0.5)
        ax.barh(positions, values[:, k], height=height, color=colours[k], label=group)
        for position, value, label in zip(positions, values[:, k], shown[:, k], strict=True):
            if value == value:
                ax.text(value, position, f" {label:.0f}", va="center", fontsize=7)
    ax.set_yticks(y, [textwrap.fill(str(lab), 40) for lab in labels], fontsize=8)


def _frequency_bars(summary: pd.DataFrame, style: Style) -> _Bars:
    by = breakdown_columns(summary)
    data = summary[summary["substantive"]]
    categories = list(dict.fromkeys(data["category"]))
    groups = list(dict.fromkeys(data[by[0]].astype(str))) if by else [""]
    if by:  # a hidden group is not drawn, nor its N named (its table hides both)
        hidden = set(data.loc[data["suppressed"], by[0]].astype(str))
        groups = [g for g in groups if g not in hidden] or groups
    values = np.full((len(categories), len(groups)), np.nan)
    bases = {}
    for j, group in enumerate(groups):
        part = data if not by else data[data[by[0]].astype(str) == group]
        bases[group] = int(part["unweighted_base"].iloc[0]) if len(part) else 0
        if len(part) and not part["suppressed"].iloc[0]:
            values[:, j] = part.set_index("category")["percent"].reindex(categories).to_numpy()
    labels = [f"{g} ({style.n_label}={bases[g]})" for g in groups] if by else [""]
    shown = np.column_stack(
        [np.asarray(round_to_100(values[:, j]), float) for j in range(len(groups))]
    )
    title = heading(summary) or str(summary["item"].iloc[0])
    return _Bars(
        categories,
        labels,
        values,
        bool(by),
        min(100, max(10, np.nanmax(values, initial=0) * 1.15)),
        title,
        n_label(shown_bases(summary), style),
        summary.attrs.get("weighted"),
        shown,
        row_label(summary, []),  # the text its table's row shows for this question
        groups if by else None,
    )


def frequency_chart(summary: pd.DataFrame, *, style: Style = NORWEGIAN) -> Figure:
    """Bars per category of one question (see module docstring) from ``frequencies`` or
    ``likert_summary`` of a single item, optionally with one ``by``."""
    return _draw(_frequency_bars(summary, style), style)


def frequency_chart_parts(
    summary: pd.DataFrame,
    *,
    style: Style = NORWEGIAN,
    max_height: float = PAGE_HEIGHT,
    max_parts: int = 4,
) -> list:
    """:func:`frequency_chart` as recipes of figures that fit a page: one, a few parts
    ("del 1 av 3"), or none when even ``max_parts`` parts would not hold it (the table
    then shows the question alone).

    Parameters
    ----------
    summary
        ``frequencies`` of one question, optionally by one group.
    style
        Number style and language.
    max_height
        The tallest figure in inches.
    max_parts
        The most parts a chart is split into.

    Returns
    -------
    list
        Functions of no arguments that make the figures.

    Examples
    --------
    >>> from toolkit import read_surveyxact, frequencies
    >>> from toolkit.data import example_round
    >>> summary = frequencies(read_surveyxact(example_round()), "s_10", by="kontorstr")
    >>> len(frequency_chart_parts(summary)), len(frequency_chart_parts(summary, max_height=2))
    (1, 2)
    >>> frequency_chart_parts(summary, max_height=2, max_parts=1)
    []
    """
    return _parts(_frequency_bars(summary, style), style, max_height, max_parts)


def _multi_bars(table: pd.DataFrame, title: str | None, style: Style) -> _Bars:
    by = breakdown_columns(table)
    options = list(dict.fromkeys(table["option"]))
    totals = table.groupby("option", sort=False)["percent_of_cases"].mean()
    options.sort(key=lambda o: (str(o).lower().startswith(OTHER), -totals[o]))
    # a hidden group leaves the chart (its bars and its N would tell what the table hides)
    shown_groups = table.loc[~table["suppressed"], by[0]].astype(str) if by else []
    groups = list(dict.fromkeys(shown_groups)) if by else [""]
    values = np.full((len(options), len(groups)), np.nan)
    for j, group in enumerate(groups):
        part = table if not by else table[table[by[0]].astype(str) == group]
        shown = part[~part["suppressed"]].set_index("option")["percent_of_cases"]
        values[:, j] = shown.reindex(options).to_numpy()
    bases = part_bases(table, by[0]) if by else {}
    return _Bars(
        options,
        [f"{g} ({style.n_label}={bases[g]})" for g in groups] if by else [""],
        values,
        bool(by),
        100,
        title or str(table.attrs.get("question_text") or table["variable"].iloc[0]),
        n_label(shown_bases(table), style),
        table.attrs.get("weighted"),
    )


def multi_response_chart(
    table: pd.DataFrame, *, title: str | None = None, style: Style = NORWEGIAN
) -> Figure:
    """Percent of respondents per option (options sorted by size, "Annet" last)."""
    return _draw(_multi_bars(table, title, style), style)


def multi_response_chart_parts(
    table: pd.DataFrame,
    *,
    title: str | None = None,
    style: Style = NORWEGIAN,
    max_height: float = PAGE_HEIGHT,
    max_parts: int = 4,
) -> list:
    """:func:`multi_response_chart` as recipes of figures that fit a page (see
    :func:`frequency_chart_parts`).

    Parameters
    ----------
    table
        ``multi_response`` of one question, optionally by one group.
    title
        The chart's title (default: the question's text).
    style
        Number style and language.
    max_height
        The tallest figure in inches.
    max_parts
        The most parts a chart is split into.

    Returns
    -------
    list
        Functions of no arguments that make the figures.

    Examples
    --------
    >>> from toolkit import read_surveyxact, multi_response
    >>> from toolkit.data import example_round
    >>> table = multi_response(read_surveyxact(example_round()), "s_12")
    >>> len(multi_response_chart_parts(table, title="Tiltak"))
    1
    """
    return _parts(_multi_bars(table, title, style), style, max_height, max_parts)


def part_bases(table: pd.DataFrame, by: str) -> dict[str, int]:
    return {
        str(g): int(part["unweighted_base"].iloc[0])
        for g, part in table.groupby(by, sort=False, observed=True)
    }


def histogram_chart(
    values: pd.Series, *, title: str, style: Style = NORWEGIAN, bins: int | str = "auto"
) -> Figure:
    """The distribution of a numeric question (blank left out), N in the title."""
    numbers = pd.to_numeric(values, errors="coerce").dropna().to_numpy(dtype=float)
    figure, ax = new_figure(figsize=(PAGE_WIDTH, 3.6), layout="constrained")
    if len(numbers):
        ax.hist(numbers, bins=bins, color=BLUE, edgecolor="white")
    ax.set_ylabel(text("count", style.language))
    number_axis(ax.xaxis, style)
    number_axis(ax.yaxis, style, integer=True)
    ax.spines[["top", "right"]].set_visible(False)
    n = f"({style.n_label}={len(numbers)})"
    figure.suptitle(wrap_title(f"{title} {n}"), fontsize=10, x=0.01, ha="left")
    figure.toolkit_alt = f"{title} {n}"
    return figure
