"""Open answers in a report: how many answered, the most frequent words, and, only when
asked, a few examples, redacted (names you list, national ID numbers, phone numbers and
e-mail addresses removed) and shown as typed, never as markup.

Examples are picked evenly through the answers in respondent order (not at random, so a
rebuild shows the same ones), skipping very short answers.

Examples
--------
>>> from toolkit import read_surveyxact
>>> from toolkit.data import example_round
>>> from toolkit.report.options import Options
>>> survey = read_surveyxact(example_round())
>>> blocks = open_blocks(survey, "s_14", "Kommentarer", Options(open_examples=True, examples=2))
>>> [type(b).__name__ for b in blocks], blocks[0].text
(['Text', 'Table', 'Text', 'Text', 'Text'], '91 svar.')
"""

from __future__ import annotations

import numpy as np

from toolkit.interviews.privacy import Redactor
from toolkit.language import text
from toolkit.present.item_tables import words_table
from toolkit.report.blocks import Table, Text
from toolkit.report.options import Options
from toolkit.surveys.survey import Survey
from toolkit.themes.comments import comments_corpus, word_frequencies

MIN_WORDS = 4


def examples(answers: list[str], k: int, redactor: Redactor | None) -> list[str]:
    """Up to ``k`` answers spread evenly through ``answers``, redacted."""
    redactor = redactor or Redactor()
    long = [a for a in answers if len(a.split()) >= MIN_WORDS] or answers
    if not long or k <= 0:
        return []
    picks = np.unique(np.linspace(0, len(long) - 1, num=min(k, len(long))).round().astype(int))
    return [redactor.redact(long[i].strip()) for i in picks]


def open_blocks(survey: Survey, variable: str, title: str, options: Options) -> list:
    """Count, frequent words and (when ``options.open_examples``) examples of one open
    question."""
    survey.guard_personal([variable], use="report its answers")
    answers = [str(a) for a in survey.data[variable].dropna() if str(a).strip()]
    language = options.language
    blocks: list = [Text(text("open_answers", language, n=len(answers)) + ".")]
    if answers:
        words = word_frequencies(comments_corpus(survey, variable))
        if len(words):
            table = words_table(words, title=title, answers=len(answers), style=options.style)
            blocks.append(Table(table, options.source))
    if options.open_examples and answers:
        blocks.append(Text(text("examples_note", language), kind="note"))
        blocks += [
            Text(f"«{a}»", kind="quote")
            for a in examples(answers, options.examples, options.redactor)
        ]
    return blocks


def other_answers(survey: Survey, question: str, options: Options) -> list:
    """The "Annet, spesifiser" texts that belong to ``question``: their count, and
    examples when asked."""
    book = survey.codebook
    names = list(book.loc[book["other_of"] == question, "variable"])
    blocks: list = []
    for name in names:
        answers = [str(a) for a in survey.data[name].dropna() if str(a).strip()]
        if not answers:
            continue
        blocks.append(Text(text("other_answers", options.language, n=len(answers)), kind="note"))
        if options.open_examples:
            blocks += [
                Text(f"«{a}»", kind="quote")
                for a in examples(answers, options.examples, options.redactor)
            ]
    return blocks


__all__ = ["examples", "open_blocks", "other_answers"]
