"""Start-up: ``import toolkit`` and ``toolkit --help`` load none of the heavy libraries.

A fresh interpreter is asked which modules it holds after the import; the heavy ones are
loaded only by the functions that use them (toolkit._lazy)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = ["seaborn", "matplotlib", "scipy.stats", "statsmodels", "nbclient", "docx", "nltk"]


def _loaded(code: str) -> list[str]:
    probe = f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return json.loads(done.stdout.splitlines()[-1])


def test_import_toolkit_loads_no_heavy_library():
    loaded = _loaded("import toolkit")
    assert [m for m in [*HEAVY, "pandas", "numpy"] if m in loaded] == []


@pytest.mark.parametrize("argv", [["--help"], ["report", "--help"], ["check", "--help"]])
def test_the_cli_help_loads_no_heavy_library(argv):
    code = (
        "import sys\nfrom toolkit.cli import main\n"
        f"try:\n    main({argv!r})\nexcept SystemExit:\n    pass"
    )
    loaded = _loaded(code)
    assert [m for m in [*HEAVY, "pandas"] if m in loaded] == []


def test_reading_an_export_loads_no_chart_or_statistics_library():
    loaded = _loaded("import toolkit\ntoolkit.read_surveyxact(toolkit.data.example_round())")
    assert [m for m in HEAVY if m in loaded] == []


def test_lazy_names_are_the_same_objects_as_their_modules():
    import toolkit
    from toolkit.analysis.regression import regression
    from toolkit.themes.quotes import quotes

    # a function named like its submodule stays the function after the module is imported
    assert toolkit.regression is regression and toolkit.quotes is quotes
    assert toolkit.analysis.regression is regression and toolkit.themes.quotes is quotes
    assert set(toolkit.__all__) <= set(dir(toolkit))
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        toolkit.nothing  # noqa: B018
