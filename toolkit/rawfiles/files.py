"""Raw files: read once, read-only, hashed; paths that must stay inside their folder.

Every reader in the toolkit opens its inputs through this module, in ``"rb"`` mode only,
so raw exports are never changed. :func:`inside` and :func:`safe_member_name` keep a
file named by an input (a REFI-QDA source path, a zip member) from reaching outside the
folder or archive it belongs to.

Examples
--------
>>> safe_member_name("sources/intervju 1.txt")
True
>>> safe_member_name("..\\\\..\\\\Windows\\\\win.ini"), safe_member_name("/etc/passwd")
(False, False)
>>> import pathlib, tempfile
>>> base = pathlib.Path(tempfile.mkdtemp())
>>> inside(base, base / "sources" / "a.txt"), inside(base, base / ".." / "b.txt")
(True, False)
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath

from toolkit.errors import MissingFileError

_DRIVE = re.compile(r"^[A-Za-z]:")


@dataclass(frozen=True)
class RawFile:
    """The bytes of one input file with its identity (path, size, sha256)."""

    path: Path
    data: bytes
    sha256: str

    @property
    def size(self) -> int:
        return len(self.data)


def read_raw(path: str | Path, *, role: str = "file", hint: str | None = None) -> RawFile:
    """Read a file's bytes read-only and hash them.

    The file is opened in ``"rb"`` mode only; nothing is ever written back.
    """
    path = Path(path)
    if not path.is_file():
        raise MissingFileError(
            f"the {role} is missing",
            file=path,
            expected=f"a readable file at {path}",
            hint=hint or "check the path",
        )
    with path.open("rb") as handle:
        data = handle.read()
    return RawFile(path=path, data=data, sha256=hashlib.sha256(data).hexdigest())


def sha256_of(path: str | Path) -> str:
    """Hash a file in chunks (for files that are not held in memory, e.g. .xlsx)."""
    digest = hashlib.sha256()
    with Path(path).open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def safe_member_name(name: str) -> bool:
    """Whether an archive member or relative path stays inside its archive or folder:
    no absolute path, drive letter or ``..`` part, whichever slash it is written with."""
    if not name or name.startswith(("/", "\\")) or _DRIVE.match(name) or "\x00" in name:
        return False
    parts = set(PurePosixPath(name).parts) | set(PureWindowsPath(name).parts)
    return ".." not in parts


def inside(base: str | Path, target: str | Path) -> bool:
    """Whether ``target`` (resolved, symlinks followed) lies inside the folder ``base``."""
    base = Path(base).resolve()
    try:
        Path(target).resolve().relative_to(base)
    except ValueError:
        return False
    return True
