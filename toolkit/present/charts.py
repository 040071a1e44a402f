"""Likert charts: 100 % stacked horizontal bars, optionally diverging around the middle.

One bar per item (or per item × group with ``by``), "(N=43)" in every label, long
Norwegian texts wrapped, a colour-blind-safe diverging palette (ColorBrewer RdYlBu: red
negative, blue positive, pale middle), non-substantive answers ("Vet ikke") in a grey
panel of their own, items ordered by net agreement. Returns a matplotlib Figure; use
:func:`save_figure` for PNG and SVG at print resolution.

Examples
--------
>>> from toolkit import read_surveyxact
>>> from toolkit.data import example_round
>>> from toolkit.analysis import likert_summary
>>> figure = likert_chart(likert_summary(read_surveyxact(example_round()), "b1"))
>>> figure.axes[0].get_yticklabels()[0].get_text().endswith("(N=176)")
True
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import matplotlib

matplotlib.use("Agg") if matplotlib.get_backend().lower() == "agg" else None
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import seaborn as sns  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from toolkit.analysis.likert import by_columns  # noqa: E402
from toolkit.present.tables import NORWEGIAN, Style, heading, round_to_100  # noqa: E402

GREY = "#bdbdbd"


def palette(k: int) -> list:
    """k colours from ColorBrewer RdYlBu (colour-blind safe), negative → positive."""
    return sns.color_palette("RdYlBu", k)


def _bars(summary: pd.DataFrame, wrap: int, style: Style, sort: bool) -> pd.DataFrame:
    by_cols = by_columns(summary)
    rows = []
    for (item, *groups), cell in summary.groupby(["item", *by_cols], sort=False, observed=True):
        sub = cell[cell["substantive"]]
        text = next(
            t
            for t in (cell["item_text"].iloc[0], cell["question_text"].iloc[0], item)
            if isinstance(t, str) and t
        )
        n = int(cell["unweighted_base"].iloc[0])
        label = ", ".join(map(str, groups)) if groups else text
        total = cell["n"].sum()
        k = len(sub)
        net = sub["percent"].iloc[k - k // 2 :].sum() - sub["percent"].iloc[: k // 2].sum()
        rows.append(
            {
                "item": item,
                "text": text,
                "label": textwrap.fill(f"{label} ({style.n_label}={n})", wrap),
                "percents": sub["percent"].fillna(0).to_numpy(),
                "categories": list(sub["category"]),
                "other": 100 * cell.loc[~cell["substantive"], "n"].sum() / total if total else 0.0,
                "other_names": list(cell.loc[~cell["substantive"], "category"]),
                "net": net,
                "suppressed": bool(cell["suppressed"].iloc[0]),
            }
        )
    bars = pd.DataFrame(rows)
    if sort and not by_cols:
        bars = bars.sort_values("net", ascending=True, kind="stable")
    return bars.iloc[::-1] if by_cols else bars


def likert_chart(
    summary: pd.DataFrame,
    *,
    diverging: bool = False,
    sort: bool = True,
    wrap: int = 45,
    title: str | None = None,
    style: Style = NORWEGIAN,
    width: float = 9.0,
) -> Figure:
    """100 % stacked bars of a :func:`~toolkit.analysis.likert_summary` table.

    ``diverging`` centres the bars on the neutral middle; ``sort`` orders items by net
    agreement (most positive on top). Suppressed bars (small N) are left empty.
    """
    bars = _bars(summary, wrap, style, sort)
    categories = bars["categories"].iloc[0]
    colours = palette(len(categories))
    show_other = bars["other"].gt(0).any()
    height = 0.9 + 0.45 * len(bars) + 0.12 * sum(label.count("\n") for label in bars["label"])
    figure, axes = plt.subplots(
        1,
        2 if show_other else 1,
        figsize=(width, height + 0.5),
        sharey=True,
        squeeze=False,
        gridspec_kw={"width_ratios": [6, 1]} if show_other else None,
        layout="constrained",
    )
    ax = axes[0][0]
    y = np.arange(len(bars))
    reach = 0.0
    for row, (_, bar) in enumerate(bars.iterrows()):
        values = np.zeros(len(categories)) if bar["suppressed"] else bar["percents"]
        k = len(values)
        start = 0.0
        if diverging:
            start = -values[: k // 2].sum() - (values[k // 2] / 2 if k % 2 else 0)
        shown = round_to_100(values) if values.sum() else values
        for j, (value, text) in enumerate(zip(values, shown, strict=True)):
            ax.barh(
                row,
                value,
                left=start,
                color=colours[j],
                edgecolor="white",
                height=0.7,
                label=categories[j] if row == 0 else None,
            )
            if value >= 6:
                ax.text(
                    start + value / 2,
                    row,
                    f"{text:.0f}",
                    ha="center",
                    va="center",
                    fontsize=8,
                    color="black",
                )
            start += value
        reach = max(reach, abs(min(0.0, start - values.sum())), start)
        if bar["suppressed"]:
            ax.text(0, row, f"{style.suppressed} for få svar", va="center", fontsize=8)
    ax.set_yticks(y, bars["label"])
    limit = min(100, 10 * np.ceil(reach / 10) + 5)
    ax.set_xlim(-limit, limit) if diverging else ax.set_xlim(0, 100)
    ax.axvline(0, color="black", linewidth=0.8, zorder=0) if diverging else None
    ax.set_xlabel("Prosent")
    ax.spines[["top", "right"]].set_visible(False)
    figure.legend(
        ncol=min(len(categories), 6), loc="outside lower center", frameon=False, fontsize=8
    )
    if show_other:
        other = axes[0][1]
        other.barh(y, bars["other"], color=GREY, height=0.7)
        names = sorted({n for names in bars["other_names"] for n in names})
        other.set_xlabel(" / ".join(names) + " (%)", fontsize=8)
        other.spines[["top", "right"]].set_visible(False)
        for row, value in zip(y, bars["other"], strict=True):
            if value:
                other.text(value, row, f" {value:.0f}", va="center", fontsize=8)
    text = title or heading(summary)
    if text:
        figure.suptitle(textwrap.fill(text, 95), fontsize=10, x=0.01, ha="left")
    return figure


def save_figure(figure: Figure, path: str | Path, *, dpi: int = 300) -> list[Path]:
    """Save as PNG (``dpi``) and SVG next to each other; returns both paths."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    out = []
    for suffix in (".png", ".svg"):
        target = path.with_suffix(suffix)
        figure.savefig(target, dpi=dpi, bbox_inches="tight")
        out.append(target)
    return out


__all__ = ["likert_chart", "palette", "save_figure"]
