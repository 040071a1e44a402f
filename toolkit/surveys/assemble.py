"""Turn a :class:`~toolkit.surveys.export.RawExport` into a typed :class:`Survey`.

This is the one place where raw codes become Categoricals, booleans, text and dates, for
every export format alike, so the same export read from .xlsx, CSV or .sav gives equal data.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd

from toolkit.errors import DuplicateRespondentError, EmptyDatasetError, StructureMismatchError
from toolkit.progress import progress_bar
from toolkit.surveys import values as conv
from toolkit.surveys.background import is_respondent_id
from toolkit.surveys.codebook import build_codebook
from toolkit.surveys.export import RawExport
from toolkit.surveys.personal import mark_personal
from toolkit.surveys.reached import blank_unreached
from toolkit.surveys.survey import Survey

#: The longest open answer kept whole (some 4 000 pages; a several-MiB answer loads whole);
#: a longer one is cut.
MAX_ANSWER = 10_000_000


def build_survey(
    raw: RawExport,
    *,
    missing_labels: Iterable[str] = (),
    personal: Iterable[str] = (),
    strict: bool = True,
    progress: bool | None = None,
) -> Survey:
    """Type every column of ``raw`` by its codebook entry and wrap the result in a Survey.

    ``raw`` is not changed (it can be built again, e.g. with other ``missing_labels``).
    ``progress`` shows a progress bar (terminal or notebook); by default only for exports
    of more than 5 million cells.
    """
    options = dict(missing_labels=missing_labels, personal=personal, strict=strict)
    return _build(raw, release=False, progress=progress, **options)


def _build(raw: RawExport, *, release: bool, progress, **options) -> Survey:
    """Build a Survey; with ``release`` (the reader's own private RawExport) each raw
    column is let go as soon as it is typed, which keeps peak memory low."""
    columns = raw.columns if release else dict(raw.columns)
    raw = replace(raw, columns=columns, problems=raw.problems.copy())
    if raw.n_rows == 0 or not raw.columns:
        raise EmptyDatasetError(
            "the dataset holds no respondents" if raw.columns else "the dataset has no columns",
            file=raw.source.path,
            where=raw.dataset_location,
            expected="a header row and at least one respondent row",
            hint="check the export's filter (SurveyXact exports only the selected respondents)",
        )
    _check_structure(raw, strict=options["strict"])
    codebook = build_codebook(
        raw, missing_labels=options["missing_labels"], personal=options["personal"]
    )
    typed, unknown_codes, value_types = {}, [], []
    show = progress if progress is not None else raw.n_rows * len(codebook) > 5_000_000
    rows = progress_bar(
        codebook.itertuples(index=False),
        total=len(codebook),
        unit="variable",
        desc=f"typing {Path(raw.source.path).name}",
        show=show,
    )
    for row in rows:
        values, unknown, value_type = _convert(raw, row)
        typed[row.variable] = values
        unknown_codes.append(unknown)
        value_types.append(value_type)
        columns[row.variable] = None  # the working copy only: let the raw column go
    codebook["unknown_codes"] = unknown_codes
    codebook["value_type"] = value_types
    data = pd.DataFrame(typed, copy=False)
    data.index = _respondent_index(data, codebook, raw)
    mark_personal(codebook, data, raw.problems, file=raw.dataset_location)
    blank_unreached(data, codebook, raw.problems, file=raw.dataset_location)
    return Survey(data=data, codebook=codebook, source=raw.source, problems=raw.problems.to_frame())


def _check_structure(raw: RawExport, *, strict: bool) -> None:
    in_structure = list(dict.fromkeys(raw.structure["variableName"]))
    lacking = [v for v in in_structure if v not in raw.columns]
    if lacking and strict:
        shown = ", ".join(lacking[:10]) + (" …" if len(lacking) > 10 else "")
        raise StructureMismatchError(
            f"the structure file lists {len(lacking)} variable(s) the dataset lacks",
            file=raw.structure_file,
            where=f"variableName {shown}",
            expected=f"every structured variable as a column of {raw.dataset_location}",
            hint="export dataset and structure together again, or read with strict=False to "
            "load what is there (the missing variables are then listed in survey.problems)",
        )
    if lacking:
        raw.problems.add(
            "not-in-structure",
            "variables in the structure file but not in the dataset (not loaded)",
            file=raw.structure_file,
            values=lacking,
            count=len(lacking),
        )
    orphans = sorted(set(raw.labels["variable"]) - set(raw.columns))
    if orphans:
        raw.problems.add(
            "labels-without-variable",
            "value labels for variables that are not in the dataset",
            file=raw.label_file,
            values=orphans,
            count=len(orphans),
        )


def _convert(raw: RawExport, row) -> tuple[object, list, str]:
    col = raw.columns[row.variable]
    kind = row.value_type
    if kind in {"single", "multiple"}:
        return _closed(raw, row, col)
    if kind == "text":
        return _open_text(raw, row.variable, conv.text(col)), [], "text"
    if kind == "date":
        parsed, bad = conv.dates(col)
        if bad:
            raw.problems.add(
                "text-in-numeric",
                f"{row.variable}: {bad} value(s) are not dates; kept as text",
                file=raw.dataset_location,
                variable=row.variable,
                count=bad,
            )
            return conv.text(col), [], "text"
        return parsed, [], "date"
    values, texts = conv.numeric(col)
    if texts is not None:
        if kind == "numeric":
            raw.problems.add(
                "text-in-numeric",
                f"{row.variable} is numeric in the structure but holds text; kept as text",
                file=raw.dataset_location,
                variable=row.variable,
                values=sorted({t for t in texts if t is not None})[:10],
            )
        return conv.text(col), [], "text"
    return conv.numbers(values), [], "numeric" if kind != "id" else "id"


def _open_text(raw: RawExport, variable: str, answers) -> pd.api.extensions.ExtensionArray:
    """Answers longer than :data:`MAX_ANSWER` characters cut to that length, each named
    in a problem: one such answer (a pasted document, a damaged file) would otherwise fill
    memory in every table, report and quote made from it."""
    lengths = pd.Series(answers).str.len()
    for position in np.flatnonzero(lengths.fillna(0).to_numpy() > MAX_ANSWER):
        raw.problems.add(
            "long-answer",
            f"row {position + 1}, column {variable}: the answer of "
            f"{int(lengths.iloc[position]):,} characters is cut to its first {MAX_ANSWER:,}; "
            "the whole text stays in the raw export",
            file=raw.dataset_location,
            location=f"row {position + 1}",
            variable=variable,
            count=int(lengths.iloc[position]),
        )
        answers[position] = answers[position][:MAX_ANSWER]
    return answers


def _closed(raw: RawExport, row, col) -> tuple[object, list, str]:
    """Single- and multi-choice items: the integer fast path, else floats, else text."""
    ints = conv.integer_codes(col)
    if ints is not None and row.value_type == "multiple":
        flags = conv.multiple_choice_codes(ints)
        if flags is not None:
            return flags, [], "multiple"
    result = conv.single_choice_codes(ints, row.labels) if ints is not None else None
    if result is None:
        values, texts = conv.numeric(col)
        if texts is not None:
            return _text_in_closed(raw, row, col, texts), [], "text"
        if row.value_type == "multiple":
            valid = values[~np.isnan(values)]
            if np.all((valid == 0) | (valid == 1)):
                return conv.multiple_choice(values), [], "multiple"
        result = conv.single_choice(values, row.labels)
    cat, unknown = result
    if row.value_type == "multiple":
        raw.problems.add(
            "multiple-not-binary",
            f"{row.variable} is a multi-response item but holds other codes than 0/1; "
            "kept as a single-choice item",
            file=raw.dataset_location,
            variable=row.variable,
            values=[c for c in unknown if c not in (0, 1)],
        )
    if not row.labels:
        raw.problems.add(
            "unlabelled-variable",
            f"{row.variable} has no value labels; its raw codes are the categories",
            file=raw.label_file,
            variable=row.variable,
        )
    elif unknown:
        raw.problems.add(
            "unknown-code",
            f"{row.variable}: codes without a label, kept as raw codes "
            + ", ".join(f"{code} ({n}×)" for code, n in unknown.items()),
            file=raw.label_file,
            location=raw.dataset_location,
            variable=row.variable,
            values=list(unknown),
            count=sum(unknown.values()),
        )
    return cat, list(unknown), "single"


def _text_in_closed(raw: RawExport, row, col, texts) -> pd.Categorical:
    """A closed item that holds text: keep every value as a category, map codes to labels."""
    found = sorted({t for t in texts if t is not None})
    raw.problems.add(
        "text-in-numeric",
        f"{row.variable} is a closed item but holds text; values kept as categories",
        file=raw.dataset_location,
        variable=row.variable,
        values=found[:10],
        count=int(sum(t is not None for t in texts)),
    )
    strings = pd.Series(conv.text(col), dtype=object)
    mapped = strings.map(lambda v: row.labels.get(_maybe_code(v), v) if v is not pd.NA else None)
    return pd.Categorical(mapped.where(mapped.notna(), None))


def _maybe_code(value):
    try:
        number = float(value)
    except (TypeError, ValueError):
        return value
    return int(number) if number.is_integer() else number


def _respondent_index(data: pd.DataFrame, codebook: pd.DataFrame, raw: RawExport) -> pd.Index:
    ids = [v for v in codebook["variable"] if is_respondent_id(v)]
    if not ids:
        return pd.RangeIndex(1, len(data) + 1, name="respondent")
    column = data[ids[0]]
    duplicated = column[column.duplicated(keep=False) & column.notna()]
    if len(duplicated):
        rows = (np.flatnonzero(column.duplicated(keep=False) & column.notna()) + 2)[:10]
        raise DuplicateRespondentError(
            f"{duplicated.nunique()} respondent id(s) occur more than once",
            file=raw.source.path,
            where=f"column {ids[0]}, data rows {', '.join(map(str, rows))} (row 1 = header)",
            found=f"ids {', '.join(map(str, duplicated.unique()[:10]))}",
            hint="an export should hold each respondent once; remove the duplicate rows in "
            "SurveyXact and export again (the raw file is never changed by the toolkit)",
        )
    if column.isna().any():
        return pd.RangeIndex(1, len(data) + 1, name="respondent")
    return pd.Index(column.to_numpy(), name="respondent")
