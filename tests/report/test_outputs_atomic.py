"""The output folder is never left half-written and nothing of the user's in it is touched
(issue 20): a build killed at any stage, or failing, leaves the previous report as it was;
a second build into the same folder is refused; only files an earlier build's manifest lists
are replaced or deleted."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.report.helpers import digests
from toolkit.errors import UsageError
from toolkit.report import build_report
from toolkit.report.publish import OutputFolder

CONFIG = """\
[report]
title = "Ledersurvey"

[[chapters]]
title = "Samarbeid"
questions = ["b1"]

[[chapters]]
title = "Tiltak"
questions = ["s_12"]
"""
SHORTER = CONFIG.split('[[chapters]]\ntitle = "Tiltak"')[0]


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    from toolkit.data import example_round

    folder = tmp_path_factory.mktemp("atomic")
    (folder / "data").mkdir()
    shutil.copy(example_round(), folder / "data/ledere.xlsx")
    (folder / "report.toml").write_text(CONFIG, encoding="utf-8")
    (folder / "kortere.toml").write_text(SHORTER, encoding="utf-8")
    return folder


def _cli(
    project: Path, out: Path, config: str = "report.toml", **env
) -> subprocess.CompletedProcess:
    toolkit = Path(sys.executable).with_name("toolkit")
    args = [str(toolkit), "report", "data/ledere.xlsx", "--config", config, "--out", str(out)]
    return subprocess.run(
        [*args, "--quiet", "--cache", str(project.parent / f"{project.name}-cache")],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        check=False,
    )


@pytest.fixture(scope="module")
def built(project) -> Path:
    out = project / "build"
    done = _cli(project, out)
    assert done.returncode == 0, done.stderr
    return out


@pytest.mark.parametrize(
    "stage", ["read", "analyse", "charts", "html", "word", "excel", "audit", "publish"]
)
def test_a_build_killed_at_any_stage_leaves_the_previous_report(project, built, tmp_path, stage):
    out = tmp_path / "build"
    shutil.copytree(built, out)
    (out / "notater.txt").write_text("mine", encoding="utf-8")
    before = digests(out)
    done = _cli(project, out, "kortere.toml", TOOLKIT_TEST_KILL_AT=stage)
    assert done.returncode == -9, done.stderr  # killed, as a power cut would
    after = digests(out)
    assert {k: v for k, v in after.items() if not k.startswith(".toolkit-staging-")} == before
    again = _cli(project, out, "kortere.toml")  # the next build completes and tidies up
    assert again.returncode == 0, again.stderr
    names = set(digests(out))
    assert not any(n.startswith(".toolkit") for n in names)
    assert "notater.txt" in names
    # the shorter report has fewer figures: the previous build's extra ones are gone
    assert len([n for n in names if n.startswith("figurer/")]) < len(
        [n for n in before if n.startswith("figurer/")]
    )


def test_a_failing_build_leaves_the_previous_report(project, built, tmp_path, monkeypatch):
    out = tmp_path / "build"
    shutil.copytree(built, out)
    before = digests(out)

    def broken(*args, **kwargs):
        raise RuntimeError("Word fell over")

    monkeypatch.setattr("toolkit.report.word.report_docx", broken)
    with pytest.raises(RuntimeError, match="Word fell over"):
        build_report(
            project / "data/ledere.xlsx", out, config=project / "kortere.toml", progress=False
        )
    assert digests(out) == before  # and no staging folder left


def test_a_second_build_into_the_same_folder_is_refused(project, tmp_path):
    out = tmp_path / "build"
    with OutputFolder(out):  # a build running
        done = _cli(project, out)
    assert done.returncode == 2
    assert "another build is writing into" in done.stderr
    assert not list(out.glob("report.*"))


def test_a_file_of_the_users_under_an_outputs_name_is_refused_before_any_work(project, tmp_path):
    out = tmp_path / "build"
    out.mkdir()
    mine = out / "report.docx"
    mine.write_bytes(b"my own draft")
    done = _cli(project, out, TOOLKIT_TEST_KILL_AT="analyse")  # refused before the analysis
    assert done.returncode == 2, done.stderr
    assert "report.docx" in done.stderr and "not written by the toolkit" in done.stderr
    assert mine.read_bytes() == b"my own draft"
    assert sorted(p.name for p in out.iterdir()) == ["report.docx"]


def test_a_figure_of_the_users_in_figurer_is_left_alone(project, built, tmp_path):
    out = tmp_path / "build"
    shutil.copytree(built, out)
    mine = out / "figurer" / "figur-99-min-egen.png"
    mine.write_bytes(b"not the toolkit's")
    done = _cli(project, out, "kortere.toml")
    assert done.returncode == 0, done.stderr
    assert mine.read_bytes() == b"not the toolkit's"


def test_the_api_refuses_a_running_build_too(project, tmp_path):
    out = tmp_path / "build"
    with OutputFolder(out), pytest.raises(UsageError, match="another build"):
        build_report(project / "data/ledere.xlsx", out, config=project / "report.toml")
