"""Pseudonymisation before any text leaves the toolkit.

A :class:`Redactor` replaces listed names and places ("Lillehammer" → "(navn på
kommune)") as whole words, without case, with any whitespace between their words (a line
break, two spaces) and in their Norwegian forms (genitive "Karis", "Lillehammers"; definite
"Nav-kontoret"); and finds by pattern: Norwegian national ID numbers (fødselsnummer /
D-nummer: 11 digits whose two check digits are valid, written together or as "010190
12345" or "010190-12345"), phone numbers (8 digits, optionally +47, together or grouped
2+2+2+2, 3+2+3 or 4+4 with spaces, dots or hyphens) and e-mail addresses. Eleven digits
that fail the check are not redacted (they are not ID numbers), which keeps case numbers
and amounts readable; nor are two years side by side ("2025 2026") or dates.

Names nobody listed are found by a gazetteer of common Norwegian given names and surnames
(``names.toml``, from Statistics Norway's name statistics): such a name written with a
capital letter inside a sentence, or beside another capitalised word ("Kari Bø"), with
the capitalised words next to it, is an ``unlisted name``. ``unlisted="redact"`` (the
default) replaces it; ``"review"`` leaves it and lists it (:func:`remaining`).

Examples
--------
>>> r = Redactor({"Kari Nordmann": "(navn)", "Lillehammer": "(navn på kommune)"})
>>> r.redact("Kari Nordmann i Lillehammer, tlf. 912 34 567, kari@eksempel.no")
'(navn) i (navn på kommune), tlf. (telefonnummer), (e-post)'
>>> r.redact("Fnr 01019012345 er ikke gyldig, 15076500565 er det.")
'Fnr 01019012345 er ikke gyldig, (fødselsnummer) er det.'
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import pandas as pd

from toolkit.identifiers import EMAIL as _EMAIL
from toolkit.identifiers import NATIONAL_ID as _ID
from toolkit.identifiers import PHONE as _PHONE
from toolkit.identifiers import valid_national_id

#: endings a listed name or place takes in Norwegian: genitive (Karis, Hans'),
#: definite forms (Nav-kontoret, bydelen), plural definite
_ENDINGS = r"(?:s|'s|’s|'|’|en|et|a|ene|ens|ets|as)?"


def _term_pattern(term: str) -> re.Pattern:
    """A listed term as whole words in any case, any whitespace (line breaks, no-break
    spaces, two spaces) between its words, with Norwegian endings (see _ENDINGS)."""
    words = [re.escape(w) for w in term.split()]
    body = r"\s+".join(words)
    return re.compile(rf"(?<!\w){body}{_ENDINGS}(?!\w)", re.IGNORECASE)


@dataclass
class Redactor:
    """Names/places to replace (term → replacement) plus the built-in patterns."""

    terms: dict[str, str] = field(default_factory=dict)
    national_id: str = "(fødselsnummer)"
    phone: str = "(telefonnummer)"
    email: str = "(e-post)"
    #: names not listed but in the gazetteer: "redact", "review" (listed, not replaced)
    unlisted: str = "redact"
    unlisted_name: str = "(navn)"

    def findings(self, text: str) -> list[tuple[str, int, int, str]]:
        """``(kind, start, end, replacement)`` for everything that would be redacted."""
        found = []
        for term, replacement in sorted(self.terms.items(), key=lambda t: -len(t[0])):
            pattern = _term_pattern(term)
            found += [("name", m.start(), m.end(), replacement) for m in pattern.finditer(text)]
        if self.unlisted == "redact":
            found += [
                ("unlisted name", start, end, self.unlisted_name)
                for start, end in unlisted_names(text)
            ]
        found += [("email", m.start(), m.end(), self.email) for m in _EMAIL.finditer(text)]
        found += [
            ("national id", m.start(), m.end(), self.national_id)
            for m in _ID.finditer(text)
            if valid_national_id(m.group(0))
        ]
        found += [("phone", m.start(), m.end(), self.phone) for m in _PHONE.finditer(text)]
        kept, last = [], -1
        for item in sorted(found, key=lambda f: (f[1], -(f[2] - f[1]))):
            if item[1] >= last:  # the first (longest) match at a place wins
                kept.append(item)
                last = item[2]
        return kept

    def redact(self, text: str) -> str:
        out, cursor = [], 0
        for _, start, end, replacement in self.findings(text):
            out += [text[cursor:start], replacement]
            cursor = end
        return "".join(out) + text[cursor:]


@lru_cache(maxsize=1)
def gazetteer() -> frozenset[str]:
    """The common Norwegian given names and surnames of ``names.toml`` (lower case)."""
    data = tomllib.loads(
        resources.files("toolkit.interviews").joinpath("names.toml").read_text("utf-8")
    )
    return frozenset(n.lower() for n in (*data["given"], *data["surnames"]))


_WORDS = re.compile(r"[A-ZÆØÅ][a-zæøåé]+(?:-[A-ZÆØÅ][a-zæøåé]+)?")


def unlisted_names(text: str) -> list[tuple[int, int]]:
    """Spans of names the gazetteer knows, with the capitalised words beside them
    ("Kari Bø", "Per Ola Nordmann"): inside a sentence, or at its start when another
    capitalised word follows (a sentence that begins "Per uke …" is not a name).

    Parameters
    ----------
    text : str
        The text.

    Returns
    -------
    list of tuple
        ``(start, end)`` of each name.

    Examples
    --------
    >>> text = "Vi snakket med Kari Bø i går. Per uke er det mange. Hagen var full."
    >>> [text[a:b] for a, b in unlisted_names(text)]
    ['Kari Bø']
    """
    names = gazetteer()
    words = list(_WORDS.finditer(text))
    spans: list[tuple[int, int]] = []
    for i, word in enumerate(words):
        if (
            word.group(0).lower().removesuffix("s") not in names
            and word.group(0).lower() not in names
        ):
            continue
        before = text[: word.start()].rstrip(" \t")
        first = not before or before[-1] in _STARTS
        start, end = word.start(), word.end()
        j = i + 1  # the capitalised words right after it: "Kari Bø", "Per Ola Hansen"
        while j < len(words) and re.fullmatch(r"[ \t]+", text[end : words[j].start()]):
            end = words[j].end()
            j += 1
        if first and j == i + 1:
            continue  # a capitalised first word alone ("Per uke", "Hagen var full")
        if spans and start < spans[-1][1]:
            continue
        spans.append((start, end))
    return spans


#: a capitalised word (or two): a name or place when it stands inside a sentence
_CAPITALISED = re.compile(r"\b([A-ZÆØÅ][a-zæøåé]+(?:[ -][A-ZÆØÅ][a-zæøåé]+)*)")
#: what a sentence, a line or a speaker's turn starts after
_STARTS = set(".!?:;«»\"'–-([]\n")  # "]": a turn's time stamp, "[00:03:10] Hvordan"
_COMMON = {"nav", "jeg", "vi", "de", "det", "den", "han", "hun", "men", "og", "når", "så"}
_COMMON |= {"ja", "nei", "hm", "mm", "ok", "jo", "tja"}


def remaining(text: str, redactor: Redactor | None = None) -> list[str]:
    """What a reader should look at after redaction: capitalised words inside a sentence
    (names and places that were not listed) and runs of six digits or more left in the
    redacted text. A review list, not a verdict: the toolkit finds only the names it is
    given.

    Parameters
    ----------
    text
        The text as it would be shown.
    redactor
        The redaction applied first (default: the built-in patterns only).

    Returns
    -------
    list of str
        The candidates, each once, in order of appearance.

    Examples
    --------
    >>> said = "Vi snakket med Per Hansen i Hamar. Han ringte 12345678901."
    >>> remaining(said)  # "Per Hansen" is in the name list: redacted by default
    ['Hamar', '12345678901']
    >>> remaining(said, Redactor(unlisted="review"))
    ['Per Hansen', 'Hamar', '12345678901']
    >>> remaining("Vi snakket med Per Hansen.", Redactor({"Per Hansen": "(navn)"}))
    []
    """
    shown = (redactor or Redactor()).redact(text)
    found = []
    for match in _CAPITALISED.finditer(shown):
        before = shown[: match.start()].rstrip(" \t")
        if before and before[-1] not in _STARTS:  # not the first word of a sentence or turn
            found.append(match.group(1))
    found += re.findall(r"(?<!\d)\d{6,}(?!\d)", shown)
    return list(dict.fromkeys(w for w in found if w.lower() not in _COMMON))


def pii_report(documents: pd.DataFrame, redactor: Redactor | None = None) -> pd.DataFrame:
    """What would be redacted in each document: ``document``, ``kind``, ``start``, ``end``,
    ``found`` (the text), ``replacement``."""
    redactor = redactor or Redactor()
    rows = [
        {
            "document": doc,
            "kind": kind,
            "start": s,
            "end": e,
            "found": text[s:e],
            "replacement": rep,
        }
        for doc, text in zip(documents["document"], documents["text"], strict=True)
        for kind, s, e, rep in redactor.findings(text)
    ]
    return pd.DataFrame(rows, columns=["document", "kind", "start", "end", "found", "replacement"])
