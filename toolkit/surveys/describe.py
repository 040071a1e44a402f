"""What an export holds, as a JSON-ready dict (``toolkit inspect EXPORT``): format,
encoding, sheets, respondents, variables by question type, personal variables, unknown
codes, problems and the files read.

Examples
--------
>>> from toolkit.data import example_round
>>> info = describe_export(example_round())
>>> info["format"], info["respondents"], info["personal_variables"]
('xlsx', 258, ['name', 'email'])
"""

from __future__ import annotations


def describe_export(path, *, encoding: str | None = None, sep: str | None = None) -> dict:
    """What ``toolkit inspect`` reports about an export (module docstring).

    Parameters
    ----------
    path
        The export (.xlsx, a CSV folder, .sav).
    encoding, sep
        As for :func:`~toolkit.read_surveyxact`.

    Returns
    -------
    dict
        JSON-ready facts about the export.

    Examples
    --------
    See the module's example.
    """
    from toolkit.surveys.read import read_surveyxact

    survey = read_surveyxact(path, encoding=encoding, sep=sep)
    book = survey.codebook
    unknown = book[book["unknown_codes"].map(len) > 0]
    by_type = survey.overview()
    return {
        "path": str(path),
        "format": survey.source.format,
        "encoding": survey.source.encoding,
        "separator": survey.source.separator,
        "sheets": list(survey.source.sheets),
        "respondents": survey.n,
        "variables": len(book),
        "questions_by_type": {
            t: {"questions": int(r.questions), "variables": int(r.variables)}
            for t, r in by_type.iterrows()
        },
        "personal_variables": list(book.loc[book["personal"], "variable"]),
        "unknown_codes": {r.variable: list(r.unknown_codes) for r in unknown.itertuples()},
        "problems": survey.problems.groupby("kind").size().astype(int).to_dict(),
        "files": [vars(f) for f in survey.source.files],
    }
