"""Units of analysis, defined once for every theme function.

A *unit* is what gets counted or compared: a coded passage, a speaker turn, a paragraph,
a sentence, a document, or a case (informant). Every unit has an id and a span in its
document's text; the same definitions serve :func:`~toolkit.themes.code_frequencies`,
:func:`~toolkit.themes.cooccurrence`, :func:`~toolkit.themes.agreement` and
:func:`~toolkit.themes.code_by_dictionary`.

========== ==================================== =======================================
unit       id                                    span
========== ==================================== =======================================
segment    the passage's id                      the passage
turn       ``document#turn``                     from a speaker label to the next one
paragraph  ``document@start``                    a line of text (not blank)
sentence   ``document@start``                    up to ``.``, ``!``, ``?`` or a line end
document   the document id                       the whole text
case       the case id (documents stand in       the case's documents
           when the corpus has no cases)
========== ==================================== =======================================

A unit counts as coded with a code when a passage with that code overlaps it.

Examples
--------
>>> [text[s:e] for text in ["Ja. Vi har for lite tid!\\nNei"] for s, e in sentences(text)]
['Ja.', 'Vi har for lite tid!', 'Nei']
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from toolkit.errors import UsageError
from toolkit.interviews.corpus import Corpus

#: Every unit name, in the order of the table above.
UNITS = ("segment", "turn", "paragraph", "sentence", "document", "case")
SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")
PARAGRAPH = re.compile(r"[^\n]+")


def check_unit(unit: str, allowed: tuple[str, ...] = UNITS) -> str:
    if unit not in allowed:
        raise UsageError(f"unknown unit {unit!r}", hint=f"unit= takes one of {', '.join(allowed)}")
    return unit


def sentences(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence of ``text``, leading spaces left out."""
    spans = []
    for match in SENTENCE.finditer(text):
        sentence = match.group()
        if sentence.strip():
            spans.append((match.start() + len(sentence) - len(sentence.lstrip()), match.end()))
    return spans


def positions(values, universe) -> np.ndarray:
    """Row number in ``universe`` of each value (-1 when absent), hashed by Arrow."""
    found = pc.index_in(pa.array(values), value_set=pa.array(universe))
    return pc.fill_null(found, -1).to_numpy(zero_copy_only=False).astype(np.int64)


def turn_units(corpus: Corpus, segments: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """``(segment row, turn row)`` pairs for every turn a passage overlaps (one
    ``searchsorted`` over (document, offset) keys for the whole corpus)."""
    turns = corpus.turns
    if turns.empty or segments.empty:
        return np.array([], dtype=np.int64), np.array([], dtype=np.int64)
    docs = corpus.documents["document"]
    span = int(max(corpus.documents["text"].str.len().max(), 1)) + 1
    t_doc = positions(turns["document"], docs)
    order = np.lexsort((turns["start"].to_numpy(), t_doc))
    t_start = t_doc[order] * span + turns["start"].to_numpy()[order]
    t_end = t_doc[order] * span + turns["end"].to_numpy()[order]
    s_doc = positions(segments["document"], docs)
    first = np.searchsorted(t_end, s_doc * span + segments["start"].to_numpy(), side="right")
    last = np.searchsorted(t_start, s_doc * span + segments["end"].to_numpy(), side="left") - 1
    count = np.maximum(last - first + 1, 0)
    rows = np.repeat(np.arange(len(segments)), count)
    offsets = np.arange(count.sum()) - np.repeat(np.cumsum(count) - count, count)
    return rows, order[np.repeat(first, count) + offsets]


def unit_spans(corpus: Corpus, unit: str) -> pd.DataFrame:
    """``document``, ``unit``, ``start``, ``end`` of every text unit (document, turn,
    paragraph, sentence) of the corpus."""
    check_unit(unit, ("turn", "paragraph", "sentence", "document"))
    if unit == "turn":
        turns = corpus.turns
        ids = turns["document"] + "#" + turns["turn"].astype(str)
        return pd.DataFrame(
            {
                "document": turns["document"],
                "unit": ids,
                "start": turns["start"],
                "end": turns["end"],
            }
        ).reset_index(drop=True)
    rows = []
    for document, text in zip(corpus.documents["document"], corpus.documents["text"], strict=True):
        if unit == "document":
            rows.append((document, document, 0, len(text)))
            continue
        spans = (
            sentences(text)
            if unit == "sentence"
            else [(m.start(), m.end()) for m in PARAGRAPH.finditer(text) if m.group().strip()]
        )
        rows += [(document, f"{document}@{start}", start, end) for start, end in spans]
    return pd.DataFrame(rows, columns=["document", "unit", "start", "end"])


def overlaps(segments: pd.DataFrame, spans: pd.DataFrame) -> pd.DataFrame:
    """Rows of ``segments`` joined to the units (``spans``) they overlap."""
    merged = segments.merge(spans, on="document", suffixes=("", "_unit"))
    hit = (merged["start"] < merged["end_unit"]) & (merged["end"] > merged["start_unit"])
    return merged[hit]


def segment_pairs(corpus: Corpus) -> pd.DataFrame:
    """``code``, ``unit`` where a unit is one passage or a pair of overlapping passages
    in one document (for co-occurrence at ``unit="segment"``)."""
    rows = []
    for _, segs in corpus.segments.groupby("document", sort=False):
        segs = segs.sort_values("start")
        starts, ends = segs["start"].to_numpy(), segs["end"].to_numpy()
        codes, ids = segs["code"].to_numpy(), segs["segment"].to_numpy()
        for i in range(len(segs)):
            rows.append((codes[i], ids[i]))
            j = i + 1
            while j < len(segs) and starts[j] < ends[i]:
                unit = f"{ids[i]}+{ids[j]}"
                rows += [(codes[i], unit), (codes[j], unit)]
                j += 1
    return pd.DataFrame(rows, columns=["code", "unit"])


def unit_table(corpus: Corpus, unit: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``(coded, units)``: (segment, code, unit id, document) rows and all units with
    their document."""
    check_unit(unit)
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
    spans = unit_spans(corpus, unit)
    coded = overlaps(seg, spans)[["segment", "code", "document", "start", "end", "unit"]]
    return coded.reset_index(drop=True), spans[["unit", "document"]]


def group_index(documents: pd.DataFrame, by: list[str]) -> tuple[np.ndarray, pd.DataFrame]:
    """Group number per document (-1 = a blank attribute) and the groups: every
    combination of the observed values, empty ones included, in sorted order."""
    if not by:
        return np.zeros(len(documents), dtype=np.int64), pd.DataFrame(index=[0])
    levels = [sorted(documents[b].dropna().unique()) for b in by]
    index = np.zeros(len(documents), dtype=np.int64)
    for b, level in zip(by, levels, strict=True):
        code = pd.Categorical(documents[b], categories=level).codes.astype(np.int64)
        index = np.where((index < 0) | (code < 0), -1, index * len(level) + code)
    return index, pd.MultiIndex.from_product(levels, names=by).to_frame(index=False)
