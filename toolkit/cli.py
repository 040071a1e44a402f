"""The ``toolkit`` command: ``toolkit inspect PATH`` and ``toolkit report NOTEBOOK``.

A thin layer over the library; errors print as advice (no traceback) and exit 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from toolkit.errors import ToolkitError


def describe(path: str, *, encoding: str | None = None, sep: str | None = None) -> dict:
    """What ``toolkit inspect`` reports about an export, as a JSON-ready dict."""
    from toolkit.surveys.read import read_surveyxact

    survey = read_surveyxact(path, encoding=encoding, sep=sep)
    book = survey.codebook
    unknown = book[book["unknown_codes"].map(len) > 0]
    by_type = survey.overview()
    return {
        "path": str(path),
        "format": survey.source.format,
        "encoding": survey.source.encoding,
        "separator": survey.source.separator,
        "sheets": list(survey.source.sheets),
        "respondents": survey.n,
        "variables": len(book),
        "questions_by_type": {
            t: {"questions": int(r.questions), "variables": int(r.variables)}
            for t, r in by_type.iterrows()
        },
        "personal_variables": list(book.loc[book["personal"], "variable"]),
        "unknown_codes": {r.variable: list(r.unknown_codes) for r in unknown.itertuples()},
        "problems": survey.problems.groupby("kind").size().astype(int).to_dict(),
        "files": [vars(f) for f in survey.source.files],
    }


def _print_overview(info: dict) -> None:
    sep = {"\t": "tab", None: "–"}.get(info["separator"], info["separator"])
    print(f"SurveyXact export  {info['path']}")
    print(
        f"  format           {info['format']}"
        + (f" (sheets: {', '.join(info['sheets'])})" if info["sheets"] else "")
    )
    print(f"  encoding         {info['encoding'] or '–'}    separator {sep}")
    print(f"  respondents      {info['respondents']}")
    print(f"  variables        {info['variables']}")
    print("  questions by type")
    for kind, counts in info["questions_by_type"].items():
        print(
            f"    {kind:<12} {counts['questions']:>4} questions {counts['variables']:>5} variables"
        )
    if info["personal_variables"]:
        print(f"  personal data    {', '.join(info['personal_variables'])} (left out of outputs)")
    unknown = info["unknown_codes"]
    print("  unknown codes    " + (", ".join(f"{v} {c}" for v, c in unknown.items()) or "none"))
    problems = info["problems"]
    print("  problems         " + (", ".join(f"{k} ({n})" for k, n in problems.items()) or "none"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="toolkit", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    inspect = commands.add_parser("inspect", help="describe a SurveyXact export")
    inspect.add_argument("path")
    inspect.add_argument("--json", action="store_true", help="print JSON for machines")
    inspect.add_argument("--encoding")
    inspect.add_argument("--sep")
    report = commands.add_parser("report", help="build an HTML report from a notebook")
    report.add_argument("notebook")
    report.add_argument("--survey", required=True, help="the export the report is built from")
    report.add_argument("--out", default="build/report.html")
    args = parser.parse_args(argv)
    try:
        if args.command == "inspect":
            info = describe(args.path, encoding=args.encoding, sep=args.sep)
            if args.json:
                print(json.dumps(info, indent=2, ensure_ascii=False, default=str))
            else:
                _print_overview(info)
        else:
            from toolkit.report.build import build_report

            out = build_report(
                args.notebook,
                args.out,
                parameters={
                    "survey_path": str(Path(args.survey).resolve()),
                    "out_dir": str(Path(args.out).resolve().parent),
                },
            )
            print(f"wrote {out} ({out.stat().st_size:,} bytes) and {out.parent / 'manifest.json'}")
    except ToolkitError as err:
        print(f"toolkit: {err}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
