"""A round's folder: ``surveys/<round>/`` holds exactly one raw export, an .xlsx or .sav
file or a CSV trio (in the folder itself or one subfolder).

Examples
--------
>>> from toolkit.data import example_rounds
>>> find_export(example_rounds() / "2026").name
'ledere_2026.xlsx'
"""

from __future__ import annotations

from pathlib import Path

from toolkit.errors import ExportFormatError, MissingFileError
from toolkit.surveys.read_csv import MEMBERS

EXPORT_SUFFIXES = {".xlsx", ".xlsm", ".sav", ".zsav"}
CONFIG = "rounds.toml"


def _is_csv_export(folder: Path) -> bool:
    names = {p.name.lower() for p in folder.iterdir() if p.is_file()}
    return all(f"{m}.csv" in names for m in MEMBERS)


def find_export(folder: Path) -> Path:
    """The one raw export of a round folder: an .xlsx/.sav file or a CSV trio (in the
    folder itself or one subfolder). None or several is an error saying which."""
    if not folder.is_dir():
        raise MissingFileError(
            f"no round folder {folder.name}/",
            file=folder,
            hint="each round has a folder surveys/<round>/ with its export",
        )
    found = [
        p for p in sorted(folder.iterdir()) if p.is_file() and p.suffix.lower() in EXPORT_SUFFIXES
    ]
    if _is_csv_export(folder):
        found.append(folder)
    found += [
        p
        for p in sorted(folder.iterdir())
        if p.is_dir() and not p.name.startswith(".") and _is_csv_export(p)
    ]
    if not found:
        raise MissingFileError(
            f"the round folder {folder.name}/ holds no SurveyXact export",
            file=folder,
            expected="one .xlsx or .sav export, or a folder with dataset.csv, labels.csv and "
            "structure.csv",
            found=", ".join(sorted(p.name for p in folder.iterdir())) or "an empty folder",
            hint="copy the export in with `toolkit import-round EXPORT --into surveys/ "
            "--round <name>`",
        )
    if len(found) > 1:
        raise ExportFormatError(
            f"the round folder {folder.name}/ holds {len(found)} exports",
            file=folder,
            found=", ".join(p.name if p != folder else "the CSV files" for p in found),
            expected="exactly one export per round",
            hint="keep one export per round folder; move the other into its own round",
        )
    return found[0]
