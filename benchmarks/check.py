"""The draft checker on a 100-page draft (issue 14).

A Word draft of about 2,000 numbers (running text about the items, with their category
shares and bases, and tables of shares) is written from the real 242-variable fixture
and checked against it. Target: under 10 s. Printed beside a floor measured in the same
run: reading the same export and opening the same draft with python-docx, the work any
checker must do before it compares a single number.

Usage: python benchmarks/check.py [--numbers N] [--repeat K]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import docx
from _timing import best

from toolkit import check_draft, likert_summary, read_surveyxact
from toolkit.present.style import format_number, format_percent

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests/fixtures/surveyxact/ex_survey2/ex_survey2.xlsx"


def write_draft(survey, path: Path, numbers: int) -> int:
    """A draft with about ``numbers`` numbers; returns how many it holds."""
    book = survey.codebook
    items = list(book[(book["role"] == "question") & (book["value_type"] == "single")]["variable"])
    summary = likert_summary(survey, items, min_base=0)
    summary = summary[summary["substantive"] & (summary["base"] > 0)]
    document = docx.Document()
    written = 0
    page = 0
    while written < numbers:
        for _, cell in summary.groupby("item", sort=False):
            if written >= numbers:
                break
            if written % 400 == 0:
                page += 1
                document.add_heading(f"Kapittel {page}", level=1)
            text = str(cell["item_text"].iloc[0] if cell["item_text"].notna().iloc[0]
                       else cell["question_text"].iloc[0])  # fmt: skip
            first = cell.iloc[0]
            base = int(first["unweighted_base"])
            document.add_paragraph(
                f"{format_percent(first['percent'])} svarer «{first['category']}» på "
                f"«{text}» (N = {format_number(base)})."
            )
            written += 2
            if len(cell) >= 3 and written % 6 == 0:
                table = document.add_table(rows=2, cols=len(cell) + 1)
                table.cell(0, 0).text = ""
                table.cell(1, 0).text = text
                for c, row in enumerate(cell.itertuples(), start=1):
                    table.cell(0, c).text = str(row.category)
                    table.cell(1, c).text = format_percent(row.percent)
                written += len(cell)
    document.save(path)
    return written


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--numbers", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    survey = read_surveyxact(FIXTURE, progress=False)
    with tempfile.TemporaryDirectory() as tmp:
        draft = Path(tmp) / "utkast.docx"
        count = write_draft(survey, draft, args.numbers)

        def floor() -> None:
            read_surveyxact(FIXTURE, progress=False)
            document = docx.Document(str(draft))
            for paragraph in document.paragraphs:
                _ = paragraph.text
            for table in document.tables:
                for row in table.rows:
                    _ = [c.text for c in row.cells]

        started = time.perf_counter()
        findings = check_draft(draft, survey=FIXTURE)
        first = time.perf_counter() - started
        toolkit = min(first, best(lambda: check_draft(draft, survey=FIXTURE), args.repeat - 1))
        base = best(floor, args.repeat)
    counts = findings.counts()
    print(f"draft: {count} numbers written, {len(findings)} findings {counts}")
    print(
        f"check_draft: {toolkit:.2f} s (target < 10 s: {'met' if toolkit < 10 else 'MISSED'}); "
        f"floor (read export + open draft) {base:.2f} s; ratio {toolkit / base:.1f}×"
    )


if __name__ == "__main__":
    main()
