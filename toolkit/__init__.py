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
    DidResult,
    change_table,
    compare_groups,
    declare_scale,
    did_table,
    eta_squared,
    frequencies,
    item_statistics,
    likert_summary,
    means,
    multi_response,
    proportions,
    regression,
)
from toolkit.check import Findings, check_draft
from toolkit.errors import (
    ConfigError,
    CorruptFileError,
    DuplicateRespondentError,
    EmptyDatasetError,
    EncodingError,
    ExportFormatError,
    LimitExceededError,
    MissingFileError,
    PrivacyError,
    StructureMismatchError,
    ToolkitError,
    UnsafeFileError,
    UsageError,
    WeightingError,
)
from toolkit.interviews import (
    Corpus,
    read_corpus,
    read_framework_matrix,
    read_segments,
)
from toolkit.interviews.privacy import Redactor
from toolkit.prepare import (
    Weights,
    answered,
    cell_weights,
    exclude_outliers,
    key_items,
    margins_from,
    rake,
    response_rates,
    rule,
    sample_flow,
)
from toolkit.present import likert_chart, likert_table, save_figure, to_excel
from toolkit.present.change import change_chart, change_report_table, did_report_table, trend_chart
from toolkit.present.joint import joint_display
from toolkit.present.stats_charts import coefficient_chart, flow_chart, means_chart
from toolkit.present.stats_tables import (
    comparison_table,
    flow_table,
    means_table,
    proportions_table,
    regression_table,
    response_rate_table,
    weighting_table,
)
from toolkit.rounds import Rounds, compare_codebooks, read_rounds
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
    "ConfigError",
    "Corpus",
    "CorruptFileError",
    "DidResult",
    "DuplicateRespondentError",
    "EmptyDatasetError",
    "EncodingError",
    "ExportFormatError",
    "Findings",
    "LimitExceededError",
    "MissingFileError",
    "PrivacyError",
    "Redactor",
    "Rounds",
    "StructureMismatchError",
    "Survey",
    "ToolkitError",
    "UnsafeFileError",
    "UsageError",
    "WeightingError",
    "Weights",
    "agreement",
    "answered",
    "cell_weights",
    "change_chart",
    "change_report_table",
    "change_table",
    "check_draft",
    "code_by_dictionary",
    "code_frequencies",
    "code_matrix",
    "coefficient_chart",
    "comments_corpus",
    "compare_codebooks",
    "compare_groups",
    "comparison_table",
    "cooccurrence",
    "data",
    "declare_scale",
    "describe",
    "did_report_table",
    "did_table",
    "eta_squared",
    "exclude_outliers",
    "flow_chart",
    "flow_table",
    "frequencies",
    "is_missing_label",
    "item_statistics",
    "joint_display",
    "key_items",
    "likert_chart",
    "likert_summary",
    "likert_table",
    "margins_from",
    "means",
    "means_chart",
    "means_table",
    "multi_response",
    "proportions",
    "proportions_table",
    "quotes",
    "rake",
    "read_corpus",
    "read_framework_matrix",
    "read_rounds",
    "read_segments",
    "read_surveyxact",
    "regression",
    "regression_table",
    "response_rate_table",
    "response_rates",
    "rule",
    "sample_flow",
    "save_figure",
    "to_excel",
    "trend_chart",
    "weighting_table",
    "word_frequencies",
    "x_av_y",
]
