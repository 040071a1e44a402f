"""An attacker's view of a build: from everything it publishes (claims.json: every cell as
shown), the smallest and largest count each hidden cell can have (linear programming with
scipy), for the breakdown tables and the overall table of the same item.

The attacker knows, per item: the overall shares (rounded: within a point, as a table
rounded to add to 100 may move a share by one) and N; per group shown its N and
shares, and of a hidden group its N when a report shows it; that counts are non-negative
and add up to each N; and that the groups together hold at most the overall N (the rest
answered with no group). For each hidden count it solves two linear programs (min, max).
"""

from __future__ import annotations

import json
import re
from collections import defaultdict

import numpy as np


def _tables(claims: list[dict]):
    """{(part, item): {group: {"n": N, "cells": {category: percent or None}}}} for the
    breakdown tables, and {item: {"n": N, "cells": {...}}} for the overall ones."""
    groups: dict = defaultdict(lambda: defaultdict(lambda: {"n": None, "cells": {}}))
    overall: dict = defaultdict(lambda: {"n": None, "cells": {}})
    hidden_rows = set()
    for c in claims:
        if not c["id"].startswith("tabell-") or c.get("item") is None:
            continue
        question = re.split(r"\s*\(N\s*=", c["title"], maxsplit=1)[0]  # the table's question
        if c.get("breakdown") and c.get("group"):
            row = groups[(c["part"], c["item"], question)][c["group"]]
        elif not c.get("breakdown") and not c.get("group"):
            row = overall[(c["section"], c["item"], question)]
        else:
            continue
        if c["measure"] == "n":
            row["n"] = c["value"]
        elif c["measure"] == "percent" and c.get("category"):
            row["cells"][c["category"]] = c["value"] if c["shown"] != "–" else None
    # a hidden row's cells are "–": no claims; its categories are the overall table's
    for key, rows in groups.items():
        for group, row in rows.items():
            if not row["cells"]:
                hidden_rows.add((key, group))
    return groups, overall, hidden_rows


def _share(x, n: float, shown: float) -> tuple:
    """A shown share as two inequalities on the count vector ``x`` selects."""
    return [x, -x], [n * (round(shown) + 1) / 100, -n * (round(shown) - 1) / 100]


def _constraints(rows: dict, whole: dict, categories: list, index: dict):
    """The reader's knowledge (module docstring) as linear (in)equalities."""
    names, rest = list(rows), len(index)
    size = rest + len(categories)
    a_eq, b_eq, a_ub, b_ub = [], [], [], []
    for g in names:
        if rows[g]["n"] is None:
            continue  # a hidden group's N is hidden too: only the total below binds it
        row = np.zeros(size)
        row[[index[g, k] for k in categories]] = 1
        a_eq.append(row)
        b_eq.append(rows[g]["n"])
        for k, p in rows[g]["cells"].items():  # a shown share: within a point
            if p is not None and (g, k) in index:  # (a category the total table shows)
                x = np.zeros(size)
                x[index[g, k]] = 1
                more, bounds = _share(x, rows[g]["n"], p)
                a_ub += more
                b_ub += bounds
    for j, k in enumerate(categories):  # the overall share, and its N
        x = np.zeros(size)
        x[[index[g, k] for g in names] + [rest + j]] = 1
        more, bounds = _share(x, whole["n"], whole["cells"][k])
        a_ub += more
        b_ub += bounds
    total = np.zeros(size)  # the groups whose N is hidden, and the answers with no group
    total[rest:] = 1
    for g in names:
        if rows[g]["n"] is None:
            total[[index[g, k] for k in categories]] = 1
    a_eq.append(total)
    b_eq.append(max(whole["n"] - sum(rows[g]["n"] or 0 for g in names), 0))
    return np.array(a_ub), b_ub, np.array(a_eq), b_eq, size


def _interval(target: int, size: int, system) -> tuple[float, float]:
    from scipy.optimize import linprog

    a_ub, b_ub, a_eq, b_eq = system
    c = np.zeros(size)
    c[target] = 1
    ends = []
    for sign in (1, -1):
        solved = linprog(sign * c, A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=b_eq, bounds=(0, None))
        ends.append(sign * solved.fun if solved.success else np.nan)
    return ends[0], ends[1]


def attack(claims_path, min_base: int) -> list[tuple]:
    """Every hidden count the published cells pin down: (item, group, category, low,
    high) where the interval is narrower than min(min_base, the group's N) and does not
    reach down to zero (the protection the issue asks for)."""
    with open(claims_path, encoding="utf-8") as handle:
        claims = json.load(handle)["claims"]
    groups, overall, hidden_rows = _tables(claims)
    found = []
    for (part, item, question), rows in groups.items():
        whole = next(
            (v for (_, i, q), v in overall.items() if (i, q) == (item, question) and v["cells"]),
            None,
        )  # the same question's table of everyone (a tests table has no such twin)
        hidden = [g for g in rows if ((part, item, question), g) in hidden_rows]
        if whole is None or not hidden:
            continue
        categories = list(whole["cells"])
        pairs = [(g, k) for g in rows for k in categories]
        index = {pair: i for i, pair in enumerate(pairs)}
        a_ub, b_ub, a_eq, b_eq, size = _constraints(rows, whole, categories, index)
        for g in hidden:
            for k in categories:
                low, high = _interval(index[g, k], size, (a_ub, b_ub, a_eq, b_eq))
                if np.isnan(low) or np.isnan(high):
                    raise AssertionError(f"{item}: the published cells contradict each other")
                wide = high - low >= min(min_base, rows[g]["n"] or min_base) - 1e-6
                if not (wide or low <= 1e-6):  # at least min_base wide, or down to zero
                    found.append((item, g, k, round(low, 2), round(high, 2)))
    return found
