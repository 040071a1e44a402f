"""Stack survey rounds into one Survey, harmonised to the latest round.

Every variable of the latest round is looked up in each earlier round (under its own name,
or under an old name given by a confirmed ``rename``). Values are carried over by label
text, so codes that moved keep their meaning; labels the latest round lacks need a
confirmed ``recode`` (old label → new label, categories may be merged). A changed question
text needs a confirmed ``same`` (or ``recode``), and ``exclude`` leaves earlier rounds
blank. The stack never guesses: a variable whose change has no confirmed decision is left
out (and listed in ``problems``) or, when asked for by name, is an error saying which
decision is missing. A ``round`` column (ordered by round) is added; the codebook keeps
each round's text and the harmonisation applied.

Examples
--------
>>> from toolkit.data import example_rounds
>>> from toolkit.rounds.project import read_rounds
>>> stacked = read_rounds(example_rounds()).stack()
>>> stacked.data["round"].value_counts().sort_index().to_dict()
{'2025': 258, '2026': 258}
>>> stacked.entry("b2_1")["harmonisation"]
['2025: recode (confirmed): labels by text: 3 → 4, 4 → 5']
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from toolkit.errors import ConfigError, UsageError
from toolkit.problems import Problems
from toolkit.rounds.compare import _differences
from toolkit.surveys.codebook import text_of
from toolkit.surveys.export import Source
from toolkit.surveys.missing import normalise_label
from toolkit.surveys.survey import Survey


@dataclass
class _Plan:
    """How one latest-round variable is found and converted in one earlier round."""

    source: str | None
    note: str | None = None
    problem: str | None = None
    mapping: dict[str, str] | None = None


def _decisions(config, kind: str, variable: str, round_: str) -> list:
    if config is None:
        return []
    return [
        d
        for d in config.confirmed(kind)
        if variable in d.variables and (d.rounds is None or round_ in d.rounds)
    ]


def _source_name(config, variable: str, earlier: Survey, round_: str) -> tuple[str | None, str]:
    if variable in earlier.data.columns:
        return variable, ""
    renames = [
        d
        for d in (config.confirmed("rename") if config else [])
        if d.new == variable
        and (d.rounds is None or round_ in d.rounds)
        and d.old in earlier.data.columns
    ]
    if renames:
        return renames[0].old, f"rename (confirmed): {renames[0].old} → {variable}"
    return None, ""


_COMPARED = (
    "question_text",
    "item_text",
    "choice_text",
    "type",
    "value_type",
    "labels",
    "missing_codes",
)


def _same(a, b) -> bool:
    if isinstance(a, float) and isinstance(b, float) and a != a and b != b:
        return True  # both NaN
    try:
        return bool(a == b)
    except (TypeError, ValueError):
        return False


def entries(survey: Survey) -> dict[str, dict]:
    """Every codebook row as a dict, by variable (one pass; Survey.entry is per call)."""
    book = survey.codebook
    names = list(book.columns)
    rows = zip(*(book[c].tolist() for c in names), strict=True)
    return {row["variable"]: row for row in (dict(zip(names, r, strict=True)) for r in rows)}


def _plan(config, variable: str, latest: dict, earlier: Survey, round_: str, book) -> _Plan:
    source, note = _source_name(config, variable, earlier, round_)
    if source is None:
        return _Plan(None, "not in this round")
    if _decisions(config, "exclude", variable, round_):
        return _Plan(None, "exclude (confirmed): not comparable, left blank")
    old = book[source]
    same_entry = all(_same(old.get(k), latest.get(k)) for k in _COMPARED)
    changes, words, _ = ([], [], None) if same_entry else _differences(old, latest)
    recodes = _decisions(config, "recode", variable, round_)
    same = _decisions(config, "same", variable, round_)
    notes = [note] if note else []
    if "type" in changes:
        return _Plan(
            None,
            problem=f"type changed ({old.get('type')} → {latest.get('type')}) and "
            "types cannot be stacked; decide exclude, or rename to a new variable",
        )
    texts = {"question_text", "item_text"} & set(changes)
    labels = {"labels", "codes", "missing_codes"} & set(changes)
    if texts and not (same or recodes):
        return _Plan(
            None,
            problem=f"wording changed ({'; '.join(w for w in words if 'text' in w)})"
            "; confirm a 'same' decision, or 'exclude'",
        )
    if labels and not recodes:
        return _Plan(
            None,
            problem=f"{'; '.join(w for w in words if 'categor' in w) or 'labels'}"
            " changed; confirm a 'recode' decision (labels by text), or 'exclude'",
        )
    if texts:
        notes.append("same (confirmed): wording edit accepted")
    mapping = None
    if recodes:
        mapping = {k: v for d in recodes for k, v in d.map.items()}
        moved = [w.split("; ")[-1] for w in words if "categor" in w]
        codes = ", ".join(f"{a} → {b}" for a, b in (_recode_pairs(old, latest)))
        notes.append(
            f"recode (confirmed): labels by text{': ' + codes if codes else ''}"
            + (f"; {mapping}" if mapping else "")
            if moved or mapping
            else "recode (confirmed)"
        )
    return _Plan(source, "; ".join(notes) or None, mapping=mapping)


def _recode_pairs(old: dict, new: dict) -> list[tuple]:
    new_code = {normalise_label(v): k for k, v in (new.get("labels") or {}).items()}
    return [
        (k, new_code[normalise_label(v)])
        for k, v in (old.get("labels") or {}).items()
        if normalise_label(v) in new_code and new_code[normalise_label(v)] != k
    ]


def _convert(column: pd.Series, target: pd.Series, plan: _Plan, where: str, config) -> object:
    """Values of an earlier round in the latest round's form (categories by label text)."""
    if not isinstance(target.dtype, pd.CategoricalDtype):
        if column.dtype == target.dtype:
            return column.array
        if isinstance(target.dtype, pd.StringDtype):
            return column.astype("string").array
        return column.astype(target.dtype).array if column.dtype != target.dtype else column.array
    if column.dtype == target.dtype and not plan.mapping:
        return column.array  # the same categories in the same order: nothing to convert
    categories = list(target.cat.categories)
    by_text = {normalise_label(c): i for i, c in enumerate(categories)}
    mapping = {normalise_label(k): v for k, v in (plan.mapping or {}).items()}
    old = list(column.cat.categories)
    lookup = np.full(len(old) + 1, -1, dtype=np.int64)
    codes = column.cat.codes.to_numpy()
    for i, label in enumerate(old):
        wanted = mapping.get(normalise_label(label), label)
        position = by_text.get(normalise_label(wanted))
        if position is None and (codes == i).any():
            bad = mapping.get(normalise_label(label))
            line = next(
                (
                    d.line
                    for d in (config.confirmed("recode") if config else [])
                    if bad is not None and bad in d.map.values()
                ),
                None,
            )
            raise ConfigError(
                f"{where}: the label {label!r} has no place in the latest round"
                + (
                    f" (the recode maps it to {bad!r}, which the latest round lacks)" if bad else ""
                ),
                file=config.path if config else None,
                where=f"line {line}, key 'map'" if line else where,
                expected="labels of the latest round: " + ", ".join(map(repr, categories)),
                hint="add the label to a confirmed recode map (old label = latest label)",
            )
        lookup[i + 1] = -1 if position is None else position
    return pd.Categorical.from_codes(lookup[codes.astype(np.int64) + 1], dtype=target.dtype)


def _respondents(name: str, index: pd.Index) -> pa.Array:
    """ "<round>-<respondent>" for every row, built in Arrow (a Python loop is the slow part
    of stacking large rounds)."""
    raw = index.to_numpy()
    values = pa.array(raw) if raw.dtype.kind in "iu" else pa.array(index.astype(str).to_numpy())
    return pc.binary_join_element_wise(f"{name}-", pc.cast(values, pa.string()), "")


def _round_frame(rounds, name: str, kept: list[str], plans: dict) -> pd.DataFrame:
    """One round's columns in the latest round's form; columns that need nothing (same
    name, same categories) are taken as they are, without a copy."""
    latest, survey = rounds[rounds.order[-1]], rounds[name]
    dtypes, targets = dict(survey.data.dtypes.items()), dict(latest.data.dtypes.items())
    direct = [
        v
        for v in kept
        if (plans.get(v) is None or (plans[v].source == v and not plans[v].mapping))
        and v in dtypes
        and dtypes[v] == targets[v]
    ]
    frame = survey.data[direct]
    if len(direct) == len(kept):
        return frame.reset_index(drop=True)
    columns = {}
    for variable in kept:
        if variable in direct:
            columns[variable] = frame[variable].array
            continue
        target, plan = latest.data[variable], plans.get(variable, _Plan(variable))
        if plan.source is None:
            columns[variable] = (
                pd.array([None] * survey.n, dtype=target.dtype)
                if not isinstance(target.dtype, pd.CategoricalDtype)
                else pd.Categorical.from_codes(np.full(survey.n, -1), dtype=target.dtype)
            )
        else:
            where = f"{variable} in round {name}"
            columns[variable] = _convert(
                survey.data[plan.source], target, plan, where, rounds.config
            )
    return pd.DataFrame(columns, copy=False)


def _variables(latest: Survey, variables) -> list[str]:
    if variables is None:
        return list(latest.data.columns)
    names = [variables] if isinstance(variables, str) else list(variables)
    chosen = []
    for name in names:
        if name in latest.data.columns:
            chosen.append(name)
        elif name in set(latest.codebook["question"]):
            chosen += list(latest.codebook.loc[latest.codebook["question"] == name, "variable"])
        else:
            raise UsageError(
                f"no variable {name!r} in the latest round",
                file=latest.source.path,
                hint="stack by the latest round's names",
            )
    return list(dict.fromkeys(chosen))


def _check_panel(rounds, key: str) -> None:
    for name in rounds.order:
        data = rounds[name].data
        if key not in data.columns:
            raise UsageError(
                f"the panel key {key!r} is not in round {name}",
                file=rounds[name].source.path,
                hint="the key must identify the same unit in every round",
            )
        duplicated = data[key].dropna().duplicated()
        if duplicated.any():
            raise UsageError(
                f"the panel key {key!r} repeats within round {name}",
                file=rounds[name].source.path,
                found=f"{int(duplicated.sum())} repeated value(s)",
                hint="a panel key identifies one respondent per round",
            )


def stack(rounds, variables=None, *, panel: str | None = None) -> Survey:
    """One Survey of every round (see module docstring)."""
    order = rounds.order
    latest = rounds[order[-1]]
    config = rounds.config
    chosen = _variables(latest, variables)
    asked = variables is not None
    if panel is not None:
        _check_panel(rounds, panel)
    problems, left_out = Problems(), set()
    plans: dict[str, dict[str, _Plan]] = {}
    books = {name: entries(rounds[name]) for name in order}
    for name in order[:-1]:
        plans[name] = {}
        for variable in chosen:
            plan = _plan(
                config, variable, books[order[-1]][variable], rounds[name], name, books[name]
            )
            if plan.problem:
                if asked:
                    raise UsageError(
                        f"{variable} cannot be stacked with round {name}: {plan.problem}",
                        file=config.path if config else None,
                        hint="add a confirmed decision to rounds.toml",
                    )
                left_out.add(variable)
                problems.add(
                    "round-undecided",
                    f"{variable} in {name}: {plan.problem}; left out of the stack",
                    file=config.path if config else None,
                    variable=variable,
                )
            plans[name][variable] = plan
    kept = [v for v in chosen if v not in left_out]
    frames = [_round_frame(rounds, name, kept, plans.get(name, {})) for name in order]
    data = pd.concat(frames, ignore_index=True)
    data.index = pd.Index(
        pa.chunked_array([_respondents(name, rounds[name].data.index) for name in order]),
        dtype="str",
        name="respondent",
    )
    labels = [rounds.label(n) for n in order]
    positions = np.repeat(np.arange(len(order)), [rounds[n].n for n in order])
    data.insert(0, "round", pd.Categorical.from_codes(positions, categories=order, ordered=True))
    return Survey(
        data=data,
        codebook=_codebook(rounds, kept, plans, labels, panel, books),
        source=_source(rounds),
        problems=_problems(rounds, problems),
    )


def _codebook(rounds, kept, plans, labels, panel, books) -> pd.DataFrame:
    latest = rounds[rounds.order[-1]]
    book = latest.codebook[latest.codebook["variable"].isin(kept)].copy()
    texts, applied, present = [], [], []
    for variable in book["variable"]:
        by_round, notes, where = {}, [], []
        for name in rounds.order:
            plan = plans.get(name, {}).get(variable, _Plan(variable))
            if plan.source is not None:
                by_round[name] = text_of(books[name][plan.source])
                where.append(name)
            if plan.note and name != rounds.order[-1]:
                notes.append(f"{name}: {plan.note}")
        texts.append(by_round)
        applied.append(notes)
        present.append(where)
    book["texts_by_round"], book["harmonisation"], book["in_rounds"] = texts, applied, present
    row = {c: None for c in book.columns}
    row |= {
        "variable": "round",
        "position": -1,
        "question": "round",
        "question_text": "Runde",
        "type": "background",
        "value_type": "single",
        "role": "background",
        "personal": False,
        "labels": dict(enumerate(labels, start=1)),
        "missing_codes": [],
        "unknown_codes": [],
        "texts_by_round": {},
        "harmonisation": [],
        "in_rounds": list(rounds.order),
        "panel": panel,
    }
    out = pd.concat([pd.DataFrame([row]), book], ignore_index=True)
    out.attrs["panel"] = panel
    return out


def _source(rounds) -> Source:
    files = tuple(f for name in rounds.order for f in rounds[name].source.files)
    return Source(path=str(rounds.folder), format="rounds", files=files, sheets=tuple(rounds.order))


def _problems(rounds, extra: Problems) -> pd.DataFrame:
    parts = []
    for name in rounds.order:
        part = rounds[name].problems.copy()
        part["location"] = [
            f"round {name}" + (f", {loc}" if isinstance(loc, str) else "")
            for loc in part["location"]
        ]
        parts.append(part)
    parts.append(extra.to_frame())
    return (
        pd.concat([p for p in parts if len(p)], ignore_index=True)
        if any(len(p) for p in parts)
        else extra.to_frame()
    )
