"""Charts for interview themes: frequencies by group, code × group and co-occurrence
heatmaps; N per group in every label, every fixed text in the style's language, an alt
text on each (``figure.toolkit_alt``). Returns matplotlib Figures (save with
:func:`toolkit.present.figures.save_figure`).

Examples
--------
>>> from toolkit.interviews import read_corpus
>>> from toolkit.data import example_project
>>> from toolkit.themes.frequencies import code_frequencies
>>> table = code_frequencies(read_corpus(example_project("qdpx")), by="rolle",
...                          unit="document", rollup=True)
>>> figure = code_frequency_chart(table, "rolle", depth=1)
>>> [t.get_text() for t in figure.legends[0].get_texts()][:2]
['bruker (N=2)', 'leder (N=4)']
"""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib.figure import Figure

from toolkit._deprecated import keyword
from toolkit.language import text
from toolkit.present.axes import number_axis
from toolkit.present.figures import PAGE_WIDTH, legend_columns, new_figure
from toolkit.present.style import NORWEGIAN, Style
from toolkit.themes.matrix import CodeMatrix, cooccurrence_matrix


def code_frequency_chart(
    table: pd.DataFrame,
    by: str,
    *,
    depth: int | None = None,
    unit: str = "document",
    width: float = PAGE_WIDTH,
    style: Style = NORWEGIAN,
    **renamed,
) -> Figure:
    """Horizontal bars: percent of units per code, one colour per group ("(N=…)"); codes
    at ``depth`` in the code tree only when given (``level=`` is its old name)."""
    depth = keyword(renamed, "level", "depth", "code_frequency_chart", depth)
    data = table if depth is None else table[table["depth"] == depth]
    order = data.groupby("path")["n"].sum().sort_values(ascending=True).index.tolist()
    groups = list(dict.fromkeys(data[by]))
    units = data.drop_duplicates(by).set_index(by)["units"]
    colours = sns.color_palette("colorblind", len(groups))
    figure, ax = new_figure(
        figsize=(width, 0.9 + 0.35 * len(order) * max(1, len(groups) / 2)), layout="constrained"
    )
    height = 0.8 / max(len(groups), 1)
    for k, group in enumerate(groups):
        part = data[data[by] == group].set_index("path").reindex(order)
        ax.barh(
            np.arange(len(order)) + k * height - 0.4 + height / 2,
            part["percent"].fillna(0),
            height=height,
            color=colours[k],
            label=f"{group} ({style.n_label}={int(units[group])})",
        )
    ax.set_yticks(np.arange(len(order)), [textwrap.fill(p, 40) for p in order])
    units_word = text(f"unit_{unit}", style.language)
    ax.set_xlabel(text("percent_of_units", style.language, units=units_word))
    ax.set_xlim(0, 100)
    number_axis(ax.xaxis, style)
    ax.spines[["top", "right"]].set_visible(False)
    labels = [f"{g} ({style.n_label}={int(units[g])})" for g in groups]
    columns = legend_columns(labels, width, 8, most=5)
    figure.legend(frameon=False, fontsize=8, loc="outside lower center", ncol=columns)
    total = ", ".join(f"{g} {style.n_label}={int(units[g])}" for g in groups)
    figure.toolkit_alt = f"{text('themes_title', style.language)}: {units_word} ({total})"
    return figure


def matrix_heatmap(
    matrix: CodeMatrix, *, value: str = "percent", style: Style = NORWEGIAN
) -> Figure:
    """Code × group heatmap (percent of units, counts annotated), N per group on the axis."""
    data = matrix.percent if value == "percent" else matrix.counts
    counts = matrix.counts
    labels = [f"{g}\n({style.n_label}={int(matrix.units[g])})" for g in data.columns]
    figure, ax = new_figure(
        figsize=(1.6 + 1.1 * len(labels), 0.9 + 0.4 * len(data)), layout="constrained"
    )
    sns.heatmap(
        data.astype(float),
        annot=counts.astype(int),
        fmt="d",
        cmap="Blues",
        vmin=0,
        vmax=100 if value == "percent" else None,
        cbar_kws={"label": text("percent_axis", style.language)},
        xticklabels=labels,
        yticklabels=list(data.index),
        ax=ax,
    )
    ax.set_xlabel("")
    ax.set_ylabel("")
    figure.toolkit_alt = f"{text('themes_title', style.language)}: " + ", ".join(labels).replace(
        "\n", " "
    )
    return figure


def cooccurrence_heatmap(
    pairs: pd.DataFrame, *, value: str = "n", style: Style = NORWEGIAN
) -> Figure:
    """Symmetric code × code heatmap of :func:`~toolkit.themes.matrix.cooccurrence`."""
    data = cooccurrence_matrix(pairs, value)
    figure, ax = new_figure(
        figsize=(2 + 0.55 * len(data), 1.5 + 0.45 * len(data)), layout="constrained"
    )
    sns.heatmap(
        data.astype(float),
        annot=True,
        fmt=".0f" if value == "n" else ".2f",
        cmap="Purples",
        mask=np.isnan(data.to_numpy(dtype=float)),
        ax=ax,
        cbar_kws={"label": text("shared_units", style.language) if value == "n" else "Jaccard"},
    )
    codes = text("codes", style.language)
    figure.toolkit_alt = f"{text('cooccurrence_title', style.language)} ({len(data)} {codes})"
    return figure
