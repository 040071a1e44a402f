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
| the example, rebuilt after a new report title | its cold build |
| the real fixture, rebuilt after one chapter's new title | its cold build |
| the real fixture by a 14-group variable, tests on | import the toolkit and read the export |
| a synthetic 20 000 × 400 export, full report | import the toolkit and read the export |
| one Likert chart, PNG 300 dpi + SVG | a bare matplotlib ``barh`` of the same data, saved alike |

Peak memory is the largest resident set of the build and its workers (``RUSAGE_CHILDREN``
of a small wrapper process that runs only the build).

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


MEASURED = """
import resource, subprocess, sys, time
started = time.perf_counter()
done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
seconds = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(done.stdout + done.stderr)
print(f"MEASURED {done.returncode} {seconds} {peak}")
"""


def _build(export: Path, out: Path, config: Path | None, cwd: Path, *cache: str):
    """Seconds, peak MiB and printed stage times of one ``toolkit report`` in a fresh
    wrapper process (so the peak is the build's own)."""
    args = [str(TOOLKIT), "report", str(export), "--out", str(out), "--quiet", *cache]
    if config:
        args += ["--config", str(config)]
    _, printed = _timed([sys.executable, "-c", MEASURED, *args], cwd)
    code, seconds, peak = printed.rsplit("MEASURED ", 1)[1].split()
    if code != "0":
        raise SystemExit(f"failed ({code}): {' '.join(args)}\n{printed}")
    stages = re.search(r"time: (.*)", printed)
    return float(seconds), float(peak), stages.group(1) if stages else "?"


def build(
    job: str, export: Path, config: Path | None, target: float, cwd: Path, memory: float = 0
) -> float:
    with tempfile.TemporaryDirectory() as out:
        seconds, peak, stages = _build(export, Path(out), config, cwd, "--no-cache")
    goal = f"< {target:.0f} s" + (f", < {memory:.0f} MiB" if memory else "")
    ok = seconds < target and (not memory or peak < memory)
    row(job, seconds, read_floor(export, cwd), goal, ok)
    print(f"  {job}: {stages}; peak {peak:.0f} MiB", flush=True)
    return seconds


def rebuild(job: str, export: Path, config: Path, change, target, cwd: Path) -> None:
    """A cold build with the cache, ``change(config)``, then the rebuild; ``target`` is
    seconds, or a ratio of the cold build when below 1."""
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        cache = ("--cache", str(folder / "cache"))
        cold, _, _ = _build(export, folder / "a", config, cwd, *cache)
        changed = config.with_name(f"changed-{config.name}")  # its paths stay as they were
        changed.write_text(change(config.read_text(encoding="utf-8")), encoding="utf-8")
        seconds, _, stages = _build(export, folder / "b", changed, cwd, *cache)
    limit = target * cold if target < 1 else target
    goal = f"≤ {target}× cold" if target < 1 else f"< {target:.0f} s"
    row(job, seconds, cold, goal, seconds <= limit)
    print(f"  {job}: {stages}", flush=True)


# Both scripts make (but do not render) one toolkit chart before the clock starts: the
# same imports and font loading for both, and the bare chart gets the toolkit chart's size.
CHART = """
import time, io, toolkit
from toolkit.present.figures import render_pair
survey = toolkit.read_surveyxact(toolkit.data.example_round())
summary = toolkit.likert_summary(survey, "b1")
size = toolkit.likert_chart(summary, diverging=True).get_size_inches()
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
figure = Figure(figsize=size); FigureCanvasAgg(figure); ax = figure.subplots()
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


def _one_chapter_renamed(config: str) -> str:
    first = re.search(r'\[\[chapters\]\]\ntitle = "([^"]*)"', config)
    return config.replace(first.group(0), first.group(0).replace(first.group(1), "Nytt navn"))


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
        rebuild(
            "example, new report title",
            example,
            work / "report.toml",
            lambda c: c.replace('title = "', 'title = "Ny: ', 1),
            0.25,
            work,
        )
        build("real fixture, by + tests, cold", FIXTURE, by, 60, work)
        chapters = work / "chapters.toml"
        subprocess.run(
            [str(TOOLKIT), "report", "--init", str(FIXTURE), "--config", str(chapters)],
            cwd=work,
            capture_output=True,
            check=True,
        )
        text = chapters.read_text(encoding="utf-8")
        chapters.write_text(
            text.replace("[report]\n", '[report]\nby = ["b_1"]\n', 1).replace(
                "tests = false", "tests = true"
            ),
            encoding="utf-8",
        )
        rebuild(
            "real fixture, one chapter renamed", FIXTURE, chapters, _one_chapter_renamed, 5, work
        )
        school = work / "school.toml"
        school.write_text('[report]\nby = ["b_1_1"]\n\n[parts]\ntests = true\n', encoding="utf-8")
        build("real fixture, 14 groups + tests", FIXTURE, school, 90, work, memory=1024)
        synthetic = work / "synthetic"
        _synthetic_export(synthetic)
        build("synthetic 20 000 × 400, cold", synthetic, None, 300, work, memory=2048)
    print(f"\n{'job':<36} {'seconds':>8} {'floor':>7} {'ratio':>6}  target")
    for job, seconds, floor, ratio, target, verdict in ROWS:
        print(f"{job:<36} {seconds:8.2f} {floor:7.2f} {ratio:5.1f}×  {target} → {verdict}")


def _synthetic_export(folder: Path) -> None:
    """20 000 respondents × 400 variables (36 agreement grids, a multi-response set, open
    answers, background), as a SurveyXact CSV export (benchmarks/load_surveyxact.py)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from load_surveyxact import make_tables

    from toolkit.surveys.synthetic import write_csv_export

    write_csv_export(make_tables(20_000, likert=360), folder)


if __name__ == "__main__":
    main()
