"""Vague quantifiers ("de fleste", "litt over halvparten") and the shares they stand for.

One documented vocabulary (``toolkit/quantifiers.toml``) serves both directions:
:func:`toolkit.themes.wording.describe` picks the word for a share from it, and the draft
checker tests whether a word a researcher wrote fits the share in the data. A user file
with the same layout extends or overrides it (entries with the same phrase win).

Examples
--------
>>> words = vocabulary()
>>> words.fits("litt over halvparten", 6, 12), words.fits("litt over halvparten", 6, 11)
(False, True)
>>> words.interval("de fleste")
'(50 %, 100 %)'
>>> words.choose(5, 8), words.choose(0, 8), words.choose(1, 8)
('de fleste', 'ingen', 'enkelte')
>>> sorted(words.phrases("nb"))[:3]
['alle', 'de aller fleste', 'de fleste']
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from toolkit.errors import ConfigError


@dataclass(frozen=True)
class Quantifier:
    """A phrase and its share interval (``low``–``high``, ends open or closed)."""

    phrase: str
    language: str
    low: float
    high: float
    low_open: bool = False
    high_open: bool = False
    min_n: int = 0

    def fits(self, n: float, total: float) -> bool:
        if total <= 0:
            return False
        share = n / total
        eps = 1e-9
        above = share > self.low + eps if self.low_open else share >= self.low - eps
        below = share < self.high - eps if self.high_open else share <= self.high + eps
        return above and below and n >= self.min_n

    def interval(self) -> str:
        low, high = round(self.low * 100), round(self.high * 100)
        if low == high:
            return f"{low} %"
        return f"{'(' if self.low_open else '['}{low} %, {high} %{')' if self.high_open else ']'}"


class Vocabulary:
    """Quantifiers by language, and the order :func:`describe` prefers them in."""

    def __init__(
        self,
        entries: dict[str, Quantifier],
        describe: dict[str, list[str]],
        languages: dict[str, list[str]],
    ) -> None:
        self.entries = entries
        self.describe_order = describe
        self.languages = languages

    def __contains__(self, phrase: str) -> bool:
        return phrase.lower() in self.entries

    def get(self, phrase: str) -> Quantifier:
        return self.entries[phrase.lower()]

    def phrases(self, language: str | None = None) -> list[str]:
        if language is None:
            return list(self.entries)
        return list(self.languages.get(language, []))

    def fits(self, phrase: str, n: float, total: float) -> bool:
        return self.get(phrase).fits(n, total)

    def interval(self, phrase: str) -> str:
        return self.get(phrase).interval()

    def choose(self, n: float, total: float, language: str = "nb") -> str:
        """The word :func:`describe` uses for ``n`` of ``total``."""
        order = self.describe_order.get(language) or self.describe_order["nb"]
        for phrase in order:
            if self.fits(phrase, n, total):
                return phrase
        return order[-1]

    def extended(self, path: str | Path) -> Vocabulary:
        """This vocabulary with the entries of the user file ``path`` added or replaced."""
        other = _parse(Path(path).read_bytes(), Path(path))
        languages = {k: list(v) for k, v in self.languages.items()}
        for language, phrases in other.languages.items():
            known = languages.setdefault(language, [])
            known += [p for p in phrases if p not in known]
        return Vocabulary(
            {**self.entries, **other.entries},
            {**self.describe_order, **other.describe_order},
            languages,
        )


def _entry(phrase: str, language: str, value, file: Path) -> Quantifier:
    if isinstance(value, list) and len(value) == 2:
        value = {"low": value[0], "high": value[1]}
    if not isinstance(value, dict) or not {"low", "high"} <= set(value):
        raise ConfigError(
            f"the quantifier {phrase!r} has no share interval",
            file=file,
            where=f"[{language}] {phrase!r}",
            expected="[low, high] or {low = 0.5, high = 1.0, low_open = true}",
            hint="shares are fractions of the denominator, 0 to 1",
        )
    try:
        low, high = float(value["low"]), float(value["high"])
    except (TypeError, ValueError):
        low = high = -1.0
    if not 0 <= low <= high <= 1:
        raise ConfigError(
            f"the quantifier {phrase!r} has an impossible interval",
            file=file,
            where=f"[{language}] {phrase!r}",
            found=f"low = {value.get('low')!r}, high = {value.get('high')!r}",
            expected="0 ≤ low ≤ high ≤ 1",
            hint="write shares as fractions: 0.5 for half",
        )
    return Quantifier(
        phrase.lower(),
        language,
        low,
        high,
        bool(value.get("low_open", False)),
        bool(value.get("high_open", False)),
        int(value.get("min_n", 0)),
    )


def _parse(data: bytes, file: Path) -> Vocabulary:
    try:
        raw = tomllib.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(
            f"{file.name} is not a readable vocabulary file",
            file=file,
            found=str(exc),
            expected="TOML in UTF-8 with [nb], [nn] or [en] tables of phrase = [low, high]",
            hint="see toolkit/quantifiers.toml for the layout",
        ) from None
    describe = raw.pop("describe", {})
    entries, languages = {}, {}
    for language, table in raw.items():
        for phrase, value in dict(table).items():
            entries[phrase.lower()] = _entry(phrase, language, value, file)
            languages.setdefault(language, []).append(phrase.lower())
    for language, order in describe.items():
        missing = [p for p in order if p.lower() not in entries]
        if missing:
            raise ConfigError(
                f"[describe] {language} names phrases the vocabulary lacks: {missing}",
                file=file,
                hint="add them to the language's table first",
            )
    order = {k: [p.lower() for p in v] for k, v in describe.items()}
    return Vocabulary(entries, order, languages)


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """The built-in vocabulary (``toolkit/quantifiers.toml``)."""
    source = resources.files("toolkit").joinpath("quantifiers.toml")
    return _parse(source.read_bytes(), Path("toolkit/quantifiers.toml"))
