"""Small report tables: item statistics, a numeric question's distribution, the words of
open answers, counts of a status, and the questions of a survey by type, each with its
headers in the style's language.

Examples
--------
>>> from toolkit import read_surveyxact, item_statistics
>>> from toolkit.data import example_round
>>> survey = read_surveyxact(example_round())
>>> table = item_statistics_table(item_statistics(survey, "b1"))
>>> table.frame.columns.tolist()
['Gjennomsnitt', 'Median', 'Topp 2 (%)', 'Bunn 2 (%)', 'N']
>>> counts_table(survey.response_status(), "Svarstatus").frame.loc["Gjennomført"].tolist()
['177', '69\\xa0%']
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from toolkit.language import text
from toolkit.present.style import NORWEGIAN, Style, n_label, round_to_100
from toolkit.present.tables import ReportTable, heading


def _report(title, rows, numbers, kinds, notes=()) -> ReportTable:
    frame = pd.DataFrame(rows).set_index("") if rows else pd.DataFrame(columns=list(kinds))
    values = pd.DataFrame(numbers).set_index("") if numbers else frame.copy()
    frame.index.name = values.index.name = None
    return ReportTable(title, frame.fillna(""), values, kinds, tuple(notes))


def item_statistics_table(
    stats: pd.DataFrame, *, style: Style = NORWEGIAN, title: str | None = None
) -> ReportTable:
    """Mean and median on the code scale, top-2 and bottom-2 shares and N per item."""
    language = style.language
    known = {"item", "question", "item_text", "n", "base", "reversed", "suppressed", "mean"}
    known |= {"median", "top2", "bottom2", "negative", "neutral", "positive"}
    by = [c for c in stats.columns if c not in known]
    heads = {
        "mean": text("mean", language),
        "median": text("median", language),
        "top2": text("top2", language),
        "bottom2": text("bottom2", language),
    }
    rows, numbers = [], []
    for row in stats.to_dict("records"):
        label = str(row.get("item_text") or row["item"])
        if by:
            label = f"{label}: {', '.join(str(row[b]) for b in by)}"
        hidden = row["suppressed"]
        shown = {
            heads["mean"]: style.number(row["mean"], 2),
            heads["median"]: style.number(row["median"], 0),
            heads["top2"]: style.number(row.get("top2", np.nan), 0),
            heads["bottom2"]: style.number(row.get("bottom2", np.nan), 0),
        }
        rows.append(
            {"": label, **{k: style.suppressed if hidden else v for k, v in shown.items()}}
            | {style.n_label: style.number(row["n"])}
        )
        numbers.append(
            {"": label}
            | {heads[k]: np.nan if hidden else row.get(k, np.nan) for k in heads}
            | {style.n_label: row["n"]}
        )
    kinds = {heads[k]: "number" for k in heads} | {style.n_label: "count"}
    notes = [text("item_statistics_note", language)]
    if stats.attrs.get("weighted"):
        notes.append(stats.attrs["weighted"])
    return _report(title or text("item_statistics_title", language), rows, numbers, kinds, notes)


def numeric_table(values: pd.Series, *, title: str, style: Style = NORWEGIAN) -> ReportTable:
    """N, mean, median, standard deviation, lowest and highest of a numeric question."""
    language = style.language
    numbers = pd.to_numeric(values, errors="coerce").dropna().astype(float)
    stats = {
        "N": float(len(numbers)),
        text("mean", language): numbers.mean(),
        text("median", language): numbers.median(),
        text("sd", language): numbers.std(),
        text("min", language): numbers.min(),
        text("max", language): numbers.max(),
    }
    row = {"": title} | {
        k: style.number(v, 0 if k == "N" else 1) if v == v else "" for k, v in stats.items()
    }
    kinds = {k: "count" if k == "N" else "number" for k in stats}
    return _report(f"{title} ({style.n_label}={len(numbers)})", [row], [{"": title} | stats], kinds)


def words_table(
    words: pd.DataFrame, *, title: str, answers: int, style: Style = NORWEGIAN, top: int = 15
) -> ReportTable:
    """The most frequent words of open answers: occurrences and answers using them."""
    language = style.language
    heads = {"n": text("occurrences", language), "documents": text("answers", language)}
    shown = words.head(top)
    rows = [
        {"": w, heads["n"]: style.number(n), heads["documents"]: style.number(d)}
        for w, n, d in zip(shown["word"], shown["n"], shown["documents"], strict=True)
    ]
    numbers = [
        {"": w, heads["n"]: n, heads["documents"]: d}
        for w, n, d in zip(shown["word"], shown["n"], shown["documents"], strict=True)
    ]
    notes = [text("words_note", language, n=answers)]
    return _report(
        f"{title} ({style.n_label}={answers})",
        rows,
        numbers,
        {heads["n"]: "count", heads["documents"]: "count"},
        notes,
    )


def counts_table(values: pd.Series, title: str, *, style: Style = NORWEGIAN) -> ReportTable:
    """Counts and percent of a categorical Series (every category, empty ones too)."""
    counts = values.value_counts(sort=False, dropna=True)
    total = int(counts.sum())
    count, percent = text("count", style.language), text("percent", style.language)
    rows, numbers = [], []
    for category, n in counts.items():
        share = 100 * n / total if total else np.nan
        rows.append({"": str(category), count: style.number(n), percent: style.percent(share)})
        numbers.append({"": str(category), count: n, percent: share})
    return _report(
        f"{title} {n_label([total], style)}", rows, numbers, {count: "count", percent: "percent"}
    )


def overview_table(codebook: pd.DataFrame, *, style: Style = NORWEGIAN) -> ReportTable:
    """Questions and variables by type (status, background and personal columns apart)."""
    language = style.language
    book = codebook[(codebook["role"] == "question") & ~codebook["personal"]]
    # an "Annet, spesifiser" text is a variable of its question, not a question of its own
    # (as in the report's chapters and the overview sentence above this table)
    own = book.assign(asked=book["question"].where(book["other_of"].isna()))
    grouped = own.groupby("type", sort=False).agg(
        questions=("asked", "nunique"), variables=("variable", "size")
    )
    heads = {"questions": text("questions", language), "variables": text("variables", language)}
    rows = [
        {"": text(t, language)} | {heads[k]: style.number(r[k]) for k in heads}
        for t, r in grouped.iterrows()
    ]
    numbers = [
        {"": text(t, language)} | {heads[k]: r[k] for k in heads} for t, r in grouped.iterrows()
    ]
    return _report(
        text("overview_title", language), rows, numbers, {h: "count" for h in heads.values()}
    )


#: a closed question with more categories than this is tabulated downwards
WIDE = 7


def category_table(
    summary: pd.DataFrame, *, style: Style = NORWEGIAN, decimals: int = 0, min_base: int = 5
) -> ReportTable:
    """One question's categories as rows, with the share (rounded to add up to 100, as in
    :func:`~toolkit.present.tables.likert_table`) and the count of answers: the table for a
    question with more than :data:`WIDE` categories, which across a page would be a row of
    one-word columns. "Vet ikke" and other answers outside the base are rows with a count.

    Parameters
    ----------
    summary
        ``frequencies`` of one question, no breakdown.
    style, decimals, min_base
        As for :func:`~toolkit.present.tables.likert_table`.

    Returns
    -------
    ReportTable
        Rows: categories; columns: share and count.

    Examples
    --------
    >>> from toolkit import read_surveyxact, frequencies
    >>> from toolkit.data import example_round
    >>> table = category_table(frequencies(read_surveyxact(example_round()), "s_11"))
    >>> table.frame.columns.tolist(), table.frame.index[0]
    (['Prosent', 'Antall'], 'I liten grad')
    """
    language = style.language
    share, count = text("percent", language), text("count", language)
    hidden = bool(summary["suppressed"].iloc[0])
    good = summary[summary["substantive"]]
    shown = round_to_100(good["percent"], decimals)
    rows, numbers = [], []
    for category, pct, value, n in zip(
        good["category"], shown, good["percent"], good["unweighted_n"], strict=True
    ):
        rows.append(
            {"": str(category), share: style.suppressed if hidden else style.percent(pct, decimals)}
            | {count: style.suppressed if hidden else style.number(n)}
        )
        numbers.append({"": str(category), share: np.nan if hidden else value, count: n})
    outside = summary[~summary["substantive"]]
    for other in outside.itertuples(index=False):
        rows.append({"": str(other.category), share: "", count: style.number(other.unweighted_n)})
        numbers.append({"": str(other.category), share: np.nan, count: other.unweighted_n})
    notes = []
    if hidden:
        notes.append(style.suppressed_note.format(min_base=min_base))
    if len(outside):
        labels = "», «".join(str(c) for c in outside["category"])
        notes.append(text("dont_know_note", language, labels=labels))
    if summary.attrs.get("weighted"):
        notes.append(f"{summary.attrs['weighted']}. {text('weighted_n', language)}")
    title = heading(summary) or str(summary["item"].iloc[0])
    return _report(
        f"{title} {n_label(summary['unweighted_base'], style)}",
        rows,
        numbers,
        {share: "percent", count: "count"},
        notes,
    )
