"""Interview stage: coded transcripts (REFI-QDA, Word, inline text, segment tables,
framework matrices) into a tidy Corpus."""

from toolkit.interviews.corpus import Corpus
from toolkit.interviews.matrix import read_framework_matrix
from toolkit.interviews.read import read_corpus, read_docx, read_text
from toolkit.interviews.refi import read_refi
from toolkit.interviews.tables import read_segments

__all__ = [
    "Corpus",
    "read_corpus",
    "read_docx",
    "read_framework_matrix",
    "read_refi",
    "read_segments",
    "read_text",
]
