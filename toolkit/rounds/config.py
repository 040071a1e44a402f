"""``rounds.toml``: the rounds in order and the harmonisation decisions a researcher made.

.. code-block:: toml

    [rounds]
    order = ["2025", "2026"]
    labels = { "2025" = "Nullpunkt 2025", "2026" = "Oppfølging 2026" }   # optional

    [[decisions]]
    kind = "rename"          # the same question under another name in earlier rounds
    old = "s_9"
    new = "s_10"
    status = "confirmed"     # "proposed" until a researcher confirms it

    [[decisions]]
    kind = "recode"          # earlier labels onto the latest round's labels
    variable = ["b2_1", "b2_2"]
    round = "2025"
    map = { "Litt enig" = "Delvis enig" }   # labels with the same text map by themselves
    status = "confirmed"

    [[decisions]]
    kind = "same"            # a wording edit accepted as the same question
    variable = "b1_4"
    note = { nb = "Samme spørsmål", en = "The same question" }   # or one text

    [[decisions]]
    kind = "exclude"         # not comparable: earlier rounds left blank in the stack
    variable = "b1_7"

Only confirmed decisions are applied; proposals (as ``toolkit import-round`` writes them)
are listed until someone confirms them. Every error names the key and its line. A
``note`` is shown in the report's table of decisions: one text as written, or one text per
report language (nb, nn, en; a report in a language the note lacks shows the bokmål one).

Examples
--------
>>> config = parse('[rounds]\\norder = ["2025", "2026"]\\n\\n[[decisions]]\\nkind = "same"\\n'
...                'variable = "b1_4"\\nstatus = "confirmed"\\n', file="rounds.toml")
>>> config.order, [(d.kind, d.variables, d.confirmed, d.line) for d in config.decisions]
(['2025', '2026'], [('same', ['b1_4'], True, 4)])
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from toolkit.errors import ConfigError
from toolkit.rawfiles.toml import TomlFile, toml_string
from toolkit.rawfiles.toml import key_line as toml_key_line

KINDS = ("rename", "recode", "same", "exclude")
STATUS = ("confirmed", "proposed")


@dataclass(frozen=True)
class Decision:
    """One harmonisation decision (see module docstring); ``line`` is where it starts."""

    kind: str
    variables: list[str] = field(default_factory=list)
    old: str | None = None
    new: str | None = None
    rounds: list[str] | None = None
    map: dict[str, str] = field(default_factory=dict)
    status: str = "proposed"
    note: str | dict[str, str] | None = None
    line: int = 0

    @property
    def confirmed(self) -> bool:
        return self.status == "confirmed"

    def note_in(self, language: str = "nb") -> str:
        """The note in ``language`` when it is written per language
        (``note = { nb = "…", en = "…" }``), else in bokmål, else the first one given; a
        note written as one text is the researcher's words, shown as written."""
        if isinstance(self.note, dict):
            return self.note.get(language) or self.note.get("nb") or next(iter(self.note.values()))
        return self.note or ""

    def describe(self) -> str:
        what = {
            "rename": f"{self.old} → {self.new}",
            "recode": ", ".join(self.variables),
            "same": ", ".join(self.variables),
            "exclude": ", ".join(self.variables),
        }
        where = f" ({', '.join(self.rounds)})" if self.rounds else ""
        return f"{self.kind} {what[self.kind]}{where}"


@dataclass(frozen=True)
class RoundsConfig:
    order: list[str]
    labels: dict[str, str]
    decisions: list[Decision]
    path: str
    text: str = ""

    def open_decisions(self) -> list[Decision]:
        return [d for d in self.decisions if not d.confirmed]

    def confirmed(self, kind: str | None = None) -> list[Decision]:
        return [d for d in self.decisions if d.confirmed and (kind is None or d.kind == kind)]

    def line(self, decision: int | None, key: str) -> int:
        return key_line(self.text, decision, key)


def key_line(text: str, decision: int | None, key: str) -> int:
    """The line of ``key`` in the ``decision``-th ``[[decisions]]`` table (or in
    ``[rounds]`` when ``decision`` is None); the table's first line when the key is absent."""
    if decision is None:
        return toml_key_line(text, "rounds", key)
    return toml_key_line(text, "decisions", key, decision)


def _error(what: str, path: str, line: int, key: str, **parts) -> ConfigError:
    return ConfigError(what, file=path, where=f"line {line}, key {key!r}", **parts)


def _names(value, path, line, key) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return list(value)
    raise _error(
        f"{key} must be a variable name or a list of them",
        path,
        line,
        key,
        found=repr(value),
        hint='write variable = "b1_4" or variable = ["b2_1", "b2_2"]',
    )


def _decision(table: dict, index: int, text: str, path: str) -> Decision:
    def line(key: str) -> int:
        return key_line(text, index, key)

    kind = table.get("kind")
    if kind not in KINDS:
        raise _error(
            f"unknown decision kind {kind!r}",
            path,
            line("kind"),
            "kind",
            expected=", ".join(KINDS),
            hint="kind is rename, recode, same or exclude",
        )
    status = table.get("status", "proposed")
    if status not in STATUS:
        raise _error(
            f"unknown status {status!r}",
            path,
            line("status"),
            "status",
            expected="confirmed or proposed",
            hint='write status = "confirmed"',
        )
    unknown = sorted(
        set(table) - {"kind", "variable", "old", "new", "round", "rounds", "map", "status", "note"}
    )
    if unknown:
        raise _error(
            f"unknown key {unknown[0]!r} in a {kind} decision",
            path,
            line(unknown[0]),
            unknown[0],
            hint="see the rounds.toml format in toolkit.rounds.config",
        )
    rounds = table.get("rounds", table.get("round"))
    rounds = None if rounds is None else _names(rounds, path, line("round"), "round")
    _check_note(table.get("note"), path, line("note"))
    mapping = table.get("map", {})
    if not isinstance(mapping, dict) or not all(isinstance(v, str) for v in mapping.values()):
        raise _error(
            "map must be a table of label = label",
            path,
            line("map"),
            "map",
            hint='write map = { "Litt enig" = "Delvis enig" }',
        )
    if kind == "rename":
        for key in ("old", "new"):
            if not isinstance(table.get(key), str):
                raise _error(
                    f'a rename needs {key} = "<variable>"',
                    path,
                    line(key),
                    key,
                    hint='write old = "s_9" and new = "s_10"',
                )
        return Decision(
            kind,
            [table["new"]],
            table["old"],
            table["new"],
            rounds,
            mapping,
            status,
            table.get("note"),
            line("kind") - 1,
        )
    if "variable" not in table:
        raise _error(
            f"a {kind} decision needs variable = ...",
            path,
            line("kind"),
            "variable",
            hint='write variable = "b1_4"',
        )
    variables = _names(table["variable"], path, line("variable"), "variable")
    return Decision(
        kind, variables, None, None, rounds, mapping, status, table.get("note"), line("kind") - 1
    )


def _check_note(note, path: str, line: int) -> None:
    """A note is a text, or a table of texts by report language."""
    if note is None or isinstance(note, str):
        return
    languages = ("nb", "nn", "en")
    if (
        isinstance(note, dict)
        and note
        and set(note) <= set(languages)
        and all(isinstance(v, str) for v in note.values())
    ):
        return
    raise _error(
        "a note is a text, or one text per report language",
        path,
        line,
        "note",
        expected=f"a string, or a table with keys among {', '.join(languages)}",
        hint='write note = "…" or note = { nb = "Samme spørsmål", en = "The same question" }',
    )


def _refuse_conflicts(decisions: list[Decision], path: str) -> None:
    """One item, two confirmed decisions that contradict (kept the same and excluded)."""
    kinds: dict[str, dict[str, int]] = {}
    for decision in (d for d in decisions if d.confirmed):
        for variable in decision.variables:
            kinds.setdefault(variable, {})[decision.kind] = decision.line
    for variable, found in kinds.items():
        if "exclude" in found and ({"same", "recode", "rename"} & set(found)):
            other = next(k for k in ("same", "recode", "rename") if k in found)
            raise _error(
                f"{variable} is both excluded and kept ({other}) by confirmed decisions "
                f"(lines {found['exclude']} and {found[other]})",
                path,
                found["exclude"],
                "kind",
                hint="confirm one of them: exclude leaves the item out of every comparison",
            )


def parse(text: str, *, file: str | Path) -> RoundsConfig:
    """Read rounds.toml text (see module docstring)."""
    path = str(file)
    toml = TomlFile(text, file=path)
    data = toml.data
    toml.check_keys(None, data, {"rounds", "decisions"})  # [[decision]] is a typo, not ignored
    rounds = data.get("rounds", {})
    if isinstance(rounds, dict):
        toml.check_keys("rounds", rounds, {"order", "labels"})
    order = rounds.get("order")
    if not isinstance(order, list) or not order or not all(isinstance(r, str) for r in order):
        raise _error(
            '[rounds] needs order = ["<round>", ...]',
            path,
            key_line(text, None, "order"),
            "order",
            hint='list the round folders in time order: order = ["2025", "2026"]',
        )
    if len(set(order)) != len(order):
        raise _error(
            "a round is listed twice in order",
            path,
            key_line(text, None, "order"),
            "order",
            found=", ".join(order),
            hint="each round once, in time order",
        )
    decisions = data.get("decisions", [])
    if not isinstance(decisions, list):
        raise _error(
            "decisions must be [[decisions]] tables",
            path,
            1,
            "decisions",
            hint="write each decision as its own [[decisions]] table",
        )
    for name in order:
        if name in {".", ".."} or "/" in name or "\\" in name or ":" in name:
            raise _error(
                f"{name!r} in order is not a round folder's name",
                path,
                key_line(text, None, "order"),
                "order",
                hint='name each round by its folder inside the project, e.g. "2027"',
            )
    parsed = [_decision(table, i, text, path) for i, table in enumerate(decisions)]
    _refuse_conflicts(parsed, path)
    given = rounds.get("labels") or {}
    if not isinstance(given, dict) or not all(isinstance(v, str) for v in given.values()):
        raise _error(
            "labels must be a table of round = text",
            path,
            key_line(text, None, "labels"),
            "labels",
            found=repr(given)[:200],
            hint='labels = { "2025" = "Nullpunkt 2025", "2026" = "Oppfølging 2026" }',
        )
    labels = {str(k): v for k, v in given.items()}
    return RoundsConfig(list(order), labels, parsed, path, text)


def read_config(path: str | Path) -> RoundsConfig:
    config = TomlFile.read(path)
    return parse(config.text, file=config.file)


def proposal_text(decision: Decision) -> str:
    """A ``[[decisions]]`` block for a proposed decision (appended by import-round)."""
    lines = ["", "[[decisions]]", f"kind = {toml_string(decision.kind)}"]
    if decision.kind == "rename":
        lines += [f"old = {toml_string(decision.old)}", f"new = {toml_string(decision.new)}"]
    else:
        names = decision.variables
        value = (
            toml_string(names[0])
            if len(names) == 1
            else "[" + ", ".join(toml_string(n) for n in names) + "]"
        )
        lines.append(f"variable = {value}")
    if decision.rounds:
        lines.append("round = [" + ", ".join(toml_string(r) for r in decision.rounds) + "]")
    if decision.map:
        pairs = ", ".join(f"{toml_string(k)} = {toml_string(v)}" for k, v in decision.map.items())
        lines.append(f"map = {{ {pairs} }}")
    lines.append('status = "proposed"  # confirm by writing "confirmed"')
    if decision.note:
        lines.append(f"note = {toml_string(decision.note_in())}")
    return "\n".join(lines) + "\n"
