"""Weighting: raking to population margins and post-stratification to population cells,
with the diagnostics a report states (targets vs achieved, design effect, effective n)."""

from typing import TYPE_CHECKING

from toolkit._lazy import attach

if TYPE_CHECKING:  # the exports, imported when first used (toolkit._lazy)
    from toolkit.prepare.weights.cells import cell_weights
    from toolkit.prepare.weights.rake import rake
    from toolkit.prepare.weights.result import Weights, kish
    from toolkit.prepare.weights.targets import margins_from

__getattr__, __dir__, __all__ = attach(__name__, __file__)
