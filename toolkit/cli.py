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


CORPUS_SUFFIXES = {".qdpx", ".qde", ".docx", ".txt"}


def is_corpus(path: str) -> bool:
    """Interview material rather than a survey export (by extension or folder content)."""
    target = Path(path)
    if target.is_dir():
        suffixes = {p.suffix.lower() for p in target.iterdir()}
        survey = {"dataset.csv"} & {p.name.lower() for p in target.iterdir()}
        return not survey and bool(suffixes & CORPUS_SUFFIXES) and not suffixes & {".xlsx", ".sav"}
    return target.suffix.lower() in CORPUS_SUFFIXES


def describe_corpus(path: str) -> dict:
    """What ``toolkit inspect`` reports about coded interview material."""
    from toolkit.interviews import read_corpus

    corpus = read_corpus(path, strict=False)
    per_code = corpus.segments.groupby("path").size().astype(int).to_dict()
    return {
        "path": str(path),
        "format": corpus.source.get("format"),
        "documents": len(corpus.documents),
        "attributes": corpus.attributes(),
        "codes": len(corpus.codes),
        "segments": len(corpus.segments),
        "turns": len(corpus.turns),
        "speakers": sorted(set(corpus.turns["speaker"])),
        "segments_per_code": per_code,
        "offset_units": corpus.source.get("offset_units", {}),
        "problems": corpus.problems.groupby("kind").size().astype(int).to_dict(),
    }


def _print_corpus(info: dict) -> None:
    print(f"Coded material     {info['path']}")
    print(f"  format           {info['format']}")
    print(
        f"  documents        {info['documents']} (attributes: "
        f"{', '.join(info['attributes']) or 'none'})"
    )
    print(f"  codes            {info['codes']}")
    print(f"  coded segments   {info['segments']}")
    print(f"  speaker turns    {info['turns']} ({', '.join(info['speakers'][:8])})")
    for path, n in info["segments_per_code"].items():
        print(f"    {path:<40} {n:>5}")
    units = {u for u in info["offset_units"].values() if u != "code points"}
    if units:
        print(f"  offsets read as  {', '.join(sorted(units))}")
    problems = info["problems"]
    print("  problems         " + (", ".join(f"{k} ({n})" for k, n in problems.items()) or "none"))


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
    inspect = commands.add_parser(
        "inspect", help="describe a SurveyXact export or a coded interview project"
    )
    inspect.add_argument("path")
    inspect.add_argument("--json", action="store_true", help="print JSON for machines")
    inspect.add_argument("--encoding")
    inspect.add_argument("--sep")
    report = commands.add_parser("report", help="build an HTML report from a notebook")
    report.add_argument("notebook")
    report.add_argument("--survey", required=True, help="the export the report is built from")
    report.add_argument("--corpus", help="coded interviews the report uses (optional)")
    report.add_argument("--out", default="build/report.html")
    args = parser.parse_args(argv)
    try:
        if args.command == "inspect":
            corpus = is_corpus(args.path)
            info = (
                describe_corpus(args.path)
                if corpus
                else describe(args.path, encoding=args.encoding, sep=args.sep)
            )
            if args.json:
                print(json.dumps(info, indent=2, ensure_ascii=False, default=str))
            else:
                (_print_corpus if corpus else _print_overview)(info)
        else:
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
    except ToolkitError as err:
        print(f"toolkit: {err}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
