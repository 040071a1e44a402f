"""Number axes in the report's conventions: ticks at round values, decimal comma, a real
minus sign, and no more decimals than the ticks need ("0, 2,5, 5" never "0, 2, 5").

Examples
--------
>>> from toolkit.present.figures import new_figure
>>> from toolkit.present.tables import NORWEGIAN
>>> figure, ax = new_figure()
>>> ax.set_xlim(-0.75, 1.0)
(-0.75, 1.0)
>>> number_axis(ax.xaxis, NORWEGIAN)
>>> figure.canvas.draw()
>>> [t.get_text() for t in ax.get_xticklabels()]
['−0,8', '−0,6', '−0,4', '−0,2', '0,0', '0,2', '0,4', '0,6', '0,8', '1,0']
"""

from __future__ import annotations

import math

from matplotlib.ticker import Formatter, MaxNLocator

from toolkit.present.style import Style

#: round steps for ticks: 1, 2, 2,5 and 5 times a power of ten
STEPS = [1, 2, 2.5, 5, 10]


def _decimals(locs) -> int:
    """The fewest decimals that write every tick exactly (0,25 needs two)."""
    for places in range(6):
        if all(abs(round(v, places) - v) < 1e-9 for v in locs):
            return places
    return 6


class StyleFormatter(Formatter):
    """Tick labels by :class:`~toolkit.present.tables.Style` (decimal comma, thin space
    thousands, "−"), at the decimals the ticks need; ``absolute`` writes −20 as 20 (the
    left side of a diverging bar chart)."""

    def __init__(self, style: Style, *, absolute: bool = False, decimals: int | None = None):
        self.style, self.absolute, self.decimals = style, absolute, decimals
        self._ticks: list[float] = []

    def set_locs(self, locs) -> None:
        self._ticks = list(locs)

    def __call__(self, x, pos=None) -> str:
        decimals = self.decimals if self.decimals is not None else _decimals(self._ticks or [x])
        value = abs(x) if self.absolute else x
        if abs(value) < 10 ** -(decimals + 1):
            value = 0.0  # never "−0"
        shown = self.style.number(value, decimals)
        return shown.replace("-", "\u2212")


def number_axis(
    axis, style: Style, *, absolute: bool = False, decimals: int | None = None, integer=False
) -> None:
    """Round ticks and labels in ``style`` on a matplotlib ``axis`` (``ax.xaxis``).

    Parameters
    ----------
    axis : matplotlib.axis.Axis
        The axis.
    style : Style
        The report's number conventions.
    absolute : bool
        Label −20 as 20 (percent on both sides of a diverging chart).
    decimals : int, optional
        Fixed decimals (default: as many as the ticks need).
    integer : bool
        Ticks at whole numbers only (scale codes, counts).
    """
    axis.set_major_locator(MaxNLocator(nbins="auto", steps=STEPS, integer=integer))
    axis.set_major_formatter(StyleFormatter(style, absolute=absolute, decimals=decimals))


def scale_limits(axis, low: float, high: float) -> None:
    """A means axis over the whole scale, minimum to maximum code, ticks at every code."""
    axis.axes.set_xlim(low - 0.25, high + 0.25) if axis.axis_name == "x" else None
    axis.set_ticks(range(math.floor(low), math.ceil(high) + 1))
