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


def leaks(folder, needles: list[str]) -> list[str]:
    """(file or zip member, needle) for every needle found in any output's bytes."""
    found = []
    for path in sorted(folder.rglob("*")):
        if not path.is_file():
            continue
        parts = [(path.name, path.read_bytes())]
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as z:
                parts = [(f"{path.name}:{m}", z.read(m)) for m in z.namelist()]
        for name, data in parts:
            found += [f"{name}: {n}" for n in needles if n.encode("utf-8") in data]
    return found
