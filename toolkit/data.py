"""The example data shipped in the repository (synthetic, see surveys/README.md).

Examples
--------
>>> example_round().name
'ledere_2026.xlsx'
"""

from __future__ import annotations

from pathlib import Path

from toolkit.errors import MissingFileError

ROOT = Path(__file__).resolve().parents[1]


def example_round(format: str = "xlsx") -> Path:
    """Path of the synthetic example round (``"xlsx"`` file or ``"csv"`` folder)."""
    base = ROOT / "surveys" / "2026"
    path = base / "ledere_2026.xlsx" if format == "xlsx" else base / "ledere_2026_csv"
    if not path.exists():
        raise MissingFileError(
            "the example round is not here",
            file=path,
            hint="the examples live in the repository's surveys/ folder: work in a clone "
            "(pip install -e .), or run `make example` to regenerate them",
        )
    return path


def example_project(kind: str = "qdpx") -> Path:
    """The synthetic example interview project: ``"qdpx"`` (REFI-QDA), ``"docx"`` (coded
    Word folder) or ``"txt"`` (inline-coded text folder)."""
    base = ROOT / "transcripts" / "nav2026"
    path = {"qdpx": base / "prosjekt.qdpx", "docx": base / "docx", "txt": base / "tekst"}[kind]
    if not path.exists():
        raise MissingFileError(
            "the example project is not here",
            file=path,
            hint="the examples live in the repository's transcripts/ folder: work in a clone, "
            "or run `make example` to regenerate them",
        )
    return path


__all__ = ["example_project", "example_round"]
