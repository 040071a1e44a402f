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


#: how an "other" option begins (Annet, spesifiser / Andre / Other / Andet)
OTHER = ("annet", "andre", "anna", "other", "andet")


def _chose_other(survey: Survey, question: str) -> tuple[str, int] | None:
    """The "other" option of ``question`` (its label, up to a comma or colon) and how
    many chose it, counted in the data (a box ticked, or the category answered)."""
    book = survey.codebook
    for row in book[book["question"] == question].itertuples(index=False):
        if row.type == "multiple" and str(row.choice_text).strip().lower().startswith(OTHER):
            ticked = survey.data[row.variable].fillna(False).astype(bool)
            return _short(row.choice_text), int(ticked.sum())
        labels = row.labels if isinstance(row.labels, dict) else {}
        for code, label in labels.items():
            if str(label).strip().lower().startswith(OTHER):
                return _short(label), int((survey.data[row.variable] == code).sum())
    return None


def _short(label) -> str:
    return str(label).split(",")[0].split(":")[0].rstrip("*").strip()


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
        chose = _chose_other(survey, question)
        if chose is not None and chose[1] >= len(answers):  # "22 of the 31 who chose Annet"
            words = text(
                "other_answers_of", options.language, n=len(answers), m=chose[1], other=chose[0]
            )
        else:
            words = text("other_answers", options.language, n=len(answers))
        blocks.append(Text(words, kind="note"))
        if options.open_examples:
            blocks += [
                Text(f"«{a}»", kind="quote")
                for a in examples(answers, options.examples, options.redactor)
            ]
    return blocks
