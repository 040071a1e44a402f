"""Multi-response breakdowns hide no count that can be worked out (issue 22). A reader of
the tables knows each option's count and the base overall, and of every group shown its
count and N; of the hidden groups only their N together (a hidden row's N is hidden with
its cells). For each hidden group and option a linear program (scipy, the attacker's own
model, not the toolkit's) bounds its count: it must reach zero or span min_base (or the
group's N). With secondary suppression turned off it does not (the test can fail)."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.optimize import linprog

from toolkit import multi_response, read_surveyxact
from toolkit.data import example_round


def _pinned(table, overall, by: str, min_base: int) -> list:
    found = []
    groups = list(dict.fromkeys(table[by]))
    for option, part in table.groupby("variable", sort=False):
        part = part.set_index(by).loc[groups]
        whole = overall[overall["variable"] == option].iloc[0]
        hidden = [g for g in groups if part.at[g, "suppressed"]]
        if not hidden:
            continue
        shown = [g for g in groups if g not in hidden]
        ticks = whole["n"] - part.loc[shown, "n"].sum()
        bases = whole["unweighted_base"] - part.loc[shown, "unweighted_base"].sum()
        k = len(hidden)  # x_h ticks, then n_h bases
        a_eq = [np.r_[np.ones(k), np.zeros(k)], np.r_[np.zeros(k), np.ones(k)]]
        b_eq = [ticks, bases]
        a_ub = [np.r_[np.eye(k)[i], -np.eye(k)[i]] for i in range(k)]  # x_h <= n_h
        for i, g in enumerate(hidden):
            c = np.zeros(2 * k)
            c[i] = 1
            low = linprog(c, A_ub=a_ub, b_ub=np.zeros(k), A_eq=a_eq, b_eq=b_eq).fun
            high = -linprog(-c, A_ub=a_ub, b_ub=np.zeros(k), A_eq=a_eq, b_eq=b_eq).fun
            need = min(min_base, part.at[g, "unweighted_base"])
            if not (high - low >= need - 1e-6 or low <= 1e-6):
                found.append((option, g, round(low, 1), round(high, 1)))
    return found


@pytest.fixture(scope="module")
def survey():
    return read_surveyxact(example_round())


def test_a_lone_hidden_region_is_protected_by_a_second(survey):
    """By region with min_base 23 only Sør (22 answers) is under it; Midt is hidden too,
    and no hidden count can be pinned."""
    table = multi_response(survey, "s_12", by="region", min_base=23)
    reasons = table.groupby("region", observed=True)["suppressed_reason"].first().to_dict()
    assert reasons["Sør"] == "N=22 < 23" and reasons["Midt"] == "secondary"
    assert sum(isinstance(r, str) for r in reasons.values()) == 2
    overall = multi_response(survey, "s_12", min_base=23)
    assert _pinned(table, overall, "region", 23) == []


def test_without_secondary_suppression_the_lone_region_is_pinned(survey, monkeypatch):
    from toolkit.analysis import suppression

    monkeypatch.setattr(suppression, "protect", lambda counts, hidden, *a, **k: set(hidden))
    table = multi_response(survey, "s_12", by="region", min_base=23)
    overall = multi_response(survey, "s_12", min_base=23)
    found = _pinned(table, overall, "region", 23)
    assert found and {g for _, g, *_ in found} == {"Sør"}
