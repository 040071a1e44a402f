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


__all__ = ["example_round"]
