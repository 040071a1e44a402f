"""Multi-response ("flere svar mulig") questions.

``percent_of_cases`` is based on the respondents who answered the question (ticked at
least one option), so the percentages add up to more than 100; ``percent_of_responses``
is based on all ticks. An "Annet, spesifiser" option names the free-text variable that
holds the specifications (``free_text``), with how many gave one.

Examples
--------
>>> from toolkit import read_surveyxact
>>> from toolkit.data import example_round
>>> table = multi_response(read_surveyxact(example_round()), "s_12")
>>> table[["option", "n", "base"]].head(2)
              option    n  base
0  Kurs og opplæring   99   169
1  Kollegaveiledning  113   169
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from toolkit._deprecated import renamed
from toolkit.analysis.counting import count_item
from toolkit.analysis.items import breakdown_columns, with_attrs, with_by
from toolkit.errors import UsageError
from toolkit.surveys.groups import groups_for, resolve_weights
from toolkit.surveys.survey import Survey

#: the old name of :func:`~toolkit.analysis.items.breakdown_columns`
multi_group_columns = renamed(breakdown_columns, "multi_group_columns", __name__)


def multi_response(
    survey: Survey,
    question: str,
    *,
    by: str | list[str] | None = None,
    weight: str | pd.Series | np.ndarray | None = None,
    min_base: int = 5,
    include_personal: bool = False,
) -> pd.DataFrame:
    """One row per option (× group): ``n``, ``percent_of_cases``, ``percent_of_responses``,
    ``base`` (respondents who ticked at least one option), ``unweighted_base``,
    ``suppressed`` and its reason and, for "Annet", ``free_text`` and ``n_free_text``. In a
    breakdown a group under ``min_base`` is hidden, and the fewest more groups so that no
    hidden count can be worked out (:mod:`toolkit.analysis.suppression`).

    Parameters
    ----------
    survey
        The survey.
    question
        The multi-response question's name (``s_12`` for ``s_12_1`` …).
    by
        Breakdown variables.
    weight
        A weight column or weights on the respondents.
    min_base
        Groups with fewer respondents than this are hidden.
    include_personal
        Allow a personal column as a breakdown.

    Returns
    -------
    DataFrame
        One row per option (× group); ``attrs["by"]`` and ``attrs["min_base"]``.

    Examples
    --------
    >>> from toolkit import read_surveyxact
    >>> from toolkit.data import example_round
    >>> table = multi_response(read_surveyxact(example_round()), "s_12")
    >>> row = table[table["option"] == "Kollegaveiledning"].iloc[0]
    >>> int(row["n"]), int(row["base"])
    (113, 169)
    """
    book = survey.codebook
    options = book[(book["question"] == question) & (book["value_type"] == "multiple")]
    if options.empty:
        raise UsageError(
            f"{question!r} is not a multi-response question",
            file=survey.source.path,
            hint="multi-response questions have type 'multiple' in survey.questions()",
        )
    flags = survey.data[list(options["variable"])].fillna(False).to_numpy(dtype=bool)
    answered = flags.any(axis=1)
    groups = groups_for(survey, by, include_personal=include_personal)
    weights = resolve_weights(survey, weight)
    w = np.ones(survey.n) if weights is None else weights
    # category 0 = answered but not ticked, 1 = ticked; not answered = blank (-1)
    base_codes = np.where(answered, 0, -1).astype(np.int8)
    unweighted_base = count_item(base_codes, 1, groups)[:, 0]
    base = count_item(base_codes, 1, groups, w)[:, 0]
    texts = book[book["other_of"] == question]["variable"].tolist()
    rows = []
    ticks = np.zeros(groups.size)
    counts, ticked = [], []
    for j, option in enumerate(options.itertuples(index=False)):
        codes = np.where(answered, flags[:, j].astype(np.int8), -1).astype(np.int8)
        n = count_item(codes, 2, groups, w)[:, 1]
        ticks += n
        counts.append((option, n))
        ticked.append(count_item(codes, 2, groups)[:, 1])
    hidden = _hidden_groups(np.array(ticked), unweighted_base, min_base, by is not None)
    for option, n in counts:
        other = texts and str(option.choice_text or "").lower().startswith(
            ("annet", "other", "andre")
        )
        for g in range(groups.size):
            row = dict(groups.frame.iloc[g]) if by is not None else {}
            row.update(
                variable=option.variable,
                option=option.choice_text or option.variable,
                n=n[g] if weights is not None else int(n[g]),
                base=base[g] if weights is not None else int(base[g]),
                unweighted_base=int(unweighted_base[g]),
                percent_of_cases=100 * n[g] / base[g] if base[g] else np.nan,
                percent_of_responses=100 * n[g] / ticks[g] if ticks[g] else np.nan,
                suppressed=g in hidden,
                suppressed_reason=None
                if g not in hidden
                else f"N={int(unweighted_base[g])} < {min_base}"
                if unweighted_base[g] < min_base
                else "secondary",
                free_text=texts[0] if other else None,
                n_free_text=int(survey.data[texts[0]].notna().sum()) if other else None,
            )
            rows.append(row)
    out = pd.DataFrame(rows)
    out["n_free_text"] = out["n_free_text"].astype("Int64")
    first = [c for c in out.columns if c in set(groups.frame.columns)]
    rest = [c for c in out.columns if c not in first]
    out = out[["variable", "option", *first, *[c for c in rest if c not in ("variable", "option")]]]
    out.attrs["min_base"] = min_base
    return with_by(with_attrs(out, survey, weight), by)


def _hidden_groups(ticked: np.ndarray, bases: np.ndarray, min_base: int, grouped: bool) -> set:
    """The groups to hide: under ``min_base``, and (in a breakdown) the fewest more so
    that no hidden count can be worked out from the shown groups and the total. Each option
    is a two-category item (ticked or not, of the group's base); a group hidden for one
    option is hidden for all (:mod:`toolkit.analysis.suppression`)."""
    primary = {g for g in range(len(bases)) if bases[g] < min_base}
    if not grouped or not {g for g in primary if bases[g] > 0}:
        return primary
    from toolkit.analysis.suppression import protect_linked

    groups = np.arange(len(bases))
    tables = [(groups, np.column_stack([n, bases - n]).astype(float)) for n in ticked]
    # a hidden row's N is hidden with its cells: only the hidden groups' N together is known
    return protect_linked(tables, primary, min_base, bases_shown=False)
