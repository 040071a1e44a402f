"""Shared test fixtures: the real SurveyXact export and small synthetic exports built by code."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest

from toolkit.surveys.builder import AGREEMENT, DONT_KNOW
from toolkit.surveys.export import STRUCTURE_COLUMNS
from toolkit.surveys.synthetic import ExportTables

FIXTURES = Path(__file__).parent / "fixtures"
REAL = FIXTURES / "surveyxact" / "ex_survey2"
REAL_CSV = REAL / "csv_semicolon_ansi"
REAL_XLSX = REAL / "ex_survey2.xlsx"
ROOT = Path(__file__).parents[1]
#: The five-point agreement scale with "Vet ikke", in SurveyXact's code order 1–6.
AGREE = [*AGREEMENT, DONT_KNOW]


def read_csv_rows(path: Path, encoding: str = "cp1252", sep: str = ";") -> list[list[str]]:
    """The plain-Python second route: csv module, no pandas or pyarrow."""
    with path.open(encoding=encoding, newline="") as handle:
        return [row for row in csv.reader(handle, delimiter=sep) if row]


def real_tables() -> ExportTables:
    """The real export as ExportTables (raw codes as text), for writing other flavours."""
    rows = read_csv_rows(REAL_CSV / "dataset.csv")
    dataset = pd.DataFrame(rows[1:], columns=rows[0]).replace("", None)
    for col in dataset.columns:
        converted = pd.to_numeric(dataset[col], errors="coerce")
        if converted.notna().sum() == dataset[col].notna().sum():
            dataset[col] = converted
    structure_rows = read_csv_rows(REAL_CSV / "structure.csv")
    structure = pd.DataFrame([r[:7] for r in structure_rows[1:]], columns=STRUCTURE_COLUMNS)
    structure["choiceValue"] = pd.to_numeric(structure["choiceValue"], errors="coerce")
    labels = pd.DataFrame(
        read_csv_rows(REAL_CSV / "labels.csv"), columns=["variable", "code", "label"]
    )
    labels["code"] = labels["code"].astype(int)
    return ExportTables(dataset=dataset, structure=structure, labels=labels)


def small_tables(**changes) -> ExportTables:
    """A tiny export with one grid, a yes/no item, a multi-response set and open text.

    Respondent 3 skipped everything (blank must stay blank, never 0 or "").
    """
    dataset = pd.DataFrame(
        {
            "respondentid": [101, 102, 103, 104, 105, 106],
            "email": ["a@x.no", "b@x.no", None, "d@x.no", "e@x.no", "f@x.no"],
            "q_1": [1, 2, None, 5, 6, 4],
            "q_2": [2, 2, None, 3, 1, 6],
            "ja": [1, 2, None, 3, 1, 1],
            "m_1": [1, 0, None, 1, 0, 1],
            "m_2": [0, 1, None, 1, 0, 0],
            "m_3": [0, 0, None, 0, 1, 0],
            "m_txt": [None, None, None, None, "Studietur; med overnatting", None],
            "komm": ['Bra, men "travelt"', None, None, "Æøå; særlig", "", "Linje 1\r\nLinje 2"],
        }
    )
    stem = "Hvor enig er du i påstandene om kontoret?"
    structure = pd.DataFrame(
        [
            ["q_1", "q_1", "Closed", "Single", f"{stem} - Vi har nok tid ", None, None],
            ["q_2", "q_2", "Closed", "Single", f"{stem} - Ledelsen er tydelig", None, None],
            ["ja", "ja", "Closed", "Single", "Har kontoret rutiner?", None, None],
            ["m", "m_1", "Closed", "Multiple", "Hvilke tiltak? (flere svar mulig)", 1, "Kurs"],
            [
                "m",
                "m_2",
                "Closed",
                "Multiple",
                "Hvilke tiltak? (flere svar mulig)",
                2,
                "Veiledning; i team",
            ],
            [
                "m",
                "m_3",
                "Closed",
                "Multiple",
                "Hvilke tiltak? (flere svar mulig)",
                3,
                "Annet, spesifiser:",
            ],
            [
                "m_txt",
                "m_txt",
                "Open",
                "String",
                "Hvilke tiltak? (flere svar mulig) - Annet, spesifiser:",
                None,
                None,
            ],
            ["komm", "komm", "Open", "String", "Kommentarer", None, None],
        ],
        columns=STRUCTURE_COLUMNS,
    )
    labels = [("q_1", i, lab) for i, lab in enumerate(AGREE, 1)]
    labels += [("q_2", i, lab) for i, lab in enumerate(AGREE, 1)]
    labels += [("ja", 1, "Ja"), ("ja", 2, "Nei"), ("ja", 3, "Vet ikke")]
    for name in ("m_1", "m_2", "m_3"):
        labels += [(name, 0, "Ikke valgt"), (name, 1, "Valgt")]
    tables = ExportTables(
        dataset=dataset,
        structure=structure,
        labels=pd.DataFrame(labels, columns=["variable", "code", "label"]),
    )
    for key, value in changes.items():
        tables = ExportTables(**{**vars(tables), key: value})
    return tables


@pytest.fixture
def tables() -> ExportTables:
    return small_tables()


# ---------------------------------------------------------------- builds shared by the suite
# A full report build takes seconds to tens of seconds: each one below is made once per test
# session and shared by every test that reads it. Tests that add files to a build folder
# work on a copy (copy_build), so the shared folders stay as built.


@pytest.fixture(scope="session")
def example_project_copy(tmp_path_factory) -> Path:
    """surveys/, transcripts/ and report.toml copied into a temporary folder; returns the
    copied report.toml (a build never writes into the repository)."""
    from tests.report.helpers import example_project

    return example_project(tmp_path_factory.mktemp("project"))


@pytest.fixture(scope="session")
def example_build(example_project_copy, tmp_path_factory):
    """The example report as `make report` builds it (rounds, weights, models, interviews)."""
    from toolkit.report import build_report

    export = example_project_copy.parent / "surveys/2026/ledere_2026.xlsx"
    out = tmp_path_factory.mktemp("example-build")
    return build_report(export, out, config=example_project_copy, progress=False)


@pytest.fixture(scope="session")
def default_example_build(tmp_path_factory):
    """The example round built with no configuration (what `toolkit report EXPORT` does)."""
    from toolkit.data import example_round
    from toolkit.report import build_report

    return build_report(example_round(), tmp_path_factory.mktemp("default"), progress=False)


@pytest.fixture(scope="session")
def real_build(tmp_path_factory):
    """The real 242-variable export built with no configuration."""
    from toolkit.report import build_report

    return build_report(REAL_XLSX, tmp_path_factory.mktemp("real"), progress=False)


def copy_build(build, target: Path) -> Path:
    """A copy of a shared build's folder, for a test that writes beside its outputs."""
    import shutil

    shutil.copytree(build.folder, target, dirs_exist_ok=True)
    return target


# ---------------------------------------------------------------- nothing written into the clone
_IGNORED_PARTS = {".git", ".venv", "__pycache__", ".pytest_cache", ".ruff_cache"}


def _repository_files(root: Path = ROOT) -> set[str]:
    """Every file and folder of the clone, git-ignored ones included (but the tools' own)."""
    import os

    found = set()
    for folder, folders, files in os.walk(root):
        folders[:] = [f for f in folders if f not in _IGNORED_PARTS]
        here = Path(folder).relative_to(root)
        found |= {(here / name).as_posix() for name in [*folders, *files]}
    return found


def pytest_sessionstart(session) -> None:
    session.config._repository_files = _repository_files()


def pytest_sessionfinish(session, exitstatus) -> None:
    before = getattr(session.config, "_repository_files", None)
    if before is None or hasattr(session.config, "workerinput"):
        return
    after = _repository_files()
    added, removed = sorted(after - before), sorted(before - after)
    if added or removed:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        lines = [f"  + {p}" for p in added[:20]] + [f"  - {p}" for p in removed[:20]]
        message = "the test run wrote into the repository (tests must use tmp_path):\n"
        if reporter is not None:
            reporter.write_line(message + "\n".join(lines), red=True)
        session.exitstatus = 1
