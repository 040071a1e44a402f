"""Prepare stage: response rates, the sample flow (the analytic sample) and weights."""

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

__all__ = [
    "Rule",
    "SampleFlow",
    "Weights",
    "answered",
    "cell_weights",
    "dispositions",
    "exclude_outliers",
    "key_items",
    "kish",
    "margins_from",
    "rake",
    "response_rates",
    "rule",
    "sample_flow",
]
