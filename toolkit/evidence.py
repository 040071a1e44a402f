"""What kind of evidence a path holds: a SurveyXact export, coded interview material, or a
segment table (a framework matrix) from a QDA tool.

Told apart by extension and, for a workbook, by its sheets (a SurveyXact export has a
Dataset sheet); ``toolkit inspect`` and ``toolkit redact`` use it, and so can a notebook
that reads whatever lies in a folder.

Examples
--------
>>> from toolkit.data import example_project, example_round
>>> evidence_kind(example_round()), evidence_kind(example_project("docx"))
('survey', 'corpus')
"""

from __future__ import annotations

from pathlib import Path

#: extensions of coded interview material (projects and transcripts)
CORPUS_SUFFIXES = frozenset({".qdpx", ".qde", ".docx", ".txt"})


def is_corpus(path: str | Path) -> bool:
    """Whether a path is interview material rather than a survey export.

    Parameters
    ----------
    path
        A file, or a folder of transcripts or of a CSV export.

    Returns
    -------
    bool
        True for a coded project or transcripts (by extension, or a folder holding them and
        no survey export).

    Examples
    --------
    >>> from toolkit.data import example_project
    >>> is_corpus(example_project("txt")), is_corpus("ledere_2026.xlsx")
    (True, False)
    """
    target = Path(path)
    if target.is_dir():
        suffixes = {p.suffix.lower() for p in target.iterdir()}
        survey = {"dataset.csv"} & {p.name.lower() for p in target.iterdir()}
        return not survey and bool(suffixes & CORPUS_SUFFIXES) and not suffixes & {".xlsx", ".sav"}
    return target.suffix.lower() in CORPUS_SUFFIXES


def evidence_kind(path: str | Path) -> str:
    """``"survey"``, ``"corpus"`` or ``"segments"`` for a path (see module docstring).

    Parameters
    ----------
    path
        An export, a coded project, transcripts or a segment table.

    Returns
    -------
    str
        The kind, as ``toolkit inspect --kind`` takes it.

    Examples
    --------
    >>> evidence_kind("segmenter.csv"), evidence_kind("dataset.csv")
    ('segments', 'survey')
    """
    from toolkit.rawfiles.workbook import XLS, XLSX, sheet_names_of  # (pandas: not at --help)
    from toolkit.surveys.read_csv import MEMBERS
    from toolkit.surveys.read_xlsx import dataset_sheets

    target = Path(path)
    if is_corpus(path):
        return "corpus"
    suffix = target.suffix.lower()
    if suffix in XLS or (suffix in {".csv", ".tsv"} and target.stem.lower() not in MEMBERS):
        return "segments"
    if suffix in XLSX and target.is_file():
        return "survey" if dataset_sheets(sheet_names_of(target)) else "segments"
    return "survey"
