"""toolkit: SurveyXact exports and coded interviews into tidy tables for evaluation reports.

Examples
--------
>>> import toolkit
>>> survey = toolkit.read_surveyxact(toolkit.data.example_round())
>>> survey.n
190
"""

from toolkit import data
from toolkit.errors import (
    CorruptFileError,
    DuplicateRespondentError,
    EmptyDatasetError,
    EncodingError,
    ExportFormatError,
    MissingFileError,
    StructureMismatchError,
    ToolkitError,
    UsageError,
)
from toolkit.surveys import MISSING_LABELS, Survey, is_missing_label, read_surveyxact

__version__ = "0.1.0"

__all__ = [
    "MISSING_LABELS",
    "CorruptFileError",
    "DuplicateRespondentError",
    "EmptyDatasetError",
    "EncodingError",
    "ExportFormatError",
    "MissingFileError",
    "StructureMismatchError",
    "Survey",
    "ToolkitError",
    "UsageError",
    "data",
    "is_missing_label",
    "read_surveyxact",
]
