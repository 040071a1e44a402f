"""Code frequencies: how many units (segments, turns, documents, informants) carry a code.

``unit`` says what is counted: ``"segment"`` (coded passages), ``"turn"`` (speaker turns
overlapping a coded passage), ``"document"`` or ``"case"`` (informants; documents stand in
when the corpus has no cases). A unit coded twice with one code counts once. With
``rollup=True`` a parent code counts every unit coded with it or any descendant, each
unit once. ``by`` takes document attributes (role, office, type); every group appears,
empty ones with 0, and ``units`` is the denominator of ``percent``. ``coverage`` is the
share of the group's words that lie inside the code's passages (overlaps counted once).

Examples
--------
>>> from toolkit.interviews import read_corpus
>>> from toolkit.data import example_project
>>> corpus = read_corpus(example_project("qdpx"))
>>> table = code_frequencies(corpus, unit="document", by="rolle", rollup=True)
>>> row = table[(table["path"] == "Tid") & (table["rolle"] == "leder")].iloc[0]
>>> int(row["n"]), int(row["units"])
(4, 4)
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from toolkit.errors import UsageError
from toolkit.interviews.corpus import Corpus

UNITS = ("segment", "turn", "document", "case")
_WORD = re.compile(r"\w+")


def ancestors(codes: pd.DataFrame) -> dict[str, list[str]]:
    """Each code id → itself and its ancestors (for roll-up)."""
    parent = dict(zip(codes["code"], codes["parent"], strict=True))
    out = {}
    for code in codes["code"]:
        chain, current = [], code
        while current is not None and current == current and current in parent:
            chain.append(current)
            current = parent[current]
        out[code] = chain
    return out


def unit_table(corpus: Corpus, unit: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``(coded, units)``: (segment, code, unit id, document) rows and all units with
    their document."""
    seg = corpus.segments[["segment", "code", "document", "start", "end"]]
    if unit == "segment":
        units = corpus.segments[["segment", "document"]].rename(columns={"segment": "unit"})
        return seg.assign(unit=seg["segment"]), units
    if unit == "document":
        return seg.assign(unit=seg["document"]), corpus.documents[["document"]].assign(
            unit=corpus.documents["document"]
        )
    if unit == "case":
        links = corpus.case_documents
        if links.empty:
            return unit_table(corpus, "document")
        coded = seg.merge(links, on="document").rename(columns={"case": "unit"})
        return coded, links.rename(columns={"case": "unit"})
    if unit == "turn":
        turns = corpus.turns
        units = turns.assign(unit=turns["document"] + "#" + turns["turn"].astype(str))
        parts = []
        for document, segs in seg.groupby("document", sort=False):
            doc_turns = units[units["document"] == document]
            if doc_turns.empty:
                continue
            starts, ends = doc_turns["start"].to_numpy(), doc_turns["end"].to_numpy()
            first = np.searchsorted(ends, segs["start"].to_numpy(), side="right")
            last = np.searchsorted(starts, segs["end"].to_numpy(), side="left") - 1
            count = np.maximum(last - first + 1, 0)
            rows = np.repeat(np.arange(len(segs)), count)
            offsets = np.arange(count.sum()) - np.repeat(np.cumsum(count) - count, count)
            picked = segs.iloc[rows].assign(
                unit=doc_turns["unit"].to_numpy()[np.repeat(first, count) + offsets]
            )
            parts.append(picked)
        coded = pd.concat(parts) if parts else seg.assign(unit=pd.Series(dtype=str))
        return coded, units[["unit", "document"]]
    raise UsageError(f"unknown unit {unit!r}", hint=f"unit= takes one of {', '.join(UNITS)}")


def _groups(corpus: Corpus, by) -> list[str]:
    names = [] if by is None else ([by] if isinstance(by, str) else list(by))
    missing = [n for n in names if n not in corpus.documents.columns]
    if missing:
        raise UsageError(
            f"no document attribute {missing[0]!r}",
            hint=f"attributes: {', '.join(corpus.attributes()) or 'none'}",
        )
    return names


def _words(text: str) -> np.ndarray:
    """Start offsets of the words of a text."""
    return np.array([m.start() for m in _WORD.finditer(text)], dtype=np.int64)


def code_frequencies(
    corpus: Corpus,
    *,
    by: str | list[str] | None = None,
    unit: str = "segment",
    rollup: bool = False,
    codes: list[str] | None = None,
) -> pd.DataFrame:
    """One row per code (× group): ``code``, ``path``, ``level``, the ``by`` columns, ``n``
    (units coded), ``units`` (units in the group), ``percent``, ``n_segments``,
    ``n_documents``, ``n_cases`` and ``coverage`` (see module docstring)."""
    by = _groups(corpus, by)
    attrs = corpus.documents[["document", *by]]
    keys = ["code", *by]
    pairs = None
    if rollup:
        up = ancestors(corpus.codes)
        pairs = pd.DataFrame(
            [(c, a) for c in corpus.codes["code"] for a in up[c]], columns=["code", "counted"]
        )

    def counted(kind: str) -> tuple[pd.DataFrame, pd.DataFrame]:
        coded, units = unit_table(corpus, kind)
        if pairs is not None:
            coded = (
                coded.merge(pairs, on="code")
                .drop(columns="code")
                .rename(columns={"counted": "code"})
            )
        return coded.merge(attrs, on="document"), units

    def distinct(coded: pd.DataFrame, column: str, name: str) -> pd.DataFrame:
        return (
            coded.drop_duplicates([*keys, column])
            .groupby(keys, dropna=False)
            .size()
            .rename(name)
            .reset_index()
        )

    coded, units = counted(unit)
    segments, _ = counted("segment")
    cases, _ = counted("case")
    out = _grid(corpus.codes[["code", "path", "level"]], corpus.documents, by)
    for frame in (
        distinct(coded, "unit", "n"),
        distinct(segments, "segment", "n_segments"),
        distinct(segments, "document", "n_documents"),
        distinct(cases, "unit", "n_cases"),
    ):
        out = out.merge(frame, on=keys, how="left")
    for col in ("n", "n_segments", "n_documents", "n_cases"):
        out[col] = out[col].fillna(0).astype("int64")
    if by:
        in_group = units.merge(attrs, on="document").groupby(by).size().rename("units")
        out = out.merge(in_group.reset_index(), on=by, how="left")
        out["units"] = out["units"].fillna(0).astype("int64")
    else:
        out["units"] = len(units)
    with np.errstate(invalid="ignore", divide="ignore"):
        out["percent"] = np.where(out["units"] > 0, 100 * out["n"] / out["units"], np.nan)
    out["coverage"] = _coverage(corpus, segments, by, out)
    if codes is not None:
        out = out[out["path"].isin(codes) | out["code"].isin(codes)]
    columns = [
        "code",
        "path",
        "level",
        *by,
        "n",
        "units",
        "percent",
        "n_segments",
        "n_documents",
        "n_cases",
        "coverage",
    ]
    return out[columns].reset_index(drop=True)


def _grid(book: pd.DataFrame, documents: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """Every code × every observed combination of the group attributes (empty included)."""
    if not by:
        return book.copy()
    levels = [pd.Series(documents[b].dropna().unique()).sort_values().tolist() for b in by]
    groups = pd.MultiIndex.from_product(levels, names=by).to_frame(index=False)
    return book.merge(groups, how="cross")


def _coverage(corpus: Corpus, segments: pd.DataFrame, by: list[str], out: pd.DataFrame):
    """Share of the group's words inside the code's passages (overlaps counted once)."""
    texts = corpus.documents.set_index("document")["text"]
    words = {d: _words(t) for d, t in texts.items()}
    docs = corpus.documents[["document", *by]].assign(
        words=corpus.documents["document"].map(lambda d: len(words[d]))
    )
    rows = []
    spans = segments.drop_duplicates(["code", "segment"])
    for (code, document), part in spans.groupby(["code", "document"], sort=False):
        starts = words[document]
        inside = np.zeros(len(starts), dtype=bool)
        for s, e in zip(part["start"], part["end"], strict=True):
            inside[np.searchsorted(starts, s) : np.searchsorted(starts, e)] = True
        rows.append({"code": code, "document": document, "covered": int(inside.sum())})
    covered = pd.DataFrame(rows, columns=["code", "document", "covered"]).merge(docs, on="document")
    keys = ["code", *by]
    numerator = (
        out[keys]
        .merge(covered.groupby(keys)["covered"].sum().reset_index(), on=keys, how="left")["covered"]
        .fillna(0)
        .to_numpy(float)
    )
    if by:
        total = docs.groupby(by)["words"].sum().rename("total").reset_index()
        denominator = out[by].merge(total, on=by, how="left")["total"].fillna(0)
    else:
        denominator = pd.Series(float(docs["words"].sum()), index=out.index)
    denominator = denominator.to_numpy(float)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(denominator > 0, numerator / denominator, np.nan)


__all__ = ["UNITS", "ancestors", "code_frequencies", "unit_table"]
