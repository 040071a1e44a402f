"""Access to a REFI-QDA project's files: a .qdpx zip (checked for unsafe member paths
and zip bombs) or a bare .qde with its sources/ folder."""

from __future__ import annotations

import posixpath
import zipfile
from pathlib import Path

from toolkit.errors import CorruptFileError, MissingFileError

MAX_MEMBER = 1 << 30  # 1 GiB uncompressed
MAX_RATIO = 200  # compression ratio above which a large member is treated as a zip bomb


class Project:
    """Access to project.qde and the files it refers to, in a zip or a folder."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.zip = None
        if path.suffix.lower() == ".qde":
            self.qde = path.read_bytes()
            self.base = path.parent
            return
        if not zipfile.is_zipfile(path):
            raise CorruptFileError(
                f"{path.name} is not a zip archive",
                file=path,
                expected="a .qdpx file: a zip holding project.qde and sources/",
                hint="export the project again as REFI-QDA (.qdpx), or give the .qde file",
            )
        self.zip = zipfile.ZipFile(path)
        self.members = {}
        for info in self.zip.infolist():
            name = info.filename
            if name.startswith(("/", "\\")) or ".." in Path(name).parts or ":" in name:
                raise CorruptFileError(
                    f"{path.name} holds a member with an unsafe path",
                    file=path,
                    where=f"zip member {name!r}",
                    hint="the archive is damaged or unsafe; "
                    "do not extract it; export the project again",
                )
            if info.file_size > MAX_MEMBER or (
                info.compress_size
                and info.file_size / info.compress_size > MAX_RATIO
                and info.file_size > 10 << 20
            ):
                raise CorruptFileError(
                    f"{path.name} holds an implausibly large member (zip bomb?)",
                    file=path,
                    where=f"zip member {name!r} ({info.file_size:,} bytes unpacked)",
                    hint="the toolkit refuses it; check where the file came from",
                )
            self.members[name.lower().replace("\\", "/")] = info
        info = self.members.get("project.qde") or next(
            (i for n, i in self.members.items() if n.endswith("/project.qde")), None
        )
        if info is None:
            raise MissingFileError(
                f"{path.name} has no project.qde",
                file=path,
                expected="project.qde at the top of the .qdpx archive",
                found=", ".join(sorted(self.members)[:8]) or "an empty archive",
                hint="export the project again as REFI-QDA project (.qdpx)",
            )
        self.qde = self.zip.read(info)
        self.base = None

    def read(self, reference: str) -> bytes | None:
        """The bytes of a source path as REFI-QDA writes it, or None if absent."""
        ref = reference.replace("\\", "/")
        for prefix in ("internal://", "relative://", "absolute://", "file://"):
            if ref.lower().startswith(prefix):
                ref = ref[len(prefix) :]
                break
        ref = ref.lstrip("/")
        if self.zip is not None:
            for key in (
                ref,
                f"sources/{ref}",
                posixpath.basename(ref),
                f"sources/{posixpath.basename(ref)}",
            ):
                info = self.members.get(key.lower())
                if info is not None:
                    return self.zip.read(info)
            return None
        for candidate in (
            self.base / ref,
            self.base / "sources" / ref,
            self.base / "sources" / posixpath.basename(ref),
        ):
            if candidate.is_file():
                return candidate.read_bytes()
        return None


__all__ = ["MAX_MEMBER", "MAX_RATIO", "Project"]
