"""Load speed and memory: the toolkit's read_surveyxact beside the bare readers, same run.

Generates a 100,000 × 240 SurveyXact export (cached under .bench-cache/: CSV cp1252 ';',
.xlsx, .sav) and times, each in a fresh process (best of N runs, peak RSS):

* CSV:  toolkit vs the faster of pyarrow.csv.read_csv (file's encoding) and pandas.read_csv
* xlsx: toolkit vs python-calamine reading the Dataset sheet to Python rows
* sav:  toolkit vs plain pyreadstat.read_sav

Targets (issue 3): CSV ≤ 1.5×, xlsx ≤ 1.3×, sav ≤ 1.3×; toolkit memory ≤ 2× the bare
pandas DataFrame. Usage: python benchmarks/load_surveyxact.py [--rows N] [--repeat K]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import resource
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
N_LIKERT, N_MULTI, N_OPEN, N_BACKGROUND = 200, 30, 5, 5  # 240 columns


def make_tables(rows: int, seed: int = 1, likert: int = N_LIKERT):
    from toolkit.surveys.builder import AGREEMENT, DONT_KNOW, ExportBuilder

    rng = np.random.default_rng(seed)
    b = ExportBuilder()
    b.columns |= {  # the distribution list's columns come first, as in SurveyXact
        "respondentid": np.arange(10_000_000, 10_000_000 + rows),
        "kontorstr": rng.integers(1, 4, rows),
        "region": rng.integers(1, 6, rows),
        "email": np.array([f"r{i}@eksempel.invalid" for i in range(rows)], dtype=object),
        "created": "2026-03-02 08:00:00",
    }
    for name, n in (("kontorstr", 3), ("region", 5)):
        b.single(name, name, [f"{name} {c}" for c in range(1, n + 1)], b.columns[name])
    for i in range(likert):
        values = rng.integers(1, 7, rows).astype("float64")
        values[rng.random(rows) < 0.15] = np.nan
        text = f"Spørsmål {i // 10} - Påstand {i}"
        b.single(f"q{i // 10}_{i % 10 + 1}", text, [*AGREEMENT, DONT_KNOW], _int(values))
    chosen = np.empty((rows, N_MULTI))
    for i in range(N_MULTI):
        chosen[:, i] = (rng.random(rows) < 0.3).astype("float64")
        chosen[rng.random(rows) < 0.1, i] = np.nan
    b.multiple("m", "Hvilke tiltak?", [f"Tiltak {i}" for i in range(N_MULTI)], chosen)
    for i in range(N_MULTI):
        b.columns[f"m_{i + 1}"] = _int(b.columns[f"m_{i + 1}"])
    words = np.array(
        ["Bra", "Travelt på kontoret", "For lite tid; mer opplæring", "Æøå"], dtype=object
    )
    for i in range(N_OPEN):
        answers = np.where(rng.random(rows) < 0.2, words[rng.integers(0, 4, rows)], None)
        b.open(f"k_{i + 1}", f"Kommentar {i}", answers)
    return b.tables()


def _int(values: np.ndarray):
    """Whole codes with blanks, as pandas' nullable integers (how a reader hands them on)."""
    return pd.array(values, dtype="Int64")


def _col_name(j: int) -> str:
    name = ""
    j += 1
    while j:
        j, r = divmod(j - 1, 26)
        name = chr(65 + r) + name
    return name


def _sheet_xml(rows: list[list]) -> str:
    out = [
        '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxml'
        'formats.org/spreadsheetml/2006/main"><sheetData>'
    ]
    letters = [_col_name(j) for j in range(max(len(r) for r in rows))]
    for i, row in enumerate(rows, start=1):
        cells = []
        for j, v in enumerate(row):
            if v is None or v is pd.NA or (isinstance(v, float) and v != v):
                continue
            ref = f"{letters[j]}{i}"
            if isinstance(v, int | float | np.integer | np.floating):
                cells.append(f'<c r="{ref}"><v>{v}</v></c>')
            else:
                cells.append(f'<c r="{ref}" t="inlineStr"><is><t>{escape(str(v))}</t></is></c>')
        out.append(f'<row r="{i}">{"".join(cells)}</row>')
    out.append("</sheetData></worksheet>")
    return "".join(out)


_NS = "http://schemas.openxmlformats.org"
_SHEET_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_XML = '<?xml version="1.0" encoding="UTF-8"?>'
_REL = f"{_NS}/officeDocument/2006/relationships"


def _rels(targets: list[tuple[str, str]]) -> str:
    items = "".join(
        f'<Relationship Id="rId{i}" Type="{_REL}/{kind}" Target="{target}"/>'
        for i, (kind, target) in enumerate(targets, 1)
    )
    return f'{_XML}<Relationships xmlns="{_NS}/package/2006/relationships">{items}</Relationships>'


def write_fast_xlsx(tables, path: Path) -> None:
    """A minimal valid .xlsx (inline strings) written directly: openpyxl is too slow here."""
    from toolkit.surveys.export import STRUCTURE_COLUMNS

    data = tables.dataset.astype(object).where(tables.dataset.notna(), None)
    sheets = {
        "Labels": [list(r) for r in tables.labels.itertuples(index=False)],
        "Dataset": [list(data.columns), *map(list, data.itertuples(index=False))],
        "Structure": [STRUCTURE_COLUMNS, *map(list, tables.structure.itertuples(index=False))],
    }
    overrides = [("/xl/workbook.xml", f"{_SHEET_CT}.sheet.main+xml")] + [
        (f"/xl/worksheets/sheet{i}.xml", f"{_SHEET_CT}.worksheet+xml") for i in range(1, 4)
    ]
    types = (
        f'{_XML}<Types xmlns="{_NS}/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        + "".join(f'<Override PartName="{p}" ContentType="{c}"/>' for p, c in overrides)
        + "</Types>"
    )
    names = "".join(
        f'<sheet name="{n}" sheetId="{i}" r:id="rId{i}"/>' for i, n in enumerate(sheets, 1)
    )
    workbook = (
        f'{_XML}<workbook xmlns="{_NS}/spreadsheetml/2006/main" xmlns:r="{_REL}">'
        f"<sheets>{names}</sheets></workbook>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", types)
        z.writestr("_rels/.rels", _rels([("officeDocument", "xl/workbook.xml")]))
        z.writestr("xl/workbook.xml", workbook)
        z.writestr(
            "xl/_rels/workbook.xml.rels",
            _rels([("worksheet", f"worksheets/sheet{i}.xml") for i in range(1, 4)]),
        )
        for i, rows in enumerate(sheets.values(), 1):
            z.writestr(f"xl/worksheets/sheet{i}.xml", _sheet_xml(rows))


def prepare(rows: int, formats: list[str]) -> Path:
    from toolkit.surveys.synthetic import ExportTables, write_csv_export, write_sav_export

    folder = ROOT / ".bench-cache" / f"export_{rows}"
    if all((folder / f"done_{fmt}").exists() for fmt in formats):
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    print(f"generating a {rows:,} × 240 export in {folder} (once; cached)…", flush=True)
    tables = make_tables(rows)
    header_only = ExportTables(tables.dataset.iloc[:0], tables.structure, tables.labels)
    if "csv" in formats:
        write_csv_export(header_only, folder / "csv", sep=";", encoding="cp1252")
        tables.dataset.to_csv(
            folder / "csv" / "dataset.csv",
            sep=";",
            index=False,
            encoding="cp1252",
            lineterminator="\r\n",
        )
    if "xlsx" in formats:
        write_fast_xlsx(tables, folder / "export.xlsx")
    if "sav" in formats:
        write_sav_export(tables, folder / "export.sav")
    for fmt in formats:
        (folder / f"done_{fmt}").write_text("ok")
    return folder


def run_case(folder: Path, fmt: str, reader: str) -> dict:
    """Executed in a fresh process: best time of the repeats and peak RSS growth."""
    import pyarrow.csv as pacsv
    import pyreadstat
    from python_calamine import CalamineWorkbook

    import toolkit

    rss0 = _reset_peak()
    path = {"csv": folder / "csv", "xlsx": folder / "export.xlsx", "sav": folder / "export.sav"}

    def load():
        if reader == "toolkit":
            return toolkit.read_surveyxact(path[fmt]).data
        if fmt == "csv" and reader == "pyarrow":
            return pacsv.read_csv(
                path["csv"] / "dataset.csv",
                read_options=pacsv.ReadOptions(encoding="cp1252"),
                parse_options=pacsv.ParseOptions(delimiter=";", newlines_in_values=True),
            )
        if fmt == "csv":
            return pd.read_csv(path["csv"] / "dataset.csv", sep=";", encoding="cp1252")
        if fmt == "xlsx":
            book = CalamineWorkbook.from_path(str(path["xlsx"]))
            return book.get_sheet_by_name("Dataset").to_python()
        return pyreadstat.read_sav(str(path["sav"]))[0]

    times = []
    for _ in range(int(sys.argv[5]) if len(sys.argv) > 5 else 3):
        start = time.perf_counter()
        result = load()
        times.append(time.perf_counter() - start)
        size = (
            result.memory_usage(deep=True).sum()
            if isinstance(result, pd.DataFrame)
            else getattr(result, "nbytes", 0)
        )
        del result
    return {"seconds": min(times), "peak_mb": (_peak() - rss0) / 1024, "frame_mb": size / 2**20}


def _status_kb(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field):
            return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _reset_peak() -> int:
    """Reset the kernel's peak-RSS mark (Linux) after imports; return current RSS in KiB."""
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")
    return _status_kb("VmRSS:")


def _peak() -> int:
    return _status_kb("VmHWM:")


def measure(folder: Path, fmt: str, reader: str, repeat: int) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--case", str(folder), fmt, reader, str(repeat)],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--case":
        print(json.dumps(run_case(Path(sys.argv[2]), sys.argv[3], sys.argv[4])))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--formats", default="csv,xlsx,sav", help="e.g. csv (1M rows: CSV only)")
    args = parser.parse_args()
    formats = args.formats.split(",")
    folder = prepare(args.rows, formats)
    print(
        f"{args.rows:,} respondents × 240 variables; best of {args.repeat} (xlsx "
        f"{max(1, args.repeat - 1)}); each reader in a fresh process; peak = RSS growth"
    )
    print(f"{'format':<6} {'reader':<12} {'seconds':>8} {'peak MB':>8} {'frame MB':>9}  ratio")
    targets = {"csv": 1.5, "xlsx": 1.3, "sav": 1.3}
    bare_readers = {"csv": ["pyarrow", "pandas"], "xlsx": ["calamine"], "sav": ["pyreadstat"]}
    pandas_frame_mb = 0.0
    for fmt, bare in bare_readers.items():
        if fmt not in formats:
            continue
        repeat = args.repeat if fmt != "xlsx" else max(1, args.repeat - 1)
        results = {r: measure(folder, fmt, r, repeat) for r in [*bare, "toolkit"]}
        pandas_frame_mb = pandas_frame_mb or results.get("pandas", {}).get("frame_mb", 0)
        floor = min(results[r]["seconds"] for r in bare)
        bare_peak = max(results[r]["peak_mb"] for r in bare)
        for reader, res in results.items():
            ratio = res["seconds"] / floor
            memory = f"memory {res['peak_mb'] / bare_peak:.2f}× the bare reader's peak"
            if pandas_frame_mb:
                memory += f", {res['peak_mb'] / pandas_frame_mb:.2f}× the bare pandas frame"
            note = (
                f"{ratio:.2f}× (target ≤ {targets[fmt]}×); {memory}" if reader == "toolkit" else ""
            )
            print(
                f"{fmt:<6} {reader:<12} {res['seconds']:>8.2f} {res['peak_mb']:>8.0f} "
                f"{res['frame_mb']:>9.0f}  {note}",
                flush=True,
            )


if __name__ == "__main__":
    main()
