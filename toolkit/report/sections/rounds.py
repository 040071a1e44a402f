"""Comparing survey rounds in a report: what changed in the questionnaire, what the
researchers decided about it, and how the answers changed (with a difference-in-differences
for trial and comparison units when asked).

Examples
--------
>>> from toolkit.data import example_rounds
>>> from toolkit.rounds.project import read_rounds
>>> section = rounds_section(read_rounds(example_rounds()), items=["b1"])
>>> section.title
'Endring fra 2025 til 2026'
>>> [b.table.title.split(":")[0] for b in section.tables()]  # doctest: +NORMALIZE_WHITESPACE
['Endringer i spørreskjemaet', 'Beslutninger om sammenlignbarhet',
 'Endring fra 2025 til 2026']
"""

from __future__ import annotations

from functools import partial

import pandas as pd

from toolkit.analysis.change import change_summary
from toolkit.analysis.did import did_summary
from toolkit.language import text
from toolkit.present.change import change_chart, change_table, did_table
from toolkit.present.tables import ReportTable
from toolkit.report.blocks import Figure, Section, Table, Text
from toolkit.report.options import Options
from toolkit.surveys.survey import Survey

DEFAULT = Options()
CHANGE_WORDS = ("name", "question_text", "item_text", "labels", "codes", "type", "missing_codes")


def _text_table(title: str, rows: list[dict]) -> ReportTable:
    frame = pd.DataFrame(rows).set_index("") if rows else pd.DataFrame()
    frame.index.name = None
    return ReportTable(title, frame, frame.copy(), dict.fromkeys(frame.columns, "text"))


def changes_table(changes: pd.DataFrame, language: str = "nb") -> ReportTable:
    """The questionnaire changes between two rounds (unchanged variables left out)."""
    rows = []
    for row in changes[changes["status"] != "unchanged"].itertuples(index=False):
        names = [v for v in (row.old_variable, row.new_variable) if isinstance(v, str)]
        what = ", ".join(text(f"change_{c}", language) for c in row.changes if c in CHANGE_WORDS)
        rows.append(
            {
                "": " → ".join(dict.fromkeys(names)),
                text("change_status", language): text(f"status_{row.status}", language),
                text("change_what", language): what,
            }
        )
    return _text_table(text("codebook_changes", language), rows)


def _note(decision, language: str) -> str:
    """The researcher's note; a proposal's note as ``import-round`` wrote it (in English,
    for the person editing rounds.toml) is said in the report's language instead."""
    note = decision.note_in(language)
    if not decision.confirmed and note.startswith("proposed:"):
        return text("decision_proposed_note", language)
    return note


def decisions_table(rounds, language: str = "nb") -> ReportTable:
    """The harmonisation decisions in rounds.toml (confirmed ones are applied)."""
    rows = []
    for decision in rounds.config.decisions if rounds.config else []:
        rows.append(
            {
                "": text(f"decision_{decision.kind}", language),
                text("variables", language): decision.describe().split(" ", 1)[1],
                text("decision_status", language): text(f"decision_{decision.status}", language),
                text("note", language): _note(decision, language),
            }
        )
    return _text_table(text("decisions", language), rows)


def comparable_items(stacked: Survey, between: tuple[str, str]) -> list[str]:
    """Items with a scale that every compared round has."""
    book = stacked.codebook
    keep = book[(book["role"] == "question") & (book["type"] == "single")]
    return [
        row.variable
        for row in keep.itertuples(index=False)
        if set(between) <= set(row.in_rounds or []) and row.question != row.variable
    ]


def rounds_section(
    rounds,
    options: Options = DEFAULT,
    *,
    between: tuple[str, str] | None = None,
    items=None,
    measure: str = "top2",
    did: dict | None = None,
) -> Section:
    """Codebook changes, decisions, the change table and chart (and a DiD with ``did``:
    ``{"item", "group", "treated", "cluster"}``)."""
    language, style, source = options.language, options.style, options.source
    a, b = between or tuple(rounds.order[-2:])
    stacked = rounds.stack()
    # the rounds carry no weight of their own unless the exports have one
    weight = options.weight if options.weight in stacked.data.columns else None
    chosen = items if items is not None else comparable_items(stacked, (a, b))
    if isinstance(chosen, str):
        chosen = [chosen]
    words = text(
        "rounds_text",
        language,
        rounds=", ".join(f"{n} ({style.number(rounds[n].n)})" for n in rounds.order),
    )
    blocks: list = [Text(words), Table(changes_table(rounds.diff(a, b), language), source)]
    blocks.append(Table(decisions_table(rounds, language), source))
    waiting = len(rounds.open_decisions())
    if waiting:
        blocks.append(Text(text("open_decisions", language, n=waiting), kind="note"))
    changes = change_summary(
        stacked,
        chosen,
        between=(a, b),
        measure=measure,
        weight=weight,
        min_base=options.min_base,
    )
    blocks.append(Table(change_table(changes, style=style), source))
    # one item, two Ns (the chapter's analytic sample, every answer of a round here): said
    if options.sampled:
        blocks.append(Text(text("rounds_all_answers", language), kind="note"))
    if options.weight and weight is None:
        blocks.append(Text(text("rounds_unweighted", language), kind="note"))
    blocks.append(
        Figure(partial(change_chart, changes, style=style), name=f"endring-{a}-{b}", source=source)
    )
    if did:
        result = did_summary(
            stacked,
            did["item"],
            by=did["group"],
            treated=did["treated"],
            between=(a, b),
            measure=did.get("measure", "mean"),
            cluster=did.get("cluster"),
            weight=weight,
        )
        blocks.append(Table(did_table(result, style=style), source))
    title = text("change_title", language, a=a, b=b)
    return Section(title, blocks, key=f"endring-{a}-{b}", language=language)
