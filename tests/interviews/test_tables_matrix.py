"""Segment-table exports and framework matrices."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.interviews.test_loaders import key
from toolkit import ExportFormatError
from toolkit.data import example_project
from toolkit.interviews import read_corpus, read_framework_matrix, read_segments


@pytest.fixture(scope="module")
def project():
    return read_corpus(example_project("qdpx"))


def _export(project) -> pd.DataFrame:
    names = project.documents.set_index("document")["name"]
    texts = project.documents.set_index("document")["text"]
    segs = project.segments
    paragraphs = [
        texts[d].count("\n", 0, s) + 1 for d, s in zip(segs["document"], segs["start"], strict=True)
    ]
    return pd.DataFrame(
        {
            "Document group": segs["document"].map(
                project.documents.set_index("document")["rolle"]
            ),
            "Document name": segs["document"].map(names),
            "Code": segs["path"].str.replace("/", "\\"),
            "Beginning": paragraphs,
            "End": paragraphs,
            "Segment": segs["text"],
            "Author": segs["coder"],
            "Comment": "",
            "Weight score": 0,
        }
    )


def test_maxqda_export_with_transcripts_gives_the_project_segments(project, tmp_path):
    _export(project).to_excel(tmp_path / "Coded Segments.xlsx", index=False)
    texts = tmp_path / "texts"
    texts.mkdir()
    for row in project.documents.itertuples():
        (texts / f"{row.name}.txt").write_text(row.text, encoding="utf-8")
    corpus = read_segments(tmp_path / "Coded Segments.xlsx", texts=texts)
    assert corpus.source["preset"] == "maxqda"
    assert key(corpus) == key(project)
    assert corpus.problems.empty
    corpus.check()


def test_without_transcripts_each_document_is_its_coded_segments(project, tmp_path):
    _export(project).to_csv(tmp_path / "segments.csv", sep=";", index=False)
    corpus = read_segments(tmp_path / "segments.csv")
    corpus.check()
    assert corpus.source["texts"] == "segments only"
    assert len(corpus.segments) == len(project.segments)
    counts = corpus.segments.groupby("path").size()
    assert counts.to_dict() == project.segments.groupby("path").size().to_dict()
    assert corpus.documents.set_index("name").at["Intervju 01 leder A", "group"] == "leder"


def test_qualcoder_offsets_taguette_and_nvivo_layouts(tmp_path):
    text = "I: Hva tenker du?\nLeder: Vi mangler tid. Samarbeidet er godt."
    (tmp_path / "t").mkdir()
    (tmp_path / "t" / "int1.txt").write_text(text, encoding="utf-8")
    start = text.index("Vi mangler")
    pd.DataFrame(
        {
            "codename": ["Tid"],
            "file": ["int1.txt"],
            "coded text": ["Vi mangler tid."],
            "pos0": [start],
            "pos1": [start + 15],
            "coder": ["AB"],
        }
    ).to_csv(tmp_path / "qc.csv", index=False)
    qc = read_segments(tmp_path / "qc.csv", texts=tmp_path / "t")
    assert (qc.source["preset"], int(qc.segments["start"].iloc[0])) == ("qualcoder", start)
    pd.DataFrame(
        {"id": [1], "document": ["int1"], "tag": ["samarbeid"], "content": ["Samarbeidet er godt."]}
    ).to_csv(tmp_path / "tag.csv", index=False)
    tag = read_segments(tmp_path / "tag.csv", texts=tmp_path / "t")
    assert tag.source["preset"] == "taguette"
    assert tag.segments["start"].iloc[0] == text.index("Samarbeidet")
    pd.DataFrame(
        {
            "Hierarchical Name": ["Nodes\\\\Tema\\\\Tid"],
            "File": ["int1"],
            "Text": ["Vi mangler tid."],
        }
    ).to_csv(tmp_path / "nv.csv", index=False)
    assert read_segments(tmp_path / "nv.csv", preset="nvivo").segments["path"].tolist() == [
        "Tema/Tid"
    ]


def test_explicit_mapping_and_unknown_layouts(tmp_path):
    table = pd.DataFrame({"Intervju": ["A"], "Tema": ["Tid"], "Sitat": ["For lite tid."]})
    table.to_csv(tmp_path / "x.csv", index=False)
    with pytest.raises(ExportFormatError) as info:
        read_segments(tmp_path / "x.csv")
    assert "Intervju, Tema, Sitat" in info.value.found
    corpus = read_segments(
        tmp_path / "x.csv", columns={"document": "Intervju", "code": "Tema", "text": "Sitat"}
    )
    assert corpus.segments["text"].tolist() == ["For lite tid."]


def test_segment_not_in_transcript_is_reported(tmp_path):
    (tmp_path / "t").mkdir()
    (tmp_path / "t" / "A.txt").write_text("Leder: noe helt annet.", encoding="utf-8")
    pd.DataFrame({"document": ["A"], "tag": ["Tid"], "content": ["For lite tid."]}).to_csv(
        tmp_path / "x.csv", index=False
    )
    corpus = read_segments(tmp_path / "x.csv", texts=tmp_path / "t", strict=False)
    problems = corpus.problems.set_index("kind")
    assert corpus.segments.empty and problems.at["selection-outside-text", "location"] == "line 2"
    assert problems.at["nothing-coded", "variable"] == "A"


def test_framework_matrix_of_case_files(tmp_path):
    matrix = pd.DataFrame(
        {
            "Saksmappe": [f"S{i}" for i in range(1, 7)],
            "Kompleksitet": ["lav", "middels", "høy", "høy", "lav", "middels"],
            "Prognose": ["klar", "uklar", "uklar", "klar", "klar", "uklar"],
            "Vurdering": [
                "Brukeren trenger tett oppfølging og hjelp med bolig før arbeid.",
                "",
                "Uklart ansvar mellom helse og Nav i denne saken over lang tid.",
                "Saken gikk raskt etter at arbeidsgiver ble kontaktet av veilederen.",
                "Kort sak uten behov for mer oppfølging enn det vanlige tilbudet.",
                "Brukeren uteble fra flere møter uten at noen fulgte opp fraværet.",
            ],
        }
    )
    matrix.to_excel(tmp_path / "analyseskjema.xlsx", index=False)
    corpus = read_framework_matrix(tmp_path / "analyseskjema.xlsx")
    assert corpus.cases["Kompleksitet"].value_counts().to_dict() == {
        "lav": 2,
        "middels": 2,
        "høy": 2,
    }
    assert corpus.documents.set_index("name").at["S3", "Prognose"] == "uklar"
    assert len(corpus.segments) == 5 and set(corpus.segments["path"]) == {"Vurdering"}
    corpus.check()
    with pytest.raises(ExportFormatError, match="more than once"):
        pd.concat([matrix, matrix.iloc[:1]]).to_excel(tmp_path / "d.xlsx", index=False)
        read_framework_matrix(tmp_path / "d.xlsx")
