"""Themes stage: code frequencies, matrix queries, co-occurrence, quotes, agreement and
open survey comments over a Corpus."""

from typing import TYPE_CHECKING

from toolkit._lazy import attach

if TYPE_CHECKING:  # the exports, imported when first used (toolkit._lazy)
    from toolkit.themes.agreement import agreement, cohen_kappa, krippendorff_alpha
    from toolkit.themes.comments import (
        code_by_dictionary,
        comments_corpus,
        keyword_in_context,
        word_frequencies,
    )
    from toolkit.themes.frequencies import code_frequencies
    from toolkit.themes.matrix import CodeMatrix, code_matrix, cooccurrence
    from toolkit.themes.quotes import quotes
    from toolkit.themes.wording import Quantifiers, describe, x_av_y

__getattr__, __dir__, __all__ = attach(__name__, __file__)
