"""Round pairs built by code: the small export of tests/conftest.py, changed one way."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from tests.conftest import small_tables
from toolkit.surveys.synthetic import ExportTables, write_csv_export, write_xlsx_export


def changed(tables: ExportTables, **parts) -> ExportTables:
    return ExportTables(**{**vars(tables), **parts})


def rename_variable(tables: ExportTables, old: str, new: str) -> ExportTables:
    structure = tables.structure.copy()
    structure.loc[structure["variableName"] == old, ["questionName", "variableName"]] = [
        new.split("_")[0] if "_" in new else new,
        new,
    ]
    labels = tables.labels.replace({"variable": {old: new}})
    return changed(
        tables,
        dataset=tables.dataset.rename(columns={old: new}),
        structure=structure,
        labels=labels,
    )


def set_text(tables: ExportTables, variable: str, text: str) -> ExportTables:
    structure = tables.structure.copy()
    structure.loc[structure["variableName"] == variable, "questionText"] = text
    return changed(tables, structure=structure)


def set_labels(tables: ExportTables, variable: str, labels: list[tuple[int, str]]):
    rest = tables.labels[tables.labels["variable"] != variable]
    new = pd.DataFrame([(variable, c, lab) for c, lab in labels], columns=rest.columns)
    return changed(tables, labels=pd.concat([rest, new], ignore_index=True))


def write_round(folder: Path, tables: ExportTables, kind: str = "csv") -> Path:
    if kind == "csv":
        write_csv_export(tables, folder / "eksport")
        return folder / "eksport"
    folder.mkdir(parents=True, exist_ok=True)
    write_xlsx_export(tables, folder / "eksport.xlsx")
    return folder / "eksport.xlsx"


def project(
    tmp_path: Path,
    old: ExportTables | None = None,
    new: ExportTables | None = None,
    decisions: str = "",
    kinds: tuple[str, str] = ("csv", "csv"),
) -> Path:
    """surveys/2025 (old) and surveys/2026 (new) with a rounds.toml; returns surveys/."""
    surveys = tmp_path / "surveys"
    write_round(surveys / "2025", old if old is not None else small_tables(), kinds[0])
    write_round(surveys / "2026", new if new is not None else small_tables(), kinds[1])
    (surveys / "rounds.toml").write_text(
        '[rounds]\norder = ["2025", "2026"]\n\n' + decisions, encoding="utf-8"
    )
    return surveys
