"""Interview stage: coded transcripts (REFI-QDA, Word, inline text, segment tables,
framework matrices) into a tidy Corpus."""

from typing import TYPE_CHECKING

from toolkit._lazy import attach

if TYPE_CHECKING:  # the exports, imported when first used (toolkit._lazy)
    from toolkit.interviews.corpus import Corpus
    from toolkit.interviews.matrix import read_framework_matrix
    from toolkit.interviews.privacy import Redactor
    from toolkit.interviews.read import read_corpus, read_docx, read_text
    from toolkit.interviews.refi import read_refi
    from toolkit.interviews.tables import read_segments

__getattr__, __dir__, __all__ = attach(__name__, __file__)
