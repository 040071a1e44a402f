"""Quotes by theme, attributed by role and redacted before they leave the toolkit.

Attribution comes from a role attribute of the document ("En leder sier:", "En veileder
forteller:"), never from a name or a speaker label; speaker labels inside a quote are
dropped. Every quote passes a :class:`~toolkit.interviews.privacy.Redactor` (listed names
and places, national ID numbers, phone numbers, e-mail). Document and offsets are kept for
audit.

Examples
--------
>>> from toolkit.interviews import read_corpus
>>> from toolkit.data import example_project
>>> q = quotes(read_corpus(example_project("qdpx")), "Tid", by="rolle", per_group=1)
>>> q[["rolle", "attribution"]].values.tolist()[:2]
[['bruker', 'En bruker sier:'], ['leder', 'En leder sier:']]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from toolkit.errors import UsageError
from toolkit.interviews.corpus import Corpus
from toolkit.interviews.privacy import Redactor
from toolkit.interviews.text import SPEAKER
from toolkit.language import text
from toolkit.themes.frequencies import codes_under

#: Role value → how a quote is introduced. Roles not listed get "En <rolle> sier:".
ATTRIBUTIONS = {
    "leder": "En leder sier:",
    "avdelingsleder": "En avdelingsleder sier:",
    "veileder": "En veileder forteller:",
    "bruker": "En bruker sier:",
    "saksmappe": "Fra en saksmappe:",
    "saksbehandler": "En saksbehandler sier:",
}
ROLE_COLUMNS = ("rolle", "role", "informantgruppe", "gruppe", "group")


@dataclass(frozen=True)
class Attribution:
    """How quotes are attributed: which document attribute holds the role (default: the
    first of :data:`ROLE_COLUMNS` the corpus has) and how each role is introduced (on top
    of :data:`ATTRIBUTIONS`)."""

    role: str | None = None
    wording: dict[str, str] = field(default_factory=dict)
    language: str = "nb"

    def text(self, role: str | None) -> str:
        return attribution(role, self.wording, language=self.language)


def attribution(
    role: str | None, table: dict[str, str] | None = None, *, language: str = "nb"
) -> str:
    """How a quote by ``role`` is introduced in ``language`` ("En leder sier:"; in nn and
    en the role is named as the data name it, "A participant (leder) says:")."""
    table = {**(ATTRIBUTIONS if language == "nb" else {}), **(table or {})}
    if not role or role != role:
        return text("quote_anonymous", language)
    return table.get(str(role).lower(), text("quote_by", language, role=str(role).lower()))


def quotes(
    corpus: Corpus,
    code: str,
    *,
    by: str | None = None,
    per_group: int = 3,
    min_words: int = 8,
    redactor: Redactor | None = None,
    rollup: bool = True,
    attribution: Attribution | None = None,
) -> pd.DataFrame:
    """Up to ``per_group`` quotes of ``code`` (path or id; with ``rollup`` its sub-codes
    too) per group: ``path``, the ``by`` column, ``role``, ``attribution``, ``quote`` (redacted),
    ``words``, ``redactions``, ``document``, ``start``, ``end``. Longer quotes from
    different documents come first. ``attribution`` says which attribute is the role and
    how roles are introduced (:class:`Attribution`).

    Parameters
    ----------
    corpus
        The coded material.
    code
        A code's path or id.
    by
        An attribute to pick quotes per group of (e.g. the role).
    per_group
        The most quotes per group.
    min_words
        Shorter segments are not quotes.
    redactor
        Names, places and identifiers to replace (default: none listed; national IDs,
        phone numbers and e-mail addresses are always replaced).
    rollup
        Include the code's sub-codes.
    attribution
        Which attribute is the role, and how quotes are attributed.

    Returns
    -------
    DataFrame
        One row per quote, as above.

    Examples
    --------
    See the module's example.
    """
    attribution = attribution or Attribution()
    codes = corpus.codes
    chosen = codes_under(codes, code, rollup)
    if not chosen:
        raise UsageError(
            f"no code {code!r} in the corpus",
            hint="give a code path such as 'Tid/Arbeidspress'; see corpus.codes",
        )
    role = attribution.role or next(
        (c for c in ROLE_COLUMNS if c in corpus.documents.columns), None
    )
    redactor = redactor or Redactor()
    docs = corpus.documents.set_index("document")
    segs = corpus.segments[corpus.segments["code"].isin(chosen)].drop_duplicates(
        ["document", "start", "end"]
    )
    rows = []
    for seg in segs.itertuples(index=False):
        text = " ".join(SPEAKER.sub("", line).strip() for line in seg.text.split("\n"))
        findings = redactor.findings(text)
        words = len(re.findall(r"\w+", text))
        if words < min_words:
            continue
        group_role = docs.at[seg.document, role] if role else None
        rows.append(
            {
                "path": seg.path,
                **({by: docs.at[seg.document, by]} if by else {}),
                "role": group_role,
                "attribution": attribution.text(group_role),
                "quote": redactor.redact(text),
                "words": words,
                "redactions": len(findings),
                "redacted": tuple(kind for kind, *_ in findings),
                "document": seg.document,
                "start": seg.start,
                "end": seg.end,
            }
        )
    columns = [
        "path",
        *([by] if by else []),
        "role",
        "attribution",
        "quote",
        "words",
        "redactions",
        "redacted",
        "document",
        "start",
        "end",
    ]
    table = pd.DataFrame(rows, columns=columns)
    if table.empty:
        return table
    table["_repeat"] = table.groupby([*([by] if by else []), "document"]).cumcount()
    table = table.sort_values(
        [*([by] if by else []), "_repeat", "words", "start"],
        ascending=[*([True] if by else []), True, False, True],
    )
    keys = [by] if by else []
    picked = table.groupby(keys).head(per_group) if keys else table.head(per_group)
    return picked.drop(columns="_repeat").reset_index(drop=True)
