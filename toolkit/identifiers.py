"""Patterns that identify people, shared by both evidence types: Norwegian national ID
numbers (fødselsnummer / D-nummer with valid check digits), phone numbers and e-mail.

Examples
--------
>>> valid_national_id("15076500565"), valid_national_id("01019012345")
(True, False)
>>> bool(EMAIL.search("skriv til kari@eksempel.no")), bool(PHONE.search("tlf. 912 34 567"))
(True, True)
"""

from __future__ import annotations

import re

_K1 = (3, 7, 6, 1, 8, 9, 4, 5, 2)
_K2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)
#: eleven digits, together or as "010190 12345" / "010190-12345"
NATIONAL_ID = re.compile(r"(?<!\d)(\d{6})[ \t\u00a0-]?(\d{5})(?!\d)")
_SEP = r"[ \t\u00a0.-]"
#: Norwegian phone numbers (optionally +47/0047): 8 digits together or grouped 2+2+2+2,
#: 3+2+3 or 4+4, with spaces, dots or hyphens; two years side by side are not a number
PHONE = re.compile(
    r"(?<![\d+])(?:(?:\+|00)47[ \t\u00a0-]?)?(?!(?:19|20)\d\d" + _SEP + r"(?:19|20)\d\d(?!\d))"
    r"(?:[2-9]\d{7}|[2-9]\d(?:" + _SEP + r"\d{2}){3}|[2-9]\d{2}" + _SEP + r"\d{2}" + _SEP + r"\d{3}"
    r"|[2-9]\d{3}" + _SEP + r"\d{4})(?![\d.,]\d)"
)
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def valid_national_id(number: str) -> bool:
    """Whether 11 digits are a fødselsnummer/D-nummer with valid check digits."""
    digits = [int(c) for c in re.sub(r"\D", "", str(number))]
    if len(digits) != 11:
        return False
    c1 = 11 - sum(d * w for d, w in zip(digits[:9], _K1, strict=True)) % 11
    c1 = 0 if c1 == 11 else c1
    c2 = 11 - sum(d * w for d, w in zip(digits[:10], _K2, strict=True)) % 11
    c2 = 0 if c2 == 11 else c2
    return c1 < 10 and c2 < 10 and digits[9] == c1 and digits[10] == c2
