"""One fact, one value: a build reads its own outputs back and compares every number.

The claims registry (``claims.json``) holds every table cell as the report shows it. The
audit reads the three documents a reader gets back from disk and compares each table cell
with it:

* ``report.html``: the cell's text in the n-th ``<table>``;
* ``report.docx``: the cell's text in the n-th Word table (read with python-docx);
* ``tabeller.xlsx``: the number Excel shows in sheet n, from the cell's value and number
  format (Excel rounds half away from zero, Python half to even: both are modelled).

A cell that differs anywhere is a :class:`Discrepancy` naming both places.

Across places, :func:`cross_check` compares every fact the registry holds more than once:
the same item, category, group, breakdown, round and measure (and column, for measures such
as a mean or a coefficient) in two tables, a caption, a figure's text or a sentence must
show the same number (a coarser display must be the finer one rounded: "46 %" beside
"45,9 %", never "2 %" beside "3 %"). ``build_report``
runs the audit on every build, writes its summary into ``manifest.json`` and fails with a
:class:`~toolkit.errors.AuditError` on any discrepancy (``audit=False`` skips it, for
debugging only).

Examples
--------
>>> import tempfile, pathlib
>>> from toolkit.data import example_round
>>> from toolkit.report import build_report
>>> out = pathlib.Path(tempfile.mkdtemp())
>>> result = build_report(example_round(), out, progress=False)
>>> found = audit_outputs(out)
>>> found.checked > 100, found.discrepancies
(True, [])
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from html.parser import HTMLParser
from pathlib import Path

from toolkit.present.excel import shown_number
from toolkit.present.parse import SPACES, find_numbers


@dataclass(frozen=True)
class Discrepancy:
    """One table cell whose shown value differs between two outputs."""

    claim: str
    fact: str
    place: str
    expected: str
    found: str
    #: for a fact shown in two places: the first place (``expected`` is shown there)
    first: str | None = None

    def __str__(self) -> str:
        where = self.first or "the report's claims"
        return f"{self.fact}: {self.expected!r} in {where}, {self.found!r} in {self.place}"


@dataclass
class Audit:
    """What the audit compared (``checked`` cells × outputs) and what differed."""

    checked: int = 0
    discrepancies: list[Discrepancy] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "checked": self.checked,
            "discrepancies": len(self.discrepancies),
            "first": [str(d) for d in self.discrepancies[:20]],
        }


def _plain(text) -> str:
    return " ".join(SPACES.sub(" ", "" if text is None else str(text)).split())


class _Tables(HTMLParser):
    """Every ``<table>``'s body rows as lists of cell texts (header rows left out)."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[list[list[str]]] = []
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self._head = False

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append([])
        elif tag == "thead":
            self._head = True
        elif tag == "tr" and self.tables and not self._head:
            self._row = []
        elif tag in {"td", "th"} and self._row is not None:
            self._cell = []

    def handle_endtag(self, tag):
        if tag == "thead":
            self._head = False
        elif tag in {"td", "th"} and self._row is not None and self._cell is not None:
            self._row.append(_plain("".join(self._cell)))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self.tables[-1].append(self._row)
            self._row = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def html_tables(path: Path) -> list[list[list[str]]]:
    parser = _Tables()
    page = path.read_text(encoding="utf-8")
    # the figures' data URLs (most of the page) hold no table: not fed through the parser
    parser.feed(re.sub(r'src="data:[^"]*"', 'src=""', page))
    return parser.tables


def word_tables(path: Path) -> list[list[list[str]]]:
    """Every Word table's rows below its header row, as cell texts."""
    import zipfile

    from lxml import etree

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

    def text(cell) -> str:  # paragraphs on lines of their own, as Word shows them
        marks = {f"{w}br": "\n", f"{w}tab": "\t"}
        return "\n".join(
            "".join(
                (node.text or "") if node.tag == f"{w}t" else marks.get(node.tag, "")
                for node in paragraph.iter()
            )
            for paragraph in cell.iter(f"{w}p")
        )

    with zipfile.ZipFile(path) as package:
        # lxml (python-docx's parser), with no entities and no network: a safe C parser
        safe = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
        body = etree.fromstring(package.read("word/document.xml"), safe).find(f"{w}body")
    return [
        [
            [_plain(text(cell)) for cell in row.findall(f"{w}tc")]
            for row in table.findall(f"{w}tr")[1:]
        ]
        for table in body.findall(f"{w}tbl")
    ]


def _excel_shown(value, number_format: str) -> tuple[float, int] | None:
    """The number Excel shows for ``value`` in ``number_format`` ("0 %", "0.0", General)."""
    if not isinstance(value, int | float) or isinstance(value, bool):
        return None
    percent = "%" in number_format
    places = len(number_format.split(".", 1)[1].rstrip(" %")) if "." in number_format else 0
    scaled = Decimal(repr(value)) * (100 if percent else 1)
    if number_format == "General":
        return float(scaled), max(0, -scaled.as_tuple().exponent)
    rounded = scaled.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return float(rounded), places


def _excel_tables(path: Path) -> list[list[list[tuple[float, int] | str | None]]]:
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True)
    out = []
    for sheet in book.worksheets:
        rows = []
        for row in sheet.iter_rows(min_row=4):
            if row[0].value is None:
                break  # the notes start after one empty row
            rows.append(
                [
                    _excel_shown(c.value, c.number_format)
                    if isinstance(c.value, int | float)
                    else c.value
                    for c in row
                ]
            )
        out.append(rows)
    book.close()
    return out


def _cell(tables: list, number: int, row: int, column: int):
    try:
        return tables[number - 1][row - 1][column]
    except IndexError:
        return None


def audit_outputs(folder: str | Path) -> Audit:
    """Compare every table cell of ``claims.json`` with ``report.html``, ``report.docx`` and
    ``tabeller.xlsx`` in ``folder``, and every fact the claims hold in two places with
    each other (:func:`cross_check`; see module docstring).

    Parameters
    ----------
    folder
        A build's output folder.

    Returns
    -------
    Audit
        ``checked`` comparisons and the ``discrepancies`` found.

    Examples
    --------
    See the module's example: a build's folder gives ``Audit(checked=…, discrepancies=[])``.
    """
    folder = Path(folder)
    registry = json.loads((folder / "claims.json").read_text(encoding="utf-8"))
    places = {"report.html": html_tables(folder / "report.html")}
    if (folder / "report.docx").is_file():  # (a unit report has Word only when asked)
        places["report.docx"] = word_tables(folder / "report.docx")
    excel = _excel_tables(folder / "tabeller.xlsx")
    found = Audit()
    for claim in registry["claims"]:
        if not claim["id"].startswith("tabell-"):
            continue
        number, row, column = (int(x) for x in claim["id"].split("-", 1)[1].split("/"))
        expected = _plain(claim["shown"])
        fact = f"{claim['location']}, {claim['row']!r}, {claim['column']!r}"
        for place, tables in places.items():
            got = _cell(tables, number, row, column)
            found.checked += 1
            if got != expected:
                found.discrepancies.append(
                    Discrepancy(
                        claim["id"], fact, place, expected, "(missing)" if got is None else got
                    )
                )
        cell = _cell(excel, number, row, column)
        found.checked += 1
        if claim["value"] is None:  # a text cell ("3,0–3,6") is written as text
            if _plain(cell) != expected:
                found.discrepancies.append(
                    Discrepancy(claim["id"], fact, "tabeller.xlsx", expected, str(cell))
                )
            continue
        want = shown_number(claim["value"], claim["shown"])
        if want is not None and cell != want:
            found.discrepancies.append(
                Discrepancy(claim["id"], fact, "tabeller.xlsx", expected, _describe(cell))
            )
    across = cross_check(registry)  # one fact in two places: two tables, a caption, a chart
    found.checked += across.checked
    found.discrepancies += across.discrepancies
    return found


def _fact_key(claim: dict) -> tuple | None:
    """What a claim is a number of, or None for a claim that is no fact of an item."""
    measure = claim.get("measure")
    if measure in (None, "text") or not claim.get("item") or claim.get("value") is None:
        return None
    column = claim.get("column")
    if measure == "n" or (measure == "percent" and claim.get("category")):
        column = None  # "N", "N=…" and a category's share are one fact wherever they stand
    title = claim.get("title") or ""
    # the question: the title up to its "(N=…)" or a figure's "(del 1 av 2)"
    subject = re.split(r"\s*\((?:N\s*=|del \d|part \d)", title, maxsplit=1)[0].strip()
    return (
        claim.get("part"),  # tables of two questions may share a title and item words
        subject,  # the question: two questions may share an item's words ("Matematikk R1")
        claim["item"],
        claim.get("category"),
        claim.get("group"),
        claim.get("breakdown"),
        claim.get("round"),
        measure,
        column,
    )


def _displayed(claim: dict) -> tuple[float | None, float | None]:
    """The number (and a range's end) as the reader sees it: read from ``shown`` (a share
    rounded to add to 100 is not its value rounded), else the value at its decimals."""
    found = find_numbers(claim.get("shown") or "")
    if len(found) == 1:
        return found[0].value, found[0].total
    places = claim.get("decimals") or 0
    total = claim.get("total")
    return round(claim["value"], places), None if total is None else round(total, places)


def _agree(a: dict, b: dict) -> bool:
    """Two displays of one number agree: equal at the same decimals, or the coarser is
    the finer rounded (half a unit of the coarser display, with room for binary floats)."""
    places = min(a.get("decimals") or 0, b.get("decimals") or 0)
    for x, y in zip(_displayed(a), _displayed(b), strict=True):
        if (x is None) != (y is None):
            return False
        if x is not None and abs(x - y) > 0.5 * 10**-places + 1e-9:
            return False
    return True


def cross_check(registry: dict) -> Audit:
    """Every fact shown in more than one place, compared (see module docstring).

    Parameters
    ----------
    registry : dict
        A build's ``claims.json``, read.

    Returns
    -------
    Audit
        ``checked`` pairs of places and the ``discrepancies``, each naming both places.

    Examples
    --------
    >>> claim = {"item": "Rutiner?", "category": "Ja", "measure": "percent", "column": "Ja",
    ...          "value": 2.59, "shown": "3 %", "decimals": 0, "location": "Tabell 2",
    ...          "id": "tabell-2/1/1"}
    >>> other = claim | {"value": 2.0, "shown": "2 %", "location": "Figur 1", "id": "figur-1/1"}
    >>> [str(d) for d in cross_check({"claims": [claim, other]}).discrepancies]
    ["Rutiner? · Ja · percent: '3 %' in Tabell 2 (tabell-2/1/1), '2 %' in Figur 1 (figur-1/1)"]
    """
    facts: dict[tuple, list[dict]] = {}
    for claim in registry["claims"]:
        key = _fact_key(claim)
        if key is not None:
            facts.setdefault(key, []).append(claim)
    found = Audit()
    for key, places in facts.items():
        if len({c["location"] for c in places}) < 2:
            continue
        first = places[0]
        for other in places[1:]:
            if other["location"] == first["location"]:
                continue
            found.checked += 1
            if not _agree(first, other):
                what = " · ".join(str(k) for k in key[2:] if k is not None)
                found.discrepancies.append(
                    Discrepancy(
                        other["id"],
                        what,
                        f"{other['location']} ({other['id']})",
                        first["shown"],
                        other["shown"],
                        f"{first['location']} ({first['id']})",
                    )
                )
    return found


def _describe(cell) -> str:
    if isinstance(cell, tuple):
        number, places = cell
        return f"{number:.{places}f} (as Excel shows it)"
    return "(missing)" if cell is None else str(cell)
