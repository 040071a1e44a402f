"""The report's note on the quotes says exactly what redaction did: the count of each kind
replaced equals the replacements a reader can count in the quotes shown."""

from __future__ import annotations

import re

from toolkit.data import example_project
from toolkit.interviews import read_corpus
from toolkit.interviews.privacy import Redactor
from toolkit.report.blocks import Text
from toolkit.report.options import Options
from toolkit.report.sections.interviews import corpus_section


def test_the_note_counts_what_the_quotes_show():
    corpus = read_corpus(example_project())
    redactor = Redactor({"arbeidsgivere": "(sted)", "sykefraværet": "(person)"})
    section = corpus_section(corpus, Options(redactor=redactor), quotes_per_group=2)
    quotes = [b.text for b in section.blocks if isinstance(b, Text) and b.kind == "quote"]
    note = next(b.text for b in section.blocks if isinstance(b, Text) and b.kind == "note")
    inside = [q.split("«", 1)[1] for q in quotes]  # the quote, not its theme's name
    shown = sum(len(re.findall(r"\((?:sted|person)\)", q)) for q in inside)
    assert shown > 0
    assert f"I de {len(quotes)} sitatene er dette erstattet: {shown} navn eller steder" in note


def test_review_says_names_were_left_for_review():
    corpus = read_corpus(example_project())
    section = corpus_section(corpus, Options(redactor=Redactor(unlisted="review")))
    note = next(b.text for b in section.blocks if isinstance(b, Text) and b.kind == "note")
    assert "må gjennomgås" in note
