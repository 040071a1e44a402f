"""Shared by the report tests: a copy of the example project in a temporary folder (so a
build never writes into the repository), and readers for the outputs."""

from __future__ import annotations

import hashlib
import shutil
import zipfile
from pathlib import Path

from tests.conftest import ROOT


def example_project(tmp_path: Path) -> Path:
    """surveys/, transcripts/ and report.toml copied into ``tmp_path``; returns the
    copied report.toml."""
    for name in ("surveys", "transcripts"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns(".cache"))
    shutil.copy(ROOT / "report.toml", tmp_path / "report.toml")
    return tmp_path / "report.toml"


def digests(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def docx_xml(path: Path, member: str = "word/document.xml") -> str:
    with zipfile.ZipFile(path) as z:
        return z.read(member).decode("utf-8")
