"""Weighting targets: known population counts or shares per category, checked against the
survey before any weight is made.

A *margin* is one variable with a target per category label: counts (``{"Øst": 76, …}``)
or shares (summing to 1 or to 100). Count margins must agree on the population total;
share margins are scaled to it (or, when every margin is shares, to the sample's weighted
total). A target category without respondents, respondents in a category without a target,
and respondents with no answer on a margin variable are each a
:class:`~toolkit.errors.WeightingError` that says which, with advice.

Examples
--------
>>> import pandas as pd
>>> population = pd.DataFrame({"region": ["Øst", "Øst", "Vest"],
...                            "kontorstr": ["Liten", "Stor", "Liten"], "n": [3, 1, 2]})
>>> margins_from(population, ["region", "kontorstr"], count="n")
{'region': {'Øst': 4, 'Vest': 2}, 'kontorstr': {'Liten': 5, 'Stor': 1}}
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from toolkit.errors import WeightingError
from toolkit.surveys.survey import Survey


@dataclass(frozen=True)
class Margin:
    """One margin resolved against the survey: category labels, target counts, and the
    category number of every respondent."""

    variable: str
    labels: tuple[str, ...]
    targets: np.ndarray
    codes: np.ndarray


def margins_from(population: pd.DataFrame, variables: list[str], *, count: str) -> dict:
    """Marginal counts per variable from a population table with one row per cell.

    Parameters
    ----------
    population
        One row per population cell, with a count column.
    variables
        The variables to weight by.
    count
        The count column.

    Returns
    -------
    dict
        Variable → {category: count}, for :func:`rake`.

    Examples
    --------
    See the module's example.
    """
    return {
        variable: {
            str(k): v.item() if hasattr(v, "item") else v
            for k, v in population.groupby(variable, sort=False)[count].sum().items()
        }
        for variable in variables
    }


def respondent_codes(survey: Survey, variable: str) -> tuple[np.ndarray, list[str]]:
    """Category number per respondent (−1: blank) and the category labels, in order."""
    if variable not in survey.data.columns:
        raise WeightingError(
            f"no variable {variable!r} to weight by",
            file=survey.source.path,
            hint="weight by closed variables of the survey (see survey.codebook)",
        )
    column = survey.data[variable]
    if not isinstance(column.dtype, pd.CategoricalDtype):
        column = column.astype("string").astype("category")
    codes = column.cat.codes.to_numpy().astype(np.intp)
    return codes, [str(c) for c in column.cat.categories]


def _as_mapping(targets, variable: str) -> dict[str, float]:
    if isinstance(targets, pd.Series):
        targets = targets.to_dict()
    if not isinstance(targets, Mapping):
        raise WeightingError(
            f"the targets of {variable!r} are not category → count or share",
            hint="give e.g. {'Øst': 76, 'Vest': 62} or {'Øst': 0.29, 'Vest': 0.24}",
        )
    return {str(k): float(v) for k, v in targets.items()}


def _is_shares(values: np.ndarray) -> bool:
    total = values.sum()
    return bool(np.isclose(total, 1.0, atol=1e-6) or np.isclose(total, 100.0, atol=1e-4))


def _resolve(survey: Survey, variable: str, targets, file) -> tuple[Margin, bool]:
    wanted = _as_mapping(targets, variable)
    codes, labels = respondent_codes(survey, variable)
    if (codes < 0).any():
        raise WeightingError(
            f"{int((codes < 0).sum())} respondent(s) have no answer on {variable!r}",
            file=file,
            where=f"variable {variable}",
            hint="respondents without a value cannot be weighted: restrict the sample first "
            "(sample_flow) or give them a category",
        )
    present = {labels[c] for c in np.flatnonzero(np.bincount(codes, minlength=len(labels)))}
    unknown = sorted(present - set(wanted))
    if unknown:
        raise WeightingError(
            f"respondents in {variable}={unknown} have no target",
            file=file,
            where=f"variable {variable}",
            found=f"targets for {sorted(wanted)}",
            hint="give a target for every category respondents are in, or collapse categories",
        )
    empty = sorted(k for k in wanted if k not in present and wanted[k] > 0)
    if empty:
        raise WeightingError(
            f"the target categories {variable}={empty} have no respondents",
            file=file,
            where=f"variable {variable}",
            hint="no weight can make up for a category nobody in the sample belongs to: "
            "collapse it with a neighbouring category",
        )
    values = np.array([wanted.get(label, 0.0) for label in labels])
    if (values < 0).any() or not np.isfinite(values).all():
        raise WeightingError(
            f"negative or invalid targets for {variable!r}",
            file=file,
            hint="targets are counts or shares ≥ 0",
        )
    return Margin(variable, tuple(labels), values, codes), _is_shares(
        np.array(list(wanted.values()))
    )


def resolve_margins(survey: Survey, margins: Mapping, base_total: float) -> list[Margin]:
    """Every margin with target counts that agree on one population total."""
    file = survey.source.path
    if not margins:
        raise WeightingError(
            "no margins to weight to",
            file=file,
            hint="give margins={'region': {...}, 'kontorstr': {...}}",
        )
    resolved = [_resolve(survey, v, t, file) for v, t in margins.items()]
    counts = [m.targets.sum() for m, shares in resolved if not shares]
    if counts and not np.allclose(counts, counts[0], rtol=1e-9, atol=1e-9):
        totals = ", ".join(f"{m.variable}={m.targets.sum():g}" for m, s in resolved if not s)
        raise WeightingError(
            "the count margins do not add up to the same population total",
            file=file,
            found=totals,
            hint="take every margin from the same population table (margins_from), or give shares",
        )
    total = counts[0] if counts else base_total
    out = []
    for margin, shares in resolved:
        targets = margin.targets / margin.targets.sum() * total if shares else margin.targets
        out.append(Margin(margin.variable, margin.labels, targets, margin.codes))
    return out
