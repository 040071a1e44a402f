"""The claims registry a report build wrote (``claims.json``): every number in its tables,
figures and text, with what it is about, read back as :class:`~toolkit.check.facts.Fact`
rows a draft's sentences are matched against.

Examples
--------
>>> item = "Kontoret har en felles forståelse"
>>> claim = {"id": "tabell-6/1/1", "location": "Tabell 6", "measure": "percent",
...          "row": item, "item": item, "column": "Helt uenig", "category": "Helt uenig",
...          "value": 8.42, "shown": "8 %", "decimals": 0}
>>> fact = claims_facts({"claims": [claim]})[0]
>>> fact.subject == item, sorted(fact.labels), fact.measure, fact.value
(True, ['Helt uenig'], 'percent', 8.42)
>>> fact.where == f"Tabell 6, '{item}', 'Helt uenig'"
True
"""

from __future__ import annotations

import json
from pathlib import Path

from toolkit.check.facts import Fact
from toolkit.errors import ConfigError
from toolkit.rawfiles.files import read_raw


def read_claims(path: str | Path) -> dict:
    """The registry a report build wrote (``claims.json``)."""
    raw = read_raw(path, role="claims registry", hint="build the report first (make report)")
    try:
        registry = json.loads(raw.data.decode("utf-8"))
        registry["claims"] = list(registry["claims"])
    except (UnicodeDecodeError, ValueError, KeyError, TypeError) as exc:
        raise ConfigError(
            f"{raw.path.name} is not a claims registry",
            file=raw.path,
            found=f"{type(exc).__name__}: {str(exc)[:200]}",
            expected='JSON with a "claims" list, as toolkit report writes it',
            hint="rebuild the report; do not edit claims.json by hand",
        ) from None
    return registry


def _combos(row_claims: list[dict]) -> list[dict]:
    """Top-2 and bottom-2 of a row whose category shares add up to 100."""
    parts = [c for c in row_claims if c.get("category") and c["measure"] == "percent"]
    if len(parts) < 4:
        return []
    out = []
    for name, pair in (("bunn-2", parts[:2]), ("topp-2", parts[-2:])):
        out.append(
            {
                **pair[0],
                "id": f"{pair[0]['id']}+{name}",
                "category": None,
                "categories": [p["category"] for p in pair],
                "value": sum(p["value"] for p in pair),
            }
        )
    return out


def _title_fact(claim: dict) -> Fact:
    """The N of a table title or figure ("… (N=172–180)"): a range when it is one."""
    measure = "range" if claim.get("total") is not None else "n"
    extra = {"total": claim.get("total"), "shown": claim["shown"], "location": claim["location"]}
    where = f"{claim['location']}, {claim['shown']!r}"
    return Fact(
        claim["id"],
        claim["item"],
        frozenset(),
        measure,
        claim["value"],
        where,
        "claims",
        extra=extra,
    )


def _labels(claim: dict, only: bool) -> frozenset[str]:
    """What a sentence must name: the category (or two), the group, and the column when
    the table has several of its measure ("Median", "2025", "N før")."""
    labels = set(claim.get("categories") or [])
    labels |= {claim[k] for k in ("category", "group") if claim.get(k)}
    column = claim.get("column")
    plain = column and not claim.get("category") and not claim.get("categories")
    if plain and (not only or claim.get("round")):
        labels.add(claim.get("round") or column)
    return frozenset(labels)


def _row_facts(row: list[dict], columns: dict) -> list[Fact]:
    n = next((c["value"] for c in row if c["measure"] == "n" and not c.get("round")), None)
    dk = next(
        (
            c["value"]
            for c in row
            if c["measure"] == "count" and "vet ikke" in str(c.get("column", "")).lower()
        ),
        None,
    )
    whole = any(c.get("category") for c in row)
    facts = []
    for claim in row + _combos(row):
        column = claim.get("column")
        only = len(columns[(claim["location"], claim["measure"])]) == 1
        extra = {"shown": claim.get("shown"), "location": claim["location"], "column": column}
        facts.append(
            Fact(
                claim["id"],
                claim["item"],
                _labels(claim, only),
                claim["measure"],
                float(claim["value"]),
                f"{claim['location']}, {claim['item']!r}, {column!r}",
                "claims",
                claim.get("decimals"),
                n=n if whole else None,
                dk=dk if whole else None,
                extra=extra,
            )
        )
    return facts


def claims_facts(registry: dict) -> list[Fact]:
    """Facts from a claims registry: table cells, and the Ns of titles and figures
    (other numbers in texts are checked as written, see :func:`registry_texts`)."""
    rows: dict[str, list[dict]] = {}
    columns: dict[tuple[str, str], set] = {}  # (table, measure) → its columns
    facts = []
    for claim in registry["claims"]:
        if claim["measure"] == "text":
            continue  # a cell as shown only: see registry_cells
        table = claim["id"].startswith("tabell-")
        if claim.get("item") and claim["measure"] == "n" and not table:
            facts.append(_title_fact(claim))
        if table:
            rows.setdefault(claim["id"].rsplit("/", 1)[0], []).append(claim)
            columns.setdefault((claim["location"], claim["measure"]), set()).add(claim["column"])
    for row in rows.values():
        facts += _row_facts(row, columns)
    return facts


def text_key(text) -> str:
    """Text compared as written, but for case and spacing (no-break spaces included)."""
    return " ".join(str(text or "").replace("\u00a0", " ").lower().split())


def registry_cells(registry: dict) -> dict[tuple[str, str], set[str]]:
    """(row label, column) → every way the report showed that cell."""
    cells: dict[tuple[str, str], set[str]] = {}
    for claim in registry["claims"]:
        if claim["id"].startswith("tabell-"):
            key = (text_key(claim.get("row") or claim["item"]), text_key(claim.get("column")))
            cells.setdefault(key, set()).add(text_key(claim["shown"]))
    return cells


def registry_texts(registry: dict) -> list[str]:
    """The texts and alt texts of the report, as written."""
    return sorted(
        {text_key(c["title"]) for c in registry["claims"] if not c["id"].startswith("tab")}
    )
