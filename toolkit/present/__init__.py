"""Presentation stage: report tables (Norwegian convention), Excel export, charts."""

from typing import TYPE_CHECKING

from toolkit._lazy import attach

if TYPE_CHECKING:  # the exports, imported when first used (toolkit._lazy)
    from toolkit.present.change import (
        change_chart,
        change_report_table,
        change_table,
        did_report_table,
        did_table,
        trend_chart,
    )
    from toolkit.present.charts import likert_chart
    from toolkit.present.comparison import comparison_table
    from toolkit.present.excel import to_excel
    from toolkit.present.figures import save_figure
    from toolkit.present.joint import joint_display
    from toolkit.present.models import regression_table
    from toolkit.present.stats_charts import coefficient_chart, flow_chart, means_chart
    from toolkit.present.stats_tables import (
        flow_table,
        means_table,
        proportions_table,
        response_rate_table,
        weighting_table,
    )
    from toolkit.present.style import NORWEGIAN, Style, format_p, round_to_100
    from toolkit.present.tables import ReportTable, likert_table, multi_response_table

__getattr__, __dir__, __all__ = attach(__name__, __file__)
