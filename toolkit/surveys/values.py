"""Convert one raw column (pyarrow, numpy or pandas) into its typed pandas form.

Closed single items become ordered Categoricals whose categories are the labels in code
order (int8 codes up to 127 categories); codes without a label are kept as their raw code
("7") and reported. Multi-response 0/1 items become nullable booleans. Blank stays missing.

Examples
--------
>>> import numpy as np
>>> cat, unknown = single_choice(np.array([1.0, 2.0, np.nan, 7.0]), {1: "Ja", 2: "Nei"})
>>> list(cat.categories), cat.codes.dtype.name, unknown
(['Ja', 'Nei', '7'], 'int8', {7: 1})
>>> multiple_choice(np.array([1.0, 0.0, np.nan])).tolist()
[True, False, <NA>]
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from toolkit.surveys.codebook import as_code

STRING = pd.StringDtype()


def _is_arrow(col: Any) -> bool:
    return isinstance(col, pa.ChunkedArray | pa.Array)


def numeric(col: Any) -> tuple[np.ndarray, np.ndarray | None]:
    """``(float64 values, non-numeric texts or None)`` for a raw column.

    Texts that are not numbers come back in the second array (object, aligned with the
    values, None elsewhere) so the caller can keep and report them rather than lose them.
    """
    if _is_arrow(col):
        if pa.types.is_integer(col.type) or pa.types.is_floating(col.type):
            return np.asarray(col.to_numpy(zero_copy_only=False), dtype=np.float64), None
        if pa.types.is_null(col.type):
            return np.full(len(col), np.nan), None
        if pa.types.is_boolean(col.type):
            return pc.cast(col, pa.float64()).to_numpy(zero_copy_only=False), None
        col = np.asarray(col.to_pylist(), dtype=object)
    array = col.to_numpy() if isinstance(col, pd.Series) else np.asarray(col)
    if array.dtype.kind in "fiub":
        return array.astype(np.float64, copy=False), None
    try:  # numbers with NaN for blanks (the xlsx reader's form): one C-level conversion
        return array.astype(np.float64), None
    except (TypeError, ValueError):
        pass
    array = array.astype(object, copy=True)
    blank = (array == "") | pd.isna(array)
    array[blank] = np.nan
    try:
        return array.astype(np.float64), None
    except (TypeError, ValueError):
        values = pd.to_numeric(pd.Series(array, dtype=object), errors="coerce").to_numpy(
            dtype=np.float64, na_value=np.nan
        )
        texts = np.where(np.isnan(values) & ~blank, array, None)
        return values, texts


def single_choice(
    values: np.ndarray, labels: dict[Any, str]
) -> tuple[pd.Categorical, dict[Any, int]]:
    """Ordered Categorical of labels in code order, and ``{unknown code: count}``."""
    valid = ~np.isnan(values)
    present = values[valid]
    known = np.array(sorted(labels), dtype=np.float64)
    unknown: dict[Any, int] = {}
    if present.size:
        if known.size:
            hit = known[np.minimum(np.searchsorted(known, present), len(known) - 1)] == present
        else:
            hit = np.zeros(present.shape, dtype=bool)
        if not np.all(hit):
            codes, counts = np.unique(present[~hit], return_counts=True)
            unknown = {as_code(c): int(n) for c, n in zip(codes, counts, strict=True)}
    all_codes = np.union1d(known, np.array(list(unknown), dtype=np.float64))
    index = np.full(values.shape, -1, dtype=np.int8 if len(all_codes) < 127 else np.int32)
    if present.size:
        index[valid] = np.searchsorted(all_codes, present)
    return _categorical(index, [as_code(c) for c in all_codes], labels), unknown


BLANK = -32768  # int16 stand-in for a blank cell (no real export uses this code)


def integer_codes(col: Any) -> np.ndarray | None:
    """Codes as int16 with :data:`BLANK` for blank cells, when every code is a whole number
    that fits; ``None`` otherwise (the caller then takes the general float path)."""
    if _is_arrow(col):
        if pa.types.is_null(col.type):
            return np.full(len(col), BLANK, dtype=np.int16)
        if not pa.types.is_integer(col.type):
            return None
        if not pa.types.is_int16(col.type):
            try:
                col = pc.cast(col, pa.int16())
            except pa.ArrowInvalid:
                return None
        return np.asarray(pc.fill_null(col, BLANK).to_numpy(), dtype=np.int16)
    values, texts = numeric(col)
    if texts is not None:
        return None
    valid = ~np.isnan(values)
    if not valid.any():
        return np.full(values.shape, BLANK, dtype=np.int16)
    if np.nanmax(np.abs(values)) > MAX_CODE:
        return None
    filled = np.where(valid, values, float(BLANK))
    ints = filled.astype(np.int16)
    return ints if np.array_equal(ints, filled) else None


MAX_CODE = 32767


@lru_cache(maxsize=256)
def _table(known: tuple[int, ...]) -> np.ndarray:
    """Lookup from every int16 code (as uint16) to its category index; -2 = unknown."""
    table = np.full(1 << 16, -2, dtype=np.int8 if len(known) < 127 else np.int32)
    table[np.asarray(known, dtype=np.int16).view(np.uint16)] = np.arange(len(known))
    table[np.uint16(BLANK & 0xFFFF)] = -1
    table.setflags(write=False)
    return table


def single_choice_codes(
    ints: np.ndarray, labels: dict[Any, str]
) -> tuple[pd.Categorical, dict[Any, int]] | None:
    """Fast path of :func:`single_choice` for :func:`integer_codes` output: one lookup."""
    if any(not isinstance(c, int) or not -MAX_CODE <= c <= MAX_CODE for c in labels):
        return None
    known = tuple(sorted(labels))
    keys = ints.view(np.uint16)
    index = _table(known)[keys]
    unknown: dict[Any, int] = {}
    if (index == -2).any():
        codes, counts = np.unique(ints[index == -2], return_counts=True)
        unknown = {int(c): int(n) for c, n in zip(codes, counts, strict=True)}
        known = tuple(sorted({*known, *unknown}))
        index = _table(known)[keys]
    return _categorical(index, list(known), labels), unknown


def multiple_choice_codes(ints: np.ndarray) -> pd.arrays.BooleanArray | None:
    """0 → False, 1 → True, blank → <NA>; ``None`` when other codes occur."""
    blank = ints == BLANK
    if np.any((ints > 1) | ((ints < 0) & ~blank)):
        return None
    return pd.arrays.BooleanArray(ints == 1, blank)


@lru_cache(maxsize=4096)
def _dtype(categories: tuple[str, ...]) -> pd.CategoricalDtype:
    return pd.CategoricalDtype(list(categories), ordered=True)


def _categorical(index: np.ndarray, codes: list, labels: dict[Any, str]) -> pd.Categorical:
    categories = tuple(_unique_labels([labels.get(c, _code_text(c)) for c in codes]))
    return pd.Categorical.from_codes(index, dtype=_dtype(categories), validate=False)


def _code_text(code: float) -> str:
    value = as_code(code)
    return str(value)


def _unique_labels(labels: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for label in labels:
        seen[label] = seen.get(label, 0) + 1
        out.append(label if seen[label] == 1 else f"{label} ({seen[label]})")
    return out


def multiple_choice(values: np.ndarray) -> pd.arrays.BooleanArray:
    """0 → False, 1 → True, blank → <NA> (caller checks there is nothing else)."""
    missing = np.isnan(values)
    return pd.arrays.BooleanArray(values == 1, missing)


def text(col: Any) -> pd.api.extensions.ExtensionArray:
    """Open text as pandas ``string`` dtype; "" → <NA>; CRLF inside answers → LF."""
    if _is_arrow(col):
        if isinstance(col, pa.ChunkedArray):
            col = col.combine_chunks() if col.num_chunks != 1 else col.chunk(0)
        if not pa.types.is_string(col.type) and not pa.types.is_large_string(col.type):
            return text(np.asarray(col.to_pylist(), dtype=object))
        col = pc.replace_substring(col, "\r\n", "\n")
        col = pc.if_else(pc.equal(col, ""), pa.scalar(None, col.type), col)
        return pd.array(col, dtype=STRING)
    array = col.to_numpy(dtype=object) if isinstance(col, pd.Series) else np.asarray(col)
    out = [_as_text(v) for v in array]
    return pd.array(out, dtype=STRING)


def _as_text(value: Any) -> Any:
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float):
        if value != value:
            return None
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, str):
        return value.replace("\r\n", "\n") if value else None
    return str(value)


def dates(col: Any) -> tuple[np.ndarray, int]:
    """Naive datetimes (nanoseconds, whatever the source's resolution), and how many
    non-blank values could not be read as dates."""
    if _is_arrow(col):
        if pa.types.is_timestamp(col.type):
            return pd.to_datetime(pd.Series(col.to_pandas())).to_numpy("datetime64[ns]"), 0
        col = np.asarray(col.to_pylist(), dtype=object)
    series = pd.Series(np.asarray(col, dtype=object))
    if pd.api.types.is_datetime64_any_dtype(series):
        return series.to_numpy("datetime64[ns]"), 0
    blank = series.isna() | series.eq("")
    parsed = pd.to_datetime(series.where(~blank), errors="coerce", format="mixed", dayfirst=True)
    return parsed.to_numpy("datetime64[ns]"), int((parsed.isna() & ~blank).sum())


def numbers(values: np.ndarray) -> pd.api.extensions.ExtensionArray:
    """Nullable Int64 when every value is whole, else Float64."""
    valid = ~np.isnan(values)
    if np.all(np.mod(values[valid], 1) == 0) and np.all(np.abs(values[valid]) < 2**53):
        return pd.arrays.IntegerArray(np.where(valid, values, 0).astype(np.int64), ~valid)
    return pd.arrays.FloatingArray(np.where(valid, values, 0.0), ~valid)
