"""The checker's report speaks the report's language (``[report] language`` of the
configuration): findings, places, mappings and corrections; the draft's own sentences and
the data's labels stay as written."""

from __future__ import annotations

import re

import pytest

from tests.check import builders
from tests.report.vocabulary import ENGLISH, NORWEGIAN, WORD
from toolkit import check_draft

DRAFT = (
    "# Tid\n\n60 % er enige i at de har nok tid til oppgavene.\n\n"
    "Over halvparten (6 av 12) har egne rutiner for unge brukere.\n\n"
    "| | Enig | Uenig |\n|---|---|---|\n| Vi har nok tid til oppgavene | 70 % | 39 % |\n"
)


def _findings(tmp_path, language: str):
    folder = tmp_path / language
    folder.mkdir()
    export = builders.survey_export(folder)
    config = folder / "report.toml"
    config.write_text(
        f'[report]\nlanguage = "{language}"\n\n[[chapters]]\ntitle = "Tid"\nquestions = ["q"]\n',
        encoding="utf-8",
    )
    draft = builders.write_md(folder, DRAFT)
    return check_draft(draft, survey=export, config=config)


def _words(findings, columns) -> set[str]:
    """The words outside «quotes» (the draft's headings and the data's labels)."""
    frame = findings.to_frame()
    plain = [re.sub(r"«[^»]*»", " ", value) for c in columns for value in frame[c]]
    return {w.lower() for value in plain for w in WORD.findall(value)}


@pytest.mark.parametrize(("language", "foreign"), [("en", NORWEGIAN), ("nb", ENGLISH)])
def test_the_report_of_findings_is_in_the_report_language(tmp_path, language, foreign):
    findings = _findings(tmp_path, language)
    frame = findings.to_frame()
    assert {"mismatch", "sum"} <= set(frame["kind"])  # the kinds stay keys for code
    # places, mappings and corrections are the checker's words (the draft's and the data's
    # words stand in «quotes»)
    ours = _words(findings, ["location", "correction", "mapping", "candidates"])
    assert not ours & foreign, ours & foreign
    markdown = findings.to_markdown()
    title = {"en": "# Draft check", "nb": "# Kontroll av utkast"}[language]
    assert markdown.startswith(title)
    place = {"en": "paragraph 1 (under «Tid»)", "nb": "avsnitt 1 (under «Tid»)"}[language]
    assert place in markdown
    assert f'<html lang="{language}">' in findings.to_html()


def test_language_chosen_for_the_findings_and_a_sentence_pinned_by_a_tag(tmp_path):
    """--language overrides the configuration's; "[q_1]" ties a sentence that names no
    question to the variable (5 + 3 of 11 agree with q_1: 72,7 %)."""
    export = builders.survey_export(tmp_path)
    draft = builders.write_md(tmp_path, "Til sammen 73 % er enige [q_1].\n\nHele 60 % er enige.\n")
    findings = check_draft(draft, survey=export, language="en")
    frame = findings.to_frame().set_index("claim")
    assert frame.loc["73 %", "kind"] == "ok"  # pinned to q_1
    assert frame.loc["60 %", "kind"] == "unmatched"  # no question named: not guessed
    assert findings.to_markdown().startswith("# Draft check")
