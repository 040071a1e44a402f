"""Drafts as researchers write them: Word (headings, captions with fields, tables with
merged cells), Markdown and text; bad drafts give clear errors."""

from __future__ import annotations

import json
import zipfile

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from tests.check import builders
from toolkit import check_draft, read_surveyxact
from toolkit.check import read_draft
from toolkit.errors import ConfigError, CorruptFileError, LimitExceededError, UsageError


def _caption(document, number: int, title: str) -> None:
    paragraph = document.add_paragraph(style="Caption")
    paragraph.add_run("Tabell ")
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), " SEQ Tabell \\* ARABIC ")
    run = OxmlElement("w:r")
    value = OxmlElement("w:t")
    value.text = str(number)
    run.append(value)
    field.append(run)
    paragraph._p.append(field)
    paragraph.add_run(f": {title}")


def word_draft(path):
    document = docx.Document()
    document.add_heading("Rutiner: 55 % har egne rutiner for unge brukere", level=1)
    document.add_paragraph("Av dem som svarte, har 60 % egne rutiner for unge brukere.")
    _caption(document, 1, "Tid til oppgavene")
    table = document.add_table(rows=3, cols=5)
    for c, text in enumerate(["", "Helt uenig", "Uenig", "Enig", "Helt enig"]):
        table.cell(0, c).text = text
    for c, text in enumerate(["Vi har nok tid til oppgavene", "9 %", "18 %", "45 %", "27 %"]):
        table.cell(1, c).text = text
    for c, text in enumerate(["Ledelsen gir tydelige beskjeder", "18 %", "36 %", "40 %", "9 %"]):
        table.cell(2, c).text = text
    merged = document.add_table(rows=2, cols=3)
    merged.cell(0, 1).merge(merged.cell(0, 2)).text = "Har kontoret egne rutiner?"
    merged.cell(1, 0).text = "Alle kontorer"
    merged.cell(1, 1).text = "55 %"
    document.save(path)
    return path


@pytest.fixture(scope="module")
def survey(tmp_path_factory):
    return read_surveyxact(builders.survey_export(tmp_path_factory.mktemp("survey")))


def test_word_draft_headings_paragraphs_captions_and_tables(tmp_path):
    draft = read_draft(word_draft(tmp_path / "utkast.docx"))
    kinds = [p.kind for p in draft.passages]
    assert kinds[:2] == ["heading", "paragraph"]
    assert draft.tables[0].caption == "Tabell 1: Tid til oppgavene"  # the field's number kept
    assert draft.tables[0].rows[1] == [
        "Vi har nok tid til oppgavene",
        "9 %",
        "18 %",
        "45 %",
        "27 %",
    ]
    assert draft.tables[1].rows[0] == ["", "Har kontoret egne rutiner?"]  # merged cell once


def test_word_draft_checked_in_headings_text_and_tables(tmp_path, survey):
    frame = check_draft(word_draft(tmp_path / "utkast.docx"), survey=survey).to_frame()
    found = {(r.claim, r.kind): r for r in frame.itertuples(index=False)}
    assert ("55 %", "ok") in found  # in the heading
    assert found["60 %", "mismatch"].location.startswith("avsnitt 1")
    assert found["40 %", "mismatch"].location == (
        "tabell 1 («Tabell 1: Tid til oppgavene»), rad 3, kolonne «Enig»"
    )
    assert frame[frame["kind"] == "sum"]["claim"].tolist() == ["sum 103 %"]


def test_text_draft_with_windows_encoding(tmp_path, survey):
    path = tmp_path / "utkast.txt"
    path.write_bytes("Nesten alle er enige eller helt enige i at de har nok tid til oppgavene.\r\n"
                     .encode("cp1252"))  # fmt: skip
    frame = check_draft(path, survey=survey).to_frame()
    assert frame["kind"].tolist() == ["quantifier"]


def test_bad_drafts_give_clear_errors(tmp_path, survey):
    (tmp_path / "utkast.docx").write_bytes(b"not a zip")
    with pytest.raises(CorruptFileError, match=r"utkast\.docx"):
        check_draft(tmp_path / "utkast.docx", survey=survey)
    with zipfile.ZipFile(tmp_path / "tom.docx", "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
    with pytest.raises(CorruptFileError, match="not a readable Word document") as error:
        check_draft(tmp_path / "tom.docx", survey=survey)
    assert "save it again" in str(error.value)
    (tmp_path / "utkast.pdf").write_bytes(b"%PDF")
    with pytest.raises(UsageError, match=r"\.docx, \.md or \.txt"):
        check_draft(tmp_path / "utkast.pdf", survey=survey)


def test_a_zip_bomb_draft_is_refused_before_parsing(tmp_path, survey):
    path = tmp_path / "bombe.docx"
    # the same 1.5 GiB bomb, built at zlib level 1: twice as fast, still over 200:1
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for i in range(150):
            archive.writestr(f"word/media/{i}.bin", b"\0" * (10 << 20))
    with pytest.raises(LimitExceededError, match=r"bombe\.docx"):
        check_draft(path, survey=survey)


def test_broken_claims_and_vocabulary_files(tmp_path, survey):
    draft = builders.write_md(tmp_path, "45 % er enige i at de har nok tid til oppgavene.\n")
    (tmp_path / "claims.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"claims\.json is not a claims registry"):
        check_draft(draft, survey=survey, claims=tmp_path / "claims.json")
    (tmp_path / "ord.toml").write_text('[nb]\n"stort sett" = [0.9, 0.2]\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="impossible interval") as error:
        check_draft(draft, survey=survey, vocabulary=tmp_path / "ord.toml")
    assert "stort sett" in str(error.value) and "ord.toml" in str(error.value)


def test_a_unit_named_by_its_number_is_a_name_and_each_group_gets_its_share(tmp_path, survey):
    """A unit report's table (the unit, the other units) restated in a sentence that names
    both: "Enhet 54" is a name, not a count, and each share is its own group's."""
    item = "Kontoret har en felles forståelse av oppdraget med kommunen"
    claims = [
        {"id": f"tabell-1/{i}/1", "location": "Tabell 1", "item": item, "row": group,
         "group": group, "breakdown": "enhet", "column": "Helt enig", "category": "Helt enig",
         "measure": "percent", "value": value, "shown": f"{round(value)} %", "decimals": 0}
        for i, (group, value) in enumerate((("Enhet 54", 12.4), ("Andre enheter", 30.6)), 1)
    ]  # fmt: skip
    registry = tmp_path / "claims.json"
    registry.write_text(json.dumps({"claims": claims}), encoding="utf-8")
    draft = tmp_path / "utkast.txt"
    draft.write_text(
        f"I Enhet 54 er 15 % helt enige i at «{item.lower()}», mot 31 % i andre enheter.\n",
        encoding="utf-8",
    )
    rows = check_draft(draft, survey=survey, claims=registry).to_frame()
    assert rows[["claim", "kind", "value"]].values.tolist() == [
        ["15 %", "mismatch", "12 %"],
        ["31 %", "ok", "31 %"],
    ]
