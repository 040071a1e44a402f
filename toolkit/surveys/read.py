"""``read_surveyxact``: one entry point for every SurveyXact export format."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from toolkit.errors import ExportFormatError, MissingFileError
from toolkit.surveys.assemble import _build
from toolkit.surveys.export import RawExport
from toolkit.surveys.read_csv import MEMBERS, read_csv_export
from toolkit.surveys.read_sav import read_sav_export
from toolkit.surveys.read_xlsx import read_xlsx_export
from toolkit.surveys.survey import Survey

_XLSX = {".xlsx", ".xlsm"}
_SAV = {".sav", ".zsav"}


def detect_format(path: str | Path) -> tuple[str, Path]:
    """``("xlsx" | "csv" | "sav", path to read)`` for an export path, or a clear error."""
    path = Path(path)
    if not path.exists():
        raise MissingFileError(
            f"{path} does not exist",
            file=path,
            hint="give the .xlsx or .sav export, or the folder holding dataset.csv, "
            "labels.csv and structure.csv",
        )
    if path.is_dir():
        names = {p.name.lower() for p in path.iterdir()}
        if any(f"{m}.csv" in names for m in MEMBERS):
            return "csv", path
        exports = sorted(p for p in path.iterdir() if p.suffix.lower() in _XLSX | _SAV)
        if len(exports) == 1:
            return detect_format(exports[0])
        raise ExportFormatError(
            f"cannot tell which export in {path.name}/ to read",
            file=path,
            expected="dataset.csv + labels.csv + structure.csv, or a single .xlsx/.sav file",
            found=", ".join(sorted(names)[:12]) or "an empty folder",
            hint="pass the path of the export file itself",
        )
    suffix = path.suffix.lower()
    with path.open("rb") as handle:
        magic = handle.read(4)
    if suffix in _XLSX or (suffix not in _SAV and magic.startswith(b"PK")):
        if not magic.startswith(b"PK"):
            raise ExportFormatError(
                f"{path.name} is not an .xlsx workbook",
                file=path,
                found=f"first bytes {magic!r}",
                expected="a zip-based Excel file (first bytes b'PK')",
                hint="an old .xls or a CSV renamed to .xlsx? Export again as Excel (.xlsx)",
            )
        return "xlsx", path
    if suffix in _SAV or magic in {b"$FL2", b"$FL3"}:
        return "sav", path
    if suffix == ".csv" and path.stem.lower() in MEMBERS:
        return "csv", path.parent
    raise ExportFormatError(
        f"{path.name} is not a SurveyXact export",
        file=path,
        expected=".xlsx, .sav, or a folder with dataset.csv, labels.csv and structure.csv",
        found=f"a {suffix or 'extensionless'} file",
        hint="export the survey from SurveyXact as Excel, CSV or SPSS",
    )


def read_export(
    path: str | Path, *, encoding: str | None = None, sep: str | None = None
) -> RawExport:
    """The untyped :class:`RawExport` of any format (for tools that want raw codes)."""
    kind, target = detect_format(path)
    if kind == "csv":
        return read_csv_export(target, encoding=encoding, sep=sep)
    if kind == "xlsx":
        return read_xlsx_export(target)
    return read_sav_export(target)


def read_surveyxact(
    path: str | Path,
    *,
    encoding: str | None = None,
    sep: str | None = None,
    missing_labels: Iterable[str] = (),
    personal: Iterable[str] = (),
    strict: bool = True,
    progress: bool | None = None,
) -> Survey:
    """Read a SurveyXact export (.xlsx, CSV folder or .sav) into a typed :class:`Survey`.

    Parameters
    ----------
    path
        The ``.xlsx`` export, a folder with ``dataset.csv``, ``labels.csv`` and
        ``structure.csv`` (any of them may be given too), or an SPSS ``.sav`` export.
    encoding, sep
        Override the detected CSV text encoding (``"cp1252"``, ``"utf-8"``, ``"utf-16"``)
        and separator (``";"``, ``","``, ``"\\t"``).
    missing_labels
        Extra labels that mark non-substantive answers, on top of
        :data:`toolkit.MISSING_LABELS` ("Vet ikke", "Ikke relevant", ...).
    personal
        Extra variable names to treat as personal data (left out of outputs by default).
    strict
        When False, variables listed in the structure but absent from the dataset are
        reported in ``survey.problems`` instead of raising.
    progress
        Show a progress bar while typing columns (default: only for big exports).

    Returns
    -------
    Survey
        ``data``, ``codebook``, ``source`` and ``problems``.

    Examples
    --------
    >>> from toolkit import read_surveyxact
    >>> from toolkit.data import example_round
    >>> survey = read_surveyxact(example_round())
    >>> survey.data["region"].value_counts().sort_index().to_dict()
    {'Øst': 76, 'Vest': 62, 'Sør': 28, 'Midt': 42, 'Nord': 50}
    >>> survey.source.format
    'xlsx'
    """
    raw = read_export(path, encoding=encoding, sep=sep)
    options = dict(missing_labels=missing_labels, personal=personal, strict=strict)
    return _build(raw, release=True, progress=progress, **options)
