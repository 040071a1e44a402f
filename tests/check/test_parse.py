"""Numbers as Norwegian reports write them, read back (each written out by hand)."""

from __future__ import annotations

import pytest

from toolkit.present.parse import find_numbers

CASES = [
    ("46 % av lederne", [("percent", 46.0, None)]),
    ("46 prosent", [("percent", 46.0, None)]),
    ("46,5 %", [("percent", 46.5, None)]),
    ("(N=43) og n = 12", [("n", 43.0, None), ("n", 12.0, None)]),
    ("N = 4 576", [("n", 4576.0, None)]),
    ("N=172–180", [("n", 172.0, 180.0)]),
    ("4 579 ansatte", [("count", 4579.0, None)]),
    ("fire av tolv, 5 av 8 kontorer", [("x_of_y", 4.0, 12.0), ("x_of_y", 5.0, 8.0)]),
    ("snittet er 3,5 og B = −0,12", [("decimal", 3.5, None), ("decimal", -0.12, None)]),
    ("+6 prosentpoeng", [("points", 6.0, None)]),
    ("Tabell 3, figur 12, side 4, spørsmål 7", []),
    ("runden i 2026 og b1_3", []),
    ("* p < 0,05, ** p < 0,01", []),
    ("1. Innledning", []),
    ("den 12.03.2026 kl. 10.30", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_numbers_found(text, expected):
    assert [(n.kind, n.value, n.total) for n in find_numbers(text)] == expected


def test_ranges_as_published_reports_write_them():
    # seen in published reports: "(12-13%)" is a range, not minus thirteen; "N = 177 — 180"
    from toolkit.present.parse import find_numbers

    assert [(n.kind, n.value) for n in find_numbers("Arbeid med bistand (12-13%)")] == [
        ("percent", 13.0)
    ]
    assert [(n.value, n.total) for n in find_numbers("(N = 177 — 180)")] == [(177.0, 180.0)]
    assert find_numbers("en endring på -3 %")[0].value == -3.0
