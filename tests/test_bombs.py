"""Every bomb is refused within 1 GiB of memory, including the ones that used to abort the
Python process. One fresh child process reads them all in turn and reports its peak RSS,
which bounds every one of them.

The peak is the child's own high-water mark (``VmHWM``): ``ru_maxrss`` survives ``exec`` on
Linux, so under a large test run it would report the forking pytest process's peak instead."""

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


def peak_kib():
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


for reader, path in zip(sys.argv[1::2], sys.argv[2::2]):
    try:
        getattr(toolkit, reader)(path)
        print("loaded", path)
    except toolkit.ToolkitError as error:
        print("refused", type(error).__name__)
    print("peak so far", peak_kib(), file=sys.stderr)
print(peak_kib())
"""


@pytest.mark.slow
def test_every_bomb_is_refused_under_one_gib(tmp_path):
    args = []
    for number, (build, reader) in enumerate(BOMBS.values()):
        folder = tmp_path / str(number)
        folder.mkdir()
        args += [reader, str(build(folder))]
    done = subprocess.run(
        [sys.executable, "-c", CHILD, *args], capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, f"the process died ({done.returncode}): {done.stderr}"
    *verdicts, peak_kib = done.stdout.strip().splitlines()
    assert dict(zip(BOMBS, verdicts, strict=True)) == {
        name: verdict
        for name, verdict in zip(BOMBS, verdicts, strict=True)
        if verdict.startswith("refused")
    }
    assert int(peak_kib) < 1 << 20, f"peak {int(peak_kib) / 1024:.0f} MiB; {done.stderr}"
