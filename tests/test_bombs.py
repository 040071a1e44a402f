"""Every bomb is refused within 1 GiB of memory, in a fresh process (peak RSS measured by
the child itself), including the ones that used to abort the Python process."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.interviews import test_hostile_inputs as interviews
from tests.surveys import test_hostile_xlsx as xlsx

BOMBS = {
    "xlsx: a cell at XFD1048576": (xlsx._far_cell, "read_surveyxact"),
    "xlsx: a far cell in row one": (xlsx._far_cell_in_row_one, "read_surveyxact"),
    "xlsx: 150 members of 10 MiB": (xlsx._bomb, "read_surveyxact"),
    "xlsx: a member bigger than declared": (xlsx._lying_size, "read_surveyxact"),
    "qdpx: 150 members of 10 MiB": (interviews._bomb, "read_corpus"),
    "xls: a cell at IV65536": (
        lambda t: interviews._xls(t, interviews.MAXQDA, far=True),
        "read_segments",
    ),
}
CHILD = """
import resource, sys, toolkit
try:
    getattr(toolkit, sys.argv[1])(sys.argv[2])
    print("loaded")
except toolkit.ToolkitError as error:
    print("refused", type(error).__name__)
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


@pytest.mark.slow
@pytest.mark.parametrize("name", list(BOMBS))
def test_bomb_is_refused_under_one_gib(name, tmp_path):
    build, reader = BOMBS[name]
    path = build(tmp_path)
    done = subprocess.run(
        [sys.executable, "-c", CHILD, reader, str(path)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, f"{name}: the process died ({done.returncode}): {done.stderr}"
    verdict, peak_kib = done.stdout.strip().splitlines()
    assert verdict.startswith("refused"), f"{name}: {verdict}"
    assert int(peak_kib) < 1 << 20, f"{name}: peak {int(peak_kib) / 1024:.0f} MiB"
