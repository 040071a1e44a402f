"""Build a report: execute a notebook headless (nbclient), write HTML and a manifest.

The notebook's cell tagged ``parameters`` holds defaults (e.g. ``survey_path``); the builder
inserts a cell after it with the values given here, as papermill does. The HTML leaves the
code out; ``manifest.json`` beside it records the inputs' sha256, the toolkit version and
the time, so every number in the report can be traced to the raw export it came from.
"""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
from nbconvert import HTMLExporter
from tqdm.auto import tqdm

from toolkit.errors import ToolkitError
from toolkit.rawfiles.files import sha256_of


class ReportError(ToolkitError, RuntimeError):
    """A report notebook failed to run."""


def _inject(notebook: nbformat.NotebookNode, parameters: dict[str, Any]) -> None:
    source = "# Parameters set by the report build\n" + "".join(
        f"{name} = {value!r}\n" for name, value in parameters.items()
    )
    cell = nbformat.v4.new_code_cell(source, metadata={"tags": ["injected-parameters"]})
    for index, existing in enumerate(notebook.cells):
        if "parameters" in existing.get("metadata", {}).get("tags", []):
            notebook.cells.insert(index + 1, cell)
            return
    notebook.cells.insert(0, cell)


def _inputs(paths: list[Path]) -> list[dict[str, Any]]:
    files = []
    for path in paths:
        for item in sorted(path.rglob("*")) if path.is_dir() else [path]:
            if item.is_file():
                files.append(
                    {"path": str(item), "size": item.stat().st_size, "sha256": sha256_of(item)}
                )
    return files


def build_report(
    notebook: str | Path,
    out: str | Path,
    *,
    parameters: dict[str, Any] | None = None,
    timeout: int = 600,
    progress: bool = True,
) -> Path:
    """Run ``notebook`` with ``parameters`` and write the HTML report to ``out``.

    Returns the path of the HTML file; ``manifest.json`` is written beside it.
    Paths in ``parameters`` should be absolute or relative to the notebook's folder (the
    kernel runs there).
    """
    from toolkit import __version__

    notebook, out = Path(notebook), Path(out)
    parameters = dict(parameters or {})
    nb = nbformat.read(notebook, as_version=4)
    _inject(nb, parameters)
    bar = tqdm(
        total=sum(c.cell_type == "code" for c in nb.cells),
        desc="report",
        unit="cell",
        disable=not progress,
    )
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(notebook.parent.resolve())}},
        on_cell_executed=lambda **_: bar.update(1),
    )
    started = time.perf_counter()
    try:
        client.execute()
    except CellExecutionError as exc:
        raise ReportError(
            f"the report notebook {notebook.name} stopped with an error",
            file=notebook,
            where=str(exc).strip().splitlines()[-1][:300],
            hint="open the notebook in Jupyter and run it to see the failing cell",
        ) from None
    finally:
        bar.close()
    exporter = HTMLExporter(
        exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True
    )
    body, _ = exporter.from_notebook_node(nb)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(body, encoding="utf-8")
    inputs = [Path(v) for k, v in parameters.items() if k.endswith("_path") and Path(v).exists()]
    manifest = {
        "report": str(out),
        "notebook": str(notebook),
        "toolkit_version": __version__,
        "built": datetime.now(UTC).isoformat(timespec="seconds"),
        "seconds": round(time.perf_counter() - started, 1),
        "parameters": parameters,
        "inputs": _inputs(inputs),
    }
    (out.parent / "manifest.json").write_text(
        json.dumps(manifest, indent=2, ensure_ascii=False), encoding="utf-8"
    )
    return out


__all__ = ["ReportError", "build_report"]
