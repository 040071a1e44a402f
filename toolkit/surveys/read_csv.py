"""The SurveyXact CSV export: ``dataset.csv``, ``labels.csv``, ``structure.csv`` in a folder.

Handles every flavour SurveyXact writes: separators ``;`` ``,`` and tab; Windows-1252,
UTF-8 with or without BOM, UTF-16 with BOM; CRLF or LF; a trailing separator on structure
rows (a phantom empty column); separators inside quoted labels and, when the export did not
quote them, inside question texts and labels (repaired and reported).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv

from toolkit.errors import CorruptFileError, ExportFormatError, MissingFileError
from toolkit.problems import Problems
from toolkit.rawfiles.files import RawFile, read_raw
from toolkit.rawfiles.text import decode, detect_encoding, detect_separator, first_line
from toolkit.surveys.export import (
    STRUCTURE_COLUMNS,
    RawExport,
    Source,
    source_file,
    tidy_labels,
    tidy_structure,
)
from toolkit.surveys.transcode import is_single_byte, to_utf8, undefined_bytes

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


def read_csv_export(
    folder: str | Path, *, encoding: str | None = None, sep: str | None = None
) -> RawExport:
    """Read the CSV trio in ``folder`` into a :class:`RawExport` (codes untouched)."""
    folder = Path(folder)
    paths = find_members(folder)
    raws = {m: read_raw(paths[m], role=f"{m}.csv") for m in MEMBERS}
    problems = Problems()
    enc = encoding or detect_encoding(raws["structure"].data)
    structure_text = decode(raws["structure"], enc)
    separator = sep or detect_separator(first_line(structure_text))
    header = next(csv.reader([first_line(structure_text)], delimiter=separator), [])
    if [h.strip() for h in header[:2]] != STRUCTURE_COLUMNS[:2]:
        raise ExportFormatError(
            "structure.csv does not look like a SurveyXact structure file",
            file=paths["structure"],
            where="header row",
            expected="questionName, variableName, questionType, subType, questionText, "
            "choiceValue, choiceText",
            found=", ".join(header[:7]) or "an empty line",
            hint="check that this folder holds a SurveyXact export; pass sep=';' (or ',', "
            "'\\t') and encoding= if detection went wrong",
        )
    structure = parse_structure(structure_text, separator, paths["structure"], problems)
    labels_enc = encoding or detect_encoding(raws["labels"].data)
    labels = parse_labels(decode(raws["labels"], labels_enc), separator, paths["labels"], problems)
    data_enc = encoding or detect_encoding(raws["dataset"].data)
    subtype = structure["subType"].fillna("").str.lower()
    types = {v: pa.string() for v in structure.loc[subtype.eq("string"), "variableName"]}
    types |= {
        v: pa.int16() for v in structure.loc[subtype.isin(["single", "multiple"]), "variableName"]
    }
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


def _rows(text: str, sep: str) -> list[list[str]]:
    return [row for row in csv.reader(io.StringIO(text, newline=""), delimiter=sep) if row]


def parse_structure(text: str, sep: str, path: Path, problems: Problems) -> pd.DataFrame:
    """Structure rows → canonical frame; phantom column dropped, split texts re-joined."""
    rows = _rows(text, sep)
    width = len(STRUCTURE_COLUMNS)
    phantom = 0
    fixed = []
    for number, row in enumerate(rows[1:], start=2):
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
    fixed = []
    for number, row in enumerate(_rows(text, sep), start=1):
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
    frame = pd.DataFrame(fixed, columns=["variable", "code", "label"])
    if len(frame) and not _is_number(frame.iloc[0, 1]):
        frame = frame.iloc[1:]  # a header row some tools add
    return tidy_labels(frame)


def _is_number(text: str) -> bool:
    try:
        float(str(text).replace(",", "."))
    except ValueError:
        return False
    return True


def _parse(data: bytes, names: list[str], sep: str, types: dict, *, raw_text: bool) -> pa.Table:
    if raw_text:  # single-byte file parsed as is: text columns stay bytes until transcoded
        types = {n: pa.binary() if t == pa.string() else t for n, t in types.items()}
    return pacsv.read_csv(
        io.BytesIO(data),
        read_options=pacsv.ReadOptions(column_names=names, skip_rows=1),
        parse_options=pacsv.ParseOptions(delimiter=sep, newlines_in_values=True),
        convert_options=pacsv.ConvertOptions(
            column_types=types,
            null_values=[""],
            strings_can_be_null=True,
            quoted_strings_can_be_null=True,
            check_utf8=not raw_text,
        ),
    )


def read_dataset(
    raw: RawFile, encoding: str, sep: str, types: dict[str, pa.DataType], problems: Problems
) -> tuple[dict[str, pa.ChunkedArray], int]:
    """Parse dataset.csv with pyarrow (multi-threaded).

    Open questions are read as text and closed items as int16 (small and fast); a file
    whose closed items hold anything else is parsed again with types inferred, and the
    typing step then keeps and reports the odd values.
    """
    raw_text = is_single_byte(encoding)
    if encoding in {"utf-8", "utf-8-sig"}:
        data = raw.data[3:] if raw.data.startswith(b"\xef\xbb\xbf") else raw.data
    elif raw_text:
        data = raw.data
        if any(bytes([b]) in data for b in undefined_bytes(encoding)):
            decode(raw, encoding)  # raises EncodingError naming the line and byte
    else:
        data = decode(raw, encoding).encode("utf-8")
    header_end = data.find(b"\n")
    header_bytes = data[: header_end if header_end >= 0 else len(data)]
    header_line = header_bytes.decode(encoding if raw_text else "utf-8")
    names = next(csv.reader([header_line.rstrip("\r")], delimiter=sep), [])
    phantom = bool(names) and names[-1].strip() == ""
    if phantom:
        names[-1] = "__phantom__"
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise ExportFormatError(
            "dataset.csv has duplicate column names",
            file=raw.path,
            where="header row",
            found=", ".join(duplicates[:10]),
            hint="each variable must appear once; export the dataset again",
        )
    wanted = {n: t for n, t in types.items() if n in set(names)}
    try:
        table = _parse(data, names, sep, wanted, raw_text=raw_text)
    except pa.ArrowInvalid:
        table = None
    if table is None:
        try:
            strings = {n: t for n, t in wanted.items() if t == pa.string()}
            table = _parse(data, names, sep, strings, raw_text=raw_text)
        except (pa.ArrowInvalid, pa.ArrowException) as exc:
            raise CorruptFileError(
                "dataset.csv could not be parsed as a table",
                file=raw.path,
                where=str(exc).split("\n")[0][:300],
                expected=f"{len(names)} fields per row separated by {sep!r}, as in the header",
                hint="a row may be cut off or hold an unquoted separator; open the file in a "
                "text editor at that row, or export again",
            ) from None
    columns = {name: table.column(i) for i, name in enumerate(table.column_names)}
    if raw_text:
        for name, col in columns.items():
            if pa.types.is_binary(col.type) or pa.types.is_string(col.type):
                columns[name] = to_utf8(col, encoding)
    if phantom:
        extra = columns.pop("__phantom__")
        if extra.null_count != len(extra):
            raise CorruptFileError(
                "dataset.csv has values under an unnamed last column",
                file=raw.path,
                where="last column",
                hint="the header and the rows disagree in length; export again",
            )
        problems.add(
            "phantom-column",
            "dataset rows ended with a separator (empty trailing column dropped)",
            file=str(raw.path),
        )
    return columns, table.num_rows


__all__ = ["find_members", "read_csv_export"]
