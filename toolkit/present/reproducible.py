"""Byte-identical outputs: the same inputs give the same bytes, build after build.

Office files are zip packages whose writers stamp every member with the current time, and
whose document properties hold creation times; matplotlib's SVG carries a random hash
salt and its PNG a software tag. The helpers here fix all of them to one instant: the
``SOURCE_DATE_EPOCH`` environment variable when set (the reproducible-builds convention),
else 2000-01-01 00:00 UTC. No wall-clock time ends up in anything that is hashed.

Examples
--------
>>> import io, zipfile, tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "a.zip"
>>> with zipfile.ZipFile(path, "w") as z:
...     z.writestr("b.txt", "hei")
>>> normalise_zip(path)
>>> zipfile.ZipFile(path).infolist()[0].date_time
(2000, 1, 1, 0, 0, 0)
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import zipfile
from pathlib import Path

DEFAULT_EPOCH = 946_684_800  # 2000-01-01T00:00:00Z


def build_time() -> dt.datetime:
    """The instant every output is stamped with (``SOURCE_DATE_EPOCH`` or 2000-01-01)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    seconds = int(epoch) if epoch and epoch.strip().isdigit() else DEFAULT_EPOCH
    return dt.datetime.fromtimestamp(seconds, tz=dt.UTC)


def normalise_zip(
    path: str | Path, data: bytes | None = None, *, stored: tuple = (), members: dict | None = None
) -> None:
    """Write a zip package with every member dated :func:`build_time` (member order,
    names and bytes unchanged): the package at ``path``, or ``data`` (a package in memory)
    written to ``path``. Members whose names end in one of ``stored`` (".png": already
    compressed) are stored rather than deflated a second time; ``members`` gives some
    members' bytes by name (in place of the package's). The package is written to
    a temporary file and renamed: a failure leaves no half-written file."""
    path = Path(path)
    stamp = build_time()
    when = (max(stamp.year, 1980), stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second)
    given = members or {}
    with zipfile.ZipFile(io.BytesIO(data) if data is not None else path) as source:
        found = [
            (info, given[info.filename] if info.filename in given else source.read(info))
            for info in source.infolist()
        ]
    found = [
        (info, _fixed_times(content, stamp) if info.filename == "docProps/core.xml" else content)
        for info, content in found
    ]
    temporary = path.with_name(f".{path.name}.part")
    try:
        with zipfile.ZipFile(temporary, "w") as target:
            for info, content in found:
                fixed = zipfile.ZipInfo(info.filename, date_time=when)
                keep = info.filename.lower().endswith(stored)
                fixed.compress_type = zipfile.ZIP_STORED if keep else info.compress_type
                fixed.external_attr = 0o600 << 16
                fixed.create_system = 0
                target.writestr(fixed, content)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


_TIMES = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def _fixed_times(core: bytes, stamp: dt.datetime) -> bytes:
    """Office writers (openpyxl) stamp ``modified`` with the clock at save: fix it."""
    when = stamp.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    return _TIMES.sub(rb"\g<1>" + when + rb"\g<2>", core)


def matplotlib_metadata(kind: str) -> dict:
    """``metadata=`` for ``savefig`` so PNG and SVG carry no date or version noise."""
    if kind == "svg":
        return {"Date": None, "Creator": None}
    if kind == "png":
        return {"Software": None}
    if kind == "pdf":
        return {"CreationDate": None, "ModDate": None, "Producer": None, "Creator": None}
    return {}
