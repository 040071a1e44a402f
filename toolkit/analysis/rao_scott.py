"""Design-based tests for weighted data, as R's ``survey`` package computes them.

:func:`rao_scott` is ``svychisq(~row + col, design)`` with its default
``statistic="F"``: Pearson's X² on the weighted table scaled to the sample size, divided by
the mean generalised design effect (the trace of Δ = (C'D⁻¹C/N)⁻¹ C'D⁻¹VD⁻¹C, where V
is the linearisation covariance of the cell proportions), referred to an F distribution
with d₀ = tr(Δ)² / tr(Δ²) and d₀ × (n − 1) degrees of freedom (the second-order
Rao–Scott correction). :func:`wald_means` is the design-based F test that group means are
equal: ``regTermTest(svyglm(y ~ group, design), ~group)``, with the sandwich covariance of
a weights-only design and (q, n − p) degrees of freedom.

Both take complete cases (respondents with an answer on both variables), weights ≥ 0.
Where R's ``solve`` refuses a system as computationally singular (reciprocal condition
number below machine epsilon: groups of one or two respondents, a table of mostly empty
cells), these refuse too: the result has no numbers and ``singular`` is true. They never
return an F beyond its possible degrees of freedom.

Examples
--------
>>> import numpy as np
>>> rows = np.array([0, 0, 1, 1, 0, 1, 0, 1, 1, 0])
>>> cols = np.array([0, 1, 0, 1, 1, 1, 0, 0, 1, 0])
>>> result = rao_scott(rows, cols, np.ones(10))
>>> round(result["statistic"], 4), round(result["ndf"], 4)  # X² = 0.4, tr(Δ) = n / (n − 1)
(0.36, 1.0)
"""

from __future__ import annotations

import numpy as np

from toolkit.analysis._lazy_scipy import stats


def _residual(x1: np.ndarray, x12: np.ndarray) -> np.ndarray:
    """``qr.resid(qr(X1), X12)``: X12 with its projection on X1's columns removed."""
    q, _ = np.linalg.qr(x1)
    return x12 - q @ (q.T @ x12)


#: R's ``solve.default`` tolerance: ``.Machine$double.eps``
EPS = float(np.finfo(float).eps)

NOTHING = {"statistic": np.nan, "ndf": np.nan, "ddf": np.nan, "p_value": np.nan}


def _solve(a: np.ndarray, b: np.ndarray) -> np.ndarray | None:
    """``solve(a, b)``, or None where R's ``solve`` would stop: "system is computationally
    singular" (the reciprocal 1-norm condition number under machine epsilon)."""
    with np.errstate(all="ignore"):
        condition = np.linalg.cond(a, 1)
    if not np.isfinite(condition) or 1.0 / condition < EPS:
        return None
    return np.linalg.solve(a, b)


def _design_matrices(nr: int, nc: int) -> tuple[np.ndarray, np.ndarray]:
    """Main effects (X1) and the interaction columns (X12 beyond X1) of an nr × nc table,
    rows varying fastest as ``expand.grid`` orders them."""
    r = np.tile(np.arange(nr), nc)
    c = np.repeat(np.arange(nc), nr)
    rows = (r[:, None] == np.arange(1, nr)).astype(float)
    cols = (c[:, None] == np.arange(1, nc)).astype(float)
    x1 = np.column_stack([np.ones(nr * nc), rows, cols])
    inter = np.column_stack([rows[:, i] * cols[:, j] for j in range(nc - 1) for i in range(nr - 1)])
    return x1, inter


def rao_scott(rows: np.ndarray, cols: np.ndarray, weights: np.ndarray) -> dict:
    """Second-order Rao–Scott test of independence (see module docstring): ``statistic``
    (F), ``ndf``, ``ddf``, ``p_value``, ``pearson`` (X² on the scaled table), ``deff``,
    ``singular`` (true where R refuses the system: no numbers then)."""
    rows, cols, w = np.asarray(rows), np.asarray(cols), np.asarray(weights, dtype=float)
    row_levels, r = np.unique(rows, return_inverse=True)
    col_levels, c = np.unique(cols, return_inverse=True)
    nr, nc, n = len(row_levels), len(col_levels), len(w)
    if nr < 2 or nc < 2:
        return {**NOTHING, "pearson": np.nan, "deff": np.nan, "singular": False}
    cell = r + nr * c  # interaction(row, col): rows vary fastest
    indicators = np.zeros((n, nr * nc))
    indicators[np.arange(n), cell] = 1.0
    total = w.sum()
    p = w @ indicators / total
    z = w[:, None] * (indicators - p) / total
    v = n / (n - 1) * z.T @ z
    x1, x12 = _design_matrices(nr, nc)
    cmat = _residual(x1, x12)
    inverse = np.where(p == 0, 0.0, 1.0 / np.where(p == 0, 1.0, p))
    denom = cmat.T @ (np.diag(inverse) / n) @ cmat
    numer = cmat.T @ np.diag(inverse) @ v @ np.diag(inverse) @ cmat
    delta = _solve(denom, numer)
    most = (nr - 1) * (nc - 1)
    if delta is None:
        return {**NOTHING, "pearson": np.nan, "deff": np.nan, "singular": True}
    trace, trace2 = np.trace(delta), np.trace(delta @ delta)
    d0 = trace**2 / trace2
    if not (np.isfinite(d0) and 0 < d0 <= most * (1 + 1e-9) and trace > 0):
        return {**NOTHING, "pearson": np.nan, "deff": np.nan, "singular": True}
    table = (p * n).reshape(nc, nr).T  # svytable(formula, design, Ntotal = n)
    expected = table.sum(axis=1, keepdims=True) * table.sum(axis=0, keepdims=True) / n
    with np.errstate(invalid="ignore", divide="ignore"):
        pearson = float(np.nansum((table - expected) ** 2 / expected))
    statistic = float(pearson / trace)
    ddf = float(d0 * (n - 1))
    return {
        "statistic": statistic,
        "ndf": float(d0),
        "ddf": ddf,
        "p_value": float(stats.f.sf(statistic, d0, ddf)),
        "pearson": pearson,
        "deff": float(trace / most),
        "singular": False,
    }


def wald_means(values: np.ndarray, groups: np.ndarray, weights: np.ndarray) -> dict:
    """Design-based F test that the weighted group means of ``values`` are equal (see
    module docstring): ``statistic``, ``ndf`` (groups − 1), ``ddf`` (n − groups),
    ``p_value``, ``singular``."""
    y, g, w = np.asarray(values, float), np.asarray(groups), np.asarray(weights, float)
    levels, index = np.unique(g, return_inverse=True)
    k, n = len(levels), len(y)
    if k < 2:
        return {**NOTHING, "singular": False}
    # the covariance of the group differences is diag(V_j) + V_0·11': singular when two
    # groups' means have no variance (groups of one, or of equal answers), which R meets
    # as a reciprocal condition number near 1e-28 and floating point here need not
    low, high = np.full(k, np.inf), np.full(k, -np.inf)
    np.minimum.at(low, index, y)
    np.maximum.at(high, index, y)
    if int((low == high).sum()) >= 2:
        return {**NOTHING, "singular": True}
    x = np.column_stack([np.ones(n), *(index == j for j in range(1, k))]).astype(float)
    bread = _solve(x.T @ (w[:, None] * x), np.eye(k))
    if bread is None:
        return {**NOTHING, "singular": True}
    beta = bread @ (x.T @ (w * y))
    resid = y - x @ beta
    meat = (x * (w * resid)[:, None]).T @ (x * (w * resid)[:, None])
    cov = n / (n - 1) * bread @ meat @ bread
    b, v = beta[1:], cov[1:, 1:]
    solved = _solve(v, b)
    ddf = n - k
    if solved is None or ddf < 1 or float(b @ solved) < 0:
        return {**NOTHING, "singular": True}
    statistic = float(b @ solved) / (k - 1)
    return {
        "statistic": statistic,
        "ndf": k - 1,
        "ddf": ddf,
        "p_value": float(stats.f.sf(statistic, k - 1, ddf)),
        "singular": False,
    }
