"""Numbers as reports write them, read back: the inverse of :mod:`toolkit.present.tables`.

:func:`find_numbers` finds, in running text, percentages ("46 %", "46 prosent",
"46,5 %"), bases ("N = 187", "(N=43)", "n=12", "N=172–180"), "x av y" in digits and in
words ("fire av tolv", "5 av 8 kontorer"), decimals with comma ("3,5", "−0,12"),
percentage points ("+6 prosentpoeng") and plain counts with a space as thousands
separator ("4 576"). Years, table and figure references, list numbers, digits inside
words (``b1_3``, "Matematikk 1T") and anything inside «quotes» (a label or an item's
text) are not numbers a report claims and are skipped.

Examples
--------
>>> [(n.kind, n.value, n.decimals) for n in find_numbers("46,5 % av 4 576 svar (N = 187)")]
[('percent', 46.5, 1), ('count', 4576.0, 0), ('n', 187.0, 0)]
>>> [(n.kind, n.value, n.total) for n in find_numbers("fire av tolv, 5 av 8 kontorer")]
[('x_of_y', 4.0, 12.0), ('x_of_y', 5.0, 8.0)]
>>> [n.kind for n in find_numbers("Tabell 3 viser 2026-runden; se figur 2 og b1_3.")]
[]
>>> parse_number("1 234,5"), parse_number("−3"), parse_number("ni")
(1234.5, -3.0, 9.0)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

WORDS = {
    "null": 0, "én": 1, "en": 1, "ett": 1, "ei": 1, "ein": 1, "eitt": 1, "to": 2, "tre": 3,
    "fire": 4, "fem": 5, "seks": 6, "sju": 7, "syv": 7, "åtte": 8, "ni": 9, "ti": 10,
    "elleve": 11, "tolv": 12, "tretten": 13, "fjorten": 14, "femten": 15, "seksten": 16,
    "sytten": 17, "atten": 18, "nitten": 19, "tjue": 20,
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
SPACES = re.compile(r"[\u00a0\u202f\u2009\u2007]")
_INT = r"\d{1,3}(?: \d{3})+(?!\d)|\d+"
_NUM = rf"(?:{_INT})(?:,\d+)?"
_SIGN = r"[+\-−–]?"
_WORD = "|".join(sorted(WORDS, key=len, reverse=True))
PATTERNS = [
    ("n", re.compile(rf"\b[Nn]\s*=\s*(?P<v>{_NUM})(?:\s*[–—-]\s*(?P<t>{_INT}))?")),
    (
        "points",
        re.compile(
            rf"(?P<s>{_SIGN})(?P<v>{_NUM})\s*(?:prosentpoeng\w*|prosenteiningar|"
            r"percentage points?|pp\b)",
            re.IGNORECASE,
        ),
    ),
    (
        "percent",
        re.compile(
            rf"(?<!\d)(?P<s>{_SIGN})(?P<v>{_NUM})\s*(?:%|prosent\b|per cent\b|percent\b)",
            re.IGNORECASE,
        ),
    ),
    (
        "x_of_y",
        re.compile(
            rf"(?<![\w,])(?P<v>{_INT}|{_WORD})\s+(?:av|of)\s+(?P<t>{_INT}|{_WORD})\b(?!,\d)",
            re.IGNORECASE,
        ),
    ),
    ("decimal", re.compile(rf"(?<![\w,.])(?P<s>{_SIGN})(?P<v>\d+,\d+)(?![\d%])")),
    ("count", re.compile(rf"(?<![\w,.:/])(?P<s>{_SIGN})(?P<v>{_INT})(?!\w)(?![,.:/]\d)")),
]
_REFERENCE = re.compile(
    r"(?:tabell|figur|table|figure|kapittel|chapter|side|page|s\.|avsnitt|spørsmål|§|nr\.?)"
    r"\s*$",
    re.IGNORECASE,
)


_QUOTED = re.compile(r"«[^«»]*»|“[^“”]*”")
_THRESHOLD = re.compile(r"\bp\s*[<>≤≥]\s*$")  # "* p < 0,05": a legend, not a result


@dataclass(frozen=True)
class Number:
    """A number as written: its kind, value, shown decimals and where it stands."""

    kind: str  # percent, n, x_of_y, decimal, points, count
    value: float
    decimals: int
    start: int
    end: int
    raw: str
    total: float | None = None  # y of "x av y", the upper end of "N=172–180"


def parse_number(text: str) -> float:
    """ "1 234,5" → 1234.5, "−3" → -3.0, number words → their value."""
    cleaned = SPACES.sub(" ", text.strip()).lower()
    if cleaned in WORDS:
        return float(WORDS[cleaned])
    sign = -1.0 if cleaned[:1] in "-−–" else 1.0
    cleaned = cleaned.lstrip("+-−–").replace(" ", "").replace(",", ".")
    return sign * float(cleaned)


def _decimals(text: str) -> int:
    return len(text.split(",", 1)[1]) if "," in text else 0


def _skip(text: str, kind: str, match: re.Match) -> bool:
    if kind not in ("count", "decimal"):
        return False
    value = match.group("v")
    before = text[max(0, match.start() - 14) : match.start()]
    if _REFERENCE.search(before) or _THRESHOLD.search(before):
        return True
    if kind == "count" and re.fullmatch(r"(19|20)\d\d", value):
        return True  # a year
    after = text[match.end() : match.end() + 2]
    if kind == "count" and after[:1] == "." and not text[: match.start()].strip():
        return True  # list numbering "1."
    previous = text[match.start() - 1] if match.start() else ""
    return bool(re.match(r"[-–]\d", after)) or (previous != "" and previous in "-–")


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """The stretches inside «…» or “…”: a quoted label or item text, not a claim."""
    return [m.span() for m in _QUOTED.finditer(text)]


def find_numbers(text: str) -> list[Number]:
    """Every number a report claims in ``text``, in order (see module docstring)."""
    text = SPACES.sub(" ", text)
    taken: list[tuple[int, int]] = quoted_spans(text)
    found = []
    for kind, pattern in PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < b and a < end for a, b in taken) or _skip(text, kind, match):
                continue
            taken.append((start, end))
            value = parse_number(match.group("v"))
            if "s" in match.groupdict() and match.group("s") in ("-", "−", "–"):
                value = -value
            total = match.groupdict().get("t")
            found.append(
                Number(
                    kind,
                    value,
                    _decimals(match.group("v")),
                    start,
                    end,
                    match.group(0).strip(),
                    parse_number(total) if total else None,
                )
            )
    return sorted(found, key=lambda n: n.start)
