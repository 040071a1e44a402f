"""Generate the synthetic example survey rounds in surveys/ (seeded: identical every run).

SYNTHETIC DATA. Modelled on an evaluation survey of Nav office managers (see
../shared/DOMAIN.md): every one of 258 offices is invited in two rounds, a baseline
("nullpunkt", 2025) and a follow-up (2026). The distribution list carries the office's
number, region, size band and whether it is a trial office ("forsøkskontor") or a
comparison office; SurveyXact exports them for everyone invited, respondents or not, with
questionType "Background". Response depends on size and region, so weighting matters.

2026: 177 complete, 13 partial (10 of them answered at least half of the b1 grid), 8
declined ("Frafalt"), 60 never answered ("Distribuert"): 187 analysed of 258 (72 %).
The rounds differ as a real questionnaire does between years:

* renamed: the routine question is ``s_9`` in 2025 and ``s_10`` in 2026 (same text);
* wording edited: ``b1_4`` "… i budsjettet" (2025) → "… i budsjettarbeidet" (2026);
* category added: the b2 grid has no neutral middle in 2025 (4 points + "Vet ikke"); in
  2026 "Verken enig eller uenig" is added as 3, and "Delvis enig"/"Helt enig" move to 4/5;
* dropped: ``b1_7`` (2025 only);
* added: ``t1_4`` "Interne møter" (2026 only).

Trial offices improve on "Vi har nok tid til å samarbeide …" (``b1_3``) between the rounds
more than comparison offices do (a difference-in-differences to find).

Usage: python scripts/make_example_rounds.py surveys
Writes 2025/ledere_2025_csv/ (CSV, ';', Windows-1252), 2026/ledere_2026.xlsx and the
population of offices (populasjon.csv: region × size band).
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd

from toolkit.surveys.builder import AGREEMENT, AGREEMENT_4, DONT_KNOW, ExportBuilder
from toolkit.surveys.synthetic import ExportTables, write_csv_export, write_xlsx_export

SEED = 2026
N_OFFICES = 258
CHANGE = ["Mye mindre tid", "Noe mindre tid", "Samme som før", "Noe mer tid", "Mye mer tid"]
DEGREE = ["I liten grad", "I noen grad", "I ganske stor grad", "I svært stor grad"]
SIZES = ["Under 20 ansatte", "20–49 ansatte", "50 ansatte eller flere"]
REGIONS = ["Øst", "Vest", "Sør", "Midt", "Nord"]
TRIAL = ["Forsøkskontor", "Sammenligningskontor"]

GRID_1 = "Hvor enig eller uenig er du i følgende påstander om samarbeidet med kommunen?"
B1 = [
    ("b1_1", "Kontoret har en felles forståelse av oppdraget med kommunen", 0.6),
    ("b1_2", "Ansvarsdelingen mellom stat og kommune er tydelig", -0.2),
    ("b1_3", "Vi har nok tid til å samarbeide om brukere med sammensatte behov", -0.6),
    ("b1_4", "Kommunen prioriterer Nav-kontoret i budsjettarbeidet", -0.4),
    ("b1_5", "Samarbeidsavtalen brukes aktivt i styringen av kontoret", 0.1),
    ("b1_6", "Det er lett å løse uenighet mellom statlig og kommunal linje", 0.0),
]
B1_2025_ONLY = ("b1_7", "Vi har faste samarbeidsmøter med kommunen", 0.3)
B1_4_2025 = "Kommunen prioriterer Nav-kontoret i budsjettet"
GRID_2 = "Hvor enig eller uenig er du i følgende påstander om kompetanse og veiledning?"
B2 = [
    ("b2_1", "Veilederne har den kompetansen de trenger i arbeidsrettet oppfølging", 0.5),
    ("b2_2", "Nyansatte får god nok opplæring", -0.1),
    ("b2_3", "Kontoret har tid til faglig veiledning i hverdagen", -0.7),
    ("b2_4", "Digitale verktøy gjør veiledningen bedre", 0.2),
    ("b2_5", "Vi deler erfaringer systematisk på tvers av team", -0.3),
]
CHANGE_Q = "Har endringene ført til at veilederne bruker mer eller mindre tid på følgende oppgaver?"
T1 = [
    ("t1_1", "Oppfølging av brukere", 0.6),
    ("t1_2", "Dokumentasjon", 0.9),
    ("t1_3", "Samarbeid med arbeidsgivere", 0.2),
]
T1_2026_ONLY = ("t1_4", "Interne møter", -0.4)
ROUTINE = "Har kontoret egne rutiner for oppfølging av unge brukere?"
FOLLOW_UP = "I hvilken grad fungerer rutinene etter hensikten?"
MEASURES_Q = "Hvilke tiltak har kontoret brukt for å styrke veiledningen? (flere svar mulig)"
MEASURES = [
    ("Kurs og opplæring", 0.55),
    ("Kollegaveiledning", 0.62),
    ("Faglige nettverk med andre kontorer", 0.35),
    ("Hospitering", 0.12),
    ("Digitale læringsressurser", 0.48),
    ("Annet, spesifiser:", 0.1),
]
OTHER_MEASURES = [
    "Veiledningsgrupper med fylket",
    "Studietur",
    "Intern fagdag",
    "Mentorordning",
    "E-læring fra direktoratet",
    "Fagnettverk i regionen",
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
#: round → (complete, partial keeping the key items, partial stopping early, declined)
OUTCOMES = {"2025": (170, 9, 4, 10), "2026": (177, 10, 3, 8)}


def offices(rng: np.random.Generator) -> pd.DataFrame:
    """The population: every office with its region, size band and trial status."""
    size = rng.choice([1, 2, 3], size=N_OFFICES, p=[0.40, 0.38, 0.22])
    region = rng.choice([1, 2, 3, 4, 5], size=N_OFFICES, p=[0.30, 0.22, 0.13, 0.17, 0.18])
    trial = np.where(rng.random(N_OFFICES) < 0.2, 1, 2)
    return pd.DataFrame(
        {
            "kontornr": np.arange(1001, 1001 + N_OFFICES),
            "region": region,
            "kontorstr": size,
            "forsok": trial,
            "latent": rng.normal(0, 1, N_OFFICES) + 0.25 * (size - 2),
        }
    )


def _likert(rng, latent, shift, k):
    """Ordinal answers 1..k from a latent attitude plus an item shift."""
    score = latent + shift + rng.normal(0, 0.9, size=latent.shape)
    return np.searchsorted(np.linspace(-1.5, 1.5, k - 1), score) + 1


def _statuses(rng, frame: pd.DataFrame, year: str) -> np.ndarray:
    """Response status per office: larger offices and the east answer more often."""
    complete, keep, early, declined = OUTCOMES[year]
    propensity = (
        0.4 * (frame["kontorstr"] - 2) + 0.3 * (frame["region"] == 1) + rng.normal(0, 1, len(frame))
    )
    order = np.argsort(-propensity.to_numpy())
    status = np.full(len(frame), "Distribuert", dtype=object)
    cuts = np.cumsum([complete, keep + early, declined])
    status[order[: cuts[0]]] = "Gjennomført"
    status[order[cuts[0] : cuts[1]]] = "Noen svar"
    status[order[cuts[1] : cuts[2]]] = "Frafalt"
    return status


class RoundBuilder(ExportBuilder):
    """One round's export, with its offices and random numbers."""

    def __init__(self, year: str, frame: pd.DataFrame, rng: np.random.Generator) -> None:
        super().__init__()
        self.year, self.frame, self.rng = year, frame, rng
        self.n = len(frame)

    def grid(self, stem, items, options, latent, *, missing_code=None) -> None:
        for name, text, shift in items:
            answers = _likert(self.rng, latent, shift, len(options)).astype(float)
            extra = {}
            if missing_code:
                answers[self.rng.random(self.n) < 0.05] = missing_code
                extra = {missing_code: DONT_KNOW}
            self.single(name, f"{stem} - {text}", options, answers, extra=extra)


def _questions(b: RoundBuilder, latent: np.ndarray) -> None:
    rng, year, n = b.rng, b.year, b.n
    items = [(nm, B1_4_2025 if nm == "b1_4" and year == "2025" else t, s) for nm, t, s in B1]
    if year == "2025":
        items.append(B1_2025_ONLY)
    trial = (b.frame["forsok"] == 1).to_numpy()
    lifted = latent + np.where(trial & (year == "2026"), 0.9, 0.0)  # the trial's effect
    for name, text, shift in items:
        base = lifted if name == "b1_3" else latent
        b.grid(GRID_1, [(name, text, shift)], AGREEMENT, base, missing_code=6)
    if year == "2025":  # no neutral middle yet: codes 1, 2, 3, 4 + 6 "Vet ikke"
        b.grid(GRID_2, B2, AGREEMENT_4, latent, missing_code=6)
    else:
        b.grid(GRID_2, B2, AGREEMENT, latent, missing_code=6)
    t1 = T1 + ([T1_2026_ONLY] if year == "2026" else [])
    for name, text, shift in t1:
        answers = _likert(rng, rng.normal(0, 0.8, size=n), shift, 5).astype(float)
        answers[rng.random(n) < 0.04] = 9
        b.single(name, f"{CHANGE_Q} - {text}", CHANGE, answers, extra={9: DONT_KNOW})
    routine = rng.choice([1.0, 2.0, 3.0], size=n, p=[0.62, 0.3, 0.08])
    b.single("s_9" if year == "2025" else "s_10", ROUTINE, ["Ja", "Nei", "Vet ikke"], routine)
    follow = np.where(routine == 1, _likert(rng, latent, 0.3, 4).astype(float), np.nan)
    b.single("s_11", FOLLOW_UP, DEGREE, follow, extra={5: DONT_KNOW})
    chosen = rng.random((n, len(MEASURES))) < np.array([p for _, p in MEASURES])
    b.multiple("s_12", MEASURES_Q, [option for option, _ in MEASURES], chosen)
    other = np.array([OTHER_MEASURES[i % len(OTHER_MEASURES)] for i in range(n)], dtype=object)
    b.open("s_13", f"{MEASURES_Q} - Annet, spesifiser:", np.where(chosen[:, -1], other, None))
    picks = rng.integers(0, len(COMMENTS), size=(n, 2))
    comments = [
        f"{COMMENTS[a]} {COMMENTS[c]}" if a != c and r < 0.3 else COMMENTS[a]
        for (a, c), r in zip(picks, rng.random(n), strict=True)
    ]
    answers = np.where(rng.random(n) < 0.42, np.array(comments, dtype=object), None)
    b.open("s_14", "Har du andre kommentarer til evalueringen?", answers)


def _blank_by_status(data: pd.DataFrame, status: np.ndarray, rng, year: str) -> None:
    """Non-respondents answered nothing; partial respondents stopped on the way."""
    questions = [c for c in data.columns if c.startswith(("b1_", "b2_", "t1_", "s_"))]
    data.loc[np.isin(status, ["Distribuert", "Frafalt"]), questions] = np.nan
    partial = np.flatnonzero(status == "Noen svar")
    keep = OUTCOMES[year][1]
    later = [c for c in questions if not c.startswith(("b1_", "b2_"))]
    data.loc[data.index[partial[:keep]], later] = np.nan  # answered b1 and b2, then stopped
    early = [c for c in questions if c not in ("b1_1", "b1_2")]
    data.loc[data.index[partial[keep:]], early] = np.nan  # answered two items only
    multi = [c for c in questions if c.startswith("s_12_")]
    data[multi] = data[multi].fillna(0.0)  # SurveyXact writes 0 for options never seen


def build(year: str, frame: pd.DataFrame, seed: int = SEED) -> ExportTables:
    """One round's export tables for the offices in ``frame``."""
    rng = np.random.default_rng(seed + int(year))
    b = RoundBuilder(year, frame, rng)
    for name, text, options in (
        ("kontorstr", "Kontorstørrelse (fra utsendelseslisten)", SIZES),
        ("region", "Region (fra utsendelseslisten)", REGIONS),
        ("forsok", "Forsøks- eller sammenligningskontor", TRIAL),
    ):
        b.single(name, text, options, frame[name].to_numpy(float), kind="Background")
    latent = frame["latent"].to_numpy() + (0.15 if year == "2026" else 0.0)
    _questions(b, latent)
    data = pd.DataFrame(b.columns)
    status = _statuses(rng, frame, year)
    _blank_by_status(data, status, rng, year)
    data = data.assign(**b.status(status))
    start = pd.Timestamp(f"{year}-03-02 08:00:00")
    created = start + pd.to_timedelta(rng.integers(0, 14 * 24 * 60, size=b.n), unit="min")
    answered = ~np.isin(status, ["Distribuert", "Frafalt"])
    numbers = frame["kontornr"].to_numpy()
    background = pd.DataFrame(
        {
            "respondentid": int(year) * 100_000 + rng.choice(90_000, size=b.n, replace=False),
            "kontornr": numbers,
            "name": [f"Leder ved kontor {k} (fiktiv)" for k in numbers],
            "email": [f"leder{k}@eksempel.invalid" for k in numbers],
            "created": created.floor("s"),
            "closetime": pd.Series(
                (created + pd.to_timedelta(rng.integers(5, 40, size=b.n), unit="min")).floor("s")
            ).where(answered),
        }
    )
    return b.tables(pd.concat([background, data], axis=1))


def population(frame: pd.DataFrame) -> pd.DataFrame:
    table = frame.groupby(["region", "kontorstr"]).size().rename("kontorer").reset_index()
    table["region"] = [REGIONS[c - 1] for c in table["region"]]
    table["kontorstr"] = [SIZES[c - 1] for c in table["kontorstr"]]
    return table


def main(folder: str = "surveys") -> None:
    out = Path(folder)
    frame = offices(np.random.default_rng(SEED))
    first, second = build("2025", frame), build("2026", frame)
    write_csv_export(first, out / "2025" / "ledere_2025_csv", sep=";", encoding="cp1252")
    (out / "2026").mkdir(parents=True, exist_ok=True)
    write_xlsx_export(second, out / "2026" / "ledere_2026.xlsx")
    population(frame).to_csv(out / "populasjon.csv", sep=";", index=False, encoding="utf-8")
    print(f"wrote {out}/2025, {out}/2026 and populasjon.csv ({N_OFFICES} offices)")


if __name__ == "__main__":
    main(*sys.argv[1:])
