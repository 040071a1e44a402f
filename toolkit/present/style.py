"""Numbers as reports write them: the style of a report language and the formatting and
rounding every table, chart and text uses. :mod:`toolkit.present.parse` reads them back.

Examples
--------
>>> format_percent(45.6)
'46 %'
>>> format_percent(45.64, decimals=1)
'45,6 %'
>>> format_number(1234.5, decimals=1)
'1 234,5'
>>> Style(percent_sign="", decimal=".").percent(45.6)
'46'
>>> round_to_100([33.4, 33.3, 33.3])
[34, 33, 33]
>>> style_for("en").percent(45.6), format_p(0.0004)
('46%', '< 0,001')
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Style:
    """How numbers look in tables. The defaults follow Norwegian report practice."""

    decimal: str = ","
    thousands: str = "\u00a0"  # no-break space, as in "4 576"
    percent_sign: str = "\u00a0%"  # "46 %"
    suppressed: str = "–"
    suppressed_note: str = "– Færre enn {min_base} svar; ikke vist."
    n_label: str = "N"
    count_suffix: str = " (antall)"
    language: str = "nb"

    def number(self, value: float, decimals: int = 0) -> str:
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return ""
        text = f"{value:,.{decimals}f}"
        return text.replace(",", "\x00").replace(".", self.decimal).replace("\x00", self.thousands)

    def percent(self, value: float, decimals: int = 0) -> str:
        text = self.number(value, decimals)
        return f"{text}{self.percent_sign}" if text else ""


NORWEGIAN = Style()
NYNORSK = Style(
    suppressed_note="– Færre enn {min_base} svar; ikkje vist.", count_suffix=" (tal)", language="nn"
)
ENGLISH = Style(  # English conventions: "60%", "3.5", "1,234"
    decimal=".",
    thousands=",",
    percent_sign="%",
    suppressed_note="– Fewer than {min_base} responses; not shown.",
    count_suffix=" (count)",
    language="en",
)


def style_for(language: str) -> Style:
    """The table style of a report language: ``nb`` (default), ``nn`` or ``en``."""
    return {"nb": NORWEGIAN, "nn": NYNORSK, "en": ENGLISH}.get(language, NORWEGIAN)


def format_percent(value: float, decimals: int = 0, style: Style = NORWEGIAN) -> str:
    return style.percent(value, decimals).replace("\u00a0", " ")


def format_number(value: float, decimals: int = 0, style: Style = NORWEGIAN) -> str:
    return style.number(value, decimals).replace("\u00a0", " ")


def n_label(bases, style: Style = NORWEGIAN) -> str:
    """ "(N=43)", or "(N=168–184)" when the items of a table have different bases; a row
    no one answered is left out of tables, and so of their N (unless all are empty)."""
    bases = [b for b in bases if b == b]
    answered = [b for b in bases if b > 0]
    bases = answered or bases or [0]
    low, high = int(min(bases)), int(max(bases))
    text = style.number(low) if low == high else f"{style.number(low)}–{style.number(high)}"
    return f"({style.n_label}={text})"


def round_to_100(percents, decimals: int = 0) -> list:
    """Largest-remainder rounding: shown values add up to exactly 100."""
    values = np.asarray(percents, dtype=float)
    if not len(values) or np.isnan(values).any() or not np.isclose(values.sum(), 100):
        return [round(v, decimals) if not np.isnan(v) else v for v in values]
    scale = 10**decimals
    floors = np.floor(values * scale)
    short = round(float(100 * scale - floors.sum()))
    order = np.argsort(-(values * scale - floors), kind="stable")
    floors[order[:short]] += 1
    out = floors / scale
    return [int(v) for v in out] if decimals == 0 else list(out)


def format_p(p: float, style: Style = NORWEGIAN) -> str:
    """p-values as reported: "0,003", "< 0,001" (never "0,000")."""
    if p is None or (isinstance(p, float) and math.isnan(p)):
        return ""
    return f"< {style.number(0.001, 3)}" if p < 0.001 else style.number(p, 3)
