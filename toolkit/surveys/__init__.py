"""Survey stage: SurveyXact exports (.xlsx, CSV trio, .sav) into a typed Survey."""

from toolkit.surveys.missing import MISSING_LABELS, is_missing_label
from toolkit.surveys.read import detect_format, read_export, read_surveyxact
from toolkit.surveys.survey import Survey

__all__ = [
    "MISSING_LABELS",
    "Survey",
    "detect_format",
    "is_missing_label",
    "read_export",
    "read_surveyxact",
]
