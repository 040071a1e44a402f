"""The example draft: a researcher's prose about the example round, with planted errors.

``make report`` builds the example report, then runs this module: it writes
``build/utkast.docx`` (headings, running text and a hand-typed table, its numbers taken
from the report's claims registry) with a few deliberate errors of each kind, checks it
against the survey, the configuration and the registry, and writes what the checker
found to ``build/utkast-kontroll.html`` and ``.md``. It fails (exit 1) if the checker
misses a planted error or flags a correct statement, so the example is also a test.

    python -m toolkit.check.example --build build --survey EXPORT --config report.toml
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from toolkit.errors import ToolkitError
from toolkit.present.style import format_number, format_percent


class _Registry:
    def __init__(self, path: Path) -> None:
        self.claims = json.loads(path.read_text(encoding="utf-8"))["claims"]

    def value(self, item: str, column: str) -> float:
        for claim in self.claims:
            cell = claim["id"].startswith("tabell-") and claim["item"] == item
            if cell and claim["column"] == column and claim.get("group") is None:
                return float(claim["value"])
        raise ToolkitError(
            f"the claims registry has no {column!r} for {item!r}",
            hint="build the example report first: make report",
        )

    def flow(self) -> list[int]:
        rows = [c for c in self.claims if c["column"] == "N etter"]
        return [int(c["value"]) for c in rows]


COLLAB = "Kontoret har en felles forståelse av oppdraget med kommunen"
CLARITY = "Ansvarsdelingen mellom stat og kommune er tydelig"
ROUTINES = "Har kontoret egne rutiner for oppfølging av unge brukere?"


def _percent(value: float) -> str:
    return format_percent(value)


def planted(registry: _Registry) -> dict[str, str]:
    """The deliberate errors of the draft: claim as written → the finding it must get."""
    *_, analytic = registry.flow()
    clarity = registry.value(CLARITY, "Delvis enig") + registry.value(CLARITY, "Helt enig")
    yes, no = registry.value(ROUTINES, "Ja"), registry.value(ROUTINES, "Nei")
    table_sum = round(yes) + round(no + 4)
    return {
        "12": "unmatched",
        f"N = {format_number(analytic - 9)}": "inconsistent-n",
        _percent(clarity + 7): "mismatch",
        "litt over halvparten": "quantifier",
        _percent(no + 4): "mismatch",
        f"sum {_percent(table_sum)}": "sum",
    }


def draft_text(registry: _Registry) -> list[tuple[str, object]]:
    """The draft as (kind, content) blocks: heading, paragraph, caption or table."""
    invited, answered, *_, analytic = registry.flow()
    top = registry.value(COLLAB, "Delvis enig") + registry.value(COLLAB, "Helt enig")
    clarity = registry.value(CLARITY, "Delvis enig") + registry.value(CLARITY, "Helt enig")
    yes, no = registry.value(ROUTINES, "Ja"), registry.value(ROUTINES, "Nei")
    mean = registry.value(COLLAB, "Gjennomsnitt")
    courses = registry.value("Kurs og opplæring", "Prosent av respondentene")
    return [
        ("heading", "Om undersøkelsen"),
        ("paragraph", f"Spørreskjemaet ble sendt til {format_number(invited)} ledere, og "
                      f"{format_number(answered)} svarte. Analyseutvalget er "
                      f"{format_number(analytic)} ledere (N = {format_number(analytic)})."),
        ("paragraph", "Vi gjennomførte i tillegg 12 gruppeintervjuer med veiledere."),
        ("paragraph", "Alle tall i utkastet bygger på analyseutvalget, N = "
                      f"{format_number(analytic - 9)}."),
        ("heading", f"Felles forståelse av oppdraget med kommunen: {_percent(top)} er helt "
                    "eller delvis enige"),
        ("paragraph", f"{_percent(top)} er helt eller delvis enige i at kontoret har en felles "
                      f"forståelse av oppdraget med kommunen, og "
                      f"{_percent(registry.value(COLLAB, 'Helt enig'))} er helt enige."),
        ("paragraph", f"Bare {_percent(clarity + 7)} er helt eller delvis enige i at "
                      "ansvarsdelingen mellom stat og kommune er tydelig (Tabell 6)."),
        ("paragraph", "Gjennomsnittet for «felles forståelse av oppdraget med kommunen» er "
                      f"{format_number(mean, 2)}."),
        ("heading", "Rutiner for unge brukere"),
        ("paragraph", "Litt over halvparten av lederne svarer at kontoret har egne rutiner for "
                      f"oppfølging av unge brukere ({_percent(yes)})."),
        ("paragraph", f"De fleste ({_percent(yes)}) har egne rutiner for oppfølging av unge "
                      "brukere."),
        ("caption", "Tabell 1: Rutiner for oppfølging av unge brukere"),
        ("table", [["", "Ja", "Nei"], [ROUTINES, _percent(yes), _percent(no + 4)]]),
        ("heading", "Tiltak"),
        ("paragraph", f"{_percent(courses)} av kontorene har brukt kurs og opplæring."),
    ]  # fmt: skip


def write_example_draft(registry_path: str | Path, path: str | Path) -> Path:
    """Write the example draft (``.docx``) from the registry of the example report."""
    import docx

    from toolkit.present.reproducible import normalise_zip

    document = docx.Document()
    document.core_properties.title = "Utkast: samarbeid mellom Nav-kontor og kommune"
    document.add_heading("Utkast: samarbeid mellom Nav-kontor og kommune", level=0)
    for kind, content in draft_text(_Registry(Path(registry_path))):
        if kind == "heading":
            document.add_heading(content, level=1)
        elif kind == "caption":
            document.add_paragraph(content, style="Caption")
        elif kind == "table":
            table = document.add_table(rows=len(content), cols=len(content[0]))
            for r, row in enumerate(content):
                for c, cell in enumerate(row):
                    table.cell(r, c).text = cell
        else:
            document.add_paragraph(content)
    path = Path(path)
    document.save(path)
    normalise_zip(path)
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m toolkit.check.example")
    parser.add_argument("--build", default="build", help="the example report's folder")
    parser.add_argument("--survey", required=True)
    parser.add_argument("--config")
    args = parser.parse_args(argv)
    from toolkit.check import check_draft

    build = Path(args.build)
    try:
        draft = write_example_draft(build / "claims.json", build / "utkast.docx")
        findings = check_draft(
            draft, survey=args.survey, claims=build / "claims.json", config=args.config
        )
    except ToolkitError as error:
        print(f"toolkit: {error}", file=sys.stderr)
        return 2
    (build / "utkast-kontroll.html").write_text(findings.to_html(), encoding="utf-8")
    (build / "utkast-kontroll.md").write_text(findings.to_markdown() + "\n", encoding="utf-8")
    print(f"wrote {draft} and the checker's findings: {build / 'utkast-kontroll.html'}")
    print(findings.summary())
    expected = planted(_Registry(build / "claims.json"))
    problems = findings.problems
    found = dict(zip(problems["claim"], problems["kind"], strict=True))
    if found != expected:
        print(
            f"the checker's findings differ from the planted errors: found {found}, "
            f"planted {expected}",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
