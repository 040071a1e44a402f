"""Post-stratification: every respondent in a cell (e.g. region × office size) gets the
cell's population count divided by its respondents.

The population is a table with one row per cell (the ``by`` columns and a count or share
column), or a mapping from cell tuples to counts. A population cell without respondents
and respondents in a cell the population lacks are both
:class:`~toolkit.errors.WeightingError` with advice (collapse cells), never silent.

Examples
--------
>>> from toolkit import read_surveyxact
>>> from toolkit.data import example_round, example_population
>>> from toolkit.prepare import answered, sample_flow
>>> import pandas as pd
>>> survey = sample_flow(read_surveyxact(example_round()), [answered()]).survey
>>> population = pd.read_csv(example_population(), sep=";")
>>> weights = cell_weights(survey, population, by=["region", "kontorstr"], count="kontorer")
>>> round(float(weights.values.sum()), 6), weights.method
(258.0, 'post-stratification')
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from toolkit.errors import WeightingError
from toolkit.prepare.weights.rake import describe_weighting
from toolkit.prepare.weights.result import Weights, group_summary, margin_table
from toolkit.prepare.weights.targets import Margin, respondent_codes
from toolkit.surveys.survey import Survey


def _population(population, by: list[str], count: str | None) -> pd.Series:
    """Cell → count, from a table or a mapping of cell tuples."""
    if isinstance(population, Mapping):
        keys = [k if isinstance(k, tuple) else (k,) for k in population]
        index = pd.MultiIndex.from_tuples([tuple(map(str, k)) for k in keys], names=by)
        return pd.Series(list(population.values()), index=index, dtype=float)
    frame = population.copy()
    missing = [c for c in [*by, *([count] if count else [])] if c not in frame.columns]
    column = count or next((c for c in frame.columns if c not in by), None)
    if missing or column is None:
        raise WeightingError(
            f"the population table lacks the columns {missing or ['a count']}",
            found=", ".join(map(str, frame.columns)),
            hint="give one row per cell with the by= columns and count= (number or share)",
        )
    for b in by:
        frame[b] = frame[b].astype(str)
    return frame.groupby(by)[column].sum().astype(float)


def cell_weights(
    survey: Survey,
    population,
    *,
    by: list[str],
    count: str | None = None,
) -> Weights:
    """Post-stratification weights to the population cells of ``by`` (see module).

    Parameters
    ----------
    survey
        The respondents to weight.
    population
        One row per population cell (or a path to such a table).
    by
        The cell variables.
    count
        The count column.

    Returns
    -------
    Weights
        As :func:`rake`'s.

    Examples
    --------
    See the module's example.
    """
    by = [by] if isinstance(by, str) else list(by)
    cells = _population(population, by, count)
    parts = [respondent_codes(survey, b) for b in by]
    blank = np.any([codes < 0 for codes, _ in parts], axis=0)
    if blank.any():
        raise WeightingError(
            f"{int(blank.sum())} respondent(s) have no value on {' × '.join(by)}",
            file=survey.source.path,
            hint="restrict the sample first (sample_flow) or give them a category",
        )
    keys = pd.MultiIndex.from_arrays(
        [np.array(labels, dtype=object)[codes] for codes, labels in parts], names=by
    )
    n = pd.Series(1, index=keys).groupby(level=list(range(len(by)))).sum()
    if np.isclose(cells.sum(), 1.0) or np.isclose(cells.sum(), 100.0):
        cells = cells / cells.sum() * survey.n
    lacking = [k for k in n.index if k not in cells.index]
    empty = [k for k in cells.index if k not in n.index and cells[k] > 0]
    if lacking or empty:
        raise WeightingError(
            "the population cells and the sample do not match",
            file=survey.source.path,
            where=f"cells {' × '.join(by)}",
            found=(
                f"respondents in cells without a population count: {lacking[:5]}; "
                if lacking
                else ""
            )
            + (f"population cells without respondents: {empty[:5]}" if empty else ""),
            hint="collapse cells (e.g. merge small size bands) so that every cell has both "
            "respondents and a population count",
        )
    weights = (cells.reindex(n.index) / n).reindex(keys).to_numpy(dtype=float)
    margins = [
        Margin(b, tuple(labels), np.bincount(codes, weights=weights, minlength=len(labels)), codes)
        for b, (codes, labels) in zip(by, parts, strict=True)
    ]
    return Weights(
        values=pd.Series(weights, index=survey.data.index, name="weight"),
        method="post-stratification",
        variables=tuple(by),
        margins=margin_table(weights, margins),
        converged=True,
        iterations=1,
        max_error=0.0,
        description=describe_weighting(survey, by),
        groups=group_summary(weights, margins),
    )
