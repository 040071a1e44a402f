"""``toolkit report NOTEBOOK --survey EXPORT``: run a report notebook headless."""

from __future__ import annotations

from pathlib import Path


def run(args) -> int:
    from toolkit.report.build import build_report

    out = build_report(
        args.notebook,
        args.out,
        parameters={
            "survey_path": str(Path(args.survey).resolve()),
            "out_dir": str(Path(args.out).resolve().parent),
            **({"corpus_path": str(Path(args.corpus).resolve())} if args.corpus else {}),
        },
    )
    print(f"wrote {out} ({out.stat().st_size:,} bytes) and {out.parent / 'manifest.json'}")
    return 0


def add_parser(commands) -> None:
    report = commands.add_parser("report", help="build an HTML report from a notebook")
    report.add_argument("notebook")
    report.add_argument("--survey", required=True, help="the export the report is built from")
    report.add_argument("--corpus", help="coded interviews the report uses (optional)")
    report.add_argument("--out", default="build/report.html")
    report.set_defaults(run=run)


__all__ = ["add_parser", "run"]
