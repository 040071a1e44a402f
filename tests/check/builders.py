"""A small survey whose every share is known by hand, and drafts written about it.

13 leaders: one answered nothing. The counts below are the second route for every
expected value in the checker's tests (``Counter`` over these lists, by hand):

* q_1 "Vi har nok tid til oppgavene": Helt uenig 1, Uenig 2, Enig 5, Helt enig 3,
  Vet ikke 1 → base 11 (Vet ikke outside): 9,1 / 18,2 / 45,5 / 27,3 %, top-2 72,7 %.
* q_2 "Ledelsen gir tydelige beskjeder": 2, 4, 4, 1, Vet ikke 1 → 18,2 / 36,4 / 36,4 /
  9,1 %, top-2 45,5 %.
* ja "Har kontoret egne rutiner for unge brukere?": Ja 6, Nei 5, Vet ikke 1 → Ja 54,5 %
  of 11; 6 of 12 (50 %) if "Vet ikke" counts.
* kontor (background): Liten 7, Stor 6.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from toolkit.surveys.export import STRUCTURE_COLUMNS
from toolkit.surveys.synthetic import ExportTables, write_csv_export

AGREE = [(1, "Helt uenig"), (2, "Uenig"), (3, "Enig"), (4, "Helt enig"), (9, "Vet ikke")]
Q1 = [1, 2, 2, 3, 3, 3, 3, 3, 4, 4, 4, 9, None]
Q2 = [1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 9, None]
JA = [1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 3, None]
KONTOR = [1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2]


def tables() -> ExportTables:
    dataset = pd.DataFrame(
        {
            "respondentid": list(range(1, 14)),
            "kontor": KONTOR,
            "q_1": Q1,
            "q_2": Q2,
            "ja": JA,
        }
    )
    stem = "Hvor enig er du i påstandene?"
    structure = pd.DataFrame(
        [
            ["kontor", "kontor", "Background", "Single", "Kontorstørrelse", None, None],
            ["q", "q_1", "Closed", "Single", f"{stem} - Vi har nok tid til oppgavene", None, None],
            ["q", "q_2", "Closed", "Single", f"{stem} - Ledelsen gir tydelige beskjeder", None,
             None],
            ["ja", "ja", "Closed", "Single", "Har kontoret egne rutiner for unge brukere?", None,
             None],
        ],
        columns=STRUCTURE_COLUMNS,
    )  # fmt: skip
    labels = [("kontor", 1, "Liten"), ("kontor", 2, "Stor")]
    labels += [(q, c, lab) for q in ("q_1", "q_2") for c, lab in AGREE]
    labels += [("ja", 1, "Ja"), ("ja", 2, "Nei"), ("ja", 3, "Vet ikke")]
    return ExportTables(
        dataset=dataset,
        structure=structure,
        labels=pd.DataFrame(labels, columns=["variable", "code", "label"]),
    )


def survey_export(folder: Path) -> Path:
    write_csv_export(tables(), folder / "ledere")
    return folder / "ledere"


def write_md(folder: Path, text: str, name: str = "utkast.md") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path
