"""Regression models as a report table: one or more models side by side, the reference
category as "(referanse)" with no coefficient, stars with their legend, N and R² at the
bottom, in the style's language (Norwegian by default).

Examples
--------
>>> from toolkit import read_surveyxact, regression
>>> from toolkit.data import example_round
>>> model = regression(read_surveyxact(example_round()), "b1_3 ~ kontorstr")
>>> table = regression_table(model)
>>> table.frame.index[0], table.frame.index[-2]
('Kontorstørrelse (fra utsendelseslisten)', 'N')
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from toolkit.analysis.regression import Model
from toolkit.language import text
from toolkit.present.style import NORWEGIAN, Style
from toolkit.present.tables import ReportTable, rows_table


def _cell(term: pd.Series, style: Style, decimals: int) -> tuple[str, str]:
    if term["reference"]:
        return text("reference", style.language), ""
    return (
        f"{style.number(term['estimate'], decimals)}{term['stars']}",
        f"({style.number(term['se'], decimals)})",
    )


def _term_order(models: list[Model]) -> list[tuple]:
    """(variable, label) of every coefficient, in first-seen order over the models."""
    order: list[tuple] = []
    for model in models:
        for row in model.coefficients.itertuples(index=False):
            key = (row.variable if isinstance(row.variable, str) else None, row.label)
            if key not in order:
                order.append(key)
    constant = [k for k in order if k[0] is None and k[1] == "Konstant"]
    return [k for k in order if k not in constant] + constant  # "Konstant" last


def _term_row(models, names, variable, label, shown: str, style, decimals) -> tuple[dict, dict]:
    row, number = {"": shown}, {"": shown}
    for name, model in zip(names, models, strict=True):
        coefficients = model.coefficients
        match = coefficients[
            (coefficients["variable"].fillna("") == (variable or ""))
            & (coefficients["label"] == label)
        ]
        b, se = _cell(match.iloc[0], style, decimals) if len(match) else ("", "")
        row[f"{name} B"], row[f"{name} SE"] = b, se
        if len(match) and not match.iloc[0]["reference"]:
            number[f"{name} B"], number[f"{name} SE"] = match.iloc[0][["estimate", "se"]]
    return row, number


def regression_table(
    models: Model | Sequence[Model],
    *,
    names: Sequence[str] | None = None,
    style: Style = NORWEGIAN,
    decimals: int = 2,
    labels: dict[str, str] | None = None,
) -> ReportTable:
    """One or more models side by side: B with stars and (SE) per model; variable
    headings (``labels`` can name them) with their categories indented; N and R² rows;
    the star legend as a footnote.

    Parameters
    ----------
    models
        One model or several.
    names
        The models' column headings.
    style
        Number style and language.
    decimals
        Decimals of B and SE.
    labels
        Headings for the variables.

    Returns
    -------
    ReportTable
        As above.

    Examples
    --------
    See the module's example.
    """
    models = [models] if isinstance(models, Model) else list(models)
    language = style.language
    labels = {**{k: v for m in models for k, v in m.texts.items()}, **(labels or {})}
    names = list(names or [f"{text('model', language)} {i}" for i in range(1, len(models) + 1)])
    empty = {f"{n} {part}": "" for n in names for part in ("B", "SE")}
    categorical = {
        v for m in models for v, k in m.coefficients["variable"].value_counts().items() if k > 1
    }
    rows, numbers, headed = [], [], set()
    for variable, label in _term_order(models):
        if variable in categorical and variable not in headed:
            headed.add(variable)
            rows.append({"": labels.get(variable, variable), **empty})
            numbers.append({"": labels.get(variable, variable)})
        if label == "Konstant":
            shown = text("constant", language)
        elif variable in categorical:
            shown = f"  {label}"
        else:
            shown = labels.get(variable or "", label)
        row, number = _term_row(models, names, variable, label, shown, style, decimals)
        rows.append(row)
        numbers.append(number)
    r2 = text("r2" if models[0].kind == "ols" else "pseudo_r2", language)
    for label, values, digits in (("N", [m.n for m in models], 0), (r2, [m.r2 for m in models], 3)):
        pairs = list(zip(names, values, strict=True))
        rows.append({"": label, **empty, **{f"{n} B": style.number(v, digits) for n, v in pairs}})
        numbers.append({"": label, **{f"{n} B": v for n, v in pairs}})
    kinds = dict.fromkeys((c for c in rows[0] if c), "number")
    notes = [text("stars", language), *[m.weighted for m in models if m.weighted][:1]]
    outcome = labels.get(models[0].outcome, models[0].outcome)
    return rows_table(
        f"{text('regression_title', language)}: {outcome}", rows, numbers, kinds, notes
    )
