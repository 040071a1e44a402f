"""Non-substantive answers: "Vet ikke", "Ikke relevant", "Ønsker ikke å svare", ...

A code counts as non-substantive (a *missing code*) when

* its label, compared without case, surrounding punctuation and extra spaces, is in
  :data:`MISSING_LABELS` (Norwegian, Danish, Swedish and English wordings), or
* the label is compound ("Don't know / no opinion", "Ved ikke/ingen holdning") and any of
  its parts is, unless another part is a real answer ("Annet/vil ikke svare": "Annet" is
  a category; such labels are reported instead), or
* the code stands apart from the scale (0 below a 1–5 scale, 9 or 99 above it) and its
  label is not a scale point (see :func:`outside_scale_codes`).

A label that *looks* non-substantive ("Ikke relevant for mitt kontor", "Usikker") but is in
none of these is kept as an answer and reported (:func:`looks_missing`), so a mean never
includes it silently. Extend the list per call with
``read_surveyxact(path, missing_labels=[...])`` or for a session by adding to
``toolkit.MISSING_LABELS``.

Examples
--------
>>> is_missing_label("Vet ikke    ")
True
>>> is_missing_label("Don't know / no opinion"), is_missing_label("Ved ikke/ingen holdning")
(True, True)
>>> is_missing_label("Annet/vil ikke svare")   # "Annet" is a real answer
False
>>> is_missing_label("Helt enig"), is_missing_label("Usikker", extra=["usikker"])
(False, True)
>>> looks_missing("Ikke relevant for mitt kontor"), looks_missing("Svært relevant")
(True, False)
>>> outside_scale_codes({1: "Helt uenig", 2: "Uenig", 3: "Enig", 4: "Helt enig",
...                      99: "Ingen kommentar"})
[99]
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from toolkit.surveys.scales import detect_scale

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
    "ikke aktuelt for meg",
    "ikke relevant for meg",
    "ønsker ikke å svare",
    "ønskjer ikkje å svare",
    "vil ikke svare",
    "vil ikkje svare",
    "ikke svar",
    "kan ikke svare",
    "kan ikkje svare",
    "kan ikke vurdere",
    "kan ikkje vurdere",
    "husker ikke",
    "hugsar ikkje",
    "ingen mening",
    "ingen formening",
    "har ingen formening",
    "ingen oppfatning",
    "har ingen oppfatning",
    "ingen holdning",
    "ikke fått karakter",
    "får ikke karakter",
    # Danish (SurveyXact is Danish; its defaults leak into exports)
    "ved ikke",
    "ikke relevant for mig",
    "ønsker ikke at svare",
    "vil ikke oplyse",
    # Swedish
    "vet inte",
    "vill inte svara",
    "ej relevant",
    "inte relevant",
    "ej aktuellt",
    "inte aktuellt",
    "ej tillämpligt",
    "ingen åsikt",
    "ingen uppfattning",
    "kan inte bedöma",
    # English
    "don't know",
    "dont know",
    "do not know",
    "not applicable",
    "n/a",
    "no opinion",
    "prefer not to say",
    "prefer not to answer",
    "rather not say",
    "decline to answer",
    "no answer",
    "refused",
    "can't say",
    "cannot say",
    "don't remember",
    "not relevant",
}

#: Parts of a compound label that make it a real answer ("Annet/vil ikke svare").
SUBSTANTIVE_PARTS = {"annet", "andre", "anna", "andet", "annat", "other", "others"}

_SPACE = re.compile(r"\s+")
_PARTS = re.compile(r"\s*(?:/|\\|\||;|\bog\b|\beller\b|\bor\b|\band\b|\beller\b|\bog/eller\b)\s*")
_LOOKS = re.compile(
    r"\b(?:vet|veit|ved)\s+(?:ikke|ikkje|inte)\b|\b(?:ikke|ikkje|inte|ej|not)\s+"
    r"(?:relevant|aktuel|aktuellt|applicable|sure|tillämpligt)|\bdo(?:n'?t| not) know\b|"
    r"\bno\s+(?:opinion|answer|comment)\b|\bingen\s+(?:mening|formening|oppfatning|holdning|"
    r"åsikt|uppfattning|kommentar)\b|\b(?:prefer|rather)\s+not\b|\b(?:vil|ønsker|ønskjer|vill)"
    r"\s+(?:ikke|ikkje|inte)\s+(?:svare|svara|at svare|oplyse)\b|\bkan\s+(?:ikke|ikkje|inte)\s+"
    r"(?:svare|vurdere|bedöma|svara)\b|\busikker\b|\bunsure\b|\buncertain\b|\bosäker\b"
)
_NUMBER = re.compile(r"^\s*-?\d+(?:[.,]\d+)?\b")


def normalise_label(label: str) -> str:
    """Lower case, single spaces, no surrounding punctuation or quotes."""
    text = _SPACE.sub(" ", str(label).replace("\u2019", "'").replace("\u00b4", "'")).strip()
    return text.lower().strip(" .:;,*()\"'«»-–")


def _parts(text: str) -> list[str]:
    return [normalise_label(p) for p in _PARTS.split(text) if normalise_label(p)]


def is_missing_label(label: str | None, extra: Iterable[str] = ()) -> bool:
    """Whether a value label marks a non-substantive answer (see module docstring).

    Parameters
    ----------
    label
        A value label.
    extra
        More labels to count as missing.

    Returns
    -------
    bool
        True for "Vet ikke", "Ikke relevant" and the like.

    Examples
    --------
    See the module's example.
    """
    if label is None:
        return False
    known = MISSING_LABELS | {normalise_label(e) for e in extra}
    text = normalise_label(label)
    if not text:
        return False
    if text in known:
        return True
    parts = _parts(text)
    if len(parts) < 2 or any(p in SUBSTANTIVE_PARTS for p in parts):
        return False
    return any(p in known for p in parts)


def looks_missing(label: str | None) -> bool:
    """Whether a label reads like a non-substantive answer ("Ikke relevant for oss",
    "Usikker"), whatever the list says: such labels are reported when not missing."""
    return bool(label) and bool(_LOOKS.search(normalise_label(label)))


def _is_scale_point(label: str, scale: list[str], *, before: bool) -> bool:
    """A numbered label ("5 Svært sannsynlig"), or one that extends the scale of the
    other labels at its end ("Svært fornøyd pluss" after "Svært fornøyd")."""
    if _NUMBER.match(normalise_label(label)):
        return True
    extended = [label, *scale] if before else [*scale, label]
    return detect_scale(extended) is not None


def outside_scale_codes(labels: dict, missing: Iterable = ()) -> list:
    """Codes set apart from a run of scale codes (0 below 1…k, or ≥ k + 2 above it)
    whose label is not a scale point: e.g. ``99: "Ingen kommentar"`` after a 1–4 scale.

    Only for items whose remaining labels form a recognised scale; nominal questions
    (regions, schools) are left alone.
    """

    missing = set(missing)
    codes = sorted(c for c in labels if c not in missing and isinstance(c, int | float))
    if len(codes) < 4:
        return []
    candidates = []
    low, high = codes[0], codes[-1]
    rest = codes
    if high - codes[-2] >= 2:  # 9 or 99 above the scale
        candidates.append(high)
        rest = rest[:-1]
    if low == 0 and len(rest) > 3 and rest[1] == 1:  # 0 below a 1…k scale
        candidates.append(low)
        rest = rest[1:]
    scale = [str(labels[c]) for c in rest]
    if detect_scale(scale) is None:
        return []
    return sorted(
        code
        for code in candidates
        if not _is_scale_point(str(labels[code]), scale, before=code == low)
    )
