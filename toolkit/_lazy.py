"""Lazy package attributes: ``import toolkit`` loads no pandas, scipy or matplotlib.

A package lists its public names once, as ordinary imports inside ``if TYPE_CHECKING:``
(so editors and type checkers see them), and ends with
``__getattr__, __dir__, __all__ = attach(__name__, __file__)``. :func:`attach` reads that
block from the package's source and imports a name's module the first time the name is
used (PEP 562), so a user pays only for what the called function needs.

Examples
--------
>>> import subprocess, sys
>>> code = "import sys, toolkit; print('pandas' in sys.modules)"
>>> subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout
'False\\n'
"""

from __future__ import annotations

import ast
import importlib
import sys
import types
from pathlib import Path


class _Package(types.ModuleType):
    """A package whose exported function may share its name with a submodule
    (``toolkit.themes.quotes``, the function, in ``quotes.py``): when Python's import system
    binds the submodule on the package, the function is bound instead, as an eager
    ``from .quotes import quotes`` in ``__init__`` would have left it."""

    def __setattr__(self, name: str, value) -> None:
        exports = self.__dict__.get("_lazy_exports", {})
        if isinstance(value, types.ModuleType) and name in exports:
            module, attribute = exports[name]
            if attribute is not None and value.__name__ == f"{self.__name__}.{name}":
                # the export may live in that submodule or elsewhere (toolkit.report.catalog)
                value = getattr(importlib.import_module(module), attribute)
        super().__setattr__(name, value)


def _exports(package: str, file: str) -> dict[str, tuple[str, str | None]]:
    """name → (module, attribute or None for a submodule) from the TYPE_CHECKING block."""
    tree = ast.parse(Path(file).read_text(encoding="utf-8"))
    out: dict[str, tuple[str, str | None]] = {}
    for node in tree.body:
        if not (isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING"):
            continue
        for statement in node.body:
            if not isinstance(statement, ast.ImportFrom) or statement.module is None:
                raise TypeError(f"{package}: only 'from M import x' belongs in TYPE_CHECKING")
            for alias in statement.names:
                name = alias.asname or alias.name
                if statement.module == package:  # from toolkit import data: a submodule
                    out[name] = (f"{package}.{alias.name}", None)
                else:
                    out[name] = (statement.module, alias.name)
    return out


def attach(package: str, file: str):
    """``(__getattr__, __dir__, __all__)`` for ``package`` (see module docstring).

    Parameters
    ----------
    package
        The package's ``__name__``.
    file
        The package's ``__file__``: its ``if TYPE_CHECKING:`` imports are the exports.

    Returns
    -------
    tuple
        The module-level ``__getattr__`` and ``__dir__`` functions and the sorted ``__all__``.

    Examples
    --------
    >>> import toolkit.analysis as analysis
    >>> "likert_summary" in analysis.__all__ and callable(analysis.likert_summary)
    True
    """
    exports = _exports(package, file)
    module = sys.modules[package]
    module._lazy_exports = exports
    module.__class__ = _Package
    namespace = module.__dict__

    def __getattr__(name: str):
        try:
            module, attribute = exports[name]
        except KeyError:
            raise AttributeError(f"module {package!r} has no attribute {name!r}") from None
        loaded = importlib.import_module(module)
        value = loaded if attribute is None else getattr(loaded, attribute)
        namespace[name] = value  # the next use is an ordinary attribute lookup
        return value

    def __dir__() -> list[str]:
        return sorted(set(namespace) | set(exports))

    return __getattr__, __dir__, sorted(exports)
