"""Joint display: a survey item's result beside the interview theme that speaks to it.

Driven by a small mapping the researcher writes (item ↔ code). Each row shows the item,
the survey result in report form ("Delvis enig / Helt enig: 64 % (N=187)"), how many
informants per group raised the theme ("leder: fire av fire"), and one redacted quote
attributed by role, so the discussion chapter's words and numbers come from one place.

Examples
--------
>>> from toolkit import read_surveyxact, read_corpus
>>> from toolkit.data import example_round, example_project
>>> table = joint_display(read_surveyxact(example_round()),
...                       read_corpus(example_project("qdpx")),
...                       [{"item": "b1_3", "code": "Samarbeid/Med kommunen"}])
>>> table.iloc[0]["Survey"].replace("\xa0", " ")
'Delvis enig / Helt enig: 26 % (N=176)'
"""

from __future__ import annotations

import pandas as pd

from toolkit.analysis.items import scale_of
from toolkit.analysis.likert import likert_summary
from toolkit.interviews.corpus import Corpus
from toolkit.interviews.privacy import Redactor
from toolkit.present.style import NORWEGIAN, Style
from toolkit.surveys.scales import Scale
from toolkit.surveys.survey import Survey
from toolkit.themes.frequencies import code_frequencies
from toolkit.themes.quotes import quotes
from toolkit.themes.wording import x_av_y


def _survey_cell(survey: Survey, item: str, style: Style) -> str:
    summary = likert_summary(survey, item)
    substantive = summary[summary["substantive"]]
    scale: Scale | None = scale_of(survey, item)
    top = substantive.iloc[list(scale.top()) if scale else [len(substantive) - 1]]
    labels = " / ".join(top["category"])
    n = int(summary["unweighted_base"].iloc[0])
    return f"{labels}: {style.percent(top['percent'].sum())} (N={n})"


def joint_display(
    survey: Survey,
    corpus: Corpus,
    mapping: list[dict] | pd.DataFrame,
    *,
    by: str = "rolle",
    unit: str = "document",
    quote: bool = True,
    redactor: Redactor | None = None,
    style: Style = NORWEGIAN,
) -> pd.DataFrame:
    """One row per mapping entry (``item``, ``code``, optional ``label``): ``Påstand``,
    ``Survey``, ``Intervjuer`` and ``Sitat``.

    Parameters
    ----------
    survey
        The survey.
    corpus
        The coded interviews.
    mapping
        Entries of ``item``, ``code`` and an optional ``label``.
    by
        The interviews' attribute to count by.
    unit
        What is counted in the interviews.
    quote
        Add one redacted quote per row.
    redactor
        What to replace in the quotes.
    style
        Number style and language.

    Returns
    -------
    DataFrame
        One row per entry, as above.

    Examples
    --------
    See the module's example.
    """
    rows = []
    mapping = mapping.to_dict("records") if isinstance(mapping, pd.DataFrame) else mapping
    for entry in mapping:
        item, code = entry["item"], entry["code"]
        book = survey.entry(item)
        label = entry.get("label") or book["item_text"] or book["question_text"]
        freq = code_frequencies(corpus, by=by, unit=unit, rollup=True, codes=[code])
        counts = "; ".join(
            f"{g}: {x_av_y(int(n), int(u))}"
            for g, n, u in zip(freq[by], freq["n"], freq["units"], strict=True)
            if u
        )
        cell = ""
        if quote:
            found = quotes(corpus, code, per_group=1, min_words=6, redactor=redactor)
            if len(found):
                role = found.iloc[0]["role"] or "informant"
                cell = f"«{found.iloc[0]['quote']}» ({role})"
        rows.append(
            {
                "Påstand": label,
                "Survey": _survey_cell(survey, item, style),
                "Tema": code,
                "Intervjuer": counts,
                "Sitat": cell,
            }
        )
    return pd.DataFrame(rows, columns=["Påstand", "Survey", "Tema", "Intervjuer", "Sitat"])
