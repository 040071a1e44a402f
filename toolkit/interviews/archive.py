"""Access to a REFI-QDA project's files: a .qdpx zip (opened through
:mod:`toolkit.rawfiles.archive`: member names, total size and ratio checked, checksums
verified) or a bare .qde with its sources/ folder.

A source path is only followed inside the project: in a zip, to a member; beside a bare
.qde, to a file under the .qde's folder. ``relative://../../…``, ``absolute://`` paths
and anything else that leads outside are refused, and the refusal is reported.
"""

from __future__ import annotations

import posixpath
from pathlib import Path

from toolkit.errors import MissingFileError
from toolkit.rawfiles.archive import DEFAULT_LIMITS, ZipLimits, open_zip
from toolkit.rawfiles.files import inside, read_raw, safe_member_name

PREFIXES = ("internal://", "relative://", "absolute://", "file://")


class Project:
    """Access to project.qde and the files it refers to, in a zip or a folder."""

    def __init__(self, path: Path, *, limits: ZipLimits = DEFAULT_LIMITS) -> None:
        self.path = path
        self.zip = None
        if path.suffix.lower() == ".qde":
            self.qde = read_raw(path, role="REFI-QDA project").data
            self.base = path.parent
            return
        self.zip = open_zip(path, kind="REFI-QDA project (.qdpx)", limits=limits)
        self.members = {n.lower().replace("\\", "/"): i for n, i in self.zip.infos.items()}
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

    @staticmethod
    def _strip(reference: str) -> tuple[str, str | None]:
        ref = reference.replace("\\", "/")
        for prefix in PREFIXES:
            if ref.lower().startswith(prefix):
                return ref[len(prefix) :], prefix
        return ref, None

    def unsafe(self, reference: str) -> str | None:
        """Why a source path may not be followed (outside the project), or None."""
        ref, prefix = self._strip(reference)
        if prefix in {"absolute://", "file://"}:
            return "an absolute path outside the project"
        if not safe_member_name(ref.lstrip("/") if self.zip is not None else ref):
            return "a path that leads outside the project folder"
        if self.zip is None and not inside(self.base, self.base / ref):
            return "a path that leads outside the project folder"
        return None

    def read(self, reference: str) -> bytes | None:
        """The bytes of a source path as REFI-QDA writes it, or None if absent (callers
        check :meth:`unsafe` first)."""
        ref = self._strip(reference)[0].lstrip("/")
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
            if candidate.is_file() and inside(self.base, candidate):
                return read_raw(candidate, role="source text").data
        return None
