"""Report stage: sections → HTML, Word, Excel, figures and a manifest.

``build_report(export, out, config=...)`` (the ``toolkit report`` command) builds the
whole report; :mod:`toolkit.report.sections` holds the sections as functions for custom
notebooks; ``run_notebook`` runs a hand-written template headless.
"""

from typing import TYPE_CHECKING

from toolkit._lazy import attach

if TYPE_CHECKING:  # the exports, imported when first used (toolkit._lazy)
    from toolkit.report.blocks import Figure, Section, Table, Text
    from toolkit.report.build import BuildResult, build_report
    from toolkit.report.config import ReportConfig, read_config
    from toolkit.report.notebook import ReportError, run_notebook
    from toolkit.report.options import Options

__getattr__, __dir__, __all__ = attach(__name__, __file__)
