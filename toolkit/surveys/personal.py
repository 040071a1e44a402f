"""Which columns identify a person: by name (in four languages) and by content.

A column is marked ``personal=True`` when

* its name says so, in Norwegian, Danish, Swedish or English, written out or abbreviated,
  with any separators or prefixes: fornavn/forn, etternavn/ettern, navn, e-post/epost,
  e-mail/mail, mobil/telefon/tlf, adresse, fødselsnummer/personnummer/CPR/SSN, … ; or
* most of its values are e-mail addresses, phone numbers or national ID numbers with valid
  check digits (fødselsnummer/D-nummer), whatever it is called; or
* it is a background text column whose values are nearly unique per respondent and look
  like people's names; or
* it is an organisation number (orgnr, CVR) that is nearly unique per respondent, so it
  identifies the respondent's own unit.

Every decision is reported in ``survey.problems`` (kind ``personal-column``) with its
reason, so a researcher can see why a column is left out of outputs.

Examples
--------
>>> personal_name("Respondent_E-post"), personal_name("ettern"), personal_name("kontorstr")
('e-mail', 'name', None)
>>> import pandas as pd
>>> personal_content(pd.Series(["kari@nav.no", "ola@nav.no", None, "per@x.no"]))
'3 of 3 values are e-mail addresses'
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from toolkit.identifiers import valid_national_id

_EXACT = {
    "name": {
        "navn",
        "name",
        "namn",
        "fornavn",
        "forn",
        "fnavn",
        "etternavn",
        "ettern",
        "enavn",
        "efternavn",
        "fornamn",
        "förnamn",
        "efternamn",
        "firstname",
        "lastname",
        "surname",
        "givenname",
        "familyname",
        "fullname",
        "fulltnavn",
        "fuldenavn",
        "fullständigtnamn",
        "respondentnavn",
        "respondentname",
        "kontaktperson",
        "contactperson",
        "contactname",
        "mellomnavn",
        "middlename",
    },
    "e-mail": {
        "email",
        "epost",
        "mail",
        "emailadresse",
        "epostadresse",
        "mailadresse",
        "emailaddress",
        "epostadr",
        "mailadr",
    },
    "phone": {
        "tlf",
        "tlfnr",
        "telefon",
        "telefonnr",
        "telefonnummer",
        "mobil",
        "mobilnr",
        "mobilnummer",
        "mobile",
        "mobilephone",
        "phone",
        "phonenumber",
        "cell",
        "cellphone",
        "mobiltelefon",
        "tel",
        "telnr",
        "telephone",
    },
    "address": {
        "adresse",
        "adress",
        "address",
        "postadresse",
        "gateadresse",
        "bostedsadresse",
        "hjemmeadresse",
        "streetaddress",
        "street",
        "gatuadress",
    },
    "national id": {
        "fodselsnummer",
        "fødselsnummer",
        "fnr",
        "fødselsnr",
        "personnummer",
        "personnr",
        "pnr",
        "cpr",
        "cprnr",
        "cprnummer",
        "ssn",
        "dnummer",
        "socialsecuritynumber",
        "nationalid",
        "personalnumber",
    },
}
_CONTAINS = {
    "e-mail": ("email", "epost", "mailadr"),
    "phone": ("telefon", "mobilnr", "mobilnum", "phone"),
    "name": (
        "fornavn",
        "etternavn",
        "efternavn",
        "förnamn",
        "efternamn",
        "firstname",
        "lastname",
        "fulltnavn",
        "fullname",
    ),
    "national id": ("fodselsnummer", "fødselsnummer", "personnummer", "cprnummer"),
    "address": ("adresse", "address"),
}
_ORGNR = {
    "orgnr",
    "organisasjonsnummer",
    "orgnummer",
    "organisationsnummer",
    "cvr",
    "cvrnr",
    "cvrnummer",
    "orgno",
    "organisationnumber",
}
_EMAIL = re.compile(r"^[\w.+'-]+@[\w-]+(?:\.[\w-]+)+$")
_PHONE = re.compile(r"^(?:(?:\+|00)\d{1,3}[\s-]?)?(?:\d[\s-]?){7,11}\d$")
_NAME = re.compile(r"^[A-ZÆØÅÄÖÜÉ][a-zæøåäöüéèó'’-]+(?:[\s-]+[A-ZÆØÅÄÖÜÉ][a-zæøåäöüéèó'’-]+){1,3}$")


def _key(name: str) -> str:
    return re.sub(r"[^a-zæøåäöü0-9]", "", str(name).lower())


def personal_name(name: str) -> str | None:
    """What a column's name says it holds ("e-mail", "name", …), or None."""
    key = _key(name)
    for kind, names in _EXACT.items():
        if key in names:
            return kind
    for kind, parts in _CONTAINS.items():
        if any(part in key for part in parts):
            return kind
    return None


def is_orgnr(name: str) -> bool:
    return _key(name) in _ORGNR


def _texts(values: pd.Series) -> pd.Series:
    values = values.dropna()
    return values.astype(str).str.strip().loc[lambda s: s != ""]


def _first_texts(values: pd.Series, n: int) -> pd.Series:
    """The first ``n`` non-blank values as stripped text (only as many converted as that
    takes: a column of 100 000 answers is not turned into strings to look at 2 000)."""
    values = values.dropna()
    size = n
    while True:
        head = _texts(values.iloc[:size])
        if len(head) >= n or size >= len(values):
            return head.iloc[:n]
        size *= 4


def personal_content(values: pd.Series, *, share: float = 0.5, text: bool = True) -> str | None:
    """Why a column's values identify people (e-mail, phone, ID numbers), or None.
    Numbers (``text=False``) are checked for national ID numbers only: ids and counts of
    eight digits are not phone numbers. The first 2 000 answers are looked at."""
    sample = _first_texts(values, 2000)
    if len(sample) < 3:
        return None
    ids = sample.map(lambda v: bool(re.fullmatch(r"\d{6}\s?\d{5}", v)) and valid_national_id(v))
    checks = [("national ID numbers", ids)]
    if text:
        checks += [
            ("e-mail addresses", sample.str.fullmatch(_EMAIL)),
            ("phone numbers", sample.str.fullmatch(_PHONE) & ~sample.str.fullmatch(r"\d{11}")),
        ]
    for what, hits in checks:
        if hits.mean() >= share:
            return f"{int(hits.sum())} of {len(sample)} values are {what}"
    return None


def looks_like_names(values: pd.Series, *, unique: float = 0.9, share: float = 0.8) -> str | None:
    """Why a text column looks like people's names (nearly unique, "Kari Nordmann")."""
    texts = _texts(values)
    if len(texts) < 10 or texts.nunique() < unique * len(texts):
        return None
    names = texts.str.fullmatch(_NAME)
    if names.mean() >= share:
        return (
            f"{texts.nunique()} distinct values for {len(texts)} respondents, "
            f"{names.mean():.0%} written like names"
        )
    return None


def nearly_unique(values: pd.Series, *, share: float = 0.9) -> bool:
    texts = _texts(values)
    return len(texts) >= 10 and texts.nunique() >= share * len(texts)


def decide(name: str, values: pd.Series, *, value_type: str, role: str) -> str | None:
    """The reason a column is personal, or None (see module docstring)."""
    kind = personal_name(name)
    if kind:
        return f"its name {name!r} denotes {kind}"
    if is_orgnr(name) and nearly_unique(values):
        return "an organisation number unique to nearly every respondent (identifies the unit)"
    if value_type in {"text", "numeric", "id", "auto"} and values.dtype != bool:
        if value_type == "numeric" and not np.issubdtype(
            np.asarray(values.dropna()).dtype, np.integer
        ):
            return None
        reason = personal_content(values, text=value_type in {"text", "auto"})
        if reason:
            return f"by content: {reason}"
        if role == "background" and value_type == "text":
            reason = looks_like_names(values)
            if reason:
                return f"by content: {reason}"
    return None


def mark_personal(codebook: pd.DataFrame, data: pd.DataFrame, problems, *, file: str) -> None:
    """Set ``personal`` (and role ``background``) in ``codebook`` for every column that
    identifies a person, and report each decision with its reason."""
    for index, row in codebook.iterrows():
        if row["role"] == "status":
            continue
        reason = decide(
            row["variable"], data[row["variable"]], value_type=row["value_type"], role=row["role"]
        )
        if reason is None and row["personal"]:
            reason = "listed with personal= or recognised as contact details"
        if reason is None:
            continue
        codebook.at[index, "personal"] = True
        if row["role"] == "question":
            codebook.at[index, "role"] = "background"
            codebook.at[index, "type"] = "background"
        problems.add(
            "personal-column",
            f"{row['variable']} is personal ({reason}); left out of tables, reports and "
            "exports unless a call says include_personal=True",
            file=file,
            variable=row["variable"],
        )
