"""Estimates with uncertainty: means with confidence intervals by group, and a regression
model, as report sections (design-based when a weight is given).

Examples
--------
>>> from toolkit import read_surveyxact
>>> from toolkit.data import example_round
>>> survey = read_surveyxact(example_round())
>>> section = means_section(survey, "b1", by="kontorstr")
>>> [type(b).__name__ for b in section.blocks]
['Table', 'Figure']
>>> regression_section(survey, "b1_3", ["kontorstr", "region"]).title
'Regresjon: Vi har nok tid til å samarbeide om brukere med sammensatte behov'
"""

from __future__ import annotations

from functools import partial

from toolkit.analysis.design import means
from toolkit.analysis.regression import regression
from toolkit.language import text
from toolkit.present.models import regression_table
from toolkit.present.stats_charts import coefficient_chart, means_chart
from toolkit.present.stats_tables import means_table
from toolkit.report.blocks import Figure, Section, Table, Text
from toolkit.report.options import Options
from toolkit.surveys.codebook import text_of
from toolkit.surveys.survey import Survey

DEFAULT = Options()


def means_section(
    survey: Survey, items, options: Options = DEFAULT, *, by: str | None = None
) -> Section:
    """Means on the items' scale with 95 % confidence intervals (per group with ``by``)."""
    table = means(survey, items, by=by, weight=options.weight, min_base=options.min_base)
    table.attrs["min_base"] = options.min_base
    style = options.style
    name = items if isinstance(items, str) else "-".join(items)
    chart = (
        Text(text("chart_too_few", options.language), kind="note")
        if bool(table["suppressed"].all())
        else Figure(
            partial(means_chart, table, style=style), name=f"snitt-{name}", source=options.source
        )
    )
    return Section(
        text("means_heading", options.language),
        [Table(means_table(table, style=style), options.source), chart],
        key=f"snitt-{name}",
        level=3,
        language=options.language,
    )


def regression_section(
    survey: Survey,
    outcome: str,
    predictors: list[str],
    options: Options = DEFAULT,
    *,
    kind: str = "ols",
) -> Section:
    """One regression model (OLS on the outcome's codes, or logit) with its table and a
    coefficient chart; predictors' categories against the first as reference."""
    survey.guard_personal([outcome, *predictors], use="model it")
    model = regression(
        survey, f"{outcome} ~ {' + '.join(predictors)}", weight=options.weight, kind=kind
    )
    style = options.style
    title = f"{text('regression_title', options.language)}: {text_of(survey.entry(outcome))}"
    return Section(
        title,
        [
            Table(regression_table(model, style=style), options.source),
            Figure(
                partial(coefficient_chart, model, style=style),
                name=f"modell-{outcome}",
                source=options.source,
            ),
        ],
        key=f"modell-{outcome}",
        level=3,
        language=options.language,
    )
