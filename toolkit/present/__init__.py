"""Presentation stage: report tables (Norwegian convention), Excel export, charts."""

from typing import TYPE_CHECKING

from toolkit._lazy import attach

if TYPE_CHECKING:  # the exports, imported when first used (toolkit._lazy)
    from toolkit.present.charts import likert_chart, save_figure
    from toolkit.present.excel import to_excel
    from toolkit.present.style import NORWEGIAN, Style, format_p, round_to_100
    from toolkit.present.tables import ReportTable, likert_table, multi_response_table

__getattr__, __dir__, __all__ = attach(__name__, __file__)
