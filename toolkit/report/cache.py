"""The build cache: a rebuild redoes only what its change touched.

A researcher rebuilds many times a day: a chapter title, the order of chapters, the report
title. The cache keeps what is slow to make and does not depend on those: the export as
read, and every section with its figures rendered. An entry's key is a sha256 of

* the toolkit itself (its version and the bytes of its source, so an edited toolkit
  never serves stale results),
* the export's bytes (a folder export file by file) and the other inputs' bytes (population
  table, transcripts, rounds),
* the part of ``report.toml`` the entry depends on: everything but the report's title,
  subtitle, template and chapters for all of them, and a chapter's own table for its
  section (so reordering chapters reuses every one, and renaming one remakes that one).

Entries are pickles of tables derived from personal data, so the cache never lies in a
raw-data folder: by default it is ``.toolkit-cache/`` beside the output folder, or the
user's cache folder (``$XDG_CACHE_HOME/toolkit``) when the output folder lies beside raw
exports. Entries are written atomically; the least recently used go first when the cache
grows over its cap (default 2 GiB). A cached rebuild writes the same bytes as a cold build
(tested). Only the toolkit writes the cache: load it from no folder you did not make.

Examples
--------
>>> import tempfile, pathlib
>>> cache = BuildCache(pathlib.Path(tempfile.mkdtemp()) / "c")
>>> key = cache.key("section", {"title": "A"})
>>> cache.get(key) is None
True
>>> cache.put(key, {"tabell": [1, 2]}); cache.get(key)
{'tabell': [1, 2]}
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import tempfile
from functools import cache as _once
from pathlib import Path

#: default size cap of a cache folder
CAP = 2 * 1024**3
FOLDER = ".toolkit-cache"


@_once
def toolkit_digest() -> str:
    """sha256 of the toolkit's version and source files (code, texts, package data)."""
    import toolkit

    package = Path(toolkit.__file__).parent
    digest = hashlib.sha256(toolkit.__version__.encode())
    for path in sorted(package.rglob("*")):
        if path.suffix in {".py", ".toml", ".json", ".csv", ".txt"} and path.is_file():
            digest.update(path.relative_to(package).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()


def files_digest(paths: list[Path]) -> str:
    """sha256 over the bytes of ``paths`` (folders file by file, in sorted order)."""
    from toolkit.rawfiles.files import sha256_of

    digest = hashlib.sha256()
    for path in paths:
        path = Path(path)
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            if file.is_file() and FOLDER not in file.parts:
                digest.update(file.name.encode() + b"\0" + sha256_of(file).encode())
    return digest.hexdigest()


def user_cache() -> Path:
    """The user's cache folder for the toolkit (``$XDG_CACHE_HOME/toolkit``)."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "toolkit"


class BuildCache:
    """A folder of pickled entries by key (see module docstring).

    Parameters
    ----------
    folder
        Where the entries are kept; ``None`` turns the cache off (nothing read or written).
    cap
        The folder's largest size in bytes; the least recently used entries go first.

    Examples
    --------
    >>> BuildCache(None).get("abc") is None
    True
    """

    def __init__(self, folder: str | Path | None, cap: int = CAP) -> None:
        self.folder = Path(folder) if folder is not None else None
        self.cap = cap
        self.hits = self.misses = 0
        self.refused: str | None = None
        if self.folder is not None and not self._private():
            self.refused, self.folder = str(self.folder), None

    def _private(self) -> bool:
        """Made here, or another folder of this user's that only they can write: a
        pickle from anyone else would run their code."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            status = self.folder.stat()
        except OSError:
            return False
        if not hasattr(os, "getuid"):
            return True
        return status.st_uid == os.getuid() and not status.st_mode & 0o022

    def key(self, kind: str, *parts) -> str:
        """A key from the toolkit's digest, ``kind`` and JSON-able ``parts``."""
        text = json.dumps([toolkit_digest(), kind, *parts], sort_keys=True, default=str)
        return hashlib.sha256(text.encode()).hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.pickle"

    def get(self, key: str):
        """The entry, or ``None`` (off, missing or unreadable: then it is made again)."""
        if self.folder is None:
            return None
        path = self._path(key)
        try:
            with path.open("rb") as handle:
                value = pickle.load(handle)
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError):
            self.misses += 1
            return None
        os.utime(path)  # recently used: kept longest
        self.hits += 1
        return value

    def put(self, key: str, value) -> None:
        """Keep ``value`` under ``key`` (written to a temporary file, then renamed)."""
        if self.folder is None:
            return
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".part")
        try:
            with os.fdopen(handle, "wb") as out:
                pickle.dump(value, out, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    def trim(self) -> None:
        """Remove the least recently used entries while the folder is over its cap."""
        if self.folder is None:
            return
        entries = sorted(
            ((p.stat().st_mtime, p.stat().st_size, p) for p in self.folder.glob("*/*.pickle")),
            key=lambda e: (e[0], e[2].name),
        )
        total = sum(size for _, size, _ in entries)
        for _, size, path in entries:
            if total <= self.cap:
                break
            path.unlink(missing_ok=True)
            total -= size


def _raw_folders(export: Path, config) -> list[Path]:
    """The folders that hold raw data: the export's, and the rounds folder, transcripts and
    population table a ``report.toml`` (a path or a parsed configuration) names."""
    from toolkit.errors import ToolkitError
    from toolkit.report.config import ReportConfig, read_config

    source = export.resolve()
    folders = [source if source.is_dir() else source.parent]  # a CSV export is its folder
    parsed = config if isinstance(config, ReportConfig) else None
    if parsed is None and isinstance(config, str | Path) and Path(config).is_file():
        try:
            parsed = read_config(config)
        except ToolkitError:  # reported with its line when the build reads it
            return folders
    if parsed is not None:
        for given, is_folder in (
            (parsed.rounds.get("folder") if parsed.rounds else None, True),
            (parsed.corpus.get("path"), False),
            (parsed.weights.get("population"), False),
        ):
            path = parsed.resolve(given) if isinstance(given, str) else None
            if path is not None:
                folders.append((path if is_folder else path.parent).resolve())
    return folders


def cache_for(cache, export: Path, out: Path, config=None) -> BuildCache:
    """The cache of a build of ``export`` into ``out``: ``.toolkit-cache`` beside the
    output folder, or the user's cache folder when that would lie in a folder of raw data
    (an export's, a rounds project, the transcripts); a folder given in one of those is
    refused.

    Parameters
    ----------
    cache
        ``True`` for the default folder, a folder, or ``False``/``None`` for no cache.
    export
        The export the build reads.
    out
        The build's output folder.
    config
        ``report.toml`` (its rounds, transcripts and population table are raw data too).

    Returns
    -------
    BuildCache
        The cache (``folder`` ``None`` when off).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> project = pathlib.Path(tempfile.mkdtemp())
    >>> (project / "data").mkdir()
    >>> export = project / "data" / "x.xlsx"
    >>> cache_for(True, export, project / "build").folder == project / ".toolkit-cache"
    True
    """
    from toolkit.errors import UsageError

    if cache is False or cache is None:
        return BuildCache(None)
    raw = _raw_folders(export, config)

    def inside_raw(folder: Path) -> bool:
        rounds = any((f / "rounds.toml").is_file() for f in (folder, *folder.parents))
        return rounds or any(r == folder or r in folder.parents for r in raw)

    if cache is True:
        beside = out.resolve().parent
        return BuildCache(user_cache() if inside_raw(beside) else beside / FOLDER)
    folder = Path(cache).resolve()
    if inside_raw(folder):
        raise UsageError(
            f"--cache {cache} lies in a folder of raw data",
            file=export,
            expected="a cache folder apart from the raw exports (its tables derive from them)",
            hint="leave --cache out for the default (.toolkit-cache beside the output folder)",
        )
    return BuildCache(folder)
