"""Response scales: recognised from value labels, or declared by the user.

A :class:`Scale` knows its substantive categories in order (the code order of the export),
which end is positive, where the neutral middle is, and how to collapse into
negative / neutral / positive. Non-substantive answers ("Vet ikke", ...) are never part of
a scale. Recognised kinds: agreement, change, satisfaction, frequency, degree, importance,
quality, yes/no and numeric scales with labelled end points (1–5, 1–6, 0–10, ...), in
Norwegian and English.

Examples
--------
>>> scale = detect_scale(["Helt uenig", "Delvis uenig", "Verken enig eller uenig",
...                       "Delvis enig", "Helt enig"])
>>> scale.kind, scale.neutral, scale.positive_first
('agreement', 2, False)
>>> scale.collapse()
('negative', 'negative', 'neutral', 'positive', 'positive')
>>> detect_scale(["Svært enig", "Ganske enig", "Ganske uenig", "Svært uenig"]).positive_first
True
>>> detect_scale(["I liten grad", "2", "3", "4", "I stor grad"]).kind
'degree'
>>> detect_scale(["Jente", "Gutt"]) is None
True
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

_KINDS: list[tuple[str, re.Pattern, re.Pattern]] = [
    # kind, a positive label, a negative label (matched on lower-case labels)
    ("agreement", re.compile(r"(?<!u)enig|\bagree"), re.compile(r"uenig|disagree")),
    (
        "change",
        re.compile(r"\bmer\b|\bmore\b|økt|increase"),
        re.compile(r"\bmindre\b|\bless\b|redusert|decrease"),
    ),
    (
        "satisfaction",
        re.compile(r"(?<!mis)fornøyd|(?<!dis)satisfied"),
        re.compile(r"misfornøyd|dissatisfied|ikke fornøyd"),
    ),
    (
        "frequency",
        re.compile(r"\balltid|\bofte|\balways|\boften"),
        re.compile(r"\baldri|\bsjelden|\bnever|\brarely"),
    ),
    (
        "degree",
        re.compile(r"stor grad|great extent|large extent|very much"),
        re.compile(r"liten grad|small extent|not at all|ingen grad"),
    ),
    (
        "importance",
        re.compile(r"(?<!u)viktig|(?<!un)important"),
        re.compile(r"ikke viktig|uviktig|not important|unimportant"),
    ),
    (
        "quality",
        re.compile(r"\bgod\b|\bgodt\b|\bgood\b|\bbra\b"),
        re.compile(r"dårlig|\bbad\b|\bpoor\b"),
    ),
]
_NEUTRAL = re.compile(
    r"verken|hverken|neither|samme som før|uendret|unchanged|nøytral|neutral|noen ganger|"
    r"av og til|sometimes"
)
_INNER = re.compile(r"noen grad|some extent|moderate|middels|litt")  # in-between, not neutral
_YES = re.compile(r"^(ja|yes)\b")
_NO = re.compile(r"^(nei|no)\b")
_NUMBER = re.compile(r"^-?\d+$")


@dataclass(frozen=True)
class Scale:
    """An ordered response scale (substantive categories only, in code order)."""

    kind: str
    categories: tuple[str, ...]
    positive_first: bool = False
    neutral: int | None = None

    @property
    def size(self) -> int:
        return len(self.categories)

    def collapse(self) -> tuple[str, ...]:
        """negative / neutral / positive for each category (3-category version).

        Odd scales put the middle category (or the labelled neutral one) in "neutral";
        even scales split in halves.
        """
        k = self.size
        middle = self.neutral if self.neutral is not None else (k // 2 if k % 2 else None)
        out = []
        for i in range(k):
            low = i < middle if middle is not None else i < k // 2
            side = "negative" if low else "positive"
            if middle is not None and i == middle:
                side = "neutral"
            out.append(side)
        if self.positive_first:
            out = [{"negative": "positive", "positive": "negative"}.get(s, s) for s in out]
        return tuple(out)

    def top(self, n: int = 2) -> tuple[int, ...]:
        """Positions of the n most positive categories ("top two")."""
        positions = range(self.size)
        return tuple(positions[:n]) if self.positive_first else tuple(positions[-n:])

    def bottom(self, n: int = 2) -> tuple[int, ...]:
        positions = range(self.size)
        return tuple(positions[-n:]) if self.positive_first else tuple(positions[:n])


def _direction(label: str, kind_pattern: tuple[str, re.Pattern, re.Pattern]) -> int:
    _, positive, negative = kind_pattern
    if negative.search(label):
        return -1
    if positive.search(label):
        return 1
    return 0


def detect_scale(labels: Sequence[str]) -> Scale | None:
    """Recognise the scale of substantive labels in code order, or ``None``."""
    labels = [str(label).strip() for label in labels]
    lower = [label.lower() for label in labels]
    if len(lower) < 2:
        return None
    if len(lower) == 2 and _YES.match(lower[0]) and _NO.match(lower[1]):
        return Scale("yes/no", tuple(labels), positive_first=True)
    if len(lower) == 2 and _NO.match(lower[0]) and _YES.match(lower[1]):
        return Scale("yes/no", tuple(labels))
    numbers = [bool(_NUMBER.match(label)) for label in lower]
    for pattern in _KINDS:
        first, last = _direction(lower[0], pattern), _direction(lower[-1], pattern)
        if len(lower) < 3 or first * last != -1:
            continue
        inner = zip(lower[1:-1], numbers[1:-1], strict=True)
        if all(
            num or _direction(x, pattern) or _NEUTRAL.search(x) or _INNER.search(x)
            for x, num in inner
        ):
            neutral = next((i for i, x in enumerate(lower) if _NEUTRAL.search(x)), None)
            return Scale(pattern[0], tuple(labels), positive_first=first > 0, neutral=neutral)
    if len(lower) >= 3 and all(numbers[1:-1]) and sum(numbers) >= len(lower) - 2:
        return Scale("numeric", tuple(labels))
    return None


def declare_scale(
    categories: Sequence[str],
    *,
    kind: str = "custom",
    positive_first: bool = False,
    neutral: str | None = None,
) -> Scale:
    """A user-declared scale (order low → high unless ``positive_first``).

    Parameters
    ----------
    categories
        The labels, low to high (or high to low with ``positive_first``).
    kind
        A name for the scale.
    positive_first
        The labels are given high to low.
    neutral
        The neutral middle's label, if any.

    Returns
    -------
    Scale
        For ``scales=`` in the summaries.

    Examples
    --------
    See the module's example.
    """
    cats = tuple(categories)
    return Scale(kind, cats, positive_first, cats.index(neutral) if neutral else None)
