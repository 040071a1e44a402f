"""The opening sections of a survey report: what the export holds, who answered (response
status, AAPOR rates, the sample flow) and how the answers are weighted.

Examples
--------
>>> from toolkit import read_surveyxact
>>> from toolkit.data import example_round
>>> from toolkit.prepare import answered, sample_flow
>>> survey = read_surveyxact(example_round())
>>> section = response_section(survey, flow=sample_flow(survey, [answered()]))
>>> [b.table.title.split(" (")[0] for b in section.tables()]
['Svarstatus', 'Svarprosent', 'Utvalg: fra inviterte til analyseutvalget']
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from toolkit.errors import UsageError
from toolkit.language import text
from toolkit.prepare import response_rates
from toolkit.present.item_tables import counts_table, overview_table
from toolkit.present.stats_charts import flow_chart
from toolkit.present.stats_tables import flow_table, response_rate_table, weighting_table
from toolkit.report.blocks import Figure, Section, Table, Text
from toolkit.report.catalog import questions
from toolkit.report.options import Options
from toolkit.surveys.codebook import label_of
from toolkit.surveys.survey import Survey

DEFAULT = Options()


def overview_section(survey: Survey, options: Options = DEFAULT) -> Section:
    """The export: file, respondents, questions by type."""
    language = options.language
    name = Path(survey.source.path).name
    words = text(
        "overview_text",
        language,
        file=name,
        n=options.style.number(survey.n),
        questions=len(questions(survey)),
    )
    personal = int(survey.codebook["personal"].sum())
    blocks = [Text(f"{words} {text('order_note', language)}")]
    if personal:
        blocks.append(Text(text("personal_note", language, n=personal), kind="note"))
    blocks.append(Table(overview_table(survey.codebook, style=options.style), options.source))
    return Section(
        text("overview_heading", language), blocks, key="om-undersokelsen", language=language
    )


def _has_status(survey: Survey) -> bool:
    return bool((survey.codebook["role"] == "status").any())


_STATUS_WORDS = {"I": "status_completed", "P": "status_partial", "R": "status_dropped"}
_STATUS_WORDS |= {"NC": "status_distributed", None: "status_new"}


def status_in(status, language: str):
    """SurveyXact's status values (Norwegian, Danish or English, as the export has them)
    named in the report's language, in their order; values not known stay as they are.

    Parameters
    ----------
    status
        ``Survey.response_status()``: a Categorical Series.
    language
        nb, nn or en.

    Returns
    -------
    pandas.Series
        The same respondents, the categories renamed.

    Examples
    --------
    >>> from toolkit import read_surveyxact
    >>> from toolkit.data import example_round
    >>> status = read_surveyxact(example_round()).response_status()
    >>> list(status_in(status, "en").cat.categories)
    ['New', 'Distributed', 'Partially completed', 'Completed', 'Dropped out']
    """
    from toolkit.prepare.response import STATUS_DISPOSITIONS

    names = {}
    for label in status.cat.categories:
        key = str(label).strip().lower()
        if key in STATUS_DISPOSITIONS:
            names[label] = text(_STATUS_WORDS[STATUS_DISPOSITIONS[key]], language)
    if len(set(names.values())) < len(names):  # two export labels for one status: keep them
        return status
    return status.cat.rename_categories(lambda c: names.get(c, c))


def response_section(survey: Survey, options: Options = DEFAULT, *, flow=None) -> Section:
    """Response status and AAPOR rates (when the export has SurveyXact's status) and the
    sample flow from everyone invited to the analytic sample (when ``flow`` is given)."""
    language, style = options.language, options.style
    blocks: list = []
    if _has_status(survey):
        shown = status_in(survey.response_status(), language)
        status = counts_table(shown, text("status", language), style=style)
        blocks.append(Table(status, options.source))
        rates = response_rate_table(response_rates(survey), style=style)
        blocks.append(Table(rates, options.source))
    else:
        blocks.append(Text(text("no_status", language, n=survey.n), kind="note"))
    if flow is not None:
        blocks.append(Table(flow_table(flow, style=style), options.source))
        blocks.append(
            Figure(partial(flow_chart, flow, style=style), name="utvalg", source=options.source)
        )
        blocks.append(Text(text("flow_note", language, n=flow.survey.n)))
    return Section(text("response_heading", language), blocks, key="svar", language=language)


def weighting_section(
    weights, options: Options = DEFAULT, *, survey: Survey | None = None
) -> Section:
    """Targets, the sample before and after weighting, and the design effect (the
    variables named by their question texts when ``survey`` is given)."""
    if weights is None:
        raise UsageError("no weights to describe", hint="rake(...) or cell_weights(...) first")
    labels = {v: label_of(survey.entry(v)) for v in weights.variables} if survey else {}
    table = weighting_table(weights, style=options.style, labels=labels)
    words = text("weighting_text", options.language, description=weights.description)
    return Section(
        text("weighting_heading", options.language),
        [Text(words), Table(table, options.source)],
        key="vekting",
        language=options.language,
    )
