"""The Corpus: documents, code tree, coded segments, speaker turns and cases, as tidy tables.

Offsets are Python string indices into ``documents.text`` (end exclusive), after newline
normalisation (CRLF and CR become LF; the original text is kept in ``original_text`` when
it differed). Every loader guarantees ``segment.text == documents.text[start:end]``.
Analyses identify a code by its ``path`` ("Tema/Undertema") or id, never by name alone.
Words are numbered once, when the corpus is made (see :func:`~toolkit.interviews.text.
word_numbers`): ``documents.words`` is a document's length in words, and a passage covers
its document's words ``word_start`` … ``word_end - 1`` (coverage counts these).

Examples
--------
>>> from toolkit.interviews import read_corpus
>>> from toolkit.data import example_project
>>> corpus = read_corpus(example_project("qdpx"))
>>> len(corpus.documents), int(corpus.codes["path"].str.contains("/").sum())
(18, 8)
>>> seg = corpus.segments.iloc[0]
>>> text = corpus.documents.set_index("document").at[seg["document"], "text"]
>>> text[seg["start"]:seg["end"]] == seg["text"]
True
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

import pandas as pd

DOCUMENT_COLUMNS = ["document", "name", "text", "original_text", "words"]
CODE_COLUMNS = ["code", "name", "parent", "path", "depth", "description", "color"]
SEGMENT_COLUMNS = [
    "segment",
    "document",
    "code",
    "path",
    "start",
    "end",
    "word_start",
    "word_end",
    "text",
    "coder",
    "memo",
]
TURN_COLUMNS = ["document", "turn", "speaker", "start", "end", "timestamp"]


@dataclass(frozen=True)
class Corpus:
    """Coded qualitative material; each table is a tidy DataFrame (see module docstring)."""

    documents: pd.DataFrame
    codes: pd.DataFrame
    segments: pd.DataFrame
    turns: pd.DataFrame
    cases: pd.DataFrame
    case_documents: pd.DataFrame
    problems: pd.DataFrame
    source: dict = field(default_factory=dict)

    def to_frames(self) -> dict[str, pd.DataFrame]:
        """All tables by name, for pipelines (copies)."""
        names = ("documents", "codes", "segments", "turns", "cases", "case_documents", "problems")
        return {name: getattr(self, name).copy() for name in names}

    def pii_report(self, redactor=None) -> pd.DataFrame:
        """What redaction would remove from the documents (names you list, national ID
        numbers, phone numbers, e-mail): one row per finding."""
        from toolkit.interviews.privacy import pii_report

        return pii_report(self.documents, redactor)

    def attributes(self) -> list[str]:
        """Document attribute columns (role, office, group, type, …)."""
        return [c for c in self.documents.columns if c not in DOCUMENT_COLUMNS]

    def check(self) -> None:
        """Check the offset invariant for every segment: its text is its document's text
        from ``start`` to ``end`` (a :class:`~toolkit.errors.CorruptFileError` naming the
        segment and document otherwise; an error, not an ``assert``, which ``python -O``
        would skip)."""
        from toolkit.errors import CorruptFileError

        texts = self.documents.set_index("document")["text"]
        for seg in self.segments.itertuples(index=False):
            if texts[seg.document][seg.start : seg.end] != seg.text:
                raise CorruptFileError(
                    f"segment {seg.segment} does not match its document's text",
                    file=self.source.get("path"),
                    where=f"document {seg.document}, characters {seg.start}–{seg.end}",
                    hint="the coding project's offsets and texts disagree: export it again",
                )

    def __repr__(self) -> str:
        return (
            f"<Corpus {self.source.get('format', '?')} {self.source.get('path', '')!r}: "
            f"{len(self.documents)} documents, {len(self.codes)} codes, "
            f"{len(self.segments)} segments, {len(self.turns)} turns; "
            f"{len(self.problems)} problem(s)>"
        )

    def _repr_html_(self) -> str:
        docs = self.documents.drop(columns=["text", "original_text"]).head(10)
        per_code = (
            self.segments.groupby("path").size().rename("segments").to_frame()
            if len(self.segments)
            else pd.DataFrame()
        )
        title = html.escape(
            f"Corpus from {self.source.get('path', '')} ({self.source.get('format', '')})"
        )
        return (
            f"<div><strong>{title}</strong><p>{len(self.documents)} documents, "
            f"{len(self.codes)} codes, {len(self.segments)} coded segments, "
            f"{len(self.turns)} speaker turns, {len(self.problems)} problem(s)</p>"
            f"<h4>Documents</h4>{docs._repr_html_()}"
            f"<h4>Segments per code</h4>{per_code._repr_html_()}</div>"
        )
