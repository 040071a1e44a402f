"""Report sections as functions: each takes data and :class:`~toolkit.report.options.Options`
and returns a :class:`~toolkit.report.blocks.Section` that a notebook displays as it is and
the report builder renders to HTML, Word and Excel.

Examples
--------
>>> from toolkit import read_surveyxact
>>> from toolkit.data import example_round
>>> from toolkit.report.options import Options
>>> survey = read_surveyxact(example_round())
>>> [question_section(survey, q, Options()).title[:20] for q in questions(survey)[:2]]
['Hvor enig eller ueni', 'Hvor enig eller ueni']
"""

from typing import TYPE_CHECKING

from toolkit._lazy import attach

if TYPE_CHECKING:  # the exports, imported when first used (toolkit._lazy)
    from toolkit.report.catalog import questions
    from toolkit.report.sections.interviews import corpus_section, themes_table
    from toolkit.report.sections.questions import (
        date_section,
        grid_section,
        multiple_section,
        numeric_section,
        open_section,
        question_kind,
        question_section,
        question_title,
        single_section,
    )
    from toolkit.report.sections.rounds import rounds_section
    from toolkit.report.sections.sample import overview_section, response_section, weighting_section
    from toolkit.report.sections.stats import means_section, regression_section

__getattr__, __dir__, __all__ = attach(__name__, __file__)
