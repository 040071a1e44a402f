"""Weights and what they did: the result of :func:`rake` and :func:`cell_weights`.

Kish's design effect of unequal weights, deff = n Σw² / (Σw)² = 1 + CV², and the
effective sample size (Σw)² / Σw² tell how much precision the weighting costs; both are
given overall and per category of every weighting variable, with the targets beside what
the sample had before and after weighting.

Examples
--------
>>> kish(np.array([1.0, 1.0, 2.0, 4.0]))
(1.375, 2.909090909090909)
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

import numpy as np
import pandas as pd


def kish(weights: np.ndarray) -> tuple[float, float]:
    """``(design effect, effective sample size)`` of a set of weights."""
    weights = np.asarray(weights, dtype=float)
    total, squares = weights.sum(), (weights**2).sum()
    if total <= 0:
        return float("nan"), 0.0
    return float(len(weights) * squares / total**2), float(total**2 / squares)


@dataclass(frozen=True)
class Weights:
    """Weights per respondent (``values``) and how they were made.

    ``margins`` has one row per variable × category: ``target`` (count), ``sample``
    (respondents), ``before`` and ``after`` (shares in percent, unweighted and weighted),
    ``error`` (relative, after). ``description`` is how reports say what the weights do
    ("Vektet etter region og kontorstørrelse").
    """

    values: pd.Series
    method: str
    variables: tuple[str, ...]
    margins: pd.DataFrame
    converged: bool
    iterations: int
    max_error: float
    description: str
    cap: tuple[float, float] | None = None
    groups: pd.DataFrame = field(default_factory=pd.DataFrame)

    @property
    def deff(self) -> float:
        return kish(self.values.to_numpy())[0]

    @property
    def n_effective(self) -> float:
        return kish(self.values.to_numpy())[1]

    def to_frame(self) -> pd.DataFrame:
        return self.values.to_frame("weight")

    def summary(self) -> pd.DataFrame:
        """Overall: n, effective n, design effect, smallest, mean and largest weight."""
        w = self.values.to_numpy()
        return pd.DataFrame(
            [
                {
                    "n": len(w),
                    "n_effective": self.n_effective,
                    "deff": self.deff,
                    "min": w.min(),
                    "mean": w.mean(),
                    "max": w.max(),
                    "iterations": self.iterations,
                    "max_error": self.max_error,
                }
            ]
        )

    def _repr_html_(self) -> str:
        margins = self.margins.to_html(index=False, float_format=lambda v: f"{v:.3g}")
        return (
            f"<div><strong>{html.escape(self.description)}</strong> ({html.escape(self.method)},"
            f" {self.iterations} iterations, largest margin error {self.max_error:.2g})"
            f"<p>n={len(self.values)}, effective n={self.n_effective:.1f}, "
            f"design effect={self.deff:.3f}</p>{margins}</div>"
        )


def group_summary(values: np.ndarray, margins) -> pd.DataFrame:
    """Kish deff and effective n per category of every weighting variable (bincounts of
    w and w² per category)."""
    rows = []
    squares = values * values
    for margin in margins:
        k = len(margin.labels)
        n = np.bincount(margin.codes, minlength=k)
        total = np.bincount(margin.codes, weights=values, minlength=k)
        sumsq = np.bincount(margin.codes, weights=squares, minlength=k)
        for j, label in enumerate(margin.labels):
            if n[j]:
                rows.append(
                    {
                        "variable": margin.variable,
                        "category": label,
                        "n": int(n[j]),
                        "weight_sum": float(total[j]),
                        "n_effective": float(total[j] ** 2 / sumsq[j]),
                        "deff": float(n[j] * sumsq[j] / total[j] ** 2),
                    }
                )
    return pd.DataFrame(rows)


def margin_table(values: np.ndarray, margins) -> pd.DataFrame:
    """Targets beside the sample before and after weighting, per category."""
    rows = []
    for margin in margins:
        n = np.bincount(margin.codes, minlength=len(margin.labels))
        achieved = np.bincount(margin.codes, weights=values, minlength=len(margin.labels))
        total = margin.targets.sum()
        for k, label in enumerate(margin.labels):
            target = margin.targets[k]
            rows.append(
                {
                    "variable": margin.variable,
                    "category": label,
                    "target": target,
                    "target_percent": 100 * target / total if total else np.nan,
                    "sample": int(n[k]),
                    "before": 100 * n[k] / n.sum() if n.sum() else np.nan,
                    "after": 100 * achieved[k] / achieved.sum() if achieved.sum() else np.nan,
                    "error": abs(achieved[k] - target) / target if target else abs(achieved[k]),
                }
            )
    return pd.DataFrame(rows)
