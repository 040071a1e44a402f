"""Response rates by the AAPOR Standard Definitions, from SurveyXact's response status.

Each invited person gets an AAPOR disposition: I (complete), P (partial), R (refusal and
break-off), NC (non-contact), O (other), UH/UO (unknown eligibility). SurveyXact's overall
status maps to them by :data:`STATUS_DISPOSITIONS` (Norwegian, Danish and English labels;
override with ``mapping=``):

=======================================  ===========  ======================================
SurveyXact status                        disposition  why
=======================================  ===========  ======================================
Gjennomført / Gennemført / Completed     I            answered to the end
Noen svar / Nogen svar / Partially …     P            started, did not finish
Frafalt / Frafaldet / Dropped out        R            declined or broke off
Distribuert / Distribueret / Distributed NC           invited, never answered
Ny / New                                 —            never sent: outside the denominator
=======================================  ===========  ======================================

With D = (I + P) + (R + NC + O) + (UH + UO):
RR1 = I / D, RR2 = (I + P) / D, COOP1 = I / ((I + P) + R + O), COOP2 = (I + P) / ((I + P) +
R + O), REF1 = R / D, CON1 = ((I + P) + R + O) / D.

When the export holds only those who answered, ``invited=`` gives the number invited (per
group: a dict or Series): the non-contacts are then invited minus the others.

Examples
--------
>>> from toolkit import read_surveyxact
>>> from toolkit.data import example_round
>>> rates = response_rates(read_surveyxact(example_round()))
>>> rates.set_index("rate").loc[["RR1", "RR2"], ["numerator", "denominator"]].values.tolist()
[[177, 258], [190, 258]]
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from toolkit.errors import UsageError
from toolkit.surveys.groups import groups_for
from toolkit.surveys.survey import Survey

DISPOSITIONS = ("I", "P", "R", "NC", "O", "UH", "UO")
#: SurveyXact status label (lower case) → AAPOR disposition; None: not fielded.
STATUS_DISPOSITIONS: dict[str, str | None] = {
    "gjennomført": "I",
    "gennemført": "I",
    "fullført": "I",
    "genomförd": "I",
    "completed": "I",
    "complete": "I",
    "noen svar": "P",
    "nogen svar": "P",
    "delvis besvart": "P",
    "delvis besvaret": "P",
    "partially completed": "P",
    "partial": "P",
    "some answers": "P",
    "frafalt": "R",
    "frafaldet": "R",
    "avböjt": "R",
    "dropped out": "R",
    "declined": "R",
    "distribuert": "NC",
    "distribueret": "NC",
    "utsendt": "NC",
    "distributed": "NC",
    "ny": None,
    "new": None,
    "not distributed": None,
}
#: rate → (numerator dispositions, denominator dispositions), as in the module docstring
RATES = {
    "RR1": (("I",), DISPOSITIONS),
    "RR2": (("I", "P"), DISPOSITIONS),
    "COOP1": (("I",), ("I", "P", "R", "O")),
    "COOP2": (("I", "P"), ("I", "P", "R", "O")),
    "REF1": (("R",), DISPOSITIONS),
    "CON1": (("I", "P", "R", "O"), DISPOSITIONS),
}


def dispositions(survey: Survey, mapping: dict[str, str | None] | None = None) -> pd.Series:
    """The AAPOR disposition of every respondent row (None: not fielded), from the
    SurveyXact status (see module docstring)."""
    table = {**STATUS_DISPOSITIONS, **{k.lower(): v for k, v in (mapping or {}).items()}}
    status = survey.response_status()
    unknown = sorted({str(s) for s in status.dropna().unique() if str(s).lower() not in table})
    if unknown:
        raise UsageError(
            f"no AAPOR disposition for the status {', '.join(map(repr, unknown))}",
            file=survey.source.path,
            expected="one of " + ", ".join(sorted({k.title() for k in table})),
            hint="pass mapping={'<status>': 'I'|'P'|'R'|'NC'|'O'|'UH'|'UO'|None}",
        )
    if status.isna().any():
        raise UsageError(
            f"{int(status.isna().sum())} respondent row(s) have no response status",
            file=survey.source.path,
            hint="export with SurveyXact's status variables ticked, or give invited=",
        )
    return status.astype(str).str.lower().map(table).rename("disposition")


def _counts(survey: Survey, by, mapping) -> tuple[pd.DataFrame, np.ndarray]:
    """Disposition counts per group (rows) and the group frame."""
    # without a status, the export holds only those who answered: all complete
    has_status = (survey.codebook["role"] == "status").any()
    codes = dispositions(survey, mapping) if has_status else pd.Series("I", index=survey.data.index)
    groups = groups_for(survey, by)
    counts = np.zeros((groups.size, len(DISPOSITIONS)), dtype=np.int64)
    for j, disposition in enumerate(DISPOSITIONS):
        member = (codes == disposition).to_numpy()
        counts[:, j] = np.bincount(
            groups.index[member & (groups.index >= 0)], minlength=groups.size
        )
    return groups.frame, counts


def _apply_invited(counts: np.ndarray, frame: pd.DataFrame, invited, by, survey) -> None:
    """Non-contacts = invited − everyone else, per group."""
    if isinstance(invited, int | np.integer):
        wanted = np.array([invited] if by is None else [], dtype=np.int64)
        if by is not None:
            raise UsageError(
                "invited= per group takes a dict or Series of group → invited",
                file=survey.source.path,
                hint="e.g. invited={'Øst': 80, ...}",
            )
    else:
        key = frame[by] if isinstance(by, str) else frame.iloc[:, 0]
        values = pd.Series(invited)
        missing = [g for g in key if g not in values.index]
        if missing:
            raise UsageError(
                f"invited= lacks the group(s) {missing}",
                file=survey.source.path,
                hint="give the number invited for every group",
            )
        wanted = values.reindex(list(key)).to_numpy(dtype=np.int64)
    others = counts[:, [0, 1, 2, 4, 5, 6]].sum(axis=1)
    if (wanted < others).any():
        raise UsageError(
            f"invited= ({wanted.tolist()}) is less than the respondents in the export "
            f"({others.tolist()})",
            file=survey.source.path,
            hint="invited counts everyone the survey was sent to",
        )
    counts[:, 3] = wanted - others


def response_rates(
    survey: Survey,
    *,
    by: str | None = None,
    invited: int | dict | pd.Series | None = None,
    mapping: dict[str, str | None] | None = None,
) -> pd.DataFrame:
    """AAPOR RR1, RR2, COOP1, COOP2, REF1 and CON1 (see module docstring), one row per
    rate (× group): ``rate``, ``percent``, ``numerator``, ``denominator`` and the
    disposition counts ``I``, ``P``, ``R``, ``NC``, ``O``, ``UH``, ``UO``.

    Parameters
    ----------
    survey
        The export, with SurveyXact's response status.
    by
        A variable to compute the rates per group of.
    invited
        How many were invited (in total, or per group), when the export holds fewer.
    mapping
        SurveyXact status label → AAPOR disposition, where the defaults do not fit.

    Returns
    -------
    DataFrame
        One row per rate (× group), as above.

    Examples
    --------
    See the module's example.
    """
    frame, counts = _counts(survey, by, mapping)
    if invited is not None:
        _apply_invited(counts, frame, invited, by, survey)
    index = {d: j for j, d in enumerate(DISPOSITIONS)}
    rows = []
    for g in range(len(frame)):
        group = dict(frame.iloc[g]) if by is not None else {}
        tally = dict(zip(DISPOSITIONS, counts[g].tolist(), strict=True))
        for rate, (top, bottom) in RATES.items():
            numerator = int(counts[g, [index[d] for d in top]].sum())
            denominator = int(counts[g, [index[d] for d in bottom]].sum())
            rows.append(
                {
                    **group,
                    "rate": rate,
                    "percent": 100 * numerator / denominator if denominator else np.nan,
                    "numerator": numerator,
                    "denominator": denominator,
                    **tally,
                }
            )
    return pd.DataFrame(rows)
