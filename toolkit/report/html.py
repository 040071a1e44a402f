"""A report as one self-contained HTML file.

Images are embedded (SVG as data URIs, so nothing is fetched from a network), every text
that comes from the data is escaped (an open answer shows as typed, never as markup), each
figure carries its alt text, and the print style sheet keeps headings with what follows,
keeps figures and tables whole and shrinks wide tables to the page. Ids come from section
titles, never from random numbers, so the same report gives the same bytes.

Examples
--------
>>> from toolkit.report.blocks import Section, Text
>>> page = report_html("Rapport", [Section("Om <data>", [Text("5 < 6 & «Vet ikke»")])])
>>> "<h2 id=\\"om-data\\">Om &lt;data&gt;</h2>" in page, "5 &lt; 6 &amp; «Vet ikke»" in page
(True, True)
"""

from __future__ import annotations

import base64
import html
from typing import TYPE_CHECKING

from toolkit.language import text
from toolkit.report.captions import caption_parts

if TYPE_CHECKING:  # blocks show themselves with these functions, so they import this module
    from toolkit.report.blocks import Figure, Section, Table

CSS = """
:root { --ink: #222; --muted: #555; --rule: #ccc; --head: #eef2f6; }
body { font-family: "Source Sans 3", "Segoe UI", Arial, sans-serif; color: var(--ink);
  max-width: 60rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.45; }
h1 { font-size: 1.9rem; margin-bottom: .2rem; } h2 { margin-top: 2.2rem; }
h1, h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
p.lead { font-size: 1.1rem; color: var(--muted); }
nav ol { columns: 2; font-size: .95rem; }
figure { margin: 1.2rem 0; break-inside: avoid; page-break-inside: avoid; }
figcaption { font-weight: 600; margin-bottom: .4rem; }
figure img { max-width: 100%; height: auto; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; font-size: .9rem; max-width: 100%; }
th, td { border-bottom: 1px solid var(--rule); padding: .25rem .5rem; vertical-align: top; }
thead th { background: var(--head); text-align: left; }
tbody th { text-align: left; font-weight: normal; }
tbody tr.item th { font-weight: 600; padding-top: .45rem; }
tbody th.sub { padding-left: 1.4rem; white-space: nowrap; }
p.quote { margin: .4rem 0 .4rem 1.2rem; font-style: italic; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.wide { font-size: .78rem; }
p.note, p.source { font-size: .85rem; color: var(--muted); margin: .2rem 0; }
@page { size: A4; margin: 18mm 16mm; }
@media print {
  body { max-width: none; margin: 0; font-size: 10pt; }
  nav { display: none; }
  .table-wrap { overflow: visible; }
  table { width: 100%; table-layout: auto; }
  table.wide { font-size: 7.5pt; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; page-break-inside: avoid; }
}
""".strip()


NUMERIC = {"percent", "count", "number"}


def esc(value) -> str:
    """Text for HTML: every character that could start markup becomes an entity."""
    return html.escape("" if value is None else str(value), quote=True)


def _id(value: str) -> str:
    return f' id="{esc(value)}"' if value else ""


def _caption(kind: str, number: int | None, title: str, language: str) -> str:
    label = text(kind, language)
    return f"{label} {number}: {title}" if number else f"{label}: {title}"


def table_html(block: Table, number: int | None, language: str = "nb") -> str:
    table = block.table
    kinds = table.kinds
    columns = list(table.frame.columns)
    numeric = {c: "num" if kinds.get(c) in NUMERIC else "" for c in columns}
    head = "".join(f'<th scope="col" class="{numeric[c]}">{esc(c)}</th>' for c in columns)
    rows = []
    classes = [numeric[c] for c in columns]
    headings = set(table.extra.get("headings", ()))
    sub = ' class="sub"' if headings else ""  # groups indented under their item
    rows_of = zip(table.frame.index, table.frame.to_numpy(dtype=object), strict=True)
    for r, (label, row) in enumerate(rows_of):
        if r in headings:  # an item's heading row, across the table
            span = len(columns) + 1
            rows.append(
                f'<tr class="item"><th scope="rowgroup" colspan="{span}">{esc(label)}</th></tr>'
            )
            continue
        cells = "".join(f'<td class="{k}">{esc(v)}</td>' for k, v in zip(classes, row, strict=True))
        rows.append(f'<tr><th scope="row"{sub}>{esc(label)}</th>{cells}</tr>')
    wide = ' class="wide"' if len(columns) > 8 else ""
    notes = "".join(f'<p class="note">{esc(n)}</p>' for n in table.footnotes)
    source = block.source or table.source
    source_line = f'<p class="source">{esc(text("source", language))}: {esc(source)}</p>'
    caption, whole = caption_parts(table.title)
    if whole:  # a caption of at most two lines: the whole title under the table
        notes += f'<p class="note">{esc(text("full_title", language, title=whole))}</p>'
    return (
        f'<figure class="table"{_id(f"tabell-{number}" if number else block.name)}>'
        f"<figcaption>{esc(_caption('table', number, caption, language))}</figcaption>"
        f'<div class="table-wrap"><table{wide}><thead><tr><th></th>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>{notes}"
        f"{source_line if source else ''}</figure>"
    )


def figure_html(block: Figure, number: int | None, language: str | None = "nb") -> str:
    language = language or "nb"
    data = base64.b64encode(block.svg).decode("ascii")
    notes = "".join(f'<p class="note">{esc(n)}</p>' for n in block.notes)
    caption, whole = caption_parts(block.title)
    if whole:
        notes += f'<p class="note">{esc(text("full_title", language, title=whole))}</p>'
    source = (
        f'<p class="source">{esc(text("source", language))}: {esc(block.source)}</p>'
        if block.source
        else ""
    )
    return (
        f'<figure class="chart"{_id(f"figur-{number}" if number else block.name)}>'
        f"<figcaption>{esc(_caption('figure', number, caption, language))}</figcaption>"
        f'<img src="data:image/svg+xml;base64,{data}" alt="{esc(block.alt)}">'
        f"{notes}{source}</figure>"
    )


def _block_html(block, numbers: dict | None, language: str) -> str:
    number = numbers.get(id(block)) if numbers is not None else None
    part = getattr(block, "part", None)
    if part == "section":
        return section_html(block, numbers)
    if part == "table":
        return table_html(block, number, language)
    if part == "figure":
        return figure_html(block, number, language)
    if part == "text":
        return f'<p class="{esc(block.kind)}">{esc(block.text)}</p>'
    raise TypeError(f"not a report block: {type(block).__name__}")


def section_html(section: Section, numbers: dict | None) -> str:
    level = min(max(section.level, 2), 6)
    body = "".join(_block_html(b, numbers, section.language) for b in section.blocks)
    return (
        f'<section><h{level} id="{esc(section.key)}">{esc(section.title)}</h{level}>'
        f"{body}</section>"
    )


def unique_keys(sections) -> None:
    """Make every section's key (its HTML id) unique: "b1", "b1-2", …"""
    used: set[str] = set()
    for top in sections:
        for section in [top, *(b for b in top.walk() if b.part == "section")]:
            key, n = section.key, 1
            while key in used:
                n += 1
                key = f"{section.key}-{n}"
            section.key = key
            used.add(key)


def numbering(sections) -> dict[int, int]:
    """Table and figure numbers in reading order (each kind counted on its own)."""
    numbers, counts = {}, {"table": 0, "figure": 0}
    for section in sections:
        for block in section.walk():
            if block.part in counts:
                counts[block.part] += 1
                numbers[id(block)] = counts[block.part]
    return numbers


def report_html(
    title: str,
    sections: list[Section],
    *,
    language: str = "nb",
    subtitle: str | None = None,
    numbers: dict | None = None,
) -> str:
    """The whole report as an HTML page (see module docstring)."""
    numbers = numbering(sections) if numbers is None else numbers
    unique_keys(sections)
    contents = "".join(
        f'<li><a href="#{esc(s.key)}">{esc(s.title)}</a></li>' for s in sections if s.title
    )
    lead = f'<p class="lead">{esc(subtitle)}</p>' if subtitle else ""
    body = "".join(section_html(s, numbers) for s in sections)
    return (
        f'<!DOCTYPE html>\n<html lang="{esc(language)}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(title)}</title>\n<style>\n{CSS}\n</style>\n</head>\n<body>\n<main>\n"
        f"<h1>{esc(title)}</h1>{lead}"
        f'<nav aria-label="{esc(text("contents", language))}"><h2>'
        f"{esc(text('contents', language))}</h2><ol>{contents}</ol></nav>\n"
        f"{body}\n</main>\n</body>\n</html>\n"
    )
