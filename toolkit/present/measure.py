"""Text measured with a font's metrics, and table columns sized by what they hold.

Word lays a table out with the widths it is given. :func:`column_widths` gives each column
the room its text needs: never less than its longest word (so no word is broken inside),
as much as its longest line when the text area allows, and the rest of the room shared by
the columns that wrap (the label column, in a report table). The text is measured with
Carlito, which has Calibri's metrics (Word's default sans), or with DejaVu Sans (wider, so
on the safe side) where Carlito is not installed; both come through matplotlib's font
manager, so nothing else is needed.

Examples
--------
>>> round(text_width("Helt enig", 8.5) / text_width("Helt", 8.5), 1) > 1.5
True
>>> text_width("\ue000", 10) == text_width("W", 10)  # a glyph the font lacks
True
>>> least = column_widths([["a", "46\u00a0%"]], available=0.1, size=8.5)  # too narrow
>>> least[1] > CELL_PADDING + text_width("46", 8.5)  # "46 %" is one word
True
>>> widths = column_widths([["Kontoret har en felles forståelse av oppdraget", "46 %"]] * 3,
...                        available=8.0, size=8.5)
>>> widths[0] > widths[1] and abs(sum(widths) - 8.0) < 1e-9
True
"""

from __future__ import annotations

import re
from functools import cache

CM_PER_POINT = 2.54 / 72
#: room a Word table cell takes beside its text (the default cell margins, 0.19 cm a side)
CELL_PADDING = 0.38 + 0.05
FONTS = ("Carlito", "Calibri", "DejaVu Sans")
_BREAKS = re.compile(r"[ \t\r\n]+")


@cache
def _font(bold: bool):
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font

    weight = "bold" if bold else "normal"
    for family in FONTS:
        properties = font_manager.FontProperties(family=family, weight=weight)
        try:
            return FT2Font(font_manager.findfont(properties, fallback_to_default=False))
        except ValueError:  # not installed: the next one
            continue
    return FT2Font(font_manager.findfont(font_manager.FontProperties(weight=weight)))


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """Width of ``text`` on one line at ``size`` points, in cm.

    Parameters
    ----------
    text
        One line of text.
    size
        Font size in points.
    bold
        Measure the bold face.

    Returns
    -------
    float
        The advance width in centimetres.

    Examples
    --------
    >>> 0.5 < text_width("Tabell", 10) < 1.5
    True
    """
    return _width(text, size, bold) if text else 0.0


@cache
def _width(text: str, size: float, bold: bool) -> float:  # the same words recur in a report
    advances = _advances(bold)
    em = sum(advances.get(c) or _advance(c, bold) for c in text)
    return em * size * CM_PER_POINT


@cache
def _advances(bold: bool) -> dict[str, float]:
    """Advance widths per character in em, filled as characters are met."""
    return {}


def _advance(character: str, bold: bool) -> float:
    """A character's advance width in em, as Word sets it (the glyph's advance, unhinted;
    shaping a whole string with FreeType for each cell took a second per report)."""
    from matplotlib.ft2font import LoadFlags

    font = _font(bold)
    font.set_size(100, 72)
    try:
        if character != "W" and not font.get_char_index(ord(character)):
            raise RuntimeError("no glyph")
        glyph = font.load_char(ord(character), flags=LoadFlags.NO_HINTING)
        em = glyph.linearHoriAdvance / 65536 / 100
    except RuntimeError:  # not in the font (Word takes it from another): as wide as "W"
        em = _advance("W", bold) if character != "W" else 1.0
    _advances(bold)[character] = em
    return em


def _needs(texts: list[str], size: float, bold: bool) -> tuple[float, float]:
    """(longest word, longest line) of a column, padding included, in cm."""
    # Word breaks a line at a space, never at a no-break space ("46\u00a0%" stays whole),
    # which str.split() would split at
    words = [w for t in texts for w in _BREAKS.split(str(t)) if w] or [""]
    widest_word = max(text_width(w, size, bold=bold) for w in words)
    widest_line = max(text_width(" ".join(_BREAKS.split(str(t))), size, bold=bold) for t in texts)
    return widest_word + CELL_PADDING, widest_line + CELL_PADDING


def column_widths(
    rows: list[list[str]], *, available: float, size: float, header: list[str] | None = None
) -> list[float]:
    """Widths in cm for the columns of ``rows`` (and ``header``, set in bold) that fill
    ``available`` cm, as the module docstring says; when even the longest words do not fit,
    the widths of the longest words, which add up to more than ``available`` (the caller
    then turns the page, or accepts broken words).

    Parameters
    ----------
    rows
        The body's cell texts, row by row.
    available
        The text area's width in cm.
    size
        Font size in points.
    header
        The header row's texts.

    Returns
    -------
    list of float
        One width per column.

    Examples
    --------
    See the module's example.
    """
    columns = list(zip(*rows, strict=True)) if rows else [()] * len(header or [])
    least, most = [], []
    for j, cells in enumerate(columns):
        low, high = _needs(list(cells), size, bold=False)
        if header:
            head_low, head_high = _needs([header[j]], size, bold=True)
            low, high = max(low, head_low), max(high, head_high)
        least.append(low)
        most.append(high)
    if sum(least) >= available:
        return least
    if sum(most) <= available:  # everything on one line: the first column takes the rest
        return [most[0] + available - sum(most), *most[1:]]
    if most[0] + sum(least[1:]) <= available and len(most) > 1:
        # the row labels on one line first (a group's name wrapped reads worst), then the
        # headers' words share what is left
        rest = available - most[0]
        slack = sum(most[1:]) - sum(least[1:])
        share = (rest - sum(least[1:])) / slack if slack else 0.0
        pairs = zip(least[1:], most[1:], strict=True)
        return [most[0], *(low + (high - low) * share for low, high in pairs)]
    share = (available - sum(least)) / (sum(most) - sum(least))
    return [low + (high - low) * share for low, high in zip(least, most, strict=True)]
