"""Weighting: raking to population margins and post-stratification to population cells,
with the diagnostics a report states (targets vs achieved, design effect, effective n)."""

from toolkit.prepare.weights.cells import cell_weights
from toolkit.prepare.weights.rake import rake
from toolkit.prepare.weights.result import Weights, kish
from toolkit.prepare.weights.targets import margins_from

__all__ = ["Weights", "cell_weights", "kish", "margins_from", "rake"]
