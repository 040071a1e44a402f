"""What every SurveyXact reader hands on: the three export tables and where they came from.

Whatever the format (.xlsx, the CSV trio, .sav), a reader produces a :class:`RawExport`:

* ``columns``: the dataset, one raw column per variable in export order. Columns are kept
  as the reader produced them (pyarrow arrays, numpy arrays or pandas Series) so the
  typing step can convert them without an extra copy.
* ``structure``: the structure table with SurveyXact's seven columns (``questionName``,
  ``variableName``, ``questionType``, ``subType``, ``questionText``, ``choiceValue``,
  ``choiceText``), texts stripped of surrounding whitespace.
* ``labels``: ``variable``, ``code`` (float), ``label`` in file order.

:func:`toolkit.surveys.assemble.build_survey` turns a RawExport into a typed
:class:`~toolkit.surveys.survey.Survey`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from toolkit.problems import Problems

STRUCTURE_COLUMNS = [
    "questionName",
    "variableName",
    "questionType",
    "subType",
    "questionText",
    "choiceValue",
    "choiceText",
]
LABEL_COLUMNS = ["variable", "code", "label"]


@dataclass(frozen=True)
class SourceFile:
    """One raw file read: its role in the export, path, size and sha256."""

    role: str
    path: str
    size: int
    sha256: str


@dataclass(frozen=True)
class Source:
    """Where a survey came from: path, detected format, encoding, separator, file hashes.

    ``files`` lists every raw file read with its sha256, so a report can prove which
    exports it was built from.
    """

    path: str
    format: str
    encoding: str | None = None
    separator: str | None = None
    files: tuple[SourceFile, ...] = ()
    sheets: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "format": self.format,
            "encoding": self.encoding,
            "separator": self.separator,
            "sheets": list(self.sheets),
            "files": [vars(f) for f in self.files],
        }


@dataclass(frozen=True)
class RawExport:
    """The untyped export as a reader found it (see module docstring). Frozen: building a
    Survey from it never changes it, so it can be built again."""

    columns: dict[str, Any]
    n_rows: int
    structure: pd.DataFrame
    labels: pd.DataFrame
    source: Source
    problems: Problems = field(default_factory=Problems)
    #: codes declared missing by the file itself (SPSS user-defined missing values)
    declared_missing: dict[str, list[float]] = field(default_factory=dict)
    #: where a variable lives, for error messages ("dataset.csv", "sheet 'Dataset (2)'")
    dataset_location: str = "dataset"
    label_file: str = "labels"
    structure_file: str = "structure"


def clean_text(value: Any) -> str | None:
    """Strip surrounding whitespace (SurveyXact pads texts); blank becomes None."""
    if value is None or (isinstance(value, float) and value != value):
        return None
    text = str(value).strip()
    return text or None


def _clean_all(values) -> list[str | None]:
    return [clean_text(v) for v in list(values)]


def tidy_structure(frame: pd.DataFrame) -> pd.DataFrame:
    """Canonical structure table: the seven columns, texts stripped, choiceValue float."""
    columns = {}
    for col in STRUCTURE_COLUMNS:
        values = _clean_all(frame[col]) if col in frame else [None] * len(frame)
        columns[col] = pd.Series(values, dtype=object)
    out = pd.DataFrame(columns)
    out["choiceValue"] = pd.to_numeric(out["choiceValue"], errors="coerce").astype("float64")
    return out[out["variableName"].notna()].reset_index(drop=True)


def tidy_labels(frame: pd.DataFrame) -> pd.DataFrame:
    """Canonical labels table: variable, numeric code, stripped label."""
    out = pd.DataFrame(
        {
            "variable": pd.Series(_clean_all(frame.iloc[:, 0]), dtype=object),
            "code": pd.to_numeric(
                pd.Series(_clean_all(frame.iloc[:, 1]), dtype=object), errors="coerce"
            ).astype("float64"),
            "label": pd.Series([v or "" for v in _clean_all(frame.iloc[:, 2])], dtype=object),
        }
    )
    return out[out["variable"].notna() & out["code"].notna()].reset_index(drop=True)


def source_file(role: str, path: str | Path, size: int, sha256: str) -> SourceFile:
    return SourceFile(role=role, path=str(path), size=size, sha256=sha256)
