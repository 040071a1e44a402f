"""``scipy.stats``, imported when first used (0.9 s: a rebuild that remakes a section with
no test never pays it).

Examples
--------
>>> round(float(stats.chi2.sf(3.84, 1)), 3)
0.05
"""

from __future__ import annotations

import importlib


class _Module:
    def __init__(self, name: str) -> None:
        self._name = name

    def __getattr__(self, attribute: str):
        return getattr(importlib.import_module(self._name), attribute)


stats = _Module("scipy.stats")
