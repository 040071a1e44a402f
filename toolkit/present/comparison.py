"""The table of group-comparison tests, written as reports write test statistics.

One row per item and test: the statistic with its degrees of freedom in one cell
("χ² = 6,0; df = 4", "F(2,99; 964,8) = 1,35", "H = 5,2; df = 2", "U = 234,5"), p, the
effect size and its measure, the design effect in a column of its own when the tests are
weighted (it is not an effect size), and N. A legend under the table explains the symbols
that appear. A test that was not run (fewer than two groups with enough answers, or a
weighted test R's ``survey`` would refuse as computationally singular) says why in its
row: "for få svar i minst én gruppe".

Examples
--------
>>> import pandas as pd
>>> tests = pd.DataFrame([{"item": "q1", "test": "chi-square", "statistic": 6.02, "df": 4,
...     "ddf": None, "p_value": 0.198, "effect_size": 0.12, "effect_measure": "Cramér's V",
...     "design_effect": None, "n": 420, "note": None}])
>>> comparison_table(tests).frame.iloc[0].tolist()
['χ² = 6,0; df = 4', '0,198', '0,12', 'Cramérs V', '420']
"""

from __future__ import annotations

import math

import pandas as pd

from toolkit.language import text
from toolkit.present.style import NORWEGIAN, Style, format_p
from toolkit.present.tables import ReportTable


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _df(value: float, style: Style, decimals: int) -> str:
    """Degrees of freedom: whole numbers as they are, fractional ones (Rao–Scott) rounded."""
    return style.number(value, 0 if float(value).is_integer() else decimals)


def statistic_text(row: dict, style: Style = NORWEGIAN) -> str:
    """The test statistic with its degrees of freedom as reports write it; empty for
    Fisher's exact test (only a p) and for a test that was not run.

    Parameters
    ----------
    row : dict
        One row of :func:`~toolkit.analysis.compare.compare_groups`.
    style : Style
        Number conventions.

    Examples
    --------
    >>> statistic_text({"test": "Rao–Scott chi-square", "statistic": 1.3512, "df": 2.9931,
    ...                 "ddf": 964.83})
    'F(2,99; 964,8) = 1,35'
    >>> statistic_text({"test": "Mann–Whitney U", "statistic": 234.5, "df": None})
    'U = 234,5'
    """
    statistic, test = row.get("statistic"), row.get("test")
    if _missing(statistic):
        return ""
    df = row.get("df")
    if test in ("Rao–Scott chi-square", "design-based F (means)"):
        ddf = _df(row["ddf"], style, 1)
        return f"F({_df(df, style, 2)}; {ddf}) = {style.number(statistic, 2)}"
    if test == "Mann–Whitney U":
        return f"U = {style.number(statistic, 0 if float(statistic).is_integer() else 1)}"
    symbol = {"chi-square": "χ²", "Kruskal–Wallis": "H"}.get(test, "")
    shown = f"{symbol} = {style.number(statistic, 1)}"
    return shown if _missing(df) else f"{shown}; df = {_df(df, style, 2)}"


def _not_run(row: dict) -> bool:
    return row.get("test") == "none" or "singular" in str(row.get("note") or "")


def comparison_table(
    tests: pd.DataFrame,
    *,
    style: Style = NORWEGIAN,
    labels: dict[str, str] | None = None,
    min_base: int | None = None,
) -> ReportTable:
    """Group-comparison tests in the report's language.

    Parameters
    ----------
    tests : DataFrame
        :func:`~toolkit.analysis.compare.compare_groups`'s result.
    style : Style
        Language and number conventions.
    labels : dict, optional
        The items' texts (item names are shown otherwise).
    min_base : int, optional
        The threshold the tests were run with (``compare_groups(min_base=…)``), for the
        note that says groups under it were left out.

    Returns
    -------
    ReportTable
        One row per item and test, with a legend of the symbols shown.

    Examples
    --------
    >>> from toolkit import read_surveyxact
    >>> from toolkit.data import example_round
    >>> from toolkit.analysis import compare_groups
    >>> tests = compare_groups(read_surveyxact(example_round()), "b1_1", by="kontorstr")
    >>> comparison_table(tests).frame.columns.tolist()
    ['Testverdi', 'p', 'Effektstørrelse', 'Effektmål', 'N']
    """
    labels = labels or {}
    language = style.language
    heads = {c: text(c, language) for c in ("statistic", "p", "effect", "effect_measure")}
    weighted = "design_effect" in tests and tests["design_effect"].notna().any()
    if weighted:
        heads["design_effect"] = text("design effect", language)
    heads["n"] = style.n_label
    rows, numbers, symbols = [], [], set()
    for row in tests.to_dict("records"):
        label = f"{labels.get(row['item'], row['item'])}: {text(row['test'], language)}"
        shown = statistic_text(row, style)
        if _not_run(row):
            shown = text("tests_not_run", language)
        symbols |= {s for s in ("χ²", "F(", "H ", "U ") if shown.startswith(s)}
        measure = row.get("effect_measure")
        cells = {
            heads["statistic"]: shown,
            heads["p"]: format_p(row["p_value"], style),
            heads["effect"]: style.number(row["effect_size"], 2),
            heads["effect_measure"]: text(measure, language)
            if isinstance(measure, str) and measure
            else "",
        }
        values = {heads["p"]: row["p_value"], heads["effect"]: row["effect_size"]}
        if weighted:
            cells[heads["design_effect"]] = style.number(row.get("design_effect"), 2)
            values[heads["design_effect"]] = row.get("design_effect")
        cells[heads["n"]] = style.number(row["n"])
        values[heads["n"]] = row["n"]
        rows.append({"": label, **cells})
        numbers.append({"": label, heads["statistic"]: shown, **values})
    kinds = {heads["statistic"]: "text", heads["effect_measure"]: "text", heads["n"]: "count"}
    kinds |= {heads[c]: "number" for c in ("p", "effect", "design_effect") if c in heads}
    notes = [text("tests_note", language)]
    legend = [text(f"legend_{key}", language) for key in ("χ²", "F(", "H ", "U ") if key in symbols]
    if legend:
        notes.append("; ".join(legend) + ". " + text("legend_p", language))
    if weighted:
        notes.append(text("legend_deff", language))
    left_out = tests["note"].fillna("").str.contains("left out") | (tests["test"] == "none")
    if min_base and left_out.any():  # said only where it happened
        notes.append(text("tests_too_few", language, min_base=min_base))
    frame = pd.DataFrame(rows).set_index("")
    values = pd.DataFrame(numbers).set_index("")
    frame.index.name = values.index.name = None
    return ReportTable(text("tests_title", language), frame, values, kinds, tuple(notes))
