"""An output folder that is never left half-written, and files in it that are not ours.

A build writes into a staging folder inside ``--out`` (``.toolkit-staging-<pid>``) and
moves the finished files into place only when every output is written and audited, the
manifest last: a failure or a kill leaves the previous report as it was (a later build
removes the abandoned staging folder). A lock on the folder (held while the build runs and
released by the system when the process ends, however it ends) refuses a second build
into the same folder. The toolkit replaces or deletes only the files the previous
build's manifest lists; a file of the user's with an output's name is refused before any
work, and anything else in the folder is left alone.

Examples
--------
>>> import tempfile, pathlib
>>> out = pathlib.Path(tempfile.mkdtemp())
>>> with OutputFolder(out) as folder:
...     _ = (folder.staging / "report.html").write_text("<p>1</p>")
...     published = folder.publish([folder.staging / "report.html"])
>>> sorted(p.name for p in out.iterdir())
['report.html']
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
from pathlib import Path

from toolkit.errors import UsageError

STAGING = ".toolkit-staging-"
#: the names being moved into place (a kill while moving leaves it: they are ours)
PUBLISHING = ".toolkit-publishing.json"
#: the names a build always writes (figures are named by their numbers)
FIXED = ("report.html", "report.docx", "tabeller.xlsx", "claims.json", "manifest.json")


def previous_outputs(out: Path) -> set[str]:
    """The files earlier builds wrote into ``out``: the manifest's outputs, and the names
    a build killed while moving its files into place had listed."""
    found: set[str] = set()
    try:
        manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
        found |= {str(entry["path"]) for entry in manifest.get("outputs", [])}
        found.add("manifest.json")
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        pass
    with contextlib.suppress(OSError, ValueError, TypeError):
        found |= {str(name) for name in json.loads((out / PUBLISHING).read_text("utf-8"))}
    return found


class OutputFolder:
    """``--out`` for one build: locked, staged, published at the end (module docstring).

    Parameters
    ----------
    out
        The output folder (made when missing).
    """

    def __init__(self, out: str | Path) -> None:
        self.out = Path(out)
        self.staging = self.out / f"{STAGING}{os.getpid()}"
        self._lock = None
        self.ours: set[str] = set()

    def __enter__(self) -> OutputFolder:
        self.out.mkdir(parents=True, exist_ok=True)
        self._acquire()
        for abandoned in self.out.glob(f"{STAGING}*"):  # a killed build's: the lock is ours
            shutil.rmtree(abandoned, ignore_errors=True)
        self.ours = previous_outputs(self.out)
        self._refuse_clashes(list(FIXED))
        self.staging.mkdir()
        return self

    def __exit__(self, *exc) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)
        if self._lock is not None:
            os.close(self._lock)  # the lock goes with the handle

    def _acquire(self) -> None:
        """Lock the folder itself (flock on its handle: no lock file left behind, and the
        system releases it when the process ends, however it ends)."""
        try:
            import fcntl
        except ImportError:  # Windows: no advisory lock (the staging folder still holds)
            return
        handle = os.open(self.out, os.O_RDONLY)
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(handle)
            raise UsageError(
                f"another build is writing into {self.out}",
                file=self.out,
                expected="one build at a time in an output folder",
                hint="wait for it to finish, or build into another folder with --out",
            ) from None
        self._lock = handle

    def _refuse_clashes(self, names: list[str]) -> None:
        theirs = [name for name in names if (self.out / name).exists() and name not in self.ours]
        if theirs:
            raise UsageError(
                f"{', '.join(theirs[:5])} in {self.out} "
                f"{'was' if len(theirs) == 1 else 'were'} not written by the toolkit "
                "(no manifest of an earlier build lists "
                f"{'it' if len(theirs) == 1 else 'them'}): a build would replace "
                f"{'it' if len(theirs) == 1 else 'them'}",
                file=self.out,
                expected="an output folder holding nothing of yours under an output's name",
                hint="move those files away, or build into another folder with --out",
            )

    def publish(self, written: list[Path]) -> list[Path]:
        """Move the staged files into the output folder (``manifest.json`` last) and
        delete the previous build's files this one did not write again; returns the
        published paths in the order given."""
        names = [p.relative_to(self.staging).as_posix() for p in written]
        self._refuse_clashes(names)
        pending = self.out / PUBLISHING
        pending.write_text(json.dumps(sorted(names)), encoding="utf-8")
        order = sorted(range(len(names)), key=lambda i: names[i] == "manifest.json")
        for index in order:
            target = self.out / names[index]
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(written[index], target)
        for stale in sorted(self.ours - set(names)):
            path = self.out / stale
            if path.is_file() and path.resolve().is_relative_to(self.out.resolve()):
                path.unlink()
        pending.unlink()
        return [self.out / name for name in names]
