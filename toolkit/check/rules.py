"""The two checks that are not a lookup: quantifiers against shares, and table sums.

Examples
--------
>>> from toolkit.check.draft import DraftTable
>>> from toolkit.check.draft import Draft
>>> from pathlib import Path
>>> table = DraftTable(1, [["", "Ja", "Nei"], ["A", "72 %", "28 %"], ["B", "60 %", "52 %"],
...                           ["C", "45,5 %", "54,5 %"]])
>>> [(r["kind"], r["claim"]) for r in sum_findings(Draft(Path("x.md"), [], [table]), {})]
[('sum', 'sum 112 %')]
>>> rule = QuantifierRule(__import__("toolkit.quantifiers").quantifiers.vocabulary(), "nb")
>>> [p for _, _, p in rule.find("Litt over halvparten av lederne (6 av 12) og å få tid")]
['litt over halvparten']
"""

from __future__ import annotations

import re

from toolkit.language import text
from toolkit.present.parse import find_numbers, quoted_spans
from toolkit.present.style import format_number, format_percent

_VERB_BEFORE = re.compile(
    r"(?:\bå|\bkan|\bvil|\bskal|\bmå|\bbør|\bkunne|\bville|\bskulle|\bmåtte|\bikke|\bha)\s+$",
    re.IGNORECASE,
)
_TOTAL = re.compile(r"^(?:totalt|total|sum|i alt|alle)$", re.IGNORECASE)


def _share(x: float, y: float, language: str = "nb") -> str:
    of = text("of", language)
    return f"{format_number(x)} {of} {format_number(y)} = {format_percent(100 * x / y)}"


class QuantifierRule:
    """Find a language's quantifiers in a sentence and test them against a share."""

    def __init__(self, vocabulary, language: str = "nb") -> None:
        self.vocabulary = vocabulary
        self.language = language
        phrases = sorted(
            vocabulary.phrases(language) or vocabulary.phrases("nb"), key=len, reverse=True
        )
        self.phrases = phrases
        body = "|".join(re.escape(p) for p in phrases)
        self.pattern = re.compile(rf"(?<![\w-])({body})(?![\w-])", re.IGNORECASE)

    def find(self, sentence: str) -> list[tuple[int, int, str]]:
        found = []
        quoted = quoted_spans(sentence)
        for hit in self.pattern.finditer(sentence):
            if any(a <= hit.start() < b for a, b in quoted):
                continue  # inside a quoted item text: «… enn de fleste andre fag»
            phrase = hit.group(1).lower()
            if phrase == "få" and _VERB_BEFORE.search(sentence[: hit.start()]):
                continue  # the verb ("å få tid"), not the quantifier
            found.append((hit.start(), hit.end(), phrase))
        return found

    def suggestion(self, x: float, y: float) -> str:
        fitting = [p for p in self.phrases if self.vocabulary.fits(p, x, y)]
        if not fitting:
            return ""
        best = min(
            fitting, key=lambda p: (self.vocabulary.get(p).high - self.vocabulary.get(p).low, p)
        )
        return f"«{best}» ({_share(x, y, self.language)})"

    def _source(self, span, numbers, matched, match):
        start, end = span
        near = [n for n in numbers if n.kind in ("x_of_y", "percent")]
        if near:
            number = min(
                near, key=lambda n: n.start - end if n.start >= end else start - n.end + 1000
            )
            fact = matched.get(number)
            if number.kind == "x_of_y":
                return number.value, number.total, fact, "numbers"
            if fact is not None and fact.n:
                return number.value / 100 * fact.n, fact.n, fact, "share"
            return number.value, 100.0, fact, "share"
        found = match("percent")
        if found.status != "matched" or not found.fact.n:
            return None
        fact = found.fact
        count = fact.count if fact.count is not None else fact.value / 100 * fact.n
        return count, fact.n, fact, "data"

    def check(self, phrase: str, span, numbers, matched, match) -> dict | None:
        source = self._source(span, numbers, matched, match)
        if source is None or not source[1]:
            return None
        x, y, fact, origin = source
        rule = self.vocabulary.get(phrase)
        language = self.language
        origin = text("check_share_from", language, origin=text(f"check_origin_{origin}", language))
        mapping = f"«{phrase}» = {rule.interval()}; {origin}" + (
            f": {fact.describe(language)}" if fact is not None else ""
        )
        row = {"claim": phrase, "value": _share(x, y, language), "mapping": mapping}
        if rule.fits(x, y):
            return row | {"kind": "ok"}
        note = ""
        dk = (fact.dk or 0) if fact is not None else 0
        if dk and fact.n:
            if abs(y - (fact.n + dk)) < 0.5 and rule.fits(x, y - dk):
                note = text(
                    "check_fits_without_dk",
                    language,
                    n=format_number(dk),
                    share=_share(x, y - dk, language),
                )
            elif abs(y - fact.n) < 0.5 and rule.fits(x, y + dk):
                note = text(
                    "check_fits_with_dk",
                    language,
                    n=format_number(dk),
                    share=_share(x, y + dk, language),
                )
        suggestion = self.suggestion(x, y)
        correction = "; ".join(
            p
            for p in (
                note,
                text("check_word_fits", language, word=suggestion) if suggestion else "",
            )
            if p
        )
        return row | {"kind": "quantifier", "correction": correction}


def _percent(cell: str, header: str) -> tuple[float, int] | None:
    numbers = find_numbers(cell)
    if len(numbers) != 1:
        return None
    number = numbers[0]
    if number.kind == "percent" or ("%" in header and number.kind in ("count", "decimal")):
        return number.value, number.decimals
    return None


def _lines(rows: list[list[str]]) -> list[tuple[int, str, list]]:
    """Each line (row) of the table with its percent cells, and its label."""
    header = rows[0]
    out = []
    for r, row in enumerate(rows[1:], start=1):
        cells = []
        for c, cell in enumerate(row[1:], start=1):
            name = header[c] if c < len(header) else ""
            if _TOTAL.match(name.strip()):
                continue
            found = _percent(cell, name)
            if found:
                cells.append((name, *found))
        out.append((r, row[0] if row else "", cells))
    return out


def _whole(lines, headers: list[str], label_sets: dict) -> bool:
    """Are the lines shares of a whole? Most add to 100, or the headers are the
    categories of one closed question."""
    named = {h.strip().lower() for h in headers if h.strip() and not _TOTAL.match(h.strip())}
    if len(named) >= 2 and any(named <= {x.lower() for x in s} for s in label_sets.values()):
        return True
    full = [cells for _, _, cells in lines if len(cells) >= 2]
    good = [cells for cells in full if _fits(cells)]
    return len(full) >= 2 and len(good) > len(full) / 2


def _fits(cells) -> bool:
    total = sum(v for _, v, _ in cells)
    decimals = max(d for _, _, d in cells)
    return abs(total - 100) <= max(0.5 * len(cells) * 10 ** (-decimals), 0.5) + 1e-9


def _table_findings(table, rows, label_sets, name: str, language: str) -> list[dict] | None:
    """The lines that do not add up, or None when the lines are not parts of a whole."""
    lines = _lines(rows)
    headers = [h for h in rows[0][1:]]
    if not _whole(lines, headers, label_sets):
        return None
    out = []
    for r, label, cells in lines:
        if len(cells) < 2 or _fits(cells):
            continue
        total = sum(v for _, v, _ in cells)
        decimals = max(d for _, _, d in cells)
        out.append(
            {
                "kind": "sum",
                "text": " | ".join(rows[r]),
                "location": f"{table_name(table, language)}, "
                f"{text('check_' + name, language, n=r + 1)} «{label}»",
                "claim": f"sum {format_percent(total, decimals)}",
                "value": "100 %",
                "correction": text("check_sum_correction", language),
                "mapping": text(
                    "check_shares",
                    language,
                    n=len(cells),
                    cells=", ".join(n for n, _, _ in cells),
                ),
            }
        )
    return out


def table_name(table, language: str = "nb") -> str:
    caption = f" («{table.caption[:60]}»)" if table.caption else ""
    return text("check_table", language, n=table.number) + caption


def _total_rows(table, rows: list[list[str]], language: str) -> list[dict]:
    """A "Sum"/"Totalt"/"I alt" row whose cells are not the sum of the cells above them
    (counts exactly; shares within half a unit per cell)."""
    out = []
    for r, row in enumerate(rows[1:], start=1):
        if not row or not _TOTAL.match(row[0].strip()):
            continue
        for c in range(1, len(row)):
            total = find_numbers(row[c])
            parts = [find_numbers(other[c]) if c < len(other) else [] for other in rows[1:r]]
            if len(total) != 1 or not parts or any(len(p) != 1 for p in parts):
                continue
            values = [p[0] for p in parts]
            decimals = max([v.decimals for v in values] + [total[0].decimals])
            added = sum(v.value for v in values)
            slack = 0.5 * 10**-decimals * len(values) if total[0].kind == "percent" else 1e-9
            if abs(added - total[0].value) <= slack:
                continue
            header = rows[0][c] if c < len(rows[0]) else ""
            shown = format_number(added, decimals) + (" %" if total[0].kind == "percent" else "")
            out.append(
                {
                    "kind": "sum",
                    "text": " | ".join(row),
                    "location": f"{table_name(table, language)}, "
                    f"{text('check_row', language, n=r + 1)} «{row[0]}» «{header}»",
                    "claim": f"{row[0]} {row[c]}",
                    "value": shown,
                    "correction": shown,
                    "mapping": text("check_total_row", language, n=len(values)),
                }
            )
    return out


def sum_findings(draft, label_sets: dict, language: str = "nb") -> list[dict]:
    """``sum`` findings for the draft's tables (rows first, else columns), worded in
    ``language``."""
    out = []
    for table in draft.tables:
        rows = [list(r) for r in table.rows]
        if len(rows) < 2 or (max(len(r) for r in rows) < 3 and len(rows) < 4):
            continue
        found = _table_findings(table, rows, label_sets, "row", language)
        if found is None:  # rows are not shares of a whole: perhaps the columns are
            width = max(len(r) for r in rows)
            padded = [r + [""] * (width - len(r)) for r in rows]
            columns = [list(c) for c in zip(*padded, strict=True)]
            found = _table_findings(table, columns, label_sets, "column", language)
        out += found or []
        out += _total_rows(table, rows, language)
    return out
