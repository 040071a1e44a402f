"""The sample flow: from everyone invited to the analytic sample, one named rule at a time.

Evaluation reports state each step ("258 invitert → 190 besvart → 187 med minst halvparten
av nøkkelspørsmålene besvart"). :func:`sample_flow` applies named, reusable :class:`Rule`
objects in order and returns a :class:`SampleFlow`: the restricted survey (whose
``sample`` records every step, so later summaries carry the analytic N) and a tidy table
``step, rule, n_before, removed, n_after``.

Ready-made rules: :func:`answered` (status complete or partial), :func:`key_items`
(at least a share of named items answered: the seed-style "kept if the key items are
answered"), :func:`exclude_outliers` and :func:`rule` (any ``data.query`` text or mask).

Examples
--------
>>> from toolkit import read_surveyxact
>>> from toolkit.data import example_round
>>> survey = read_surveyxact(example_round())
>>> flow = sample_flow(survey, [answered(), key_items(["b1_1", "b1_2", "b1_3", "b1_4",
...                                                     "b1_5", "b1_6"])])
>>> flow.table[["step", "n_after"]].values.tolist()
[['Invitert', 258], ['Besvart', 190], ['Minst halvparten av nøkkelspørsmålene besvart', 187]]
>>> flow.survey.sample.n
187
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from toolkit.errors import UsageError
from toolkit.language import text
from toolkit.prepare.response import dispositions
from toolkit.surveys.sample import Step
from toolkit.surveys.survey import Survey


@dataclass(frozen=True)
class Rule:
    """A named, reusable filter: ``select(survey)`` gives the respondents to keep."""

    name: str
    description: str
    select: Callable[[Survey], object]

    def apply(self, survey: Survey) -> Survey:
        return survey.filter(self.select(survey), self.name, rule=self.description)


def answered(
    name: str | None = None, *, keep: Sequence[str] = ("I", "P"), language: str = "nb"
) -> Rule:
    """Respondents whose AAPOR disposition is complete or partial (see
    :mod:`toolkit.prepare.response`); ``name`` and the rule's text in ``language``.

    Parameters
    ----------
    name
        The step's name.
    keep
        The AAPOR dispositions kept.
    language
        The language of the step's name and text.

    Returns
    -------
    Rule
        For :func:`sample_flow`.

    Examples
    --------
    See the module's example.
    """
    statuses = f" {text('or', language)} ".join(text(f"status_{k}", language) for k in keep)
    return Rule(
        name or text("flow_answered", language),
        text("flow_answered_rule", language, statuses=statuses),
        lambda survey: dispositions(survey).isin(list(keep)).to_numpy(),
    )


def key_items(
    items: Sequence[str],
    *,
    share: float = 0.5,
    name: str | None = None,
    language: str = "nb",
) -> Rule:
    """Respondents who answered at least ``share`` of ``items`` (any answer, "Vet ikke"
    included: a respondent who says "Vet ikke" took part).

    Parameters
    ----------
    items
        Item or grid names.
    share
        The least share of them answered.
    name
        The step's name (default: in ``language``).
    language
        The language of the step's name and text.

    Returns
    -------
    Rule
        For :func:`sample_flow`.

    Examples
    --------
    See the module's example.
    """
    items = list(items)

    def select(survey: Survey) -> np.ndarray:
        missing = [i for i in items if i not in survey.data.columns]
        if missing:
            raise UsageError(
                f"the key items {missing} are not in the survey",
                file=survey.source.path,
                hint="see survey.codebook for the item names",
            )
        done = survey.data[items].notna().sum(axis=1).to_numpy()
        return done >= share * len(items)

    described = text(
        "flow_key_items_rule",
        language,
        share=f"{share:.0%}".replace("%", "\u00a0%"),
        items=", ".join(items),
    )
    default = text("flow_key_items" if share == 0.5 else "flow_key_items_share", language)
    return Rule(name or default, described, select)


def exclude_outliers(
    variable: str,
    *,
    above: float | None = None,
    below: float | None = None,
    name: str | None = None,
    language: str = "nb",
) -> Rule:
    """Respondents whose ``variable`` lies within [``below``, ``above``] (blank kept).

    Parameters
    ----------
    variable
        A numeric variable.
    above, below
        The limits kept.
    name
        The step's name.
    language
        The language of the step's name and text.

    Returns
    -------
    Rule
        For :func:`sample_flow`.

    Examples
    --------
    See the module's example.
    """

    def select(survey: Survey) -> np.ndarray:
        values = pd.to_numeric(survey.data[variable], errors="coerce").to_numpy(
            dtype=float, na_value=np.nan
        )
        keep = np.ones(len(values), dtype=bool)
        if above is not None:
            keep &= ~(values > above)
        if below is not None:
            keep &= ~(values < below)
        return keep

    limits = f" {text('and', language)} ".join(
        t
        for t in (
            text("above", language, value=f"{above:g}") if above is not None else "",
            text("below", language, value=f"{below:g}") if below is not None else "",
        )
        if t
    )
    return Rule(
        name or text("flow_outliers", language, variable=variable),
        text("flow_outliers_rule", language, variable=variable, limits=limits),
        select,
    )


def rule(name: str, query_or_mask, description: str | None = None) -> Rule:
    """Any filter: a ``data.query`` string, or a function of the survey returning a mask.

    Parameters
    ----------
    name
        The step's name.
    query_or_mask
        A ``data.query`` string, or a function of the survey returning a boolean mask.
    description
        The rule in words (default: the query).

    Returns
    -------
    Rule
        For :func:`sample_flow`.

    Examples
    --------
    See the module's example.
    """
    if isinstance(query_or_mask, str):
        return Rule(name, description or query_or_mask, lambda survey: query_or_mask)
    return Rule(name, description or name, query_or_mask)


@dataclass(frozen=True)
class SampleFlow:
    """The analytic sample (``survey``) and how it was reached (``table``)."""

    survey: Survey
    table: pd.DataFrame

    @property
    def n(self) -> int:
        return int(self.table["n_after"].iloc[-1])

    def to_frame(self) -> pd.DataFrame:
        return self.table.copy()

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><td>{html.escape(str(r.step))}</td><td>{html.escape(str(r.rule))}</td>"
            f"<td>{r.n_before}</td><td>{r.removed}</td><td>{r.n_after}</td></tr>"
            for r in self.table.itertuples(index=False)
        )
        return (
            "<table><thead><tr><th>Steg</th><th>Regel</th><th>N før</th><th>Fjernet</th>"
            f"<th>N etter</th></tr></thead><tbody>{rows}</tbody></table>"
        )


def sample_flow(
    survey: Survey,
    steps: Sequence[Rule | tuple],
    *,
    invited: int | None = None,
    language: str = "nb",
) -> SampleFlow:
    """Apply ``steps`` (:class:`Rule` objects, or ``(name, query_or_mask)`` pairs) in
    order; the first row is everyone invited (the export's rows, or ``invited=`` when the
    export holds only those who answered).

    Parameters
    ----------
    survey
        The export.
    steps
        Rules, or (name, query or mask) pairs, in order.
    invited
        How many were invited, when the export holds only those who answered.
    language
        The language of the step names the toolkit writes.

    Returns
    -------
    SampleFlow
        The steps with N before and after, and the analytic sample (``.survey``).

    Examples
    --------
    See the module's example.
    """
    start = invited if invited is not None else survey.n
    if start < survey.n:
        raise UsageError(
            f"invited={start} is less than the {survey.n} rows of the export",
            file=survey.source.path,
            hint="invited counts everyone the survey was sent to",
        )
    current = replace(survey, sample=replace(survey.sample, invited=start))
    rows = [
        {
            "step": text("flow_invited", language),
            "rule": text("flow_invited_rule", language),
            "n_before": start,
            "removed": 0,
            "n_after": start,
        }
    ]
    if start != survey.n:
        rows.append(
            {
                "step": text("flow_in_export", language),
                "rule": text("flow_in_export_rule", language),
                "n_before": start,
                "removed": start - survey.n,
                "n_after": survey.n,
            }
        )
    for step in steps:
        step = step if isinstance(step, Rule) else rule(*step)
        current = step.apply(current)
        last: Step = current.sample.steps[-1]
        rows.append(
            {
                "step": last.name,
                "rule": last.rule,
                "n_before": last.n_before,
                "removed": last.removed,
                "n_after": last.n_after,
            }
        )
    return SampleFlow(current, pd.DataFrame(rows))
