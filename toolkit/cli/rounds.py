"""``toolkit import-round EXPORT --into surveys/ --round 2027`` and ``toolkit rounds``.

``import-round`` validates the export, copies it in read-only with its sha256, compares it
with the latest round, writes the change report and appends proposed decisions to
``rounds.toml`` (see :mod:`toolkit.rounds.importer`). ``rounds FOLDER`` lists the rounds,
N and variables per round and the decisions still open; ``--diff A B`` prints the
codebook comparison of two rounds.
"""

from __future__ import annotations

import argparse
import json


def run_import(args) -> int:
    from toolkit.rounds.importer import import_round

    result = import_round(args.into, args.export, args.round, progress=args.progress)
    print(result.summary())
    return 0


def run_rounds(args) -> int:
    from toolkit.rounds.project import read_rounds

    rounds = read_rounds(args.folder, cache=args.cache)
    if args.diff:
        changes = rounds.diff(*args.diff)
        shown = changes[changes["status"] != "unchanged"]
        if args.json:
            print(shown.to_json(orient="records", force_ascii=False, indent=1))
        else:
            for row in shown.itertuples(index=False):
                name = row.new_variable if isinstance(row.new_variable, str) else row.old_variable
                print(f"{name:<14} {row.status:<10} {row.detail}")
            print(f"{len(changes) - len(shown)} variable(s) unchanged")
        return 0
    summary = {
        "rounds": {
            name: {"respondents": rounds[name].n, "variables": len(rounds[name].codebook)}
            for name in rounds
        },
        "open_decisions": rounds.open_decisions().to_dict("records"),
    }
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, indent=1, default=str))
        return 0
    for name, facts in summary["rounds"].items():
        print(f"{name}: {facts['respondents']} respondents, {facts['variables']} variables")
    decisions = summary["open_decisions"]
    print(f"{len(decisions)} decision(s) waiting for confirmation in rounds.toml")
    for row in decisions:
        print(f"  {row['kind']}: {row['what']} ({row['source']})")
    return 0


def add_parser(commands) -> None:
    importer = commands.add_parser(
        "import-round", help="import a new survey round into a project (read-only copy)"
    )
    importer.add_argument("export", help="the SurveyXact export (xlsx, CSV folder or .sav)")
    importer.add_argument("--into", required=True, help="the project's surveys/ folder")
    importer.add_argument("--round", required=True, help="the round's name, e.g. 2027")
    importer.add_argument(
        "--progress", action="store_true", default=None, help="show progress bars"
    )
    importer.set_defaults(run=run_import)
    rounds = commands.add_parser("rounds", help="list a project's rounds and open decisions")
    rounds.add_argument("folder", help="the project's surveys/ folder")
    rounds.add_argument("--diff", nargs=2, metavar=("OLD", "NEW"), help="compare two rounds")
    rounds.add_argument("--json", action="store_true", help="print JSON for machines")
    rounds.add_argument(
        "--cache",
        metavar="DIR",
        help="keep Parquet copies of the rounds in DIR (outside the project) for faster reads",
    )
    # the raw exports are read by default now; the old switch is accepted and does nothing
    rounds.add_argument("--no-cache", action="store_true", help=argparse.SUPPRESS)
    rounds.set_defaults(run=run_rounds)
