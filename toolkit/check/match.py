"""Which fact a number in a draft speaks about, found by what its sentence names.

A sentence names a *subject* (an item's, question's or table row's text: matched on its
content words, so "samarbeidet" finds "samarbeide", inflections included) and *labels*
(category, group, round or column labels, matched as whole words with Norwegian endings:
"helt enige" is "Helt enig"; "helt eller delvis enige" is both; "enige" alone is the
whole agree side of the scale, as readers take it). A fact is a match when
its subject is the best one the sentence names and every label it needs is named, and a
share's labels are all the sentence names; for a yes/no question a sentence that names
neither answer means "Ja" ("har egne rutiner"), or "Nei" when it says "ikke". Two facts
that fit equally well with
different values make the match ambiguous: reported with its candidates, never guessed.

Examples
--------
>>> from toolkit.check.facts import Fact
>>> facts = [Fact("a", "Vi har nok tid til samarbeid", frozenset({"Enig"}), "percent", 46.2,
...               "b1_3", "data"),
...          Fact("b", "Vi har nok tid til samarbeid", frozenset({"Helt enig"}), "percent",
...               20.0, "b1_3", "data")]
>>> matcher = Matcher(facts)
>>> result = matcher.match("percent", ["46 % er helt enige i at de har nok tid til samarbeid"])
>>> result.fact.id, result.status
('b', 'matched')
>>> matcher.match("percent", ["46 % er enige eller helt enige"]).status
'none'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from toolkit.check.facts import MEAN, Fact
from toolkit.check.registry import text_key

STOP = set(
    """svar svare svarer svarte svart respondent respondenter antall andel andelen prosent
    og i på av til er som det at en et ei de med for har om ikke den seg var kan vil
    skal må så fra ved eller men også hvor hva hvordan hvilke hvilken du jeg vi dere
    meg oss deres sin sitt sine sine våre vår vårt denne dette disse være blitt blir
    ble svært noe noen mer mindre enn eget egne egen andre annen annet alle samme
    hvilket hvem når hvorfor kva kven kor korleis kvifor which what who when
    the and of to in is are for with that this have has was were our your their""".split()
)
WORD = re.compile(r"[^\W\d_]+")
NUMBERED = re.compile(r"([^\W\d_]{3,})\s+(\d{1,2})\b")
CODE = re.compile(r"\b(?=[^\W_]*\d)(?=[^\W_]*[^\W\d_])[^\W_]{2,6}\b")  # "R1", "Vg1", "1T"
ALIASES = {
    MEAN: r"gjennomsnitt\w*|snittet|snitt|middelverdi\w*|mean|average",
    "invitert": r"invitert\w*|inviterte|fikk (?:undersøkelsen|spørreskjemaet)|"
    r"sendt (?:ut )?til|sendt ut|gikk (?:ut )?til|bruttoutvalg\w*",
    "besvart": r"svarte|besvarte|besvart|har svart",
    "gjennomført": r"gjennomført\w*|fullført\w*|fullstendig\w*|completed",
    "svarprosent": r"svarprosent\w*|svarandel\w*|response rate",
    "analyseutvalget": r"analyseutvalg\w*|analysen|nettoutvalg\w*",
    "vet ikke": r"vet ikke|veit ikkje|vet ikkje|don't know",
    "effektiv": r"effektiv\w*|effective",
    "designeffekt": r"designeffekt\w*|design effect|deff",
}
_ENDINGS = r"(?:e|t|r|er|ne|rne|ene|erne|en|et|a|ar|ane|s)?"  # "jenter", "jentene"
_BOTH = re.compile(
    r"\b(helt|delvis|svært|ganske|noe|mye|i stor|i liten)\s+(eller|og)\s+"
    r"(helt|delvis|svært|ganske|noe|mye|i stor|i liten)\s+(\w+)",
    re.IGNORECASE,
)


_TAG = re.compile(r"\[([A-Za-z]\w*)\]")
YES_NO = {"ja": "yes", "nei": "no", "yes": "yes", "no": "no"}
_NEGATION = re.compile(r"\b(?:ikke|ikkje|nei|not|no)\b", re.IGNORECASE)


def expand(text: str) -> str:
    """ "helt eller delvis enige" → "helt enige eller delvis enige" (both labels named)."""
    return _BOTH.sub(r"\1 \4 \2 \3 \4", text)


_SUFFIXES = sorted(
    "erne ende ene ane ere ert ede et en er ar as a e t s".split(), key=len, reverse=True
)


def stem(word: str) -> str:
    """A light Norwegian stem: the inflection ending off, at most eight letters
    ("samarbeidet", "samarbeide" → "samarbei"; "brukerne", "brukere" → "bruk")."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    return word[:8]


def tokens(text: str) -> frozenset[str]:
    """Content words, stemmed, and codes of letters and digits ("r1", "vg1")."""
    text = str(text).lower()
    words = {stem(w) for w in WORD.findall(text) if len(w) >= 3 and w not in STOP}
    numbered = {f"{stem(w)} {n}" for w, n in NUMBERED.findall(text)}  # "Biologi 2"
    return frozenset(words | numbered | set(CODE.findall(text)))


@lru_cache(maxsize=4096)
def label_pattern(label: str) -> re.Pattern:
    alias = ALIASES.get(label.lower())
    if alias:
        return re.compile(rf"(?<!\w)(?:{alias})(?!\w)", re.IGNORECASE)
    words = [re.escape(w) for w in label.lower().split()]
    body = r"\s+".join(f"{w}{_ENDINGS}" if w[-1:].isalpha() else w for w in words)
    return re.compile(rf"(?<![\w-]){body}(?![\w])", re.IGNORECASE)


# a table column that names the measure of its cells, not a category
HEADERS = {
    "n": "n", "antall": "count", "antall svar": "count", "count": "count", "tal": "count",
    "prosent": "percent", "andel": "percent", "%": "percent", "percent": "percent",
    "share": "percent", "prosent av respondentene": "percent", "del": "percent",
    "gjennomsnitt": "number", "snitt": "number", "mean": "number",
}  # fmt: skip


def column_key(text: str) -> str:
    """A column header as a key: case and spacing aside, without "(antall)"."""
    return re.sub(r"\s*\((?:antall|tal|count)\)$", "", text_key(text))


#: a scale's sides, each with its opposite: "enige" alone names every category on the
#: agree side ("Delvis enig" and "Helt enig"), "helt enige" one of them
SIDES = {
    "enig": "uenig", "uenig": "enig", "einig": "ueinig", "ueinig": "einig",
    "fornøyd": "misfornøyd", "misfornøyd": "fornøyd", "nøgd": "misnøgd", "misnøgd": "nøgd",
    "positiv": "negativ", "negativ": "positiv",
    "agree": "disagree", "disagree": "agree", "satisfied": "dissatisfied",
    "dissatisfied": "satisfied",
}  # fmt: skip
_SIDE = re.compile(
    r"(?<![\w-])(" + "|".join(sorted(SIDES, key=len, reverse=True)) + r")(?:e|t|ne|d|s)?(?!\w)",
    re.IGNORECASE,
)


def _side_labels(side: str, labels) -> set[str]:
    """The labels on ``side`` of a scale: naming it, not its opposite (a neutral middle,
    "Verken enig eller uenig", names both and is on no side)."""
    opposite = SIDES[side]
    out = set()
    for label in labels:
        words = {w.lower() for w in WORD.findall(label)}
        if side in words and opposite not in words:
            out.add(label)
    return out


def _explicit(text: str, labels) -> set[str]:
    """The labels ``text`` names with words of their own ("helt enige"), side words aside."""
    text = expand(text)
    return {
        label
        for label in labels
        if label.lower() not in SIDES and label_pattern(label).search(text)
    }


def find_labels(text: str, labels, *, sentence: str | None = None, sides: bool = True) -> set[str]:
    """The labels ``text`` names, longest first, each stretch of text used once.

    With ``sides`` (prose, not a table's column), a side of a scale named alone ("enige",
    "fornøyde") names every label on that side, unless the ``sentence`` around ``text``
    names a category of that side by its own words ("… mens 30 % er helt enige"): then
    "enige" is the category «Enig» where the scale has one.
    """
    text = expand(text)
    taken: list[tuple[int, int]] = []
    found = set()
    bare = {label for label in labels if label.lower() in SIDES} if sides else set()
    for label in sorted(set(labels) - bare, key=lambda x: (-len(x), x)):
        for hit in label_pattern(label).finditer(text):
            a, b = hit.span()
            if not any(a < y and x < b for x, y in taken):
                taken.append((a, b))
                found.add(label)
    if not sides:
        return found
    named = found | (_explicit(sentence, labels) if sentence else set())
    for hit in _SIDE.finditer(text):
        a, b = hit.span()
        if any(a < y and x < b for x, y in taken):
            continue  # part of a label named whole ("helt enige")
        word = hit.group(1).lower()
        side = _side_labels(word, labels)
        single = next((label for label in bare if label.lower() == word), None)
        if single and (len(side) < 2 or named & side):
            found.add(single)  # the category «Enig» beside «Helt enig» in one sentence
        elif len(side) > 1:
            found |= side  # the side: «Enig» and «Helt enig», or «Delvis …» and «Helt …»
        taken.append((a, b))
    return found


@dataclass
class Match:
    """``matched`` (with ``fact``), ``compared`` (with ``candidates``: one fact per group a
    sentence sets side by side, told apart by value), ``ambiguous`` (with ``candidates``)
    or ``none``."""

    status: str
    fact: Fact | None = None
    candidates: list[Fact] = field(default_factory=list)
    subject: str | None = None
    placed: bool = False  # the facts came from the table the sentence names
    named: int = 0  # how many labels the chosen fact needed


MEASURES = {
    "percent": ("percent",),
    "n": ("n",),
    "range": ("range",),
    "count": ("count", "n"),
    "plain": ("count",),  # a bare number with no answer word: not an N
    "x_of_y": ("count",),
    "decimal": ("number",),
    "points": ("points",),
}


def _side_by_side(fitting: list[Fact], named: set[str]) -> list[Fact]:
    """A sentence that sets groups side by side ("Skole 54 svarer sjeldnere «Helt enig»
    enn andre enheter (47 % mot 70 %)") names the labels of two facts at once: those
    facts, which the checker then tells apart by value (none: when no fact of the same
    kind needs all the labels named together)."""
    if not fitting:
        return []
    most = max(len(f.labels) for f in fitting)
    widest = [f for f in fitting if len(f.labels) == most]
    covered = frozenset().union(*(f.labels for f in widest))
    shared = frozenset.intersection(*(f.labels for f in widest))
    values = {round(f.value, 6) for f in widest}
    # the same category (shared) for groups one apart; two categories named together
    # ("enige eller helt enige") are their sum, not a comparison
    side_by_side = shared and all(len(f.labels - shared) == 1 for f in widest)
    return widest if side_by_side and covered == named and len(values) > 1 else []


def _owned(facts: dict) -> dict[str, str]:
    """Category labels only one subject has, with that subject (not a measure's word such
    as "gjennomsnitt", a code such as "9" or "10", nor a two-letter "Ja")."""
    owners: dict[str, set] = {}
    for subject, found in facts.items():
        for fact in found:
            for label in fact.labels:
                owners.setdefault(label, set()).add(subject)
    aliases = {k.lower() for k in ALIASES}
    return {
        label: next(iter(subjects))
        for label, subjects in owners.items()
        if len(subjects) == 1
        and None not in subjects
        and label.lower() not in aliases
        and len(label) > 2
        and not any(c.isdigit() for c in label.split()[0])
    }


class Matcher:
    """Facts indexed by subject words, for :meth:`match`."""

    def __init__(self, facts: list[Fact]) -> None:
        self.facts: dict[str | None, list[Fact]] = {}
        for fact in facts:
            self.facts.setdefault(fact.subject, []).append(fact)
        self.words = {s: tokens(s) for s in self.facts if s is not None}
        self.exact = {" ".join(s.lower().split()): s for s in self.words}
        # a one-word subject ("Gjennomført") must be written as it is, not just stem-alike
        self.single = {
            s: {w.lower() for w in WORD.findall(s) if stem(w.lower()) in words}
            for s, words in self.words.items()
            if len(words) == 1
        }
        # a variable's name as a draft may tag a sentence with it: "[b1_3]"
        self.variables = {
            f.where.split(" · ")[0]: f.subject for f in facts if f.subject and f.source == "data"
        }
        self.owned = _owned(self.facts)
        self.index: dict[str, set[str]] = {}
        for subject, words in self.words.items():
            for word in words:
                self.index.setdefault(word, set()).add(subject)

    def by_label(self, text: str) -> tuple:
        """The one subject whose categories ``text`` names, when no other subject has
        them ("11 % går på idrettsfag": only one question has «Idrettsfag»)."""
        named = find_labels(text, self.owned, sides=False)
        found = {self.owned[label] for label in named}
        return tuple(found) if len(found) == 1 else ()

    def subjects(self, text: str, min_hits: int = 1) -> list[str]:
        """The subjects ``text`` names best (several when tied): most of its words named
        (at least 60 % of them), then the largest share."""
        words = tokens(text)
        written = {w.lower() for w in WORD.findall(str(text))}
        hits: dict[str, int] = {}
        for word in words:
            for subject in self.index.get(word, ()):
                hits[subject] = hits.get(subject, 0) + 1
        scored = []
        for subject, hit in hits.items():
            size = len(self.words[subject])
            if size == 1 and not self.single[subject] & written:
                continue
            if hit / size >= 0.6 and hit >= max(min(2, size), min_hits):
                scored.append((hit, hit / size, subject))  # more words named wins
        if not scored:
            return []
        best = max(scored)[:2]
        return sorted(s for score, hit, s in scored if (score, hit) == best)

    def _pick(self, facts: list[Fact], text: str, exact: bool, **how) -> list[Fact]:
        labels = {label for f in facts for label in f.labels}
        named = find_labels(text, labels, **how)
        yes_no = {lab.lower(): lab for lab in labels if lab.lower() in YES_NO}
        if not named & set(yes_no.values()) and len(yes_no) == 2:
            # a yes/no question: "6 av 11 har rutiner" is "Ja", "har ikke rutiner" "Nei"
            no = _NEGATION.search(text)
            named.add(next(v for k, v in yes_no.items() if (YES_NO[k] == "no") == bool(no)))
        if not named and how.get("sides", True):
            # a statement restated as a finding ("45 % er fortsatt usikre på valget") is
            # its agree side; said with "ikke", its disagree side
            side = "uenig" if _NEGATION.search(text) else "enig"
            named = _side_labels(side, labels) if len(_side_labels(side, labels)) > 1 else set()
        fitting = [f for f in facts if f.labels <= named]
        if exact:
            fitting = [f for f in fitting if f.labels == named] or _side_by_side(fitting, named)
        if not fitting:
            return []
        most = max(len(f.labels) for f in fitting)
        return [f for f in fitting if len(f.labels) == most]

    def match(
        self,
        kind: str,
        contexts: list[str],
        *,
        where: str | None = None,
        column: str = "",
        row: str = "",
        sample: bool = True,
    ) -> Match:
        """The fact a number of ``kind`` speaks about. ``contexts`` go from the narrowest
        (its clause, where labels are looked for first) to the widest (its sentence, the
        one before, the heading); the subject is looked for from the sentence on, and
        from the sentence before or the heading only when it names two of its words.
        ``where`` ("Tabell 6") narrows to one table of the registry; ``sample=False``
        (a caption: its N is its table's) leaves the sample's Ns out."""
        found = self._by_subject(kind, contexts, where, column, row)
        if not sample:
            return found or Match("none")
        # the sample, named in the number's own clause ("190 svarte", "N = 187"): when the
        # sentence names no item, or names the sample itself ("analyseutvalget (187)")
        sample_kind = "count" if kind == "plain" else kind
        if found is None:
            return self._match(sample_kind, [None], contexts[:1], where, column)
        own_n = found.status == "matched" and found.fact.measure == "n" and found.fact.subject
        if own_n and kind == "n":
            return found  # "Av de 341 som svarte på om de er jente eller gutt": b_1's N
        if kind in ("n", "count", "plain") and not (found.status == "matched" and found.named):
            named = self._match(sample_kind, [None], contexts[:1], where, column)
            if named.status == "matched" and named.named:
                return named
        return found

    def _by_subject(self, kind, contexts, where, column, row) -> Match | None:
        """The best match through a subject the contexts name (None: they name none)."""
        tag = _TAG.search(contexts[1] if len(contexts) > 1 else contexts[0])
        if tag and tag.group(1) in self.variables:  # pinned by the researcher: "[m_1]"
            pinned = [self.variables[tag.group(1)]]
            labels = contexts if kind == "range" else contexts[:2]
            return self._match(kind, pinned, labels, where, column)
        first: Match | None = None
        tried: set = set()
        exact = self.exact.get(
            " ".join(row.lower().rpartition(": ")[0 if ": " in row else 2].split())
        )
        for depth, text in enumerate(contexts[1:] or contexts, start=1):
            subjects = tuple(self.subjects(text, min_hits=2 if depth >= 2 else 1))
            if not subjects and depth <= 2:  # a category only one question has ("idrettsfag")
                subjects = self.by_label(text)
            if exact and depth == 1:
                subjects = (exact,)  # a table row named exactly ("R²", "Region: Øst")
            if not subjects or subjects in tried:
                continue
            tried.add(subjects)
            # a share's categories are named in its own sentence; its subject may come from
            # the sentence before or the heading ("19 % er helt enige.")
            labels = contexts if kind == "range" else contexts[:2]
            found = self._match(kind, list(subjects), labels, where, column)
            if found.status != "none":
                return found
            first = first or found
        return first

    def _match(self, kind: str, subjects, contexts: list[str], where, column="") -> Match:
        measures = MEASURES.get(kind, ())
        facts = [f for s in subjects for f in self.facts.get(s, []) if f.measure in measures]
        if column:  # a report table's cell: "4" may be a median, "60" a "Topp 2 (%)"
            wider = {"number", "n", "count"} | set(measures)
            facts += [
                f
                for s in subjects
                for f in self.facts.get(s, [])
                if f.measure in wider - set(measures) and f.extra.get("column")
            ]
        if subjects == [None] and kind != "n":
            facts = [f for f in facts if f.labels]  # a bare count is not the sample's N
        placed = [f for f in facts if where and f.extra.get("location") == where]
        facts = placed or facts
        if column and any(f.extra.get("column") for f in facts):
            key = column_key(column)  # a copy of a report table: the column decides
            facts = [f for f in facts if column_key(f.extra.get("column") or "") == key]
        elif column:  # facts from the data: the header names the measure or the category
            header = column_key(column)
            if header in HEADERS:
                facts = [f for f in facts if f.measure == HEADERS[header]]
            else:
                facts = [f for f in facts if header in {column_key(x) for x in f.labels}]
        exact = kind in ("percent", "points")
        chosen: list[Fact] = []
        # a caption's range is named by its section ("Etter kontorstørrelse"): widest first
        for label_text in reversed(contexts) if kind == "range" else contexts:
            sentence = contexts[1] if len(contexts) > 1 else None
            chosen = self._pick(facts, label_text, exact, sentence=sentence, sides=not column)
            if chosen:
                break
        subject = subjects[0] if len(subjects) == 1 else None
        if not chosen:
            tied = len(subjects) > 1 and facts
            status = "ambiguous" if tied else "none"
            return Match(status, candidates=facts[:5], subject=subject, placed=bool(placed))
        values = {round(f.value, 6) for f in chosen}
        if len(values) > 1:
            named = frozenset().union(*(f.labels for f in chosen))
            status = "compared" if all(f.labels < named for f in chosen) else "ambiguous"
            return Match(status, candidates=chosen[:5], subject=subject, placed=bool(placed))
        return Match("matched", chosen[0], chosen, subject, bool(placed), len(chosen[0].labels))
