"""Item plumbing every analysis shares: which items a name means, their codebook rows and
scales, and the metadata a result carries (its breakdown columns, how it is weighted).

:func:`breakdown_columns` is the one way to find a result's breakdown (``by``) columns: every
producer records them in ``attrs["by"]`` (:func:`with_by`); a table made by hand without the
record falls back on the columns that are not result columns of a summary, an estimate or a
multi-response table.

Examples
--------
>>> from toolkit import likert_summary, means, read_surveyxact
>>> from toolkit.data import example_round
>>> survey = read_surveyxact(example_round())
>>> breakdown_columns(likert_summary(survey, "b1_1", by="kontorstr"))
['kontorstr']
>>> breakdown_columns(means(survey, "b1_1", by=["region", "kontorstr"]))
['region', 'kontorstr']
>>> resolve_items(survey, "b2", need_scale=False)[:2]
['b2_1', 'b2_2']
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import numpy as np
import pandas as pd

from toolkit.errors import UsageError
from toolkit.surveys.scales import Scale, detect_scale
from toolkit.surveys.survey import Survey

Items = str | Sequence[str] | None


def resolve_items(
    survey: Survey, items: Items, *, need_scale: bool, include_personal: bool = False
) -> list[str]:
    """Variables from item names, question names (a grid) or None (every scale item).
    Personal columns are refused unless ``include_personal``."""
    book = survey.codebook
    singles = book[(book["value_type"] == "single") & (include_personal | ~book["personal"])]
    if items is not None:
        names = [items] if isinstance(items, str) else list(items)
        survey.guard_personal(names, include_personal=include_personal)
    if items is None:
        chosen = singles[singles["role"] == "question"]["variable"]
        book = entries(survey)
        return [
            v for v in chosen if not need_scale or scale_of(survey, v, entry=book[v]) is not None
        ]
    names = [items] if isinstance(items, str) else list(items)
    out: list[str] = []
    variables, questions = set(singles["variable"]), set(singles["question"])
    for name in names:
        if name in variables:
            out.append(name)
        elif name in questions:
            out.extend(singles.loc[singles["question"] == name, "variable"])
        else:
            raise UsageError(
                f"{name!r} is neither a single-choice item nor a grid of them",
                file=survey.source.path,
                hint="give item names (b1_1) or question names (b1); see survey.questions()",
            )
    return out


def substantive_mask(entry) -> np.ndarray:
    codes = sorted({*entry["labels"], *entry["unknown_codes"]})
    return np.array([c not in entry["missing_codes"] for c in codes], dtype=bool)


def entries(survey: Survey) -> dict[str, dict]:
    """Codebook rows as plain dicts (row lookups on the frame are slow in a loop)."""
    book = survey.codebook
    names = list(book.columns)
    rows = zip(*(book[name].tolist() for name in names), strict=True)
    return {row["variable"]: row for row in (dict(zip(names, r, strict=True)) for r in rows)}


def scale_of(
    survey: Survey, variable: str, scales: dict | None = None, entry: dict | None = None
) -> Scale | None:
    entry = entry if entry is not None else entries(survey)[variable]
    declared = (scales or {}).get(variable) or (scales or {}).get(entry["question"])
    if declared is not None:
        return declared
    cats = np.asarray(survey.data[variable].cat.categories, dtype=object)
    return _detect(tuple(cats[substantive_mask(entry)]))


@lru_cache(maxsize=1024)
def _detect(labels: tuple[str, ...]) -> Scale | None:
    return detect_scale(labels)


#: The columns of a summary, in order; the ``by`` columns stand after ``item_text``.
SUMMARY_COLUMNS = [
    "item",
    "question",
    "question_text",
    "item_text",
    "category",
    "position",
    "code",
    "substantive",
    "n",
    "percent",
    "base",
    "unweighted_n",
    "unweighted_base",
    "suppressed",
    "suppressed_reason",
    "scale",
]


#: the result columns of a means or proportions table (:func:`toolkit.analysis.means`)
ESTIMATE_COLUMNS = frozenset(
    "item question question_text item_text mean se ci_low ci_high base n_effective df value "
    "percent method suppressed suppressed_reason".split()
)
#: the result columns of a multi-response table (:func:`toolkit.analysis.multi_response`)
MULTI_COLUMNS = frozenset(
    "variable option n base unweighted_base percent_of_cases percent_of_responses "
    "suppressed suppressed_reason free_text n_free_text".split()
)
_RESULT = set(SUMMARY_COLUMNS) | ESTIMATE_COLUMNS | MULTI_COLUMNS


def with_by(table: pd.DataFrame, by) -> pd.DataFrame:
    """Record ``by`` (a name, names or None) as the table's breakdown columns.

    Parameters
    ----------
    table
        A result table.
    by
        Its breakdown variables.

    Returns
    -------
    DataFrame
        ``table``, with ``attrs["by"]``.
    """
    table.attrs["by"] = [] if by is None else [by] if isinstance(by, str) else list(by)
    return table


def breakdown_columns(table: pd.DataFrame) -> list[str]:
    """The breakdown (``by``) columns of any result table (see module docstring).

    Parameters
    ----------
    table
        A summary, estimate or multi-response table.

    Returns
    -------
    list of str
        Its breakdown columns, in order.
    """
    recorded = table.attrs.get("by")
    if recorded is not None:
        return [c for c in recorded if c in table.columns]
    return [c for c in table.columns if c not in _RESULT]


def with_attrs(table: pd.DataFrame, survey: Survey, weight) -> pd.DataFrame:
    """Metadata that travels with a summary: the analytic sample (name and N, so a report
    prints one N for one sample) and how it is weighted ("Vektet etter …" or None)."""
    table.attrs["sample"] = survey.sample.to_dict()
    table.attrs["weighted"] = weight_note(survey, weight)
    return table


def weight_note(survey: Survey, weight) -> str | None:
    """How a weight describes itself in reports ("Vektet etter …"), or None."""
    if weight is None:
        return None
    if isinstance(weight, str):
        book = survey.codebook.set_index("variable")
        if weight in book.index and book.at[weight, "role"] == "weight":
            return str(book.at[weight, "question_text"])
    return "Vektet"
