"""Words for numbers, so report text and tables agree.

``x_av_y(5, 6)`` gives "fem av seks"; :class:`Quantifiers` maps a share to the vague
quantifiers evaluation reports use ("alle", "de fleste", "flere", "enkelte", "ingen").
The default mapping comes from the shared vocabulary ``toolkit/quantifiers.toml`` (the
one the draft checker tests words against), documented so readers can check it:

========================  ==============
share of units            word
========================  ==============
all (n = N)               alle
more than 1/2             de fleste
at least 1/4, and n ≥ 3   flere
more than 0               enkelte
0                         ingen
========================  ==============

Examples
--------
>>> x_av_y(5, 6), x_av_y(12, 40)
('fem av seks', 'tolv av 40')
>>> describe(5, 8), describe(1, 8), describe(0, 8), describe(8, 8)
('de fleste (5 av 8)', 'enkelte (1 av 8)', 'ingen (0 av 8)', 'alle (8 av 8)')
>>> Quantifiers(most=0.6).word(5, 8)
'de fleste'
"""

from __future__ import annotations

from dataclasses import dataclass

from toolkit.quantifiers import vocabulary

NUMBERS = [
    "null",
    "én",
    "to",
    "tre",
    "fire",
    "fem",
    "seks",
    "sju",
    "åtte",
    "ni",
    "ti",
    "elleve",
    "tolv",
]


def number_word(n: int, *, feminine: bool = False, neuter: bool = False) -> str:
    """Norwegian number words up to twelve (report convention), digits above."""
    if 0 <= n < len(NUMBERS):
        word = NUMBERS[n]
        if n == 1:
            return "ett" if neuter else ("ei" if feminine else "én")
        return word
    return str(n)


def x_av_y(x: int, y: int) -> str:
    """ "fem av seks": words up to twelve, digits above.

    Parameters
    ----------
    x, y
        The count and its whole.

    Returns
    -------
    str
        "fem av seks", "13 av 20".

    Examples
    --------
    See the module's example.
    """
    return f"{number_word(x)} av {number_word(y)}"


@dataclass(frozen=True)
class Quantifiers:
    """Share → word thresholds (see module docstring); change them per report."""

    all: str = "alle"
    most: float = 0.5
    most_word: str = "de fleste"
    several: float = 0.25
    several_min: int = 3
    several_word: str = "flere"
    some_word: str = "enkelte"
    none: str = "ingen"

    def word(self, n: int, total: int) -> str:
        if total <= 0 or n <= 0:
            return self.none
        share = n / total
        if n == total:
            return self.all
        if share > self.most:
            return self.most_word
        if share >= self.several and n >= self.several_min:
            return self.several_word
        return self.some_word

    @classmethod
    def from_vocabulary(cls) -> Quantifiers:
        """The thresholds of the shared vocabulary (``toolkit/quantifiers.toml``)."""
        words = vocabulary()
        most, several = words.get("de fleste"), words.get("flere")
        return cls(most=most.low, several=several.low, several_min=several.min_n)


DEFAULT = Quantifiers.from_vocabulary()


def describe(n: int, total: int, quantifiers: Quantifiers = DEFAULT) -> str:
    """ "de fleste (5 av 8)": the word and the numbers it stands for.

    Parameters
    ----------
    n, total
        The count and its whole.
    quantifiers
        The words and their limits (``quantifiers.toml``).

    Returns
    -------
    str
        The quantifier with its numbers.

    Examples
    --------
    See the module's example.
    """
    return f"{quantifiers.word(n, total)} ({n} av {total})"
