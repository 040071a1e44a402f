"""Secondary suppression for a breakdown: hide more groups until no hidden count can be
worked out from what a report shows.

A report shows, per item, the shares of every category overall (rounded to whole percent,
a table rounded to add to 100 may move one by a point) and N; per group the N and the
shares of the groups it shows. From those, a reader can bound each hidden group's count in
each category (counts are whole, non-negative and add up to each N). :func:`exposed`
computes those bounds with linear programming (scipy's HiGHS) and names the hidden cells
whose interval is narrower than the protection range: at least ``min_base`` wide (or the
group's N, when smaller), unless it reaches down to zero. :func:`protect` hides the
smallest shown group, then the next, until none is exposed.

Examples
--------
>>> import numpy as np
>>> counts = np.array([[6, 12, 15, 22, 11], [6, 5, 19, 23, 21], [3, 3, 3, 15, 14]])
>>> exposed(counts, {2}, min_base=10)  # the last group's two top categories, by subtraction
[(2, 3), (2, 4)]
>>> protect(counts, {2}, min_base=10)  # the smallest shown group hidden too
{0, 2}
"""

from __future__ import annotations

import numpy as np


def _bounds(counts: np.ndarray, hidden: set[int], known: bool = True):
    """The reader's linear constraints: A_ub x ≤ b_ub, A_eq x = b_eq, x = counts.ravel();
    with ``known=False`` a hidden group's N is hidden too (only their sum is known)."""
    groups, k = counts.shape
    bases = counts.sum(axis=1)
    total = counts.sum(axis=0)
    whole = total.sum()
    a_ub, b_ub, a_eq, b_eq = [], [], [], []
    together = np.zeros(groups * k)
    for g in range(groups):
        row = np.zeros(groups * k)
        row[g * k : (g + 1) * k] = 1
        if known or g not in hidden:
            a_eq.append(row)
            b_eq.append(bases[g])
        else:
            together += row
        if g in hidden or bases[g] == 0:
            continue
        for j in range(k):  # a shown share: within a point of its whole percent
            shown = round(100 * counts[g, j] / bases[g])
            x = np.zeros(groups * k)
            x[g * k + j] = 1
            a_ub += [x, -x]
            b_ub += [bases[g] * (shown + 1) / 100, -bases[g] * (shown - 1) / 100]
    for j in range(k):  # the item's overall share (everyone in a group: the reader's best case)
        shown = round(100 * total[j] / whole) if whole else 0
        x = np.zeros(groups * k)
        x[j::k] = 1
        a_ub += [x, -x]
        b_ub += [whole * (shown + 1) / 100, -whole * (shown - 1) / 100]
    if together.any():
        a_eq.append(together)
        b_eq.append(sum(bases[g] for g in hidden))
    return np.array(a_ub), np.array(b_ub), np.array(a_eq), np.array(b_eq)


def _intervals(counts: np.ndarray, hidden: set[int], known: bool = True) -> dict:
    """(group, category) → (low, high) of every hidden cell."""
    from scipy.optimize import linprog

    groups, k = counts.shape
    a_ub, b_ub, a_eq, b_eq = _bounds(counts, hidden, known)
    out = {}
    for g in sorted(hidden):
        for j in range(k):
            c = np.zeros(groups * k)
            c[g * k + j] = 1
            ends = []
            for sign in (1.0, -1.0):
                found = linprog(sign * c, A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=b_eq,
                                bounds=(0, None), method="highs")  # fmt: skip
                ends.append(sign * found.fun if found.success else np.nan)
            out[g, j] = tuple(ends)
    return out


def exposed(
    counts: np.ndarray, hidden: set[int], min_base: int, *, bases_shown: bool = True
) -> list[tuple[int, int]]:
    """Hidden cells (group, category) a reader can bound too narrowly (module docstring).

    Parameters
    ----------
    counts : ndarray
        Answers per group (rows) and category (columns), unweighted.
    hidden : set of int
        The groups hidden.
    min_base : int
        The protection range.
    bases_shown : bool
        Whether the report shows a hidden group's N (the reader's worst case, the
        default); ``False`` where the tables hide it with the group's cells (then only the
        hidden groups' N together is known).

    Returns
    -------
    list of tuple
        ``(group, category)`` of each exposed cell.
    """
    counts = np.asarray(counts, dtype=float)
    out = []
    for (g, j), (low, high) in _intervals(counts, hidden, bases_shown).items():
        need = min(min_base, counts[g].sum())
        if not (high - low >= need - 1e-6 or low <= 1e-6):
            out.append((g, j))
    return out


def protect(
    counts: np.ndarray, hidden: set[int], min_base: int, *, bases_shown: bool = True
) -> set[int]:
    """``hidden`` and the fewest more groups, smallest first, so that no hidden cell is
    exposed (:func:`exposed`).

    Parameters
    ----------
    counts : ndarray
        Answers per group and category, unweighted.
    hidden : set of int
        The groups hidden for too few answers (primary suppression).
    min_base : int
        The protection range.
    bases_shown : bool
        As :func:`exposed`'s.

    Returns
    -------
    set of int
        Every group to hide.
    """
    counts = np.asarray(counts, dtype=float)
    # a shown group without answers adds nothing a reader can use: left out, so the table
    # and the tests of one item (whose counts differ only by such rows) share one answer
    keep = np.flatnonzero((counts.sum(axis=1) > 0) | np.isin(np.arange(len(counts)), list(hidden)))
    inner = frozenset(int(i) for i in np.flatnonzero(np.isin(keep, list(hidden))))
    key = (counts[keep].tobytes(), len(keep), inner, min_base, bases_shown)
    if key not in _PROTECTED:
        if len(_PROTECTED) > 4096:
            _PROTECTED.clear()
        _PROTECTED[key] = frozenset(_protect(counts[keep], set(inner), min_base, bases_shown))
    return set(hidden) | {int(keep[i]) for i in _PROTECTED[key]}


#: protect's answers by its arguments (the linear programs are most of a breakdown's time)
_PROTECTED: dict[tuple, frozenset] = {}


def _protect(counts: np.ndarray, hidden: set[int], min_base: int, bases_shown: bool) -> set[int]:
    bases = counts.sum(axis=1)
    while hidden and exposed(counts, hidden, min_base, bases_shown=bases_shown):
        shown = [g for g in np.argsort(bases, kind="stable") if g not in hidden and bases[g] > 0]
        if not shown:
            break
        hidden.add(int(shown[0]))
    return hidden


def protect_linked(
    tables: list, hidden: set[int], min_base: int, *, bases_shown: bool = True, done=None
) -> set[int]:
    """``hidden`` and the fewest more groups so that no published table exposes one, where
    a group hidden in one table is hidden in all (a unit's row in every report, a group's
    row under every option): :func:`protect` in each table until none hides more. A table
    is checked again only when what it hides has changed.

    Parameters
    ----------
    tables : list of (ndarray, ndarray)
        ``(members, counts)``: the groups a table shows (indices into one list of groups)
        and their counts by category; each table's total is shown too.
    hidden : set of int
        The groups hidden for too few answers.
    min_base : int
        The protection range.
    bases_shown : bool
        As :func:`exposed`'s.
    done : dict, optional
        Table number → the hidden groups it was already protected with (another pass).

    Returns
    -------
    set of int
        Every group to hide.

    Examples
    --------
    >>> counts = np.array([[6, 12, 15, 22, 11], [6, 5, 19, 23, 21], [3, 3, 3, 15, 14]])
    >>> sorted(protect_linked([(np.arange(3), counts)], {2}, min_base=10))
    [0, 2]
    """
    hidden = set(hidden)
    checked = {n: frozenset(groups) for n, groups in (done or {}).items()}
    changed = True
    while changed:
        changed = False
        for number, (members, counts) in enumerate(tables):
            answered = counts.sum(axis=1) > 0  # (a group no one is in cannot be exposed)
            local = {j for j, g in enumerate(members) if g in hidden and answered[j]}
            if not local or len(members) < 2 or checked.get(number) == frozenset(local):
                continue
            found = protect(counts, local, min_base, bases_shown=bases_shown)
            checked[number] = frozenset(found)
            grown = {int(members[j]) for j in found}
            if grown - hidden:
                hidden |= grown
                changed = True
    return hidden
