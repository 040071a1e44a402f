"""Zip containers (.xlsx, .docx, .qdpx) opened safely: limits checked before anything is read.

Before a member is read, :func:`open_zip` checks every member name (no absolute paths,
drive letters or ``..`` in either slash direction) and the **total** uncompressed size and
compression ratio of all members together: a limit per member is not enough (150 members
of 10 MiB each pass one). Python's zipfile then never reads more than a member declares,
and a member whose bytes do not match its checksum is a :class:`CorruptFileError` naming
the member, never a raw ``BadZipFile``. :meth:`SafeZip.verify` streams every member
through that check, so a library that reads the archive itself (calamine) only ever sees
members whose sizes are what they claim.

The defaults are generous for real projects: a 1,000,000 × 250 SurveyXact export is about
6 GB of sheet XML at a ratio near 10; a 500-document interview project is far smaller.
Raise them per call with ``ZipLimits(...)`` when a real file needs more.

Examples
--------
>>> import io, zipfile, tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "bomb.docx"
>>> with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
...     for i in range(3):
...         z.writestr(f"part{i}.xml", b"0" * (2 << 20))
>>> open_zip(path, limits=ZipLimits(max_total=4 << 20), kind="Word document")
Traceback (most recent call last):
...
toolkit.errors.LimitExceededError: bomb.docx would unpack to 6,291,456 bytes, more than ...
"""

from __future__ import annotations

import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from toolkit.errors import CorruptFileError, LimitExceededError, UnsafeFileError
from toolkit.rawfiles.files import safe_member_name


@dataclass(frozen=True)
class ZipLimits:
    """Safety limits for zip containers (all members together)."""

    #: total uncompressed bytes of all members
    max_total: int = 16 << 30
    #: total uncompressed / total compressed, checked once the total passes ``ratio_from``
    max_ratio: float = 100.0
    ratio_from: int = 256 << 20
    #: number of members
    max_members: int = 100_000


DEFAULT_LIMITS = ZipLimits()


class SafeZip:
    """A zip archive whose members passed the checks; reads are checksum-verified."""

    def __init__(self, path: Path, archive: zipfile.ZipFile, kind: str) -> None:
        self.path, self.archive, self.kind = path, archive, kind
        self.infos = {info.filename: info for info in archive.infolist()}

    def names(self) -> list[str]:
        return list(self.infos)

    def find(self, name: str) -> zipfile.ZipInfo | None:
        """A member by name, matched without case and with either slash."""
        key = name.replace("\\", "/").lower()
        for member, info in self.infos.items():
            if member.replace("\\", "/").lower() == key:
                return info
        return None

    def _corrupt(self, member: str, exc: Exception) -> CorruptFileError:
        return CorruptFileError(
            f"{self.path.name} is damaged: member {member!r} cannot be unpacked",
            file=self.path,
            where=f"zip member {member!r}",
            found=f"{type(exc).__name__}: {str(exc)[:200]}",
            expected=f"an intact {self.kind}",
            hint="the file may be truncated or altered; download or export it again",
        )

    def read(self, member: str | zipfile.ZipInfo) -> bytes:
        """The bytes of one member (checksum verified)."""
        info = member if isinstance(member, zipfile.ZipInfo) else self.infos[member]
        try:
            return self.archive.read(info)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError) as exc:
            raise self._corrupt(info.filename, exc) from None

    def stream(self, member: str | zipfile.ZipInfo, chunk: int = 1 << 24):
        """The member's bytes in chunks (checksum verified at the end)."""
        info = member if isinstance(member, zipfile.ZipInfo) else self.infos[member]
        try:
            with self.archive.open(info) as handle:
                while block := handle.read(chunk):
                    yield block
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError) as exc:
            raise self._corrupt(info.filename, exc) from None

    def verify(self, skip: set[str] = frozenset()) -> None:
        """Unpack every member (but those in ``skip``, verified elsewhere) and discard it:
        sizes and checksums must be what the archive declares."""
        for name, info in self.infos.items():
            if name not in skip and not info.is_dir():
                for _ in self.stream(info):
                    pass

    def close(self) -> None:
        self.archive.close()

    def __enter__(self) -> SafeZip:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def open_zip(
    path: str | Path, *, kind: str = "zip archive", limits: ZipLimits = DEFAULT_LIMITS
) -> SafeZip:
    """Open ``path`` as a zip after checking names, total size and ratio (see module)."""
    path = Path(path)
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise CorruptFileError(
            f"{path.name} is not a readable {kind}",
            file=path,
            found=f"{type(exc).__name__}: {str(exc)[:200]}",
            expected=f"a {kind} (a zip container)",
            hint="the file may be truncated or of another type; download or export it again",
        ) from None
    infos = archive.infolist()
    try:
        _check(path, infos, kind, limits)
    except Exception:
        archive.close()
        raise
    return SafeZip(path, archive, kind)


def _check(path: Path, infos: list[zipfile.ZipInfo], kind: str, limits: ZipLimits) -> None:
    if len(infos) > limits.max_members:
        raise LimitExceededError(
            f"{path.name} holds {len(infos):,} members, more than the limit of "
            f"{limits.max_members:,}",
            file=path,
            hint="if the file is genuine, raise ZipLimits(max_members=...)",
        )
    for info in infos:
        if not safe_member_name(info.filename):
            raise UnsafeFileError(
                f"{path.name} holds a member with an unsafe path",
                file=path,
                where=f"zip member {info.filename!r}",
                expected="relative member names without '..', drive letters or a leading slash",
                hint="the archive is damaged or crafted; do not extract it; export it again",
            )
    total = sum(info.file_size for info in infos)
    packed = sum(info.compress_size for info in infos)
    if total > limits.max_total:
        raise LimitExceededError(
            f"{path.name} would unpack to {total:,} bytes, more than the limit of "
            f"{limits.max_total:,}",
            file=path,
            found=f"{len(infos)} members, {packed:,} bytes packed",
            hint="a zip bomb is refused; if the file is genuine, pass a larger "
            "ZipLimits(max_total=...)",
        )
    ratio = total / max(packed, 1)
    if total > limits.ratio_from and ratio > limits.max_ratio:
        raise LimitExceededError(
            f"{path.name} is compressed {ratio:,.0f} to 1, more than the limit of "
            f"{limits.max_ratio:,.0f} to 1 (zip bomb?)",
            file=path,
            found=f"{total:,} bytes unpacked from {packed:,} in {len(infos)} members",
            hint="the toolkit refuses it; if the file is genuine, pass a larger "
            "ZipLimits(max_ratio=...)",
        )
