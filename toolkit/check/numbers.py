"""Each number of a draft tied to a fact and judged: :class:`Checker` goes through a draft's
passages sentence by sentence (the numbers, the vague quantifiers, the arithmetic of
"x av y" and of tests), asks the registry's facts first and then the data's
(:mod:`toolkit.check.match`), and gives one finding per number; :func:`check_draft` in
:mod:`toolkit.check.checker` runs it over a whole draft.

Examples
--------
>>> from toolkit.check.facts import Fact
>>> from toolkit.check.draft import Passage
>>> from toolkit.quantifiers import vocabulary
>>> fact = Fact("a", "Vi har nok tid til samarbeid", frozenset({"Helt enig"}), "percent",
...             20.4, "b1_3", "data")
>>> checker = Checker([fact], vocabulary())
>>> text = "20 % er helt enige i at vi har nok tid til samarbeid."
>>> rows = checker.passage(Passage("paragraph", text, "avsnitt 1"))
>>> [(r["kind"], r["claim"], r["value"]) for r in rows]
[('ok', '20 %', '20 %')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from toolkit.check.arithmetic import TESTS, arithmetic_findings
from toolkit.check.draft import Passage
from toolkit.check.facts import Fact
from toolkit.check.match import Match, Matcher, column_key
from toolkit.check.registry import registry_cells, registry_texts, text_key
from toolkit.check.rules import QuantifierRule
from toolkit.language import text as say
from toolkit.present.parse import Number, find_numbers
from toolkit.present.style import format_number, format_percent

_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÆØÅ0-9«\"])")
_CLAUSE = re.compile(r"[;:]|,\s|\s(?:mens|men|og|samt|while|but|and)\s")
CAPTION_PREFIX = re.compile(r"^\s*(?:Tabell|Figur|Table|Figure)\s+\d+\s*[:.]\s*", re.I)
_REFERENCE = re.compile(r"\b(Tabell|Figur|Table|Figure)\s+(\d+)", re.IGNORECASE)
_KINDS = {"percent", "n", "count", "x_of_y", "decimal", "points"}
_BASE_BEFORE = re.compile(r"\b(?:av|blant|of|among)\s+(?:de|dei|alle|the|all)?\s*$", re.I)
_BASE_AFTER = re.compile(r"\s+(?:\w+\s+){0,2}(?:som|who|that)\b", re.IGNORECASE)
_ANSWER_WORDS = re.compile(
    r"\b(?:svarte|besvar\w*|respondent\w*|inviter\w*|utvalg\w*|deltak\w*|N)\b",
    re.IGNORECASE,
)


@dataclass
class Context:
    """A number's sentence, clause and wider context in the draft."""

    passage: Passage
    sentence: str
    contexts: list[str]
    where: str | None


def _clause(sentence: str, start: int, end: int) -> str:
    bounds = [0] + [m.end() for m in _CLAUSE.finditer(sentence)] + [len(sentence)]
    left = max(b for b in bounds if b <= start)
    right = min((b for b in bounds if b >= end), default=len(sentence))
    return sentence[left:right]


def _contexts(
    passage: Passage, sentence: str, number: Number | None, previous: str = ""
) -> list[str]:
    heading = passage.heading or ""
    if passage.kind == "cell":
        table = passage.table
        row = table.rows[passage.row][0] if table.rows[passage.row] else ""
        column = table.rows[0][passage.column] if passage.column < len(table.rows[0]) else ""
        near = f"{row} {column if passage.row else ''}"
        caption = table.caption
        return [near, near, f"{near} {caption}", f"{near} {caption} {heading}"]
    clause = _clause(sentence, number.start, number.end) if number else sentence
    return [clause, sentence, f"{previous} {sentence}", f"{previous} {sentence} {heading}"]


def _shown(kind: str, value: float, decimals: int) -> str:
    if kind == "percent":
        return format_percent(value, decimals)
    if kind == "points":
        return format_number(value, decimals)
    return format_number(value, decimals if kind == "decimal" else 0)


def _close(claim: float, value: float, decimals: int) -> bool:
    return abs(claim - value) <= 0.5 * 10 ** (-decimals) + 1e-6


def _unmatched(match: Match, reason: str, language: str) -> dict:
    return {
        "kind": "unmatched",
        "mapping": reason,
        "candidates": "; ".join(f.describe(language) for f in match.candidates[:3]),
    }


class Checker:
    """The facts of one survey (and registry), checking drafts against them."""

    def __init__(
        self, facts: list[Fact], vocabulary, language: str = "nb", registry: dict | None = None
    ) -> None:
        self.cells = registry_cells(registry) if registry else {}
        self.texts = registry_texts(registry) if registry else []
        self.registry = Matcher([f for f in facts if f.source == "claims"])
        self.data = Matcher([f for f in facts if f.source == "data"])
        self.quantifiers = QuantifierRule(vocabulary, language)
        self.language = language
        # groups whose name holds a number ("Enhet 54", "3002"): part of a name, not a claim
        names = {
            str(c["group"])
            for c in (registry or {}).get("claims", [])
            if c.get("group") and any(ch.isdigit() for ch in str(c["group"]))
        }
        alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
        self.names = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.I) if names else None
        self.label_sets = {}
        for fact in facts:
            if fact.source == "data" and fact.measure == "percent" and len(fact.labels) == 1:
                self.label_sets.setdefault(fact.subject, set()).update(fact.labels)

    def _name_spans(self, sentence: str) -> list[tuple[int, int]]:
        """Where the sentence names a group whose name holds a number."""
        return [m.span() for m in self.names.finditer(sentence)] if self.names else []

    def _cell(self, passage: Passage) -> tuple[str, str]:
        if passage.kind != "cell" or passage.column >= len(passage.table.rows[0]):
            return "", ""
        return passage.table.rows[passage.row][0], passage.table.rows[0][passage.column]

    def match(self, kind: str, context: Context) -> Match:
        row, column = self._cell(context.passage)
        sample = not CAPTION_PREFIX.match(context.passage.text)  # a caption's N is its own
        found = self.registry.match(
            kind, context.contexts, where=context.where, column=column, row=row, sample=sample
        )
        if found.status in ("matched", "compared") or found.placed:
            return found  # a table of the report: its cells are the facts
        data = self.data.match(kind, context.contexts, column=column, row=row, sample=sample)
        return data if data.status != "none" or found.status == "none" else found

    def _kind(self, number: Number, context: Context) -> str:
        if number.kind == "n" and number.total is not None:
            return "range"
        sentence = context.sentence
        before, after = sentence[: number.start], sentence[number.end :]
        if number.kind == "count" and _BASE_BEFORE.search(before) and _BASE_AFTER.match(after):
            return "n"  # "Av de 424 elevene som oppga …": the base of what follows
        running = number.kind == "count" and context.passage.kind != "cell"
        if running and not _ANSWER_WORDS.search(context.contexts[0]):
            return "plain"
        return number.kind

    def _as_shown(self, context: Context) -> str | None:
        """Where the report showed exactly this: a cell of a report table, or a text."""
        row, column = self._cell(context.passage)
        if row or column:
            key = (text_key(row), column_key(column))
            return (
                say("check_as_shown", self.language)
                if text_key(context.passage.text) in (self.cells.get(key) or ())
                else None
            )
        sentence = text_key(CAPTION_PREFIX.sub("", context.sentence))
        if len(sentence) >= 6 and any(sentence in t for t in self.texts):
            return say("check_as_written", self.language)
        return None

    def number(self, number: Number, context: Context) -> dict:
        shown = self._as_shown(context)
        if shown:
            return {
                "claim": number.raw,
                "fact": None,
                "kind": "ok",
                "value": number.raw,
                "mapping": shown,
            }
        match = self.match(self._kind(number, context), context)
        if match.status == "compared":  # groups side by side: the number is the nearest's
            near = min(match.candidates, key=lambda f: abs(f.value - number.value))
            match = replace(match, status="matched", fact=near, named=len(near.labels))
        row = {"claim": number.raw, "fact": match.fact}
        language = self.language
        if match.status == "ambiguous":
            return row | _unmatched(match, say("check_ambiguous", language), language)
        if match.status == "none":
            reason = (
                say("check_nothing_named", language)
                if match.subject is None
                else say("check_not_which", language, subject=match.subject)
            )
            row["nothing_named"] = match.subject is None
            return row | _unmatched(match, reason, language)
        fact = match.fact
        far = fact.value and abs(number.value - fact.value) > 0.5 * fact.value
        if fact.subject is None and fact.measure == "n" and not match.named and far:
            # "(N = 9)" of a group the sentence speaks of, not the sample of 999
            row["nothing_named"] = False
            return row | _unmatched(match, say("check_nothing_named", language), language)
        row["mapping"] = fact.describe(language)
        if number.kind == "x_of_y":
            return row | self._x_of_y(number, fact)
        decimals = number.decimals
        value = _shown(number.kind, fact.value, decimals)
        total = fact.extra.get("total")
        if number.total is not None or total is not None:  # a range: "N=172–180"
            value = f"{value}–{_shown(number.kind, total, 0)}" if total is not None else value
            if _close(number.value, fact.value, 0) and _close(number.total or -1, total or -2, 0):
                return row | {"kind": "ok", "value": value}
            return row | {"kind": "mismatch", "value": value, "correction": value}
        shown = fact.extra.get("shown") or ""
        printed = [n.value for n in find_numbers(shown)] + fact.extra.get("rounded", [])
        if _close(number.value, fact.value, decimals) or number.value in printed:
            return row | {"kind": "ok", "value": value}
        return row | {"kind": "mismatch", "value": value, "correction": value}

    def _x_of_y(self, number: Number, fact: Fact) -> dict:
        x, y = number.value, number.total
        bases = [b for b in (fact.n, (fact.n or 0) + (fact.dk or 0)) if b]
        of = say("of", self.language)
        value = f"{format_number(fact.value)} {of} {format_number(fact.n or 0)}"
        if _close(x, fact.value, 0) and any(_close(y, b, 0) for b in bases):
            return {"kind": "ok", "value": value}
        return {"kind": "mismatch", "value": value, "correction": value}

    def passage(self, passage: Passage) -> list[dict]:
        rows = []
        if passage.kind == "cell" and (passage.row == 0 or passage.column == 0):
            return rows  # row and column labels ("Under 20 ansatte") are not claims
        if passage.kind == "heading":
            self.previous = ""  # a new heading: the sentence before is no longer the subject
        # a sentence takes its subject from the one before it, across paragraphs too
        previous = getattr(self, "previous", "") if passage.kind == "paragraph" else ""
        for sentence in _SENTENCE.split(passage.text):
            statistics = [m.span() for _, pattern in TESTS for m in pattern.finditer(sentence)]
            reference = _REFERENCE.search(sentence) or _REFERENCE.match(passage.text)
            if passage.kind == "cell":
                reference = _REFERENCE.search(passage.table.caption)
            where = f"{reference.group(1).capitalize()} {reference.group(2)}" if reference else None
            phrases = self.quantifiers.find(sentence)
            names = self._name_spans(sentence)
            numbers = [
                n
                for n in find_numbers(sentence)
                if n.kind in _KINDS
                and not any(a <= n.start < b for a, b in names)
                and not any(a <= n.start < b for a, b, _ in phrases)
                and not any(a <= n.start < b for a, b in statistics)  # "χ²(3) = 4,1; p = …"
            ]
            matched = {}
            for number in numbers:
                contexts = _contexts(passage, sentence, number, previous)
                context = Context(passage, sentence, contexts, where)
                row = self.number(number, context)
                matched[number] = row.get("fact")
                rows.append(
                    row
                    | {
                        "text": sentence,
                        "location": passage.location,
                        "number": number,
                        "context": context,
                    }
                )
            for start, end, phrase in phrases:
                contexts = _contexts(passage, sentence, None, previous)
                context = Context(passage, sentence, contexts, where)
                row = self.quantifiers.check(
                    phrase, (start, end), numbers, matched, lambda k, c=context: self.match(k, c)
                )
                if row:
                    rows.append(row | {"text": sentence, "location": passage.location})
            rows += [
                found | {"location": passage.location}
                for found in arithmetic_findings(sentence, self.language)
            ]
            previous = sentence
        if passage.kind == "paragraph":
            self.previous = previous
        return rows
