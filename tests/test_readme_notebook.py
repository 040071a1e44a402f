"""The README's Python blocks run, in order, in a fresh Jupyter kernel (nbclient), as a
researcher pastes them into a notebook: no error, and a chart returned as a cell's last
value is shown as a picture, once, with no %matplotlib magic."""

from __future__ import annotations

import re

import pytest

from tests.conftest import ROOT, copy_build

pytestmark = pytest.mark.slow


def _blocks() -> list[str]:
    return re.findall(r"```python\n(.*?)```", (ROOT / "README.md").read_text(), re.S)


def test_every_readme_block_runs_in_a_fresh_kernel(example_build, example_project_copy, tmp_path):
    import nbformat
    from nbclient import NotebookClient

    from toolkit.check.example import main as write_example_draft

    # the working folder of a user who ran `make report`: build/ with the example draft
    build = copy_build(example_build, tmp_path / "build")
    export = example_project_copy.parent / "surveys/2026/ledere_2026.xlsx"
    assert (
        write_example_draft(
            ["--build", str(build), "--survey", str(export), "--config", str(example_project_copy)]
        )
        == 0
    )
    blocks = _blocks()
    assert len(blocks) >= 8
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(block) for block in blocks]
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    NotebookClient(notebook, timeout=300, resources={"metadata": {"path": str(tmp_path)}}).execute()
    for cell in notebook.cells:
        errors = [o for o in cell.outputs if o.output_type == "error"]
        assert errors == [], cell.source
    for cell in notebook.cells:
        last = [line for line in cell.source.splitlines() if line.strip()][-1]
        images = [o for o in cell.outputs if "image/png" in o.get("data", {})]
        if re.match(r"toolkit\.\w+_chart\(", last):
            assert len(images) == 1, cell.source  # shown once, as a picture
            texts = [o["data"].get("text/plain", "") for o in images]
            assert not any(t.startswith("<Figure size") for t in texts)
        else:
            assert images == [], cell.source
