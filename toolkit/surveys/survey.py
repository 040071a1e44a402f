"""The Survey: respondents (wide), codebook, source and problems, travelling together.

Examples
--------
>>> from toolkit import read_surveyxact
>>> from toolkit.data import example_round
>>> survey = read_surveyxact(example_round())
>>> survey.n
258
>>> int(survey.questions().loc["b1", "n_items"])
6
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import pandas as pd

from toolkit.errors import PrivacyError, UsageError
from toolkit.surveys.background import RESPONSE_STATUS
from toolkit.surveys.export import Source
from toolkit.surveys.sample import Sample, Step


@dataclass(frozen=True)
class Survey:
    """One survey round: ``data`` (one row per respondent), ``codebook``, ``source``,
    ``problems``.

    ``data`` holds closed items as ordered Categoricals of their labels, multi-response
    options as nullable booleans, open answers as ``string``; blank stays missing.
    Contact details are kept but flagged ``personal`` in the codebook; outputs leave them
    out unless asked (``include_personal=True``).
    """

    data: pd.DataFrame
    codebook: pd.DataFrame
    source: Source
    problems: pd.DataFrame
    #: the steps that made these respondents (the export as read: none)
    sample: Sample = field(default_factory=Sample)

    # ------------------------------------------------------------------ basics
    @property
    def n(self) -> int:
        """Number of respondents."""
        return len(self.data)

    def entry(self, variable: str) -> pd.Series:
        """The codebook row of one variable (raises a clear error if unknown)."""
        match = self.codebook[self.codebook["variable"] == variable]
        if match.empty:
            close = [v for v in self.codebook["variable"] if v.startswith(variable[:2])][:8]
            raise UsageError(
                f"no variable {variable!r} in this survey",
                file=self.source.path,
                hint=f"see survey.codebook; similar names: {', '.join(close) or 'none'}",
            )
        return match.iloc[0]

    def guard_personal(
        self, names, *, include_personal: bool = False, use: str = "analyse it"
    ) -> None:
        """Refuse to ``use`` personal columns (names, e-mail, ids) unless asked (``use``
        completes "the toolkit will not …": "analyse it", "group by it")."""
        if include_personal:
            return
        personal = set(self.codebook.loc[self.codebook["personal"], "variable"])
        names = [names] if isinstance(names, str) else list(names or [])
        hit = [n for n in names if n in personal]
        if hit:
            reasons = self.problems[
                (self.problems["kind"] == "personal-column") & self.problems["variable"].isin(hit)
            ]["message"]
            raise PrivacyError(
                f"{', '.join(hit)} {'is a personal column' if len(hit) == 1 else 'are personal'}"
                f"; the toolkit will not {use} without being asked",
                file=self.source.path,
                where=f"variable {hit[0]}",
                found=reasons.iloc[0] if len(reasons) else "marked personal in the codebook",
                hint="pass include_personal=True if you really mean to, and keep the result "
                "out of anything you publish",
            )

    def labels(self, variable: str) -> dict[Any, str]:
        """Code → label of a closed item, in code order."""
        return dict(self.entry(variable)["labels"])

    def variables(self, question: str | None = None, *, include_personal: bool = False) -> list:
        """Variables in export order, optionally of one question (grid or multi set)."""
        book = self.codebook
        if question is not None:
            book = book[book["question"] == question]
            if book.empty:
                raise UsageError(
                    f"no question {question!r} in this survey",
                    file=self.source.path,
                    hint="survey.questions() lists the questions",
                )
        if not include_personal:
            book = book[~book["personal"]]
        return list(book["variable"])

    def questions(self) -> pd.DataFrame:
        """One row per question: text, type, role and how many items/options it has."""
        book = self.codebook[~self.codebook["personal"]]
        grouped = book.groupby("question", sort=False)
        out = grouped.agg(
            question_text=("question_text", "first"),
            type=("type", "first"),
            role=("role", "first"),
            n_items=("variable", "size"),
            variables=("variable", list),
        )
        return out

    def to_frame(self, *, include_personal: bool = False) -> pd.DataFrame:
        """The respondent table (a copy), without contact details unless asked."""
        return self.data[self.variables(include_personal=include_personal)].copy()

    # ------------------------------------------------------------------ subsets
    def _mask(self, mask) -> np.ndarray:
        if isinstance(mask, str):
            try:
                chosen = self.data.query(mask, engine="python").index
            except Exception as exc:
                raise UsageError(
                    f"the filter {mask!r} cannot be applied",
                    file=self.source.path,
                    found=f"{type(exc).__name__}: {str(exc)[:200]}",
                    hint="write it as a pandas query over survey.data, e.g. "
                    '"kontorstr == \'Under 20 ansatte\'" or "b1_1.notna()"',
                ) from None
            return self.data.index.isin(chosen)
        if isinstance(mask, pd.Series):
            aligned = mask.reindex(self.data.index)
            if aligned.isna().any():
                raise UsageError(
                    "the filter does not say what to do with every respondent",
                    file=self.source.path,
                    found=f"{int(aligned.isna().sum())} respondent(s) without a True/False",
                    hint="give a boolean Series on survey.data's index (blank means neither)",
                )
            return aligned.to_numpy(dtype=bool)
        array = np.asarray(mask, dtype=bool)
        if array.shape != (self.n,):
            raise UsageError(
                f"the filter has {array.size} values for {self.n} respondents",
                file=self.source.path,
                hint="give one True/False per respondent",
            )
        return array

    def filter(self, mask, name: str | None = None, *, rule: str | None = None) -> Survey:
        """The respondents where ``mask`` holds: a boolean Series (on the index) or array,
        or a ``data.query`` string. Codebook, source and problems are kept; the step is
        added to :attr:`sample` under ``name`` (the step's name in a sample flow)."""
        keep = self._mask(mask)
        text = rule or (mask if isinstance(mask, str) else "a filter given in code")
        step = Step(name or text, text, self.n, int(keep.sum()))
        return replace(self, data=self.data[keep], sample=self.sample.then(step))

    def with_weights(self, name: str, weights, *, description: str | None = None) -> Survey:
        """A copy with ``weights`` as the numeric column ``name``, described in the codebook
        ("Vektet etter region og kontorstørrelse"); use it as ``weight=name`` in any summary.

        Parameters
        ----------
        name : str
            The weight column's name.
        weights : Weights, Series, array or list
            A :class:`~toolkit.prepare.weights.Weights`, a Series on the respondent index
            (respondents not in it are an error), or one value per respondent in order.
        description : str, optional
            What the weights adjust for, for notes under tables.

        Examples
        --------
        >>> from toolkit import read_surveyxact
        >>> from toolkit.data import example_round
        >>> survey = read_surveyxact(example_round())
        >>> weights = survey.data["kontorstr"].map({"Under 20 ansatte": 2.0}).fillna(1.0)
        >>> weighted = survey.with_weights("vekt", weights.astype(float))
        >>> bool(weighted.data["vekt"].sum() == survey.n + (weights == 2).sum())
        True
        """
        values = weights if isinstance(weights, pd.Series) else getattr(weights, "values", None)
        if isinstance(values, pd.Series):  # a Series (or Weights) on the respondent index
            values = values.reindex(self.data.index)
        else:  # an array or list: one weight per respondent, in the data's order
            array = np.asarray(weights, dtype=float).ravel()
            if array.shape != (self.n,):
                raise UsageError(
                    f"{array.size} weights for {self.n} respondents",
                    file=self.source.path,
                    hint="give one weight per respondent, or a Series on survey.data's index",
                )
            values = pd.Series(array, index=self.data.index)
        if values.isna().any():
            raise UsageError(
                f"{int(values.isna().sum())} respondent(s) have no weight",
                file=self.source.path,
                hint="make the weights on this survey (or its analytic sample)",
            )
        existing = self.codebook[self.codebook["variable"] == name]
        if len(existing) and existing["role"].iloc[0] != "weight":
            raise UsageError(
                f"{name!r} is already a variable of the survey",
                file=self.source.path,
                hint="choose another name for the weight column",
            )
        text = description or getattr(weights, "description", None) or "Vektet"
        data = self.data.assign(**{name: pd.array(values.to_numpy(dtype=float), dtype="Float64")})
        row = {column: None for column in self.codebook.columns}
        row.update(
            variable=name,
            position=int(self.codebook["position"].max()) + 1,
            question=name,
            question_text=text,
            type="weight",
            value_type="numeric",
            role="weight",
            personal=False,
            labels={},
            missing_codes=[],
            unknown_codes=[],
        )
        book = pd.concat(
            [self.codebook[self.codebook["variable"] != name], pd.DataFrame([row])],
            ignore_index=True,
        )
        return replace(self, data=data, codebook=book)

    # ------------------------------------------------------------------ long form
    def answers(
        self, variables: list[str] | None = None, *, include_personal: bool = False
    ) -> pd.DataFrame:
        """The closed answers as a long tidy table.

        Columns ``respondent``, ``variable``, ``question``, ``code`` (the raw code),
        ``label``, ``substantive`` (False for "Vet ikke"-type codes). One row per given
        answer: blanks are left out; multi-response options give 1 (chosen) or 0.
        """
        book = self.codebook.set_index("variable")
        wanted = variables or [
            v
            for v in self.variables(include_personal=include_personal)
            if book.at[v, "value_type"] in {"single", "multiple"}
        ]
        parts = [self._long(v, book.loc[v]) for v in wanted]
        if not parts:
            return pd.DataFrame(
                columns=["respondent", "variable", "question", "code", "label", "substantive"]
            )
        out = pd.concat(parts, ignore_index=True)
        for col in ("variable", "question"):
            out[col] = pd.Categorical(out[col], categories=list(dict.fromkeys(out[col])))
        return out

    def _long(self, variable: str, entry: pd.Series) -> pd.DataFrame:
        column = self.data[variable]
        if entry["value_type"] == "multiple":
            mask = column.notna().to_numpy()
            codes = column.to_numpy(dtype="float64", na_value=np.nan)[mask].astype("int64")
            labels = entry["labels"] or {0: "Ikke valgt", 1: "Valgt"}
            label = np.array([labels.get(0, "Ikke valgt"), labels.get(1, "Valgt")])[codes]
            substantive = np.ones(len(codes), dtype=bool)
        elif entry["value_type"] == "single":
            cats = column.cat.codes.to_numpy()
            mask = cats >= 0
            code_of = np.array(sorted({*entry["labels"], *entry["unknown_codes"]}), dtype=object)
            codes = code_of[cats[mask]] if len(code_of) else np.array([], dtype=object)
            label = np.asarray(column.cat.categories, dtype=object)[cats[mask]]
            substantive = ~np.isin(codes, list(entry["missing_codes"]))
        else:
            raise UsageError(
                f"{variable} is not a closed item (type {entry['type']})",
                hint="answers() covers single- and multi-choice items",
            )
        return pd.DataFrame(
            {
                "respondent": self.data.index.to_numpy()[mask],
                "variable": variable,
                "question": entry["question"],
                "code": codes,
                "label": label,
                "substantive": substantive,
            }
        )

    # ------------------------------------------------------------------ status
    def response_status(self) -> pd.Series:
        """SurveyXact's overall status per respondent (Ny … Frafalt) as a Categorical."""
        book = self.codebook[self.codebook["role"] == "status"]
        if book.empty:
            raise UsageError(
                "this export has no response-status variables (statoverall)",
                file=self.source.path,
                hint="tick 'status' variables when exporting from SurveyXact",
            )
        names = [str(t or "") for t in book["choice_text"]]
        order = [s for s in RESPONSE_STATUS if s in names] + [
            n for n in names if n not in RESPONSE_STATUS
        ]
        flags = self.data[list(book["variable"])].fillna(False).to_numpy(dtype=bool)
        chosen = np.where(flags.any(axis=1), flags.argmax(axis=1), -1)
        status = np.array(names, dtype=object)[np.maximum(chosen, 0)]
        status[chosen < 0] = None
        return pd.Series(
            pd.Categorical(status, categories=order, ordered=True),
            index=self.data.index,
            name="response_status",
        )

    # ------------------------------------------------------------------ display
    def overview(self) -> pd.DataFrame:
        """Questions and variables by type (what ``toolkit inspect`` prints)."""
        book = self.codebook
        out = book.groupby("type", sort=False).agg(
            questions=("question", "nunique"), variables=("variable", "size")
        )
        return out.sort_values("variables", ascending=False, kind="stable")

    def missing_per_item(self) -> pd.DataFrame:
        """Per question item: answered, blank, and non-substantive ("Vet ikke") answers."""
        book = self.codebook[self.codebook["type"].isin(["single", "multiple", "open"])]
        rows = []
        for entry in book.itertuples(index=False):
            column = self.data[entry.variable]
            blank = int(column.isna().sum())
            dont_know = 0
            if entry.value_type == "single" and entry.missing_codes:
                names = [entry.labels[c] for c in entry.missing_codes if c in entry.labels]
                dont_know = int(column.isin(names).sum())
            rows.append(
                {
                    "variable": entry.variable,
                    "question": entry.question,
                    "type": entry.type,
                    "answered": self.n - blank,
                    "blank": blank,
                    "non_substantive": dont_know,
                    "percent_blank": 100 * blank / self.n if self.n else np.nan,
                }
            )
        return pd.DataFrame(rows)

    def __repr__(self) -> str:
        counts = ", ".join(f"{n} {t}" for t, n in self.overview()["variables"].items())
        issues = len(self.problems)
        return (
            f"<Survey {self.source.format} {self.source.path!r}: {self.n} respondents, "
            f"{len(self.codebook)} variables ({counts}); {issues} problem(s)>"
        )

    def _repr_html_(self) -> str:
        head = html.escape(f"Survey from {self.source.path} ({self.source.format})")
        preview = self.codebook[
            ["variable", "question", "type", "question_text", "item_text", "personal"]
        ].head(12)
        problems = (
            self.problems.groupby("kind").size().rename("count").to_frame()._repr_html_()
            if len(self.problems)
            else "<p>No problems found while loading.</p>"
        )
        return (
            f"<div><strong>{head}</strong>"
            f"<p>{self.n} respondents, {self.codebook['question'].nunique()} questions, "
            f"{len(self.codebook)} variables</p>"
            f"<h4>Questions by type</h4>{self.overview()._repr_html_()}"
            f"<h4>Codebook (first 12 of {len(self.codebook)})</h4>{preview._repr_html_()}"
            f"<h4>Problems</h4>{problems}</div>"
        )
