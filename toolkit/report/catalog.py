"""The questions a report covers, from the codebook alone (no analysis or chart library is
imported here, so a configuration is checked against an export in a second or two).

Examples
--------
>>> from toolkit import read_surveyxact
>>> from toolkit.data import example_round
>>> questions(read_surveyxact(example_round()))[:4]
['b1', 'b2', 't1', 's_10']
"""

from __future__ import annotations

from toolkit.errors import UsageError
from toolkit.surveys.codebook import text_of
from toolkit.surveys.survey import Survey


def questions(survey: Survey) -> list[str]:
    """The questions a report covers, in questionnaire order: question items that are not
    personal and not the "Annet, spesifiser" text of another question.

    Parameters
    ----------
    survey
        A survey.

    Returns
    -------
    list of str
        Question names, each once.

    Examples
    --------
    See the module's example.
    """
    book = survey.codebook
    book = book[(book["role"] == "question") & ~book["personal"] & book["other_of"].isna()]
    return list(dict.fromkeys(book["question"]))


def variables_of(survey: Survey, question: str) -> list[str]:
    """The variables of ``question`` (a grid's items, or the one variable)."""
    book = survey.codebook
    names = list(book.loc[book["question"] == question, "variable"])
    if not names:
        close = [q for q in questions(survey) if q[:1] == question[:1]][:8]
        raise UsageError(
            f"no question {question!r} in this survey",
            file=survey.source.path,
            hint=f"questions like it: {', '.join(close) or 'none'}; see survey.questions()",
        )
    return names


def question_kind(survey: Survey, question: str) -> str:
    """grid, single, multiple, numeric, date or open."""
    names = variables_of(survey, question)
    kind = survey.entry(names[0])["type"]
    if kind == "single" and len(names) > 1:
        return "grid"
    return "single" if kind == "background" else str(kind)


def question_title(survey: Survey, question: str) -> str:
    """The question's text (a grid's stem), else its label."""
    names = variables_of(survey, question)
    entry = survey.entry(names[0])
    stem = entry["question_text"]
    return str(stem) if isinstance(stem, str) and stem.strip() else text_of(entry)
