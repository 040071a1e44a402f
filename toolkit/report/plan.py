"""From a survey and its ``report.toml`` to the report's sections.

:func:`~toolkit.report.checks.check_config` has compared the configuration with the
export before anything here runs. :func:`prepare` applies the analytic sample and the
weights.
:func:`plan` lists the sections in order as ``(title, make)`` pairs, so the builder can
show progress per section: what the export holds, response and sample, weighting, one
chapter per ``[[chapters]]`` table (a section per question), means and a model when asked,
the comparison with an earlier round and the interviews when configured.

Examples
--------
>>> from toolkit import read_surveyxact
>>> from toolkit.data import example_round
>>> from toolkit.report.config import parse
>>> from toolkit.report.init import starter_config
>>> survey = read_surveyxact(example_round())
>>> config = parse(starter_config(survey, "x.xlsx"), file="report.toml")
>>> [title[:30] for title, _ in plan(prepare(survey, config), config)][:3]
['Om undersøkelsen', 'Svar og utvalg', 'Hvor enig eller uenig er du i ']
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from pathlib import Path

import pandas as pd

from toolkit.interviews.privacy import Redactor
from toolkit.language import text
from toolkit.prepare import answered, key_items, margins_from, rake, rule, sample_flow
from toolkit.rawfiles.tables import read_table
from toolkit.report.blocks import Section, Text
from toolkit.report.checks import expand as _variables
from toolkit.report.config import ReportConfig
from toolkit.report.config import config_error as _fail
from toolkit.report.init import heading_of
from toolkit.report.options import Options
from toolkit.surveys.survey import Survey


@dataclass
class Prepared:
    """The analytic survey with its sample flow, weights and section options."""

    survey: Survey
    full: Survey
    flow: object | None
    weights: object | None
    options: Options


def _rules(survey: Survey, config: ReportConfig) -> list:
    sample, language = config.sample, config.language
    rules = []
    if sample.get("answered"):
        rules.append(answered(language=language))
    if sample.get("key_items"):
        items = _variables(survey, sample["key_items"])
        rules.append(key_items(items, share=float(sample.get("key_share", 0.5)), language=language))
    for index, item in enumerate(sample.get("filters", [])):
        if not isinstance(item, dict) or not {"name", "query"} <= set(item):
            raise _fail(
                config,
                "sample",
                "filters",
                f"filter {index + 1} needs a name and a query",
                hint='filters = [{ name = "...", query = "kontorstr == \'...\'" }]',
            )
        rules.append(rule(item["name"], item["query"]))
    return rules


def _population(config: ReportConfig) -> pd.DataFrame:
    path = config.resolve(config.weights.get("population"))
    if path is None:
        raise _fail(
            config,
            "weights",
            "population",
            '[weights] needs population = "file"',
            hint='population = "populasjon.csv" (one row per cell, a count column)',
        )
    table = read_table(path, reader="toolkit report", role="population table").frame
    count = config.weights.get("count")
    if count not in table.columns:
        raise _fail(
            config,
            "weights",
            "count",
            f"the population table has no column {count!r}",
            found=", ".join(table.columns),
            hint="count names the column of counts",
        )
    numbers = pd.to_numeric(table[count].str.replace(r"\s", "", regex=True), errors="coerce")
    if numbers.isna().any():
        raise _fail(
            config,
            "weights",
            "count",
            f"the column {count!r} of {Path(path).name} holds text that is not a count",
            hint="write whole numbers in the count column",
        )
    return table.assign(**{count: numbers})


def redactor_of(config: ReportConfig) -> Redactor:
    """The redaction ``[corpus]`` asks for: its listed names and places, and what to do
    with common names nobody listed (``unlisted_names``: "redact" or "review").

    Parameters
    ----------
    config : ReportConfig
        The report's configuration.

    Examples
    --------
    >>> from toolkit.report.config import parse
    >>> text = '[corpus]\\npath = "p.qdpx"\\nunlisted_names = "review"\\n'
    >>> config = parse(text, file="report.toml")
    >>> redactor_of(config).unlisted
    'review'
    """
    corpus = config.corpus
    return Redactor(
        dict(corpus.get("redact") or {}), unlisted=corpus.get("unlisted_names", "redact")
    )


def prepare(survey: Survey, config: ReportConfig) -> Prepared:
    """The analytic sample and weights of ``config`` applied to ``survey``."""
    rules = _rules(survey, config)
    flow = sample_flow(survey, rules, language=config.language) if rules else None
    analytic = flow.survey if flow is not None else survey
    if len(analytic.data) == 0:  # a report of nobody: the rules are wrong, say so now
        raise _fail(
            config,
            "sample",
            "filters" if config.sample.get("filters") else next(iter(config.sample), "sample"),
            f"no respondent is left in the sample (of {len(survey.data)} in the export)",
            hint="check the filters' queries and key_share against the data (toolkit inspect)",
        )
    weights, weight = None, config.weight
    if config.weights:
        variables = list(config.weights.get("variables", []))
        margins = margins_from(_population(config), variables, count=config.weights.get("count"))
        weights = rake(analytic, margins, cap=config.weights.get("cap"), language=config.language)
        analytic = analytic.with_weights("vekt", weights)
        weight = "vekt"
    options = Options(
        language=config.language,
        by=config.by,
        weight=weight,
        min_base=config.min_base,
        tests=bool(config.part("tests")),
        item_statistics=bool(config.part("item_statistics", True)),
        open_examples=bool(config.part("open_examples")),
        examples=int(config.part("examples", 5)),
        source=config.source or Path(survey.source.path).name,
        redactor=redactor_of(config),
        sampled=flow is not None,
    )
    return Prepared(analytic, survey, flow, weights, options)


class Later:
    """A value read when first needed (the rounds or the transcripts: a rebuild whose
    sections come from the cache never reads them)."""

    def __init__(self, read) -> None:
        self._read, self._value, self._done = read, None, False

    def get(self):
        if not self._done:
            self._value, self._done = self._read(), True
        return self._value


def _deferred(module: str, name: str):
    """The section function ``name`` of ``toolkit.report.sections.<module>``, imported when
    it is called (a cached rebuild imports no analysis or chart library); a :class:`Later`
    argument is read then."""

    def call(*args, **kwargs):
        import importlib

        found = importlib.import_module(f"toolkit.report.sections.{module}")
        args = tuple(a.get() if isinstance(a, Later) else a for a in args)
        return getattr(found, name)(*args, **kwargs)

    return call


def _step(title: str, make, *signature):
    """``(title, make)`` with what the section depends on beyond the survey and the shared
    configuration (:mod:`toolkit.report.cache` keys a cached section by it)."""
    make.signature = signature
    return title, make


def _chapter(prepared: Prepared, chapter, language: str):
    def make() -> Section:
        from toolkit.report.sections.questions import question_section

        options = prepared.options if chapter.by is None else prepared.options.but(by=chapter.by)
        blocks: list = [Text(chapter.text)] if chapter.text else []
        parts = [question_section(prepared.survey, q, options) for q in chapter.questions]
        first = parts[0]
        # a chapter of one question, or one titled by its first question (as --init titles
        # them): the question gets no second heading under the chapter's
        if len(parts) == 1 or chapter.title in (first.title, heading_of(first.title)):
            merged = blocks + first.blocks + parts[1:]
            return Section(chapter.title, merged, key=first.key, language=language)
        return Section(chapter.title, blocks + parts, language=language)

    return _step(
        chapter.title, make, "chapter", chapter.title, chapter.questions, chapter.by, chapter.text
    )


def _statistics(prepared: Prepared, config: ReportConfig):
    def make() -> Section:
        from toolkit.report.sections.stats import means_section, regression_section

        section = Section(text("statistics_heading", config.language), language=config.language)
        items = config.part("means")
        if items:
            by = config.by[0] if config.by else None
            section.add(means_section(prepared.survey, list(items), prepared.options, by=by))
        if config.regression:
            section.add(
                regression_section(
                    prepared.survey,
                    config.regression["outcome"],
                    list(config.regression.get("predictors", [])),
                    prepared.options,
                    kind=config.regression.get("kind", "ols"),
                )
            )
        return section

    return _step(text("statistics_heading", config.language), make, "statistics")


def plan(prepared: Prepared, config: ReportConfig, *, rounds=None, corpus=None) -> list:
    """``(title, make)`` for every section, in order (see module docstring)."""
    options, language = prepared.options, config.language
    full = prepared.full
    overview_section = _deferred("sample", "overview_section")
    response_section = _deferred("sample", "response_section")
    weighting_section = _deferred("sample", "weighting_section")
    steps = [
        _step(
            text("overview_heading", language), lambda: overview_section(full, options), "overview"
        ),
        _step(
            text("response_heading", language),
            lambda: response_section(full, options, flow=prepared.flow),
            "response",
        ),
    ]
    if prepared.weights is not None:
        steps.append(
            _step(
                text("weighting_heading", language),
                lambda: weighting_section(prepared.weights, options, survey=full),
                "weighting",
            )
        )
    steps += [_chapter(prepared, chapter, language) for chapter in config.chapters]
    if config.part("means") or config.regression:
        steps.append(_statistics(prepared, config))
    if rounds is not None:
        rounds_section = _deferred("rounds", "rounds_section")
        # partial, not a lambda: the arguments are bound now (a lambda reading a reused
        # local once took [corpus]'s table for [rounds] and dropped items and did)
        part = config.rounds
        steps.append(
            _step(
                text("rounds_heading", language),
                partial(
                    rounds_section,
                    rounds,
                    options,
                    between=tuple(part["between"]) if part.get("between") else None,
                    items=part.get("items"),
                    measure=part.get("measure", "top2"),
                    did=part.get("did"),
                ),
                "rounds",
            )
        )
    if corpus is not None:
        corpus_section = _deferred("interviews", "corpus_section")
        part = config.corpus
        steps.append(
            _step(
                text("corpus_heading", language),
                partial(
                    corpus_section,
                    corpus,
                    options,
                    by=part.get("by", "rolle"),
                    unit=part.get("unit", "document"),
                    quotes_per_group=int(part.get("quotes", 1)),
                ),
                "corpus",
            )
        )
    return steps
