"""Weighting and design-based means: the toolkit beside a floor measured in the same run.

* rake: 1,000,000 respondents raked to 4 margins (2, 5, 11 and 20 categories) with the
  toolkit's ``rake`` (validation, diagnostics and all) beside a bare numpy IPF loop on the
  same integer-coded data, run for the same number of iterations.
  Targets (issue 13): under 2 s and at most 3× the bare loop.
* means: 160 items × 100,000 respondents by a 5-level group, weighted (linearisation
  standard errors), beside the unweighted ``likert_summary`` of the same items.
  Target: at most 3×.

Usage: python benchmarks/weights.py [--rows N] [--repeat K]
"""

from __future__ import annotations

import argparse

import numpy as np
import pandas as pd
from _timing import best

from toolkit import likert_summary
from toolkit.analysis.design import means
from toolkit.prepare import rake
from toolkit.surveys.assemble import build_survey
from toolkit.surveys.export import STRUCTURE_COLUMNS, RawExport, Source

SIZES = (2, 5, 11, 20)


def raking_survey(rows: int, seed: int = 13):
    rng = np.random.default_rng(seed)
    columns, structure, labels, margins = {}, [], [], {}
    for j, k in enumerate(SIZES):
        name = f"m{j}"
        p = rng.dirichlet(np.full(k, 2.0))
        columns[name] = (rng.choice(k, size=rows, p=p) + 1).astype(float)
        structure.append([name, name, "Background", "Single", f"Margin {j}", None, None])
        labels += [(name, c, f"{name} {c}") for c in range(1, k + 1)]
        target = rng.dirichlet(np.full(k, 5.0))  # the population differs from the sample
        margins[name] = {f"{name} {c}": float(target[c - 1]) for c in range(1, k + 1)}
    raw = RawExport(
        columns=columns,
        n_rows=rows,
        structure=pd.DataFrame(structure, columns=STRUCTURE_COLUMNS),
        labels=pd.DataFrame(labels, columns=["variable", "code", "label"]),
        source=Source(path="benchmark", format="memory"),
    )
    return build_survey(raw, progress=False), margins


def bare_ipf(codes, targets, iterations):
    weights = np.ones(len(codes[0]))
    for _ in range(iterations):
        for c, t in zip(codes, targets, strict=True):
            weights *= (t / np.bincount(c, weights=weights, minlength=len(t)))[c]
    return weights


def bench_rake(rows: int, repeat: int) -> None:
    survey, margins = raking_survey(rows)
    result = rake(survey, margins)
    codes = [survey.data[m].cat.codes.to_numpy().astype(np.intp) for m in margins]
    targets = [np.array(list(t.values())) * rows for t in margins.values()]
    toolkit = best(lambda: rake(survey, margins), repeat)
    floor = best(lambda: bare_ipf(codes, targets, result.iterations), repeat)
    print(f"rake {rows:,} × {len(SIZES)} margins {SIZES}: {result.iterations} iterations")
    print(
        f"  toolkit {toolkit:6.3f} s   bare numpy IPF {floor:6.3f} s   "
        f"ratio {toolkit / floor:4.2f}×   (targets < 2 s, ≤ 3×)"
    )


def bench_means(rows: int, repeat: int) -> None:
    from likert import make_survey

    survey = make_survey(rows)
    items = [v for v in survey.data.columns if v.startswith("q")]
    weighted = best(lambda: means(survey, items, by="gruppe", weight="vekt"), repeat)
    plain = best(lambda: likert_summary(survey, items, by="gruppe"), repeat)
    print(f"means {len(items)} items × {rows:,} by a 5-level group")
    print(
        f"  weighted means {weighted:6.3f} s   unweighted likert_summary {plain:6.3f} s   "
        f"ratio {weighted / plain:4.2f}×   (target ≤ 3×)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000, help="respondents for rake")
    parser.add_argument("--means-rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    bench_rake(args.rows, args.repeat)
    bench_means(args.means_rows, args.repeat)


if __name__ == "__main__":
    main()
