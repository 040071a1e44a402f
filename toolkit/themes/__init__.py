"""Themes stage: code frequencies, matrix queries, co-occurrence, quotes, agreement and
open survey comments over a Corpus."""

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

__all__ = [
    "CodeMatrix",
    "Quantifiers",
    "agreement",
    "code_by_dictionary",
    "code_frequencies",
    "code_matrix",
    "cohen_kappa",
    "comments_corpus",
    "cooccurrence",
    "describe",
    "keyword_in_context",
    "krippendorff_alpha",
    "quotes",
    "word_frequencies",
    "x_av_y",
]
