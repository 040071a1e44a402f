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


def _answered(data: pd.DataFrame, book: pd.DataFrame) -> np.ndarray:
    """Respondents × question variables (in position order): did they answer it?"""
    columns = []
    for variable, value_type in zip(book["variable"], book["value_type"], strict=True):
        column = data[variable]
        if value_type == "multiple":
            columns.append(column.fillna(False).to_numpy(dtype=bool))
        else:
            columns.append(column.notna().to_numpy())
    return np.column_stack(columns) if columns else np.zeros((len(data), 0), dtype=bool)


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
    answered = _answered(data, book)
    order = np.arange(answered.shape[1])
    # last question variable each respondent answered (-1: none)
    last = np.where(
        answered.any(axis=1), answered.shape[1] - 1 - np.argmax(answered[:, ::-1], axis=1), -1
    )
    column_of = {v: i for i, v in zip(order, book["variable"], strict=True)}
    for question, options in multi.groupby("question", sort=False):
        names = list(options["variable"])
        first = min(column_of[v] for v in names)
        flags = data[names]
        ticked = flags.fillna(False).any(axis=1).to_numpy(dtype=bool)
        zeros = flags.eq(False).fillna(False).any(axis=1).to_numpy(dtype=bool)
        unreached = ~ticked & zeros & (last < first) & ~completed
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
