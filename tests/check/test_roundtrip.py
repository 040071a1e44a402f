"""The claims registry a build writes, and a report checked against its own rebuild."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.check import builders
from toolkit import check_draft
from toolkit.report.build import build_report


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    base = tmp_path_factory.mktemp("builds")
    export = builders.survey_export(base)
    first = build_report(export, base / "a", progress=False)
    second = build_report(export, base / "b", progress=False)
    return export, first.folder, second.folder


def test_claims_registry_is_byte_identical_and_in_the_manifest(builds):
    _, a, b = builds
    assert (a / "claims.json").read_bytes() == (b / "claims.json").read_bytes()
    manifest = json.loads((a / "manifest.json").read_text(encoding="utf-8"))
    assert "claims.json" in {o["path"] for o in manifest["outputs"]}


def test_registry_records_what_each_number_is_and_where(builds):
    _, a, _ = builds
    claims = json.loads((a / "claims.json").read_text(encoding="utf-8"))["claims"]
    enig = [c for c in claims if c["item"] == "Vi har nok tid til oppgavene"
            and c["category"] == "Enig"]  # fmt: skip
    assert enig and all(c["measure"] == "percent" for c in enig)
    assert round(enig[0]["value"], 4) == round(100 * 5 / 11, 4)  # the hand count
    assert enig[0]["location"].startswith("Tabell ") and enig[0]["shown"] in ("45 %", "46 %")


def test_a_report_checked_against_its_rebuild_has_no_errors(builds):
    export, a, b = builds
    findings = check_draft(a / "report.docx", survey=export, claims=b / "claims.json")
    counts = findings.counts()
    assert findings.exit_code == 0, findings.problems.to_string()
    assert counts.get("ok", 0) >= 20
    assert not {"mismatch", "inconsistent-n", "sum"} & set(counts)


def test_a_report_checked_against_the_data_alone_has_no_errors(builds):
    # no registry: every number is tied by its context or listed as unmatched, never
    # flagged wrongly (captions' Ns, table columns, ranges, the sample)
    export, a, _ = builds
    findings = check_draft(a / "report.docx", survey=export)
    assert findings.exit_code == 0, findings.problems.to_string()
    assert findings.counts().get("ok", 0) >= 15


def test_cli_exit_codes_and_report(builds, tmp_path):
    export, _, _ = builds
    draft = builders.write_md(tmp_path, "47 % er enige i at de har nok tid til oppgavene.\n")
    script = str(Path(sys.executable).parent / "toolkit")  # the installed command
    command = [script, "check", str(draft), "--survey", str(export)]
    failed = subprocess.run(
        [*command, "--report", str(tmp_path / "kontroll.html")], capture_output=True, text=True
    )
    assert failed.returncode == 1, failed.stderr
    assert "mismatch" in failed.stdout and "47 %" in failed.stdout
    assert "Traceback" not in failed.stderr
    page = (tmp_path / "kontroll.html").read_text(encoding="utf-8")
    assert "<td>avvik</td>" in page and "73 %" in page  # "enige": «Enig» + «Helt enig»
    relaxed = subprocess.run([*command, "--exit-zero"], capture_output=True, text=True)
    assert relaxed.returncode == 0
    missing = subprocess.run(
        [*command[:2], str(tmp_path / "finnes-ikke.docx"), *command[3:]],
        capture_output=True,
        text=True,
    )
    assert missing.returncode == 2 and "finnes-ikke.docx" in missing.stderr
    assert "Traceback" not in missing.stderr
