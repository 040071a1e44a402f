"""The suite fails when a test writes into the repository (tests/conftest.py compares the
clone's file list, ignored files included, before and after the run). Shown here on a
probe run whose only test writes a file into the clone."""

from __future__ import annotations

import subprocess
import sys
import uuid

from tests.conftest import ROOT


def test_a_run_that_writes_into_the_repository_fails(tmp_path):
    stray = ROOT / f"probe-{uuid.uuid4().hex}.txt"
    probe = tmp_path / "test_probe.py"
    probe.write_text(
        "from pathlib import Path\n\n"
        f"def test_writes():\n    Path({str(stray)!r}).write_text('x')\n"
    )
    try:
        done = subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-p", "tests.conftest", "-p",
             "no:cacheprovider", "--rootdir", str(tmp_path), "-c", "/dev/null", str(probe)],
            cwd=ROOT, capture_output=True, text=True, timeout=120,
        )  # fmt: skip
    finally:
        stray.unlink(missing_ok=True)
    assert "1 passed" in done.stdout, done.stdout + done.stderr  # the test itself passed
    assert done.returncode == 1  # but the run failed, naming the file
    assert "wrote into the repository" in done.stdout and stray.name in done.stdout
