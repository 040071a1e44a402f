"""How sections are made: language, breakdowns, weight, small-base threshold, optional
parts. One small frozen object passed to every section function (instead of many
arguments); :meth:`Options.but` gives a changed copy.

Examples
--------
>>> options = Options(by=("kontorstr",))
>>> options.style.language, options.but(language="en").style.decimal
('nb', '.')
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from toolkit.interviews.privacy import Redactor
from toolkit.present.style import Style, style_for


@dataclass(frozen=True)
class Options:
    """Settings shared by the section functions.

    ``by``: breakdown variables for closed questions; ``weight``: a weight column of the
    survey; ``min_base``: groups with fewer answers are suppressed; ``tests``: significance
    tests with ``by``; ``item_statistics``: means and top/bottom shares for scales;
    ``open_examples``: up to ``examples`` redacted open answers; ``source``: the "Kilde:"
    line; ``redactor``: what to remove from quoted text."""

    language: str = "nb"
    by: tuple[str, ...] = ()
    weight: str | None = None
    min_base: int = 5
    tests: bool = False
    item_statistics: bool = True
    open_examples: bool = False
    examples: int = 5
    source: str | None = None
    redactor: Redactor | None = None
    #: whether [sample] rules made the analytic sample (sections that cannot apply them
    #: say so)
    sampled: bool = False

    @property
    def style(self) -> Style:
        return style_for(self.language)

    def but(self, **changes) -> Options:
        """A copy with ``changes``."""
        if "by" in changes and isinstance(changes["by"], str):
            changes["by"] = (changes["by"],)
        return replace(self, **changes)
