"""Surveys in Parquet: a fast cache of each round, and stacked rounds as a dataset that
DuckDB, polars or Spark read directly.

* :func:`cached_round` keeps ``<project>/.cache/<round>/`` (data.parquet + meta.json) and
  uses it while the round's raw files are unchanged (size and modification time as
  recorded, with their sha256); otherwise the export is read again and the cache renewed.
* :func:`write_dataset` writes the stacked rounds Hive-partitioned by round
  (``round=2025/part-0.parquet``), closed items as dictionary-encoded columns, and the
  codebook as a JSON sidecar (``_codebook.json``); :func:`read_stacked` reads it back to an
  equal Survey.

Examples
--------
>>> import tempfile, pathlib
>>> from toolkit.data import example_rounds
>>> from toolkit.rounds.project import read_rounds
>>> stacked = read_rounds(example_rounds()).stack()
>>> folder = write_dataset(stacked, pathlib.Path(tempfile.mkdtemp()) / "runder")
>>> sorted(p.name for p in folder.iterdir())
['_codebook.json', 'round=2025', 'round=2026']
>>> order, back = read_stacked(folder)
>>> order, back.data.equals(stacked.data)
(['2025', '2026'], True)
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from toolkit.errors import CorruptFileError
from toolkit.problems import COLUMNS as PROBLEM_COLUMNS
from toolkit.rawfiles.files import sha256_of
from toolkit.surveys.codebook import as_code
from toolkit.surveys.export import Source, SourceFile
from toolkit.surveys.read import read_surveyxact
from toolkit.surveys.survey import Survey

SIDECAR = "_codebook.json"
FORMAT = 2  # 2: closed items cached as codes


# ---------------------------------------------------------------------- Survey ↔ JSON
def _jsonable(value):
    if isinstance(value, dict):
        return {"__dict__": [[_jsonable(k), _jsonable(v)] for k, v in value.items()]}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, np.integer | np.floating | np.bool_):
        return value.item()
    if value is pd.NA or (isinstance(value, float) and value != value):
        return None
    return value


def _restore(value):
    if isinstance(value, dict) and "__dict__" in value:
        return {_restore(k): _restore(v) for k, v in value["__dict__"]}
    if isinstance(value, list):
        return [_restore(v) for v in value]
    return value


def _meta(survey: Survey) -> dict:
    book = survey.codebook
    return {
        "format": FORMAT,
        "codebook": {c: [_jsonable(v) for v in book[c].tolist()] for c in book.columns},
        "codebook_attrs": _jsonable(dict(book.attrs)),
        "categories": {
            c: [str(x) for x in survey.data[c].cat.categories]
            for c in survey.data.columns
            if isinstance(survey.data[c].dtype, pd.CategoricalDtype)
        },
        "source": survey.source.to_dict(),
        "problems": [_jsonable(r) for r in survey.problems.to_dict("records")],
    }


def _categorical(column: pd.Series, dtype: pd.CategoricalDtype) -> pd.Categorical:
    """The column with exactly the recorded categories (order included): codes written by
    the cache, or Parquet dictionary columns (which come back categorical already)."""
    categories = list(dtype.categories)
    if column.dtype.kind in "iu":
        return pd.Categorical.from_codes(column.to_numpy(), dtype=dtype, validate=False)
    if isinstance(column.dtype, pd.CategoricalDtype):
        current = [str(c) for c in column.cat.categories]
        codes = column.cat.codes.to_numpy()
        if current == categories:
            return pd.Categorical.from_codes(codes, dtype=dtype, validate=False)
        lookup = np.append(pd.Index(categories).get_indexer(current), -1)
        if (lookup[:-1] < 0).any():
            raise ValueError(f"{column.name}: categories differ from the recorded ones")
        return pd.Categorical.from_codes(lookup[codes], dtype=dtype)  # code -1 stays -1
    values = column.astype(object)
    return pd.Categorical(values.where(values.notna(), None), dtype=dtype)


def _survey(data: pd.DataFrame, meta: dict) -> Survey:
    book = pd.DataFrame(
        {c: [_restore(v) for v in values] for c, values in meta["codebook"].items()}
    )
    book["labels"] = [
        {as_code(k): v for k, v in (labels or {}).items()} for labels in book["labels"]
    ]
    for column in ("missing_codes", "unknown_codes"):
        book[column] = [[as_code(c) for c in codes or []] for codes in book[column]]
    book["position"] = book["position"].astype("int64")
    book["personal"] = book["personal"].astype(bool)
    book.attrs = _restore(meta.get("codebook_attrs") or {})
    dtypes: dict[tuple, pd.CategoricalDtype] = {}  # one dtype per distinct scale
    for column, categories in meta["categories"].items():
        key = tuple(categories)
        if key not in dtypes:
            dtypes[key] = pd.CategoricalDtype(categories, ordered=True)
        data[column] = _categorical(data[column], dtypes[key])
    source = meta["source"]
    files = tuple(SourceFile(**f) for f in source.pop("files", []))
    source["sheets"] = tuple(source.get("sheets", ()))
    problems = pd.DataFrame([_restore(r) for r in meta["problems"]], columns=PROBLEM_COLUMNS)
    problems["count"] = problems["count"].astype("Int64")
    return Survey(data=data, codebook=book, source=Source(files=files, **source), problems=problems)


def _table(data: pd.DataFrame, *, codes: bool = False) -> pa.Table:
    """Arrow table of the data; with ``codes`` closed items are stored as their integer
    codes (categories travel in the metadata), which reads back several times faster than
    dictionary columns."""
    if codes:
        data = data.assign(
            **{
                c: data[c].cat.codes.to_numpy()
                for c in data.columns
                if isinstance(data[c].dtype, pd.CategoricalDtype)
            }
        )
    return pa.Table.from_pandas(data, preserve_index=True)


# ---------------------------------------------------------------------- the round cache
def _stamp(export: Path) -> list[dict]:
    files = sorted(p for p in export.iterdir() if p.is_file()) if export.is_dir() else [export]
    return [
        {"path": p.name, "size": p.stat().st_size, "mtime_ns": p.stat().st_mtime_ns} for p in files
    ]


def cached_round(cache: Path, name: str, export: Path) -> Survey:
    """Round ``name`` read from its Parquet cache while the export is unchanged."""
    folder = cache / name
    meta_path = folder / "meta.json"
    stamp = _stamp(export)
    if meta_path.is_file():
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            if meta.get("stamp") == stamp and meta.get("format") == FORMAT:
                data = pq.read_table(folder / "data.parquet").to_pandas()
                return _survey(data, meta)
        except (OSError, ValueError, KeyError, pa.ArrowException):
            pass  # a damaged cache is read again from the raw export below
    survey = read_surveyxact(export)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        pq.write_table(_table(survey.data, codes=True), folder / "data.parquet")
        meta = _meta(survey) | {
            "stamp": stamp,
            "sha256": {
                f["path"]: sha256_of(export / f["path"] if export.is_dir() else export)
                for f in stamp
            },
        }
        temporary = meta_path.with_suffix(".tmp")
        temporary.write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
        os.replace(temporary, meta_path)
    except OSError:
        pass  # no cache where it cannot be written (a read-only copy): only slower
    return survey


# ---------------------------------------------------------------------- the dataset
def is_dataset(folder: Path) -> bool:
    return (Path(folder) / SIDECAR).is_file()


def write_dataset(stacked: Survey, folder) -> Path:
    """Stacked rounds as a Hive-partitioned Parquet dataset with a codebook sidecar."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    order = list(stacked.data["round"].cat.categories)
    data = stacked.data.copy()
    data["round"] = data["round"].astype(str)
    pq.write_to_dataset(
        _table(data),
        folder,
        partition_cols=["round"],
        existing_data_behavior="delete_matching",
        basename_template="part-{i}.parquet",
    )
    meta = _meta(stacked) | {"order": order, "columns": list(stacked.data.columns)}
    (folder / SIDECAR).write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")
    return folder


def read_stacked(folder) -> tuple[list[str], Survey]:
    """The round order and the stacked Survey of a dataset written by
    :func:`write_dataset` (:func:`toolkit.rounds.read_rounds` makes them a Rounds)."""
    folder = Path(folder)
    try:
        meta = json.loads((folder / SIDECAR).read_text(encoding="utf-8"))
        order = meta["order"]
        parts = []
        for name in order:
            part = pq.read_table(folder / f"round={name}").to_pandas()
            part.insert(0, "round", name)
            parts.append(part)
        data = pd.concat(parts)
        data = data[meta["columns"]]
        meta["categories"]["round"] = order
        stacked = _survey(data, meta)
    except (OSError, ValueError, KeyError, TypeError, pa.ArrowException) as exc:
        raise CorruptFileError(
            "this rounds dataset cannot be read back",
            file=folder,
            found=f"{type(exc).__name__}: {str(exc)[:200]}",
            expected=f"{SIDECAR} and one round=<name>/ folder per round, as "
            "Rounds.to_parquet writes them",
            hint="write it again with read_rounds('surveys/').to_parquet(folder)",
        ) from None
    return order, stacked


def _quoted(text: str, mark: str = "'") -> str:
    return mark + str(text).replace(mark, mark * 2) + mark


def duckdb_view(folder, connection=None, *, name: str = "runder"):
    """A DuckDB view of a dataset written by :func:`write_dataset` in which every closed
    item is an ordered ENUM of its categories, so ``ORDER BY`` follows the scale ("Helt
    uenig" … "Helt enig", "Vet ikke" last) and not the alphabet, and ``round`` follows the
    rounds' order.

    Parameters
    ----------
    folder
        The dataset (``rounds.to_parquet(folder)``).
    connection
        A DuckDB connection (default: a new in-memory one).
    name
        The view's name.

    Returns
    -------
    duckdb.DuckDBPyConnection
        The connection, with the view.

    Examples
    --------
    >>> import tempfile
    >>> from toolkit import read_rounds
    >>> from toolkit.data import example_rounds
    >>> folder = read_rounds(example_rounds()).to_parquet(tempfile.mkdtemp())
    >>> con = duckdb_view(folder)
    >>> query = "SELECT DISTINCT b1_1 FROM runder WHERE b1_1 IS NOT NULL ORDER BY b1_1"
    >>> con.sql(query).fetchall()[:2]
    [('Helt uenig',), ('Delvis uenig',)]
    """
    import duckdb

    folder = Path(folder)
    try:
        meta = json.loads((folder / SIDECAR).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise CorruptFileError(
            f"{folder.name} is not a rounds dataset ({SIDECAR} is missing or unreadable)",
            file=folder / SIDECAR,
            hint="write it with rounds.to_parquet(folder)",
        ) from error
    con = connection if connection is not None else duckdb.connect()
    categories = dict(meta["categories"])
    categories["round"] = list(meta["order"])
    types: dict[tuple, str] = {}
    columns = []
    for column in meta["columns"]:
        levels = categories.get(column)
        if not levels:
            columns.append(_quoted(column, '"'))
            continue
        key = tuple(levels)
        if key not in types:
            types[key] = f"toolkit_scale_{len(types) + 1}"
            values = ", ".join(_quoted(v) for v in levels)
            con.execute(f"CREATE TYPE {types[key]} AS ENUM ({values})")
        named = _quoted(column, '"')
        columns.append(f"CAST(CAST({named} AS VARCHAR) AS {types[key]}) AS {named}")
    source = _quoted((folder / "*" / "*.parquet").as_posix())
    con.execute(
        f"CREATE VIEW {_quoted(name, chr(34))} AS SELECT {', '.join(columns)} "
        f"FROM read_parquet({source}, hive_partitioning = true)"
    )
    return con
