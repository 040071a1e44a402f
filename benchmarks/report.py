"""Report builds and start-up, each beside a floor measured in the same run (issue 19).

Prints one table: job, seconds, floor, ratio, target, verdict. Every job runs in a new
process (cold: nothing cached between runs); short jobs are timed as the best of three.

| job | floor |
|---|---|
| ``python -c "import toolkit"`` | ``python -c "import pandas"`` |
| ``toolkit --help`` | ``python -c pass`` |
| a configuration error on the real fixture | import the toolkit and read the export |
| the example report, cold | import the toolkit and read the export |
| the real fixture, one ``by``, tests on, cold | import the toolkit and read the export |
| one Likert chart, PNG 300 dpi + SVG | a bare matplotlib ``barh`` of the same data, saved alike |

Usage: python benchmarks/report.py
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TOOLKIT = Path(sys.executable).with_name("toolkit")
FIXTURE = ROOT / "tests/fixtures/surveyxact/ex_survey2/ex_survey2.xlsx"
ROWS: list[tuple] = []


def _timed(args: list[str], cwd: Path, *, expect: int = 0) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run(args, cwd=cwd, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    if done.returncode != expect:
        raise SystemExit(f"failed ({done.returncode}): {' '.join(args)}\n{done.stderr}")
    return seconds, done.stdout + done.stderr


def _best(args: list[str], cwd: Path, *, expect: int = 0, repeat: int = 3) -> float:
    return min(_timed(args, cwd, expect=expect)[0] for _ in range(repeat))


def _python(code: str, cwd: Path, repeat: int = 3) -> float:
    return _best([sys.executable, "-c", code], cwd, repeat=repeat)


def row(job: str, seconds: float, floor: float, target: str, ok: bool) -> None:
    ROWS.append((job, seconds, floor, seconds / floor, target, "ok" if ok else "MISSED"))


def startup(cwd: Path) -> None:
    seconds = _python("import toolkit", cwd)
    pandas = _python("import pandas", cwd)
    row(
        "import toolkit",
        seconds,
        pandas,
        "< 0.5 s, ≤ 1.5× pandas",
        seconds < 0.5 and seconds <= 1.5 * pandas,
    )
    seconds = _best([str(TOOLKIT), "--help"], cwd)
    row("toolkit --help", seconds, _python("pass", cwd), "< 0.5 s", seconds < 0.5)


def read_floor(export: Path, cwd: Path) -> float:
    return _python(f"import toolkit; toolkit.read_surveyxact({str(export)!r})", cwd, repeat=1)


def config_error(cwd: Path) -> None:
    config = cwd / "feil.toml"
    config.write_text('[[chapters]]\ntitle = "A"\nquestions = ["finnes_ikke"]\n', encoding="utf-8")
    args = [str(TOOLKIT), "report", str(FIXTURE), "--config", str(config), "--out", str(cwd / "x")]
    seconds = _best([*args, "--quiet"], cwd, expect=2)
    row(
        "configuration error, real fixture", seconds, read_floor(FIXTURE, cwd), "< 2 s", seconds < 2
    )


def build(job: str, export: Path, config: Path | None, target: float, cwd: Path) -> None:
    with tempfile.TemporaryDirectory() as out:
        args = [str(TOOLKIT), "report", str(export), "--out", out, "--quiet"]
        if config:
            args += ["--config", str(config)]
        seconds, printed = _timed(args, cwd)
    row(job, seconds, read_floor(export, cwd), f"< {target:.0f} s", seconds < target)
    stages = re.search(r"time: (.*)", printed)
    print(f"  {job}: {stages.group(1) if stages else '?'}", flush=True)


CHART = """
import time, io, toolkit
from toolkit.present.figures import render_pair
survey = toolkit.read_surveyxact(toolkit.data.example_round())
summary = toolkit.likert_summary(survey, "b1")
{body}
"""
TOOLKIT_CHART = """
started = time.perf_counter()
render_pair(toolkit.likert_chart(summary, diverging=True))
print(time.perf_counter() - started)
"""
BARE_CHART = """
from matplotlib.figure import Figure
from matplotlib.backends.backend_agg import FigureCanvasAgg
sub = summary[summary["substantive"]]
table = sub.pivot_table(index="item", columns="category", values="percent", observed=True)
started = time.perf_counter()
figure = Figure(figsize=(9, 5)); FigureCanvasAgg(figure); ax = figure.subplots()
left = 0
for column in table.columns:
    ax.barh(table.index.astype(str), table[column], left=left); left = left + table[column]
for kind, dpi in (("png", 300), ("svg", 72)):
    figure.savefig(io.BytesIO(), format=kind, dpi=dpi, bbox_inches="tight")
print(time.perf_counter() - started)
"""


def chart(cwd: Path) -> None:
    def run(body: str) -> float:
        code = CHART.format(body=body)
        return min(
            float(_timed([sys.executable, "-c", code], cwd)[1].split()[-1]) for _ in range(3)
        )

    seconds, floor = run(TOOLKIT_CHART), run(BARE_CHART)
    row("one Likert chart, PNG + SVG", seconds, floor, "≤ 2× bare barh", seconds <= 2 * floor)


def main() -> None:
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)  # a copy of the project: the repository is never written
        for folder in ("surveys", "transcripts"):
            shutil.copytree(ROOT / folder, work / folder)
        shutil.copy(ROOT / "report.toml", work / "report.toml")
        by = work / "by.toml"
        by.write_text('[report]\nby = ["b_1"]\n\n[parts]\ntests = true\n', encoding="utf-8")
        startup(work)
        config_error(work)
        chart(work)
        example = work / "surveys/2026/ledere_2026.xlsx"
        build("example report, cold", example, work / "report.toml", 15, work)
        build("real fixture, by + tests, cold", FIXTURE, by, 60, work)
    print(f"\n{'job':<36} {'seconds':>8} {'floor':>7} {'ratio':>6}  target")
    for job, seconds, floor, ratio, target, verdict in ROWS:
        print(f"{job:<36} {seconds:8.2f} {floor:7.2f} {ratio:5.1f}×  {target} → {verdict}")
    print(
        "\nnot built yet (issue 19): the cache of analysed tables and figures (rebuild after a "
        "title change), the 14-group breakdown memory bound, the 20 000 × 400 export"
    )


if __name__ == "__main__":
    main()
