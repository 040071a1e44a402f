"""Coded interviews in a survey report: how often each theme is coded per informant group
(with N per group and "x av y" wording), a chart, and quotes attributed by role only and
redacted.

Examples
--------
>>> from toolkit.interviews import read_corpus
>>> from toolkit.data import example_project
>>> section = corpus_section(read_corpus(example_project("qdpx")), by="rolle")
>>> section.title, [type(b).__name__ for b in section.blocks][:3]
('Intervjuene', ['Text', 'Table', 'Figure'])
"""

from __future__ import annotations

from collections import Counter
from functools import partial
from pathlib import Path

import pandas as pd

from toolkit._deprecated import keyword
from toolkit.interviews.corpus import Corpus
from toolkit.language import text
from toolkit.present.tables import ReportTable
from toolkit.present.theme_charts import code_frequency_chart
from toolkit.report.blocks import Figure, Section, Table, Text
from toolkit.report.options import Options
from toolkit.themes.frequencies import code_frequencies
from toolkit.themes.quotes import Attribution, quotes

DEFAULT = Options()


def themes_table(
    table: pd.DataFrame,
    by: str,
    *,
    depth: int | None = 1,
    options: Options = DEFAULT,
    **renamed,
) -> ReportTable:
    """Themes as rows, one column per group: "x av y" units coded (digits, as counts in
    a table are) and the percent."""
    depth = keyword(renamed, "level", "depth", "themes_table", depth)
    style, language = options.style, options.language
    data = table if depth is None else table[table["depth"] == depth]
    groups = list(dict.fromkeys(data[by]))
    units = data.drop_duplicates(by).set_index(by)["units"]
    heads = {g: f"{g} ({style.n_label}={int(units[g])})" for g in groups}
    rows, numbers = [], []
    for path, part in data.groupby("path", sort=False):
        part = part.set_index(by)
        rows.append(
            {"": path}
            | {
                heads[g]: f"{style.number(part.at[g, 'n'])} {text('of', language)} "
                f"{style.number(units[g])} ({style.percent(part.at[g, 'percent'])})"
                for g in groups
            }
        )
        numbers.append({"": path} | {heads[g]: part.at[g, "percent"] for g in groups})
    frame, values = pd.DataFrame(rows).set_index(""), pd.DataFrame(numbers).set_index("")
    frame.index.name = values.index.name = None
    unit = text(f"unit_{table.attrs.get('unit', 'document')}", language)
    title = text("themes_table_title", language, units=unit)
    return ReportTable(title, frame, values, dict.fromkeys(heads.values(), "percent"))


_DONE = ("name", "unlisted name", "phone", "email", "national id")


def redaction_note(done: Counter, quotes: int, options: Options = DEFAULT) -> str:
    """What redaction did in the quotes shown, exactly: how many of each kind were
    replaced, or that nothing was found; and whether names outside the lists were left
    for review.

    Parameters
    ----------
    done : Counter
        Replacements by kind (``name``, ``unlisted name``, ``phone``, ``email``,
        ``national id``).
    quotes : int
        How many quotes are shown.
    options : Options
        The report's options (language, redactor).

    Examples
    --------
    >>> from collections import Counter
    >>> said = redaction_note(Counter({"name": 2, "phone": 1}), 5)
    >>> said.split(": ")[1]
    '2 navn eller steder fra prosjektets liste, 1 telefonnummer.'
    """
    language = options.language
    parts = [
        f"{done[kind]} {text('redacted_' + kind.replace(' ', '_'), language)}"
        for kind in _DONE
        if done.get(kind)
    ]
    words = (
        text("redaction_done", language, n=quotes, what=", ".join(parts))
        if parts
        else text("redaction_none", language, n=quotes)
    )
    redactor = options.redactor
    if redactor is not None and redactor.unlisted == "review":
        words += " " + text("redaction_review", language)
    return words


def corpus_section(
    corpus: Corpus,
    options: Options = DEFAULT,
    *,
    by: str = "rolle",
    unit: str = "document",
    quotes_per_group: int = 1,
    depth: int = 1,
    **renamed,
) -> Section:
    """Theme frequencies by ``by`` and quotes per main theme (see module docstring);
    ``depth`` is the code tree's level shown (``level=`` is its old name)."""
    depth = keyword(renamed, "level", "depth", "corpus_section", depth)
    language, style = options.language, options.style
    table = code_frequencies(corpus, by=by, unit=unit, rollup=True)
    table.attrs["unit"] = unit
    path = corpus.source.get("path") if isinstance(corpus.source, dict) else None
    source = Path(path).name if path else None  # a file name: no machine path in a report
    words = text("corpus_text", language, n=len(corpus.documents), by=by)
    blocks: list = [
        Text(words),
        Table(themes_table(table, by, depth=depth, options=options), source),
        Figure(
            partial(code_frequency_chart, table, by, depth=depth, unit=unit, style=style),
            name="temaer",
            source=source,
        ),
    ]
    if quotes_per_group:
        shown, done = [], Counter()
        for theme in dict.fromkeys(table.loc[table["depth"] == depth, "path"]):
            found = quotes(
                corpus,
                theme,
                by=by,
                per_group=quotes_per_group,
                redactor=options.redactor,
                attribution=Attribution(language=language),
            )
            for row in found.itertuples(index=False):
                shown.append(Text(f"{row.path} – {row.attribution} «{row.quote}»", kind="quote"))
                done.update(row.redacted)
        blocks.append(Text(redaction_note(done, len(shown), options), kind="note"))
        blocks += shown
    return Section(text("corpus_heading", language), blocks, key="intervjuene", language=language)
