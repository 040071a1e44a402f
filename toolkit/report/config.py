"""``report.toml``: what a report holds, edited by the researcher, never code.

.. code-block:: toml

    [report]
    title = "Ledersurvey 2026"
    language = "nb"            # nb, nn or en
    by = ["kontorstr"]         # breakdowns for every closed question (optional)
    min_base = 5               # fewer answers than this: not shown
    source = "Ledersurvey 2026 (SurveyXact)"   # the "Kilde:" line (default: the file name)
    reference_docx = "mal.docx"                # a house Word template (optional)

    [sample]                   # the analytic sample (optional)
    answered = true            # keep complete and partial responses
    key_items = ["b1"]         # and those who answered at least half of these
    filters = [{ name = "Ikke forsøkskontor", query = "forsok == 'Sammenligningskontor'" }]

    [weights]                  # raking to population margins (optional)
    population = "populasjon.csv"
    variables = ["region", "kontorstr"]
    count = "kontorer"

    [parts]                    # optional parts: all false unless set
    tests = true               # significance tests with `by`
    open_examples = false      # redacted examples of open answers
    means = ["b1"]             # means with confidence intervals by the first `by`

    [regression]               # one model (optional)
    outcome = "b1_3"
    predictors = ["kontorstr", "region"]

    [rounds]                   # comparison with an earlier round (optional)
    folder = "surveys"         # holds rounds.toml and one folder per round
    items = ["b1"]
    did = { item = "b1_3", group = "forsok", treated = "Forsøkskontor", cluster = "kontornr" }

    [corpus]                   # coded interviews (optional)
    path = "transcripts/prosjekt.qdpx"
    by = "rolle"
    redact = { "Lillehammer" = "(kommune)" }   # names and places to replace in quotes
    unlisted_names = "redact"  # common names nobody listed: "redact" or "review"

    [units]                    # a report per unit as well (optional; see report.units)
    variable = "kontornr"      # the unit of every respondent (distribution list)
    names = "kontorer.csv"     # code;name (optional)
    compare = ["unit", "others", "all"]

    [[chapters]]               # in order; questions by name (grids by their stem)
    title = "Samarbeid med kommunen"
    questions = ["b1", "b2"]

Paths are relative to the folder of ``report.toml``. Every error names the key and its
line; unknown keys are errors (a typo never passes silently).

Examples
--------
>>> config = parse('[report]\\ntitle = "T"\\nby = "kontorstr"\\n\\n[[chapters]]\\n'
...                'title = "A"\\nquestions = ["b1"]\\n', file="report.toml")
>>> config.title, config.by, [(c.title, c.questions, c.line) for c in config.chapters]
('T', ('kontorstr',), [('A', ('b1',), 7)])
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path

from toolkit.errors import ConfigError
from toolkit.language import LANGUAGES
from toolkit.rawfiles.toml import TomlFile
from toolkit.report.schema import checked

TABLES = {
    "report": {"title", "subtitle", "language", "by", "min_base", "source", "weight"}
    | {"reference_docx"},
    "sample": {"answered", "key_items", "key_share", "filters"},
    "weights": {"population", "variables", "count", "cap", "sep"},
    "parts": {"tests", "open_examples", "examples", "item_statistics", "means", "response"},
    "regression": {"outcome", "predictors", "kind"},
    "rounds": {"folder", "between", "items", "measure", "did"},
    "corpus": {"path", "by", "unit", "quotes", "redact", "unlisted_names"},
    "units": {"variable", "names", "compare", "min_base", "only", "chapters"}
    | {"open_answers", "findings", "word", "others", "everyone"},
}
CHAPTER_KEYS = {"title", "questions", "by", "text"}
#: the most chapters a report.toml may list
MAX_CHAPTERS = 500


@dataclass(frozen=True)
class Chapter:
    title: str
    questions: tuple[str, ...]
    by: tuple[str, ...] | None = None
    text: str | None = None
    line: int = 0


@dataclass(frozen=True)
class ReportConfig:
    """A parsed report.toml (see module docstring); ``folder`` resolves its paths."""

    title: str | None = None
    subtitle: str | None = None
    language: str = "nb"
    by: tuple[str, ...] = ()
    min_base: int = 5
    source: str | None = None
    weight: str | None = None
    reference_docx: str | None = None
    chapters: tuple[Chapter, ...] = ()
    sample: dict = field(default_factory=dict)
    weights: dict = field(default_factory=dict)
    parts: dict = field(default_factory=dict)
    regression: dict = field(default_factory=dict)
    rounds: dict = field(default_factory=dict)
    corpus: dict = field(default_factory=dict)
    units: dict = field(default_factory=dict)
    path: str | None = None
    folder: str = "."
    text: str = ""

    def resolve(self, relative: str | None) -> Path | None:
        """A path from the config, relative to its folder."""
        if not relative:
            return None
        path = Path(relative)
        return path if path.is_absolute() else Path(self.folder) / path

    def part(self, name: str, default=False):
        return self.parts.get(name, default)

    def to_dict(self) -> dict:
        """The settings (for the manifest): no file text, no absolute folder."""
        out = asdict(self)
        for key in ("text", "folder", "path"):
            out.pop(key)
        out["chapters"] = [
            {k: v for k, v in c.items() if k != "line" and v is not None} for c in out["chapters"]
        ]
        return out


def _names(file: TomlFile, table, key, value, index=None) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise file.error(
        table,
        key,
        f"{key} must be a name or a list of names",
        index,
        found=repr(value),
        hint=f'write {key} = "kontorstr" or {key} = ["kontorstr", "region"]',
    )


def _report_table(file: TomlFile, values: dict) -> dict:
    file.check_keys("report", values, TABLES["report"])
    out: dict = {}
    for key in ("title", "subtitle", "source", "weight", "reference_docx"):
        if key in values:
            if not isinstance(values[key], str):
                raise file.error("report", key, f"{key} must be text", hint=f'{key} = "..."')
            out[key] = values[key]
    language = values.get("language", "nb")
    if language not in LANGUAGES:
        raise file.error(
            "report",
            "language",
            f"unknown language {language!r}",
            expected=", ".join(LANGUAGES),
            hint='language = "nb", "nn" or "en"',
        )
    out["language"] = language
    if "by" in values:
        out["by"] = _names(file, "report", "by", values["by"])
    min_base = values.get("min_base", 5)
    if isinstance(min_base, bool) or not isinstance(min_base, int) or min_base < 1:
        raise file.error(
            "report",
            "min_base",
            "min_base must be a whole number of at least 1",
            found=repr(min_base),
            hint="min_base = 5",
        )
    out["min_base"] = min_base
    return out


def _chapters(file: TomlFile, chapters) -> tuple[Chapter, ...]:
    if not isinstance(chapters, list):
        raise file.error(
            None,
            "chapters",
            "chapters must be [[chapters]] tables",
            hint="write each chapter as its own [[chapters]] table",
        )
    if len(chapters) > MAX_CHAPTERS:
        raise file.error(
            None,
            "chapters",
            f"{len(chapters):,} chapters, more than a report's {MAX_CHAPTERS}",
            hint="group questions into chapters (a chapter may hold many questions)",
        )
    out = []
    for index, chapter in enumerate(chapters):
        file.check_keys("chapters", chapter, CHAPTER_KEYS, index)
        for key, limit in (("title", 500), ("text", 20_000)):
            if isinstance(chapter.get(key), str) and len(chapter[key]) > limit:
                raise file.error(
                    "chapters",
                    key,
                    f"a chapter's {key} of {len(chapter[key]):,} characters, more than {limit:,}",
                    index,
                    hint="write longer text in the Word document after the build",
                )
        if chapter.get("text") is not None and not isinstance(chapter["text"], str):
            raise file.error(
                "chapters",
                "text",
                "a chapter's text must be text in quotes",
                index,
                found=repr(chapter["text"])[:200],
                hint='text = "..."',
            )
        if not isinstance(chapter.get("title"), str):
            raise file.error(
                "chapters",
                "title",
                'a chapter needs title = "..."',
                index,
                hint='title = "Samarbeid med kommunen"',
            )
        if "questions" not in chapter:
            raise file.error(
                "chapters",
                "questions",
                "a chapter needs questions = [...]",
                index,
                hint='questions = ["b1", "b2"]',
            )
        by = chapter.get("by")
        out.append(
            Chapter(
                chapter["title"],
                _names(file, "chapters", "questions", chapter["questions"], index),
                None if by is None else _names(file, "chapters", "by", by, index),
                chapter.get("text"),
                file.line("chapters", "questions", index),
            )
        )
    return tuple(out)


def parse(text: str, *, file: str | Path) -> ReportConfig:
    """Read report.toml text (see module docstring)."""
    toml = TomlFile(text, file=file)
    data = toml.data
    toml.check_keys(None, data, set(TABLES) | {"chapters"})
    tables = {}
    for name in TABLES:
        values = data.get(name, {})
        if not isinstance(values, dict):
            raise toml.error(None, name, f"[{name}] must be a table", hint=f"write [{name}]")
        if name != "report":
            toml.check_keys(name, values, TABLES[name])
            values = checked(toml, name, values) if values else {}
        tables[name] = values
    return ReportConfig(
        **_report_table(toml, tables["report"]),
        chapters=_chapters(toml, data.get("chapters", [])),
        sample=tables["sample"],
        weights=tables["weights"],
        parts=tables["parts"],
        regression=tables["regression"],
        rounds=tables["rounds"],
        corpus=tables["corpus"],
        units=tables["units"],
        path=str(file),
        folder=str(Path(file).parent),
        text=text,
    )


def read_config(path: str | Path) -> ReportConfig:
    """Read and check ``report.toml`` (a ConfigError names the key and line)."""
    path = Path(path)
    if not path.is_file():
        raise ConfigError(
            f"no report configuration {path.name}",
            file=path,
            hint="write one with `toolkit report --init EXPORT`",
        )
    toml = TomlFile.read(path)
    return parse(toml.text, file=path)


def config_error(config: ReportConfig, table, key, what, index=None, **parts) -> ConfigError:
    """A ConfigError naming ``[table] key`` and its line in ``config``'s file.

    Parameters
    ----------
    config : ReportConfig
        The configuration, with the text it was read from (or none).
    table, key : str
        Where in the file: ``[table] key``.
    what : str
        What is wrong.
    index : int, optional
        Which entry of an array of tables (``[[chapters]]``).
    **parts
        The error's other parts (``hint``, ``found``, ``expected``).

    Returns
    -------
    ConfigError
        The error, to raise or to gather with others.

    Examples
    --------
    >>> config = parse('[report]\\ntitle = "Rapport"\\nby = ["x"]\\n', file="report.toml")
    >>> config_error(config, "report", "by", "no variable 'x'").where
    "line 3, key 'by'"
    """
    if not config.text:
        return ConfigError(what, **parts)
    return TomlFile(config.text, file=config.path).error(table, key, what, index, **parts)
