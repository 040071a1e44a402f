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


def _unit_rows(claims: list[dict], rows: dict, label_of: dict) -> None:
    """The table cells of one unit report into ``rows[(question, item)][row]`` ({"n",
    "cells"}; one item text can stand in several questions); a row's label is mapped by
    ``label_of`` (the unit's name → its code, everyone to a fixed key)."""
    for c in claims:
        if not c["id"].startswith("tabell-") or c.get("item") is None or not c.get("group"):
            continue
        key = label_of.get(c["group"])
        if key is None:
            continue
        question = re.split(r"\s*\(N\s*=", c["title"], maxsplit=1)[0]  # an item's question
        row = rows[(question, c["item"])].setdefault(key, {"n": None, "cells": {}})
        if c["measure"] == "n":
            row["n"] = c["value"]
        elif c["measure"] == "percent" and c.get("category"):
            row["cells"][c["category"]] = c["value"]


def published_units(out, others: str, everyone: str, larger: dict | None = None):
    """What a reader of every unit report (and of the main report's breakdown by a larger
    unit, ``larger``: unit code → its larger unit's label) knows, per item: the units'
    rows shown, everyone's row, and the larger units' rows."""
    from pathlib import Path

    out = Path(out)
    listing = json.loads((out / "enheter" / "index.json").read_text(encoding="utf-8"))
    index = listing["units"]
    rows: dict = defaultdict(dict)
    for unit in index:
        if not unit["reported"]:
            continue
        claims = json.loads((out / "enheter" / unit["folder"] / "claims.json").read_text("utf-8"))
        label_of = {unit["name"]: unit["code"], everyone: "*all*"}
        _unit_rows(claims["claims"], rows, label_of)
    groups: dict = defaultdict(dict)
    if larger:
        claims = json.loads((out / "claims.json").read_text(encoding="utf-8"))["claims"]
        labels = {v: v for v in set(larger.values())}
        _unit_rows([c for c in claims if c.get("breakdown")], groups, labels)
    return listing, rows, groups


class _Reader:
    """The linear (in)equalities a reader knows about one item's counts per unit."""

    def __init__(self, codes: list[str], categories: list[str]) -> None:
        self.codes, self.categories = codes, categories
        pairs = [(u, k) for u in codes for k in categories]
        self.index = {pair: i for i, pair in enumerate(pairs)}
        self.size = len(pairs)
        self.a_ub, self.b_ub, self.a_eq, self.b_eq = [], [], [], []

    def vector(self, members, categories) -> np.ndarray:
        x = np.zeros(self.size)
        x[[self.index[u, k] for u in members for k in categories]] = 1
        return x

    def bind(self, members: list[str], row: dict) -> None:
        """A row shown: its N, and each share within a point."""
        self.a_eq.append(self.vector(members, self.categories))
        self.b_eq.append(row["n"])
        for k, p in row["cells"].items():
            if p is not None and k in self.categories:
                more, bounds = _share(self.vector(members, [k]), row["n"], p)
                self.a_ub.extend(more)
                self.b_ub.extend(bounds)

    def at_most(self, unit: str, answered: int) -> None:
        self.a_ub.append(self.vector([unit], self.categories))
        self.b_ub.append(answered)

    def interval(self, unit: str, category: str) -> tuple[float, float]:
        system = (np.array(self.a_ub), self.b_ub, np.array(self.a_eq), self.b_eq)
        return _interval(self.index[unit, category], self.size, system)


def _reader(shown, whole, groups, index: list, larger, every: bool) -> _Reader:
    """The reader's system; "*rest*" holds the answers of units with no report (a build
    with ``only`` reports some units: everyone's row still counts them all), none when
    the index lists every unit."""
    codes = [u["code"] for u in index] + ["*rest*"]
    reader = _Reader(codes, list(whole["cells"]))
    if every:
        reader.at_most("*rest*", 0)
    for unit in index:
        row = shown.get(unit["code"])
        if row and row["cells"] and row["n"] is not None:
            reader.bind([unit["code"]], row)
        else:  # a hidden unit: at most the answers the index shows
            reader.at_most(unit["code"], unit["answered"])
    reader.bind(codes, whole)
    for label, row in groups.items():
        members = [u for u in codes if (larger or {}).get(u) == label]
        if row["cells"] and row["n"] is not None and members and every:
            reader.bind(members, row)  # (with every unit reported: a county is its units)
    return reader


def attack_units(out, min_base: int, *, others: str, everyone: str, larger=None) -> list:
    """Every hidden unit cell that the unit reports of a build (and the main report's
    breakdown by ``larger`` units) pin down, as (item, unit, category, low, high): counts
    are non-negative, a shown share is within a point, each N shown binds its row, a
    hidden unit has at most the answers the index gives, and the units add up to everyone
    and to each larger unit shown."""
    listing, rows, groups = published_units(out, others, everyone, larger)
    index, every = listing["units"], listing["every_unit"]
    answered = {u["code"]: u["answered"] for u in index}
    found = []
    for item, shown in rows.items():
        whole = shown.get("*all*")
        hidden = [u["code"] for u in index if not (shown.get(u["code"]) or {}).get("cells")]
        if whole is None or not whole["cells"] or not hidden:
            continue
        reader = _reader(shown, whole, groups.get(item, {}), index, larger, every)
        for unit in hidden:
            for k in reader.categories:
                low, high = reader.interval(unit, k)
                if np.isnan(low) or np.isnan(high):
                    raise AssertionError(f"{item}: the published cells contradict each other")
                if not (high - low >= min(min_base, answered[unit]) - 1e-6 or low <= 1e-6):
                    found.append((item, unit, k, round(low, 2), round(high, 2)))
    return found
