"""Report stage: sections → HTML, Word, Excel, figures and a manifest.

``build_report(export, out, config=...)`` (the ``toolkit report`` command) builds the
whole report; :mod:`toolkit.report.sections` holds the sections as functions for custom
notebooks; ``run_notebook`` runs a hand-written template headless.
"""

from toolkit.report.blocks import Figure, Section, Table, Text
from toolkit.report.build import BuildResult, build_report
from toolkit.report.config import ReportConfig, read_config
from toolkit.report.notebook import ReportError, run_notebook
from toolkit.report.options import Options

__all__ = [
    "BuildResult",
    "Figure",
    "Options",
    "ReportConfig",
    "ReportError",
    "Section",
    "Table",
    "Text",
    "build_report",
    "read_config",
    "run_notebook",
]
