"""The SurveyXact CSV export: ``dataset.csv``, ``labels.csv``, ``structure.csv`` in a folder.

Handles every flavour SurveyXact writes: separators ``;`` ``,`` and tab; Windows-1252,
UTF-8 with or without BOM, UTF-16 with BOM; CRLF or LF; a trailing separator on structure
rows (a phantom empty column); separators inside quoted labels and, when the export did not
quote them, inside question texts and labels (repaired and reported). Metadata are parsed
strictly (:func:`toolkit.rawfiles.text.csv_rows`): an unclosed quote is an error naming its
line instead of silently swallowing the rest of the file, texts of any length are read,
and a label row whose code is not a number is reported, not dropped unseen.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow as pa

from toolkit.errors import ExportFormatError, MissingFileError
from toolkit.problems import Problems
from toolkit.rawfiles.files import read_raw
from toolkit.rawfiles.text import (
    SEPARATOR_NAMES,
    SEPARATORS,
    csv_rows,
    decode,
    detect_encoding,
    detect_separator,
    first_line,
)
from toolkit.surveys.csv_dataset import read_dataset
from toolkit.surveys.export import (
    STRUCTURE_COLUMNS,
    RawExport,
    Source,
    source_file,
    tidy_labels,
    tidy_structure,
)

MEMBERS = ("dataset", "labels", "structure")


def find_members(folder: Path) -> dict[str, Path]:
    """The three files of the trio in ``folder`` (names matched without case)."""
    present = {p.name.lower(): p for p in folder.iterdir() if p.is_file()}
    found = {m: present[f"{m}.csv"] for m in MEMBERS if f"{m}.csv" in present}
    missing = [f"{m}.csv" for m in MEMBERS if m not in found]
    if missing:
        raise MissingFileError(
            f"the SurveyXact CSV export in {folder.name}/ lacks {', '.join(missing)}",
            file=folder,
            expected="dataset.csv, labels.csv and structure.csv in one folder",
            found=", ".join(sorted(present)) or "no files",
            hint="export the survey from SurveyXact again as CSV and keep all three files "
            "together (or point to the .xlsx export instead)",
        )
    return found


def _check_header(text: str, sep: str, path: Path, *, given: bool) -> None:
    """structure.csv must start with SurveyXact's header; say so when the separator is off."""
    line = first_line(text)
    header = next(csv_rows(line, sep, file=path), (1, []))[1]
    if [h.strip() for h in header[:2]] == STRUCTURE_COLUMNS[:2]:
        return
    for other in SEPARATORS:
        fields = next(csv_rows(line, other, file=path), (1, []))[1]
        if other != sep and [h.strip() for h in fields[:2]] == STRUCTURE_COLUMNS[:2]:
            raise ExportFormatError(
                f"structure.csv is separated by {SEPARATOR_NAMES[other]}, not by "
                f"{SEPARATOR_NAMES.get(sep, repr(sep))}",
                file=path,
                where="header row (line 1)",
                expected=f"fields separated by {SEPARATOR_NAMES.get(sep, repr(sep))}",
                found=f"the header splits into {len(fields)} fields at {other!r}",
                hint=f"pass sep={other!r}, or leave sep= out to detect it"
                if given
                else f"pass sep={other!r}",
            )
    raise ExportFormatError(
        "structure.csv does not look like a SurveyXact structure file",
        file=path,
        where="header row (line 1)",
        expected="questionName, variableName, questionType, subType, questionText, "
        "choiceValue, choiceText",
        found=", ".join(header[:7]) or "an empty line",
        hint="check that this folder holds a SurveyXact export; pass sep=';' (or ',', "
        "'\\t') and encoding= if detection went wrong",
    )


def _dataset_types(structure: pd.DataFrame) -> dict[str, pa.DataType]:
    subtype = structure["subType"].fillna("").str.lower()
    types = {v: pa.string() for v in structure.loc[subtype.eq("string"), "variableName"]}
    closed = structure.loc[subtype.isin(["single", "multiple"]), "variableName"]
    return types | {v: pa.int16() for v in closed}


def read_csv_export(
    folder: str | Path, *, encoding: str | None = None, sep: str | None = None
) -> RawExport:
    """Read the CSV trio in ``folder`` into a :class:`RawExport` (codes untouched)."""
    folder = Path(folder)
    paths = find_members(folder)
    raws = {m: read_raw(paths[m], role=f"{m}.csv") for m in MEMBERS}
    problems = Problems()
    given = encoding is not None
    enc = encoding or detect_encoding(raws["structure"].data)
    structure_text = decode(raws["structure"], enc, explicit=given)
    separator = sep or detect_separator(first_line(structure_text))
    _check_header(structure_text, separator, paths["structure"], given=sep is not None)
    structure = parse_structure(structure_text, separator, paths["structure"], problems)
    labels_enc = encoding or detect_encoding(raws["labels"].data)
    labels_text = decode(raws["labels"], labels_enc, explicit=given)
    labels = parse_labels(labels_text, separator, paths["labels"], problems)
    data_enc = encoding or detect_encoding(raws["dataset"].data)
    if given:
        decode(raws["dataset"], data_enc, explicit=True)  # refuses mojibake before parsing
    types = _dataset_types(structure)
    columns, n_rows = read_dataset(raws["dataset"], data_enc, separator, types, problems)
    source = Source(
        path=str(folder),
        format="csv",
        encoding=enc,
        separator=separator,
        files=tuple(
            source_file(f"{m}.csv", raws[m].path, raws[m].size, raws[m].sha256) for m in MEMBERS
        ),
    )
    return RawExport(
        columns=columns,
        n_rows=n_rows,
        structure=structure,
        labels=labels,
        source=source,
        problems=problems,
        dataset_location=str(paths["dataset"]),
        label_file=str(paths["labels"]),
        structure_file=str(paths["structure"]),
    )


def _report_malformed(repaired: list[int], path: Path, problems: Problems) -> None:
    for line in repaired:
        problems.add(
            "repaired-row",
            'a quote inside an unquoted text (e.g. "a"b); read with quotes as typed',
            file=str(path),
            location=f"line {line}",
        )


def parse_structure(text: str, sep: str, path: Path, problems: Problems) -> pd.DataFrame:
    """Structure rows → canonical frame; phantom column dropped, split texts re-joined."""
    repaired: list[int] = []
    rows = list(csv_rows(text, sep, file=path, repaired=repaired))
    _report_malformed(repaired, path, problems)
    width = len(STRUCTURE_COLUMNS)
    phantom = 0
    fixed = []
    for number, row in rows[1:]:
        if len(row) > width and row[-1].strip() == "":
            row, phantom = row[:-1], phantom + 1
        if len(row) > width:
            extra = len(row) - width
            joined = [*row[:4], sep.join(row[4 : 5 + extra]), *row[5 + extra :]]
            problems.add(
                "repaired-row",
                f"row had {len(row)} fields; the separator inside the question text was "
                "kept as text",
                file=str(path),
                location=f"line {number}",
                variable=row[1],
            )
            row = joined
        fixed.append(row + [""] * (width - len(row)))
    if phantom:
        problems.add(
            "phantom-column",
            f"{phantom} structure row(s) ended with a separator (empty trailing column dropped)",
            file=str(path),
            count=phantom,
        )
    return tidy_structure(pd.DataFrame(fixed, columns=STRUCTURE_COLUMNS))


def parse_labels(text: str, sep: str, path: Path, problems: Problems) -> pd.DataFrame:
    """Labels rows (variable, code, label; no header) → canonical frame."""
    fixed, lines = [], []
    repaired: list[int] = []
    for number, row in csv_rows(text, sep, file=path, repaired=repaired):
        while len(row) > 3 and row[-1] == "":
            row = row[:-1]
        if len(row) > 3:
            problems.add(
                "repaired-row",
                "label contained the separator without quotes; kept as one label",
                file=str(path),
                location=f"line {number}",
                variable=row[0],
            )
            row = [row[0], row[1], sep.join(row[2:])]
        fixed.append(([*row, "", "", ""])[:3])
        lines.append(number)
    _report_malformed(repaired, path, problems)
    if fixed and not _is_number(fixed[0][1]):  # a header row some tools add
        fixed, lines = fixed[1:], lines[1:]
    for (variable, code, label), line in zip(fixed, lines, strict=True):
        if variable.strip() and not _is_number(code):
            problems.add(
                "bad-label-row",
                f"label {label!r} of {variable} has the code {code!r}, which is not a "
                "number; the label is left out",
                file=str(path),
                location=f"line {line}",
                variable=variable.strip(),
                values=[code],
            )
    return tidy_labels(pd.DataFrame(fixed, columns=["variable", "code", "label"]))


def _is_number(text: str) -> bool:
    try:
        float(str(text).replace(",", ".").strip())
    except ValueError:
        return False
    return True
