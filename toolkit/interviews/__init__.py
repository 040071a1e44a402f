"""Interview stage: coded transcripts (REFI-QDA, Word, inline text, segment tables,
framework matrices) into a tidy Corpus."""

from toolkit.interviews.corpus import Corpus
from toolkit.interviews.read import read_corpus, read_docx, read_text
from toolkit.interviews.refi import read_refi

__all__ = ["Corpus", "read_corpus", "read_docx", "read_refi", "read_text"]
