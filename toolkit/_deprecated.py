"""Old names kept for one release: each calls its new name after a DeprecationWarning.

Examples
--------
>>> import warnings
>>> def summary(x):
...     return x + 1
>>> table = renamed(summary, "table", "toolkit.example")
>>> with warnings.catch_warnings(record=True) as caught:
...     warnings.simplefilter("always")
...     table(1), str(caught[0].message)
(2, 'toolkit.example.table is now summary; the old name goes in the next release')
"""

from __future__ import annotations

import functools
import warnings


def renamed(new, old: str, module: str):
    """``new`` under its old name ``old`` (in ``module``), warning at every call.

    Parameters
    ----------
    new
        The function under its new name.
    old
        The old name.
    module
        Where the old name stood, for the warning.

    Returns
    -------
    callable
        A function that warns and calls ``new``.
    """

    @functools.wraps(new)
    def old_name(*args, **kwargs):
        warnings.warn(
            f"{module}.{old} is now {new.__name__}; the old name goes in the next release",
            DeprecationWarning,
            stacklevel=2,
        )
        return new(*args, **kwargs)

    old_name.__name__ = old_name.__qualname__ = old
    old_name.__doc__ = f"Deprecated: the old name of :func:`{new.__name__}`."
    return old_name
