"""Analysis stage: Likert and frequency summaries, multi-response sets, group comparisons."""

from toolkit.analysis.compare import compare_groups
from toolkit.analysis.likert import frequencies, item_statistics, likert_summary
from toolkit.analysis.multi import multi_response
from toolkit.surveys.scales import Scale, declare_scale, detect_scale

__all__ = [
    "Scale",
    "compare_groups",
    "declare_scale",
    "detect_scale",
    "frequencies",
    "item_statistics",
    "likert_summary",
    "multi_response",
]
