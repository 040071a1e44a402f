"""Survey rounds: the toolkit beside a floor measured in the same run (issue 12).

* compare: ``compare_codebooks`` on two rounds of 1,000 variables with realistic changes
  (wording edits, renames, dropped and added items, a category added). Target < 0.5 s.
* stack: ``Rounds.stack()`` of 5 rounds × 100,000 respondents × 240 variables (already
  loaded) beside a plain ``pd.concat`` of the same frames. Target ≤ 1.5×.
* reopen: a round read from its Parquet cache beside reading the raw CSV export.
  Target ≤ 0.2× the raw read.

Usage: python benchmarks/rounds.py [--rows N] [--repeat K]
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd
from _timing import best
from load_surveyxact import prepare

from toolkit import compare_codebooks, read_surveyxact
from toolkit.rounds.project import Rounds
from toolkit.rounds.storage import cached_round
from toolkit.surveys.assemble import build_survey
from toolkit.surveys.builder import AGREEMENT, DONT_KNOW, ExportBuilder

AGREE = list(AGREEMENT)


def codebook_round(variables: int, changed: bool, seed: int = 3):
    """A survey of ``variables`` closed items (10 per grid), 10 respondents; the changed
    round edits 20 wordings, renames 10, drops 10, adds 10 and adds a category to 5."""
    rng = np.random.default_rng(seed)
    b = ExportBuilder()
    for i in range(variables):
        grid, item = divmod(i, 10)
        name = f"g{grid}_{item + 1}"
        text = f"Påstand {i} om samarbeid, ledelse og arbeidsmiljø på kontoret"
        scale = [*AGREE[:2], *AGREE[3:]] if i % 200 == 7 else AGREE
        if changed:
            if i % 50 == 3:
                text += " i år"
            if i % 100 == 11:
                name = f"n{grid}_{item + 1}"  # renamed, same question
            if i % 100 == 13:
                continue  # dropped
            if i % 200 == 7:
                scale = AGREE
        values = rng.integers(1, len(scale) + 2, 10).astype(float)
        question = name.split("_")[0]
        b.single(name, f"Gruppe {grid} - {text}", [*scale, DONT_KNOW], values, question=question)
    if changed:
        for i in range(10):
            name = f"ny_{i + 1}"
            values = rng.integers(1, 3, 10).astype(float)
            b.single(name, f"Nytt spørsmål {i} - tema {i}", ["Ja", "Nei"], values, question="ny")
    return build_survey(b.raw(10), progress=False)


def bench_compare(repeat: int) -> None:
    old, new = codebook_round(1000, False), codebook_round(1000, True)
    diff = compare_codebooks(old, new)
    seconds = best(lambda: compare_codebooks(old, new), repeat)
    counts = diff["status"].value_counts().to_dict()
    print(f"compare_codebooks, two rounds of 1,000 variables: {counts}")
    print(f"  toolkit {seconds:6.3f} s   (target < 0.5 s)")


def bench_stack_and_reopen(rows: int, repeat: int) -> None:
    export = prepare(rows, ["csv"]) / "csv"
    raw = best(lambda: read_surveyxact(export), max(1, repeat - 1))
    survey = read_surveyxact(export)
    with tempfile.TemporaryDirectory() as cache:
        cached_round(Path(cache), "r", export)  # writes the cache
        reopened = best(lambda: cached_round(Path(cache), "r", export), repeat)
    print(f"reopen one round of {rows:,} × {survey.data.shape[1]} (CSV export)")
    print(
        f"  Parquet cache {reopened:6.3f} s   raw CSV read {raw:6.3f} s   "
        f"ratio {reopened / raw:4.2f}×   (target ≤ 0.2×)"
    )
    order = [str(2022 + i) for i in range(5)]
    rounds = Rounds(Path(export), order, None, {name: survey for name in order})
    stacked = rounds.stack()
    assert stacked.n == 5 * survey.n
    toolkit = best(rounds.stack, repeat)
    floor = best(lambda: pd.concat([rounds[name].data for name in order]), repeat)
    print(f"stack 5 rounds × {rows:,} × {survey.data.shape[1]}")
    print(
        f"  Rounds.stack {toolkit:6.3f} s   pd.concat {floor:6.3f} s   "
        f"ratio {toolkit / floor:4.2f}×   (target ≤ 1.5×)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    bench_compare(args.repeat)
    bench_stack_and_reopen(args.rows, args.repeat)


if __name__ == "__main__":
    main()
