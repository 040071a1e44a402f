"""Every fixed text a reader sees, in the report's language: bokmål (``nb``, the default),
nynorsk (``nn``) and English (``en``).

Column headers, test and effect-size names, rate names, notes and captions all come from
:data:`TEXTS`, read from ``texts.toml`` beside this module, so a table never shows ``n`` or
``effect_measure`` where "Antall" or "Effektmål" belongs. A missing key in ``nn`` or ``en``
falls back to bokmål.

Examples
--------
>>> text("mean"), text("mean", "nn"), text("mean", "en")
('Gjennomsnitt', 'Gjennomsnitt', 'Mean')
>>> text("ci", "en", level=95)
'95 % CI'
"""

from __future__ import annotations

import tomllib
from importlib import resources

LANGUAGES = ("nb", "nn", "en")

TEXTS: dict[str, dict[str, str]] = tomllib.loads(
    resources.files("toolkit").joinpath("texts.toml").read_text(encoding="utf-8")
)


def text(key: str, language: str = "nb", **values) -> str:
    """The text for ``key`` in ``language`` (bokmål when a language lacks it), with
    ``values`` filled in; an unknown key is returned as it is."""
    table = TEXTS.get(language, TEXTS["nb"])
    template = table.get(key, TEXTS["nb"].get(key, key))
    return template.format(**values) if values else template
