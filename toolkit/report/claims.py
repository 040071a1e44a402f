"""The claims registry: every number a report presents, what it is and where it stands.

Written as ``claims.json`` beside the report (and listed in its manifest), so a draft can
be checked against exactly what the report showed (``toolkit check --claims``). One claim
per shown number: every numeric table cell, every number in a text block, and every N in
a figure's alt text. A claim records

* ``id``: stable ("tabell-6/3/2": table 6, row 3, column 2; "tekst-4/1"; "figur-2/1");
* what it is: ``item`` (the row's subject: item text, question or row label), ``group``
  (a breakdown after "Item: Group"), ``breakdown`` (the variable of the breakdown section
  it stands in: a caption's N there is the groups' range, not the item's N),
  ``category`` (a column that is one part of a whole), ``column`` as shown, ``measure``
  (``percent``, ``n``, ``count``, ``number``), ``round``;
* ``value`` (the exact number) and ``shown`` (as printed, "46 %"), ``decimals``;
* where: ``location`` ("Tabell 6"), ``section`` and ``title`` (for a number in a text or
  an alt text, the whole text; a table cell also keeps its ``row`` label as shown), and
  ``part``, the section's key (unique where section titles repeat: "Etter kjønn").

A text cell holding numbers ("3,0–3,6", "7,98; 1 427,7") is recorded with ``measure``
``text`` and no value: a draft's copy of it is checked against the cell as shown.

No time stamp and a fixed order, so the file is byte-identical across rebuilds.

Examples
--------
>>> import pandas as pd
>>> from toolkit.present.tables import ReportTable
>>> from toolkit.report.blocks import Section, Table
>>> values = pd.DataFrame({"Ja": [72.4], "Nei": [27.6], "N": [162]}, index=["Rutiner?"])
>>> shown = pd.DataFrame({"Ja": ["72 %"], "Nei": ["28 %"], "N": ["162"]}, index=["Rutiner?"])
>>> kinds = {"Ja": "percent", "Nei": "percent", "N": "count"}
>>> table = Table(ReportTable("Rutiner", shown, values, kinds))
>>> sections = [Section("Rutiner", [table])]
>>> [(c["category"], c["measure"], c["shown"]) for c in claims(sections, {id(table): 1})]
[('Ja', 'percent', '72 %'), ('Nei', 'percent', '28 %'), (None, 'n', '162')]
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

from toolkit.language import text
from toolkit.present.parse import SPACES, find_numbers
from toolkit.report.blocks import Figure, Section, Table, Text

FORMAT = 1
_ROUND = re.compile(r"^(?:N\s+)?((?:19|20)\d\d\w*)$")
_COUNT_SUFFIX = re.compile(r"\s*\((?:antall|tal|count)\)$")


def _plain(value) -> str:
    return SPACES.sub(" ", str(value)).strip()


def _split_row(label: str) -> tuple[str, str | None]:
    item, sep, group = label.rpartition(": ")
    if sep and item and len(group.split()) <= 6:
        return item.strip(), group.strip()
    return label.strip(), None


def _number(value) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else number


def _measure(column: str, kind: str, shown: str) -> str:
    if kind == "count" and re.fullmatch(r"N(?:\s.*)?", column):
        return "n"
    if kind == "number" and any(n.kind == "points" for n in find_numbers(shown)):
        return "points"
    return kind


def _whole(values, columns: list[str]) -> bool:
    """Percent columns that are the parts of one whole (each row adds to 100)."""
    if len(columns) < 2:
        return False
    sums = values[columns].apply(lambda c: c.map(_number)).sum(axis=1, min_count=1).dropna()
    return not sums.empty and bool(((sums - 100).abs() < 0.05).all())


def _table_claims(
    block: Table, number: int, section: str, language: str, breakdown: str | None = None
) -> list[dict]:
    table = block.table
    location = f"{text('table', language)} {number}"
    columns = list(table.frame.columns)
    percents = [c for c in columns if table.kinds.get(c) == "percent"]
    whole = _whole(table.values, percents)
    out = []
    # by position (values and frame hold the same rows in the same order): a cell at a time
    # through pandas' label lookup was most of the claims' time
    frame = table.frame.to_numpy(dtype=object)
    values = table.values.to_numpy(dtype=object)
    position = {column: j for j, column in enumerate(table.values.columns)}
    if len(values) != len(frame):
        raise ValueError(f"{table.title!r}: {len(values)} rows of values, {len(frame)} shown")
    subject = _subject_of(table.title)
    headings = set(table.extra.get("headings", ()))
    heading = None
    for r, shown_row in enumerate(table.frame.index, start=1):
        item, group = _split_row(_plain(shown_row))
        if r - 1 in headings:  # an item's heading row: its groups follow
            heading = _plain(shown_row)
            continue
        if heading is not None:  # a group under its item's heading
            item, group = heading, _plain(shown_row)
        elif breakdown and group is None and subject:  # one question by group: rows are groups
            item, group = subject, item
        for c, column in enumerate(columns, start=1):
            kind = table.kinds.get(column, "text")
            numeric = kind != "text" and column in position
            value = _number(values[r - 1, position[column]]) if numeric else None
            label = _COUNT_SUFFIX.sub("", _plain(column))
            shown = _plain(frame[r - 1, c - 1])
            if value is None and not (shown and find_numbers(shown)):
                continue  # a blank or a word; a text cell with numbers ("3,0–3,6") stays
            measure = _measure(label, kind, shown) if value is not None else "text"
            year = _ROUND.match(label)
            out.append(
                {
                    "id": f"tabell-{number}/{r}/{c}",
                    "location": location,
                    "section": section,
                    "title": _plain(table.title),
                    "item": item,
                    "group": group,
                    "breakdown": breakdown,
                    "row": _plain(shown_row),
                    "category": label if whole and column in percents else None,
                    "column": label,
                    "round": year.group(1) if year else None,
                    "measure": measure,
                    "value": value,
                    "shown": shown,
                    "decimals": max((n.decimals for n in find_numbers(shown)), default=0),
                }
            )
    return out


def _subject_of(title: str) -> str | None:
    """A table title's or alt text's subject: the text before "(N=…)"."""
    head = re.split(r"\s*\(N\s*=", _plain(title), maxsplit=1)
    return head[0].strip() if len(head) == 2 and head[0].strip() else None


def _text_claims(
    kind: str,
    key: str,
    words: str,
    section: str,
    location: str | None,
    breakdown: str | None = None,
):
    out = []
    item = _subject_of(words) if kind != "tekst" else None
    for i, found in enumerate(find_numbers(words), start=1):
        out.append(
            {
                "id": f"{kind}-{key}/{i}",
                "location": location or section,
                "section": section,
                "title": _plain(words),
                "item": item if found.kind == "n" else None,
                "group": None,
                "breakdown": breakdown,
                "category": None,
                "column": None,
                "round": None,
                "measure": {"x_of_y": "count", "decimal": "number"}.get(found.kind, found.kind),
                "value": found.value,
                "total": found.total,
                "shown": found.raw,
                "decimals": found.decimals,
            }
        )
    return out


def _label_claims(block: Figure, key: str, section: str, location: str, by) -> list[dict]:
    """The numbers a chart writes on its bars ("46" on the «Enig» segment): percent."""
    block.describe()
    out = []
    for i, label in enumerate(getattr(block, "labels", []), start=1):
        value = float(label["value"])
        out.append(
            {
                "id": f"figur-{key}/verdi-{i}",
                "location": location,
                "section": section,
                "title": _plain(block.title),
                "item": _plain(label["item"]),
                "group": label.get("group"),
                "breakdown": by,
                "category": label.get("category"),
                "column": label.get("category"),
                "round": None,
                "measure": "percent",
                "value": value,
                "total": None,
                "shown": f"{value:.0f}",
                "decimals": 0,
            }
        )
    return out


def claims(sections: list[Section], numbers: dict, language: str = "nb") -> list[dict]:
    """Every claim of ``sections`` (tables and figures numbered as in ``numbers``)."""
    out: list[dict] = []
    texts = 0

    def visit(section: Section, by: str | None) -> None:
        nonlocal texts
        by = section.breakdown or by
        name = section.title
        for block in section.blocks:
            start = len(out)
            if isinstance(block, Section):
                visit(block, by)
                continue
            if isinstance(block, Table):
                number = numbers[id(block)]
                location = f"{text('table', language)} {number}"
                title = block.table.title
                out.extend(_text_claims("tittel", str(number), title, name, location, by))
                out.extend(_table_claims(block, number, name, language, by))
                for i, note in enumerate(block.table.footnotes, start=1):
                    key = f"{number}.{i}"
                    out.extend(_text_claims("note", key, note, name, location, by))
            elif isinstance(block, Figure):
                location = f"{text('figure', language)} {numbers[id(block)]}"
                key = str(numbers[id(block)])
                out.extend(_text_claims("figur", key, block.alt, name, location, by))
                out.extend(_label_claims(block, key, name, location, by))
            elif isinstance(block, Text):
                texts += 1
                out.extend(_text_claims("tekst", str(texts), block.text, name, None, by))
            for claim in out[start:]:  # the section's key: titles repeat ("Etter kjønn")
                claim["part"] = section.key

    for section in sections:
        visit(section, None)
    return out


def write_claims(sections: list[Section], numbers: dict, path: Path, **meta) -> Path:
    """Write ``claims.json`` (see module docstring); ``meta`` goes in its header."""
    found = claims(sections, numbers, meta["language"])
    header = json.dumps({"format": FORMAT, **meta}, ensure_ascii=False, indent=1, sort_keys=True)
    # one claim per line, by json's C encoder (indenting every claim took a third of a
    # rebuild's writing time); the same JSON to any reader
    lines = ",\n".join(json.dumps(c, ensure_ascii=False, sort_keys=True) for c in found)
    body = header[:-2] + f',\n "claims": [\n{lines}\n ]\n}}\n'
    path.write_text(body, encoding="utf-8")
    return path
