"""Compare two rounds' codebooks: every variable unchanged, changed, renamed, removed or
added, with what changed and a sentence a researcher can read.

Variables match by name first. Among the rest, an old and a new variable with the same or
very similar text and label set are *proposed* as a rename (with their similarity, 0–1):
proposed, never applied. Texts are compared ignoring whitespace and case only; any other
difference is reported. Labels are compared by their text, so codes that moved are found
and a recode is proposed (``{"Enig": (3, 4)}``: old code → new code), as are categories
added, removed or merged into one.

Examples
--------
>>> from toolkit import read_surveyxact
>>> from toolkit.data import example_round
>>> diff = compare_codebooks(read_surveyxact(example_round("2025")),
...                          read_surveyxact(example_round("2026")))
>>> diff.set_index("new_variable").at["s_10", "status"], diff.query("status == 'renamed'")[
...     "old_variable"].tolist()
('renamed', ['s_9'])
>>> print(diff.set_index("new_variable").at["b2_1", "detail"])
categories: 'Verken enig eller uenig' added as 3; 'Delvis enig' 3 → 4, 'Helt enig' 4 → 5
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

import pandas as pd

from toolkit.surveys.missing import normalise_label
from toolkit.surveys.survey import Survey

STATUSES = ("unchanged", "changed", "renamed", "removed", "added")
COLUMNS = [
    "old_variable",
    "new_variable",
    "status",
    "changes",
    "similarity",
    "detail",
    "recode",
    "old_type",
    "new_type",
    "question",
]
#: how alike an unmatched pair must be to be proposed as a rename
RENAME_SIMILARITY = 0.85
_SPACE = re.compile(r"\s+")
_PARTS = re.compile(r"\s*(?:/|,|\bog\b|\beller\b|\bor\b)\s*")


def _norm(text) -> str:
    return _SPACE.sub(" ", str(text)).strip().lower() if isinstance(text, str) else ""


def _entries(survey_or_book) -> dict[str, dict]:
    book = survey_or_book.codebook if isinstance(survey_or_book, Survey) else survey_or_book
    book = book[book["role"] != "status"]
    names = list(book.columns)
    return {
        row["variable"]: row
        for row in (
            dict(zip(names, r, strict=True))
            for r in zip(*(book[c].tolist() for c in names), strict=True)
        )
    }


def _full_text(entry: dict) -> str:
    parts = [entry.get("question_text"), entry.get("item_text"), entry.get("choice_text")]
    return " - ".join(_norm(p) for p in parts if isinstance(p, str) and p.strip())


def label_diff(old: dict, new: dict) -> dict:
    """By label text: moved ``{label: (old code, new code)}``, ``added`` / ``removed``
    ``{label: code}``, and ``merged`` ``{new label: [old labels]}``."""
    old_by_text = {normalise_label(v): (k, v) for k, v in old.items()}
    new_by_text = {normalise_label(v): (k, v) for k, v in new.items()}
    moved = {
        new_by_text[t][1]: (old_by_text[t][0], new_by_text[t][0])
        for t in old_by_text.keys() & new_by_text.keys()
        if old_by_text[t][0] != new_by_text[t][0]
    }
    removed = {v: k for t, (k, v) in old_by_text.items() if t not in new_by_text}
    added = {v: k for t, (k, v) in new_by_text.items() if t not in old_by_text}
    merged = {}
    for label in list(added):
        parts = {normalise_label(p) for p in _PARTS.split(label) if p.strip()}
        sources = [old for old in removed if normalise_label(old) in parts]
        if len(sources) >= 2 or (sources and len(parts) > 1):
            merged[label] = sources
    for label, sources in merged.items():
        added.pop(label)
        for source in sources:
            removed.pop(source, None)
    return {"moved": moved, "added": added, "removed": removed, "merged": merged}


def _label_sentence(diff: dict, old: dict, new: dict) -> str:
    parts = [f"{label!r} added as {code}" for label, code in diff["added"].items()]
    parts += [f"{label!r} ({code}) removed" for label, code in diff["removed"].items()]
    parts += [
        f"{' + '.join(map(repr, sources))} merged into {label!r} "
        f"({ {normalise_label(v): k for k, v in new.items()}[normalise_label(label)] })"
        for label, sources in diff["merged"].items()
    ]
    moves = [
        f"{label!r} {a} → {b}"
        for label, (a, b) in sorted(diff["moved"].items(), key=lambda item: item[1][1])
    ]
    sentence = "; ".join(parts)
    if moves:
        sentence = f"{sentence}; {', '.join(moves)}" if sentence else ", ".join(moves)
    return f"categories: {sentence}"


def _recode(diff: dict, old: dict, new: dict) -> dict | None:
    """Proposed old code → new code for labels that moved or merged (None: nothing to do)."""
    new_code = {normalise_label(v): k for k, v in new.items()}
    old_code = {normalise_label(v): k for k, v in old.items()}
    mapping = {a: b for a, b in diff["moved"].values()}
    for label, sources in diff["merged"].items():
        for source in sources:
            mapping[old_code[normalise_label(source)]] = new_code[normalise_label(label)]
    return mapping or None


def _differences(old: dict, new: dict) -> tuple[list[str], list[str], dict | None]:
    """Which attributes differ, in words, and a proposed recode."""
    changes, words, recode = [], [], None
    for key, name in (
        ("question_text", "question text"),
        ("item_text", "item text"),
        ("choice_text", "option text"),
    ):
        a, b = old.get(key), new.get(key)
        if _norm(a) != _norm(b):
            changes.append(key if key != "choice_text" else "item_text")
            words.append(f"{name}: {a!r} → {b!r}")
    if old.get("type") != new.get("type") or old.get("value_type") != new.get("value_type"):
        changes.append("type")
        words.append(f"type: {old.get('type')} → {new.get('type')}")
    old_labels, new_labels = dict(old.get("labels") or {}), dict(new.get("labels") or {})
    diff = label_diff(old_labels, new_labels)
    if diff["added"] or diff["removed"] or diff["merged"]:
        changes.append("labels")
    if diff["moved"] or diff["merged"]:
        changes.append("codes")
    if any(diff.values()):
        words.append(_label_sentence(diff, old_labels, new_labels))
        recode = _recode(diff, old_labels, new_labels)
    old_missing = {normalise_label(old_labels.get(c, c)) for c in old.get("missing_codes") or []}
    new_missing = {normalise_label(new_labels.get(c, c)) for c in new.get("missing_codes") or []}
    if old_missing != new_missing:
        changes.append("missing_codes")
        words.append(f"non-substantive answers: {sorted(old_missing)} → {sorted(new_missing)}")
    return list(dict.fromkeys(changes)), words, recode


def similarity(old: dict, new: dict) -> float:
    """0–1: text similarity (difflib) weighed with the overlap of the label sets."""
    text = SequenceMatcher(None, _full_text(old), _full_text(new)).ratio()
    a = {normalise_label(v) for v in (old.get("labels") or {}).values()}
    b = {normalise_label(v) for v in (new.get("labels") or {}).values()}
    labels = len(a & b) / len(a | b) if a | b else 1.0
    same_type = old.get("type") == new.get("type")
    return round((0.75 * text + 0.25 * labels) * (1.0 if same_type else 0.5), 4)


def _shown(entry: dict) -> str:
    """The item text when there is one, else the question (and option) text as written."""
    item = entry.get("item_text") or entry.get("choice_text")
    if isinstance(item, str) and item.strip():
        return item
    return str(entry.get("question_text") or entry.get("variable"))


def _row(old_name, new_name, status, old, new, *, score=1.0, extra=()) -> dict:
    changes, words, recode = _differences(old, new) if old and new else ([], [], None)
    changes = [*extra, *changes]
    if status == "unchanged" and changes:
        status = "changed"
    detail = "; ".join(
        [
            *([f"renamed from {old_name} (similarity {score:.2f})"] if status == "renamed" else []),
            *words,
        ]
    )
    if status == "removed":
        detail = f"only in the earlier round: {_shown(old)}"
    if status == "added":
        detail = f"new in this round: {_shown(new)}"
    return {
        "old_variable": old_name,
        "new_variable": new_name,
        "status": status,
        "changes": changes,
        "similarity": score if old and new else None,
        "detail": detail or "no change",
        "recode": recode,
        "old_type": (old or {}).get("type"),
        "new_type": (new or {}).get("type"),
        "question": (new or old or {}).get("question"),
    }


def _renames(old: dict, new: dict, left: list[str], right: list[str]) -> list[tuple]:
    """Greedy best pairs of unmatched variables above the similarity threshold."""
    pairs = sorted(((similarity(old[a], new[b]), a, b) for a in left for b in right), reverse=True)
    used_a, used_b, out = set(), set(), []
    for score, a, b in pairs:
        if score < RENAME_SIMILARITY:
            break
        if a not in used_a and b not in used_b:
            used_a.add(a)
            used_b.add(b)
            out.append((a, b, score))
    return out


def compare_codebooks(old, new) -> pd.DataFrame:
    """One row per variable of either round (Survey or codebook): ``old_variable``,
    ``new_variable``, ``status``, ``changes``, ``similarity``, ``detail``, ``recode``
    (see module docstring); rows in the new round's order, removed ones at the end.

    Parameters
    ----------
    old, new
        Two rounds (Surveys or their codebooks).

    Returns
    -------
    DataFrame
        One row per variable, as above.

    Examples
    --------
    See the module's example.
    """
    a, b = _entries(old), _entries(new)
    left = [v for v in a if v not in b]
    right = [v for v in b if v not in a]
    renamed = {
        new_name: (old_name, score) for old_name, new_name, score in _renames(a, b, left, right)
    }
    rows = []
    for name, entry in b.items():
        if name in a:
            rows.append(_row(name, name, "unchanged", a[name], entry))
        elif name in renamed:
            old_name, score = renamed[name]
            rows.append(
                _row(old_name, name, "renamed", a[old_name], entry, score=score, extra=("name",))
            )
        else:
            rows.append(_row(None, name, "added", None, entry))
    taken = {old_name for old_name, _ in renamed.values()}
    rows += [_row(name, None, "removed", a[name], None) for name in left if name not in taken]
    return pd.DataFrame(rows, columns=COLUMNS)
