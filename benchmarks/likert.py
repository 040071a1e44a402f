"""Likert summary speed: the toolkit beside a numpy floor and a naive pandas loop.

100,000 respondents × 160 five-point items (+ "Vet ikke" and blanks), a 5-level group and
a weight. For each of overall / by group × unweighted / weighted it prints, in one run:

* toolkit: ``likert_summary(survey, items, by=..., weight=...)``
* floor:   ``np.bincount`` per column of the int8 code matrix (the issue's floor)
* weighted floor: a weighted and an unweighted ``np.bincount`` per column, what continuous
  weights cannot do without (``n`` and ``unweighted_n`` are both reported)
* naive:   a loop of ``value_counts`` (weighted: ``groupby().sum()``) per column

Targets (issue 4): ≤ 2× the floor and never slower than the naive loop, weighted included.
``--rows 1000000`` also reports peak memory (target: within 4 GiB).
Usage: python benchmarks/likert.py [--rows N] [--repeat K]
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
from _timing import best

from toolkit import likert_summary
from toolkit.surveys.assemble import build_survey
from toolkit.surveys.builder import AGREEMENT, DONT_KNOW, ExportBuilder


def make_survey(rows: int, items: int = 160, seed: int = 4):
    rng = np.random.default_rng(seed)
    group = rng.integers(1, 6, rows)
    sector = rng.integers(0, 2, rows)
    b = ExportBuilder()
    b.single("gruppe", "Gruppe", [f"Gruppe {g}" for g in range(1, 6)], group.astype(float))
    weights = rng.uniform(0.5, 2.0, rows)  # continuous (raking-like) weights
    b.open("vekt", "Vekt", weights, subtype="Double")
    cells = (0.6 + 0.1 * group + 0.35 * sector).round(3)  # 10 post-strata
    b.open("cellevekt", "Cellevekt", cells, subtype="Double")
    for i in range(items):
        name = f"q{i // 10}_{i % 10 + 1}"
        values = rng.integers(1, 7, rows).astype(float)
        values[rng.random(rows) < 0.1] = np.nan
        b.single(name, f"Spørsmål {i // 10} - Påstand {i}", [*AGREEMENT, DONT_KNOW], values)
    return build_survey(b.raw(rows), progress=False)


def peak_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    survey = make_survey(args.rows)
    items = [v for v in survey.data.columns if v.startswith("q")]
    codes = np.asfortranarray(np.column_stack([survey.data[v].cat.codes.to_numpy() for v in items]))
    frame = survey.data

    def floor():
        for j in range(codes.shape[1]):
            np.bincount(codes[:, j] + 1, minlength=8)

    weights = frame["vekt"].to_numpy(dtype=float)

    def weighted_floor():  # continuous weights need a weighted and an unweighted count
        for j in range(codes.shape[1]):
            np.bincount(codes[:, j] + 1, weights=weights, minlength=8)
            np.bincount(codes[:, j] + 1, minlength=8)

    naive = {
        (False, None): lambda w: [frame[v].value_counts() for v in items],
        (True, None): lambda w: [
            frame.groupby("gruppe", observed=True)[v].value_counts() for v in items
        ],
        (False, "vekt"): lambda w: [frame.groupby(v, observed=True)[w].sum() for v in items],
        (True, "vekt"): lambda w: [
            frame.groupby(["gruppe", v], observed=True)[w].sum() for v in items
        ],
        (False, "cellevekt"): lambda w: [frame.groupby(v, observed=True)[w].sum() for v in items],
        (True, "cellevekt"): lambda w: [
            frame.groupby(["gruppe", v], observed=True)[w].sum() for v in items
        ],
    }
    floor_time = best(floor, args.repeat)
    print(f"{args.rows:,} respondents × {len(items)} items; best of {args.repeat}")
    print(f"floor (np.bincount per column): {floor_time:.3f} s")
    weighted_time = best(weighted_floor, args.repeat)
    print(
        f"weighted floor (a weighted and an unweighted np.bincount per column): "
        f"{weighted_time:.3f} s = {weighted_time / floor_time:.2f}× the floor"
    )
    print(f"{'case':<34} {'toolkit':>8} {'naive':>8} {'vs floor':>9} {'vs naive':>9}")
    names = {None: "unweighted", "vekt": "weighted (continuous)", "cellevekt": "weighted (cells)"}
    for (grouped, weight), loop in naive.items():

        def run(grouped=grouped, weight=weight):
            return likert_summary(survey, items, by="gruppe" if grouped else None, weight=weight)

        ours = best(run, args.repeat)
        theirs = best(lambda loop=loop, weight=weight: loop(weight), max(1, args.repeat // 2))
        case = f"{'by group' if grouped else 'overall'}, {names[weight]}"
        print(
            f"{case:<34} {ours:>8.3f} {theirs:>8.3f} {ours / floor_time:>8.2f}× "
            f"{ours / theirs:>8.2f}×  (target ≤ 2× floor, ≤ 1× naive)"
            + (f"; {ours / weighted_time:.2f}× the weighted floor" if weight == "vekt" else "")
        )
    print(f"peak memory of this process: {peak_mb():,.0f} MB")


if __name__ == "__main__":
    main()
