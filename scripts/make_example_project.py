"""Generate the synthetic example interview project in transcripts/<project>/ (seeded).

SYNTHETIC DATA. Modelled on an evaluation of Nav offices (see ../shared/DOMAIN.md): at four
offices an individual interview with the manager and a group interview with advisers, two
user interviews, and ten case-file reviews; coded with a two-level theme tree. The same
coding is written three ways so the loaders can be checked against each other:

- ``prosjekt.qdpx``  REFI-QDA project (texts under sources/)
- ``docx/``          coded Word transcripts (comments = codes) + informants.csv
- ``tekst/``         inline-coded text (see toolkit.interviews.inline) + informants.csv

Usage: python scripts/make_example_project.py transcripts/nav2026
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

from toolkit.interviews.synthetic import CodedDocument, write_docx, write_inline, write_qdpx

SEED = 2026
SAYINGS = {
    "Samarbeid/Med kommunen": [
        "Samarbeidet med kommunen har blitt tettere etter at vi fikk felles ledermøter.",
        "Det er fortsatt uklart hvem som har ansvaret når en bruker trenger både bolig og arbeid.",
        "Kommunen prioriterer ikke alltid kontoret når budsjettene skal legges.",
    ],
    "Samarbeid/Med arbeidsgivere": [
        "Vi har gode kontakter med noen få arbeidsgivere, men det er sårbart.",
        "Arbeidsgiverne vil ha raske svar, og det klarer vi ikke alltid å gi.",
    ],
    "Kompetanse/Opplæring": [
        "Nyansatte får for lite opplæring før de får egen portefølje.",
        "Kursene fra direktoratet er nyttige, men kommer ofte for sent.",
    ],
    "Kompetanse/Veiledning": [
        "Kollegaveiledning i teamet er det som hjelper mest i hverdagen.",
        "Vi skulle hatt mer tid til faglig veiledning av hverandre.",
    ],
    "Tid/Arbeidspress": [
        "Porteføljene er så store at vi bare rekker de mest akutte sakene.",
        "Det er mange som er slitne, og sykefraværet har økt.",
    ],
    "Tid/Dokumentasjon": [
        "Dokumentasjonen tar mer tid enn selve oppfølgingen av brukerne.",
        "Vi skriver mye som ingen leser etterpå.",
    ],
    "Brukermøtet/Tillit": [
        "Når veilederen kjenner meg, er det lettere å si hvordan det egentlig står til.",
        "Det tar tid å bygge tillit, særlig hos unge som har vært borte fra skolen.",
    ],
    "Brukermøtet/Digitale tjenester": [
        "Aktivitetsplanen på nett er grei, men jeg vil heller snakke med noen.",
        "Digitale møter sparer reisetid for brukere som bor langt unna.",
    ],
}
FILLER = [
    "Ja, det stemmer.",
    "Det er et godt spørsmål.",
    "Hm, la meg tenke.",
    "Kan du utdype det?",
    "Hvordan merker dere det i hverdagen?",
]
INTERVIEWS = [  # name, type, role, office, speakers
    ("Intervju 01 leder A", "individuelt", "leder", "Kontor A", ["Leder"]),
    ("Intervju 02 veiledere A", "gruppe", "veileder", "Kontor A", ["Veileder 1", "Veileder 2"]),
    ("Intervju 03 leder B", "individuelt", "leder", "Kontor B", ["Leder"]),
    (
        "Intervju 04 veiledere B",
        "gruppe",
        "veileder",
        "Kontor B",
        ["Veileder 1", "Veileder 2", "Veileder 3"],
    ),
    ("Intervju 05 leder C", "individuelt", "leder", "Kontor C", ["Leder"]),
    ("Intervju 06 bruker C", "individuelt", "bruker", "Kontor C", ["Bruker"]),
    ("Intervju 07 bruker D", "individuelt", "bruker", "Kontor D", ["Bruker"]),
    ("Intervju 08 leder D", "individuelt", "leder", "Kontor D", ["Leder"]),
]
STAFF_THEMES = [t for t in SAYINGS if not t.startswith("Brukermøtet")]
USER_THEMES = ["Brukermøtet/Tillit", "Brukermøtet/Digitale tjenester", "Tid/Arbeidspress"]


def interview(rng, name, kind, role, office, speakers) -> CodedDocument:
    text, segments = "", []
    themes = USER_THEMES if role == "bruker" else STAFF_THEMES
    for minute in range(int(rng.integers(7, 11))):
        text += f"I: [00:{minute * 3:02d}:10] {FILLER[int(rng.integers(0, len(FILLER)))]}\n"
        speaker = speakers[minute % len(speakers)]
        theme = themes[int(rng.integers(0, len(themes)))]
        saying = SAYINGS[theme][int(rng.integers(0, len(SAYINGS[theme])))]
        label = f"{speaker}: "
        start = len(text) + len(label)
        text += f"{label}{saying}"
        segments.append((theme, start, start + len(saying)))
        primary = len(segments) - 1
        if rng.random() < 0.35:  # a second, overlapping code on part of the answer
            other = themes[int(rng.integers(0, len(themes)))]
            if other != theme:
                segments.append((other, start, start + len(saying) // 2 + 3))
        if rng.random() < 0.5:
            extra = " Det gjelder nok flere kontorer enn vårt."
            text += extra
            if rng.random() < 0.5:  # the answer's code runs over both sentences
                segments[primary] = (theme, start, len(text))
        text += "\n"
    return CodedDocument(
        name,
        text.rstrip("\n"),
        {"rolle": role, "kontor": office, "type": kind, "gruppe": role},
        segments,
    )


def case_file(rng, number) -> CodedDocument:
    complexity = ["lav", "middels", "høy"][int(rng.integers(0, 3))]
    prognosis = ["klar", "uklar"][int(rng.integers(0, 2))]
    text = (
        f"Sak {number:02d}. Bruker {int(rng.integers(19, 30))} år. "
        f"Kompleksitet: {complexity}. Prognose: {prognosis}.\n"
    )
    segments = []
    for theme in rng.choice(list(SAYINGS), size=2, replace=False):
        note = {
            "Tid": "Lang ventetid før første samtale.",
            "Samarbeid": "Saken ble drøftet med kommunens helsetjeneste.",
            "Kompetanse": "Veilederen søkte råd hos en erfaren kollega.",
            "Brukermøtet": "Brukeren møtte til tre av fire avtaler.",
        }[theme.split("/")[0]]
        start = len(text)
        text += note + "\n"
        segments.append((str(theme), start, start + len(note)))
    return CodedDocument(
        f"Saksmappe {number:02d}",
        text.rstrip("\n"),
        {
            "rolle": "saksmappe",
            "kontor": f"Kontor {'ABCD'[number % 4]}",
            "type": "saksmappe",
            "gruppe": "saksmappe",
        },
        segments,
    )


def build(seed: int = SEED) -> list[CodedDocument]:
    rng = np.random.default_rng(seed)
    docs = [interview(rng, *spec) for spec in INTERVIEWS]
    return docs + [case_file(rng, n) for n in range(1, 11)]


def main(folder: str = "transcripts/nav2026") -> None:
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    documents = build()
    write_qdpx(documents, out / "prosjekt.qdpx")
    write_docx(documents, out / "docx")
    write_inline(documents, out / "tekst")
    n = sum(len(d.segments) for d in documents)
    print(f"wrote {out}: {len(documents)} documents, {n} coded segments, three renderings")


if __name__ == "__main__":
    main(*sys.argv[1:])
