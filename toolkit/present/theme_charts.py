"""Charts for interview themes: frequencies by group, code × group and co-occurrence
heatmaps; N per group in every label. Returns matplotlib Figures (save with
:func:`toolkit.present.charts.save_figure`).

Examples
--------
>>> from toolkit.interviews import read_corpus
>>> from toolkit.data import example_project
>>> from toolkit.themes.frequencies import code_frequencies
>>> table = code_frequencies(read_corpus(example_project("qdpx")), by="rolle",
...                          unit="document", rollup=True)
>>> figure = code_frequency_chart(table, "rolle", level=1)
>>> [t.get_text() for t in figure.legends[0].get_texts()][:2]
['bruker (N=2)', 'leder (N=4)']
"""

from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib.figure import Figure

from toolkit.themes.matrix import CodeMatrix, cooccurrence_matrix

UNIT_WORDS = {
    "document": "dokumenter",
    "case": "informanter",
    "turn": "ytringer",
    "segment": "kodede avsnitt",
}


def code_frequency_chart(
    table: pd.DataFrame,
    by: str,
    *,
    level: int | None = None,
    unit: str = "document",
    width: float = 9.0,
) -> Figure:
    """Horizontal bars: percent of units per code, one colour per group ("(N=…)")."""
    data = table if level is None else table[table["level"] == level]
    order = data.groupby("path")["n"].sum().sort_values(ascending=True).index.tolist()
    groups = list(dict.fromkeys(data[by]))
    units = data.drop_duplicates(by).set_index(by)["units"]
    colours = sns.color_palette("colorblind", len(groups))
    figure, ax = plt.subplots(
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
            label=f"{group} (N={int(units[group])})",
        )
    ax.set_yticks(np.arange(len(order)), [textwrap.fill(p, 40) for p in order])
    ax.set_xlabel(f"Prosent av {UNIT_WORDS.get(unit, unit)} i gruppen")
    ax.set_xlim(0, 100)
    ax.spines[["top", "right"]].set_visible(False)
    figure.legend(frameon=False, fontsize=8, loc="outside lower center", ncol=min(len(groups), 5))
    return figure


def matrix_heatmap(matrix: CodeMatrix, *, value: str = "percent") -> Figure:
    """Code × group heatmap (percent of units, counts annotated), N per group on the axis."""
    data = matrix.percent if value == "percent" else matrix.counts
    counts = matrix.counts
    labels = [f"{g}\n(N={int(matrix.units[g])})" for g in data.columns]
    figure, ax = plt.subplots(
        figsize=(1.6 + 1.1 * len(labels), 0.9 + 0.4 * len(data)), layout="constrained"
    )
    sns.heatmap(
        data.astype(float),
        annot=counts.astype(int),
        fmt="d",
        cmap="Blues",
        vmin=0,
        vmax=100 if value == "percent" else None,
        cbar_kws={"label": "Prosent"},
        xticklabels=labels,
        yticklabels=list(data.index),
        ax=ax,
    )
    ax.set_xlabel("")
    ax.set_ylabel("")
    return figure


def cooccurrence_heatmap(pairs: pd.DataFrame, *, value: str = "n") -> Figure:
    """Symmetric code × code heatmap of :func:`~toolkit.themes.matrix.cooccurrence`."""
    data = cooccurrence_matrix(pairs, value)
    figure, ax = plt.subplots(
        figsize=(2 + 0.55 * len(data), 1.5 + 0.45 * len(data)), layout="constrained"
    )
    sns.heatmap(
        data.astype(float),
        annot=True,
        fmt=".0f" if value == "n" else ".2f",
        cmap="Purples",
        mask=np.isnan(data.to_numpy(dtype=float)),
        ax=ax,
        cbar_kws={"label": "Felles enheter" if value == "n" else "Jaccard"},
    )
    return figure


__all__ = ["code_frequency_chart", "cooccurrence_heatmap", "matrix_heatmap"]
