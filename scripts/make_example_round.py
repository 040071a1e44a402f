"""Generate the synthetic example round in surveys/<round>/ (seeded: identical every run).

SYNTHETIC DATA. Modelled on an evaluation survey of Nav office managers (see
../shared/DOMAIN.md): 190 respondents (177 complete, 13 partial), office size band and
region, two 5-point agreement grids with "Vet ikke", a change scale (Mye mindre tid …
Mye mer tid), a Ja / Nei / Vet ikke item with a filtered follow-up, a "flere svar mulig"
question with "Annet" free text, and open comments in Norwegian. Contact columns (name,
e-mail), respondent id and timestamps are in the dataset but not in the structure file,
as in real SurveyXact exports. Names and e-mails are invented.

Usage: python scripts/make_example_round.py surveys/2026
Writes ledere_2026.xlsx and ledere_2026_csv/ (semicolon, Windows-1252: SurveyXact's
default CSV).
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd

from toolkit.surveys.synthetic import (
    STRUCTURE_COLUMNS,
    ExportTables,
    write_csv_export,
    write_xlsx_export,
)

SEED = 2026
N = 190
N_PARTIAL = 13

AGREE = ["Helt uenig", "Delvis uenig", "Verken enig eller uenig", "Delvis enig", "Helt enig"]
CHANGE = ["Mye mindre tid", "Noe mindre tid", "Samme som før", "Noe mer tid", "Mye mer tid"]
DEGREE = ["I liten grad", "I noen grad", "I ganske stor grad", "I svært stor grad"]
SIZES = ["Under 20 ansatte", "20–49 ansatte", "50 ansatte eller flere"]
REGIONS = ["Øst", "Vest", "Sør", "Midt", "Nord"]

GRID_1 = (
    "Hvor enig eller uenig er du i følgende påstander om samarbeidet med kommunen?",
    [
        "Kontoret har en felles forståelse av oppdraget med kommunen",
        "Ansvarsdelingen mellom stat og kommune er tydelig",
        "Vi har nok tid til å samarbeide om brukere med sammensatte behov",
        "Kommunen prioriterer Nav-kontoret i budsjettarbeidet",
        "Samarbeidsavtalen brukes aktivt i styringen av kontoret",
        "Det er lett å løse uenighet mellom statlig og kommunal linje",
    ],
    [0.6, -0.2, -0.6, -0.4, 0.1, 0.0],
)
GRID_2 = (
    "Hvor enig eller uenig er du i følgende påstander om kompetanse og veiledning?",
    [
        "Veilederne har den kompetansen de trenger i arbeidsrettet oppfølging",
        "Nyansatte får god nok opplæring",
        "Kontoret har tid til faglig veiledning i hverdagen",
        "Digitale verktøy gjør veiledningen bedre",
        "Vi deler erfaringer systematisk på tvers av team",
    ],
    [0.5, -0.1, -0.7, 0.2, -0.3],
)
CHANGE_Q = (
    "Har endringene ført til at veilederne bruker mer eller mindre tid på følgende oppgaver?",
    ["Oppfølging av brukere", "Dokumentasjon", "Samarbeid med arbeidsgivere", "Interne møter"],
    [0.6, 0.9, 0.2, -0.4],
)
MEASURES = [
    "Kurs og opplæring",
    "Kollegaveiledning",
    "Faglige nettverk med andre kontorer",
    "Hospitering",
    "Digitale læringsressurser",
    "Annet, spesifiser:",
]
COMMENTS = [
    "Vi har for lite tid til å følge opp brukerne tett nok.",
    "Samarbeidet med kommunen har blitt mye bedre det siste året.",
    "Dokumentasjonskravene tar tid fra oppfølgingen.",
    "Det er krevende å rekruttere veiledere med riktig kompetanse.",
    "Veiledningen fungerer godt når vi får tid til den.",
    "Ansvarsdelingen er uklar i saker som gjelder både helse og arbeid.",
    "Digitale møter har gjort det lettere å samarbeide med arbeidsgivere.",
    "Nyansatte blir for raskt satt til å ha egen portefølje.",
    "Vi savner bedre statistikk for å styre kontoret.",
    "Kontoret er lite, så vi er sårbare når noen er borte.",
    "Partnerskapet fungerer, men budsjettprosessen er uforutsigbar.",
    "Det er for mange interne møter.",
    "Vi har gode erfaringer med kollegaveiledning i team.",
    "Brukere med sammensatte behov trenger mer tid enn vi har.",
    "Undersøkelsen burde spurt mer om samarbeidet med helsetjenesten.",
]
OTHER_MEASURES = [
    "Veiledningsgrupper med fylket",
    "Studietur",
    "Intern fagdag",
    "Mentorordning",
    "E-læring fra direktoratet",
    "Fagnettverk i regionen",
]


def _likert(rng, latent, shift, k=5):
    """Ordinal answers 1..k from a latent attitude plus an item shift."""
    score = latent + shift + rng.normal(0, 0.9, size=latent.shape)
    cuts = np.linspace(-1.5, 1.5, k - 1)
    return np.searchsorted(cuts, score) + 1


def build(seed: int = SEED) -> ExportTables:
    rng = np.random.default_rng(seed)
    size = rng.choice([1, 2, 3], size=N, p=[0.35, 0.42, 0.23])
    region = rng.choice([1, 2, 3, 4, 5], size=N, p=[0.32, 0.22, 0.12, 0.17, 0.17])
    latent = rng.normal(0, 1, size=N) + 0.25 * (size - 2)
    cols: dict[str, object] = {}
    structure: list[list] = []
    labels: list[tuple] = []

    def single(name, text, options, values, extra=None):
        cols[name] = values
        structure.append([name, name, "Closed", "Single", text, None, None])
        for code, label in enumerate(options, start=1):
            labels.append((name, code, label))
        for code, label in (extra or {}).items():
            labels.append((name, code, label))

    single("kontorstr", "Hvor mange ansatte er det ved ditt Nav-kontor?", SIZES, size)
    single("region", "I hvilken region ligger kontoret?", REGIONS, region)
    for prefix, (stem, items, shifts) in (("b1", GRID_1), ("b2", GRID_2)):
        for i, (item, shift) in enumerate(zip(items, shifts, strict=True), start=1):
            answers = _likert(rng, latent, shift).astype(float)
            answers[rng.random(N) < 0.05] = 6  # Vet ikke
            single(f"{prefix}_{i}", f"{stem} - {item}", AGREE, answers, {6: "Vet ikke"})
    stem, items, shifts = CHANGE_Q
    for i, (item, shift) in enumerate(zip(items, shifts, strict=True), start=1):
        answers = _likert(rng, rng.normal(0, 0.8, size=N), shift).astype(float)
        answers[rng.random(N) < 0.04] = 9
        single(f"t1_{i}", f"{stem} - {item}", CHANGE, answers, {9: "Vet ikke"})
    routine = rng.choice([1.0, 2.0, 3.0], size=N, p=[0.62, 0.3, 0.08])
    single(
        "s_10",
        "Har kontoret egne rutiner for oppfølging av unge brukere?",
        ["Ja", "Nei", "Vet ikke"],
        routine,
    )
    follow = np.where(routine == 1, _likert(rng, latent, 0.3, k=4).astype(float), np.nan)
    single(
        "s_11", "I hvilken grad fungerer rutinene etter hensikten?", DEGREE, follow, {5: "Vet ikke"}
    )
    measure_text = "Hvilke tiltak har kontoret brukt for å styrke veiledningen? (flere svar mulig)"
    chosen = rng.random((N, len(MEASURES))) < np.array([0.55, 0.62, 0.35, 0.12, 0.48, 0.1])
    for j, option in enumerate(MEASURES, start=1):
        name = f"s_12_{j}"
        cols[name] = chosen[:, j - 1].astype(float)
        structure.append(["s_12", name, "Closed", "Multiple", measure_text, j, option])
        labels += [(name, 0, "Ikke valgt"), (name, 1, "Valgt")]
    other = np.array([OTHER_MEASURES[i % len(OTHER_MEASURES)] for i in range(N)], dtype=object)
    cols["s_13"] = np.where(chosen[:, -1], other, None)
    structure.append(
        ["s_13", "s_13", "Open", "String", f"{measure_text} - Annet, spesifiser:", None, None]
    )
    has_comment = rng.random(N) < 0.42
    picks = rng.integers(0, len(COMMENTS), size=(N, 2))
    comments = [
        f"{COMMENTS[a]} {COMMENTS[b]}" if a != b and r < 0.3 else COMMENTS[a]
        for (a, b), r in zip(picks, rng.random(N), strict=True)
    ]
    cols["s_14"] = np.where(has_comment, np.array(comments, dtype=object), None)
    structure.append(
        ["s_14", "s_14", "Open", "String", "Har du andre kommentarer til evalueringen?", None, None]
    )
    data = pd.DataFrame(cols)
    partial = rng.choice(N, size=N_PARTIAL, replace=False)
    later = [c for c in data.columns if c.startswith(("t1_", "s_1"))]
    data.loc[partial, later] = np.nan  # partial answers: stopped before the change scale
    status = np.where(np.isin(np.arange(N), partial), 3, 4)
    for code, label in enumerate(["Ny", "Distribuert", "Noen svar", "Gjennomført", "Frafalt"], 1):
        name = f"stato_{code}"
        data[name] = (status == code).astype(float)
        structure.append(["statoverall", name, "Closed", "Multiple", "Samlet status", code, label])
        labels += [(name, 0, "Ikke valgt"), (name, 1, "Valgt")]
    start = pd.Timestamp("2026-03-02 08:00:00")
    created = start + pd.to_timedelta(rng.integers(0, 14 * 24 * 60, size=N), unit="min")
    background = pd.DataFrame(
        {
            "respondentid": 81_000_000 + rng.choice(900_000, size=N, replace=False),
            "name": [f"Leder {i:03d} (fiktiv)" for i in range(1, N + 1)],
            "email": [f"leder{i:03d}@eksempel.invalid" for i in range(1, N + 1)],
            "created": created.floor("s"),
            "closetime": (created + pd.to_timedelta(rng.integers(5, 40, size=N), unit="min")).floor(
                "s"
            ),
        }
    )
    dataset = pd.concat([background, data], axis=1)
    return ExportTables(
        dataset=dataset,
        structure=pd.DataFrame(structure, columns=STRUCTURE_COLUMNS),
        labels=pd.DataFrame(labels, columns=["variable", "code", "label"]),
    )


def main(folder: str = "surveys/2026") -> None:
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    tables = build()
    write_xlsx_export(tables, out / "ledere_2026.xlsx")
    write_csv_export(tables, out / "ledere_2026_csv", sep=";", encoding="cp1252")
    print(f"wrote {out}/ledere_2026.xlsx and {out}/ledere_2026_csv/ ({len(tables.dataset)} rows)")


if __name__ == "__main__":
    main(*sys.argv[1:])
