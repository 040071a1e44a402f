"""Iterative proportional fitting (raking) on numpy: the kernel behind :func:`rake`.

Each pass adjusts the weights to one margin after another: the weighted count of every
category is computed with one ``np.bincount`` and each respondent's weight multiplied by
target / achieved for their category. A pass whose factors all lie within ``tol`` of 1
changed no weight by more than ``tol``: then the largest relative margin error,
``max |achieved − target| / target``, is computed once, exactly, and reported (more passes
run if it is still above ``tol``).

Implemented here rather than taken from a library: weightipy, samplics, balance and ipfn
each report non-convergence with a printed warning (or not at all) and carry on, and some
ignore base weights or do not apply trimming; a silent wrong weight is worse than an error.

Examples
--------
>>> import numpy as np
>>> codes = [np.array([0, 0, 1, 1]), np.array([0, 1, 0, 1])]
>>> targets = [np.array([30.0, 10.0]), np.array([20.0, 20.0])]
>>> w, iterations, error = ipf(codes, targets, np.ones(4), max_iter=100, tol=1e-10)
>>> np.round(w, 6).tolist(), error < 1e-10
([15.0, 15.0, 5.0, 5.0], True)
"""

from __future__ import annotations

import numpy as np


def margin_errors(codes, targets, weights: np.ndarray) -> list[np.ndarray]:
    """Relative error per category of every margin for ``weights``."""
    out = []
    for c, t in zip(codes, targets, strict=True):
        achieved = np.bincount(c, weights=weights, minlength=len(t))
        with np.errstate(invalid="ignore", divide="ignore"):
            out.append(np.where(t > 0, np.abs(achieved - t) / t, np.abs(achieved)))
    return out


def ipf(
    codes: list[np.ndarray],
    targets: list[np.ndarray],
    base: np.ndarray,
    *,
    max_iter: int,
    tol: float,
) -> tuple[np.ndarray, int, float]:
    """``(weights, iterations, largest relative margin error)``; stops when the error is
    at most ``tol`` or after ``max_iter`` passes (the caller decides what that means)."""
    weights = np.array(base, dtype=np.float64)
    error = np.inf
    for iteration in range(1, max_iter + 1):
        change = 0.0
        for c, t in zip(codes, targets, strict=True):
            achieved = np.bincount(c, weights=weights, minlength=len(t))
            with np.errstate(invalid="ignore", divide="ignore"):
                factor = np.where(achieved > 0, t / achieved, 0.0)
            change = max(change, float(np.abs(factor[t > 0] - 1).max(initial=0.0)))
            weights *= factor[c]
        if change <= tol or iteration == max_iter:
            error = max(float(e.max(initial=0.0)) for e in margin_errors(codes, targets, weights))
            if error <= tol:
                return weights, iteration, error
    return weights, max_iter, error
