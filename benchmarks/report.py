"""Report builds, cold (a new process, no cache), with the time per stage (issue 10).

* the real 242-variable fixture with no configuration: target under 60 s;
* the example report (report.toml: 2026 round, weights, rounds, interviews): under 30 s.

Each is printed beside a floor measured in the same run: a new process that only imports
the toolkit and reads the export, so the ratio shows what building the report adds.

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


def _timed(args: list[str], cwd: Path) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run(args, cwd=cwd, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    if done.returncode:
        raise SystemExit(f"failed: {' '.join(args)}\n{done.stderr}")
    return seconds, done.stdout


def _floor(export: Path, cwd: Path) -> float:
    code = f"import toolkit; toolkit.read_surveyxact({str(export)!r}, progress=False)"
    return _timed([sys.executable, "-c", code], cwd)[0]


def bench(name: str, export: Path, config: Path | None, target: float, cwd: Path) -> None:
    with tempfile.TemporaryDirectory() as out:
        args = [str(TOOLKIT), "report", str(export), "--out", out, "--quiet"]
        if config:
            args += ["--config", str(config)]
        seconds, printed = _timed(args, cwd)
    floor = _floor(export, cwd)
    stages = re.search(r"time: (.*)", printed)
    verdict = "ok" if seconds < target else "MISSED"
    print(
        f"{name}: {seconds:5.1f} s cold (target < {target:.0f} s: {verdict}); "
        f"import + read only {floor:4.1f} s; ratio {seconds / floor:4.1f}×"
    )
    print(f"  stages: {stages.group(1) if stages else '?'}")


def main() -> None:
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)  # a copy, so the rounds cache is cold and the repository untouched
        for folder in ("surveys", "transcripts"):
            shutil.copytree(ROOT / folder, work / folder, ignore=shutil.ignore_patterns(".cache"))
        shutil.copy(ROOT / "report.toml", work / "report.toml")
        bench("real fixture (242 variables, no config)", FIXTURE, None, 60, work)
        bench(
            "example report (report.toml)",
            work / "surveys/2026/ledere_2026.xlsx",
            work / "report.toml",
            30,
            work,
        )


if __name__ == "__main__":
    main()
