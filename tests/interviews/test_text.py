"""Word numbering (coverage counts words) and the words stored when a corpus is made."""

from __future__ import annotations

import re

import numpy as np
import pytest

from toolkit.interviews.build import CorpusBuilder
from toolkit.interviews.text import word_numbers


@pytest.mark.parametrize(
    "texts",
    [
        ["Lite tid og mye papir.", "", "Ærlig talt: «nei»."],  # Latin-1 only
        ["Vi har – ærlig talt – for lite tid …", "Čáhppes ŋ-lyd 😀 og x² i 3_4", "a\udcffb"],
    ],
)
def test_word_numbers_match_python_word_characters(texts):
    before, offsets, per_text = word_numbers(texts)
    full = "\n".join(texts)
    word_starts = [m.start() for m in re.finditer(r"\w+", full)]
    expected = [sum(start < i for start in word_starts) for i in range(len(full) + 1)]
    assert before.tolist() == expected
    assert per_text.tolist() == [len(re.findall(r"\w+", t)) for t in texts]
    assert offsets.tolist() == list(np.cumsum([0] + [len(t) + 1 for t in texts[:-1]]))


def test_corpus_numbers_words_of_documents_and_passages():
    b = CorpusBuilder({"path": "mem", "format": "test"})
    text = "Leder: Lite tid – og mye papir.\r\nI: Takk."
    doc = b.add_document("A", text, {"rolle": "leder", "words": "attributtverdi"})
    b.add_segment(doc, b.code_for_path("Tid"), 7, 15)  # "Lite tid"
    b.add_segment(doc, b.code_for_path("Papir"), 18, 28)  # "og mye pap": words 3 to 5
    corpus = b.build()
    documents, segments = corpus.documents, corpus.segments
    assert documents["words"].tolist() == [8]  # Leder Lite tid og mye papir I Takk
    assert documents["words (attribute)"].tolist() == ["attributtverdi"]
    assert "renamed-attribute" in corpus.problems["kind"].tolist()
    assert "words" not in corpus.attributes()
    assert segments[["word_start", "word_end"]].values.tolist() == [[1, 3], [3, 6]]
