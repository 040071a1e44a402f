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


__all__ = ["questions"]
