"""``rounds.toml`` checked against the rounds it describes, before anything is stacked.

Every round in ``order`` must have a folder with one export; every decision must name
variables that exist (in the latest round, or for a rename's old name in an earlier one);
a recode may only map to labels the latest round has; renames must not collide (two old
names onto one, or onto a name the earlier round already uses for something else). Each
failure is a :class:`~toolkit.errors.ConfigError` naming the key and its line.
"""

from __future__ import annotations

from toolkit.errors import ConfigError, ToolkitError
from toolkit.rounds.folder import find_export
from toolkit.surveys.missing import normalise_label


def _fail(rounds, decision_index, key, what, **parts) -> ConfigError:
    config = rounds.config
    line = config.line(decision_index, key)
    return ConfigError(what, file=config.path, where=f"line {line}, key {key!r}", **parts)


def _check_rounds(rounds) -> None:
    for name in rounds.order:
        try:
            find_export(rounds.folder / name)
        except ToolkitError as exc:
            raise _fail(
                rounds,
                None,
                "order",
                f"round {name!r} in rounds.toml: {exc.what}",
                found=exc.found,
                hint=exc.hint,
            ) from None


def _check_decision(rounds, index: int, decision, latest, earlier_names: set) -> None:
    book = latest.codebook.set_index("variable")
    if decision.rounds:
        unknown = [r for r in decision.rounds if r not in rounds.order]
        if unknown:
            raise _fail(
                rounds,
                index,
                "round",
                f"the decision names the round(s) {unknown}, which rounds.toml does not list",
                hint=f"rounds: {rounds.order}",
            )
    if decision.kind == "rename":
        if decision.new not in book.index:
            raise _fail(
                rounds,
                index,
                "new",
                f"the rename's new name {decision.new!r} is not a variable of the latest round",
                hint="new names the latest round's variable",
            )
        if decision.old not in earlier_names:
            raise _fail(
                rounds,
                index,
                "old",
                f"the rename's old name {decision.old!r} is in no earlier round",
                hint="old names the variable in the earlier round",
            )
        return
    missing = [
        v
        for v in decision.variables
        if v not in book.index and not (decision.kind == "exclude" and v in earlier_names)
    ]
    if missing:
        raise _fail(
            rounds,
            index,
            "variable",
            f"{missing[0]!r} is not a variable of any round",
            hint="use the variable names of the latest round (see survey.codebook)",
        )
    for variable in decision.variables:
        if decision.kind != "recode" or variable not in book.index:
            continue
        labels = {normalise_label(v) for v in (book.at[variable, "labels"] or {}).values()}
        wrong = [v for v in decision.map.values() if normalise_label(v) not in labels]
        if wrong:
            raise _fail(
                rounds,
                index,
                "map",
                f"the recode of {variable} maps to {wrong[0]!r}, "
                "which is not a label of the latest round",
                expected=", ".join(map(repr, book.at[variable, "labels"].values())),
                hint='map = { "<old label>" = "<label of the latest round>" }',
            )


def _check_collisions(rounds) -> None:
    config = rounds.config
    renames = [(i, d) for i, d in enumerate(config.decisions) if d.kind == "rename" and d.confirmed]
    seen: dict[tuple, int] = {}
    for index, decision in renames:
        for name in rounds.order[:-1]:
            if decision.rounds and name not in decision.rounds:
                continue
            if decision.old not in rounds[name].data.columns:
                continue
            key = (name, decision.new)
            if key in seen:
                raise _fail(
                    rounds,
                    index,
                    "new",
                    f"two renames give {decision.new!r} in round {name}",
                    hint="one old name per new name and round",
                )
            if decision.new in rounds[name].data.columns and decision.new != decision.old:
                raise _fail(
                    rounds,
                    index,
                    "new",
                    f"round {name} already has a variable "
                    f"{decision.new!r}: renaming {decision.old!r} onto it would collide",
                    hint="rename the other one too, or exclude one of them",
                )
            seen[key] = index


def check_config(rounds) -> None:
    """Raise a ConfigError for the first problem in rounds.toml (see module docstring)."""
    _check_rounds(rounds)
    latest = rounds[rounds.order[-1]]
    earlier = {v for name in rounds.order[:-1] for v in rounds[name].data.columns}
    for index, decision in enumerate(rounds.config.decisions):
        _check_decision(rounds, index, decision, latest, earlier)
    _check_collisions(rounds)
