"""A project of survey rounds: ``surveys/<round>/`` with one raw export each, and
``surveys/rounds.toml`` with the order and the harmonisation decisions.

``read_rounds("surveys/")`` gives a :class:`Rounds`: an ordered mapping round → Survey
(each read when first used; with ``cache=`` a folder outside the project, from a Parquet
cache there while the raw files are unchanged), with :meth:`~Rounds.codebooks`,
:meth:`~Rounds.diff` and :meth:`~Rounds.stack`; a new round comes in with
:func:`toolkit.rounds.import_round`. Nothing in a round folder is ever changed.

Examples
--------
>>> from toolkit.data import example_rounds
>>> rounds = read_rounds(example_rounds())  # reading never writes anything
>>> list(rounds), [rounds[r].n for r in rounds]
(['2025', '2026'], [258, 258])
>>> rounds.diff("2025", "2026")["status"].value_counts().to_dict()
{'unchanged': 26, 'changed': 6, 'added': 1, 'renamed': 1, 'removed': 1}
"""

from __future__ import annotations

import hashlib
import html
import os
import warnings
from collections.abc import Iterator, Mapping
from dataclasses import replace
from pathlib import Path

import pandas as pd

from toolkit.errors import MissingFileError, UsageError
from toolkit.rounds.checks import check_config
from toolkit.rounds.compare import compare_codebooks
from toolkit.rounds.config import RoundsConfig, read_config
from toolkit.rounds.folder import CONFIG, find_export
from toolkit.rounds.stack import stack
from toolkit.rounds.storage import cached_round, is_dataset, read_stacked, write_dataset
from toolkit.surveys.read import read_surveyxact
from toolkit.surveys.survey import Survey


class Rounds(Mapping):
    """Survey rounds in order (see module docstring)."""

    def __init__(
        self,
        folder: Path,
        order: list[str],
        config: RoundsConfig | None,
        surveys: dict[str, Survey] | None = None,
        *,
        cache: str | Path | None = None,
    ) -> None:
        self.folder, self.order, self.config = Path(folder), list(order), config
        self._surveys: dict[str, Survey] = dict(surveys or {})
        self.cache = cache_folder(self.folder, cache)

    # ----------------------------------------------------------------- mapping
    def __getitem__(self, name: str) -> Survey:
        if name not in self.order:
            raise MissingFileError(
                f"no round {name!r}",
                file=self.folder,
                hint=f"the rounds are {', '.join(self.order)}",
            )
        if name not in self._surveys:
            self._surveys[name] = self._load(name)
        return self._surveys[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self.order)

    def __len__(self) -> int:
        return len(self.order)

    def label(self, name: str) -> str:
        return (self.config.labels.get(name) if self.config else None) or name

    def _load(self, name: str) -> Survey:
        export = find_export(self.folder / name)
        if self.cache is not None:
            return cached_round(self.cache, name, export)
        return read_surveyxact(export)

    # ----------------------------------------------------------------- views
    def codebooks(self) -> pd.DataFrame:
        """One row per round × variable: the codebook columns of every round."""
        parts = [self[name].codebook.assign(round=name) for name in self.order]
        out = pd.concat(parts, ignore_index=True)
        return out[["round", *[c for c in out.columns if c != "round"]]]

    def diff(self, old: str, new: str) -> pd.DataFrame:
        """:func:`~toolkit.rounds.compare.compare_codebooks` of two rounds."""
        return compare_codebooks(self[old], self[new])

    def stack(self, variables=None, *, panel: str | None = None) -> Survey:
        """All rounds as one Survey (see :func:`toolkit.rounds.stack.stack`)."""
        stacked = getattr(self, "_stacked", None)
        if stacked is None:
            return stack(self, variables, panel=panel)
        if variables is None:  # read from a stacked dataset: already harmonised
            return stacked
        wanted = {variables} if isinstance(variables, str) else set(variables)
        keep = ["round", *[v for v in stacked.data.columns if v in wanted]]
        book = stacked.codebook[stacked.codebook["variable"].isin(keep)]
        return replace(stacked, data=stacked.data[keep], codebook=book)

    def open_decisions(self) -> pd.DataFrame:
        """Proposed decisions not yet confirmed, and changes between consecutive rounds
        that no confirmed decision covers."""
        proposals = self.config.open_decisions() if self.config else []
        rows = [
            {
                "kind": d.kind,
                "what": d.describe(),
                "source": f"rounds.toml line {d.line}",
                "note": d.note_in(),
            }
            for d in proposals
        ]
        proposed = {v for d in proposals for v in [*d.variables, d.new] if v}
        if len(self.order) > 1:
            undecided = self.stack().problems.query("kind == 'round-undecided'")
            rows += [
                {"kind": "undecided", "what": row.message, "source": "stack", "note": None}
                for row in undecided.itertuples(index=False)
                if row.variable not in proposed  # a proposal already waits for it
            ]
        return pd.DataFrame(rows, columns=["kind", "what", "source", "note"])

    def to_parquet(self, folder) -> Path:
        """The stacked rounds as a Hive-partitioned Parquet dataset (see
        :func:`toolkit.rounds.storage.write_dataset`)."""
        return write_dataset(self.stack(), folder)

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><td>{html.escape(n)}</td><td>{html.escape(self.label(n))}</td>"
            f"<td>{self[n].n}</td><td>{len(self[n].codebook)}</td></tr>"
            for n in self.order
        )
        open_ = self.open_decisions()
        decisions = (
            f"<p>{len(open_)} open decision(s):</p>{open_.to_html(index=False)}"
            if len(open_)
            else "<p>No open decisions.</p>"
        )
        return (
            f"<div><strong>Survey rounds in {html.escape(str(self.folder))}</strong>"
            "<table><tr><th>Round</th><th>Label</th><th>N</th><th>Variables</th></tr>"
            f"{rows}</table>{decisions}</div>"
        )

    def __repr__(self) -> str:
        return f"<Rounds {self.folder}: {', '.join(self.order)}>"


def cache_folder(project: Path, cache: str | Path | bool | None) -> Path | None:
    """Where the Parquet copies of ``project``'s rounds are kept: ``None`` (the default)
    for none. A folder must lie outside the project, since the copies hold the survey
    rows and raw-data folders stay as exported. ``True``/``False`` are the old switch:
    ``False`` is none, ``True`` (deprecated) the user's cache folder."""
    if cache is None or cache is False:
        return None
    if cache is True:
        warnings.warn(
            "read_rounds(cache=True) is deprecated: pass a folder outside the project "
            "(cache='~/.cache/toolkit'), or nothing for no cache",
            DeprecationWarning,
            stacklevel=3,
        )
        base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
        digest = hashlib.sha256(str(project.resolve()).encode("utf-8")).hexdigest()[:16]
        return Path(base) / "toolkit" / "rounds" / digest
    folder = Path(cache).expanduser()
    if folder.resolve().is_relative_to(project.resolve()):
        raise UsageError(
            f"the cache folder {folder} lies inside the rounds project {project.name}/",
            file=project,
            expected="a cache folder outside the raw-data folders (the cached rounds hold "
            "survey rows)",
            hint="pass cache='~/.cache/toolkit' or a folder beside your build",
        )
    return folder


def read_rounds(folder: str | Path, *, cache: str | Path | None = None) -> Rounds:
    """The rounds of a project folder.

    Parameters
    ----------
    folder
        The project's ``surveys/`` folder (``rounds.toml`` names the rounds; without it,
        every subfolder holding an export, in name order), or a stacked Parquet dataset
        written by :meth:`Rounds.to_parquet`.
    cache
        A folder outside the project for Parquet copies of the rounds, read instead of the
        raw exports while these are unchanged. ``None`` (the default): no cache; reading
        never writes anything.

    Returns
    -------
    Rounds
        An ordered mapping round name → :class:`~toolkit.Survey`, each read when first used.

    Examples
    --------
    >>> from toolkit.data import example_rounds
    >>> list(read_rounds(example_rounds()))
    ['2025', '2026']
    """
    folder = Path(folder)
    if is_dataset(folder):
        order, stacked = read_stacked(folder)
        rounds = Rounds(folder, order, None)
        rounds._stacked = stacked
        rounds._surveys = {n: stacked.filter(stacked.data["round"] == n, n) for n in order}
        return rounds
    if not folder.is_dir():
        raise MissingFileError(
            f"{folder} is not a folder",
            file=folder,
            hint="give the folder that holds the round folders",
        )
    config = read_config(folder / CONFIG) if (folder / CONFIG).is_file() else None
    if config is not None:
        order = config.order
    else:
        order = [
            p.name
            for p in sorted(folder.iterdir())
            if p.is_dir() and not p.name.startswith(".") and any(p.iterdir())
        ]
    rounds = Rounds(folder, order, config, cache=cache)
    if config is not None:
        check_config(rounds)
    return rounds
