r"""``report.toml`` against the export, all at once, before anything is computed.

:func:`check_config` lists every name the export does not have and every file that does
not exist (chapters' questions and breakdowns, by, sample, regression, means, weights,
corpus, rounds) in one ConfigError, each with its key and line. Only the codebook is read:
no analysis or chart library is imported, so a mistake is reported in a second or two.

Examples
--------
>>> from toolkit import read_surveyxact
>>> from toolkit.data import example_round
>>> from toolkit.report.config import parse
>>> config = parse('[report]\nby = ["kontorstrr"]\n', file="report.toml")
>>> check_config(read_surveyxact(example_round()), config)
Traceback (most recent call last):
...
toolkit.errors.ConfigError: no variable 'kontorstrr' to break down by
  file: report.toml
  where: line 2, key 'by'
  what to do: use a closed variable of the export (see --init's candidates)
"""

from __future__ import annotations

from pathlib import Path

from toolkit.errors import ConfigError
from toolkit.report.catalog import questions
from toolkit.report.config import ReportConfig, config_error
from toolkit.report.guards import check_guards
from toolkit.surveys.survey import Survey


def expand(survey: Survey, names) -> list[str]:
    """Question names expanded to their items (other names kept as they are)."""
    book = survey.codebook
    out = []
    for name in names:
        out += list(book.loc[book["question"] == name, "variable"]) or [name]
    return out


def _check_chapters(survey: Survey, config: ReportConfig, problems: list) -> None:
    known, columns = set(questions(survey)), set(survey.data.columns)
    for index, chapter in enumerate(config.chapters):
        for question in chapter.questions:
            if question not in known:
                close = sorted(q for q in known if q[:1] == question[:1])[:8]
                problems.append(
                    config_error(
                        config,
                        "chapters",
                        "questions",
                        f"the chapter {chapter.title!r} names {question!r}, which is not a "
                        "question of this export",
                        index,
                        hint=f"questions like it: {', '.join(close) or 'none'} "
                        "(`toolkit report --init` lists them all)",
                    )
                )
        for by in chapter.by or ():
            if by not in columns:
                problems.append(
                    config_error(
                        config,
                        "chapters",
                        "by",
                        f"no variable {by!r} to break down by",
                        index,
                        hint="use a closed variable of the export",
                    )
                )


def check_config(survey: Survey, config: ReportConfig) -> None:
    """Every name and file in ``config`` that the survey or the project does not have, in
    one ConfigError (each problem with its key and line), before anything is computed."""
    problems: list[ConfigError] = []
    _check_chapters(survey, config, problems)
    _check_parts(survey, config, problems)
    check_guards(survey, config, problems)
    columns = set(survey.data.columns)
    for by in config.by:
        if by not in columns:
            problems.append(
                config_error(
                    config,
                    "report",
                    "by",
                    f"no variable {by!r} to break down by",
                    hint="use a closed variable of the export (see --init's candidates)",
                )
            )
    if config.sample.get("answered") and not (survey.codebook["role"] == "status").any():
        problems.append(
            config_error(
                config,
                "sample",
                "answered",
                "answered = true needs SurveyXact's response status, and this export has none",
                hint="export again with the status variables (statoverall), or remove answered "
                "and keep key_items",
            )
        )
    for name in expand(survey, config.sample.get("key_items", [])):
        if name not in columns:
            problems.append(
                config_error(
                    config,
                    "sample",
                    "key_items",
                    f"no item {name!r} in the export",
                    hint="use item or grid names of the export",
                )
            )
    names = [config.regression.get("outcome"), *config.regression.get("predictors", [])]
    for name in [n for n in names if n]:
        if name not in columns:
            problems.append(
                config_error(
                    config,
                    "regression",
                    "outcome" if name == names[0] else "predictors",
                    f"no variable {name!r} for the model",
                    hint="use variables of the export",
                )
            )
    if len(problems) == 1:
        raise problems[0]
    if problems:
        listed = "\n".join(
            f"{i}. " + str(p).replace("\n", "\n   ") for i, p in enumerate(problems, start=1)
        )
        raise ConfigError(
            f"{len(problems)} problems in {Path(config.path or 'report.toml').name}:\n{listed}",
            file=config.path,
            hint="mend them all, then build again",
        )


def _check_template(config: ReportConfig, problems: list) -> None:
    """The house Word template exists and passes the zip limits (checked now, not after
    the charts)."""
    template = config.resolve(config.reference_docx)
    if template is not None and not template.is_file():
        problems.append(
            config_error(
                config,
                "report",
                "reference_docx",
                f"{config.reference_docx!r} does not exist",
                hint="paths are relative to the folder of report.toml",
            )
        )
    elif template is not None:
        from toolkit.errors import ToolkitError
        from toolkit.present.template import clean_template

        try:
            clean_template(template)
        except ToolkitError as error:
            problems.append(error)


def _check_parts(survey: Survey, config: ReportConfig, problems: list) -> None:
    """[parts] means, [weights], [corpus] and [rounds]: names of the export, files that
    exist."""
    columns = set(survey.data.columns)
    for name in expand(survey, config.part("means") or []):
        if name not in columns:
            problems.append(
                config_error(config, "parts", "means", f"no item {name!r} in the export for means")
            )
    for name in config.weights.get("variables", []):
        if name not in columns:
            problems.append(
                config_error(config, "weights", "variables", f"no variable {name!r} to weight by")
            )
    files = [("weights", "population"), ("corpus", "path"), ("rounds", "folder")]
    files.append(("units", "names"))
    _check_units(survey, config, problems)
    for table, key in files:
        given = getattr(config, table).get(key)
        if given and not config.resolve(given).exists():
            problems.append(
                config_error(
                    config,
                    table,
                    key,
                    f"{given!r} does not exist",
                    hint="paths are relative to the folder of report.toml",
                )
            )
    _check_template(config, problems)
    did = config.rounds.get("did") or {}
    for key in ("item", "group", "cluster"):
        if did.get(key) and did[key] not in columns:
            problems.append(
                config_error(config, "rounds", "did", f"no variable {did[key]!r} for did's {key}")
            )


def _check_units(survey: Survey, config: ReportConfig, problems: list) -> None:
    """[units]: a variable of the export, chapters the report has."""
    units = config.units
    if not units:
        return
    if units["variable"] not in survey.data.columns:
        problems.append(
            config_error(
                config,
                "units",
                "variable",
                f"no variable {units['variable']!r} to make unit reports by",
                hint="a background variable of the export, e.g. the office number from the "
                "distribution list (see `toolkit inspect EXPORT`)",
            )
        )
    elif units.get("only"):
        from toolkit.report.units import unknown_units

        unknown = unknown_units(survey, config)
        if unknown:
            problems.append(
                config_error(
                    config,
                    "units",
                    "only",
                    f"[units] only names {len(unknown)} unit(s) the export does not have: "
                    + ", ".join(unknown[:10]),
                    hint=f"codes or names of {units['variable']} (see `toolkit inspect EXPORT`)",
                )
            )
    titles = {c.title for c in config.chapters}
    for title in units.get("chapters", []):
        if config.chapters and title not in titles:
            problems.append(
                config_error(
                    config,
                    "units",
                    "chapters",
                    f"no chapter titled {title!r}",
                    found=", ".join(sorted(titles)),
                    hint="name chapters by their title in [[chapters]]",
                )
            )
