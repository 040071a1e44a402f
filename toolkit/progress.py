"""Progress bars for long work: a notebook widget in Jupyter, a plain bar in a terminal,
nothing when switched off.

``TOOLKIT_PROGRESS=0`` in the environment switches every bar off; the report builder
sets it for the kernels it starts, so no bar (or a warning about one) ends up in a report.
In Jupyter the widget bar needs ipywidgets, which the toolkit installs; without it the plain
bar is used, never a ``TqdmWarning``.

Examples
--------
>>> import os
>>> os.environ["TOOLKIT_PROGRESS"] = "0"
>>> [x for x in progress_bar(range(3), desc="test")]
[0, 1, 2]
>>> del os.environ["TOOLKIT_PROGRESS"]
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable


def enabled(wanted: bool | None = True) -> bool:
    """Whether a bar is shown: not when ``TOOLKIT_PROGRESS=0``, else ``wanted``."""
    if os.environ.get("TOOLKIT_PROGRESS", "").strip() in {"0", "false", "no", "off"}:
        return False
    return bool(wanted)


def _tqdm_class():
    # a notebook kernel has imported IPython already; a script or the command line has not,
    # and importing it there only to learn that would cost a tenth of a second
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None else None
    if shell is not None and shell.__class__.__name__ == "ZMQInteractiveShell":
        try:
            import ipywidgets  # noqa: F401
            from tqdm.notebook import tqdm

            return tqdm
        except ImportError:
            pass
    from tqdm.std import tqdm

    return tqdm


def progress_bar(
    iterable: Iterable | None = None,
    *,
    total: int | None = None,
    desc: str = "",
    unit: str = "it",
    show: bool | None = True,
    leave: bool = False,
):
    """A tqdm bar over ``iterable`` (or with ``total``), disabled unless :func:`enabled`."""
    bar = _tqdm_class()
    return bar(iterable, total=total, desc=desc, unit=unit, disable=not enabled(show), leave=leave)
