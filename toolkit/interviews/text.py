"""Text helpers shared by the loaders: newline normalisation with an offset map, speaker
turns and timestamps, and word numbering (a word starts at a ``\\w`` character that follows
a non-``\\w`` one, Python's own ``\\w``: "ærlig", "x²" and "3_4" are one word each).

Examples
--------
>>> text, to_new = normalise("Leder: Ja.\\r\\nI: Og?\\r\\n")
>>> text, to_new(8), to_new(12)
('Leder: Ja.\\nI: Og?\\n', 8, 11)
>>> find_turns("I: Hvordan går det?\\nLeder 2: [00:01:05] Bra.\\nfortsatt leder")
[('I', 0, 19, None), ('Leder 2', 20, 59, '00:01:05')]
>>> before, offsets, words = word_numbers(["Lite tid – egentlig.", "Ja"])
>>> words.tolist(), int(before[5]), int(before[offsets[1]])
([3, 1], 1, 3)
"""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np

#: A speaker label at the start of a paragraph: "I:", "Intervjuer:", "Leder:", "P1:",
#: "Veileder 2:", "Informant B:", optionally with a timestamp "[00:12:34]" before or after:
#: a capitalised word, then at most a number, a letter or another capitalised word.
SPEAKER = re.compile(
    r"^(?:\[(?P<ts1>\d{1,2}:\d{2}(?::\d{2})?)\]\s*)?"
    r"(?P<speaker>[A-ZÆØÅ][\wæøåÆØÅ-]{0,24}(?: (?:\d{1,3}|[A-ZÆØÅ][\wæøåÆØÅ-]{0,24}))?)"
    r":[ \t]+"
    r"(?:\[(?P<ts2>\d{1,2}:\d{2}(?::\d{2})?)\]\s*)?",
    re.MULTILINE,
)
_WORD = re.compile(r"\w")
_LATIN1_WORD = bytes(1 if _WORD.match(chr(i)) else 0 for i in range(256))


def normalise(text: str) -> tuple[str, Callable[[int], int]]:
    """One newline convention (LF). Returns the text and a map from original offsets."""
    if "\r" not in text:
        return text, lambda i: i
    crlf = np.array([m.start() for m in re.finditer("\r\n", text)], dtype=np.int64)
    new = text.replace("\r\n", "\n").replace("\r", "\n")

    def to_new(index: int) -> int:
        # every CRLF that ends before ``index`` lost one character; the LF of a pair maps
        # onto the pair's start
        return int(index - np.searchsorted(crlf, index, side="left"))

    return new, to_new


def find_turns(text: str) -> list[tuple[str, int, int, str | None]]:
    """``(speaker, start, end, timestamp)`` per labelled paragraph; a turn runs until the
    next labelled paragraph (or the end of the text)."""
    matches = [m for m in SPEAKER.finditer(text) if not m.group("speaker").isdigit()]
    turns = []
    for i, m in enumerate(matches):
        end = matches[i + 1].start() - 1 if i + 1 < len(matches) else len(text)
        end = end if text[end - 1 : end] != "\n" else end - 1
        turns.append(
            (m.group("speaker"), m.start(), max(end, m.end()), m.group("ts1") or m.group("ts2"))
        )
    return turns


def word_numbers(texts: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For the texts joined by newlines: the number of words starting before each
    position (length of the joined text + 1), each text's offset in the joined text, and
    the words per text. Vectorised: every character is classified by a table, those
    beyond Latin-1 once per distinct character."""
    full = "\n".join(texts)
    try:  # one byte per character
        word = np.frombuffer(full.encode("latin-1").translate(_LATIN1_WORD), dtype=np.bool_)
    except UnicodeEncodeError:
        code_points = np.frombuffer(full.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        low = code_points.astype(np.uint8).tobytes().translate(_LATIN1_WORD)
        word = np.frombuffer(low, dtype=np.bool_).copy()
        high = np.flatnonzero(code_points > 255)
        chars, inverse = np.unique(code_points[high], return_inverse=True)
        word[high] = np.array([bool(_WORD.match(chr(c))) for c in chars])[inverse]
    starts = np.empty_like(word)
    starts[:1] = word[:1]
    np.greater(word[1:], word[:-1], out=starts[1:])
    before = np.zeros(len(word) + 1, dtype=np.int32 if len(word) < 2**31 else np.int64)
    np.cumsum(starts.view(np.uint8), out=before[1:])
    lengths = np.array([len(t) for t in texts], dtype=np.int64)
    offsets = np.cumsum(lengths + 1) - (lengths + 1)
    return before, offsets, (before[offsets + lengths] - before[offsets]).astype(np.int64)
