"""What a draft can speak about: facts from the claims registry and from the data.

A :class:`Fact` is one number with what it is about: a ``subject`` (item text, question
or table row; ``None`` for the sample as a whole), the ``labels`` a sentence must name to
mean it (category, group, round, a column such as "Gjennomsnitt"), its ``measure``
(``percent``, ``n``, ``count``, ``number``, ``points``) and its exact ``value``. Facts come
from two places: the registry a report build wrote (``claims.json``, read by
:mod:`toolkit.check.registry`), exact and with the table or figure they stand in; and
:func:`survey_facts`, recomputed from the survey (after the configuration's analytic
  sample and weights): every closed item's category shares (weighted when the report
  is), their two ends added up (top-2, bottom-2), counts and bases (unweighted, as the
  report prints N), means, multi-response shares, and the sample's Ns.

Examples
--------
>>> from toolkit import read_surveyxact
>>> from toolkit.data import example_round
>>> facts = survey_facts(read_surveyxact(example_round()))
>>> fact = next(f for f in facts if f.where == "b1_1" and f.labels == {"Helt enig"})
>>> fact.measure, round(fact.value, 1), fact.n, fact.dk
('percent', 26.2, 183.0, 7.0)
>>> sample = sorted((min(f.labels, default=""), f.value) for f in facts if f.subject is None)
>>> [(label, round(value, 1)) for label, value in sample][2:]
[('besvart', 190.0), ('gjennomført', 177.0), ('invitert', 258.0), ('svarprosent', 73.6)]
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from toolkit.analysis.items import scale_of
from toolkit.analysis.likert import frequencies, item_statistics
from toolkit.analysis.multi import multi_response
from toolkit.language import text
from toolkit.present.style import round_to_100
from toolkit.surveys.survey import Survey

MEAN = "gjennomsnitt"


@dataclass(frozen=True)
class Fact:
    """One number the data or the report holds, and what a sentence must name to mean it."""

    id: str
    subject: str | None
    labels: frozenset[str]
    measure: str
    value: float
    where: str
    source: str  # "claims" or "data"
    decimals: int | None = None
    n: float | None = None  # the base of a share (substantive answers)
    dk: float | None = None  # "Vet ikke"-type answers outside that base
    count: float | None = None  # unweighted count behind a share
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    def describe(self, language: str = "nb") -> str:
        """The explicit mapping shown with a finding: what, which labels, where, in the
        report's ``language``."""
        what = f"«{self.subject}»" if self.subject else text("check_the_sample", language)
        labels = " + ".join(sorted(self.labels))
        measure = text(f"check_measure_{self.measure}", language)
        measure = self.measure if measure.startswith("check_") else measure
        where = text(f"check_where_{self.where}", language)
        where = self.where if where.startswith("check_") else where
        return f"{what}{' · ' + labels if labels else ''} · {measure} ({where})"


def _subject(entry) -> str:
    for key in ("item_text", "choice_text", "question_text"):
        value = entry.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return str(entry["variable"])


def _share_facts(survey: Survey, items: list[str], by: str | None, weight) -> list[Fact]:
    table = frequencies(survey, items, by=by, weight=weight)
    book = survey.codebook.set_index("variable")
    keys = ["item", by] if by else ["item"]
    facts = []
    for key, cell in table.groupby(keys, sort=False, observed=True):
        item = key[0] if isinstance(key, tuple) else key
        group = str(key[1]) if by else None
        subject = _subject(book.loc[item].to_dict() | {"variable": item})
        good = cell[cell["substantive"]]
        n = float(good["unweighted_n"].sum())
        dk = float(cell.loc[~cell["substantive"], "unweighted_n"].sum())
        extra_labels = {group} if group else set()
        where = f"{item}{' · ' + group if group else ''}"
        if n <= 0:  # nobody answered: its N (0) is a fact, its shares are not
            facts.append(Fact(f"{where} · N", subject, frozenset(extra_labels), "n", 0.0, where,
                              "data", n=0.0, dk=dk))  # fmt: skip
            continue
        parts = [
            (str(r.category), float(r.percent), float(r.unweighted_n)) for r in good.itertuples()
        ]
        groups = [[p] for p in parts]
        if len(parts) >= 4:
            groups += [parts[:2], parts[-2:]]
        # a report table rounds a row to add to 100: those shown values are right too
        rounded = dict(zip([p[0] for p in parts], round_to_100([p[1] for p in parts]), strict=True))
        for chosen in groups:
            labels = frozenset({p[0] for p in chosen} | extra_labels)
            name = f"{where} · {' + '.join(p[0] for p in chosen)}"
            share, count = sum(p[1] for p in chosen), sum(p[2] for p in chosen)
            alt = [float(rounded[chosen[0][0]])] if len(chosen) == 1 else []
            base = {"subject": subject, "labels": labels, "where": where, "source": "data"}
            facts.append(Fact(name, measure="percent", value=share, n=n, dk=dk, count=count,
                              extra={"rounded": alt}, **base))  # fmt: skip
            facts.append(Fact(f"{name} · count", measure="count", value=count, n=n, dk=dk, **base))
        facts.append(
            Fact(
                f"{where} · N", subject, frozenset(extra_labels), "n", n, where, "data", n=n, dk=dk
            )
        )
        facts.append(
            Fact(f"{where} · Vet ikke", subject, frozenset({"Vet ikke", *extra_labels}), "count",
                 dk, where, "data", n=n, dk=dk)
        )  # fmt: skip
    return facts


def _mean_facts(survey: Survey, items: list[str], by: str | None, weight) -> list[Fact]:
    scaled = [i for i in items if scale_of(survey, i, None, None) is not None]
    if not scaled:
        return []
    table = item_statistics(survey, scaled, by=by, weight=weight)
    book = survey.codebook.set_index("variable")
    facts = []
    for row in table.to_dict("records"):
        group = str(row[by]) if by else None
        labels = frozenset({MEAN} | ({group} if group else set()))
        where = f"{row['item']}{' · ' + group if group else ''}"
        subject = _subject(book.loc[row["item"]].to_dict() | {"variable": row["item"]})
        facts.append(
            Fact(
                f"{where} · mean",
                subject,
                labels,
                "number",
                float(row["mean"]),
                where,
                "data",
                n=float(row["base"]),
            )
        )
    return facts


def _multi_facts(survey: Survey, question: str, weight) -> list[Fact]:
    facts = []
    for row in multi_response(survey, question, weight=weight).to_dict("records"):
        subject = str(row["option"])
        where = f"{row['variable']}"
        n = float(row["unweighted_base"])
        base = {"subject": subject, "labels": frozenset(), "where": where, "source": "data"}
        share = float(row["percent_of_cases"])
        facts.append(Fact(f"{where} · percent", measure="percent", value=share, n=n, **base))
        facts.append(Fact(f"{where} · count", measure="count", value=float(row["n"]), **base))
        facts.append(Fact(f"{where} · N", measure="n", value=n, **base))
    if facts:  # the question's N: respondents who ticked at least one option
        text = _subject({"variable": question, **_question_entry(survey, question)})
        facts.append(Fact(f"{question} · N", text, frozenset(), "n", facts[-1].value,
                          question, "data"))  # fmt: skip
    return facts


def _question_entry(survey: Survey, question: str) -> dict:
    rows = survey.codebook[survey.codebook["question"] == question]
    return {"question_text": rows["question_text"].iloc[0] if len(rows) else None}


def _question_ranges(survey: Survey, facts: list[Fact], by: str | None) -> list[Fact]:
    """A grid's N as its caption gives it: "(N=172–180)", the range of its items' Ns;
    by group, the range over items × groups, named by the breakdown ("Etter
    kontorstørrelse": the first words of its question text)."""
    book = survey.codebook.set_index("variable")
    label = set()
    if by:
        text = str(_subject(book.loc[by].to_dict() | {"variable": by}))
        label = {text.split(" (")[0].strip()}
    ns: dict[str, list[float]] = {}
    for fact in facts:
        item = fact.where.split(" · ")[0]
        if fact.measure == "n" and fact.subject and item in book.index:
            ns.setdefault(book.at[item, "question"], []).append(fact.value)
    out = []
    for question, values in ns.items():
        text = _subject({"variable": question, **_question_entry(survey, question)})
        low, high = min(values), max(values)
        kind = "range" if low != high else "n"
        extra = {"total": high} if kind == "range" else {}
        name = f"{question} · N{' · ' + by if by else ''}"
        out.append(Fact(name, text, frozenset(label), kind, low, question, "data", extra=extra))
    return out


def _sample_facts(full: Survey, analytic: Survey, flow, weights=None) -> list[Fact]:
    facts = [Fact("rows", None, frozenset({"invitert"}), "n", float(full.n), "the export", "data")]
    if flow is not None:
        for step in flow.table.to_dict("records")[1:]:
            label = "besvart" if step is flow.table.to_dict("records")[1] else str(step["step"])
            facts.append(
                Fact(
                    f"flow · {step['step']}",
                    None,
                    frozenset({label}),
                    "n",
                    float(step["n_after"]),
                    "sample flow",
                    "data",
                )
            )
    else:
        try:
            status = full.response_status().astype(str)
        except Exception:  # no status column: the export holds answers only
            status = None
        if status is not None:
            answered = int(
                status.isin(["Noen svar", "Gjennomført", "Nogen svar", "Gennemført"]).sum()
            )
            completed = int(status.isin(["Gjennomført", "Gennemført", "Completed"]).sum())
            facts.append(
                Fact("completed", None, frozenset({"gjennomført"}), "n", float(completed),
                     "response status", "data")
            )  # fmt: skip
            if full.n:  # the response rate: everyone who answered, of everyone invited
                rate = 100 * answered / full.n
                facts.append(
                    Fact("rate", None, frozenset({"svarprosent"}), "percent", rate,
                         "response status", "data", n=float(full.n), count=float(answered))
                )  # fmt: skip
            facts.append(
                Fact(
                    "answered",
                    None,
                    frozenset({"besvart"}),
                    "n",
                    float(answered),
                    "response status",
                    "data",
                )
            )
    # no label: "N = 187" alone is the analytic sample's N
    facts.append(
        Fact("analytic", None, frozenset(), "n", float(analytic.n), "the analytic sample", "data")
    )
    facts.append(
        Fact(
            "analytic",
            None,
            frozenset({"analyseutvalget"}),
            "n",
            float(analytic.n),
            "the analytic sample",
            "data",
        )
    )
    if weights is not None:
        facts.append(
            Fact(
                "effective",
                None,
                frozenset({"effektiv"}),
                "n",
                float(weights.n_effective),
                "the weights (Kish)",
                "data",
            )
        )
        facts.append(
            Fact(
                "deff",
                None,
                frozenset({"designeffekt"}),
                "number",
                float(weights.deff),
                "the weights (Kish)",
                "data",
            )
        )
    return facts


def survey_facts(
    survey: Survey, *, full: Survey | None = None, flow=None, by=None, weight=None, weights=None
) -> list[Fact]:
    """Facts recomputed from ``survey`` (the analytic sample; ``full`` is the export,
    ``flow`` its sample flow, ``weights`` the raking result behind ``weight``)."""
    book = survey.codebook
    closed = book[(book["role"] == "question") & (book["value_type"] == "single")]
    items = list(closed["variable"])
    facts = _sample_facts(full or survey, survey, flow, weights)
    for group in [None, *([by] if isinstance(by, str) else list(by or []))]:
        if items:
            shares = _share_facts(survey, items, group, weight)
            facts += shares + _mean_facts(survey, items, group, weight)
            facts += _question_ranges(survey, shares, group)
    for row in book[(book["role"] == "question") & (book["type"] == "open")].itertuples():
        answers = survey.data[row.variable].astype("string").str.strip()
        given = float((answers.fillna("") != "").sum())  # an open question's N: its answers
        facts.append(Fact(f"{row.variable} · N", _subject(row._asdict()), frozenset(), "n",
                          given, row.variable, "data"))  # fmt: skip
    multiple = book[(book["role"] == "question") & (book["value_type"] == "multiple")]
    for question in pd.unique(multiple["question"]):
        facts += _multi_facts(survey, question, weight)
    return facts
