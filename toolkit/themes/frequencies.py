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

import numpy as np
import pandas as pd

from toolkit.errors import UsageError
from toolkit.interviews.corpus import Corpus
from toolkit.interviews.text import word_numbers
from toolkit.themes.units import check_unit, group_index, positions, turn_units

#: the units code_frequencies counts (see :mod:`toolkit.themes.units`)
UNITS = ("segment", "turn", "document", "case")


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


def codes_under(codes: pd.DataFrame, code: str, rollup: bool = True) -> set[str]:
    """The ids of a code (given by path or id) and, with ``rollup``, its descendants."""
    chosen = set(codes.loc[(codes["path"] == code) | (codes["code"] == code), "code"])
    if rollup and chosen:
        chosen |= {c for c, chain in ancestors(codes).items() if chosen & set(chain)}
    return chosen


def _groups(corpus: Corpus, by) -> list[str]:
    names = [] if by is None else ([by] if isinstance(by, str) else list(by))
    missing = [n for n in names if n not in corpus.documents.columns]
    if missing:
        raise UsageError(
            f"no document attribute {missing[0]!r}",
            hint=f"attributes: {', '.join(corpus.attributes()) or 'none'}",
        )
    return names


class _Counter:
    """Units × codes presence (each unit once), rolled up, summed per group."""

    def __init__(self, corpus: Corpus, by: list[str], rollup: bool) -> None:
        self.n_codes = len(corpus.codes)
        self.doc_group, self.groups = group_index(corpus.documents, by)
        index = {c: i for i, c in enumerate(corpus.codes["code"])}
        chains = ancestors(corpus.codes) if rollup else {c: [c] for c in index}
        # reach[i] lists code i and (with roll-up) its ancestors: the codes it counts for
        reach = [[index[a] for a in chains[c]] for c in corpus.codes["code"]]
        self.reach_start = np.cumsum([0] + [len(r) for r in reach])
        self.reach = np.array([a for r in reach for a in r], dtype=np.int64)

    def expand(self, code_rows: np.ndarray, order=None) -> tuple[np.ndarray, np.ndarray]:
        """``(row, code)``: each row (taken in ``order``) once for every code it counts
        for."""
        rows = np.arange(len(code_rows)) if order is None else order
        width = np.diff(self.reach_start)[code_rows[rows]]
        within = np.arange(width.sum()) - np.repeat(np.cumsum(width) - width, width)
        start = np.repeat(self.reach_start[code_rows[rows]], width)
        return np.repeat(rows, width), self.reach[start + within]

    def count(
        self, unit_rows, code_rows, unit_group, distinct: bool = False
    ) -> tuple[np.ndarray, np.ndarray]:
        """``(coded units per group × code, units per group)`` from expanded
        ``(unit, code)`` pairs; a pair seen twice counts once (``distinct``: the caller
        knows every pair is seen once, as for passages, which carry one code each)."""
        n_codes, n_groups = self.n_codes, len(self.groups)
        if not distinct:
            key = unit_rows * n_codes + code_rows
            if len(unit_group) * n_codes <= 1 << 26:
                seen = np.zeros(len(unit_group) * n_codes, dtype=np.bool_)
                seen[key] = True
                key = np.flatnonzero(seen)
            else:
                key = np.unique(key)
            unit_rows = key // n_codes
            code_rows = key - unit_rows * n_codes
        group = unit_group[unit_rows]
        cells = (group * n_codes + code_rows)[group >= 0]
        counts = np.bincount(cells, minlength=n_groups * n_codes).reshape(n_groups, n_codes)
        units = np.bincount(unit_group[unit_group >= 0], minlength=n_groups)
        return counts, units


def code_frequencies(
    corpus: Corpus,
    *,
    by: str | list[str] | None = None,
    unit: str = "segment",
    rollup: bool = False,
    codes: list[str] | None = None,
) -> pd.DataFrame:
    """One row per code (× group): ``code``, ``path``, ``depth`` (in the code tree), the
    ``by`` columns, ``n`` (units coded), ``units`` (units in the group), ``percent``,
    ``n_segments``, ``n_documents``, ``n_cases`` and ``coverage`` (see module docstring).

    Parameters
    ----------
    corpus
        The coded material.
    by
        Document attributes to count per group of.
    unit
        What is counted: ``segment``, ``turn``, ``document`` or ``case``.
    rollup
        Count a parent code wherever one of its sub-codes is.
    codes
        Only these codes (paths or ids).

    Returns
    -------
    DataFrame
        One row per code (× group), as above.

    Examples
    --------
    See the module's example.
    """
    check_unit(unit, UNITS)
    by = _groups(corpus, by)
    counter = _Counter(corpus, by, rollup)
    segs = corpus.segments
    seg_doc = positions(segs["document"], corpus.documents["document"])
    seg_code = positions(segs["code"], corpus.codes["code"])
    group_of_doc = counter.doc_group
    words = _passage_words(corpus, seg_doc)  # passages in word order help coverage
    rows, counted = counter.expand(seg_code, order=np.argsort(words[0]))
    by_segment = counter.count(rows, counted, group_of_doc[seg_doc], distinct=True)
    by_document = counter.count(seg_doc[rows], counted, group_of_doc)
    by_case = _case_counts(corpus, counter, seg_doc[rows], counted) or by_document
    if unit == "turn":
        pair_seg, turn_rows = turn_units(corpus, segs)
        pair, turn_counted = counter.expand(seg_code[pair_seg])
        turn_doc = positions(corpus.turns["document"], corpus.documents["document"])
        counts = counter.count(turn_rows[pair], turn_counted, group_of_doc[turn_doc])
    else:
        counts = {"segment": by_segment, "document": by_document, "case": by_case}[unit]
    n_groups, n_codes = counts[0].shape
    code_row, group_row = (
        np.tile(np.arange(n_codes), n_groups),
        np.repeat(np.arange(n_groups), n_codes),
    )
    out = {c: corpus.codes[c].array.take(code_row) for c in ("code", "path", "depth")}
    out |= {b: counter.groups[b].array.take(group_row) for b in by}
    n, units = counts[0].ravel().astype(np.int64), counts[1][group_row].astype(np.int64)
    with np.errstate(invalid="ignore", divide="ignore"):
        percent = np.where(units > 0, 100 * n / units, np.nan)
    out |= {
        "n": n,
        "units": units,
        "percent": percent,
        "n_segments": by_segment[0].ravel().astype(np.int64),
        "n_documents": by_document[0].ravel().astype(np.int64),
        "n_cases": by_case[0].ravel().astype(np.int64),
        "coverage": _coverage(counter, words, rows, counted, group_of_doc[seg_doc]).ravel(),
    }
    table = pd.DataFrame(out)
    if codes is not None:
        table = table[table["path"].isin(codes) | table["code"].isin(codes)]
    return table.reset_index(drop=True)


def _case_counts(corpus: Corpus, counter: _Counter, pair_doc, pair_code):
    """Cases (informants) per group × code; a case counts in each group of its documents."""
    links = corpus.case_documents
    if links.empty:
        return None
    link_doc = positions(links["document"], corpus.documents["document"])
    link_group = counter.doc_group[link_doc]
    pairs = pd.DataFrame({"case": links["case"].to_numpy(), "group": link_group})
    unit_id, uniques = pd.factorize(pd.MultiIndex.from_frame(pairs))
    unit_group = np.array([g for _, g in uniques], dtype=np.int64)
    doc_units = pd.DataFrame({"doc": link_doc, "unit": unit_id})
    hits = pd.DataFrame({"doc": pair_doc, "code": pair_code}).merge(doc_units, on="doc")
    return counter.count(hits["unit"].to_numpy(), hits["code"].to_numpy(), unit_group)


def _passage_words(corpus: Corpus, seg_doc) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Corpus-wide word numbers of each passage's first word and of the word after it, and
    the words per document (numbered when the corpus was made; a corpus assembled by
    hand without them is numbered here)."""
    docs, segs = corpus.documents, corpus.segments
    if "words" in docs.columns and {"word_start", "word_end"} <= set(segs.columns):
        n_words = docs["words"].to_numpy(np.int64)
        before_doc = (np.cumsum(n_words) - n_words)[seg_doc]
        first = before_doc + segs["word_start"].to_numpy(np.int64)
        return first, before_doc + segs["word_end"].to_numpy(np.int64), n_words
    before, offsets, n_words = word_numbers(docs["text"].tolist())
    first = before[offsets[seg_doc] + segs["start"].to_numpy()].astype(np.int64)
    last = before[offsets[seg_doc] + segs["end"].to_numpy()].astype(np.int64)
    return first, last, n_words


def _coverage(counter: _Counter, words, rows, codes, seg_group) -> np.ndarray:
    """Share of the group's words inside the code's passages (overlaps counted once): a
    vectorised interval union over global word numbers. ``(rows, codes)`` are the
    passages, in word order, expanded to every code they count for."""
    n_groups, n_codes = len(counter.groups), counter.n_codes
    first, last, n_words = words
    small = np.int16 if n_codes < 2**15 else np.int64  # int16 sorts by radix
    order = np.argsort(codes.astype(small), kind="stable")  # by code, then by first word
    rows, code = rows[order], codes[order]
    a, b, group = first[rows], last[rows], seg_group[rows]
    span = int(max(last.max(initial=0), n_words.sum())) + 1  # keeps each code's running max
    reach = np.maximum.accumulate(b + code * span)
    previous = np.concatenate([[-1], reach[:-1]]) - code * span
    added = np.maximum(0, b - np.maximum(a, previous))
    valid = group >= 0
    covered = np.bincount(
        group[valid] * n_codes + code[valid], weights=added[valid], minlength=n_groups * n_codes
    ).reshape(n_groups, n_codes)
    docs = counter.doc_group >= 0
    total = np.bincount(counter.doc_group[docs], weights=n_words[docs], minlength=n_groups)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(total[:, None] > 0, covered / total[:, None], np.nan)
