"""``manifest.json``: what a report was built from and what it consists of.

Every input once, relative to the project folder (path, size, sha256; a folder file by file),
every output relative to the output folder (so two folders built from the same inputs
give the same manifest), the configuration, the toolkit's and its dependencies' versions
(from the installed package metadata), the Python version and the git commit when the
project is a git repository. No wall-clock time: the manifest is byte-identical across
rebuilds, like everything else in the output folder.

Examples
--------
>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> (folder / "a.txt").write_text("hei")
3
>>> file_entry(folder / "a.txt", folder)["sha256"][:12]
'f9d1af62d004'
>>> "pandas" in versions()
True
"""

from __future__ import annotations

import json
import platform
import re
import subprocess
from importlib import metadata
from pathlib import Path

from toolkit.present.reproducible import build_time
from toolkit.rawfiles.files import sha256_of

FALLBACK = ("pandas", "pyarrow", "numpy", "matplotlib", "python-docx", "openpyxl", "statsmodels")


def file_entry(path: Path, relative_to: Path | None = None, shown: str | None = None) -> dict:
    name = shown or (path.relative_to(relative_to).as_posix() if relative_to else str(path))
    return {"path": name, "size": path.stat().st_size, "sha256": sha256_of(path)}


def _shown(path: Path, project: Path) -> str:
    """A path as the manifest shows it: relative to the project, else the file name alone
    (no machine path, user or host name in any output)."""
    try:
        return path.resolve().relative_to(project.resolve()).as_posix()
    except ValueError:
        return path.name


def inputs(paths: list[Path], project: Path) -> list[dict]:
    """Entries for the input files and folders (file by file, sorted), each file once,
    named relative to ``project``."""
    files: dict[Path, None] = {}
    for path in paths:
        if path.is_dir():
            for item in sorted(p for p in path.rglob("*") if p.is_file()):
                files.setdefault(item.resolve())
        elif path.is_file():
            files.setdefault(path.resolve())
    entries = [file_entry(path, shown=_shown(path, project)) for path in files]
    return sorted(entries, key=lambda entry: entry["path"])


def versions() -> dict[str, str]:
    """The toolkit's runtime dependencies and their installed versions."""
    try:
        required = metadata.requires("toolkit") or []
        names = [re.split(r"[<>=!~;\[ ]", r, maxsplit=1)[0] for r in required if "extra" not in r]
    except metadata.PackageNotFoundError:
        names = list(FALLBACK)
    out = {}
    for name in sorted(set(names), key=str.lower):
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "not installed"
    return out


def git_commit(folder: Path) -> str | None:
    """The commit checked out in ``folder``'s repository, or None."""
    try:
        done = subprocess.run(
            ["git", "-C", str(folder), "rev-parse", "HEAD"],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    commit = done.stdout.strip()
    return commit if done.returncode == 0 and re.fullmatch(r"[0-9a-f]{40}", commit) else None


def write_manifest(
    out: Path,
    *,
    inputs_: list[dict],
    outputs: list[Path],
    config: dict,
    project: Path,
    audit: dict | None = None,
) -> Path:
    """Write ``out/manifest.json`` (see module docstring)."""
    from toolkit import __version__

    manifest = {
        "toolkit": __version__,
        "python": platform.python_version(),
        "dependencies": versions(),
        "git_commit": git_commit(project),
        "stamped": build_time().isoformat(),
        "config": config,
        "inputs": inputs_,
        "outputs": [file_entry(p, out) for p in sorted(outputs)],
        "audit": audit or {"checked": 0, "skipped": True},
    }
    path = out / "manifest.json"
    path.write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path
