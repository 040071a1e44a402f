"""The checker is bounded (issue 20): linear in a draft's N mentions, limits on file size
and passage length with a clear error, and a claims registry of another export refused."""

from __future__ import annotations

import time

import pytest

from tests.conftest import REAL_XLSX
from toolkit.check import draft as draft_module
from toolkit.check.checker import check_draft
from toolkit.errors import LimitExceededError, UsageError


@pytest.fixture(scope="module")
def survey():
    from toolkit import read_surveyxact
    from toolkit.data import example_round

    return read_surveyxact(example_round())


def test_many_ns_written_two_ways_stay_linear(survey, tmp_path):
    """2 000 paragraphs giving the sample's N as 258 or 257: every wrong one is found, and
    each finding names a handful of places, not all 2 000 (once 16 GB for 8 000)."""
    lines = [f"Av de spurte (N = {258 if i % 2 else 257}) svarte mange." for i in range(2_000)]
    draft = tmp_path / "utkast.md"
    draft.write_text("\n\n".join(lines), encoding="utf-8")
    started = time.perf_counter()
    findings = check_draft(draft, survey=survey).to_frame()
    seconds = time.perf_counter() - started
    wrong = findings[findings["kind"] == "inconsistent-n"]
    assert len(wrong) >= 1_000
    assert findings["mapping"].str.len().max() < 2_000
    assert "steder til" in wrong["mapping"].iloc[0]  # nb: "og 1998 steder til"
    assert seconds < 60


def test_a_draft_past_the_limits_is_refused_with_advice(survey, tmp_path, monkeypatch):
    draft = tmp_path / "utkast.md"
    draft.write_text("N = 258. " * 200, encoding="utf-8")
    monkeypatch.setattr(draft_module, "MAX_TEXT_BYTES", 1_000)
    with pytest.raises(LimitExceededError, match="more than a draft's 1,000"):
        check_draft(draft, survey=survey)
    monkeypatch.setattr(draft_module, "MAX_TEXT_BYTES", 50 << 20)
    monkeypatch.setattr(draft_module, "MAX_PASSAGE", 500)
    with pytest.raises(LimitExceededError, match="the longest 1,799 characters"):
        check_draft(draft, survey=survey)


@pytest.mark.slow  # (the full example build)
def test_claims_of_another_export_are_refused(example_build):
    with pytest.raises(UsageError, match=r"another export than ex_survey2\.xlsx"):
        check_draft(
            example_build.folder / "report.docx",
            survey=REAL_XLSX,
            claims=example_build.outputs["claims"],
        )
