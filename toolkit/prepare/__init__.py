"""Prepare stage: response rates, the sample flow (the analytic sample) and weights."""

from typing import TYPE_CHECKING

from toolkit._lazy import attach

if TYPE_CHECKING:  # the exports, imported when first used (toolkit._lazy)
    from toolkit.prepare.flow import (
        Rule,
        SampleFlow,
        answered,
        exclude_outliers,
        key_items,
        rule,
        sample_flow,
    )
    from toolkit.prepare.response import dispositions, response_rates
    from toolkit.prepare.weights import Weights, cell_weights, kish, margins_from, rake

__getattr__, __dir__, __all__ = attach(__name__, __file__)
