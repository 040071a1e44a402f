"""Likert charts: 100 % stacked horizontal bars, optionally diverging around the middle.

One bar per item, or per group with ``by`` (one panel per item when several items are
broken down by a group, the item text as the panel's title); "(N=43)" in every label, long
Norwegian texts wrapped, a colour-blind-safe diverging palette (ColorBrewer RdYlBu: red
negative, blue positive, pale middle). Non-substantive answers ("Vet ikke") are left out of
the percentages, as in :func:`~toolkit.present.tables.likert_table`, and shown as counts
in a grey panel of their own. Axis labels are absolute percentages, also when diverging;
every fixed text is in the style's language; weighted summaries say so under the chart.
Returns a matplotlib Figure (with ``toolkit_alt``, the alt text); use
:func:`~toolkit.present.figures.save_figure` for PNG and SVG at print resolution.

Examples
--------
>>> from toolkit import read_surveyxact
>>> from toolkit.data import example_round
>>> from toolkit.analysis import likert_summary
>>> survey = read_surveyxact(example_round())
>>> figure = likert_chart(likert_summary(survey, "b1"))
>>> figure.axes[0].get_yticklabels()[0].get_text().endswith("(N=176)")
True
>>> faceted = likert_chart(likert_summary(survey, ["b1_1", "b1_2"], by="kontorstr"))
>>> [ax.get_title(loc="left")[:30] for ax in faceted.axes if ax.get_title(loc="left")]
['Kontoret har en felles forståe', 'Ansvarsdelingen mellom stat og']
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from functools import partial

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from toolkit.analysis.items import breakdown_columns
from toolkit.language import text
from toolkit.present.axes import number_axis
from toolkit.present.figures import (
    PAGE_WIDTH,
    label_list,
    legend_columns,
    new_figure,
    wrap_title,
)
from toolkit.present.style import NORWEGIAN, Style, n_label, round_to_100
from toolkit.present.tables import heading

GREY = "#bdbdbd"


def palette(k: int) -> list:
    """k colours from ColorBrewer RdYlBu (colour-blind safe), negative → positive: the
    colour map sampled between its ends, as ``seaborn.color_palette("RdYlBu", k)`` does
    (matplotlib alone: a rebuild never imports seaborn and pyplot for a palette)."""
    from matplotlib import colormaps

    return [tuple(c) for c in colormaps["RdYlBu"](np.linspace(0, 1, k + 2)[1:-1])[:, :3]]


#: seaborn's "colorblind" palette (Okabe-Ito based), as ``seaborn.color_palette`` gives it
COLORBLIND = ("#0173b2", "#de8f05", "#029e73", "#d55e00", "#cc78bc")
COLORBLIND += ("#ca9161", "#fbafe4", "#949494", "#ece133", "#56b4e9")


def distinct(k: int) -> list:
    """k distinct colour-blind-safe colours (repeating after ten), as RGB tuples."""
    from matplotlib.colors import to_rgb

    return [to_rgb(COLORBLIND[i % len(COLORBLIND)]) for i in range(k)]


def _item_text(cell: pd.DataFrame, item: str) -> str:
    return next(
        t
        for t in (cell["item_text"].iloc[0], cell["question_text"].iloc[0], item)
        if isinstance(t, str) and t
    )


def _bars(summary: pd.DataFrame, wrap: int, style: Style, sort: bool) -> pd.DataFrame:
    by_cols = breakdown_columns(summary)
    rows = []
    for (item, *groups), cell in summary.groupby(["item", *by_cols], sort=False, observed=True):
        sub = cell[cell["substantive"]]
        item_text = _item_text(cell, item)
        n = int(cell["unweighted_base"].iloc[0])
        label = ", ".join(map(str, groups)) if groups else item_text
        k = len(sub)
        net = sub["percent"].iloc[k - k // 2 :].sum() - sub["percent"].iloc[: k // 2].sum()
        other = cell[~cell["substantive"]]
        rows.append(
            {
                "item": item,
                "group": ", ".join(map(str, groups)) if groups else None,
                "text": item_text,
                "label": textwrap.fill(f"{label} ({style.n_label}={n})", wrap),
                "percents": sub["percent"].fillna(0).to_numpy(),
                "categories": list(sub["category"]),
                "other": float(other["unweighted_n"].sum()),
                "other_names": list(other["category"]),
                "net": net,
                "suppressed": bool(cell["suppressed"].iloc[0]),
            }
        )
    bars = pd.DataFrame(rows)
    if sort and not by_cols:
        bars = bars.sort_values("net", ascending=True, kind="stable")
    elif not by_cols:  # the questionnaire's order, first item on top (bars are drawn upward)
        bars = bars.iloc[::-1]
    return bars if not by_cols else bars.iloc[::-1]


def _draw_bars(ax, bars: pd.DataFrame, colours, diverging: bool, style: Style) -> float:
    """Stacked bars on ``ax`` (first row at the bottom); returns the widest reach.

    One ``barh`` per category for all rows (not one per segment: a 59-item grid once made
    4 000 bar calls, a third of the report's analysis time)."""
    categories = bars["categories"].iloc[0]
    k = len(categories)
    values = np.vstack(
        [
            np.zeros(k) if s else np.asarray(p, float)
            for s, p in zip(bars["suppressed"], bars["percents"], strict=True)
        ]
    )
    low = values[:, : k // 2].sum(axis=1) + (values[:, k // 2] / 2 if k % 2 else 0)
    starts = (-low if diverging else np.zeros(len(values)))[:, None] + np.hstack(
        [np.zeros((len(values), 1)), np.cumsum(values, axis=1)[:, :-1]]
    )
    rows = np.arange(len(values))
    for j in range(k):
        ax.barh(
            rows, values[:, j], left=starts[:, j], color=colours[j], edgecolor="white", height=0.7
        )
    labels = label_list(ax.figure)
    for row in rows:
        if values[row].sum():
            shown = round_to_100(values[row])
            for j in np.flatnonzero(values[row] >= 6):
                middle = starts[row, j] + values[row, j] / 2
                ax.text(middle, row, f"{shown[j]:.0f}", ha="center", va="center", fontsize=8)
                labels.append(
                    {
                        "item": bars["text"].iloc[row],
                        "group": bars["group"].iloc[row],
                        "category": categories[j],
                        "value": float(shown[j]),
                    }
                )
    ends = starts[:, -1] + values[:, -1]
    reach = float(max(np.abs(np.minimum(0.0, starts[:, 0])).max(initial=0), ends.max(initial=0)))
    too_few = text("too_few", style.language)
    for row in np.flatnonzero(bars["suppressed"].to_numpy()):
        ax.text(0, row, f"{style.suppressed} {too_few}", va="center", fontsize=8)
    ax.set_yticks(rows, bars["label"], fontsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    return reach


def _draw_other(ax, bars: pd.DataFrame, style: Style) -> None:
    y = np.arange(len(bars))
    ax.barh(y, bars["other"], color=GREY, height=0.7)
    for row, value in zip(y, bars["other"], strict=True):
        if value:
            ax.text(value, row, f" {style.number(value)}", va="center", fontsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    ax.tick_params(axis="y", left=False, labelleft=False)


def _layout(bars: pd.DataFrame, facets: list, show_other: bool, width: float):
    height = _height(bars, len(facets))
    ratios = [1] if facets == [None] else [(bars["item"] == i).sum() + 0.8 for i in facets]
    figure, axes = new_figure(
        len(facets),
        2 if show_other else 1,
        figsize=(width, height),
        sharex="col",
        sharey="row",
        squeeze=False,
        gridspec_kw={"width_ratios": [6, 1] if show_other else [1], "height_ratios": ratios},
        layout="constrained",
    )
    return figure, axes


#: the tallest figure (inches) that fits an A4 page's text height with its caption
PAGE_HEIGHT = 8.1  # A4: 24,7 cm of text height less 4 cm for caption and notes (word.ROOM)


def _height(bars: pd.DataFrame, facets: int) -> float:
    """The figure height :func:`_layout` gives these bars (inches)."""
    lines = sum(label.count("\n") + 1 for label in bars["label"])
    return 1.3 + 0.38 * lines + 0.45 * facets * (facets > 1)


def likert_chart(
    summary: pd.DataFrame,
    *,
    diverging: bool = False,
    sort: bool = True,
    wrap: int = 45,
    title: str | None = None,
    style: Style = NORWEGIAN,
    width: float = PAGE_WIDTH,
    ordinal: bool | None = None,
) -> Figure:
    """100 % stacked bars of a :func:`~toolkit.analysis.likert_summary` table.

    ``diverging`` centres the bars on the neutral middle; ``sort`` orders items by net
    agreement (most positive on top); groups keep their category order. Suppressed bars
    (small N) are left empty. Categories without a recognised scale (``ordinal=False``,
    the default for them) get distinct colours rather than a red-to-blue scale.
    :func:`likert_charts` splits a long grid into figures that fit a page.

    Parameters
    ----------
    summary
        :func:`~toolkit.analysis.likert_summary`.
    diverging
        Centre the bars on the neutral middle.
    sort
        Order items by net agreement.
    wrap
        Wrap item labels at this many characters.
    title
        The chart's title (default: the question's text).
    style
        Number style and language.
    width
        The figure's width in inches (default: the page's text width).
    ordinal
        Treat the categories as ordered (default: when a scale is recognised).

    Returns
    -------
    Figure
        A matplotlib figure (``figure.toolkit_alt`` holds its alt text).

    Examples
    --------
    See the module's example.
    """
    bars = _bars(summary, wrap, style, sort)
    return _likert_figure(
        summary,
        bars,
        diverging=diverging,
        title=title,
        style=style,
        width=width,
        ordinal=ordinal,
    )


def likert_charts(
    summary: pd.DataFrame, *, max_height: float = PAGE_HEIGHT, **options
) -> list[Figure]:
    """:func:`likert_chart`, split into figures of at most ``max_height`` inches.

    A grid too long for one page (59 items by three groups was once one figure 93 inches
    tall, shrunk to an unreadable strip in Word and 75 megapixels to render) becomes
    several figures, items kept whole and in the chart's order, each titled "(del 1 av 3)"
    in the report's language and on the same horizontal scale. A chart that fits is one
    figure, the same as :func:`likert_chart`'s.

    Parameters
    ----------
    summary
        A :func:`~toolkit.analysis.likert_summary` table.
    max_height
        The tallest figure, in inches (default: what fits an A4 page with its caption).
    **options
        :func:`likert_chart`'s keywords.

    Returns
    -------
    list of Figure
        One figure per part, in order.

    Examples
    --------
    >>> from toolkit import read_surveyxact
    >>> from toolkit.data import example_round
    >>> from toolkit.analysis import likert_summary
    >>> summary = likert_summary(read_surveyxact(example_round()), "b1", by="kontorstr")
    >>> parts = likert_charts(summary, max_height=6)
    >>> len(parts), parts[0].get_suptitle().replace("\\xa0", " ")[-12:]
    (3, '(del 1 av 3)')
    >>> bool(max(f.get_size_inches()[1] for f in parts) <= 6)
    True
    """
    return [make() for make in likert_chart_parts(summary, max_height=max_height, **options)]


def likert_chart_parts(
    summary: pd.DataFrame, *, max_height: float = PAGE_HEIGHT, **options
) -> list[Callable[[], Figure]]:
    """:func:`likert_charts` as recipes: one function of no arguments per figure, so the
    parts are known before any figure is made (a report makes them in worker processes).

    Examples
    --------
    >>> from toolkit import read_surveyxact
    >>> from toolkit.data import example_round
    >>> from toolkit.analysis import likert_summary
    >>> parts = likert_chart_parts(likert_summary(read_surveyxact(example_round()), "b1"))
    >>> len(parts), type(parts[0]()).__name__
    (1, 'Chart')
    """
    style = options.pop("style", NORWEGIAN)
    wrap, sort = options.pop("wrap", 45), options.pop("sort", True)
    bars = _bars(summary, wrap, style, sort)
    grouped = bool(breakdown_columns(summary)) and summary["item"].nunique() > 1
    # the chart's order, top down: facets in item order, or bars (drawn bottom up) reversed
    order = list(dict.fromkeys(summary["item"] if grouped else bars["item"].iloc[::-1]))
    chunks: list[list] = [[]]
    for item in order:
        candidate = chunks[-1] + [item]
        part = bars[bars["item"].isin(candidate)]
        if chunks[-1] and _height(part, len(candidate) if grouped else 1) > max_height:
            chunks.append([item])
        else:
            chunks[-1] = candidate
    title = options.pop("title", None) or heading(summary) or str(summary["item"].iloc[0])
    diverging = options.get("diverging", False)
    draw = partial(
        _likert_figure,
        diverging=diverging,
        style=style,
        width=options.get("width", PAGE_WIDTH),
        ordinal=options.get("ordinal"),
    )
    if len(chunks) == 1:
        return [partial(draw, summary, bars, title=title)]
    limit = _limit(bars, diverging)
    recipes = []
    for index, chunk in enumerate(chunks, start=1):
        # no line break inside "(del 1 av 3)" when the title is wrapped
        part = text("part_of", style.language, i=index, n=len(chunks)).replace(" ", "\xa0")
        recipes.append(
            partial(
                draw,
                summary[summary["item"].isin(chunk)],
                bars[bars["item"].isin(chunk)],
                title=f"{title} ({part})",
                limit=limit,
            )
        )
    return recipes


def _limit(bars: pd.DataFrame, diverging: bool) -> float:
    """The x limit that shows every bar (diverging: half the widest reach each side)."""
    if not diverging:
        return 100.0
    reach = 0.0
    for _, bar in bars.iterrows():
        values = np.zeros(len(bar["percents"])) if bar["suppressed"] else bar["percents"]
        k = len(values)
        low = values[: k // 2].sum() + (values[k // 2] / 2 if k % 2 else 0)
        reach = max(reach, low, values.sum() - low)
    return float(min(100, 10 * np.ceil(reach / 10) + 5))


def _likert_figure(summary, bars, *, diverging, title, style, width, ordinal, limit=None) -> Figure:
    categories = bars["categories"].iloc[0]
    if ordinal is None:
        ordinal = "scale" in summary.columns and summary["scale"].notna().all()
    colours = palette(len(categories)) if ordinal else distinct(len(categories))
    show_other = bool(bars["other"].gt(0).any())
    grouped = bool(breakdown_columns(summary)) and summary["item"].nunique() > 1
    facets = list(dict.fromkeys(summary["item"])) if grouped else [None]
    figure, axes = _layout(bars, facets, show_other, width)
    reach = 0.0
    for row, item in enumerate(facets):
        part = bars if item is None else bars[bars["item"] == item]
        reach = max(reach, _draw_bars(axes[row][0], part, colours, diverging, style))
        if item is not None:
            panel = wrap_title(part["text"].iloc[0], width * 0.8, 9)
            axes[row][0].set_title(panel, fontsize=9, loc="left")
        if show_other:
            _draw_other(axes[row][1], part, style)
    if show_other:  # room for the counts printed beside the grey bars (shared column)
        axes[0][1].set_xlim(0, float(bars["other"].max()) * 1.35)
        number_axis(axes[0][1].xaxis, style, integer=True)
    if limit is None:
        limit = min(100, 10 * np.ceil(reach / 10) + 5)
    for row in range(len(facets)):
        ax = axes[row][0]
        if diverging:
            ax.set_xlim(-limit, limit)
            ax.axvline(0, color="black", linewidth=0.8, zorder=0)
        else:
            ax.set_xlim(0, 100)
        number_axis(ax.xaxis, style, absolute=True)
    weighted = (
        f" ({text('weighted_lower', style.language)})" if summary.attrs.get("weighted") else ""
    )
    axes[-1][0].set_xlabel(text("percent_axis", style.language) + weighted)
    if show_other:
        names = " / ".join(dict.fromkeys(n for names in bars["other_names"] for n in names))
        axes[-1][1].set_xlabel(wrap_title(f"{names}{style.count_suffix}", 0.7, 7), fontsize=7)
    handles = [matplotlib_patch(colours[j], label) for j, label in enumerate(categories)]
    figure.legend(
        handles=handles,
        ncol=legend_columns(categories, width, 8),
        loc="outside lower center",
        frameon=False,
        fontsize=8,
    )
    heading_text = title or heading(summary) or str(summary["item"].iloc[0])
    figure.suptitle(wrap_title(heading_text, width), fontsize=10, x=0.01, ha="left")
    # the N of every row the question's table shows (rows left out of the chart for too
    # few answers included, as its note names them): one N for the caption and the table
    bases = summary.attrs.get("bases", summary["unweighted_base"])
    figure.toolkit_alt = f"{heading_text} {n_label(bases, style)}" + (
        f". {summary.attrs['weighted']}" if summary.attrs.get("weighted") else ""
    )
    return figure


def matplotlib_patch(colour, label: str):
    from matplotlib.patches import Patch

    return Patch(facecolor=colour, edgecolor="white", label=label)
