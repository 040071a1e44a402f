"""toolkit: SurveyXact exports and coded interviews into tidy tables for evaluation reports.

Examples
--------
>>> import toolkit
>>> survey = toolkit.read_surveyxact(toolkit.data.example_round())
>>> survey.n  # every office invited, respondents or not
258
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
from toolkit.interviews.privacy import Redactor
from toolkit.present import likert_chart, likert_table, save_figure, to_excel
from toolkit.present.joint import joint_display
from toolkit.surveys import MISSING_LABELS, Survey, is_missing_label, read_surveyxact
from toolkit.themes import (
    agreement,
    code_by_dictionary,
    code_frequencies,
    code_matrix,
    comments_corpus,
    cooccurrence,
    describe,
    quotes,
    word_frequencies,
    x_av_y,
)

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
    "Redactor",
    "StructureMismatchError",
    "Survey",
    "ToolkitError",
    "UsageError",
    "agreement",
    "code_by_dictionary",
    "code_frequencies",
    "code_matrix",
    "comments_corpus",
    "compare_groups",
    "cooccurrence",
    "data",
    "declare_scale",
    "describe",
    "frequencies",
    "is_missing_label",
    "item_statistics",
    "joint_display",
    "likert_chart",
    "likert_summary",
    "likert_table",
    "multi_response",
    "quotes",
    "read_corpus",
    "read_framework_matrix",
    "read_segments",
    "read_surveyxact",
    "save_figure",
    "to_excel",
    "word_frequencies",
    "x_av_y",
]
