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
        "Per Hansen og Sølvi Fjellheim.\n",
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
    assert "intervju.txt: 4 to redact, 1 to look at" in out
    assert "'912 34 567' → (telefonnummer)" in out and "'Per Hansen' → (navn)" in out
    assert "look at 'Sølvi Fjellheim'" in out  # in no list: for a person to look at
    assert main(["redact", str(text), "--config", str(config)]) == 0
    assert capsys.readouterr().out.startswith("Vi snakket med (navn) i (sted).")
    assert text.read_bytes() == before and sorted(p.name for p in tmp_path.iterdir()) == [
        "intervju.txt",
        "report.toml",
    ]
    assert main(["redact", str(config)]) == 2
    assert "neither a text file nor interview material" in capsys.readouterr().err


#: names nobody listed, found by the gazetteer of common names (Statistics Norway)
UNLISTED = {
    "Vi ringte til Ola Hansen i går.": "Ola Hansen",
    "Jeg tok det opp med Johansen på møtet.": "Johansen",
    "Det var Kristins forslag.": "Kristins",
    "Saken gikk til Per Ola Nordmann etterpå.": "Per Ola Nordmann",
    "Ingrid Bø sa at det gikk fint.": "Ingrid Bø",  # a sentence's first word, with a surname
}
#: capitalised words that are names in the list but not names here
NOT_NAMES = {
    "Per uke bruker vi mye tid på det.": "Per",  # a sentence's first word alone
    "Hagen var full av folk.": "Hagen",
    "Vi møtes per telefon.": "per",  # lower case
}


@pytest.mark.parametrize(("sentence", "name"), list(UNLISTED.items()))
def test_a_common_name_nobody_listed_is_redacted(sentence, name):
    redacted = Redactor().redact(sentence)
    assert name not in redacted and "(navn)" in redacted, redacted


@pytest.mark.parametrize(("sentence", "word"), list(NOT_NAMES.items()))
def test_a_common_word_that_is_also_a_name_stays(sentence, word):
    assert word in Redactor().redact(sentence)


def test_review_leaves_them_and_lists_them():
    from toolkit.interviews.privacy import remaining

    review = Redactor(unlisted="review")
    sentence = "Vi ringte til Ola Hansen i går."
    assert review.redact(sentence) == sentence
    assert remaining(sentence, review) == ["Ola Hansen"]


def test_the_gazetteer_ships_with_its_source():
    import tomllib
    from importlib import resources

    from toolkit.interviews.privacy import gazetteer

    data = tomllib.loads(
        resources.files("toolkit.interviews").joinpath("names.toml").read_text("utf-8")
    )
    assert "SSB" in data["source"] and "NLOD" in data["source"]
    assert {"kari", "hansen", "ola"} <= gazetteer() and len(gazetteer()) > 300
