"""Frequency tables of closed items, tidy: one row per item × category.

``percent`` is unrounded and computed on ``base`` (substantive answers by default:
"Vet ikke"-type categories are counted but left out of the base unless
``include_missing=True``). Rounding happens only when presenting.

Examples
--------
>>> from toolkit import read_surveyxact
>>> from toolkit.data import example_round
>>> survey = read_surveyxact(example_round())
>>> table = frequencies(survey, ["s_10"])
>>> table[["category", "n", "base", "substantive"]]
   category    n  base  substantive
0        Ja  108   161         True
1       Nei   53   161         True
2  Vet ikke   16   161        False
>>> round(table["percent"].iloc[0], 1)
67.1
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from toolkit.errors import UsageError
from toolkit.surveys.survey import Survey

COLUMNS = [
    "variable",
    "question",
    "question_text",
    "item_text",
    "category",
    "code",
    "n",
    "percent",
    "base",
    "substantive",
]


def frequencies(
    survey: Survey, variables: list[str] | str, *, include_missing: bool = False
) -> pd.DataFrame:
    """Counts and percentages per category for single-choice items (see module docs)."""
    if isinstance(variables, str):
        variables = (
            survey.variables(variables)
            if variables in set(survey.codebook["question"])
            else [variables]
        )
    frames = [_one(survey, v, include_missing) for v in variables]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=COLUMNS)


def _one(survey: Survey, variable: str, include_missing: bool) -> pd.DataFrame:
    entry = survey.entry(variable)
    if entry["value_type"] != "single":
        raise UsageError(
            f"{variable} is not a single-choice item (it is {entry['type']})",
            hint="frequencies() takes single-choice items; multi-response sets come later",
        )
    column = survey.data[variable]
    categories = list(column.cat.categories)
    counts = np.bincount(column.cat.codes.to_numpy() + 1, minlength=len(categories) + 1)[1:]
    codes = sorted({*entry["labels"], *entry["unknown_codes"]})
    substantive = np.array([c not in entry["missing_codes"] for c in codes], dtype=bool)
    base = int(counts.sum() if include_missing else counts[substantive].sum())
    with np.errstate(invalid="ignore", divide="ignore"):
        percent = np.where(substantive | include_missing, 100 * counts / base, np.nan)
    return pd.DataFrame(
        {
            "variable": variable,
            "question": entry["question"],
            "question_text": entry["question_text"],
            "item_text": entry["item_text"],
            "category": categories,
            "code": codes,
            "n": counts.astype("int64"),
            "percent": percent,
            "base": base,
            "substantive": substantive,
        },
        columns=COLUMNS,
    )


__all__ = ["frequencies"]
