"""Redaction that holds (issue 20): each real-looking sentence hides one form of a name,
place, phone number or national ID number, written as people write them; each counter-
example holds a number or word that must stay."""

from __future__ import annotations

import pytest

from toolkit.interviews.privacy import Redactor

REDACTOR = Redactor(
    {"Kari Nordmann": "(navn)", "Kari": "(navn)", "Lillehammer": "(sted)", "Nav Gjøvik": "(kontor)"}
)
HIDDEN = {
    "Du når meg på 9123 4567 etter lunsj.": "9123 4567",
    "Mobilen er 912.34.567, ring gjerne.": "912.34.567",
    "Ring 91 23 45 67 eller +47 912 34 567.": "91 23 45 67",
    "Nummeret mitt er 22-33-44-55.": "22-33-44-55",
    "Fødselsnummeret 150765-00565 sto i saken.": "150765-00565",
    "Hun oppga 150765 00565 i skjemaet.": "150765 00565",
    "Det var Karis forslag som ble valgt.": "Karis",
    "I Lillehammers sentrum er det trangt.": "Lillehammers",
    "Kari  Nordmann (to mellomrom) sa det.": "Kari  Nordmann",
    "Hun het Kari\nNordmann, og hun sa det.": "Kari\nNordmann",
    "Vi samarbeider godt med NAV GJØVIK nå.": "NAV GJØVIK",
    "Skriv til kari.nordmann@eksempel.no for mer.": "kari.nordmann@eksempel.no",
}
KEPT = {
    "Vi sammenlignet 2025 2026 og fant lite.": "2025 2026",
    "Saken har nummer 01019012345 i arkivet.": "01019012345",
    "Kontoret hadde 12 345 brukere i fjor.": "12 345",
    "Budsjettet var 2 500 000 kroner.": "2 500 000",
    "Møtet var 15.07.2025 klokka 12.30.": "15.07.2025",
    "Karianne er en annen person.": "Karianne",
}


@pytest.mark.parametrize("sentence", list(HIDDEN))
def test_the_form_is_hidden(sentence):
    redacted = REDACTOR.redact(sentence)
    assert HIDDEN[sentence] not in redacted
    assert "(" in redacted


@pytest.mark.parametrize("sentence", list(KEPT))
def test_a_number_or_word_that_identifies_no_one_stays(sentence):
    assert KEPT[sentence] in REDACTOR.redact(sentence)


def test_toolkit_redact_check_lists_what_goes_and_what_remains(tmp_path, capsys):
    """`toolkit redact --check` names what would be replaced and what a person should
    still look at (a name nobody listed); without --check it prints the redacted text;
    nothing is written and the input is unchanged."""
    from toolkit.cli import main

    text = tmp_path / "intervju.txt"
    text.write_text(
        "Vi snakket med Kari  Nordmann i Lillehammer.\nHun ringte fra 912 34 567 og nevnte "
        "Per Hansen.\n",
        encoding="utf-8",
    )
    before = text.read_bytes()
    config = tmp_path / "report.toml"
    config.write_text(
        '[corpus]\npath = "p.qdpx"\nredact = { "Kari Nordmann" = "(navn)", '
        '"Lillehammer" = "(sted)" }\n',
        encoding="utf-8",
    )
    assert main(["redact", str(text), "--config", str(config), "--check"]) == 0
    out = capsys.readouterr().out
    assert "intervju.txt: 3 to redact, 1 to look at" in out
    assert "'912 34 567' → (telefonnummer)" in out and "look at 'Per Hansen'" in out
    assert main(["redact", str(text), "--config", str(config)]) == 0
    assert capsys.readouterr().out.startswith("Vi snakket med (navn) i (sted).")
    assert text.read_bytes() == before and sorted(p.name for p in tmp_path.iterdir()) == [
        "intervju.txt",
        "report.toml",
    ]
    assert main(["redact", str(config)]) == 2
    assert "neither a text file nor interview material" in capsys.readouterr().err
