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
from scipy import sparse

from toolkit.errors import UsageError
from toolkit.interviews.corpus import Corpus

UNITS = ("segment", "turn", "document", "case")
_SEPARATORS = re.compile(r"(\W+)")


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


def turn_units(corpus: Corpus, segments: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """``(segment row, turn row)`` pairs for every turn a passage overlaps (one
    ``searchsorted`` over (document, offset) keys for the whole corpus)."""
    turns = corpus.turns
    if turns.empty or segments.empty:
        return np.array([], dtype=np.int64), np.array([], dtype=np.int64)
    docs = {d: i for i, d in enumerate(corpus.documents["document"])}
    span = int(max(corpus.documents["text"].str.len().max(), 1)) + 1
    t_doc = turns["document"].map(docs).to_numpy(np.int64)
    order = np.lexsort((turns["start"].to_numpy(), t_doc))
    t_start = t_doc[order] * span + turns["start"].to_numpy()[order]
    t_end = t_doc[order] * span + turns["end"].to_numpy()[order]
    s_doc = segments["document"].map(docs).to_numpy(np.int64)
    first = np.searchsorted(t_end, s_doc * span + segments["start"].to_numpy(), side="right")
    last = np.searchsorted(t_start, s_doc * span + segments["end"].to_numpy(), side="left") - 1
    count = np.maximum(last - first + 1, 0)
    rows = np.repeat(np.arange(len(segments)), count)
    offsets = np.arange(count.sum()) - np.repeat(np.cumsum(count) - count, count)
    return rows, order[np.repeat(first, count) + offsets]


def codes_under(codes: pd.DataFrame, code: str, rollup: bool = True) -> set[str]:
    """The ids of a code (given by path or id) and, with ``rollup``, its descendants."""
    chosen = set(codes.loc[(codes["path"] == code) | (codes["code"] == code), "code"])
    if rollup and chosen:
        chosen |= {c for c, chain in ancestors(codes).items() if chosen & set(chain)}
    return chosen


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
        ids = (turns["document"] + "#" + turns["turn"].astype(str)).to_numpy()
        rows, turn_rows = turn_units(corpus, seg)
        coded = seg.iloc[rows].assign(unit=ids[turn_rows])
        return coded, pd.DataFrame({"unit": ids, "document": turns["document"].to_numpy()})
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


def _group_index(documents: pd.DataFrame, by: list[str]) -> tuple[np.ndarray, pd.DataFrame]:
    """Group number per document (-1 = a blank attribute) and the groups: every
    combination of the observed values, empty ones included."""
    if not by:
        return np.zeros(len(documents), dtype=np.int64), pd.DataFrame(index=[0])
    levels = [sorted(documents[b].dropna().unique()) for b in by]
    index = np.zeros(len(documents), dtype=np.int64)
    for b, level in zip(by, levels, strict=True):
        code = pd.Categorical(documents[b], categories=level).codes.astype(np.int64)
        index = np.where((index < 0) | (code < 0), -1, index * len(level) + code)
    return index, pd.MultiIndex.from_product(levels, names=by).to_frame(index=False)


class _Counter:
    """Units × codes presence (each unit once), rolled up, summed per group."""

    def __init__(self, corpus: Corpus, by: list[str], rollup: bool) -> None:
        self.codes = {c: i for i, c in enumerate(corpus.codes["code"])}
        self.docs = {d: i for i, d in enumerate(corpus.documents["document"])}
        self.doc_group, self.groups = _group_index(corpus.documents, by)
        n = len(self.codes)
        if rollup:
            pairs = [
                (self.codes[c], self.codes[a])
                for c, chain in ancestors(corpus.codes).items()
                for a in chain
            ]
            rows, cols = np.array(pairs, dtype=np.int64).T if pairs else ([], [])
            self.up = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, n))
        else:
            self.up = sparse.identity(n, format="csr")

    def count(self, unit_rows, code_rows, unit_group) -> tuple[np.ndarray, np.ndarray]:
        """``(coded units per group × code, units per group)``."""
        n_units, n_codes, n_groups = len(unit_group), len(self.codes), len(self.groups)
        present = sparse.csr_matrix(
            (np.ones(len(unit_rows)), (unit_rows, code_rows)), shape=(n_units, n_codes)
        )
        present.data[:] = 1  # a unit coded twice with one code counts once
        rolled = present @ self.up
        rolled.data[:] = 1  # … and once for a parent however many children it carries
        valid = np.flatnonzero(unit_group >= 0)
        grouping = sparse.csr_matrix(
            (np.ones(len(valid)), (unit_group[valid], valid)), shape=(n_groups, n_units)
        )
        units = np.bincount(unit_group[valid], minlength=n_groups)
        return np.asarray((grouping @ rolled).todense()), units


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
    if unit not in UNITS:
        raise UsageError(f"unknown unit {unit!r}", hint=f"unit= takes one of {', '.join(UNITS)}")
    by = _groups(corpus, by)
    counter = _Counter(corpus, by, rollup)
    segs = corpus.segments
    seg_doc = pd.Index(list(counter.docs)).get_indexer(segs["document"]).astype(np.int64)
    seg_code = pd.Index(list(counter.codes)).get_indexer(segs["code"]).astype(np.int64)
    seg_rows = np.arange(len(segs))
    group_of_doc = counter.doc_group
    by_segment = counter.count(seg_rows, seg_code, group_of_doc[seg_doc])
    by_document = counter.count(seg_doc, seg_code, group_of_doc)
    by_case = _case_counts(corpus, counter, seg_doc, seg_code) or by_document
    if unit == "turn":
        rows, turn_rows = turn_units(corpus, segs)
        turn_doc = corpus.turns["document"].map(counter.docs).to_numpy(np.int64)
        counted = counter.count(turn_rows, seg_code[rows], group_of_doc[turn_doc])
    else:
        counted = {"segment": by_segment, "document": by_document, "case": by_case}[unit]
    n_groups, n_codes = counted[0].shape
    out = counter.groups.loc[np.repeat(np.arange(n_groups), n_codes)].reset_index(drop=True)
    book = corpus.codes[["code", "path", "level"]]
    out = pd.concat(
        [book.iloc[np.tile(np.arange(n_codes), n_groups)].reset_index(drop=True), out], axis=1
    )
    out["n"] = counted[0].ravel().astype(np.int64)
    out["units"] = np.repeat(counted[1], n_codes).astype(np.int64)
    with np.errstate(invalid="ignore", divide="ignore"):
        out["percent"] = np.where(out["units"] > 0, 100 * out["n"] / out["units"], np.nan)
    out["n_segments"] = by_segment[0].ravel().astype(np.int64)
    out["n_documents"] = by_document[0].ravel().astype(np.int64)
    out["n_cases"] = by_case[0].ravel().astype(np.int64)
    out["coverage"] = _coverage(corpus, counter, seg_doc, seg_code).ravel()
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


def _case_counts(corpus: Corpus, counter: _Counter, seg_doc, seg_code):
    """Cases (informants) per group × code; a case counts in each group of its documents."""
    links = corpus.case_documents
    if links.empty:
        return None
    link_doc = links["document"].map(counter.docs).to_numpy(np.int64)
    link_group = counter.doc_group[link_doc]
    pairs = pd.DataFrame({"case": links["case"].to_numpy(), "group": link_group})
    unit_id, uniques = pd.factorize(pd.MultiIndex.from_frame(pairs))
    unit_group = np.array([g for _, g in uniques], dtype=np.int64)
    doc_units = pd.DataFrame({"doc": link_doc, "unit": unit_id})
    hits = pd.DataFrame({"doc": seg_doc, "code": seg_code}).merge(doc_units, on="doc")
    return counter.count(hits["unit"].to_numpy(), hits["code"].to_numpy(), unit_group)


def _word_numbers(texts: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For the texts joined by newlines: the number of word starts before each character
    (exact ``\\w`` semantics: every distinct character is classified once), each text's
    offset in the joined string, and the words per text."""
    full = "\n".join(texts)
    table = {ord(c): "0" if _SEPARATORS.fullmatch(c) else "1" for c in set(full)}
    mask = np.frombuffer(full.translate(table).encode("ascii"), dtype=np.uint8) == 49
    starts = mask & ~np.concatenate([[False], mask[:-1]])
    before = np.concatenate([[0], np.cumsum(starts)])  # word starts before position i
    lengths = np.array([len(t) for t in texts], dtype=np.int64)
    offsets = np.concatenate([[0], np.cumsum(lengths + 1)[:-1]])
    per_text = before[offsets + lengths] - before[offsets]
    return before, offsets, per_text


def _coverage(corpus: Corpus, counter: _Counter, seg_doc, seg_code) -> np.ndarray:
    """Share of the group's words inside the code's passages (overlaps counted once): a
    vectorised interval union over global word numbers."""
    n_groups, n_codes = len(counter.groups), len(counter.codes)
    before, offsets, n_words = _word_numbers(corpus.documents["text"].tolist())
    segs = corpus.segments
    w0 = before[offsets[seg_doc] + segs["start"].to_numpy()]
    w1 = before[offsets[seg_doc] + segs["end"].to_numpy()]
    up = counter.up.tocsr()
    reach_of = np.diff(up.indptr)[seg_code]  # each passage counts for its code's ancestors
    rows = np.repeat(np.arange(len(segs)), reach_of)
    within = np.arange(reach_of.sum()) - np.repeat(np.cumsum(reach_of) - reach_of, reach_of)
    counted = up.indices[np.repeat(up.indptr[seg_code], reach_of) + within]
    a, b, group = w0[rows], w1[rows], counter.doc_group[seg_doc][rows]
    order = np.lexsort((a, counted))
    a, b, group, counted = a[order], b[order], group[order], counted[order]
    span = int(before[-1]) + 1  # offset per code keeps the running maximum within a code
    reach = np.maximum.accumulate(b + counted * span)
    previous = np.concatenate([[-1], reach[:-1]]) - counted * span
    added = np.maximum(0, b - np.maximum(a, previous))
    valid = group >= 0
    covered = np.bincount(
        group[valid] * n_codes + counted[valid], weights=added[valid], minlength=n_groups * n_codes
    ).reshape(n_groups, n_codes)
    docs = counter.doc_group >= 0
    total = np.bincount(counter.doc_group[docs], weights=n_words[docs], minlength=n_groups)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(total[:, None] > 0, covered / total[:, None], np.nan)


__all__ = ["UNITS", "ancestors", "code_frequencies", "codes_under", "turn_units", "unit_table"]
