"""Results per unit (an office, a county): the unit, the other units and everyone.

A unit report sets one unit beside the others and beside all. Every number of every unit's
report comes from two summaries computed once: the items by unit (:func:`by_unit`) and the
items of everyone. "The others" is everyone minus the unit (counts and bases subtract,
weighted or not), so the three rows of one item agree to the answer.

Suppression holds across all the reports of a build: a reader who has every unit's report
knows "all" and every unit shown, so a unit hidden alone could be worked out as "all"
minus the others. :func:`by_unit` therefore hides, per item, the units under ``min_base``
and then the fewest more (:func:`toolkit.analysis.suppression.protect`), within everyone
and within every larger unit that contains them (a county's units, when the county's
results are published too: ``within=``; a unit whose larger unit is hidden there is
hidden too). In a unit's own report the unit and "the others"
are hidden together (the others and all would give the unit away).

:func:`differences` tests, per item, the unit against the others (Pearson's chi-square on
the unweighted counts, Holm's correction across the unit's items), only where both sides
have at least ``min_base`` answers and the unit is shown.

Examples
--------
>>> from toolkit import read_surveyxact
>>> from toolkit.data import example_round
>>> survey = read_surveyxact(example_round())
>>> table = by_unit(survey, ["b1_1"], "kontorstr", min_base=5)
>>> view = unit_view(table, "Under 20 ansatte", others="Andre", everyone="Alle")
>>> view.groupby("enhet", observed=True, sort=False)["unweighted_base"].first().to_dict()
{'Under 20 ansatte': 66, 'Andre': 117, 'Alle': 183}
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from toolkit.analysis.likert import frequencies, likert_summary
from toolkit.surveys.survey import Survey

#: the group column of a unit's view
UNIT_COLUMN = "enhet"
COMPARE = ("unit", "others", "all")


def by_unit(
    survey: Survey,
    items: list[str],
    variable: str,
    *,
    weight=None,
    min_base: int = 5,
    within: list[str] | tuple[str, ...] = (),
    scale: bool = True,
) -> ByUnit:
    """The items' summary by unit, protected across every unit report (module docstring).

    Parameters
    ----------
    survey
        The analytic sample.
    items
        Closed single-choice items.
    variable
        The unit variable (e.g. the office number from the distribution list).
    weight
        A weight column, or None.
    min_base
        Fewer answers than this: hidden.
    within
        Larger units whose results are published too (e.g. ``["fylke"]`` when the report
        is broken down by county): each holds whole units (:func:`nesting` finds them).
        A unit is protected within its larger unit as well, and hidden where the larger
        unit's own table hides it.
    scale
        Items with a scale (:func:`~toolkit.analysis.likert_summary`) or any closed items
        (:func:`~toolkit.analysis.frequencies`).

    Returns
    -------
    ByUnit
        The summary by ``variable`` (``table``) and everyone's (``overall``).
    """
    summarise = likert_summary if scale else frequencies
    table = summarise(survey, items, by=variable, weight=weight, min_base=min_base)
    overall = summarise(survey, items, weight=weight, min_base=min_base)
    larger = []
    for name in within:
        of_unit = survey.data.groupby(variable, observed=True)[name].first()
        shown = summarise(survey, items, by=name, weight=weight, min_base=min_base)
        hidden = shown[shown["suppressed"]].groupby("item", observed=True)[name].unique()
        larger.append((of_unit.astype(object), {k: set(v) for k, v in hidden.items()}))
    _protect(table, variable, min_base, larger)
    return ByUnit(table, overall, variable)


@dataclass(frozen=True)
class ByUnit:
    """A summary by unit (protected) and everyone's, from :func:`by_unit`."""

    table: pd.DataFrame
    overall: pd.DataFrame
    variable: str

    def to_frame(self) -> pd.DataFrame:
        return self.table.copy()


def nesting(survey: Survey, variable: str, candidates) -> list[str]:
    """The ``candidates`` that hold whole units: every unit in one of their groups.

    Parameters
    ----------
    survey
        The survey.
    variable
        The unit variable.
    candidates
        Variable names (e.g. a report's breakdowns).

    Returns
    -------
    list of str
        Those constant within every unit.

    Examples
    --------
    >>> from toolkit import read_surveyxact
    >>> from toolkit.data import example_round
    >>> nesting(read_surveyxact(example_round()), "region", ["kontorstr", "forsok"])
    []
    """
    data = survey.data
    out = []
    for name in candidates:
        if name == variable or name not in data.columns:
            continue
        if bool((data.groupby(variable, observed=True)[name].nunique(dropna=False) <= 1).all()):
            out.append(name)
    return out


def _protect(table: pd.DataFrame, variable: str, min_base: int, larger: list) -> None:
    """Hide, per item, more units until none hidden can be worked out from everyone or from
    a larger unit; a unit of a larger unit its own table hides is hidden (the whole-table
    pass has run in the summary already)."""
    from toolkit.analysis.suppression import protect_linked

    sub = table[table["substantive"]]
    for item, part in sub.groupby("item", sort=False, observed=True):
        cells = part.pivot_table(
            index=variable, columns="category", values="unweighted_n", aggfunc="sum",
            observed=True, sort=False,
        ).fillna(0)  # fmt: skip
        hidden_of = part.groupby(variable, sort=False, observed=True)["suppressed"].first()
        hidden_of = hidden_of.reindex(cells.index).to_numpy()
        counts = cells.to_numpy(dtype=float)
        summary = {i for i, h in enumerate(hidden_of) if h and counts[i].sum() > 0}
        hidden = set(summary)
        total = counts.sum(axis=0)
        for i in range(len(counts)):  # the others too few: unit = all - others
            if 0 < total.sum() - counts[i].sum() < min_base:
                hidden.add(i)
        parts = [np.arange(len(counts))]
        for of_unit, hidden_larger in larger:
            group = of_unit.reindex(cells.index).to_numpy()
            parts += [np.flatnonzero(group == v) for v in pd.unique(group[pd.notna(group)])]
            gone = hidden_larger.get(item, set())
            hidden |= {i for i, g in enumerate(group) if g in gone and counts[i].sum() > 0}
        tables = [(members, counts[members]) for members in parts]
        # everyone's table was protected with the summary's hidden units by its own pass
        grown = protect_linked(tables, hidden, min_base, done={0: summary})
        for i in sorted(grown - set(np.flatnonzero(hidden_of))):
            rows = (table["item"] == item) & (table[variable] == cells.index[i])
            table.loc[rows, "suppressed"] = True
            table.loc[rows, "suppressed_reason"] = "secondary"


def unit_view(
    shared: ByUnit,
    unit,
    *,
    name: str | None = None,
    others: str = "Andre enheter",
    everyone: str = "Alle",
    compare: tuple[str, ...] = COMPARE,
    min_base: int = 5,
) -> pd.DataFrame:
    """One unit's rows beside the others' and everyone's, in the summary's shape with the
    group column ``enhet`` (see module docstring).

    Parameters
    ----------
    shared
        :func:`by_unit`'s result.
    unit
        The unit's value in the unit variable.
    name
        The unit's name in the table (default: its value).
    others, everyone
        The labels of the other units and of all.
    compare
        Which rows, in order: any of ``"unit"``, ``"others"``, ``"all"``.
    min_base
        The others with fewer answers than this are hidden, and the unit with them.

    Returns
    -------
    DataFrame
        The summary's columns with ``enhet`` as its one group column.
    """
    table, overall, variable = shared.table, shared.overall, shared.variable
    mine = table[table[variable] == unit].drop(columns=variable).reset_index(drop=True)
    if len(mine) != len(overall):
        from toolkit.errors import UsageError

        values = [str(v) for v in dict.fromkeys(table[variable])]
        raise UsageError(
            f"no unit {unit!r} in {variable}",
            expected=f"one of {', '.join(values[:12])}" + (" …" if len(values) > 12 else ""),
            hint="give the unit as the variable holds it (a code in quotes when it is text)",
        )
    whole = overall.reset_index(drop=True)
    rest = whole.copy()
    for column in ("n", "base", "unweighted_n", "unweighted_base"):
        rest[column] = whole[column].to_numpy() - mine[column].to_numpy()
    with np.errstate(invalid="ignore", divide="ignore"):
        share = 100 * rest["n"].to_numpy(float) / rest["base"].to_numpy(float)
    rest["percent"] = np.where(rest["substantive"] & (rest["base"] > 0), share, np.nan)
    both = mine["suppressed"].to_numpy() | (rest["unweighted_base"].to_numpy() < min_base)
    rest["suppressed"] = both
    rest["suppressed_reason"] = np.where(both, "secondary", None)
    mine["suppressed"] = both
    mine["suppressed_reason"] = mine["suppressed_reason"].where(
        mine["suppressed_reason"].notna() | ~both, "secondary"
    )
    labels = {"unit": name or str(unit), "others": others, "all": everyone}
    frames = {"unit": mine, "others": rest, "all": whole}
    order = [labels[c] for c in compare]
    parts = []
    for key in compare:
        part = frames[key].copy()
        part.insert(4, UNIT_COLUMN, labels[key])
        parts.append(part)
    out = pd.concat(parts, ignore_index=True)
    out[UNIT_COLUMN] = pd.Categorical(out[UNIT_COLUMN], categories=order, ordered=True)
    items = list(dict.fromkeys(overall["item"]))
    out["_item"] = out["item"].map({item: i for i, item in enumerate(items)})
    out = out.sort_values(["_item", UNIT_COLUMN], kind="stable").drop(columns="_item")
    # (few attrs: pandas copies them at every step)
    out.attrs = {"weighted": overall.attrs.get("weighted"), "by": [UNIT_COLUMN]}
    return out.reset_index(drop=True)


def _text_of(row) -> str:
    """An item's text: a grid item's own, else its question's (a single question has no
    item text), else its name."""
    for key in ("item_text", "question_text", "item"):
        value = row.get(key)
        if isinstance(value, str) and value.strip():
            return value
    return str(row["item"])


def holm(p_values) -> np.ndarray:
    """Holm's step-down adjusted p-values (as R's ``p.adjust(p, "holm")``; statsmodels'
    ``multipletests`` collects garbage at every call, which a build of 120 unit reports
    cannot afford).

    Parameters
    ----------
    p_values
        The unadjusted p-values.

    Returns
    -------
    ndarray
        Adjusted p-values, in the order given.

    Examples
    --------
    >>> holm([0.01, 0.04, 0.03]).round(2).tolist()
    [0.03, 0.06, 0.06]
    """
    p = np.asarray(p_values, dtype=float)
    order = np.argsort(p, kind="stable")
    m = len(p)
    stepped = np.maximum.accumulate((m - np.arange(m)) * p[order])
    out = np.empty(m)
    out[order] = np.minimum(stepped, 1.0)
    return out


@dataclass(frozen=True)
class Difference:
    """One item where a unit answers differently from the others beyond chance."""

    item: str
    item_text: str
    category: str
    unit: float
    others: float
    p: float
    p_holm: float


def differences(
    view: pd.DataFrame, unit: str, others: str, *, min_base: int = 5, alpha: float = 0.05
) -> tuple[list, int]:
    """Items where the unit's answers differ from the others' (module docstring): the
    category with the largest gap, both shares and the p-value after Holm's correction.

    Parameters
    ----------
    view
        :func:`unit_view`'s result.
    unit, others
        The labels of the unit's rows and of the others' in ``view``.
    min_base
        Both sides need at least this many answers to be tested.
    alpha
        The level after correction.

    Returns
    -------
    (list of Difference, int)
        The differences in the items' order, and how many items were tested.

    Examples
    --------
    >>> from toolkit import read_surveyxact
    >>> from toolkit.data import example_round
    >>> survey = read_surveyxact(example_round())
    >>> table = by_unit(survey, ["b1_1", "b1_3"], "forsok")
    >>> view = unit_view(table, "Forsøkskontor", others="Andre")
    >>> found, tested = differences(view, "Forsøkskontor", "Andre")
    >>> tested, [(d.item, d.category) for d in found]  # the trial lifted b1_3
    (2, [('b1_3', 'Delvis enig')])
    """
    from scipy.stats import chi2_contingency

    tested = []
    for item, part in view[view["substantive"]].groupby("item", sort=False, observed=True):
        mine, rest = part[part[UNIT_COLUMN] == unit], part[part[UNIT_COLUMN] == others]
        if bool(mine["suppressed"].any()) or len(rest) != len(mine) or mine.empty:
            continue
        if min(mine["unweighted_base"].iloc[0], rest["unweighted_base"].iloc[0]) < min_base:
            continue
        counts = np.array([mine["unweighted_n"], rest["unweighted_n"]], dtype=float)
        counts = counts[:, counts.sum(axis=0) > 0]
        if counts.shape[1] < 2:
            continue
        p = float(chi2_contingency(counts, correction=False)[1])
        gap = mine["percent"].to_numpy() - rest["percent"].to_numpy()
        j = int(np.argmax(np.abs(gap)))
        tested.append((item, mine, rest, j, p))
    if not tested:
        return [], 0
    adjusted = holm([t[-1] for t in tested])
    out = []
    for (item, mine, rest, j, p), corrected in zip(tested, adjusted, strict=True):
        if corrected < alpha:
            out.append(
                Difference(
                    item,
                    _text_of(mine.iloc[0]),
                    str(mine["category"].iloc[j]),
                    float(mine["percent"].iloc[j]),
                    float(rest["percent"].iloc[j]),
                    p,
                    float(corrected),
                )
            )
    return out, len(tested)
