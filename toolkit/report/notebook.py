"""``toolkit report NOTEBOOK.ipynb --survey EXPORT``: run a hand-written report notebook.

The inputs are checked before any kernel starts (a missing or unreadable export is the
usual ToolkitError, at once). The notebook's cell tagged ``parameters`` holds defaults
(``survey_path``, ``corpus_path``, ``out_dir``); a cell after it sets the values given here,
as papermill does. Kernels run with progress bars off and the HTML leaves out code and
anything written to stderr, so warnings never end up in a report. A failing cell is
reported with its number, the exception type and the whole message (a ToolkitError's
advice included), without terminal colour codes. ``report.html`` and ``manifest.json``
are written into the output folder.
"""

from __future__ import annotations

import os
import re
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from nbformat import NotebookNode

from toolkit.errors import MissingFileError, ReportError
from toolkit.progress import progress_bar
from toolkit.report.html import CSS, esc
from toolkit.report.manifest import inputs, write_manifest

ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def _inject(notebook: NotebookNode, parameters: dict[str, Any]) -> None:
    source = "# Parameters set by the report build\n" + "".join(
        f"{name} = {value!r}\n" for name, value in parameters.items()
    )
    import nbformat

    cell = nbformat.v4.new_code_cell(source, metadata={"tags": ["injected-parameters"]})
    for index, existing in enumerate(notebook.cells):
        if "parameters" in existing.get("metadata", {}).get("tags", []):
            notebook.cells.insert(index + 1, cell)
            return
    notebook.cells.insert(0, cell)


def check_inputs(notebook: Path, parameters: dict[str, Any]) -> None:
    """The notebook and every ``*_path`` parameter exist; the survey is an export."""
    if not notebook.is_file():
        raise MissingFileError(
            f"no notebook {notebook}", file=notebook, hint="give the .ipynb report template"
        )
    for name, value in parameters.items():
        if name.endswith("_path") and value and not Path(value).exists():
            raise MissingFileError(
                f"{name}: {value} does not exist",
                file=value,
                hint=f"check the path given for {name.removesuffix('_path')}",
            )
    if parameters.get("survey_path"):
        from toolkit.surveys.read import detect_format

        detect_format(parameters["survey_path"])


@contextmanager
def _quiet_kernels():
    saved = os.environ.get("TOOLKIT_PROGRESS")
    os.environ["TOOLKIT_PROGRESS"] = "0"
    try:
        yield
    finally:
        if saved is None:
            os.environ.pop("TOOLKIT_PROGRESS", None)
        else:
            os.environ["TOOLKIT_PROGRESS"] = saved


def _failure(nb: NotebookNode, notebook: Path) -> ReportError:
    for number, cell in enumerate(nb.cells, start=1):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                message = ANSI.sub("", str(output.get("evalue", ""))).strip()
                return ReportError(
                    f"the report notebook {notebook.name} stopped in cell {number} with "
                    f"{output.get('ename')}",
                    file=notebook,
                    where=f"cell {number}: {ANSI.sub('', cell.source.splitlines()[0][:120])}"
                    if cell.source
                    else f"cell {number}",
                    found=message,
                    hint="fix the input the message names, or open the notebook in Jupyter and "
                    "run that cell",
                )
    return ReportError(
        f"the report notebook {notebook.name} stopped",
        file=notebook,
        hint="open it in Jupyter and run it to see the failing cell",
    )


def _page(body: str, title: str, language: str) -> str:
    return (
        f'<!DOCTYPE html>\n<html lang="{esc(language)}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{esc(title)}</title>\n<style>\n{CSS}\n</style>\n</head>\n<body>\n<main>\n"
        f"{body}\n</main>\n</body>\n</html>\n"
    )


def run_notebook(
    notebook: str | Path,
    out: str | Path,
    *,
    parameters: dict[str, Any] | None = None,
    timeout: int = 600,
    progress: bool = True,
    language: str = "nb",
) -> Path:
    """Run ``notebook`` with ``parameters``; write ``report.html`` and ``manifest.json``
    into the folder ``out`` (or the named ``.html`` file). Returns the HTML path."""
    notebook, out = Path(notebook), Path(out)
    html_path = out if out.suffix == ".html" else out / "report.html"
    parameters = {"out_dir": str(html_path.parent.resolve()), **dict(parameters or {})}
    check_inputs(notebook, parameters)
    # the kernel machinery is imported when a notebook runs, not with the toolkit (3 s)
    import nbformat
    from jupyter_client.manager import KernelManager
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError
    from nbconvert import HTMLExporter

    nb = nbformat.read(notebook, as_version=4)
    _inject(nb, parameters)
    bar = progress_bar(
        total=sum(c.cell_type == "code" for c in nb.cells),
        desc="report",
        unit="cell",
        show=progress,
    )
    try:
        with _quiet_kernels(), tempfile.TemporaryDirectory() as sockets:
            # IPC sockets in a private folder: no open TCP ports (and no warning about them)
            manager = KernelManager(
                kernel_name="python3", transport="ipc", ip=str(Path(sockets) / "kernel")
            )
            client = NotebookClient(
                nb,
                timeout=timeout,
                km=manager,
                resources={"metadata": {"path": str(notebook.parent.resolve())}},
                on_cell_executed=lambda **_: bar.update(1),
            )
            client.execute()
    except CellExecutionError:
        raise _failure(nb, notebook) from None
    finally:
        bar.close()
    for cell in nb.cells:  # warnings and progress bars are not part of a report
        cell["outputs"] = [o for o in cell.get("outputs", []) if o.get("name") != "stderr"]
    exporter = HTMLExporter(
        template_name="basic",
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )
    body, _ = exporter.from_notebook_node(nb)
    html_path.parent.mkdir(parents=True, exist_ok=True)
    html_path.write_text(_page(body, notebook.stem, language), encoding="utf-8")
    given = [Path(v) for k, v in parameters.items() if k.endswith("_path") and v]
    write_manifest(
        html_path.parent,
        inputs_=inputs([notebook, *given], notebook.parent),
        outputs=[html_path],
        config={  # a path parameter by its file name: no machine path in the manifest
            "notebook": notebook.name,
            **{
                k: Path(v).name if k.endswith("_path") and v else v
                for k, v in parameters.items()
                if k != "out_dir"
            },
        },
        project=notebook.parent.resolve(),
    )
    return html_path
