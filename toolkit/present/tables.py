"""Report tables in Norwegian convention (configurable): "46 %", decimal comma, N shown,
small groups suppressed with a footnote, shown percentages that add up to 100. How numbers
look is :mod:`toolkit.present.style`.

Examples
--------
>>> from toolkit import likert_summary, read_surveyxact
>>> from toolkit.data import example_round
>>> table = likert_table(likert_summary(read_surveyxact(example_round()), "b1_1"))
>>> [cell.replace("\\xa0", " ") for cell in table.frame.iloc[0].tolist()[:2]], table.title[-7:]
(['9 %', '11 %'], '(N=183)')
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from toolkit.analysis.items import breakdown_columns
from toolkit.language import text
from toolkit.present.style import (
    NORWEGIAN,
    Style,
    n_label,
    round_to_100,
)


@dataclass(frozen=True)
class ReportTable:
    """A formatted table (``frame``, strings) with its numbers (``values``) and notes.

    ``kinds`` says per column whether values are ``percent`` (0–100), ``count`` or
    ``text``; the Excel export writes real numbers from ``values``.
    """

    title: str
    frame: pd.DataFrame
    values: pd.DataFrame
    kinds: dict[str, str]
    footnotes: tuple[str, ...] = ()
    source: str | None = None
    extra: dict = field(default_factory=dict)

    def to_frame(self) -> pd.DataFrame:
        return self.frame.copy()

    def _repr_html_(self) -> str:
        notes = "".join(f"<br><small>{html.escape(n)}</small>" for n in self.footnotes)
        return (
            f"<div><strong>{html.escape(self.title)}</strong>"
            f"{self.frame._repr_html_()}{notes}</div>"
        )


def row_label(cell: pd.DataFrame, by_cols: list[str]) -> str:
    """The label a table row shows for ``cell``: its groups, or its item's text (the item
    text, else the question, else the variable's name)."""
    parts = [str(cell[c].iloc[0]) for c in by_cols]
    if not parts:
        texts = [cell["item_text"].iloc[0], cell["question_text"].iloc[0], cell["item"].iloc[0]]
        parts = [next(t for t in texts if isinstance(t, str) and t)]
    return ", ".join(parts)


def shown_bases(summary: pd.DataFrame) -> list:
    """The bases a caption's N may name: of the rows shown (a hidden group's N is hidden
    with its shares); when every row is hidden, their total only.

    Parameters
    ----------
    summary : DataFrame
        A ``likert_summary`` or ``frequencies`` table.

    Examples
    --------
    >>> from toolkit import likert_summary, read_surveyxact
    >>> from toolkit.data import example_round
    >>> summary = likert_summary(read_surveyxact(example_round()), "b1_1", by="kontorstr",
    ...                          min_base=42)  # the offices of 41, and the next smallest
    >>> sorted(set(shown_bases(summary)))
    [76]
    """
    by_cols = breakdown_columns(summary)
    if not by_cols or "suppressed" not in summary:
        return list(summary["unweighted_base"])
    shown = summary.loc[~summary["suppressed"], "unweighted_base"]
    if len(shown):
        return list(shown)
    item = "item" if "item" in summary else "variable"  # (a multi-response table's option)
    per_item = summary.drop_duplicates([item, *by_cols]).groupby(item, sort=False)
    return list(per_item["unweighted_base"].sum())


def _hidden_note(cell: pd.DataFrame, style: Style, min_base: int) -> list[str]:
    """The note for a hidden row: too few answers, or (secondary suppression) hidden so
    the others cannot give it away; one wording for both, so it reveals no reason."""
    if (cell["suppressed_reason"] == "secondary").any():
        return [text("suppressed_secondary", style.language, min_base=min_base)]
    return [style.suppressed_note.format(min_base=min_base)]


def row_names(rows: pd.DataFrame, by_cols: list[str]) -> list[str]:
    """Each item (and group) of a summary's ``rows`` by name, once, in order: "Geofag X"
    or "Geofag X (Jente)", as a note lists what a table or chart leaves out.

    Parameters
    ----------
    rows : DataFrame
        Rows of a ``likert_summary`` or ``frequencies`` table.
    by_cols : list of str
        Its breakdown columns.

    Examples
    --------
    >>> from toolkit import likert_summary, read_surveyxact
    >>> from toolkit.data import example_round
    >>> summary = likert_summary(read_surveyxact(example_round()), "b1_1", by="kontorstr")
    >>> row_names(summary.head(1), ["kontorstr"])
    ['Kontoret har en felles forståelse av oppdraget med kommunen (Under 20 ansatte)']
    """
    keys = ["item", *by_cols]
    names = []
    for _, cell in rows.drop_duplicates(keys).groupby(keys, sort=False, observed=True):
        item = row_label(cell, [])
        names.append(f"{item} ({row_label(cell, by_cols)})" if by_cols else item)
    return names


def quoted(names: list[str], most: int = 12) -> str:
    """ "«a», «b»" for a note, the first ``most`` of them and "…" for the rest."""
    return "«" + "», «".join(names[:most]) + "»" + (" …" if len(names) > most else "")


def heading(summary: pd.DataFrame) -> str | None:
    """The question stem, with the item text when a single item is shown (by group)."""
    stems = summary["question_text"].dropna()
    stem = stems.iloc[0] if len(stems) else None
    items = summary["item_text"].dropna().unique()
    if summary["item"].nunique() == 1 and len(items) == 1:
        return f"{stem} – {items[0]}" if stem and stem != items[0] else items[0]
    return stem


def likert_table(
    summary: pd.DataFrame,
    *,
    style: Style = NORWEGIAN,
    decimals: int = 0,
    sum_to_100: bool = True,
    title: str | None = None,
    min_base: int = 5,
) -> ReportTable:
    """Items (× groups) as rows, categories as columns, base N last.

    Takes the output of :func:`~toolkit.analysis.likert_summary` or ``frequencies``.
    Non-substantive answers are shown as counts; suppressed rows show ``style.suppressed``
    and a footnote. Several items by group are grouped as published reports group them:
    each item a heading row of its own (``extra["headings"]``: their positions), its groups
    indented under it, never the item's text repeated on every row.

    Parameters
    ----------
    summary
        :func:`~toolkit.analysis.likert_summary` or ``frequencies``.
    style
        Number style and language.
    decimals
        Decimals of the percentages.
    sum_to_100
        Round each row's shares to add up to 100 (largest remainder).
    title
        The table's title (default: the question's text).
    min_base
        The suppression limit the summary was made with (for the note).

    Returns
    -------
    ReportTable
        The formatted table, its numbers and notes.

    Examples
    --------
    See the module's example.
    """
    by_cols = breakdown_columns(summary)
    rows, numbers, kinds, notes, others = [], [], {}, [], []
    headings: list[int] = []
    grouped = bool(by_cols) and summary["item"].nunique() > 1
    previous = None
    # a row nobody answered (a subject no one takes, a group with no one in it) is not a
    # row of "–": it is named in a note, and the caption's N is that of the rows shown
    answered = summary["unweighted_base"] > 0
    unanswered = (
        [] if answered.all() or not answered.any() else row_names(summary[~answered], by_cols)
    )
    if unanswered:
        summary = summary[answered]
    for (item, *_), cell in summary.groupby(["item", *by_cols], sort=False, observed=True):
        label = row_label(cell, by_cols)
        if grouped and item != previous:  # the item's heading row, its groups under it
            headings.append(len(rows))
            rows.append({"": row_label(cell, [])})
            numbers.append({"": row_label(cell, [])})
        previous = item
        row: dict[str, str] = {"": label}
        number: dict[str, float] = {"": label}
        substantive = cell[cell["substantive"]]
        shown = (
            round_to_100(substantive["percent"], decimals)
            if sum_to_100
            else list(substantive["percent"])
        )
        hidden = bool(cell["suppressed"].iloc[0])
        for category, pct, value in zip(
            substantive["category"], shown, substantive["percent"], strict=True
        ):
            row[category] = style.suppressed if hidden else style.percent(pct, decimals)
            number[category] = np.nan if hidden else value
            kinds[category] = "percent"
        for other in cell[~cell["substantive"]].itertuples(index=False):
            column = f"{other.category}{style.count_suffix}"
            # answers, as in the chart; hidden with the shares in a row under min_base (a
            # "Vet ikke" count beside a hidden row would tell who answered what)
            row[column] = style.suppressed if hidden else style.number(other.unweighted_n)
            number[column] = np.nan if hidden else other.unweighted_n
            kinds[column] = "count"
            others.append(str(other.category))
        n = int(cell["unweighted_base"].iloc[0])
        # a hidden row's N is a count like the others: hidden by the same rule (with it a
        # reader could work the hidden shares out from the item's total)
        row[style.n_label] = style.suppressed if hidden and by_cols else style.number(n)
        number[style.n_label] = np.nan if hidden and by_cols else n
        notes += _hidden_note(cell, style, min_base) if hidden else []
        rows.append(row)
        numbers.append(number)
    kinds[style.n_label] = "count"
    frame = pd.DataFrame(rows).set_index("").fillna("")
    values = pd.DataFrame(numbers).set_index("")
    frame.index.name = values.index.name = None
    order = (
        [c for c in kinds if kinds[c] == "percent"]
        + [c for c in kinds if kinds[c] == "count" and c != style.n_label]
        + [style.n_label]
    )
    both = text("suppressed_secondary", style.language, min_base=min_base)
    if both in notes:  # one note for every hidden row, whatever hid it
        notes = [n for n in notes if n != style.suppressed_note.format(min_base=min_base)]
    if others:
        labels = "», «".join(dict.fromkeys(others))
        notes.append(text("dont_know_note", style.language, labels=labels))
    if unanswered:
        names = quoted(unanswered)
        notes.append(text("nobody_answered", style.language, n=len(unanswered), names=names))
    if summary.attrs.get("weighted"):
        notes.append(f"{summary.attrs['weighted']}. {text('weighted_n', style.language)}")
    shown = title or heading(summary) or str(summary["item"].iloc[0])
    return ReportTable(
        title=f"{shown} {n_label(shown_bases(summary), style)}",
        frame=frame[order],
        values=values[order],
        kinds={c: kinds[c] for c in order},
        footnotes=tuple(dict.fromkeys(notes)),
        extra={"headings": tuple(headings)} if headings else {},
    )


def multi_response_table(
    table: pd.DataFrame, *, style: Style = NORWEGIAN, title: str = ""
) -> ReportTable:
    """Options as rows: count and percent of respondents (sums exceed 100 %). By group,
    each option heads its groups (``extra["headings"]``), as in :func:`likert_table`; a
    hidden cell hides its count with its share."""
    by_cols = breakdown_columns(table)
    # a weighted count says so: "Antall 136" beside N = 169 read as 136 answers
    counted = "weighted_count" if table.attrs.get("weighted") else "count"
    count, share = text(counted, style.language), text("percent_of_cases", style.language)
    labels, shown, numbers, headings = [], [], [], []
    previous = None
    for row in table.to_dict("records"):
        hidden = bool(row["suppressed"])
        if by_cols and row["option"] != previous:  # the option's heading row
            headings.append(len(labels))
            labels.append(row["option"])
            shown.append({count: "", share: ""})
            numbers.append({count: np.nan, share: np.nan})
        previous = row["option"]
        labels.append(", ".join(str(row[b]) for b in by_cols) if by_cols else row["option"])
        shown.append(
            {
                count: style.suppressed if hidden else style.number(row["n"]),
                share: style.suppressed if hidden else style.percent(row["percent_of_cases"]),
            }
        )
        numbers.append(
            {
                count: np.nan if hidden else row["n"],
                share: np.nan if hidden else row["percent_of_cases"],
            }
        )
    frame = pd.DataFrame(shown, index=labels, columns=[count, share])
    values = pd.DataFrame(numbers, index=labels, columns=[count, share])
    notes = [text("multi_note", style.language)]
    if table["suppressed"].any():
        hidden = table[table["suppressed"]]
        if "suppressed_reason" not in hidden:  # (a table made before the reasons)
            hidden = hidden.assign(suppressed_reason=None)
        notes += _hidden_note(hidden, style, table.attrs.get("min_base", 5))
    if table.attrs.get("weighted"):
        notes.append(f"{table.attrs['weighted']}. {text('weighted_n', style.language)}")
    return ReportTable(
        f"{title} {n_label(shown_bases(table), style)}".strip(),
        frame,
        values,
        {count: "count", share: "percent"},
        tuple(notes),
        extra={"headings": tuple(headings)} if headings else {},
    )


def rows_table(
    title: str, rows: list[dict], numbers: list[dict], kinds: dict, notes
) -> ReportTable:
    """A :class:`ReportTable` from rows of shown text and rows of numbers, each keyed by
    column with the row label under ``""``.

    Parameters
    ----------
    title
        The caption's title.
    rows, numbers
        The text for the page and the numbers for Excel, one dict per row.
    kinds
        The kind of each column ("number", "percent", …).
    notes
        Footnotes.

    Returns
    -------
    ReportTable
        The table.

    Examples
    --------
    >>> table = rows_table("Svar", [{"": "Ja", "N": "3"}], [{"": "Ja", "N": 3}],
    ...                    {"N": "count"}, [])
    >>> table.frame.loc["Ja", "N"], table.values.loc["Ja", "N"]
    ('3', np.int64(3))
    """
    frame = pd.DataFrame(rows).set_index("")
    values = pd.DataFrame(numbers).set_index("")
    frame.index.name = values.index.name = None
    return ReportTable(title, frame, values, kinds, tuple(notes))
