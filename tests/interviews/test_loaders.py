"""The three renderings of the example project agree; REFI-QDA vendor quirks; attributes."""

from __future__ import annotations

import zipfile

import pytest

from toolkit.data import example_project
from toolkit.interviews import read_corpus
from toolkit.interviews.synthetic import CodedDocument, write_docx, write_inline, write_qdpx

TEXT = (
    "I: [00:00:05] Hvordan er samarbeidet?\n"
    "Leder: Samarbeidet med kommunen er godt. Men tiden strekker ikke til {sic}.\n"
    "I: Og brukerne?\n"
    "Veileder 2: De fleste møter opp – 😊 – når vi ringer først."
)


def span(phrase: str) -> tuple[int, int]:
    start = TEXT.index(phrase)
    return start, start + len(phrase)


SEGMENTS = [
    ("Samarbeid/Med kommunen", *span("Samarbeidet med kommunen er godt.")),
    ("Tid", *span("Men tiden strekker ikke til {sic}.")),
    ("Brukermøtet", *span("De fleste møter opp – 😊 – når vi ringer først.")),
    ("Tid/Arbeidspress", *span("tiden strekker ikke til")),
]


def key(corpus):
    names = corpus.documents.set_index("document")["name"]
    return sorted(
        zip(
            corpus.segments["document"].map(names),
            corpus.segments["path"],
            corpus.segments["start"],
            corpus.segments["end"],
            corpus.segments["text"],
            strict=True,
        )
    )


@pytest.fixture(scope="module")
def renderings():
    return {kind: read_corpus(example_project(kind)) for kind in ("qdpx", "docx", "txt")}


def test_three_renderings_give_equal_segments_and_attributes(renderings):
    qdpx, docx, txt = renderings.values()
    assert key(qdpx) == key(docx) == key(txt)
    assert len(key(qdpx)) == 105
    for corpus in renderings.values():
        corpus.check()
        docs = corpus.documents.set_index("name")
        assert docs.at["Intervju 02 veiledere A", "rolle"] == "veileder"
        assert docs.at["Saksmappe 03", "type"] == "saksmappe"
        assert sorted(corpus.codes["path"]) == sorted(qdpx.codes["path"])


def test_turns_and_timestamps(renderings):
    turns = renderings["txt"].turns
    docs = renderings["txt"].documents.set_index("document")["name"]
    group = turns[turns["document"].map(docs) == "Intervju 04 veiledere B"]
    assert set(group["speaker"]) == {"I", "Veileder 1", "Veileder 2", "Veileder 3"}
    assert group["timestamp"].iloc[0] == "00:00:10"


def test_code_tree_and_cases(renderings):
    corpus = renderings["qdpx"]
    codes = corpus.codes.set_index("path")
    assert codes.at["Tid/Dokumentasjon", "depth"] == 2
    parent = codes.at["Tid/Dokumentasjon", "parent"]
    assert corpus.codes.set_index("code").at[parent, "path"] == "Tid"
    assert len(corpus.cases) == 18 and len(corpus.case_documents) == 18


def _doc() -> list[CodedDocument]:
    return [CodedDocument("Intervju X", TEXT, {"rolle": "leder"}, SEGMENTS)]


@pytest.mark.parametrize("crlf_as_one", [False, True])
def test_nvivo_style_crlf_text_in_either_offset_convention(tmp_path, crlf_as_one):
    path = write_qdpx(
        _doc(), tmp_path / "nvivo.qdpx", crlf=True, crlf_as_one=crlf_as_one, origin="NVivo 14"
    )
    corpus = read_corpus(path)
    corpus.check()
    assert corpus.documents["original_text"].iloc[0].count("\r\n") == 3
    got = dict(zip(corpus.segments["path"], corpus.segments["text"], strict=True))
    assert got["Samarbeid/Med kommunen"] == "Samarbeidet med kommunen er godt."
    assert got["Brukermøtet"].startswith("De fleste møter opp")
    unit = corpus.source["offset_units"]["Intervju X"]
    assert unit == ("code points, CRLF as one" if crlf_as_one else "code points")


def test_inline_docx_and_qdpx_agree_on_emoji_brackets_and_overlaps(tmp_path):
    docs = _doc()
    corpora = [
        read_corpus(write_qdpx(docs, tmp_path / "p.qdpx", inline=True)),
        read_corpus(write_docx(docs, tmp_path / "docx")),
        read_corpus(write_inline(docs, tmp_path / "txt")),
    ]
    assert key(corpora[0]) == key(corpora[1]) == key(corpora[2])
    assert "{sic}" in corpora[2].documents["text"].iloc[0]


def test_bare_qde_with_relative_source_and_nameless_source(tmp_path):
    path = write_qdpx(_doc(), tmp_path / "p.qdpx")
    folder = tmp_path / "unpacked"
    with zipfile.ZipFile(path) as archive:
        archive.extractall(folder)
    qde = folder / "project.qde"
    xml = qde.read_text(encoding="utf-8")
    qde.write_text(
        xml.replace(
            'name="Intervju X" plainTextPath="internal://', 'plainTextPath="relative://sources/'
        ),
        encoding="utf-8",
    )
    corpus = read_corpus(qde)
    assert len(corpus.segments) == 4
    assert corpus.documents["name"].iloc[0] == corpus.documents["document"].iloc[0]


def test_sidecar_and_file_name_pattern(tmp_path):
    folder = write_inline(_doc(), tmp_path / "txt")
    (folder / "informants.csv").write_text(
        "document;kontor\nIntervju X.txt;Kontor Q\nUkjent;Kontor Z\n", encoding="utf-8"
    )
    corpus = read_corpus(folder, pattern=r"Intervju (?P<nummer>\w+)")
    row = corpus.documents.iloc[0]
    assert (row["kontor"], row["nummer"]) == ("Kontor Q", "X")
    assert corpus.problems["kind"].tolist() == ["unknown-document"]


def test_pdf_and_audio_sources_are_listed_not_dropped(tmp_path):
    path = write_qdpx(_doc(), tmp_path / "p.qdpx", inline=True)
    with zipfile.ZipFile(path) as archive:
        xml = archive.read("project.qde").decode()
    xml = xml.replace(
        "</Sources>",
        '<PDFSource guid="aaaa" name="Rapport.pdf"/>'
        '<AudioSource guid="bbbb" name="Opptak.m4a"/></Sources>',
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", xml)
    problems = read_corpus(path).problems
    listed = problems[problems["kind"] == "unreadable-source"]["message"].tolist()
    assert any("Rapport.pdf" in m and "PDF" in m for m in listed)
    assert any("Opptak.m4a" in m and "audio" in m for m in listed)


def test_utf16_offsets_are_detected(tmp_path):
    corpus = read_corpus(write_qdpx(_doc(), tmp_path / "u.qdpx", utf16=True, origin="MAXQDA"))
    assert corpus.source["offset_units"]["Intervju X"] == "UTF-16 units"
    got = dict(zip(corpus.segments["path"], corpus.segments["text"], strict=True))
    assert got["Brukermøtet"] == "De fleste møter opp – 😊 – når vi ringer først."
    assert "offset-unit" in set(corpus.problems["kind"])


@pytest.mark.parametrize(
    "written",
    ["Tid/Arbeidspress", "Tid > Arbeidspress", "Tid\\Arbeidspress", " Tid \\ Arbeidspress "],
)
def test_code_paths_split_on_slash_angle_bracket_and_backslash(written):
    from toolkit.interviews.build import split_path

    assert split_path(written) == ["Tid", "Arbeidspress"]


def test_a_segment_whose_offsets_do_not_match_is_an_error_not_an_assert():
    import dataclasses

    from toolkit.data import example_project
    from toolkit.errors import CorruptFileError
    from toolkit.interviews import read_corpus

    corpus = read_corpus(example_project())
    segments = corpus.segments.copy()
    segments.loc[0, "text"] = "x" + segments.loc[0, "text"]  # offsets and text disagree
    broken = dataclasses.replace(corpus, segments=segments)
    with pytest.raises(CorruptFileError, match="does not match its document's text"):
        broken.check()
