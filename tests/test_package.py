"""Installed as a package (not a clone): the built wheel carries the example rounds, the
interview project, the notebook template and the example report configuration, so
``pip install`` followed by the README example and ``toolkit report`` works.

The wheel is built offline from a copy of the source tree (never in the repository) and
installed into a fresh virtual environment that borrows the dependencies of this one."""

from __future__ import annotations

import getpass
import shutil
import socket
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.report.helpers import leaks

pytestmark = pytest.mark.slow
SKIP = (
    ".venv",
    ".git",
    "build",
    ".cache",
    ".bench-cache",
    ".setuptools-build",
    "*.egg-info",
    "__pycache__",
    ".pytest_cache",
    ".ruff_cache",
)


def _run(args, cwd, timeout=600) -> subprocess.CompletedProcess:
    done = subprocess.run(
        args, cwd=cwd, capture_output=True, text=True, timeout=timeout, check=False
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    return done


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("package")
    source = work / "src"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(*SKIP))
    _run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            str(source),
            "--no-deps",
            "--no-build-isolation",
            "--no-index",
            "-q",
            "-w",
            str(work / "dist"),
        ],
        work,
    )
    wheel = next((work / "dist").glob("toolkit-*.whl"))
    venv = work / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", str(venv)], work)
    python = venv / "bin" / "python"
    _run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--no-deps",
            "--no-index",
            "-q",
            str(wheel),
        ],
        work,
    )
    purelib = _run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], work
    ).stdout.strip()
    Path(purelib, "borrowed-dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n")
    return venv


def test_the_examples_come_from_the_installed_package(installed, tmp_path):
    readme = (ROOT / "README.md").read_text().split("## In a notebook", 1)[1]
    code = readme.split("```python", 1)[1].split("```", 1)[0]
    check = (
        code + "\nimport toolkit.data as d\n"
        "assert '_examples' in str(d.example_round()), d.example_round()\n"
        "assert str(d.example_round()).startswith(str(__import__('sys').prefix))\n"
        "assert survey.n == 258\nprint(toolkit.__file__)\n"
    )
    done = _run([str(installed / "bin" / "python"), "-c", check], tmp_path)
    assert str(installed) in done.stdout


def test_toolkit_report_runs_from_the_installed_package(installed, tmp_path):
    export = _run(
        [
            str(installed / "bin" / "python"),
            "-c",
            "import toolkit.data as d; print(d.example_round()); print(d.example_config())",
        ],
        tmp_path,
    ).stdout.splitlines()
    _run(
        [
            str(installed / "bin" / "toolkit"),
            "report",
            export[0],
            "--config",
            export[1],  # the example's configuration: rounds, weights, interviews
            "--out",
            str(tmp_path / "out"),
            "--quiet",
        ],
        tmp_path,
    )
    assert (tmp_path / "out" / "report.html").is_file()
    assert (tmp_path / "out" / "report.docx").is_file()
    # built from the installed package's examples (transcripts included): no path of the
    # installation, of the working folder or of the home folder, and no user or host name,
    # in any file or in any member of the Word and Excel zips (properties included)
    user, host = getpass.getuser(), socket.gethostname()
    needles = [str(installed), str(tmp_path), str(Path.home()), "site-packages", "/_examples"]
    needles += [name for name in (user, host) if len(name) >= 6]  # "root" is in any XML
    assert leaks(tmp_path / "out", needles) == []
    html = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert "prosjekt.qdpx" in html  # the transcripts are named, by file name
