"""Multi-response options of respondents who never reached the question.

SurveyXact writes 0 ("Ikke valgt") for every option of a multi-response question, also for
respondents who never saw it: invitations never answered ("Distribuert") and respondents
who stopped before it ("Noen svar"). Counting those zeros as answers would put people who
never answered into the base. An option set is therefore blank (<NA>) for a respondent
when none of its options is ticked **and** the respondent answered nothing at or after the
question (in questionnaire order). ``multi_response`` bases, ``missing_per_item`` and the
response status then agree. Each question's count is reported in ``problems``.

Examples
--------
>>> import pandas as pd
>>> book = pd.DataFrame({"variable": ["q", "m_1", "m_2"], "question": ["q", "m", "m"],
...     "position": [0, 1, 2], "role": "question",
...     "value_type": ["single", "multiple", "multiple"]})
>>> data = pd.DataFrame({"q": pd.Categorical(["a", "b", None]),
...     "m_1": pd.array([True, False, False]), "m_2": pd.array([False, False, False])})
>>> from toolkit.problems import Problems
>>> blank_unreached(data, book, Problems(), file="x")
>>> data["m_1"].tolist()
[True, <NA>, <NA>]
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def _answered(column: pd.Series, value_type: str) -> np.ndarray:
    """Which respondents answered one question variable (a ticked option, for a set)."""
    if value_type == "multiple":
        return column.to_numpy(dtype=bool, na_value=False)
    if isinstance(column.dtype, pd.CategoricalDtype):
        return column.cat.codes.to_numpy() >= 0
    return column.notna().to_numpy()


def _answered_from(data: pd.DataFrame, book: pd.DataFrame, starts: set[int]) -> dict:
    """For each start (a position in ``book``'s order): did the respondent answer anything
    at or after it? Walked back from the last question, no further than the first start."""
    seen = np.zeros(len(data), dtype=bool)
    out = {}
    variables, types = list(book["variable"]), list(book["value_type"])
    for i in range(len(variables) - 1, min(starts) - 1, -1):
        seen |= _answered(data[variables[i]], types[i])
        if i in starts:
            out[i] = seen.copy()
    return out


COMPLETE = {"gjennomført", "gennemført", "fullført", "completed", "complete", "genomförd"}


def _completed(data: pd.DataFrame, codebook: pd.DataFrame) -> np.ndarray:
    """Respondents whose SurveyXact status says they completed the survey."""
    status = codebook[codebook["role"] == "status"]
    if status.empty:
        return np.zeros(len(data), dtype=bool)
    chosen = [
        v
        for v, text in zip(status["variable"], status["choice_text"], strict=True)
        if str(text or "").strip().lower() in COMPLETE
    ]
    if not chosen:
        return np.zeros(len(data), dtype=bool)
    return data[chosen].fillna(False).to_numpy(dtype=bool).any(axis=1)


def blank_unreached(data: pd.DataFrame, codebook: pd.DataFrame, problems, *, file: str) -> None:
    """Set the options of unreached multi-response questions to <NA> (see module)."""
    book = codebook[codebook["role"] == "question"].sort_values("position")
    multi = book[book["value_type"] == "multiple"]
    if multi.empty:
        return
    completed = _completed(data, codebook)
    column_of = {v: i for i, v in enumerate(book["variable"])}
    groups = [(q, list(o["variable"])) for q, o in multi.groupby("question", sort=False)]
    firsts = {q: min(column_of[v] for v in names) for q, names in groups}
    later = _answered_from(data, book, set(firsts.values()))
    for question, names in groups:
        ticked, zeros = np.zeros(len(data), dtype=bool), np.zeros(len(data), dtype=bool)
        for name in names:  # (column by column: pandas' row-wise any is slow on masks)
            ticked |= data[name].to_numpy(dtype=bool, na_value=False)
            zeros |= ~data[name].to_numpy(dtype=bool, na_value=True)
        unreached = ~ticked & zeros & ~later[firsts[question]] & ~completed
        if not unreached.any():
            continue
        for name in names:
            values = data[name].array.copy()
            values[unreached] = pd.NA
            data[name] = values
        problems.add(
            "multi-not-reached",
            f"{question}: {int(unreached.sum())} respondent(s) answered nothing from this "
            "question on; their unticked options are blank, not 'Ikke valgt'",
            file=file,
            variable=question,
            count=int(unreached.sum()),
        )
