"""Hand-written report notebooks: run headless, inputs checked before a kernel starts, a
failing cell reported with its number and the whole message, no stderr noise."""

from __future__ import annotations

import time

import nbformat
import pytest

from tests.conftest import ROOT
from toolkit.cli import main
from toolkit.data import example_round
from toolkit.errors import MissingFileError, ToolkitError
from toolkit.report import ReportError, run_notebook


def _notebook(path, *cells) -> None:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nb.cells = [nbformat.v4.new_code_cell("survey_path = None", metadata={"tags": ["parameters"]})]
    nb.cells += [nbformat.v4.new_code_cell(c) for c in cells]
    nbformat.write(nb, path)


def test_inputs_are_checked_before_any_kernel_starts(tmp_path):
    started = time.perf_counter()
    with pytest.raises(MissingFileError, match=r"survey_path: .* does not exist"):
        run_notebook(
            ROOT / "notebooks/report.ipynb",
            tmp_path,
            parameters={"survey_path": str(tmp_path / "nope.xlsx")},
            progress=False,
        )
    assert time.perf_counter() - started < 3
    (tmp_path / "notes.txt").write_text("x")
    with pytest.raises(ToolkitError, match=r"cannot tell|not a SurveyXact|export"):
        run_notebook(
            ROOT / "notebooks/report.ipynb",
            tmp_path,
            parameters={"survey_path": str(tmp_path / "notes.txt")},
            progress=False,
        )


@pytest.mark.slow
def test_a_failing_cell_names_its_number_and_the_whole_error(tmp_path):
    path = tmp_path / "mal.ipynb"
    _notebook(
        path,
        "import toolkit\nsurvey = toolkit.read_surveyxact(survey_path)",
        "survey.entry('b9_9')",
    )
    with pytest.raises(ReportError) as caught:
        run_notebook(
            path, tmp_path / "out", parameters={"survey_path": str(example_round())}, progress=False
        )
    message = str(caught.value)
    assert "stopped in cell 4 with UsageError" in message  # parameters, injected, 2 cells
    assert "no variable 'b9_9' in this survey" in message and "similar names" in message
    assert "\x1b[" not in message


@pytest.mark.slow
def test_the_template_runs_on_any_export_without_noise(tmp_path, capsys):
    out = tmp_path / "out"
    code = main(
        [
            "report",
            str(ROOT / "notebooks/report.ipynb"),
            "--survey",
            str(ROOT / "tests/fixtures/surveyxact/ex_survey2/csv_semicolon_ansi"),
            "--out",
            str(out),
            "--quiet",
        ]
    )
    assert code == 0
    html = (out / "report.html").read_text(encoding="utf-8")
    assert html.startswith('<!DOCTYPE html>\n<html lang="nb">')
    assert "Om undersøkelsen" in html and "Hvilket matematikkfag hadde du på Vg1?" in html
    for noise in ("TqdmWarning", "Traceback", "stderr", "IProgress", "it/s]"):
        assert noise not in html
    assert "Kernel is running over TCP" not in capsys.readouterr().err
    assert (out / "manifest.json").is_file()
