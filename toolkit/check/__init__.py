"""The draft checker: every number in a draft checked against the data it reports.

``check_draft(draft, survey=..., claims=..., config=...)`` → :class:`Findings`; the
command line is ``toolkit check``. See :mod:`toolkit.check.checker` (the whole draft) and
:mod:`toolkit.check.numbers` (each number).
"""

from typing import TYPE_CHECKING

from toolkit._lazy import attach

if TYPE_CHECKING:  # the exports, imported when first used (toolkit._lazy)
    from toolkit.check.checker import check_draft
    from toolkit.check.draft import read_draft
    from toolkit.check.findings import Findings

__getattr__, __dir__, __all__ = attach(__name__, __file__)
