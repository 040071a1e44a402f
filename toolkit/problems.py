"""Problems found while loading: collected, never silent.

A loader keeps going where it can (unknown codes, repaired rows, columns missing from the
structure file) and records each finding in a :class:`Problems` log. The log becomes a
tidy DataFrame (``survey.problems``), one row per finding, so a researcher can filter,
count and report them.

Examples
--------
>>> log = Problems()
>>> log.add("unknown-code", "code 7 has no label", file="labels.csv", variable="q_1",
...         values=[7], count=3)
>>> log.to_frame()[["kind", "variable", "count"]]
           kind variable  count
0  unknown-code      q_1      3
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

COLUMNS = ["severity", "kind", "file", "location", "variable", "message", "values", "count"]

#: What each kind of problem means; ``severity`` is ``"warning"`` when data may be wrong
#: or was changed, ``"info"`` when the toolkit only tells what it decided.
KINDS: dict[str, tuple[str, str]] = {
    "unknown-code": ("warning", "codes in the data that the labels do not define (kept raw)"),
    "unlabelled-variable": ("info", "a closed item without value labels (raw codes kept)"),
    "non-integer-code": ("warning", "a closed item holds values that are not whole numbers"),
    "multiple-not-binary": ("warning", "a multi-response item holds codes other than 0/1"),
    "duplicate-label": ("warning", "two codes share a label; made unique with the code"),
    "not-in-structure": ("info", "a dataset column the structure file does not describe"),
    "labels-without-variable": ("info", "labels for a variable the dataset lacks"),
    "repaired-row": ("warning", "a metadata row was repaired (separator inside text)"),
    "phantom-column": ("info", "an empty trailing column (trailing separator) was dropped"),
    "grid-without-stem": ("info", "grid items whose question text has an empty stem"),
    "duplicate-question-name": ("info", "unrelated variables shared a questionName"),
    "text-in-numeric": ("warning", "text in a numeric column; kept as text"),
    "spss-shortened-names": ("info", "variable names matched to the structure by position"),
    "error-cell": ("warning", "a spreadsheet error value (#N/A, #DIV/0!, #REF!) read as blank"),
    "formula-without-value": ("warning", "a formula cell without a cached value read as blank"),
    "declared-dimension": ("info", "a sheet declares another size than the cells it holds"),
    "bad-label-row": ("warning", "a label row whose code is not a number (left out)"),
    "nul-bytes": ("warning", "NUL bytes removed from text (a damaged or mis-encoded file)"),
    "long-answer": ("warning", "an open answer too long to keep whole (cut; the raw file has it)"),
    "nul-padding": ("warning", "a file ending in NUL bytes (cut off by a crash or full disk)"),
    "personal-column": ("info", "a column marked personal: left out of outputs unless asked"),
    "possible-missing-label": (
        "warning",
        "a label that looks non-substantive but is not in the list (counted as an answer)",
    ),
    "outside-scale-code": (
        "warning",
        "a code set apart from the scale, treated as non-substantive (not in means)",
    ),
    "round-undecided": (
        "warning",
        "a variable changed between rounds without a confirmed decision (left out of the stack)",
    ),
    "multi-not-reached": (
        "info",
        "multi-response options of respondents who never reached the question set to blank",
    ),
    # interviews
    "selection-outside-text": ("warning", "a coded selection lies outside its document"),
    "offset-unit": ("info", "selections counted in another unit than the standard's"),
    "unreadable-source": ("warning", "a source the toolkit cannot read (PDF, audio, …)"),
    "missing-code": ("warning", "a coding refers to a code the code book lacks"),
    "empty-comment": ("warning", "a Word comment without a code name"),
    "unknown-document": ("warning", "attributes for a document the corpus lacks"),
    "renamed-attribute": ("info", "an attribute renamed: its name is a column the toolkit sets"),
    "nothing-coded": ("warning", "a document without a single coded segment"),
    "empty-document": ("warning", "a document without text"),
    "duplicate-id": ("warning", "two codings share an id; the later one was given a new id"),
    "no-codings": ("warning", "a coded transcript with no codes (a Word file without comments)"),
    "unclosed-comment": ("warning", "a Word comment whose range never closes (not coded)"),
    "reversed-comment": ("warning", "a Word comment whose range ends before it starts (not coded)"),
    "unsafe-source-path": ("warning", "a source path outside the project folder (not read)"),
}


@dataclass
class Problems:
    """Mutable log used while loading; frozen into a DataFrame at the end."""

    rows: list[dict[str, Any]] = field(default_factory=list)

    def add(
        self,
        kind: str,
        message: str,
        *,
        file: str | None = None,
        location: str | None = None,
        variable: str | None = None,
        values: Iterable[Any] | None = None,
        count: int | None = None,
    ) -> None:
        severity = KINDS.get(kind, ("warning", ""))[0]
        self.rows.append(
            {
                "severity": severity,
                "kind": kind,
                "file": file,
                "location": location,
                "variable": variable,
                "message": message,
                "values": None if values is None else list(values),
                "count": count,
            }
        )

    def extend(self, other: Problems) -> None:
        self.rows.extend(other.rows)

    def copy(self) -> Problems:
        return Problems([dict(row) for row in self.rows])

    def to_frame(self) -> pd.DataFrame:
        frame = pd.DataFrame(self.rows, columns=COLUMNS)
        frame["count"] = frame["count"].astype("Int64")
        return frame
