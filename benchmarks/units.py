"""Unit reports of the synthetic staff survey (issue 22): time and suppression.

1. ``toolkit report`` of ``surveys/ansatte`` with ``[units]`` (the main report and 120
   unit reports, HTML + Excel + claims, the shared analysis computed once), beside the
   floor measured in the same run: the same main report without ``[units]``. Target: the
   120 unit reports in < 5 min. Each build runs cold in a fresh process; peak memory is
   that of the build and its workers.
   The attack of tests/report/disclosure.py then reads every report (every chapter) and
   the main report's county tables and counts the hidden counts it can pin (target: 0).
2. Cells hidden, per item, over every unit report: by the primary rule (under
   ``min_base``), by the toolkit (primary + the fewest more so that the LP attack finds
   nothing, within everyone and within each county), and by a naive rule (in every table a
   unit is hidden in, everyone and its county, also hide the next-smallest unit shown).
   Counted as hidden cells (unit rows × categories). Target: fewer than the naive rule.

Usage: python benchmarks/units.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from report import _build  # noqa: E402

STAFF = ROOT / "surveys" / "ansatte"


def timing() -> None:
    config = (STAFF / "report.toml").read_text(encoding="utf-8")
    plain = config.split("[units]")[0] + "[[chapters]]" + config.split("[[chapters]]", 1)[1]
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        (folder / "kontorer.csv").write_bytes((STAFF / "kontorer.csv").read_bytes())
        (folder / "units.toml").write_text(config, encoding="utf-8")
        (folder / "plain.toml").write_text(plain, encoding="utf-8")
        export = STAFF / "ansatte_2026.xlsx"
        floor, floor_peak, _ = _build(export, folder / "a", folder / "plain.toml", ROOT,
                                      "--no-cache")  # fmt: skip
        seconds, peak, stages = _build(export, folder / "b", folder / "units.toml", ROOT,
                                       "--no-cache")  # fmt: skip
        units = len(list((folder / "b" / "enheter").glob("*.zip")))
        found = _attack(folder / "b", export)
    verdict = "met" if seconds < 300 else "MISSED"
    print(
        f"main report + {units} unit reports: {seconds:.1f} s; floor (the main report alone) "
        f"{floor:.1f} s; ratio {seconds / floor:.1f}×; target < 300 s: {verdict}"
    )
    print(f"  stages: {stages}; peak {peak:.0f} MiB (the main report alone {floor_peak:.0f})")
    print(
        f"  the attack on every chapter of the {units} reports and the county tables: "
        f"{len(found)} hidden count(s) pinned"
    )


def _attack(out: Path, export: Path) -> list:
    """tests/report/disclosure.py's attack on every unit report of the build (all its
    chapters), with the main report's county tables."""
    sys.path.insert(0, str(ROOT))
    from tests.report.disclosure import attack_units
    from toolkit import read_surveyxact

    data = read_surveyxact(export).data
    county = data.groupby("kontornr", observed=True)["fylke"].first()
    larger = {str(int(k)): str(v) for k, v in county.items()}
    return attack_units(out, 5, others="Andre kontorer", everyone="Alle kontorer", larger=larger)


def hidden_cells() -> None:
    from toolkit import read_surveyxact
    from toolkit.analysis.units import by_unit, nesting
    from toolkit.report.catalog import question_kind, variables_of

    survey = read_surveyxact(STAFF / "ansatte_2026.xlsx")
    survey = survey.filter(survey.data["stato_4"] == 1, "Gjennomført")
    county = survey.data.groupby("kontornr", observed=True)["fylke"].first()
    counts = {"primary": 0, "toolkit": 0, "naive": 0}
    for question in ("a", "l", "ans"):
        items = variables_of(survey, question)
        shared = by_unit(survey, items, "kontornr", min_base=5,
                         within=nesting(survey, "kontornr", ["fylke"]),
                         scale=question_kind(survey, question) == "grid")  # fmt: skip
        table = shared.table[shared.table["substantive"]]
        for _item, part in table.groupby("item", observed=True, sort=False):
            rows = part.groupby("kontornr", observed=True).agg(
                n=("unweighted_base", "first"), hidden=("suppressed", "first"),
                why=("suppressed_reason", "first"), k=("category", "size"),
            )  # fmt: skip
            rows = rows[rows["n"] > 0]
            primary = set(rows.index[rows["hidden"] & (rows["why"] != "secondary")])
            naive = set(primary)
            parts = [rows.index] + [rows.index[county.reindex(rows.index) == c]
                                    for c in county.unique()]  # fmt: skip
            for members in parts:
                if primary & set(members):
                    shown = rows.loc[[m for m in members if m not in primary], "n"]
                    if len(shown):
                        naive.add(shown.idxmin())
            k = int(rows["k"].iloc[0])
            counts["primary"] += k * len(primary)
            counts["toolkit"] += k * int(rows["hidden"].sum())
            counts["naive"] += k * len(naive)
    print(
        f"hidden cells over 11 items × 120 units: primary {counts['primary']}, "
        f"toolkit {counts['toolkit']}, naive rule {counts['naive']} "
        f"({'fewer' if counts['toolkit'] < counts['naive'] else 'NOT fewer'} than naive)"
    )


def main() -> None:
    timing()
    hidden_cells()


if __name__ == "__main__":
    main()
