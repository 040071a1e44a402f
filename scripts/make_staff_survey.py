"""Generate the synthetic staff survey for unit reports in surveys/ansatte/ (seeded).

SYNTHETIC DATA. Modelled on a survey of the advisers ("veiledere") at Nav offices (see
../shared/DOMAIN.md), the kind of survey every office then wants its own report of: 120
offices of very different size (from 3 to about 150 advisers), 4 995 advisers invited.
The distribution list carries each adviser's office number (``kontornr``) and county
(``fylke``); SurveyXact exports them for everyone invited, respondents or not. The office
names are in ``kontorer.csv`` (``kontornr;navn``), as an institute gets them from the
client. Offices differ in working environment and leadership (an office effect), so some
offices differ from the others beyond chance; response depends on the office.

Questions: two agreement grids (``a_1…6`` working environment, ``l_1…4`` leadership;
"Helt uenig … Helt enig" + "Vet ikke"), how long the adviser has worked at the office
(``ans``), the follow-up channels used most (``kan_1…5``, several answers), open comments
(``kom``), SurveyXact's response status, respondent id, name and e-mail (fictitious).

Usage: python scripts/make_staff_survey.py surveys/ansatte
Writes ansatte_2026.xlsx and kontorer.csv.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd

from toolkit.surveys.builder import AGREEMENT, DONT_KNOW, ExportBuilder
from toolkit.surveys.synthetic import ExportTables, write_xlsx_export

SEED = 2027
N_OFFICES = 120
COUNTIES = [
    "Oslo", "Akershus", "Østfold", "Buskerud", "Innlandet", "Vestfold", "Telemark", "Agder",
    "Rogaland", "Vestland", "Møre og Romsdal", "Trøndelag", "Nordland", "Troms", "Finnmark",
]  # fmt: skip
PLACES = [
    "Fjordvik", "Åsmark", "Bergly", "Dalen", "Elvestad", "Furuhaug", "Granli", "Holmsund",
    "Innvik", "Jordet", "Kleiva", "Lia", "Moheim", "Nesvik", "Odda sør", "Prestbakk",
    "Ringstad", "Sandnes øst", "Tangen", "Utsikt", "Vang", "Ystad", "Øvre Eik", "Ålstad",
]  # fmt: skip
QUARTERS = ["", " nord", " sør", " vest", " øst"]
GRID_A = "Hvor enig eller uenig er du i følgende påstander om arbeidsmiljøet på kontoret?"
A = [
    ("a_1", "Jeg trives på jobb", 0.8, "miljø"),
    ("a_2", "Arbeidsmengden min er håndterbar", -0.5, "miljø"),
    ("a_3", "Jeg får hjelp fra kolleger når jeg trenger det", 0.7, "miljø"),
    ("a_4", "Jeg har tid til å følge opp brukerne godt nok", -0.7, "miljø"),
    ("a_5", "Vi deler kunnskap på tvers av team", -0.1, "miljø"),
    ("a_6", "Jeg vil anbefale kontoret som arbeidsplass", 0.4, "miljø"),
]
GRID_L = "Hvor enig eller uenig er du i følgende påstander om ledelsen av kontoret?"
L = [
    ("l_1", "Jeg har tillit til min nærmeste leder", 0.6, "ledelse"),
    ("l_2", "Ledelsen gir tydelige prioriteringer", -0.2, "ledelse"),
    ("l_3", "Jeg får tilbakemelding på arbeidet mitt", -0.3, "ledelse"),
    ("l_4", "Ledelsen tar ansattes innspill på alvor", 0.0, "ledelse"),
]
TENURE_Q = "Hvor lenge har du arbeidet ved dette kontoret?"
TENURE = ["Under 1 år", "1–4 år", "5–9 år", "10 år eller mer"]
CHANNELS_Q = "Hvilke kanaler bruker du mest i oppfølgingen av brukere? (flere svar mulig)"
CHANNELS = [
    ("Fysiske møter på kontoret", 0.7),
    ("Telefon", 0.8),
    ("Video", 0.3),
    ("Skriftlig dialog i Modia", 0.65),
    ("Hjemmebesøk eller møter ute", 0.15),
]
COMMENTS = [
    "Vi er for få veiledere til antallet brukere.",
    "God stemning i teamet, men mye press.",
    "Ledelsen er tilgjengelig og lytter.",
    "Systemene er trege og tar tid fra brukerne.",
    "Jeg savner mer faglig veiledning.",
    "Samarbeidet med kommunen fungerer godt her.",
]


def offices(rng: np.random.Generator) -> pd.DataFrame:
    """The offices: number, name, county, advisers invited, and two office effects."""
    size = np.clip(np.round(np.exp(rng.normal(3.4, 0.85, N_OFFICES))), 3, 150).astype(int)
    size = np.round(size * 4995 / size.sum()).astype(int).clip(3)
    size[np.argmax(size)] += 4995 - size.sum()  # exactly 4 995 invited
    names = [f"Nav {PLACES[i % len(PLACES)]}{QUARTERS[i // len(PLACES)]}" for i in range(N_OFFICES)]
    return pd.DataFrame(
        {
            "kontornr": np.arange(3001, 3001 + N_OFFICES),
            "navn": names,
            "fylke": rng.integers(1, len(COUNTIES) + 1, N_OFFICES),
            "invitert": size,
            "miljø": rng.normal(0, 0.45, N_OFFICES),
            "ledelse": rng.normal(0, 0.55, N_OFFICES),
            "svarvilje": rng.normal(0.9, 0.7, N_OFFICES),
        }
    )


def _likert(rng, latent, shift, k):
    score = latent + shift + rng.normal(0, 0.9, size=latent.shape)
    return np.searchsorted(np.linspace(-1.5, 1.5, k - 1), score) + 1


def build(frame: pd.DataFrame, rng: np.random.Generator) -> ExportTables:
    """The export: one row per adviser invited."""
    office = np.repeat(np.arange(N_OFFICES), frame["invitert"].to_numpy())
    n = len(office)
    b = ExportBuilder()
    b.single("fylke", "Fylke (fra utsendelseslisten)", COUNTIES,
             frame["fylke"].to_numpy(float)[office], kind="Background")  # fmt: skip
    person = rng.normal(0, 0.8, n)
    for stem, items in ((GRID_A, A), (GRID_L, L)):
        for name, text, shift, effect in items:
            latent = person + frame[effect].to_numpy()[office]
            answers = _likert(rng, latent, shift, 5).astype(float)
            answers[rng.random(n) < 0.04] = 6
            b.single(name, f"{stem} - {text}", AGREEMENT, answers, extra={6: DONT_KNOW})
    tenure = rng.choice([1.0, 2.0, 3.0, 4.0], size=n, p=[0.15, 0.35, 0.25, 0.25])
    b.single("ans", TENURE_Q, TENURE, tenure)
    chosen = rng.random((n, len(CHANNELS))) < np.array([p for _, p in CHANNELS])
    b.multiple("kan", CHANNELS_Q, [c for c, _ in CHANNELS], chosen)
    comments = np.array([COMMENTS[i] for i in rng.integers(0, len(COMMENTS), n)], dtype=object)
    b.open("kom", "Andre kommentarer?", np.where(rng.random(n) < 0.25, comments, None))
    data = pd.DataFrame(b.columns)
    willing = frame["svarvilje"].to_numpy()[office] + rng.normal(0, 1, n)
    status = np.where(willing > 0, "Gjennomført", "Distribuert").astype(object)
    status[(willing > -0.15) & (willing <= 0)] = "Frafalt"
    questions = [c for c in data.columns if c != "fylke"]
    data.loc[status != "Gjennomført", questions] = np.nan
    data.loc[status != "Gjennomført", [c for c in questions if c.startswith("kan_")]] = 0.0
    data = data.assign(**b.status(status))
    created = pd.Timestamp("2026-10-05 08:00:00") + pd.to_timedelta(
        rng.integers(0, 14 * 24 * 60, size=n), unit="min"
    )
    ids = 700_000 + rng.choice(200_000, size=n, replace=False)
    background = pd.DataFrame(
        {
            "respondentid": ids,
            "kontornr": frame["kontornr"].to_numpy()[office],
            "name": [f"Veileder {i} (fiktiv)" for i in ids],
            "email": [f"veileder{i}@eksempel.invalid" for i in ids],
            "created": created.floor("s"),
            "closetime": pd.Series((created + pd.Timedelta(minutes=12)).floor("s")).where(
                status == "Gjennomført"
            ),
        }
    )
    return b.tables(pd.concat([background, data], axis=1))


def main(folder: str = "surveys/ansatte") -> None:
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(SEED)
    frame = offices(rng)
    tables = build(frame, rng)
    write_xlsx_export(tables, out / "ansatte_2026.xlsx")
    frame[["kontornr", "navn"]].to_csv(out / "kontorer.csv", sep=";", index=False)
    answered = int((tables.dataset["stato_4"] == 1).sum())
    print(f"wrote {out}: {len(tables.dataset)} invited, {answered} answered, {N_OFFICES} offices")


if __name__ == "__main__":
    main(*sys.argv[1:])
