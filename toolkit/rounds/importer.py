"""Import a new survey round: validate, copy in read-only, compare, propose decisions.

``toolkit import-round EXPORT --into surveys/ --round 2027`` (or
``toolkit.rounds.import_round("surveys/", path, "2027")``):

1. reads the export, which must load cleanly (any ToolkitError stops the import);
2. copies the raw files into ``surveys/2027/`` read-only, with ``SHA256SUMS`` beside them;
   importing the same bytes again is a no-op that says so, and different bytes under an
   existing round name are refused (a round is never overwritten);
3. compares the codebook with the latest round and writes a change report
   (``surveys/endringer/<latest>-<new>.md`` and ``.xlsx``);
4. adds the round to ``rounds.toml`` and appends *proposed* decisions (renames, recodes,
   accepted wording edits) for a researcher to confirm.

Only new files are written; nothing in an existing round folder is touched.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from openpyxl import Workbook

from toolkit._hooks import stop_here
from toolkit.errors import UsageError
from toolkit.progress import progress_bar
from toolkit.rawfiles.files import sha256_of
from toolkit.rawfiles.safe_export import markdown_text, safe_title, write_cell
from toolkit.rounds.compare import compare_codebooks
from toolkit.rounds.config import Decision, proposal_text
from toolkit.rounds.project import read_rounds
from toolkit.surveys.read import detect_format, read_surveyxact

_NAME = re.compile(r"^[\w][\w.-]{0,63}$")
CHANGES = "endringer"


@dataclass(frozen=True)
class ImportResult:
    """What an import did: ``status`` is "imported" or "already imported"."""

    round: str
    status: str
    folder: Path
    files: dict[str, str] = field(default_factory=dict)
    report: tuple[Path, ...] = ()
    proposals: tuple[Decision, ...] = ()
    changes: pd.DataFrame | None = None
    problems: pd.DataFrame | None = None
    #: what a researcher should look at before trusting the round (few respondents, a
    #: confirmed decision's variable missing)
    warnings: tuple[str, ...] = ()

    def summary(self) -> str:
        lines = [f"round {self.round}: {self.status} ({len(self.files)} file(s) in {self.folder})"]
        if self.changes is not None:
            counts = self.changes["status"].value_counts().to_dict()
            lines.append(
                "changes against the latest round: "
                + ", ".join(f"{n} {s}" for s, n in counts.items())
            )
        if self.proposals:
            lines.append(
                f"{len(self.proposals)} proposed decision(s) appended to rounds.toml "
                '(confirm them by writing status = "confirmed")'
            )
        lines += [f"change report: {p}" for p in self.report]
        lines += [f"look at this: {w}" for w in self.warnings]
        return "\n".join(lines)


def _raw_files(export: Path) -> list[Path]:
    kind, target = detect_format(export)
    if kind == "csv":
        return sorted(p for p in target.iterdir() if p.is_file() and p.suffix.lower() == ".csv")
    return [target]


def _sums(files: list[Path]) -> dict[str, str]:
    return {f.name: sha256_of(f) for f in files}


def _existing(folder: Path) -> dict[str, str]:
    sums = folder / "SHA256SUMS"
    if not sums.is_file():
        return {p.name: sha256_of(p) for p in folder.rglob("*") if p.is_file()}
    pairs = (line.split("  ", 1) for line in sums.read_text(encoding="utf-8").splitlines() if line)
    return {Path(name).name: digest for digest, name in pairs}


def _copy(files: list[Path], export: Path, target: Path, progress: bool) -> dict[str, str]:
    """Copy the raw files (the CSV trio into a subfolder), read-only, with SHA256SUMS."""
    inner = target / export.name if export.is_dir() else target
    inner.mkdir(parents=True, exist_ok=inner == target)
    sums = {}
    for source in progress_bar(files, desc="copying", unit="file", show=progress):
        copied = inner / source.name
        shutil.copyfile(source, copied)
        stop_here("copying")  # after the first file: a round half copied
        sums[str(copied.relative_to(target))] = sha256_of(copied)
        copied.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    listing = target / "SHA256SUMS"
    listing.write_text("".join(f"{d}  {n}\n" for n, d in sums.items()), encoding="utf-8")
    listing.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    return sums


def proposals_for(changes: pd.DataFrame, previous: str) -> list[Decision]:
    """Proposed decisions for every change a stack would need one for."""
    out: list[Decision] = []
    recodes: dict[tuple, list[str]] = {}
    for row in changes.itertuples(index=False):
        changed = set(row.changes or [])
        if row.status == "renamed":
            out.append(
                Decision(
                    "rename",
                    [row.new_variable],
                    row.old_variable,
                    row.new_variable,
                    note=f"proposed: {row.detail}",
                )
            )
        if {"labels", "codes", "missing_codes"} & changed:
            recodes.setdefault((row.detail,), []).append(row.new_variable)
        elif {"question_text", "item_text"} & changed:
            out.append(Decision("same", [row.new_variable], note=f"proposed: {row.detail}"))
        if "type" in changed:
            out.append(Decision("exclude", [row.new_variable], note=f"proposed: {row.detail}"))
    for (detail,), variables in recodes.items():
        out.append(
            Decision(
                "recode", variables, rounds=[previous], note=f"proposed: labels by text; {detail}"
            )
        )
    return out


def _update_config(into: Path, order: list[str], name: str, proposals: list[Decision]) -> None:
    """Add ``name`` to ``[rounds] order`` (tomlkit keeps comments and layout) and append the
    proposals; written to a temporary file and renamed."""
    import tomlkit

    path = into / "rounds.toml"
    if path.is_file():
        text = path.read_text(encoding="utf-8-sig")
        document = tomlkit.parse(text)
        listed = document.setdefault("rounds", tomlkit.table()).setdefault("order", [])
        if name not in [str(r) for r in listed]:
            listed.append(name)
        text = tomlkit.dumps(document)
    else:
        listed = ", ".join(f'"{r}"' for r in [*order, name])
        text = "# Survey rounds in order (see toolkit.rounds.config)\n\n[rounds]\n"
        text += f"order = [{listed}]\n"
    if proposals:
        text = text.rstrip("\n") + f"\n\n# proposed when round {name} was imported\n"
        text += "".join(proposal_text(d) for d in proposals)
    temporary = path.with_name(".rounds.toml.part")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def _report(into: Path, previous: str, name: str, changes: pd.DataFrame, proposals) -> tuple:
    folder = into / CHANGES
    folder.mkdir(exist_ok=True)
    stem = folder / f"{previous}-{name}"
    lines = [f"# Endringer fra {markdown_text(previous)} til {markdown_text(name)}", ""]
    counts = changes["status"].value_counts()
    lines += [
        ", ".join(f"{n} {s}" for s, n in counts.items()),
        "",
        "| Status | Variabel | Endring |",
        "|---|---|---|",
    ]
    for row in changes[changes["status"] != "unchanged"].itertuples(index=False):
        names = [v for v in (row.old_variable, row.new_variable) if isinstance(v, str) and v]
        variable = " → ".join(markdown_text(v) for v in dict.fromkeys(names))
        lines.append(f"| {row.status} | {variable} | {markdown_text(row.detail)} |")
    lines += ["", "## Foreslåtte beslutninger (i rounds.toml, må bekreftes)", ""]
    lines += [f"- {markdown_text(d.describe())}: {markdown_text(d.note_in())}" for d in proposals]
    markdown = stem.with_suffix(".md")
    markdown.write_text("\n".join(lines) + "\n", encoding="utf-8")
    book = Workbook()
    sheet = book.active
    sheet.title = safe_title(f"{previous}-{name}")
    columns = ["status", "old_variable", "new_variable", "changes", "similarity", "detail"]
    for j, column in enumerate(columns, start=1):
        write_cell(sheet, 1, j, column)
    for i, row in enumerate(changes[columns].itertuples(index=False), start=2):
        for j, value in enumerate(row, start=1):
            write_cell(sheet, i, j, ", ".join(value) if isinstance(value, list) else value)
    excel = stem.with_suffix(".xlsx")
    book.save(excel)
    return markdown, excel


def _listed(into: Path) -> list[str]:
    """The rounds rounds.toml lists (none when there is no readable file)."""
    import tomllib

    try:
        data = tomllib.loads((into / "rounds.toml").read_text(encoding="utf-8-sig"))
        return [str(r) for r in data.get("rounds", {}).get("order", [])]
    except (OSError, tomllib.TOMLDecodeError, AttributeError):
        return []


def _current(into: Path, name: str):
    folders = [p for p in into.iterdir() if p.is_dir() and not p.name.startswith(".")]
    if not (into / "rounds.toml").is_file() and not [p for p in folders if p.name != name]:
        return None
    return read_rounds(into)


def _refuse_duplicate(into: Path, wanted: dict[str, str], name: str) -> None:
    """The same bytes as a round already imported (under another name) are refused."""
    if not into.is_dir():
        return
    rounds = (p for p in into.iterdir() if not p.name.startswith("."))
    for folder in sorted(p for p in rounds if (p / "SHA256SUMS").is_file()):
        if sorted(_existing(folder).values()) == sorted(wanted.values()):
            raise UsageError(
                f"these files are round {folder.name!r} already (the same bytes)",
                file=folder,
                found=f"sha256 of every file equal to {folder.name}'s",
                hint=f"a new round is a new export; {name!r} was not imported",
            )


def _warnings(rounds, previous, survey, previous_name: str) -> list[str]:
    out = []
    before, now = len(previous.data), len(survey.data)
    if before and now < 0.75 * before:
        out.append(
            f"{now} respondents, against {before} in round {previous_name}: a file cut short? "
            "Compare with SurveyXact's count before you use the round"
        )
    columns = set(survey.data.columns)
    decisions = rounds.config.decisions if rounds.config else []
    for decision in (d for d in decisions if d.confirmed):
        wanted = [decision.new] if decision.kind == "rename" else decision.variables
        missing = [v for v in wanted if v and v not in columns]
        if missing:
            out.append(
                f"the confirmed decision '{decision.describe()}' (rounds.toml line "
                f"{decision.line}) names {', '.join(missing)}, which this round does not have: "
                "change or remove the decision before the rounds are read"
            )
    return out


def _writable(folder: Path) -> None:
    for path in folder.rglob("*"):
        path.chmod(stat.S_IRUSR | stat.S_IWUSR | (stat.S_IXUSR if path.is_dir() else 0))


def import_round(into, path, name: str, *, progress: bool | None = None) -> ImportResult:
    """Import the export at ``path`` as round ``name`` of the project ``into`` (see the
    module docstring)."""
    into, export = Path(into), Path(path)
    if not _NAME.match(name) or name.startswith("."):
        raise UsageError(f"{name!r} is not a usable round name", hint="use e.g. 2027 or 2027-vår")
    files = _raw_files(export)
    size = sum(f.stat().st_size for f in files)
    show = progress if progress is not None else size > 50 << 20
    survey = read_surveyxact(export, progress=show)  # must load cleanly
    stop_here("read")
    target = into / name
    wanted = _sums(files)
    listed = _listed(into)
    if target.exists():
        existing = _existing(target)
        if sorted(existing.values()) != sorted(wanted.values()):
            raise UsageError(
                f"round {name!r} already exists with other files",
                file=target,
                found=f"{len(existing)} file(s) that differ from the {len(wanted)} given",
                hint="a round is never overwritten: import under another name (e.g. "
                f"{name}-b), or remove {target} yourself if it was imported by mistake",
            )
        if name in listed:
            return ImportResult(name, "already imported", target, existing)
        # copied, then killed before rounds.toml was updated: finish the import now
    else:
        _refuse_duplicate(into, wanted, name)
    into.mkdir(parents=True, exist_ok=True)
    rounds = _current(into, name)
    order = [r for r in (rounds.order if rounds else []) if r != name]
    if not target.exists():
        staging = into / f".importing-{name}"
        if staging.exists():  # an earlier import killed while copying
            _writable(staging)
            shutil.rmtree(staging)
        _copy(files, export, staging, show)
        stop_here("copied")
        os.replace(staging, target)  # the round appears whole, or not at all
        stop_here("moved")
    sums = _existing(target)
    changes, proposals, report = None, [], ()
    warnings: list[str] = []
    if order:
        previous = rounds[order[-1]]
        changes = compare_codebooks(previous, survey)
        proposals = proposals_for(changes, order[-1])
        report = _report(into, order[-1], name, changes, proposals)
        warnings = _warnings(rounds, previous, survey, order[-1])
    stop_here("compared")
    _update_config(into, order, name, proposals)
    stop_here("listed")
    return ImportResult(
        name,
        "imported",
        target,
        sums,
        tuple(report),
        tuple(proposals),
        changes,
        survey.problems,
        tuple(warnings),
    )
