"""Pseudonymisation before any text leaves the toolkit.

A :class:`Redactor` replaces listed names and places ("Lillehammer" → "(navn på
kommune)") as whole words, without case, and finds by pattern: Norwegian national ID
numbers (fødselsnummer / D-nummer: 11 digits whose two check digits are valid, written
together or as "010190 12345"), phone numbers (8 digits, optionally +47, in the usual
groupings) and e-mail addresses. Eleven digits that fail the check are not redacted (they
are not ID numbers), which keeps case numbers and amounts readable.

Examples
--------
>>> r = Redactor({"Kari Nordmann": "(navn)", "Lillehammer": "(navn på kommune)"})
>>> r.redact("Kari Nordmann i Lillehammer, tlf. 912 34 567, kari@eksempel.no")
'(navn) i (navn på kommune), tlf. (telefonnummer), (e-post)'
>>> r.redact("Fnr 01019012345 er ikke gyldig, 15076500565 er det.")
'Fnr 01019012345 er ikke gyldig, (fødselsnummer) er det.'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

_K1 = (3, 7, 6, 1, 8, 9, 4, 5, 2)
_K2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)
_ID = re.compile(r"(?<!\d)(\d{6})\s?(\d{5})(?!\d)")
_PHONE = re.compile(
    r"(?<![\d+])(?:(?:\+|00)47[\s-]?)?(?:[2-9]\d{7}|[2-9]\d(?:[\s-]\d{2}){3}|[49]\d{2}[\s-]\d{2}"
    r"[\s-]\d{3})(?!\d)"
)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def valid_national_id(number: str) -> bool:
    """Whether 11 digits are a fødselsnummer/D-nummer with valid check digits."""
    digits = [int(c) for c in re.sub(r"\D", "", number)]
    if len(digits) != 11:
        return False
    c1 = 11 - sum(d * w for d, w in zip(digits[:9], _K1, strict=True)) % 11
    c1 = 0 if c1 == 11 else c1
    c2 = 11 - sum(d * w for d, w in zip(digits[:10], _K2, strict=True)) % 11
    c2 = 0 if c2 == 11 else c2
    return c1 < 10 and c2 < 10 and digits[9] == c1 and digits[10] == c2


@dataclass
class Redactor:
    """Names/places to replace (term → replacement) plus the built-in patterns."""

    terms: dict[str, str] = field(default_factory=dict)
    national_id: str = "(fødselsnummer)"
    phone: str = "(telefonnummer)"
    email: str = "(e-post)"

    def findings(self, text: str) -> list[tuple[str, int, int, str]]:
        """``(kind, start, end, replacement)`` for everything that would be redacted."""
        found = []
        for term, replacement in sorted(self.terms.items(), key=lambda t: -len(t[0])):
            pattern = re.compile(rf"(?<!\w){re.escape(term)}(?!\w)", re.IGNORECASE)
            found += [("name", m.start(), m.end(), replacement) for m in pattern.finditer(text)]
        found += [("email", m.start(), m.end(), self.email) for m in _EMAIL.finditer(text)]
        found += [
            ("national id", m.start(), m.end(), self.national_id)
            for m in _ID.finditer(text)
            if valid_national_id(m.group(0))
        ]
        found += [("phone", m.start(), m.end(), self.phone) for m in _PHONE.finditer(text)]
        kept, last = [], -1
        for item in sorted(found, key=lambda f: (f[1], -(f[2] - f[1]))):
            if item[1] >= last:  # the first (longest) match at a place wins
                kept.append(item)
                last = item[2]
        return kept

    def redact(self, text: str) -> str:
        out, cursor = [], 0
        for _, start, end, replacement in self.findings(text):
            out += [text[cursor:start], replacement]
            cursor = end
        return "".join(out) + text[cursor:]


def pii_report(documents: pd.DataFrame, redactor: Redactor | None = None) -> pd.DataFrame:
    """What would be redacted in each document: ``document``, ``kind``, ``start``, ``end``,
    ``found`` (the text), ``replacement``."""
    redactor = redactor or Redactor()
    rows = [
        {
            "document": doc,
            "kind": kind,
            "start": s,
            "end": e,
            "found": text[s:e],
            "replacement": rep,
        }
        for doc, text in zip(documents["document"], documents["text"], strict=True)
        for kind, s, e, rep in redactor.findings(text)
    ]
    return pd.DataFrame(rows, columns=["document", "kind", "start", "end", "found", "replacement"])


__all__ = ["Redactor", "pii_report", "valid_national_id"]
