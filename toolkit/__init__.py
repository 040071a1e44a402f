"""toolkit: SurveyXact exports and coded interviews into tidy tables for evaluation reports.

Examples
--------
>>> import toolkit
>>> survey = toolkit.read_surveyxact(toolkit.data.example_round())
>>> survey.n  # every office invited, respondents or not
258
"""

from typing import TYPE_CHECKING

from toolkit._lazy import attach

if TYPE_CHECKING:  # the exports, imported when first used (toolkit._lazy)
    from toolkit import data
    from toolkit.analysis import (
        DidResult,
        change_summary,
        change_table,
        compare_groups,
        declare_scale,
        did_summary,
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
        AuditError,
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
        Redactor,
        read_corpus,
        read_framework_matrix,
        read_segments,
    )
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
    from toolkit.present import (
        change_chart,
        change_report_table,
        coefficient_chart,
        comparison_table,
        did_report_table,
        flow_chart,
        flow_table,
        joint_display,
        likert_chart,
        likert_table,
        means_chart,
        means_table,
        proportions_table,
        regression_table,
        response_rate_table,
        save_figure,
        to_excel,
        trend_chart,
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

__getattr__, __dir__, __all__ = attach(__name__, __file__)
