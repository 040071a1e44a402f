"""Every public function documents itself (issue 23): a numpydoc docstring with Parameters,
Returns and an example that runs (doctests run in `make test`), in the function or, where
it says "See the module's example", in its module.

UNDOCUMENTED lists exceptions (none now): a public function without them fails, and so
does a listed one that has them (take it off)."""

from __future__ import annotations

import inspect

import toolkit

UNDOCUMENTED: set[str] = set()
#: old names kept one release: their docstring points at the new name
DEPRECATED = {"change_table", "did_table", "change_report_table", "did_report_table"}


def _lacks(function) -> list[str]:
    doc = inspect.getdoc(function) or ""
    module = inspect.getmodule(function)
    example = ">>>" in doc or ("module's example" in doc and ">>>" in (module.__doc__ or ""))
    parts = {
        "Parameters": "Parameters\n----------" in doc,
        "Returns": "Returns\n-------" in doc,
        "an example": example,
    }
    return [name for name, present in parts.items() if not present]


def test_every_public_function_has_parameters_returns_and_an_example():
    missing = {}
    for name in toolkit.__all__:
        found = getattr(toolkit, name)
        if inspect.isfunction(found) and name not in DEPRECATED and _lacks(found):
            missing[name] = _lacks(found)
    new = sorted(set(missing) - UNDOCUMENTED)
    assert not new, f"public functions without a numpydoc docstring: {new}"
    done = sorted(UNDOCUMENTED - set(missing))
    assert not done, f"documented now: take them off UNDOCUMENTED: {done}"
