"""Survey stage: SurveyXact exports (.xlsx, CSV trio, .sav) into a typed Survey."""

from typing import TYPE_CHECKING

from toolkit._lazy import attach

if TYPE_CHECKING:  # the exports, imported when first used (toolkit._lazy)
    from toolkit.surveys.missing import MISSING_LABELS, is_missing_label
    from toolkit.surveys.read import detect_format, read_export, read_surveyxact
    from toolkit.surveys.survey import Survey

__getattr__, __dir__, __all__ = attach(__name__, __file__)
