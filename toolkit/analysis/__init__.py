"""Analysis stage: Likert and frequency summaries, multi-response sets, group comparisons."""

from toolkit.analysis.change import DidResult, change_table, did_table
from toolkit.analysis.compare import compare_groups
from toolkit.analysis.design import means, proportions
from toolkit.analysis.likert import frequencies, item_statistics, likert_summary
from toolkit.analysis.multi import multi_response
from toolkit.analysis.regression import Model, eta_squared, regression
from toolkit.surveys.scales import Scale, declare_scale, detect_scale

__all__ = [
    "DidResult",
    "Model",
    "Scale",
    "change_table",
    "compare_groups",
    "declare_scale",
    "detect_scale",
    "did_table",
    "eta_squared",
    "frequencies",
    "item_statistics",
    "likert_summary",
    "means",
    "multi_response",
    "proportions",
    "regression",
]
