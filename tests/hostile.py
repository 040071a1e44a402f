"""Shared by the hostile-input tests: run one malformed or hostile input through its reader
and through ``toolkit inspect``, and check what came out.

Every case ends in one of two outcomes, checked the same way:

* ``error``: a ToolkitError of the expected class that names the file and a location
  (``where``) when one exists, and ``toolkit inspect`` prints advice (never a traceback)
  and exits 2;
* ``problem``: the input loads and ``problems`` holds a row of the expected kind, and
  ``toolkit inspect`` exits 0.

In both, the raw files hash the same before and after.
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from collections.abc import Callable
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import pytest

from toolkit.cli import main
from toolkit.errors import ToolkitError


@dataclass(frozen=True)
class Case:
    """One hostile input: ``build(tmp_path) -> path``, and what must come of it."""

    name: str
    build: Callable[[Path], Path]
    error: type[ToolkitError] | None = None
    problem: str | None = None
    where: str | None = None  # a substring of the error's location or the problem's
    kind: str | None = None  # toolkit inspect --kind

    def __str__(self) -> str:
        return self.name


def hashes(path: Path) -> dict[str, str]:
    files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    return {str(f): hashlib.sha256(f.read_bytes()).hexdigest() for f in files}


def inspect(path: Path, kind: str | None = None) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    args = ["inspect", str(path), *(["--kind", kind] if kind else [])]
    with redirect_stdout(out), redirect_stderr(err):
        code = main(args)
    return code, out.getvalue(), err.getvalue()


def check(case: Case, reader: Callable, tmp_path: Path):
    """Run ``case`` (see module docstring); returns the error or the loaded result."""
    path = case.build(tmp_path)
    before = hashes(path)
    if case.error is not None:
        with pytest.raises(case.error) as info:
            reader(path)
        error = info.value
        assert error.file, f"{case}: the error names no file"
        if case.where:
            assert case.where in (error.where or ""), f"{case}: where={error.where!r}"
        code, _, stderr = inspect(path, case.kind)
        assert code == 2, f"{case}: inspect exited {code}: {stderr}"
        assert stderr.startswith("toolkit: ") and "Traceback" not in stderr
        assert "what to do:" in stderr
        result = error
    else:
        result = reader(path)
        kinds = set(result.problems["kind"])
        assert case.problem in kinds, f"{case}: problems are {sorted(kinds)}"
        if case.where:
            rows = result.problems[result.problems["kind"] == case.problem]
            places = " | ".join(str(v) for v in [*rows["location"], *rows["message"]])
            assert case.where in places, f"{case}: {places}"
        code, _, stderr = inspect(path, case.kind)
        assert code == 0, f"{case}: inspect exited {code}: {stderr}"
    assert hashes(path) == before, f"{case}: the raw file changed"
    return result


def rewrite_member(path: Path, member: str, change: Callable[[bytes], bytes]) -> Path:
    """Rewrite one member of a zip package (a copy: the original is not touched)."""
    with zipfile.ZipFile(path) as source:
        members = [(info, source.read(info)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in members:
            target.writestr(info.filename, change(data) if info.filename == member else data)
    return path


def replace_cells(xml: bytes, pattern: str, new: str, count: int = 1) -> bytes:
    """``re.sub`` on a member's text (``count`` replacements)."""
    return re.sub(pattern.encode(), new.encode(), xml, count=count)


__all__ = ["Case", "check", "hashes", "inspect", "replace_cells", "rewrite_member"]
