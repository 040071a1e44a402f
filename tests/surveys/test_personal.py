"""Personal columns found by name (four languages) and by content; none leaves unasked."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.conftest import small_tables
from toolkit import (
    comments_corpus,
    frequencies,
    likert_summary,
    multi_response,
    read_surveyxact,
)
from toolkit.errors import PrivacyError
from toolkit.surveys.export import STRUCTURE_COLUMNS
from toolkit.surveys.personal import personal_name
from toolkit.surveys.synthetic import write_csv_export


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Fornavn", "name"),
        ("forn", "name"),
        ("Etternavn", "name"),
        ("ettern", "name"),
        ("Efternavn", "name"),
        ("Förnamn", "name"),
        ("Last name", "name"),
        ("navn", "name"),
        ("E-post", "e-mail"),
        ("epost", "e-mail"),
        ("E-mail", "e-mail"),
        ("mail", "e-mail"),
        ("Respondent_email_adresse", "e-mail"),
        ("Mobil", "phone"),
        ("Tlf", "phone"),
        ("telefonnummer", "phone"),
        ("Adresse", "address"),
        ("Fødselsnummer", "national id"),
        ("personnummer", "national id"),
        ("CPR-nr", "national id"),
        ("SSN", "national id"),
        ("kontorstr", None),
        ("Navn på kommune", None),
        ("Mailing_ok", None),
    ],
)
def test_personal_by_name(name, kind):
    assert personal_name(name) == kind


def _with_background(tmp_path, **columns):
    tables = small_tables()
    data = tables.dataset.copy()
    for name, values in columns.items():
        data[name] = values
    write_csv_export(small_tables(dataset=data), tmp_path / "x")
    return read_surveyxact(tmp_path / "x")


def test_personal_by_content(tmp_path):
    survey = _with_background(
        tmp_path,
        kontakt=["kari@nav.no", "ola@nav.no", None, "per@nav.no", "liv@nav.no", "jo@nav.no"],
        nr=["912 34 567", "+47 41234567", None, "91234568", "45 67 89 01", "98765432"],
        id_a=[15076500565, 1019012345, None, 15076500565, 15076500565, 15076500565],
    )
    book = survey.codebook.set_index("variable")
    assert book.loc[["kontakt", "nr", "id_a", "email"], "personal"].all()
    assert not book.loc["respondentid", "personal"]  # eight digits in an id are not phones
    personal = survey.problems[survey.problems["kind"] == "personal-column"]
    reasons = personal.set_index("variable")["message"]
    assert "5 of 5 values are e-mail addresses" in reasons["kontakt"]
    assert "phone numbers" in reasons["nr"] and "national ID numbers" in reasons["id_a"]


def test_name_like_unique_text_and_unit_numbers(tmp_path):
    names = [
        f"{a} {b}"
        for a, b in zip(
            ["Kari", "Ola", "Per", "Liv", "Jo", "Ada", "Eva", "Tor", "Siv", "Åse", "Pål", "Mia"],
            [
                "Hansen",
                "Berg",
                "Dahl",
                "Lie",
                "Moe",
                "Bakke",
                "Lund",
                "Vik",
                "Holm",
                "Strand",
                "Nilsen",
                "Aas",
            ],
            strict=True,
        )
    ]
    tables = small_tables()
    data = pd.concat([tables.dataset] * 2, ignore_index=True)
    data["respondentid"] = range(201, 213)
    data["hvem"] = names
    data["orgnr"] = [str(974760673 + i) for i in range(12)]
    data["enhet"] = ["Nav Øst"] * 12  # shared by everyone: not identifying
    write_csv_export(small_tables(dataset=data), tmp_path / "x")
    survey = read_surveyxact(tmp_path / "x")
    book = survey.codebook.set_index("variable")
    assert book.loc[["hvem", "orgnr"], "personal"].all() and not book.loc["enhet", "personal"]


def test_personal_columns_never_leave_unasked(tmp_path):
    survey = _with_background(tmp_path)
    assert "email" not in survey.to_frame().columns
    assert "email" not in survey.questions().index
    with pytest.raises(PrivacyError) as info:
        frequencies(survey, "q_1", by="email")
    assert "email is a personal column" in info.value.what
    assert "include_personal=True" in info.value.hint
    with pytest.raises(PrivacyError):
        comments_corpus(survey, "email")
    with pytest.raises(PrivacyError):
        comments_corpus(survey, "komm", attributes=["email"])
    with pytest.raises(PrivacyError):
        multi_response(survey, "m", by="email")
    asked = likert_summary(survey, "q_1", by="email", include_personal=True, min_base=0)
    assert "email" in asked.columns


def test_an_open_question_of_e_mails_is_personal(tmp_path):
    tables = small_tables()
    structure = pd.concat(
        [
            tables.structure,
            pd.DataFrame(
                [
                    [
                        "kontakt",
                        "kontakt",
                        "Open",
                        "String",
                        "Vil du delta i intervju? Skriv e-posten din",
                        None,
                        None,
                    ]
                ],
                columns=STRUCTURE_COLUMNS,
            ),
        ],
        ignore_index=True,
    )
    data = tables.dataset.copy()
    data["kontakt"] = ["a@b.no", None, None, "c@d.no", "e@f.no", None]
    write_csv_export(small_tables(dataset=data, structure=structure), tmp_path / "x")
    survey = read_surveyxact(tmp_path / "x")
    entry = survey.entry("kontakt")
    assert entry["personal"] and entry["role"] == "background"
