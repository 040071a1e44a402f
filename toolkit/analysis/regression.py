"""Regression models for report tables (statsmodels), labelled with the survey's texts.

``regression(survey, "b1_1 ~ kontorstr + region")`` fits OLS (or ``kind="logit"``) on
complete cases. Closed items enter as their codes (outcome) or as categories (predictors,
"Vet ikke"-type answers left out), the first category of each predictor being the
reference, shown as "(referanse)" with no coefficient. Unweighted models are statsmodels'
own fits. Weighted models are design-based as R's ``svyglm`` for a design with weights
only: the weighted fit with the sandwich covariance times n / (n − 1), t tests with
n − p degrees of freedom. A logit outcome is 1 for the ``positive`` categories (default:
"Ja" of a yes/no item, the top two of a scale).

Examples
--------
>>> from toolkit import read_surveyxact
>>> from toolkit.data import example_round
>>> model = regression(read_surveyxact(example_round()), "b1_1 ~ kontorstr")
>>> model.coefficients[["label", "reference"]].values.tolist()[:2]
[['Under 20 ansatte', True], ['20–49 ansatte', False]]
>>> model.n
183
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from toolkit.analysis._lazy_scipy import stats
from toolkit.analysis.design import chosen_positions, item_values
from toolkit.analysis.items import entries, weight_note
from toolkit.errors import UsageError
from toolkit.surveys.codebook import text_of
from toolkit.surveys.groups import resolve_weights
from toolkit.surveys.survey import Survey

_NAME = re.compile(r"[A-Za-z_æøåÆØÅ][\wæøåÆØÅ]*")


def stars(p: float) -> str:
    """ "***" for p < 0,001, "**" < 0,01, "*" < 0,05, "" otherwise."""
    if p is None or p != p:
        return ""
    return "***" if p < 0.001 else "**" if p < 0.01 else "*" if p < 0.05 else ""


@dataclass(frozen=True)
class Model:
    """A fitted model: ``coefficients`` (term, variable, label, reference, estimate, se,
    ci_low, ci_high, p_value, stars), ``n``, ``r2`` (R² or McFadden's pseudo-R²)."""

    formula: str
    kind: str
    outcome: str
    coefficients: pd.DataFrame
    n: int
    r2: float
    weighted: str | None
    fit: object
    #: variable → its text (item text, else question text), for table headings
    texts: dict = field(default_factory=dict)

    @property
    def r2_name(self) -> str:
        return "R²" if self.kind == "ols" else "Pseudo-R² (McFadden)"

    def to_frame(self) -> pd.DataFrame:
        return self.coefficients.copy()

    def _repr_html_(self) -> str:
        note = f"; {html.escape(self.weighted)}" if self.weighted else ""
        return (
            f"<div><strong>{html.escape(self.formula)}</strong> ({self.kind}, N={self.n}, "
            f"{self.r2_name}={self.r2:.3f}{note}){self.coefficients.to_html(index=False)}</div>"
        )


def _variables(survey: Survey, formula: str) -> tuple[str, list[str]]:
    if "~" not in formula:
        raise UsageError(f"the formula {formula!r} has no ~", hint="write 'outcome ~ a + b'")
    left, right = formula.split("~", 1)
    outcome = left.strip()
    names = [n for n in dict.fromkeys(_NAME.findall(right)) if n in survey.data.columns]
    missing = [n for n in [outcome, *names] if n not in survey.data.columns]
    if missing:
        raise UsageError(
            f"no variable {missing[0]!r} in the survey",
            file=survey.source.path,
            hint="see survey.codebook for the variable names",
        )
    return outcome, names


def _predictor(survey: Survey, name: str) -> pd.Series:
    entry = entries(survey)[name]
    column = survey.data[name]
    if entry["value_type"] == "single":
        keep = [c for c, k in zip(column.cat.categories, _mask(entry), strict=True) if k]
        values = column.astype(object).where(column.isin(keep))
        return pd.Series(pd.Categorical(values, categories=keep, ordered=True), index=column.index)
    if entry["value_type"] == "multiple":
        return column.astype("Float64").astype(float)
    return pd.to_numeric(column, errors="coerce").astype(float)


def _mask(entry):
    from toolkit.analysis.items import substantive_mask

    return substantive_mask(entry)


def _outcome(survey: Survey, name: str, kind: str, positive) -> pd.Series:
    if kind == "ols":
        return pd.Series(item_values(survey, name), index=survey.data.index)
    entry = entries(survey)[name]
    if entry["value_type"] == "multiple":
        return survey.data[name].astype("Float64").astype(float)
    value = positive
    if value is None:
        labels = [lab.lower() for lab in survey.data[name].cat.categories]
        value = next(
            (
                c
                for c, lab in zip(survey.data[name].cat.categories, labels, strict=True)
                if lab in {"ja", "yes"}
            ),
            "top2",
        )
    positions, _ = chosen_positions(survey, name, value, None)
    codes = survey.data[name].cat.codes.to_numpy()
    answered = ~np.isnan(item_values(survey, name))
    return pd.Series(np.where(answered, np.isin(codes, positions), np.nan), index=survey.data.index)


def _frame(survey, formula, weight, kind, positive):
    outcome, names = _variables(survey, formula)
    frame = pd.DataFrame({n: _predictor(survey, n) for n in names}, index=survey.data.index)
    frame.insert(0, outcome, _outcome(survey, outcome, kind, positive))
    weights = resolve_weights(survey, weight)
    frame["__w"] = 1.0 if weights is None else weights
    frame = frame.dropna()
    frame = frame[frame["__w"] > 0]
    for name in names:  # categories nobody in the complete cases has would be empty columns
        if isinstance(frame[name].dtype, pd.CategoricalDtype):
            frame[name] = frame[name].cat.remove_unused_categories()
    if len(frame) <= len(names) + 1:
        raise UsageError(
            f"too few complete cases ({len(frame)}) for {formula!r}",
            file=survey.source.path,
            hint="check the variables' answers",
        )
    return frame, outcome, names, weights is not None


def _fit(frame, formula, kind, weighted):
    import statsmodels.api as sm  # imported here: 2 s at start-up otherwise
    import statsmodels.formula.api as smf

    if kind == "ols" and not weighted:
        return smf.ols(formula, frame).fit(), 1.0
    if kind == "logit" and not weighted:
        return smf.logit(formula, frame).fit(disp=0), 1.0
    n = len(frame)
    if kind == "ols":
        fit = smf.wls(formula, frame, weights=frame["__w"]).fit(cov_type="HC0")
    else:
        fit = smf.glm(formula, frame, family=sm.families.Binomial(), var_weights=frame["__w"]).fit(
            cov_type="HC0"
        )
    return fit, n / (n - 1)


def _terms(fit, scale: float, frame, names, level, df) -> pd.DataFrame:
    cov = fit.cov_params() * scale
    q = stats.t.ppf(0.5 + level / 2, df) if df else stats.norm.ppf(0.5 + level / 2)
    rows = []
    for term in fit.params.index:
        estimate, se = float(fit.params[term]), float(np.sqrt(cov.loc[term, term]))
        t = estimate / se
        p = 2 * (stats.t.sf(abs(t), df) if df else stats.norm.sf(abs(t)))
        variable, label = _split_term(term, names)
        rows.append(
            {
                "term": term,
                "variable": variable,
                "label": label,
                "reference": False,
                "estimate": estimate,
                "se": se,
                "ci_low": estimate - q * se,
                "ci_high": estimate + q * se,
                "p_value": p,
                "stars": stars(p),
            }
        )
    out = pd.DataFrame(rows)
    for name in names:  # reference categories, right before their first level
        if isinstance(frame[name].dtype, pd.CategoricalDtype):
            reference = frame[name].cat.categories[0]
            where = out.index[out["variable"] == name]
            at = where.min() if len(where) else len(out)
            row = {
                "term": f"{name}[{reference}]",
                "variable": name,
                "label": reference,
                "reference": True,
            }
            out = pd.concat([out.iloc[:at], pd.DataFrame([row]), out.iloc[at:]], ignore_index=True)
    constant = out["term"] == "Intercept"  # "Konstant" last, as report tables show it
    return pd.concat([out[~constant], out[constant]], ignore_index=True)


def _split_term(term: str, names: list[str]) -> tuple[str | None, str]:
    if term == "Intercept":
        return None, "Konstant"
    match = re.match(r"^(.*?)\[T\.(.*)\]$", term)
    if match and match.group(1) in names:
        return match.group(1), match.group(2)
    return (term if term in names else None), term


def regression(
    survey: Survey,
    formula: str,
    *,
    weight: str | pd.Series | np.ndarray | None = None,
    kind: str = "ols",
    positive: str | list[str] | None = None,
    level: float = 0.95,
) -> Model:
    """Fit ``formula`` (``"outcome ~ a + b"``) as OLS or logit (see module docstring).

    Parameters
    ----------
    survey
        The survey.
    formula
        ``"outcome ~ a + b"``: closed predictors become categories against the first.
    weight
        A weight column or weights on the respondents (design-based standard errors).
    kind
        ``"ols"`` (on the outcome's codes) or ``"logit"``.
    positive
        For logit: the outcome categories counted as 1.
    level
        The confidence level.

    Returns
    -------
    Model
        Coefficients with intervals, fit and N (``.to_frame()``).

    Examples
    --------
    See the module's example.
    """
    if kind not in {"ols", "logit"}:
        raise UsageError(f"unknown model kind {kind!r}", hint="kind='ols' or kind='logit'")
    frame, outcome, names, weighted = _frame(survey, formula, weight, kind, positive)
    fit, scale = _fit(frame, formula, kind, weighted)
    n = len(frame)
    df = (n - len(fit.params)) if (weighted or kind == "ols") else None
    coefficients = _terms(fit, scale, frame, names, level, df)
    if kind == "ols":
        r2 = float(fit.rsquared)
    else:
        r2 = float(fit.prsquared) if not weighted else float(1 - fit.deviance / fit.null_deviance)
    book = entries(survey)
    texts = {v: text_of(book[v]) for v in [outcome, *names]}
    weighted = weight_note(survey, weight)
    return Model(formula, kind, outcome, coefficients, n, r2, weighted, fit, texts)


def eta_squared(
    survey: Survey,
    outcome: str,
    by: str | list[str],
    *,
    weight: str | pd.Series | np.ndarray | None = None,
) -> pd.DataFrame:
    """η² (SS of the term / total SS) and partial η² (SS / (SS + residual SS)) of each
    ``by`` factor for ``outcome``, from the ANOVA table (type II sums of squares).

    Parameters
    ----------
    survey
        The survey.
    outcome
        A closed or numeric item (on its codes).
    by
        The factors.
    weight
        A weight column or weights on the respondents.

    Returns
    -------
    DataFrame
        One row per factor: ``eta2`` and ``partial_eta2``.

    Examples
    --------
    See the module's example.
    """
    by = [by] if isinstance(by, str) else list(by)
    model = regression(survey, f"{outcome} ~ {' + '.join(by)}", weight=weight)
    import statsmodels.api as sm

    table = sm.stats.anova_lm(model.fit, typ=2)
    residual = float(table.loc["Residual", "sum_sq"])
    total = float(model.fit.centered_tss)
    rows = [
        {
            "term": term,
            "sum_sq": float(table.loc[term, "sum_sq"]),
            "df": float(table.loc[term, "df"]),
            "eta2": float(table.loc[term, "sum_sq"]) / total,
            "partial_eta2": float(table.loc[term, "sum_sq"])
            / (float(table.loc[term, "sum_sq"]) + residual),
            "p_value": float(table.loc[term, "PR(>F)"]),
        }
        for term in by
    ]
    return pd.DataFrame(rows)
