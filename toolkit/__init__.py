"""toolkit: SurveyXact exports and coded interviews into tidy tables for evaluation reports.

Examples
--------
>>> import toolkit
>>> survey = toolkit.read_surveyxact(toolkit.data.example_round())
>>> survey.n
190
"""

from toolkit import data
from toolkit.analysis import (
    compare_groups,
    declare_scale,
    frequencies,
    item_statistics,
    likert_summary,
    multi_response,
)
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
from toolkit.interviews import (
    Corpus,
    read_corpus,
    read_framework_matrix,
    read_segments,
)
from toolkit.present import likert_chart, likert_table, save_figure, to_excel
from toolkit.surveys import MISSING_LABELS, Survey, is_missing_label, read_surveyxact

__version__ = "0.1.0"

__all__ = [
    "MISSING_LABELS",
    "Corpus",
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
    "compare_groups",
    "data",
    "declare_scale",
    "frequencies",
    "is_missing_label",
    "item_statistics",
    "likert_chart",
    "likert_summary",
    "likert_table",
    "multi_response",
    "read_corpus",
    "read_framework_matrix",
    "read_segments",
    "read_surveyxact",
    "save_figure",
    "to_excel",
]
