"""One report section per question, chosen by the question's type.

* a grid (several single items): the Likert table, the chart (diverging when the scale has
  a neutral middle) and, for a recognised scale, the item statistics;
* a single item: the frequency table and a bar chart;
* a multi-response question: percent of respondents per option and a bar chart;
* numeric: N, mean, median and spread, and the distribution;
* a date: how many answered, the first and the last;
* open text: the number of answers and the most frequent words; redacted examples only
  when asked (``Options(open_examples=True)``).

With ``Options(by=...)`` each closed question is also shown per group (and tested with
``tests=True``); with ``weight=`` every percentage is weighted and says so. Background and
status variables are not questions here, and personal columns are refused everywhere.

Examples
--------
>>> from toolkit import read_surveyxact
>>> from toolkit.data import example_round
>>> from toolkit.report.catalog import questions
>>> survey = read_surveyxact(example_round())
>>> questions(survey)[:4], question_kind(survey, "b1"), question_kind(survey, "s_12")
(['b1', 'b2', 't1', 's_10'], 'grid', 'multiple')
>>> section = question_section(survey, "b1", Options(by=("kontorstr",)))
>>> [type(b).__name__ for b in section.blocks]
['Table', 'Figure', 'Table', 'Section']
"""

from __future__ import annotations

from functools import partial

import pandas as pd

from toolkit.analysis import compare_groups, frequencies, item_statistics, likert_summary
from toolkit.analysis import multi_response as multi_response_summary
from toolkit.analysis.items import breakdown_columns
from toolkit.language import text
from toolkit.present.bars import (
    frequency_chart_parts,
    histogram_chart,
    multi_response_chart_parts,
)
from toolkit.present.charts import likert_chart_parts
from toolkit.present.comparison import comparison_table
from toolkit.present.item_tables import (
    WIDE,
    category_table,
    item_statistics_table,
    numeric_table,
)
from toolkit.present.tables import (
    likert_table,
    multi_response_table,
    quoted,
    row_names,
    shown_bases,
)
from toolkit.report.blocks import Figure, Section, Table, Text
from toolkit.report.catalog import question_kind, question_title, variables_of
from toolkit.report.options import Options
from toolkit.report.sections.open import open_blocks, other_answers
from toolkit.surveys.codebook import label_of, lower_first, text_of
from toolkit.surveys.survey import Survey

DEFAULT = Options()


def _group_label(survey: Survey, variable: str) -> str:
    """A breakdown's name inside a heading: a short label in lower case ("Etter
    kontorstørrelse"); a question quoted whole ("Etter «Er du jente eller gutt?»"), never
    lower-cased into a sentence that does not read."""
    label = label_of(survey.entry(variable)).strip()
    if label.endswith("?") or len(label.split()) > 4:
        return f"«{label}»"
    return lower_first(label)


def _tests(survey: Survey, items: list[str], by: str, options: Options) -> Table | None:
    if not options.tests:
        return None
    # groups under min_base (whose shares the tables hide) are left out of the tests
    tests = compare_groups(survey, items, by=by, weight=options.weight, min_base=options.min_base)
    labels = {v: text_of(survey.entry(v)) for v in items}
    table = comparison_table(tests, style=options.style, labels=labels, min_base=options.min_base)
    return Table(table, options.source)


def _diverging(summary: pd.DataFrame) -> bool:
    """Diverging bars for scales with a neutral middle (an odd number of categories)."""
    sub = summary[summary["substantive"]]
    k = sub.groupby("item", observed=True).size()
    return bool(summary["scale"].notna().all() and len(k) and (k % 2 == 1).all())


def _by_sections(survey, items, options, make, *, tests: bool = True) -> list[Section]:
    """One sub-section per breakdown variable: ``make(by)`` gives its blocks."""
    out = []
    for by in options.by:
        if by in items:
            continue
        title = text("by_title", options.language, group=_group_label(survey, by))
        section = Section(
            title, key=f"{items[0]}-{by}", level=4, language=options.language, breakdown=by
        )
        section.add(*make(by))
        if tests:  # no test table when tests are off: add() drops the None
            section.add(_tests(survey, items, by, options))
        out.append(section)
    return out


def _chart_blocks(recipes: list, name: str, source, language: str, table=None) -> list:
    """A chart as Figure blocks (parts numbered when a long chart is split), or a note
    when every bar would be hidden for too few answers (no empty axes), or when it is too
    large for any figure (its table shows it all)."""
    if table is not None and "suppressed" in table and bool(table["suppressed"].all()):
        return [Text(text("chart_too_few", language), kind="note")]
    if not recipes:
        return [Text(text("chart_left_out", language), kind="note")]
    if len(recipes) == 1:
        return [Figure(recipes[0], name=name, source=source)]
    return [Figure(make, name=f"{name}-{i}", source=source) for i, make in enumerate(recipes, 1)]


def _hidden_note(summary: pd.DataFrame, language: str, min_base: int) -> Text | None:
    """The rows a chart leaves out for too few answers, named in a note under it."""
    hidden = summary[summary["suppressed"]]
    if hidden.empty:
        return None
    names = row_names(hidden, breakdown_columns(summary))
    shown = quoted(names)
    key = (
        "chart_hidden_protected"
        if (hidden["suppressed_reason"] == "secondary").any()
        else "chart_hidden"
    )
    words = text(key, language, n=len(names), min_base=min_base, names=shown)
    return Text(words, kind="note")


def _likert_figures(summary, name: str, source, style, min_base: int = 5) -> list:
    """The Likert chart, in parts that fit a page when the grid is long, its items in the
    order of the table beside it (the questionnaire's: one order per question). Rows
    with too few answers are not drawn ("for få svar" bars among real ones): a note under
    the chart names them."""
    if bool(summary["suppressed"].all()):
        return _chart_blocks([], name, source, style.language, summary)
    shown = summary[~summary["suppressed"]]
    shown.attrs = {**summary.attrs, "bases": shown_bases(summary)}  # the table's caption N
    recipes = likert_chart_parts(shown, diverging=_diverging(shown), style=style, sort=False)
    blocks = _chart_blocks(recipes, name, source, style.language, shown)
    note = _hidden_note(summary, style.language, min_base)
    return blocks + ([note] if note is not None and recipes else [])


def _scale_blocks(survey, question, items, options, summary) -> list:
    style, source = options.style, options.source
    blocks = [
        Table(likert_table(summary, style=style, min_base=options.min_base), source),
        *_likert_figures(summary, question, source, style, options.min_base),
    ]
    scaled = summary["scale"].notna().all()
    if options.item_statistics and scaled:
        stats = item_statistics(survey, items, weight=options.weight, min_base=options.min_base)
        blocks.append(Table(item_statistics_table(stats, style=style), source))
    return blocks


def grid_section(survey: Survey, question: str, options: Options = DEFAULT) -> Section:
    """A grid of single items: table, chart and (for scales) item statistics."""
    items = variables_of(survey, question)
    kw = {"weight": options.weight, "min_base": options.min_base}
    summary = likert_summary(survey, items, **kw)
    style, source = options.style, options.source

    def by_group(by):
        grouped = likert_summary(survey, items, by=by, **kw)
        return [
            Table(likert_table(grouped, style=style, min_base=options.min_base), source),
            *_likert_figures(grouped, f"{question}-{by}", source, style, options.min_base),
        ]

    blocks = _scale_blocks(survey, question, items, options, summary)
    blocks += _by_sections(survey, items, options, by_group)
    return Section(
        question_title(survey, question), blocks, key=question, level=3, language=options.language
    )


def single_section(survey: Survey, question: str, options: Options = DEFAULT) -> Section:
    """A single question: frequency table and bar chart (and per group)."""
    variable = variables_of(survey, question)[0]
    kw = {"weight": options.weight, "min_base": options.min_base}
    style, source, language = options.style, options.source, options.language
    summary = frequencies(survey, variable, **kw)
    wide = int(summary["substantive"].sum()) > WIDE  # many categories: a table downwards
    table = category_table if wide else likert_table
    blocks = [
        Table(table(summary, style=style, min_base=options.min_base), source),
        *_chart_blocks(
            frequency_chart_parts(summary, style=style), question, source, language, summary
        ),
    ]

    def by_group(by):
        grouped = frequencies(survey, variable, by=by, **kw)
        return [
            Table(likert_table(grouped, style=style, min_base=options.min_base), source),
            *_chart_blocks(
                frequency_chart_parts(grouped, style=style),
                f"{question}-{by}",
                source,
                language,
                grouped,
            ),
        ]

    blocks += other_answers(survey, question, options)
    blocks += _by_sections(survey, [variable], options, by_group)
    return Section(
        question_title(survey, question), blocks, key=question, level=3, language=options.language
    )


def multiple_section(survey: Survey, question: str, options: Options = DEFAULT) -> Section:
    """A multi-response question: percent of respondents per option (sums exceed 100)."""
    kw = {"weight": options.weight, "min_base": options.min_base}
    style, source, language = options.style, options.source, options.language
    title = question_title(survey, question)
    table = multi_response_summary(survey, question, **kw)
    blocks = [
        Table(multi_response_table(table, style=style, title=title), source),
        *_chart_blocks(
            multi_response_chart_parts(table, title=title, style=style),
            question,
            source,
            language,
            table,
        ),
    ]

    def by_group(by):
        grouped = multi_response_summary(survey, question, by=by, **kw)
        return [
            Table(multi_response_table(grouped, style=style, title=title), source),
            *_chart_blocks(
                multi_response_chart_parts(grouped, title=title, style=style),
                f"{question}-{by}",
                source,
                language,
                grouped,
            ),
        ]

    blocks += other_answers(survey, question, options)
    # a chi-square per option is not the test for a multi-response set: none is shown
    sub = _by_sections(survey, variables_of(survey, question), options, by_group, tests=False)
    return Section(title, blocks + sub, key=question, level=3, language=options.language)


def numeric_section(survey: Survey, question: str, options: Options = DEFAULT) -> Section:
    """A numeric question: N, mean, median, spread and the distribution."""
    variable = variables_of(survey, question)[0]
    title = question_title(survey, question)
    values = survey.data[variable]
    blocks = [
        Table(numeric_table(values, title=title, style=options.style), options.source),
        Figure(
            partial(histogram_chart, values, title=title, style=options.style),
            name=question,
            source=options.source,
        ),
    ]
    return Section(title, blocks, key=question, level=3, language=options.language)


def date_section(survey: Survey, question: str, options: Options = DEFAULT) -> Section:
    """A date question: how many answered, the first and the last date."""
    variable = variables_of(survey, question)[0]
    values = pd.to_datetime(survey.data[variable], errors="coerce").dropna()
    words = text("dates_note", options.language, n=len(values))
    if len(values):
        words += " " + text(
            "dates_range",
            options.language,
            first=values.min().date().isoformat(),
            last=values.max().date().isoformat(),
        )
    title = question_title(survey, question)
    return Section(title, [Text(words)], key=question, level=3, language=options.language)


def open_section(survey: Survey, question: str, options: Options = DEFAULT) -> Section:
    """An open question: number of answers, frequent words, examples when asked."""
    variable = variables_of(survey, question)[0]
    title = question_title(survey, question)
    blocks = open_blocks(survey, variable, title, options)
    return Section(title, blocks, key=question, level=3, language=options.language)


SECTIONS = {
    "grid": grid_section,
    "single": single_section,
    "multiple": multiple_section,
    "numeric": numeric_section,
    "date": date_section,
    "open": open_section,
}


def question_section(survey: Survey, question: str, options: Options = DEFAULT) -> Section:
    """The section for ``question`` (a grid or question name), by its type."""
    for by in options.by:
        survey.guard_personal([by], use="break results down by it")
    return SECTIONS[question_kind(survey, question)](survey, question, options)
