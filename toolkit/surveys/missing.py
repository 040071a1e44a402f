"""Non-substantive answers: "Vet ikke", "Ikke relevant", "Ønsker ikke å svare", ...

A code counts as non-substantive (a *missing code*) when its label, compared without case,
surrounding punctuation and extra spaces, is in :data:`MISSING_LABELS`, or when every part
of a combined label ("Ikke relevant/ vet ikke") is. The list covers the Norwegian, Danish,
Swedish and English wordings seen in SurveyXact exports. Extend it per call with
``read_surveyxact(path, missing_labels=[...])`` or for a session by adding to
``toolkit.MISSING_LABELS``.

Examples
--------
>>> is_missing_label("Vet ikke    ")
True
>>> is_missing_label("Ikke relevant/ vet ikke")
True
>>> is_missing_label("Annet/vil ikke svare")   # "Annet" is a real answer
False
>>> is_missing_label("Helt enig")
False
>>> is_missing_label("Usikker", extra=["usikker"])
True
"""

from __future__ import annotations

import re
from collections.abc import Iterable

#: Labels (lower case) that mark a non-substantive answer. Extend as needed.
MISSING_LABELS: set[str] = {
    # Norwegian (bokmål / nynorsk)
    "vet ikke",
    "veit ikkje",
    "vet ikke / ikke aktuelt",
    "ikke relevant",
    "ikkje relevant",
    "ikke aktuelt",
    "ikkje aktuelt",
    "ønsker ikke å svare",
    "ønskjer ikkje å svare",
    "vil ikke svare",
    "vil ikkje svare",
    "ikke svar",
    "kan ikke svare",
    "husker ikke",
    "ingen formening",
    "har ingen formening",
    "ikke fått karakter",
    "får ikke karakter",
    # Danish / Swedish (SurveyXact is Danish; defaults sometimes leak into exports)
    "ved ikke",
    "ikke relevant for mig",
    "ønsker ikke at svare",
    "vill inte svara",
    "vet inte",
    "ej relevant",
    # English
    "don't know",
    "dont know",
    "do not know",
    "not applicable",
    "n/a",
    "prefer not to say",
    "prefer not to answer",
    "no answer",
    "refused",
}

_SPACE = re.compile(r"\s+")
_PARTS = re.compile(r"\s*(?:/|\bog\b|\beller\b|\bor\b)\s*")


def normalise_label(label: str) -> str:
    """Lower case, single spaces, no surrounding punctuation or quotes."""
    text = _SPACE.sub(" ", str(label).replace("\u2019", "'")).strip().lower()
    return text.strip(" .:;,*()\"'«»")


def is_missing_label(label: str | None, extra: Iterable[str] = ()) -> bool:
    """Whether a value label marks a non-substantive answer (see module docstring)."""
    if label is None:
        return False
    known = MISSING_LABELS | {normalise_label(e) for e in extra}
    text = normalise_label(label)
    if not text:
        return False
    if text in known:
        return True
    parts = [p for p in _PARTS.split(text) if p]
    return len(parts) > 1 and all(normalise_label(p) in known for p in parts)


__all__ = ["MISSING_LABELS", "is_missing_label", "normalise_label"]
