"""Presentation stage: report tables (Norwegian convention), Excel export, charts."""

from toolkit.present.charts import likert_chart, save_figure
from toolkit.present.excel import to_excel
from toolkit.present.tables import (
    NORWEGIAN,
    ReportTable,
    Style,
    format_p,
    likert_table,
    multi_response_table,
    round_to_100,
)

__all__ = [
    "NORWEGIAN",
    "ReportTable",
    "Style",
    "format_p",
    "likert_chart",
    "likert_table",
    "multi_response_table",
    "round_to_100",
    "save_figure",
    "to_excel",
]
