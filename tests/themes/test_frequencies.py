"""Code frequencies by hand on a tiny corpus."""

from __future__ import annotations

import pytest

from toolkit.interviews.build import CorpusBuilder
from toolkit.themes.frequencies import code_frequencies

A = "I: Hvordan?\nLeder: Lite tid og mye papir. Lite tid igjen.\nI: Takk."
B = "I: Og dere?\nVeileder 1: Samarbeidet er godt."
C = "Veileder 2: Ingenting å si."


@pytest.fixture
def tiny():
    b = CorpusBuilder({"path": "tiny", "format": "test"})
    a = b.add_document("A", A, {"rolle": "leder"})
    bb = b.add_document("B", B, {"rolle": "veileder"})
    b.add_document("C", C, {"rolle": "veileder"})
    b.add_document("D", "Notat uten rolle.", {"rolle": "bruker"})
    tid, papir = b.code_for_path("Tid/Arbeidspress"), b.code_for_path("Tid/Dokumentasjon")
    samarbeid = b.code_for_path("Samarbeid")

    def span(text, phrase, nth=0):
        start = -1
        for _ in range(nth + 1):
            start = text.index(phrase, start + 1)
        return start, start + len(phrase)

    b.add_segment(a, tid, *span(A, "Lite tid"))  # coded twice in one turn
    b.add_segment(a, tid, *span(A, "Lite tid", 1))
    b.add_segment(a, papir, *span(A, "mye papir"))  # nested sibling, same turn
    b.add_segment(a, tid, *span(A, "tid og mye"))  # overlaps the first
    b.add_segment(bb, samarbeid, *span(B, "Samarbeidet er godt."))
    return b.build()


def row(table, path, **group):
    mask = table["path"] == path
    for k, v in group.items():
        mask &= table[k] == v
    return table[mask].iloc[0]


def test_segments_documents_and_rollup(tiny):
    seg = code_frequencies(tiny, unit="segment")
    assert row(seg, "Tid/Arbeidspress")["n"] == 3 and row(seg, "Tid")["n"] == 0
    assert row(seg, "Tid/Arbeidspress")["units"] == 5
    rolled = code_frequencies(tiny, unit="segment", rollup=True)
    assert row(rolled, "Tid")["n"] == 4  # 3 + 1 child segments, each once
    docs = code_frequencies(tiny, unit="document", rollup=True)
    assert (row(docs, "Tid")["n"], row(docs, "Tid")["units"]) == (1, 4)
    assert row(docs, "Samarbeid")["percent"] == 25


def test_turns_count_a_turn_once(tiny):
    turns = code_frequencies(tiny, unit="turn", rollup=True)
    assert row(turns, "Tid")["n"] == 1  # all three passages lie in Leder's one turn
    assert row(turns, "Tid")["units"] == 6  # I, Leder, I | I, Veileder 1 | Veileder 2
    assert row(turns, "Tid")["n_segments"] == 4 and row(turns, "Tid")["n_documents"] == 1


def test_groups_include_empty_ones_and_denominators(tiny):
    table = code_frequencies(tiny, unit="document", by="rolle", rollup=True)
    assert set(table["rolle"]) == {"leder", "veileder", "bruker"}
    veileder = row(table, "Samarbeid", rolle="veileder")
    assert (veileder["n"], veileder["units"], veileder["percent"]) == (1, 2, 50)
    bruker = row(table, "Tid", rolle="bruker")
    assert (bruker["n"], bruker["units"]) == (0, 1)


def test_coverage_counts_overlapping_words_once(tiny):
    table = code_frequencies(tiny, unit="document", by="rolle")
    # A has 13 words (I Hvordan Leder Lite tid og mye papir Lite tid igjen I Takk);
    # "Lite tid" + "tid og mye" (overlapping) + "Lite tid" cover Lite tid og mye Lite tid
    assert row(table, "Tid/Arbeidspress", rolle="leder")["coverage"] == pytest.approx(6 / 13)


def test_a_corpus_without_stored_word_numbers_gets_the_same_coverage(tiny):
    import dataclasses

    import pandas as pd

    bare = dataclasses.replace(
        tiny,
        documents=tiny.documents.drop(columns="words"),
        segments=tiny.segments.drop(columns=["word_start", "word_end"]),
    )
    ours = code_frequencies(bare, unit="document", by="rolle", rollup=True)
    assert row(ours, "Tid/Arbeidspress", rolle="leder")["coverage"] == pytest.approx(6 / 13)
    pd.testing.assert_frame_equal(
        ours, code_frequencies(tiny, unit="document", by="rolle", rollup=True)
    )
