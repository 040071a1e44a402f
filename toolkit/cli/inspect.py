"""``toolkit inspect PATH``: what an export, a coded project or a segment table holds.

The kind is detected (``--kind`` overrides): a coded project or transcripts (.qdpx, .qde,
.docx, .txt), a SurveyXact export (.xlsx with a Dataset sheet, the CSV trio, .sav), or a
segment table / framework matrix from a QDA tool (.csv, .xlsx, .xls).
"""

from __future__ import annotations

import json

from toolkit.evidence import evidence_kind
from toolkit.interviews.describe import describe_corpus
from toolkit.surveys.describe import describe_export as describe


def print_corpus(info: dict) -> None:
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
    if info["uncoded_documents"]:
        shown = ", ".join(info["uncoded_documents"][:6])
        more = " …" if len(info["uncoded_documents"]) > 6 else ""
        print(f"  nothing coded in {len(info['uncoded_documents'])} document(s): {shown}{more}")
    if not info["segments"]:
        print("  nothing is coded in this material: code it first, or check the export")
    units = {u for u in info["offset_units"].values() if u != "code points"}
    if units:
        print(f"  offsets read as  {', '.join(sorted(units))}")
    problems = info["problems"]
    print("  problems         " + (", ".join(f"{k} ({n})" for k, n in problems.items()) or "none"))


def print_overview(info: dict) -> None:
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


def run(args) -> int:
    """``toolkit inspect`` (parsed arguments)."""
    kind = args.kind or evidence_kind(args.path)
    if kind == "survey":
        info = describe(args.path, encoding=args.encoding, sep=args.sep)
    else:
        info = describe_corpus(args.path, kind)
    if args.json:
        print(json.dumps(info, indent=2, ensure_ascii=False, default=str))
    else:
        (print_overview if kind == "survey" else print_corpus)(info)
    return 0


def add_parser(commands) -> None:
    inspect = commands.add_parser(
        "inspect", help="describe a SurveyXact export, a coded project or a segment table"
    )
    inspect.add_argument("path")
    inspect.add_argument("--json", action="store_true", help="print JSON for machines")
    inspect.add_argument("--encoding")
    inspect.add_argument("--sep")
    inspect.add_argument(
        "--kind", choices=["survey", "corpus", "segments", "matrix"], help="override detection"
    )
    inspect.set_defaults(run=run)
