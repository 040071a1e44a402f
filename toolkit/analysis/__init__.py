"""Analysis stage: Likert and frequency summaries, multi-response sets, group comparisons."""

from typing import TYPE_CHECKING

from toolkit._lazy import attach

if TYPE_CHECKING:  # the exports, imported when first used (toolkit._lazy)
    from toolkit.analysis.change import change_summary, change_table
    from toolkit.analysis.compare import compare_groups
    from toolkit.analysis.design import means, proportions
    from toolkit.analysis.did import DidResult, did_summary, did_table
    from toolkit.analysis.likert import frequencies, item_statistics, likert_summary
    from toolkit.analysis.multi import multi_response
    from toolkit.analysis.regression import Model, eta_squared, regression
    from toolkit.surveys.scales import Scale, declare_scale, detect_scale

__getattr__, __dir__, __all__ = attach(__name__, __file__)
