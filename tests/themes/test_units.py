"""One definition of units for every theme function (toolkit.themes.units)."""

from __future__ import annotations

from toolkit.interviews.build import CorpusBuilder
from toolkit.themes import code_by_dictionary, cooccurrence
from toolkit.themes.units import sentences, unit_spans, unit_table

TEXT = "Leder: Vi har lite tid. Og mye papir!\nVeileder: Samarbeidet er godt.\n\nLeder: Ja."


def corpus():
    b = CorpusBuilder({"path": "units", "format": "test"})
    doc = b.add_document("A", TEXT)
    tid, papir, samarbeid = (b.code_for_path(p) for p in ("Tid", "Papir", "Samarbeid"))
    for code, phrase in ((tid, "lite tid"), (papir, "mye papir"), (samarbeid, "Samarbeidet")):
        start = TEXT.index(phrase)
        b.add_segment(doc, code, start, start + len(phrase))
    return b.build()


def test_sentence_and_paragraph_spans():
    assert [TEXT[s:e] for s, e in sentences(TEXT)] == [
        "Leder: Vi har lite tid.",
        "Og mye papir!",
        "Veileder: Samarbeidet er godt.",
        "Leder: Ja.",
    ]
    paragraphs = unit_spans(corpus(), "paragraph")
    assert paragraphs["unit"].tolist() == ["d1@0", "d1@38", "d1@70"]  # the blank line is no unit


def test_the_same_units_for_cooccurrence_and_dictionary_coding():
    c = corpus()
    by_paragraph = cooccurrence(c, unit="paragraph")  # by hand: Tid and Papir share line 1
    assert by_paragraph[["path_a", "path_b", "n"]].values.tolist() == [["Papir", "Tid", 1]]
    assert cooccurrence(c, unit="sentence").empty  # different sentences
    coded, units = unit_table(c, "sentence")
    assert len(units) == 4 and sorted(coded["unit"]) == ["d1@0", "d1@24", "d1@38"]
    rules = code_by_dictionary(c, {"Tid": ["tid"]})
    assert rules.segments[["start", "end"]].values.tolist() == [[0, 23]]  # sentence 1
