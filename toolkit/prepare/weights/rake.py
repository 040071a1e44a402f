"""Raking: weights that reproduce known population margins (iterative proportional fitting).

``rake(survey, margins)`` starts from base (design) weights, or 1, and adjusts them until
every margin's weighted counts equal its targets within ``tol`` (relative). With ``cap``
the weights are also kept inside a band around their mean (``cap=5``: from 1/5 to 5 times
the mean; or ``(low, high)``): weights outside are trimmed to the band and the margins
raked again, until both hold. Failing to converge is a
:class:`~toolkit.errors.WeightingError` with the numbers, never a printed warning.

Examples
--------
>>> from toolkit import read_surveyxact
>>> from toolkit.data import example_round, example_population
>>> from toolkit.prepare import answered, margins_from, sample_flow
>>> import pandas as pd
>>> flow = sample_flow(read_surveyxact(example_round()), [answered()])
>>> population = pd.read_csv(example_population(), sep=";")
>>> weights = rake(flow.survey, margins_from(population, ["region", "kontorstr"],
...                                           count="kontorer"))
>>> weights.converged, round(float(weights.values.sum()), 6), weights.description
(True, 258.0, 'Vektet etter region og kontorstørrelse')
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import numpy as np
import pandas as pd

from toolkit.errors import WeightingError
from toolkit.language import text
from toolkit.prepare.weights.ipf import ipf
from toolkit.prepare.weights.result import Weights, group_summary, margin_table
from toolkit.prepare.weights.targets import Margin, resolve_margins
from toolkit.surveys.groups import resolve_weights
from toolkit.surveys.survey import Survey


def describe_weighting(survey: Survey, variables, language: str = "nb") -> str:
    """ "Vektet etter region og kontorstørrelse", from the variables' question texts."""
    book = survey.codebook.set_index("variable")
    names = []
    for variable in variables:
        label = book.at[variable, "question_text"] if variable in book.index else None
        label = re.sub(r"\s*\(.*?\)\s*", " ", str(label or variable)).strip().rstrip("?:")
        names.append(label[:1].lower() + label[1:] if label[1:2].islower() else label)
    last = f" {text('and', language)} "
    joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + last + names[-1]
    return text("weighted_by", language, variables=joined)


def _band(cap) -> tuple[float, float] | None:
    if cap is None:
        return None
    low, high = (1 / cap, cap) if np.isscalar(cap) else cap
    if not 0 < low < 1 < high:
        raise WeightingError(
            f"cap={cap!r} is not a band around the mean weight",
            hint="give cap=5 (weights from 1/5 to 5 times the mean) or cap=(0.3, 3)",
        )
    return float(low), float(high)


def _fail(survey, margins: list[Margin], weights, iterations, error, cap=None) -> WeightingError:
    table = margin_table(weights, margins)
    worst = table.sort_values("error", ascending=False).iloc[0]
    return WeightingError(
        f"raking did not converge in {iterations} iterations"
        + (f" with weights inside {cap[0]:g}–{cap[1]:g} × the mean" if cap else ""),
        file=survey.source.path,
        where=f"margin {worst['variable']}={worst['category']}",
        found=f"largest margin error {worst['error']:.2%} (target {worst['target']:g}, "
        f"sample {worst['sample']})",
        hint="raise max_iter, loosen tol or cap, or collapse small categories; margins that "
        "contradict each other can never be met together",
    )


def rake(
    survey: Survey,
    margins: Mapping[str, Mapping | pd.Series],
    *,
    base_weight: str | pd.Series | np.ndarray | None = None,
    cap: float | tuple[float, float] | None = None,
    max_iter: int = 100,
    tol: float = 1e-6,
    language: str = "nb",
) -> Weights:
    """Weights to the population ``margins`` (variable → {category label: count or
    share}); see the module docstring. Returns a :class:`Weights` with the weight per
    respondent, convergence, the margin table (targets, before, after), Kish design
    effect and effective n, overall and per category.

    Parameters
    ----------
    survey
        The respondents to weight.
    margins
        Variable → {category label: population count or share}.
    base_weight
        Design weights to start from.
    cap
        Trim weights to this ratio of the mean (or a (low, high) pair).
    max_iter, tol
        When to stop iterating.
    language
        The language of the weight's description.

    Returns
    -------
    Weights
        As above.

    Examples
    --------
    See the module's example.
    """
    base = resolve_weights(survey, base_weight)
    base = np.ones(survey.n) if base is None else base
    resolved = resolve_margins(survey, margins, float(base.sum()))
    codes = [m.codes for m in resolved]
    targets = [m.targets for m in resolved]
    band = _band(cap)
    weights, iterations, error = ipf(codes, targets, base, max_iter=max_iter, tol=tol)
    passes = iterations
    if band is not None:
        for _ in range(max_iter):
            mean = weights.mean()
            low, high = band[0] * mean, band[1] * mean
            if weights.min() >= low * (1 - 1e-9) and weights.max() <= high * (1 + 1e-9):
                break
            weights = np.clip(weights, low, high)
            weights, iterations, error = ipf(codes, targets, weights, max_iter=max_iter, tol=tol)
            passes += iterations
        else:
            raise _fail(survey, resolved, weights, passes, error, band)
    if error > tol:
        raise _fail(survey, resolved, weights, passes, error, band)
    return Weights(
        values=pd.Series(weights, index=survey.data.index, name="weight"),
        method="raking" + (" with trimming" if band else ""),
        variables=tuple(m.variable for m in resolved),
        margins=margin_table(weights, resolved),
        converged=True,
        iterations=passes,
        max_error=error,
        description=describe_weighting(survey, [m.variable for m in resolved], language),
        cap=band,
        groups=group_summary(weights, resolved),
    )
