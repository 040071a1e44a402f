"""The SurveyXact SPSS export (.sav), read with pyreadstat.

SPSS has no structure file, so it is rebuilt from the variable metadata: labelled numeric
variables (or any with nominal/ordinal measure) are single-choice items; 0/1 variables
labelled "Ikke valgt"/"Valgt" are multi-response options whose variable label is
"Question - Option"; string variables are open answers; other numeric variables are numbers.
User-defined missing values are kept as codes and declared missing in the codebook.
Value labels are applied from the codes (not with ``apply_value_formats``, which is slow).
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pyreadstat

from toolkit.errors import CorruptFileError, MissingFileError
from toolkit.rawfiles.files import sha256_of
from toolkit.surveys.codebook import _stems
from toolkit.surveys.export import (
    STRUCTURE_COLUMNS,
    RawExport,
    Source,
    source_file,
    tidy_labels,
    tidy_structure,
)

_PREFIX = re.compile(r"^(?P<prefix>.+?)_?\d+$")
_CHOSEN = {"valgt", "selected", "chosen", "markeret", "vald", "checked", "yes", "ja"}


def _is_multiple(labels: dict) -> bool:
    codes = {float(c) for c in labels}
    return codes <= {0.0, 1.0} and str(labels.get(1, labels.get(1.0, ""))).strip().lower() in (
        _CHOSEN
    )


def read_sav_export(path: str | Path) -> RawExport:
    """Read a SurveyXact .sav export into a :class:`RawExport`."""
    path = Path(path)
    if not path.is_file():
        raise MissingFileError(f"no file {path.name}", file=path, hint="check the path")
    try:
        frame, meta = pyreadstat.read_sav(str(path), user_missing=True)
    except Exception as exc:  # pyreadstat raises ReadstatError / PyreadstatError
        raise CorruptFileError(
            f"{path.name} cannot be read as an SPSS .sav file",
            file=path,
            found=f"{type(exc).__name__}: {str(exc)[:200]}",
            expected="an SPSS system file as SurveyXact exports it",
            hint="the file may be truncated; download the export again",
        ) from None
    names = list(meta.column_names)
    value_labels = meta.variable_value_labels
    structure = _structure(frame, meta)
    label_rows = [
        (name, code, label) for name, codes in value_labels.items() for code, label in codes.items()
    ]
    source = Source(
        path=str(path),
        format="sav",
        encoding=getattr(meta, "file_encoding", None),
        files=(source_file("sav", path, path.stat().st_size, sha256_of(path)),),
    )
    return RawExport(
        columns={name: frame[name].to_numpy() for name in names},
        n_rows=len(frame),
        structure=tidy_structure(structure),
        labels=tidy_labels(pd.DataFrame(label_rows or [("", "", "")])),
        source=source,
        declared_missing=_declared_missing(meta),
        dataset_location=path.name,
        label_file=f"{path.name} (value labels)",
        structure_file=f"{path.name} (variable labels)",
    )


def _subtype(frame: pd.DataFrame, name: str, meta) -> tuple[str, str]:
    labels = meta.variable_value_labels.get(name, {})
    measures = getattr(meta, "variable_measure", {}) or {}
    if (getattr(meta, "readstat_variable_types", {}) or {}).get(name) == "string":
        return ("Open", "String")
    if labels and _is_multiple(labels):
        return ("Closed", "Multiple")
    if labels or measures.get(name) in {"nominal", "ordinal"}:
        return ("Closed", "Single")
    if pd.api.types.is_datetime64_any_dtype(frame[name]):
        return ("Open", "Date")
    return ("Open", "Double")


def _structure(frame: pd.DataFrame, meta) -> pd.DataFrame:
    """The structure table SPSS lacks, rebuilt from variable metadata (module docstring)."""
    names = list(meta.column_names)
    texts = dict(zip(names, meta.column_labels, strict=True))
    rows = [
        [name, name, *_subtype(frame, name, meta), texts.get(name) or None, None, None]
        for name in names
    ]
    structure = pd.DataFrame(rows, columns=STRUCTURE_COLUMNS)
    _split_multiple_sets(structure)
    return structure


def _declared_missing(meta) -> dict[str, list[float]]:
    """SPSS user-defined missing values (single codes and ranges) per variable."""
    declared = {}
    for name, ranges in (getattr(meta, "missing_ranges", {}) or {}).items():
        codes = []
        for rng in ranges:
            lo, hi = rng.get("lo"), rng.get("hi")
            if lo == hi:
                codes.append(float(lo))
            else:
                labels = meta.variable_value_labels.get(name, {})
                codes += [float(c) for c in labels if lo <= c <= hi]
        declared[name] = codes
    return declared


def _split_multiple_sets(structure: pd.DataFrame) -> None:
    """Group runs of multi-response options by name prefix and shared "Question - " stem."""
    is_multi = structure["subType"].eq("Multiple").to_numpy()
    index = 0
    while index < len(structure):
        if not is_multi[index]:
            index += 1
            continue
        match = _PREFIX.match(structure.at[index, "variableName"])
        prefix = match["prefix"] if match else structure.at[index, "variableName"]
        end = index + 1
        while (
            end < len(structure)
            and is_multi[end]
            and (m := _PREFIX.match(structure.at[end, "variableName"]))
            and m["prefix"] == prefix
        ):
            end += 1
        members = range(index, end)
        common = set.intersection(*(set(_stems(structure.at[i, "questionText"])) for i in members))
        stem = max(common, key=len) if common else None
        for i in members:
            text = structure.at[i, "questionText"]
            structure.at[i, "questionName"] = prefix
            if stem is not None:
                structure.at[i, "questionText"] = stem
                structure.at[i, "choiceText"] = _stems(text)[stem]
            else:
                structure.at[i, "choiceText"] = text
        index = end
