"""Background, system and contact columns that SurveyXact exports carry.

Besides the questionnaire, an export holds respondent ids, organisation, contact details
(name, e-mail, phone), timestamps and SurveyXact's status sets (``statoverall_1..5`` =
Ny / Distribuert / Noen svar / Gjennomført / Frafalt, often shortened to ``stato_1..5``).
Some appear in the structure file, some only in the dataset. This module recognises them
by name so the codebook can mark them ``role="background"`` (or ``"status"``) and flag
contact details ``personal=True``.

Examples
--------
>>> classify_background("E-mail")
('text', True)
>>> classify_background("respondentid")
('id', False)
>>> classify_background("closetime")
('date', False)
>>> is_status_variable("stato_4", "statoverall")
True
"""

from __future__ import annotations

import re

#: SurveyXact's overall response status, in code order.
RESPONSE_STATUS = ("Ny", "Distribuert", "Noen svar", "Gjennomført", "Frafalt")

_ID = re.compile(r"^(respondent_?id|respondent|resp_?id|id|survey|generated_id|unique_id)$")
_PERSONAL = re.compile(
    r"^(e[-_]?mail|e[-_]?post|mail|email_?address|name|navn|full_?name|fornavn|etternavn|"
    r"first_?name|last_?name|surname|phone|telefon|tlf|mobil|mobile|mobilnummer|"
    r"address|adresse|postadresse|f(ø|o)dselsnummer|personnummer|ssn)$"
)
_DATE = re.compile(
    r"^(created|modified|closetime|starttime|changetime|endtime|answertime|"
    r"distributiontime|lastreminder|date|dato|tidspunkt)$"
)
_NUMERIC = re.compile(
    r"^(difftime|responsecollectsessions|numberofreturnedmail|importgroup|organi[sz]ation|"
    r"organisasjon)$"
)
_SYSTEM_SET = re.compile(
    r"^(stat(internal|completion|creation|distribution|source|collect|overall)|"
    r"stat[icdsrlo])_\d+$"
)
_STATUS = re.compile(r"^(statoverall|stato)_\d+$")


def _key(name: str) -> str:
    return str(name).strip().lower()


def classify_background(name: str) -> tuple[str, bool] | None:
    """``(value_type, personal)`` for a known background column name, else ``None``.

    ``value_type`` is one of ``"id"``, ``"text"``, ``"date"``, ``"numeric"``,
    ``"multiple"`` (SurveyXact's 0/1 system sets).
    """
    key = _key(name)
    if _PERSONAL.match(key):
        return ("text", True)
    if _ID.match(key):
        return ("id", False)
    if _DATE.match(key):
        return ("date", False)
    if _NUMERIC.match(key):
        return ("numeric", False)
    if _SYSTEM_SET.match(key):
        return ("multiple", False)
    return None


def is_personal(name: str) -> bool:
    """Whether a column name denotes contact details (name, e-mail, phone, ...)."""
    return bool(_PERSONAL.match(_key(name)))


def is_status_variable(name: str, question: str | None = None) -> bool:
    """Whether a variable belongs to SurveyXact's overall response-status set."""
    return bool(_STATUS.match(_key(name))) or _key(question or "") == "statoverall"


def is_respondent_id(name: str) -> bool:
    return _key(name) in {"respondentid", "respondent_id", "respid", "resp_id"}
