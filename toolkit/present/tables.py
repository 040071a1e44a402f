"""Report tables in Norwegian convention (configurable): "46 %", decimal comma, N shown.

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
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class Style:
    """How numbers look in tables. The defaults follow Norwegian report practice."""

    decimal: str = ","
    thousands: str = "\u00a0"  # no-break space, as in "4 576"
    percent_sign: str = "\u00a0%"  # "46 %"
    suppressed: str = "–"
    min_base: int = 5  # cells with a smaller base are suppressed (0 turns it off)

    def number(self, value: float, decimals: int = 0) -> str:
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return ""
        text = f"{value:,.{decimals}f}"
        return text.replace(",", "\x00").replace(".", self.decimal).replace("\x00", self.thousands)

    def percent(self, value: float, decimals: int = 0) -> str:
        text = self.number(value, decimals)
        return f"{text}{self.percent_sign}" if text else ""


NORWEGIAN = Style()


def format_percent(value: float, decimals: int = 0, style: Style = NORWEGIAN) -> str:
    return style.percent(value, decimals).replace("\u00a0", " ")


def format_number(value: float, decimals: int = 0, style: Style = NORWEGIAN) -> str:
    return style.number(value, decimals).replace("\u00a0", " ")


def n_label(bases, style: Style = NORWEGIAN) -> str:
    """ "(N=43)", or "(N=168–184)" when the items of a table have different bases."""
    low, high = int(min(bases)), int(max(bases))
    text = style.number(low) if low == high else f"{style.number(low)}–{style.number(high)}"
    return f"(N={text})"


def frequency_table(freq: pd.DataFrame, style: Style = NORWEGIAN) -> pd.DataFrame:
    """Items as rows, categories as columns ("46 %"), non-substantive answers as counts,
    and the base N; items with a base below ``style.min_base`` are suppressed."""
    rows = []
    for variable, group in freq.groupby("variable", sort=False):
        base = int(group["base"].iloc[0])
        texts = [group["item_text"].iloc[0], group["question_text"].iloc[0], variable]
        label = next(t for t in texts if isinstance(t, str) and t)
        row: dict[str, str] = {"": label}
        small = style.min_base and base < style.min_base
        for item in group.itertuples(index=False):
            if item.substantive:
                row[item.category] = style.suppressed if small else style.percent(item.percent)
            else:
                row[f"{item.category} (antall)"] = style.number(item.n)
        row["N"] = style.number(base)
        rows.append(row)
    table = pd.DataFrame(rows).set_index("")
    table.index.name = None
    return table


__all__ = ["NORWEGIAN", "Style", "format_number", "format_percent", "frequency_table", "n_label"]
