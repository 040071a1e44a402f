"""``toolkit check DRAFT --survey EXPORT [--claims build/claims.json] [--config report.toml]``.

Prints the findings that need attention (mismatches, inconsistent Ns, sums, quantifiers,
numbers it could not tie to the data) and a count per kind; ``--report FILE`` writes the
full findings as HTML (``.html``) or Markdown (``.md``). Exits 1 when any error is found
(a mismatch, an inconsistent N or shares that do not add up), so a build can run it;
``--exit-zero`` reports without failing.
"""

from __future__ import annotations

from pathlib import Path

from toolkit.errors import UsageError


def _check_report_path(args) -> None:
    """--report writes a new .html or .md: never over the draft or any input, never a
    .docx (it once replaced a researcher's Word draft with Markdown and exited 0)."""
    if not args.report:
        return
    target = Path(args.report).resolve()
    inputs = [args.draft, args.survey, args.claims, args.config, args.vocabulary]
    same = [Path(i) for i in inputs if i and Path(i).resolve() == target]
    if same or target.suffix.lower() not in (".html", ".htm", ".md"):
        raise UsageError(
            f"--report {args.report} would "
            + (f"overwrite the input {same[0].name}" if same else "not be an .html or .md file"),
            file=args.report,
            expected="a new file ending in .html or .md, not the draft or another input",
            hint="e.g. --report kontroll.html",
        )


def run(args) -> int:
    from toolkit.check import check_draft

    _check_report_path(args)  # before any work
    findings = check_draft(
        args.draft,
        survey=args.survey,
        claims=args.claims,
        config=args.config,
        vocabulary=args.vocabulary,
        language=args.language,
    )
    shown = findings.problems if not args.all else findings.to_frame()
    if not args.quiet:
        for row in shown.itertuples(index=False):
            if row.kind == "unmatched" and not args.all and not args.unmatched:
                continue
            print(f"{row.kind:<15} {row.claim:<22} {row.location}")
            extra = row.correction or row.mapping
            print(f"{'':<15} data: {row.value or '—'}; {extra}")
    if args.report:
        path = Path(args.report)
        path.parent.mkdir(parents=True, exist_ok=True)
        body = findings.to_html() if path.suffix.lower() in (".html", ".htm") else None
        path.write_text(body or findings.to_markdown() + "\n", encoding="utf-8")
    print(findings.summary())
    return 0 if args.exit_zero else findings.exit_code


def add_parser(commands) -> None:
    check = commands.add_parser(
        "check", help="check every number in a draft (.docx, .md, .txt) against the data"
    )
    check.add_argument("draft", help="the draft: .docx, .md or .txt")
    check.add_argument("--survey", required=True, help="the export the draft reports")
    check.add_argument("--claims", help="claims.json from the report build (exact)")
    check.add_argument("--config", help="report.toml: analytic sample, weights, breakdowns")
    check.add_argument("--vocabulary", help="a TOML file of extra quantifiers")
    check.add_argument(
        "--language",
        choices=["nb", "nn", "en"],
        help="the draft's language, for its words and the findings (default: the "
        "configuration's, else nb)",
    )
    check.add_argument("--report", help="write all findings to FILE (.html or .md)")
    check.add_argument("--unmatched", action="store_true", help="also print unmatched numbers")
    check.add_argument("--all", action="store_true", help="print every finding, ok included")
    check.add_argument("--quiet", action="store_true", help="print only the summary line")
    check.add_argument("--exit-zero", action="store_true", help="exit 0 even with errors")
    check.set_defaults(run=run)
