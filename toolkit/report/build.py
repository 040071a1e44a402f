"""``toolkit report EXPORT --out build/``: a complete report of any SurveyXact export.

Reads the export, checks ``report.toml`` against it (or uses the starter configuration
``--init`` would write), applies the analytic sample and weights, builds every section
(progress per section), and writes into the output folder:

* ``report.html``: self-contained, escaped, with alt texts and print styles;
* ``report.docx``: a Word document built with python-docx;
* ``tabeller.xlsx``: one sheet per table with real numbers;
* ``figurer/``: every figure as PNG (300 dpi) and SVG (text as text);
* ``claims.json``: every number shown, what it is and where (for ``toolkit check``);
* ``manifest.json``: inputs, outputs, configuration, versions and the audit.

Before the manifest is written, the build reads its HTML, Word and Excel back and compares
every table cell with the claims registry (:mod:`toolkit.report.audit`): a number that
shows two values fails the build with an AuditError naming the fact and both places.

Every output is byte-identical when rebuilt from the same inputs and configuration.
:class:`BuildResult` keeps the time per stage (read, analyse, charts, html, word, excel).

Examples
--------
>>> import tempfile, pathlib
>>> from toolkit.data import example_round
>>> out = pathlib.Path(tempfile.mkdtemp())
>>> result = build_report(example_round(), out, progress=False)
>>> sorted(p.name for p in out.iterdir())
['claims.json', 'figurer', 'manifest.json', 'report.docx', 'report.html', 'tabeller.xlsx']
>>> list(result.timings)
['read', 'analyse', 'charts', 'html', 'word', 'excel', 'audit']
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from toolkit.errors import ExportFormatError, MissingFileError, UsageError
from toolkit.report.cache import cache_for, files_digest
from toolkit.report.checks import check_config
from toolkit.report.config import ReportConfig, parse, read_config
from toolkit.surveys.read import read_surveyxact

if TYPE_CHECKING:
    from toolkit.report.blocks import Section

FIGURES = "figurer"


@dataclass
class BuildResult:
    """What a build wrote (``outputs`` by name) and how long each stage took."""

    folder: Path
    outputs: dict[str, Path]
    timings: dict[str, float] = field(default_factory=dict)
    sections: list[Section] = field(default_factory=list)
    #: sections taken from the build cache, and sections made anew
    reused: int = 0
    made: int = 0

    def summary(self) -> str:
        files = ", ".join(p.relative_to(self.folder).as_posix() for p in self.outputs.values())
        stages = ", ".join(f"{k} {v:.1f} s" for k, v in self.timings.items())
        figures = sum(1 for s in self.sections for _ in s.figures())
        tables = sum(1 for s in self.sections for _ in s.tables())
        cached = f"; {self.reused} of {self.reused + self.made} sections from the cache" * bool(
            self.reused
        )
        counted = f"{tables} table{'s' * (tables != 1)}, {figures} figure{'s' * (figures != 1)}"
        return f"wrote {files} into {self.folder} ({counted}{cached})\ntime: {stages}"


def _config(survey, export: Path, config: ReportConfig | None) -> ReportConfig:
    """The configuration a build uses (``config`` as read, or the starter)."""

    def starter() -> ReportConfig:
        from toolkit.report.init import starter_config

        return parse(starter_config(survey, export), file="report.toml")

    if config is None:  # the starter, as --init writes it: no file of its own
        return replace(starter(), path=None, folder=str(Path(export).parent))
    if not config.chapters:  # no [[chapters]]: every question, as without a configuration
        config = replace(config, chapters=starter().chapters)
    return config


def _extras(config: ReportConfig):
    """The rounds and the transcripts, each read when a section first needs it."""
    from toolkit.report.plan import Later

    rounds = corpus = None
    if config.rounds:

        def read_rounds():
            from toolkit.rounds.project import read_rounds as read

            return read(config.resolve(config.rounds.get("folder", ".")))

        rounds = Later(read_rounds)
    if config.corpus:
        path = config.resolve(config.corpus.get("path"))
        if path is None:
            raise UsageError(
                '[corpus] needs path = "..."',
                file=config.path,
                hint='path = "transcripts/prosjekt.qdpx"',
            )

        def read_corpus():
            from toolkit.interviews.read import read_corpus as read

            return read(path)

        corpus = Later(read_corpus)
    return rounds, corpus


def _write_figures(
    sections, numbers: dict, folder: Path, progress: bool, jobs: int | None
) -> list[Path]:
    from toolkit.report.blocks import render_blocks

    folder.mkdir(parents=True, exist_ok=True)  # (a staging folder: nothing stale in it)
    figures = [b for s in sections for b in s.figures()]
    render_blocks(figures, jobs, progress=progress)  # made and rendered in workers
    written = []
    for block in figures:
        stem = f"figur-{numbers[id(block)]:02d}-{block.name}"
        for suffix, data in ((".png", block.png), (".svg", block.svg)):
            path = folder / f"{stem}{suffix}"
            path.write_bytes(data)
            written.append(path)
    return written


def _write_outputs(sections, numbers, stage: Path, job, prepared) -> dict:
    """report.html, report.docx, tabeller.xlsx and claims.json, written into ``stage``."""
    from toolkit.report.outputs import Files, write_outputs

    config, survey = job.config, job.survey
    files = Files(
        title=config.title or (survey.source.path and Path(survey.source.path).stem),
        language=config.language,
        subtitle=config.subtitle,
        template=config.resolve(config.reference_docx),
        source=prepared.options.source,
    )
    meta = {"survey": job.export.name, "survey_digest": job.digest}
    return write_outputs(stage, sections, numbers, files, meta=meta, lap=job.lap)


def _stop_here(stage: str) -> None:
    """A test hook (:mod:`toolkit._hooks`): the tests kill a build at a stage and check
    that the previous report survives it."""
    from toolkit._hooks import stop_here

    stop_here(stage)


def _audit(out: Path) -> dict:
    from toolkit.report.outputs import audit

    return audit(out)


OUTPUTS = ("report.html", "report.docx", "tabeller.xlsx", "claims.json", "manifest.json")


def _holds_export(folder: Path) -> bool:
    from toolkit.rounds.folder import find_export

    try:
        find_export(folder)
    except MissingFileError:
        return False
    except ExportFormatError:  # several exports: raw data all the same
        pass
    return True


def _check_out(export: Path, out: Path) -> None:
    """Refuse an output folder that would overwrite the export or write beside raw data:
    the export's own folder, a folder holding it among the output names, a rounds project's
    folder, or a round folder in it (--out surveys/2026 once put a second workbook there,
    after which the rounds could not be read). A build folder beside the round folders is
    fine, wherever rounds.toml lies."""
    source, folder = export.resolve(), out.resolve()
    clash = source in {folder / name for name in OUTPUTS} or folder / FIGURES in source.parents
    raw = folder == (source if source.is_dir() else source.parent)
    for project in (folder, *folder.parents):
        if (project / "rounds.toml").is_file():
            round_folder = (
                folder if project == folder else (project / folder.relative_to(project).parts[0])
            )
            raw = raw or project == folder or _holds_export(round_folder)
            break
    if clash or raw:
        raise UsageError(
            f"--out {out} " + ("would overwrite the export" if clash else "is a raw-data folder"),
            file=export,
            expected="an output folder apart from the raw exports (raw data stay as exported)",
            hint="e.g. --out build (beside surveys/, not inside it)",
        )


def _shared(config: ReportConfig, export: Path, export_digest: str) -> str:
    """What every section depends on: the export's and other inputs' bytes and the
    configuration without the titles, template and chapters (each chapter keys its own)."""
    from toolkit.report.cache import files_digest

    settings = config.to_dict()
    for key in ("title", "subtitle", "reference_docx", "chapters"):
        settings.pop(key, None)
    others = [p for p in _input_paths(export, config)[1:] if p != Path(config.path or "")]
    others = [p for p in others if p != config.resolve(config.reference_docx)]
    return json.dumps([export_digest, files_digest(others), settings], sort_keys=True, default=str)


def _input_paths(export, config: ReportConfig) -> list[Path]:
    paths = [Path(export)]
    if config.path and Path(config.path).is_file():
        paths.append(Path(config.path))
    for given in (
        config.weights.get("population"),
        config.corpus.get("path"),
        config.units.get("names"),
        config.reference_docx,
    ):
        if given:
            paths.append(config.resolve(given))
    if config.rounds:
        paths.append(config.resolve(config.rounds.get("folder", ".")))
    return paths


def build_report(
    export: str | Path,
    out: str | Path,
    *,
    config: str | Path | ReportConfig | None = None,
    progress: bool = True,
    audit: bool = True,
    jobs: int | None = None,
    cache: str | Path | bool = True,
) -> BuildResult:
    """Build the report of ``export`` into the folder ``out`` (see module docstring).

    Parameters
    ----------
    export
        A SurveyXact export (.xlsx, a folder of CSV files, .sav).
    out
        The output folder.
    config
        ``report.toml`` (a path or a parsed :class:`ReportConfig`); without it, the
        configuration ``toolkit report --init`` would write.
    progress
        Progress bars per section and figure.
    audit
        Compare every number of the outputs with each other before the manifest is written
        (``False`` is for debugging: the manifest then records that it was skipped).
    jobs
        Processes that render the figures (default: one per core); the outputs are the
        same bytes whatever the number.
    cache
        Keep the export as read and every section with its figures, so a rebuild redoes
        only what changed (:mod:`toolkit.report.cache`): ``True`` for the default folder,
        a folder, or ``False`` for none. The outputs are the same bytes either way.

    Returns
    -------
    BuildResult
        The folder, the outputs by name, the time per stage and the sections.

    Examples
    --------
    See the module's example.
    """
    export, out = Path(export), Path(out)
    _check_out(export, out)
    timings, started = {}, time.perf_counter()

    def lap(stage: str) -> None:
        nonlocal started
        _stop_here(stage)
        now = time.perf_counter()
        timings[stage] = timings.get(stage, 0.0) + now - started
        started = now

    lap.timings = timings

    if config is not None and not isinstance(config, ReportConfig):
        config = read_config(config)  # once: the cache's folder and the build both use it
    store = cache_for(cache, export, out, config)
    export_digest = files_digest([export])  # the cache's key, and claims.json's record
    survey_key = store.key("survey", export_digest, str(export.resolve()))
    survey = store.get(survey_key)
    if survey is None:
        survey = read_surveyxact(export)
        store.put(survey_key, survey)
    config = _config(survey, export, config)
    check_config(survey, config)  # every mistake, before the analysis stack is imported
    from toolkit.report.publish import OutputFolder

    rounds, corpus = _extras(config)
    job = _Job(
        survey, config, export, export_digest, store, lap, audit, jobs, progress, rounds, corpus
    )
    with OutputFolder(out) as folder:  # locked, and no file of the user's in the way
        return _build(job, folder)


@dataclass
class _Job:
    """What a build works from, once the export and configuration are read and checked."""

    survey: object
    config: ReportConfig
    export: Path
    digest: str
    store: object
    lap: object
    audit: bool
    jobs: int | None
    progress: bool
    rounds: object
    corpus: object


def _units(job: _Job, prepared, stage: Path) -> list[Path]:
    """The unit reports of ``[units]`` (:mod:`toolkit.report.units`), or none."""
    if not job.config.units:
        return []
    from toolkit.report.unit_build import build_units

    meta = {"survey": job.export.name, "survey_digest": job.digest}
    written = build_units(
        prepared, job.config, stage, meta=meta, jobs=job.jobs, progress=job.progress
    )
    job.lap("units")
    return written


def _build(job: _Job, folder) -> BuildResult:
    """The build proper, into ``folder``'s staging folder (see :func:`build_report`)."""
    survey, config, export, store, lap = job.survey, job.config, job.export, job.store, job.lap
    rounds, corpus, progress = job.rounds, job.corpus, job.progress
    from toolkit.progress import progress_bar
    from toolkit.report.html import numbering
    from toolkit.report.manifest import inputs, write_manifest
    from toolkit.report.plan import plan, prepare

    lap("read")
    prepared = prepare(survey, config)
    steps = plan(prepared, config, rounds=rounds, corpus=corpus)
    shared = _shared(config, export, job.digest) if store.folder else ""
    keys = [store.key("section", shared, make.signature) for _, make in steps]
    found = [store.get(key) for key in keys]
    for (_, make), section in zip(steps, found, strict=True):
        extra = {"rounds": rounds, "corpus": corpus}.get(make.signature[0])
        if section is None and extra is not None:
            extra.get()  # read now, so its errors come before any analysis
    sections, fresh = [], {}
    pairs = list(zip(steps, keys, found, strict=True))
    for (_, make), key, section in progress_bar(
        pairs, desc="sections", unit="section", show=progress
    ):
        if section is None:
            section = fresh[key] = make()
        sections.append(section)
    lap("analyse")
    numbers = numbering(sections)
    stage = folder.staging
    figures = _write_figures(sections, numbers, stage / FIGURES, progress, job.jobs)
    for key, section in fresh.items():  # figures rendered: kept as their bytes
        store.put(key, section)
    store.trim()
    lap("charts")
    outputs = _write_outputs(sections, numbers, stage, job, prepared)
    checked = _audit(stage) if job.audit else None
    project = Path(config.folder if config.path else export.parent).resolve()
    lap("audit")
    figures += _units(job, prepared, stage)
    outputs["manifest"] = write_manifest(
        stage,
        inputs_=inputs(_input_paths(export, config), project),
        outputs=[*outputs.values(), *figures],
        config=config.to_dict(),
        project=project,
        audit=checked,
    )
    _stop_here("publish")
    published = folder.publish([*outputs.values(), *figures])
    outputs = dict(zip(outputs, published, strict=False))
    timings = lap.timings
    made = len(fresh)
    return BuildResult(folder.out, outputs, timings, sections, len(sections) - made, made)
