"""What ``report.toml`` may not ask for: identifiers, personal columns, files outside the
project, a question twice.

:func:`check_guards` adds its findings to :func:`~toolkit.report.checks.check_config`'s list,
so they come in the same error, before anything is computed:

* a breakdown (``by`` in ``[report]`` or a chapter), a weighting variable, a model's
  variable or difference-in-differences' group or cluster that is a personal column
  (name, e-mail, phone) or the respondent id; and a breakdown by a variable with a value of
  its own for most respondents (an identifier in effect: one row per person in every
  table; as a cluster such a variable publishes nothing per person and is fine);
* a ``[sample]`` filter whose query reads such a column (its value would be printed
  wherever the filter is named);
* a relative path (population table, transcripts, rounds folder, Word template) that
  climbs out of the project folder with ``..``, refused without reading the file (an
  error never echoes a file that is not an input); a path written absolute is a choice
  made on purpose and is honoured;
* the same question in two chapters (or twice in one), and two chapters of one title,
  with both places named.

Examples
--------
>>> from toolkit import read_surveyxact
>>> from toolkit.data import example_round
>>> from toolkit.report.config import parse
>>> config = parse('[report]\\nby = ["respondentid"]\\n', file="report.toml")
>>> problems = []
>>> check_guards(read_surveyxact(example_round()), config, problems)
>>> print(problems[0])
respondentid identifies respondents: not a breakdown
  file: report.toml
  where: line 2, key 'by'
  what to do: break down by a grouping of respondents (office size, region), never by a person
"""

from __future__ import annotations

import re
from pathlib import Path

from toolkit.report.config import ReportConfig, config_error
from toolkit.surveys.background import is_respondent_id
from toolkit.surveys.survey import Survey

#: a variable with more distinct values than this share of respondents identifies them
UNIQUE_SHARE = 0.5


def identifying(survey: Survey) -> dict[str, str]:
    """Variables that identify respondents, with the reason (see module docstring)."""
    book, data = survey.codebook, survey.data
    found = {v: "is a personal column" for v in book.loc[book["personal"], "variable"]}
    for name in data.columns:
        if is_respondent_id(name):
            found.setdefault(name, "identifies respondents")
    closed = set(book.loc[book["role"] == "question", "variable"])
    answered = max(len(data), 1)
    for name in data.columns:
        if name in found or name in closed or len(data) < 10:
            continue
        distinct = data[name].nunique(dropna=True)
        if distinct > UNIQUE_SHARE * answered and distinct > 20:
            found[name] = f"has {distinct} different values among {len(data)} respondents"
    return found


def _refuse(config, problems, table, key, name, reason, index=None, hint=None) -> None:
    verb = "identifies respondents" if reason == "identifies respondents" else reason
    problems.append(
        config_error(
            config,
            table,
            key,
            f"{name} {verb}: not {_USES[(table, key)]}",
            index,
            hint=hint or _HINTS.get(key, "use a grouping of respondents, never a person"),
        )
    )


_USES = {
    ("report", "by"): "a breakdown",
    ("chapters", "by"): "a breakdown",
    ("weights", "variables"): "a weighting variable",
    ("regression", "outcome"): "a model's outcome",
    ("regression", "predictors"): "a predictor",
    ("rounds", "did"): "a group or cluster of the comparison",
    ("sample", "filters"): "a filter",
}
_HINTS = {
    "by": "break down by a grouping of respondents (office size, region), never by a person",
    "filters": "filter on answers or background groups; a personal column's values would be "
    "printed wherever the filter is named",
}


def _check_variables(survey: Survey, config: ReportConfig, problems: list) -> None:
    found = identifying(survey)
    uses = [("report", "by", name, None) for name in config.by]
    for index, chapter in enumerate(config.chapters):
        uses += [("chapters", "by", name, index) for name in chapter.by or ()]
    uses += [("weights", "variables", n, None) for n in config.weights.get("variables", [])]
    outcome = config.regression.get("outcome")
    if outcome:
        uses.append(("regression", "outcome", outcome, None))
    uses += [("regression", "predictors", n, None) for n in config.regression.get("predictors", [])]
    did = config.rounds.get("did") or {}
    uses += [("rounds", "did", did[k], None) for k in ("group", "cluster") if did.get(k)]
    # a variable unique per respondent is refused as a breakdown (a row per person); as a
    # cluster or weighting cell it publishes nothing per person, only personal columns and
    # the respondent id are refused there
    people = {n: r for n, r in found.items() if not r.startswith("has ")}
    for table, key, name, index in uses:
        refused = found if key == "by" else people
        if isinstance(name, str) and name in refused:
            _refuse(config, problems, table, key, name, refused[name], index)
    for item in config.sample.get("filters", []):
        query = item.get("query", "") if isinstance(item, dict) else ""
        for name in people:
            if isinstance(query, str) and re.search(rf"\b{re.escape(name)}\b", query):
                _refuse(config, problems, "sample", "filters", name, people[name])


def _check_paths(config: ReportConfig, problems: list) -> None:
    project = Path(config.folder).resolve()
    given = [
        ("weights", "population", config.weights.get("population")),
        ("corpus", "path", config.corpus.get("path")),
        ("rounds", "folder", config.rounds.get("folder")),
        ("report", "reference_docx", config.reference_docx),
    ]
    for table, key, path in given:
        if not isinstance(path, str) or not path or Path(path).is_absolute():
            continue  # an absolute path is written on purpose: honoured as written
        resolved = config.resolve(path).resolve()
        if resolved != project and project not in resolved.parents:
            problems.append(
                config_error(
                    config,
                    table,
                    key,
                    f"{path!r} lies outside the project folder (the folder of report.toml)",
                    hint="keep inputs inside the project and name them relative to it",
                )
            )


def _check_duplicates(config: ReportConfig, problems: list) -> None:
    seen: dict[str, tuple[int, str]] = {}
    titles: dict[str, int] = {}
    for index, chapter in enumerate(config.chapters):
        if chapter.title in titles:
            problems.append(
                config_error(
                    config,
                    "chapters",
                    "title",
                    f"two chapters are titled {chapter.title!r} "
                    f"(lines {config.chapters[titles[chapter.title]].line} and {chapter.line})",
                    index,
                    hint="give each chapter a title of its own",
                )
            )
        titles.setdefault(chapter.title, index)
        for question in chapter.questions:
            if question in seen:
                line, title = seen[question]
                problems.append(
                    config_error(
                        config,
                        "chapters",
                        "questions",
                        f"{question!r} is in the chapter {title!r} (line {line}) and again in "
                        f"{chapter.title!r} (line {chapter.line})",
                        index,
                        hint="list each question once; a report shows it once",
                    )
                )
            seen.setdefault(question, (chapter.line, chapter.title))


def check_guards(survey: Survey, config: ReportConfig, problems: list) -> None:
    """Add to ``problems`` every use of an identifier or personal column, every path out
    of the project and every question listed twice (see module docstring).

    Parameters
    ----------
    survey
        The export.
    config
        The parsed ``report.toml``.
    problems
        The list of ConfigErrors to extend.

    Examples
    --------
    See the module's example.
    """
    _check_variables(survey, config, problems)
    _check_paths(config, problems)
    _check_duplicates(config, problems)
