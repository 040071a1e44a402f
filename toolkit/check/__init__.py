"""The draft checker: every number in a draft checked against the data it reports.

``check_draft(draft, survey=..., claims=..., config=...)`` → :class:`Findings`; the
command line is ``toolkit check``. See :mod:`toolkit.check.checker`.
"""

from toolkit.check.checker import check_draft
from toolkit.check.draft import read_draft
from toolkit.check.findings import Findings

__all__ = ["Findings", "check_draft", "read_draft"]
