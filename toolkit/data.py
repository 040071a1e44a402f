"""The example data: synthetic survey rounds and a coded interview project.

In a clone they live in the repository (``surveys/``, ``transcripts/``, ``notebooks/``);
an installed package carries the same files as package data (``toolkit/_examples/``), so
``pip install`` alone is enough to run the examples. See ``surveys/README.md``.

Examples
--------
>>> example_round().name, example_round("2025").name
('ledere_2026.xlsx', 'ledere_2025_csv')
>>> example_population().name
'populasjon.csv'
"""

from __future__ import annotations

from pathlib import Path

from toolkit.errors import MissingFileError

ROOT = Path(__file__).resolve().parents[1]
PACKAGED = Path(__file__).resolve().parent / "_examples"
ROUNDS = {"2025": "2025/ledere_2025_csv", "2026": "2026/ledere_2026.xlsx"}


def _base(folder: str) -> Path:
    """The example folder: packaged with an installed toolkit, or the clone's own."""
    for base in (PACKAGED / folder, ROOT / folder):
        if base.exists():
            return base
    raise MissingFileError(
        f"the example {folder}/ folder is not here",
        file=PACKAGED / folder,
        hint="reinstall the toolkit (pip install .) or, in a clone, run `make example`",
    )


def example_rounds() -> Path:
    """The folder of example survey rounds (one raw export per round)."""
    return _base("surveys")


def example_round(round: str = "2026") -> Path:
    """Path of one synthetic example round's export: ``"2026"`` (the .xlsx export) or
    ``"2025"`` (the baseline, a CSV export folder)."""
    if round not in ROUNDS:
        raise MissingFileError(
            f"no example round {round!r}",
            file=example_rounds(),
            hint=f"the example rounds are {', '.join(ROUNDS)}",
        )
    return example_rounds() / ROUNDS[round]


def example_population() -> Path:
    """Offices per region × size band: the population the example rounds sample."""
    return example_rounds() / "populasjon.csv"


def example_config() -> Path:
    """The example report's configuration (``report.toml``; its paths are relative to it)."""
    for path in (PACKAGED / "report.toml", ROOT / "report.toml"):
        if path.is_file():
            return path
    raise MissingFileError(
        "the example report.toml is not here",
        file=PACKAGED / "report.toml",
        hint="reinstall the toolkit (pip install .)",
    )


def example_staff_survey() -> Path:
    """The synthetic staff survey for unit reports (``surveys/ansatte/``: 4 995 advisers in
    120 offices); its ``report.toml`` and ``kontorer.csv`` stand beside it.

    Returns
    -------
    Path
        ``ansatte_2026.xlsx``.

    Examples
    --------
    >>> sorted(p.name for p in example_staff_survey().parent.iterdir())
    ['ansatte_2026.xlsx', 'kontorer.csv', 'report.toml']
    """
    return example_rounds() / "ansatte" / "ansatte_2026.xlsx"


def example_project(kind: str = "qdpx") -> Path:
    """The synthetic example interview project: ``"qdpx"`` (REFI-QDA), ``"docx"`` (coded
    Word folder) or ``"txt"`` (inline-coded text folder)."""
    base = _base("transcripts") / "nav2026"
    return {"qdpx": base / "prosjekt.qdpx", "docx": base / "docx", "txt": base / "tekst"}[kind]


def example_notebook() -> Path:
    """The report notebook template built on the report's section functions."""
    return _base("notebooks") / "report.ipynb"
