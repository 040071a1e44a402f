"""``toolkit report``: build a report of a SurveyXact export, or run a report notebook.

* ``toolkit report EXPORT --out build/``: every question of any export, no code or config
  needed (``--config report.toml`` for chapters, breakdowns, sample, weights, rounds…);
* ``toolkit report --init EXPORT``: write a starter ``report.toml`` to edit;
* ``toolkit report NOTEBOOK.ipynb --survey EXPORT [--corpus PROJECT]``: run a hand-written
  template headless.
"""

from __future__ import annotations

from pathlib import Path

from toolkit.errors import UsageError


def _init(args) -> int:
    from toolkit.report.init import starter_config
    from toolkit.surveys.read import read_surveyxact

    target = Path(args.config or "report.toml")
    source = Path(args.source).resolve()
    if (
        target.resolve() == source
        or source in target.resolve().parents
        or (target.suffix.lower() != ".toml")
    ):  # --force once wrote TOML over the export itself
        raise UsageError(
            f"--init would write the configuration to {target}, which is not a .toml file "
            "of its own",
            file=target,
            expected="a new .toml file beside your project, never the export",
            hint="toolkit report --init EXPORT --config report.toml",
        )
    if target.exists() and not args.force:
        raise UsageError(
            f"{target} already exists",
            file=target,
            hint="edit it, or pass --force to write a new starter over it",
        )
    survey = read_surveyxact(args.source)
    target.write_text(starter_config(survey, args.source), encoding="utf-8")
    print(f"wrote {target}: edit the chapters, then build with")
    print(f"  toolkit report {args.source} --config {target} --out {args.out}")
    return 0


def _notebook(args) -> int:
    from toolkit.report.notebook import run_notebook

    if not args.survey:
        raise UsageError(
            "a report notebook needs --survey EXPORT",
            hint=f"toolkit report {args.source} --survey path/to/export.xlsx",
        )
    parameters = {"survey_path": str(Path(args.survey).resolve())}
    if args.corpus:
        parameters["corpus_path"] = str(Path(args.corpus).resolve())
    out = run_notebook(args.source, args.out, parameters=parameters, progress=not args.quiet)
    print(f"wrote {out} ({out.stat().st_size:,} bytes) and {out.parent / 'manifest.json'}")
    return 0


def run(args) -> int:
    if args.init:
        return _init(args)
    if args.source.lower().endswith(".ipynb"):
        return _notebook(args)
    if args.survey or args.corpus:
        raise UsageError(
            "--survey and --corpus belong to a report notebook",
            hint="for an export: toolkit report EXPORT --config report.toml "
            "(a corpus goes in the config's [corpus] table)",
        )
    from toolkit.report.build import build_report

    result = build_report(
        args.source,
        args.out,
        config=args.config,
        progress=not args.quiet,
        audit=not args.no_audit,
        jobs=args.jobs,
        cache=False if args.no_cache else (args.cache or True),
    )
    print(result.summary())
    return 0


def add_parser(commands) -> None:
    report = commands.add_parser(
        "report", help="build the report of an export (HTML, Word, Excel, figures)"
    )
    report.add_argument("source", help="a SurveyXact export, or a report notebook (.ipynb)")
    report.add_argument("--out", default="build", help="the output folder (default: build)")
    report.add_argument("--config", help="report.toml: chapters, breakdowns, sample, weights")
    report.add_argument("--init", action="store_true", help="write a starter report.toml")
    report.add_argument("--force", action="store_true", help="with --init: overwrite")
    report.add_argument("--survey", help="with a notebook: the export it reports on")
    report.add_argument("--corpus", help="with a notebook: coded interviews (optional)")
    report.add_argument("--quiet", action="store_true", help="no progress bars")
    report.add_argument(
        "--jobs",
        type=int,
        metavar="N",
        help="processes that render the figures (default: one per core)",
    )
    report.add_argument(
        "--cache",
        metavar="DIR",
        help="where a rebuild finds what an earlier build made "
        "(default: .toolkit-cache beside the output folder)",
    )
    report.add_argument(
        "--no-cache", action="store_true", help="build everything anew; read and write no cache"
    )
    report.add_argument(
        "--no-audit",
        action="store_true",
        help="skip comparing the outputs' numbers with each other (for debugging only)",
    )
    report.set_defaults(run=run)
