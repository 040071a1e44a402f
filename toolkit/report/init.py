"""``toolkit report --init EXPORT``: a starter ``report.toml`` listing every question.

Each question appears once, with its type and text as a comment, in a proposed chapter:
consecutive questions whose names share a prefix ("b1", "b2" → "b"; "s_10", "s_11" → "s")
form a chapter, as questionnaires are usually numbered by part. The chapter takes the
first question's text as a working title. Variables that make good breakdowns (background
variables and closed questions with a few categories) are listed as candidates for
``by``. A report built without a configuration uses exactly this starter.

Examples
--------
>>> from toolkit import read_surveyxact
>>> from toolkit.data import example_round
>>> survey = read_surveyxact(example_round())
>>> [c.questions for c in propose_chapters(survey)]
[('b1', 'b2'), ('t1',), ('s_10', 's_11', 's_12', 's_14')]
>>> propose_chapters(survey)[0].title  # whole, never cut with "…"
'Hvor enig eller uenig er du i følgende påstander om samarbeidet med kommunen?'
>>> from toolkit.report.config import parse
>>> parse(starter_config(survey, "ledere_2026.xlsx"), file="report.toml").chapters[0].questions
('b1', 'b2')
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

from toolkit.report.catalog import question_kind, question_title, questions
from toolkit.report.config import Chapter
from toolkit.surveys.codebook import label_of
from toolkit.surveys.survey import Survey

_PREFIX = re.compile(r"^[^\W\d_]+", re.UNICODE)
KIND_WORDS = {
    "grid": "grid",
    "single": "single",
    "multiple": "multi-response",
    "numeric": "number",
    "date": "date",
    "open": "open text",
}


def _prefix(question: str) -> str:
    match = _PREFIX.match(question)
    return match.group(0).lower() if match else question


def _short(text: str, width: int = 70) -> str:  # a comment in the TOML, not a title
    return textwrap.shorten(" ".join(str(text).split()), width=width, placeholder=" …")


def heading_of(text: str, width: int = 100) -> str:
    """A question's text as a heading: whole, never cut inside with "…"; a question
    longer than ``width`` characters is headed by its first sentence or the words before
    its first parenthesis (the full text stands in the table and figure captions).

    Parameters
    ----------
    text
        The question text.
    width
        The longest heading kept whole.

    Returns
    -------
    str
        The heading.

    Examples
    --------
    >>> heading_of("Kryss av for fagene du har valgt (kryss kun av for fag du har nå). " * 2)
    'Kryss av for fagene du har valgt'
    >>> heading_of("Hvor fornøyd er du?")
    'Hvor fornøyd er du?'
    >>> long = ("Andre fag du har tatt, som bl.a. norsk og historie, og som du ikke "
    ...         "har nevnt tidligere i dette skjemaet")
    >>> heading_of(long) == long  # no clause ends before "bl.a. norsk": kept whole
    True
    """
    whole = " ".join(str(text).split())
    if len(whole) <= width:
        return whole
    # a sentence ends at "?", "!" or ":", or at "." before a capital ("bl.a." does not)
    ends = [m.start() for m in re.finditer(r"\.(?=\s+[A-ZÆØÅ«])|[?!:](?=\s)|\s\(", whole)]
    end = next((e for e in ends if 20 <= e <= width), None)  # the first clause that reads
    if end is None:
        return whole
    return whole[: end + (1 if whole[end] in "?!" else 0)].rstrip()


def propose_chapters(survey: Survey) -> list[Chapter]:
    """Chapters of consecutive questions sharing a name prefix (see module docstring)."""
    chapters: list[list[str]] = []
    for question in questions(survey):
        if chapters and _prefix(chapters[-1][-1]) == _prefix(question):
            chapters[-1].append(question)
        else:
            chapters.append([question])
    return [Chapter(heading_of(question_title(survey, qs[0])), tuple(qs)) for qs in chapters]


def breakdown_candidates(survey: Survey, limit: int = 8) -> list[tuple[str, str]]:
    """(variable, label) of closed, non-personal variables with 2–``limit`` categories."""
    book = survey.codebook
    out = []
    for entry in book.itertuples(index=False):
        if entry.personal or entry.role == "status" or not entry.labels:
            continue
        closed = entry.role == "background" or entry.type == "single"
        if closed and 2 <= len(entry.labels) <= limit and entry.variable == entry.question:
            out.append((entry.variable, label_of(entry._asdict())))
    return out


def _quote(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _question_line(survey: Survey, question: str) -> str:
    kind = question_kind(survey, question)
    names = survey.codebook.loc[survey.codebook["question"] == question, "variable"]
    detail = f"{KIND_WORDS[kind]}, {len(names)} items" if kind == "grid" else KIND_WORDS[kind]
    comment = _short(question_title(survey, question), 60).replace("\n", " ")
    return f"  {_quote(question)},  # {detail}: {comment}"


def starter_config(survey: Survey, export: str | Path) -> str:
    """The text of a starter report.toml for ``survey`` (see module docstring)."""
    name = Path(export).name
    candidates = breakdown_candidates(survey)
    lines = [
        f"# Report configuration for {name}, written by `toolkit report --init`.",
        "# Edit it, then build: toolkit report EXPORT --config report.toml --out build/",
        "# Paths are relative to this file. Every question is listed once below with its",
        "# type and text; move, remove or regroup questions and rename the chapters.",
        "",
        "[report]",
        f"title = {_quote(Path(export).stem)}",
        'language = "nb"          # nb (bokmål), nn (nynorsk) or en',
        "min_base = 5             # groups with fewer answers are not shown",
        '# by = ["..."]           # breakdown for every closed question; candidates:',
    ]
    lines += [f"#   {_quote(v)}: {_short(label, 60)}" for v, label in candidates[:12]]
    lines += [
        '# source = "..."         # the "Kilde:" line (default: the export\'s file name)',
        '# reference_docx = "mal.docx"   # a house Word template',
        "",
        "# [sample]               # the analytic sample",
        "# answered = true        # complete and partial responses only",
        '# key_items = ["..."]    # and at least half of these answered',
        "",
        "# [weights]              # raking to known population margins",
        '# population = "populasjon.csv"',
        '# variables = ["..."]',
        '# count = "antall"',
        "",
        "[parts]",
        "tests = false            # significance tests for each breakdown",
        "open_examples = false    # redacted examples of open answers",
        "item_statistics = true   # mean, median, top 2 and bottom 2 for scales",
        '# means = ["..."]        # means with confidence intervals by the first breakdown',
        "",
        '# [regression]           # outcome = "...", predictors = ["...", "..."]',
        '# [rounds]               # folder = "surveys", items = ["..."] (compare rounds)',
        '# [corpus]               # path = "...qdpx", by = "rolle" (coded interviews)',
    ]
    for chapter in propose_chapters(survey):
        lines += ["", "[[chapters]]", f"title = {_quote(chapter.title)}", "questions = ["]
        lines += [_question_line(survey, q) for q in chapter.questions]
        lines.append("]")
    return "\n".join(lines) + "\n"
