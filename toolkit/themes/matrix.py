"""A matrix query like NVivo's: codes × a document attribute, cells linked to segments;
and code co-occurrence.

Examples
--------
>>> from toolkit.interviews import read_corpus
>>> from toolkit.data import example_project
>>> corpus = read_corpus(example_project("qdpx"))
>>> m = code_matrix(corpus, "rolle", unit="document", rollup=True)
>>> int(m.counts.loc["Tid", "leder"]), int(m.units["leder"])
(4, 4)
>>> len(m.segments("Tid", "leder"))
12
>>> pairs = cooccurrence(corpus, unit="document", rollup=False)
>>> set(pairs.columns) >= {"path_a", "path_b", "n", "jaccard"}
True
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from itertools import combinations

import numpy as np
import pandas as pd

from toolkit.interviews.corpus import Corpus
from toolkit.themes.frequencies import ancestors, code_frequencies, codes_under
from toolkit.themes.units import check_unit, segment_pairs, unit_table


@dataclass(frozen=True)
class CodeMatrix:
    """Counts (units coded) and percentages of codes × groups, linked to the segments."""

    corpus: Corpus
    by: str
    unit: str
    rollup: bool
    table: pd.DataFrame

    @property
    def counts(self) -> pd.DataFrame:
        return self.table.pivot(index="path", columns=self.by, values="n").loc[self._order]

    @property
    def percent(self) -> pd.DataFrame:
        return self.table.pivot(index="path", columns=self.by, values="percent").loc[self._order]

    @property
    def units(self) -> pd.Series:
        return self.table.drop_duplicates(self.by).set_index(self.by)["units"]

    @property
    def _order(self) -> list[str]:
        return list(dict.fromkeys(self.table["path"]))

    def to_frame(self) -> pd.DataFrame:
        return self.table.copy()

    def segments(self, code: str, group) -> pd.DataFrame:
        """The coded passages behind one cell (code by path or id; with roll-up, those of
        its descendants too)."""
        wanted = codes_under(self.corpus.codes, code, self.rollup)
        docs = self.corpus.documents
        in_group = set(docs.loc[docs[self.by] == group, "document"])
        segs = self.corpus.segments
        return segs[segs["code"].isin(wanted) & segs["document"].isin(in_group)].reset_index(
            drop=True
        )

    def _repr_html_(self) -> str:
        heading = html.escape(f"Codes × {self.by} ({self.unit}s coded; N per group below)")
        n = self.units.rename("N").to_frame().T
        return f"<div><strong>{heading}</strong>{self.counts._repr_html_()}{n._repr_html_()}</div>"


def code_matrix(
    corpus: Corpus, by: str, *, unit: str = "document", rollup: bool = True
) -> CodeMatrix:
    """Codes × the values of one document attribute (see :class:`CodeMatrix`).

    Parameters
    ----------
    corpus
        The coded material.
    by
        A document attribute (the columns).
    unit
        What is counted (``document``, ``segment``, ``turn``, ``case``).
    rollup
        Count a parent code wherever one of its sub-codes is.

    Returns
    -------
    CodeMatrix
        Counts and percentages of codes × groups, linked to the segments.

    Examples
    --------
    See the module's example.
    """
    table = code_frequencies(corpus, by=by, unit=unit, rollup=rollup)
    return CodeMatrix(corpus, by, unit, rollup, table)


def cooccurrence(corpus: Corpus, *, unit: str = "document", rollup: bool = False) -> pd.DataFrame:
    """Pairs of codes on the same unit (``"segment"`` = overlapping passages in one
    document, or any unit of :mod:`toolkit.themes.units`): ``n`` units with both codes,
    ``n_a``, ``n_b`` and Jaccard ``n / (n_a + n_b - n)``.

    Parameters
    ----------
    corpus
        The coded material.
    unit
        The unit two codes share.
    rollup
        Count a parent code wherever one of its sub-codes is.

    Returns
    -------
    DataFrame
        One row per pair of codes.

    Examples
    --------
    See the module's example.
    """
    check_unit(unit, ("segment", "turn", "paragraph", "sentence", "document", "case"))
    if unit == "segment":
        coded = segment_pairs(corpus)
    else:
        coded, _ = unit_table(corpus, unit)
        coded = coded[["code", "unit"]]
    if rollup:
        up = ancestors(corpus.codes)
        coded = pd.DataFrame(
            [(a, u) for c, u in zip(coded["code"], coded["unit"], strict=True) for a in up[c]],
            columns=["code", "unit"],
        )
    coded = coded.drop_duplicates()
    sizes = coded.groupby("code").size()
    together: dict[tuple[str, str], int] = {}
    for _, codes in coded.groupby("unit")["code"]:
        for a, b in combinations(sorted(set(codes)), 2):
            together[(a, b)] = together.get((a, b), 0) + 1
    paths = corpus.codes.set_index("code")["path"]
    rows = [
        {
            "code_a": a,
            "code_b": b,
            "path_a": paths[a],
            "path_b": paths[b],
            "n": n,
            "n_a": int(sizes[a]),
            "n_b": int(sizes[b]),
            "jaccard": n / (sizes[a] + sizes[b] - n),
        }
        for (a, b), n in together.items()
    ]
    columns = ["code_a", "code_b", "path_a", "path_b", "n", "n_a", "n_b", "jaccard"]
    out = pd.DataFrame(rows, columns=columns)
    return out.sort_values(
        ["n", "path_a", "path_b"], ascending=[False, True, True], ignore_index=True
    )


def cooccurrence_matrix(pairs: pd.DataFrame, value: str = "n") -> pd.DataFrame:
    """A symmetric code × code matrix from :func:`cooccurrence` (for a heatmap)."""
    paths = sorted(set(pairs["path_a"]) | set(pairs["path_b"]))
    matrix = pd.DataFrame(np.nan, index=paths, columns=paths)
    for row in pairs.itertuples(index=False):
        matrix.loc[row.path_a, row.path_b] = matrix.loc[row.path_b, row.path_a] = getattr(
            row, value
        )
    return matrix
