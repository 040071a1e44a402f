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


def keyword(given: dict, old: str, new: str, function: str, value=None):
    """The value of a renamed keyword: ``new``'s ``value``, or the old keyword's from
    ``given`` (a function's ``**renamed``) with a DeprecationWarning; any other keyword in
    ``given`` is a TypeError, as Python gives it.

    Parameters
    ----------
    given
        The function's leftover keywords.
    old, new
        The keyword's old and new names.
    function
        The function's name, for the messages.
    value
        The value under the new name (its default when only the old name was given).

    Returns
    -------
    object
        The old keyword's value when it was given, else ``value``.

    Examples
    --------
    >>> import warnings
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     keyword({"level": 2}, "level", "depth", "themes_table")
    2
    """
    extra = [k for k in given if k != old]
    if extra:
        raise TypeError(f"{function}() got an unexpected keyword argument {extra[0]!r}")
    if old in given:
        warnings.warn(
            f"{function}({old}=...) is now {function}({new}=...); the old name goes in the "
            "next release",
            DeprecationWarning,
            stacklevel=3,
        )
        return given[old]
    return value
