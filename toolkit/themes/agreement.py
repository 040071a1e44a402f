"""Inter-coder agreement: did coders apply the same codes to the same units?

Each unit (document, turn, paragraph or sentence) is marked 1/0 per coder and code (coded
with it or not). Per code and pooled over codes: percent agreement, Cohen's kappa (two
coders) and Krippendorff's alpha (nominal; any number of coders, missing values allowed),
with a table of disagreements to resolve. Coders are the ``coder`` column of one corpus, or
several corpora of the same documents (``agreement([corpus_a, corpus_b])``).

Examples
--------
>>> cohen_kappa([1] * 20 + [1] * 5 + [0] * 10 + [0] * 15,
...             [1] * 20 + [0] * 5 + [1] * 10 + [0] * 15)
0.4
>>> round(krippendorff_alpha([[0, 1, 0, 0, 0, 0, 0, 0, 1, 0],
...                           [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]]), 3)
0.095
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from itertools import permutations

import numpy as np
import pandas as pd

from toolkit.errors import UsageError
from toolkit.interviews.corpus import Corpus
from toolkit.themes.units import overlaps, unit_spans


def cohen_kappa(a: Sequence, b: Sequence) -> float:
    """Cohen's kappa of two coders' labels for the same units."""
    a, b = list(a), list(b)
    n = len(a)
    observed = sum(x == y for x, y in zip(a, b, strict=True)) / n
    ca, cb = Counter(a), Counter(b)
    expected = sum(ca[k] * cb[k] for k in set(ca) | set(cb)) / (n * n)
    return 1.0 if expected == 1 else round((observed - expected) / (1 - expected), 12)


def krippendorff_alpha(data: Sequence[Sequence]) -> float:
    """Krippendorff's alpha for nominal data: ``data[coder][unit]``, None/NaN = missing."""
    units = list(zip(*data, strict=True))
    coincidences: Counter = Counter()
    for values in units:
        present = [v for v in values if v is not None and v == v]
        m = len(present)
        if m < 2:
            continue
        for x, y in permutations(present, 2):
            coincidences[(x, y)] += 1 / (m - 1)
    n = sum(coincidences.values())
    if n == 0:
        return float("nan")
    totals: Counter = Counter()
    for (x, _), w in coincidences.items():
        totals[x] += w
    observed = sum(w for (x, y), w in coincidences.items() if x != y)
    expected = sum(totals[x] * totals[y] for x in totals for y in totals if x != y) / (n - 1)
    return 1.0 if expected == 0 else 1 - observed / expected


def _marks(segments: pd.DataFrame, spans: pd.DataFrame) -> set[tuple[str, str]]:
    """(unit, code path) pairs: a unit is coded when a passage overlaps it."""
    hit = overlaps(segments, spans)
    return set(zip(hit["unit"], hit["path"], strict=True))


def agreement(
    corpora: Corpus | Sequence[Corpus], *, unit: str = "turn", coders: Sequence[str] | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``(per_code, disagreements)``: per code and ``"(alle koder)"`` pooled: ``units``,
    ``percent_agreement``, ``kappa`` (two coders), ``alpha``; and every unit × code where
    the coders differ, with each coder's 1/0.

    Parameters
    ----------
    corpora
        One corpus per coder, or one corpus whose segments carry the coder.
    unit
        What is compared: ``turn``, ``segment`` or ``document``.
    coders
        The coders' names (default: as found).

    Returns
    -------
    tuple of DataFrame
        ``(per_code, disagreements)`` as above.

    Examples
    --------
    See the module's example.
    """
    if isinstance(corpora, Corpus):
        base = corpora
        names = coders or sorted(base.segments["coder"].dropna().unique())
        coded = {c: base.segments[base.segments["coder"] == c] for c in names}
    else:
        base = corpora[0]
        names = list(coders or [f"koder {i + 1}" for i in range(len(corpora))])
        ids = base.documents.set_index("name")["document"]
        coded = {}
        for name, corpus in zip(names, corpora, strict=True):
            by_name = corpus.documents.set_index("document")["name"]
            segs = corpus.segments.assign(
                document=corpus.segments["document"].map(by_name).map(ids)
            )
            coded[name] = segs.dropna(subset=["document"])
    if len(coded) < 2:
        raise UsageError(
            "agreement needs two or more coders",
            hint="pass two corpora, or a corpus whose segments carry 2+ coders",
        )
    spans = unit_spans(base, unit)
    marks = {name: _marks(segs, spans) for name, segs in coded.items()}
    paths = sorted({p for m in marks.values() for _, p in m})
    all_units = list(spans["unit"])
    rows, disagreements, pooled = [], [], {name: [] for name in names}
    for path in paths:
        values = {name: [int((u, path) in marks[name]) for u in all_units] for name in names}
        for name in names:
            pooled[name] += values[name]
        rows.append(_scores(path, values, names))
        matrix = np.array([values[n] for n in names])
        for j in np.flatnonzero(matrix.min(axis=0) != matrix.max(axis=0)):
            disagreements.append(
                {
                    "unit": all_units[j],
                    "code": path,
                    **{n: int(matrix[i, j]) for i, n in enumerate(names)},
                }
            )
    rows.append(_scores("(alle koder)", pooled, names))
    return pd.DataFrame(rows), pd.DataFrame(disagreements, columns=["unit", "code", *names])


def _scores(path: str, values: dict[str, list[int]], names: list[str]) -> dict:
    matrix = np.array([values[n] for n in names])
    agree = float((matrix.min(axis=0) == matrix.max(axis=0)).mean()) if matrix.size else np.nan
    kappa = cohen_kappa(*matrix) if len(names) == 2 and matrix.size else np.nan
    return {
        "code": path,
        "units": matrix.shape[1],
        "percent_agreement": 100 * agree,
        "kappa": kappa,
        "alpha": krippendorff_alpha(matrix.tolist()),
    }
