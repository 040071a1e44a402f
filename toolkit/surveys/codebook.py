"""The codebook: one row per variable, everything needed to read the data without lookups.

Columns
-------
variable, position
    the dataset column and its place in export order
question
    what the variable belongs to: the multi-response set (SurveyXact's ``questionName``),
    the grid (battery) by shared name prefix (``p_01``, ``p_02`` → ``p``), or itself
question_text, item_text
    grid items are written "Stem - Item"; the stem goes to ``question_text`` and the item to
    ``item_text`` so a whole grid is summarised and plotted as one
choice_text, choice_value
    the option a multi-response variable stands for
type
    ``single``, ``multiple``, ``open``, ``numeric``, ``date``, or ``background``
value_type
    how the values are stored: ``single``, ``multiple``, ``text``, ``numeric``, ``date``,
    ``id``
role
    ``question`` (in the questionnaire), ``background`` (ids, contact, timestamps, system
    sets, variables of the distribution list: questionType "Background") or ``status``
    (SurveyXact's overall response status); ``weight`` for weights added with
    :meth:`Survey.with_weights`
personal
    contact details that later outputs leave out unless asked
labels, missing_codes
    code → label in code order; the codes that are non-substantive ("Vet ikke", ...)
unknown_codes
    codes found in the data without a label (filled in when the data are typed)
other_of
    for an "Annet, spesifiser" free-text variable: the question whose option it specifies
sx_question_type, sx_subtype
    SurveyXact's own ``questionType`` / ``subType``, kept for reference
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import pandas as pd

from toolkit.problems import Problems
from toolkit.surveys.background import classify_background, is_personal, is_status_variable
from toolkit.surveys.export import RawExport
from toolkit.surveys.missing import is_missing_label, looks_missing, outside_scale_codes

CODEBOOK_COLUMNS = [
    "variable",
    "position",
    "question",
    "question_text",
    "item_text",
    "choice_text",
    "choice_value",
    "type",
    "value_type",
    "role",
    "personal",
    "labels",
    "missing_codes",
    "unknown_codes",
    "other_of",
    "sx_question_type",
    "sx_subtype",
]

_SUBTYPES = {
    "single": "single",
    "multiple": "multiple",
    "string": "open",
    "text": "open",
    "double": "numeric",
    "integer": "numeric",
    "numeric": "numeric",
    "number": "numeric",
    "date": "date",
    "datetime": "date",
}
_PREFIX = re.compile(r"^(?P<prefix>.+?)_?(?P<number>\d+)$")
_STEM_SEP = re.compile(r"\s+-\s+|^-\s+")


def text_of(entry) -> str:
    """What a variable asks, for headings: its item text, else its question text, else its
    name (blank and NaN texts skipped)."""
    for key in ("item_text", "question_text", "choice_text", "variable"):
        value = entry.get(key) if hasattr(entry, "get") else None
        if isinstance(value, str) and value.strip():
            return value
    return str(entry.get("variable")) if hasattr(entry, "get") else str(entry)


def label_of(entry) -> str:
    """A variable as a short label for a breakdown ("Kontorstørrelse (fra
    utsendelseslisten)" → "Kontorstørrelse"): its question text without parentheses or a
    trailing question mark or colon."""
    raw = next(
        (
            v
            for v in (entry.get("question_text"), entry.get("item_text"))
            if isinstance(v, str) and v.strip()
        ),
        str(entry.get("variable")),
    )
    cleaned = re.sub(r"\s*\([^)]*\)\s*", " ", raw).strip().rstrip("?:").strip()
    return cleaned or raw


def lower_first(label: str) -> str:
    """ "Kontorstørrelse" → "kontorstørrelse" for use inside a sentence (acronyms such as
    "NAV-kontor" are kept)."""
    return label[:1].lower() + label[1:] if label[1:2].islower() else label


def as_code(value: float) -> int | float:
    """Codes are whole numbers in practice; keep them as int where they are."""
    return int(value) if float(value).is_integer() else float(value)


def _stems(text: str | None) -> dict[str, str]:
    """Every way to read ``text`` as "Stem - Item": stem → item."""
    if not text:
        return {}
    return {text[: m.start()].strip(): text[m.end() :].strip() for m in _STEM_SEP.finditer(text)}


def _grid_runs(rows: list[dict[str, Any]]) -> list[tuple[list[int], str]]:
    """Runs of consecutive single items with a shared name prefix and a shared stem."""
    runs: list[tuple[list[int], str]] = []
    members: list[int] = []
    common: set[str] = set()
    prefix = None

    def close() -> None:
        if len(members) >= 2 and common:
            runs.append((list(members), max(common, key=len)))

    for index, row in enumerate(rows):
        match = _PREFIX.match(row["variable"])
        stems = set(_stems(row["question_text"]))
        this_prefix = match["prefix"] if match else None
        if (
            row["type"] == "single"
            and row["role"] == "question"
            and this_prefix
            and this_prefix == prefix
            and common & stems
        ):
            members.append(index)
            common &= stems
            continue
        close()
        members, common, prefix = [], set(), None
        if row["type"] == "single" and row["role"] == "question" and this_prefix and stems:
            members, common, prefix = [index], stems, this_prefix
    close()
    return runs


def _labels_by_variable(labels: pd.DataFrame, problems: Problems, file: str) -> dict:
    out: dict[str, dict[int | float, str]] = {}
    triples = zip(
        labels["variable"].tolist(), labels["code"].tolist(), labels["label"].tolist(), strict=True
    )
    for variable, code, label in triples:
        entry = out.setdefault(variable, {})
        key = as_code(code)
        if key in entry and entry[key] != label:
            problems.add(
                "repaired-row",
                f"code {key} of {variable} is labelled twice; the first label is kept",
                file=file,
                variable=variable,
                values=[entry[key], label],
            )
            continue
        entry[key] = label
    return {var: dict(sorted(codes.items())) for var, codes in out.items()}


def build_codebook(
    raw: RawExport,
    *,
    missing_labels: Iterable[str] = (),
    personal: Iterable[str] = (),
) -> pd.DataFrame:
    """Describe every dataset column of ``raw``; problems go to ``raw.problems``."""
    problems = raw.problems
    structure = raw.structure.drop_duplicates("variableName", keep="first")
    by_name = {r["variableName"]: r for r in structure.to_dict("records")}
    labels = _labels_by_variable(raw.labels, problems, raw.label_file)
    extra_personal = {p.lower() for p in personal}
    rows: list[dict[str, Any]] = []
    for position, variable in enumerate(raw.columns):
        rows.append(_describe(variable, position, by_name, labels, raw, extra_personal))

    for members, stem in _grid_runs(rows):
        name = _PREFIX.match(rows[members[0]]["variable"])["prefix"]
        for index in members:
            row = rows[index]
            item = _stems(row["question_text"])[stem]
            row.update(question=name, question_text=stem or None, item_text=item)
        if not stem:
            problems.add(
                "grid-without-stem",
                f"grid {name} has no shared question text; items keep their own text",
                file=raw.structure_file,
                variable=name,
                values=[rows[i]["variable"] for i in members],
            )
            for index in members:
                rows[index]["question_text"] = rows[index]["item_text"]

    _link_other_texts(rows)
    _report_shared_question_names(rows, structure, problems, raw.structure_file)
    for row in rows:
        row["missing_codes"] = _missing_codes(row, raw, missing_labels, problems)
    codebook = pd.DataFrame(rows, columns=CODEBOOK_COLUMNS)
    codebook["position"] = codebook["position"].astype("int64")
    codebook["personal"] = codebook["personal"].astype(bool)
    return codebook


def _missing_codes(row: dict, raw: RawExport, extra: Iterable[str], problems: Problems) -> list:
    """Declared, listed and set-apart codes (see :mod:`toolkit.surveys.missing`); labels
    that only look non-substantive are reported."""
    codes = row["labels"]
    declared = {as_code(c) for c in raw.declared_missing.get(row["variable"], [])}
    missing = {c for c, label in codes.items() if c in declared or is_missing_label(label, extra)}
    if row["value_type"] != "single" or row["type"] == "background":
        return sorted(missing)
    for code in outside_scale_codes(codes, missing):
        missing.add(code)
        problems.add(
            "outside-scale-code",
            f"{row['variable']}: code {code} ({codes[code]!r}) stands apart from the scale "
            "and is not a scale point; treated as non-substantive (left out of bases and "
            "means). Pass missing_labels= or declare the scale if it is an answer",
            file=raw.label_file,
            variable=row["variable"],
            values=[code],
        )
    for code, label in codes.items():
        if code not in missing and looks_missing(label):
            problems.add(
                "possible-missing-label",
                f"{row['variable']}: {label!r} (code {code}) reads like a non-substantive "
                "answer but is counted as an answer; add it with missing_labels=[...] if "
                "it should stay out of bases and means",
                file=raw.label_file,
                variable=row["variable"],
                values=[code],
            )
    return sorted(missing)


def _describe(variable, position, by_name, labels, raw, extra_personal) -> dict[str, Any]:
    meta = by_name.get(variable)
    in_structure = meta is not None
    sx_type = meta["questionType"] if in_structure else None
    sx_subtype = meta["subType"] if in_structure else None
    question = (meta["questionName"] if in_structure else None) or variable
    text = meta["questionText"] if in_structure else None
    background = classify_background(variable)
    row: dict[str, Any] = {
        "variable": variable,
        "position": position,
        "question": question,
        "question_text": text,
        "item_text": None,
        "choice_text": None,
        "choice_value": None,
        "labels": labels.get(variable, {}),
        "unknown_codes": [],
        "other_of": None,
        "sx_question_type": sx_type,
        "sx_subtype": sx_subtype,
        "personal": is_personal(variable) or variable.lower() in extra_personal,
    }
    _classify(row, variable, meta, labels, raw, background)
    if row["type"] == "multiple" or row["value_type"] == "multiple":
        if in_structure:
            row["choice_text"] = meta["choiceText"]
            value = meta["choiceValue"]
            row["choice_value"] = None if value != value else as_code(value)
    elif row["role"] != "status":
        row["question"] = variable  # single items form questions only as grids (below)
    if row["personal"] and row["role"] == "question":
        row["role"] = "background"
        row["type"] = "background"
    return row


def _kind(sx_type: str | None, sx_subtype: str | None) -> str | None:
    kind = _SUBTYPES.get((sx_subtype or "").lower())
    if kind is None and (sx_type or "").lower() == "closed":
        kind = "single"
    if kind is None and (sx_type or "").lower() == "open":
        kind = "open"
    return kind


def _classify(row: dict, variable: str, meta, labels: dict, raw: RawExport, background) -> None:
    """Type, value type and role: status set, background (distribution list, system,
    contact), a column outside the structure, or a question."""
    in_structure = meta is not None
    sx_type = (row["sx_question_type"] or "").lower()
    kind = _kind(row["sx_question_type"], row["sx_subtype"])
    if is_status_variable(variable, row["question"] if in_structure else None):
        row.update(type="multiple", value_type="multiple", role="status", question="statoverall")
    elif sx_type == "background":  # a variable of the distribution list
        value_type = (
            "single"
            if variable in labels
            else (kind if kind in {"single", "multiple", "date"} else "auto")
        )
        row.update(type="background", value_type=value_type, role="background")
    elif background is not None:
        value_type = kind if kind in {"single", "multiple", "date"} else background[0]
        row.update(type="background", value_type=value_type, role="background")
        row["personal"] = row["personal"] or background[1]
    elif not in_structure:
        value_type = "single" if variable in labels else "auto"
        row.update(type="background", value_type=value_type, role="background")
        raw.problems.add(
            "not-in-structure",
            f"{variable} is in the dataset but not in the structure file; kept as background",
            file=raw.structure_file,
            variable=variable,
        )
    else:
        kind = kind or ("single" if variable in labels else "open")
        row.update(type=kind, role="question", value_type="text" if kind == "open" else kind)


def _link_other_texts(rows: list[dict[str, Any]]) -> None:
    """Point "Stem - Annet, spesifiser:" free-text variables at the question they specify."""
    closed = {}
    for row in rows:
        if row["type"] in {"single", "multiple"} and row["question_text"]:
            closed.setdefault(row["question_text"], row["question"])
    for row in rows:
        if row["type"] != "open":
            continue
        for stem in _stems(row["question_text"]):
            if stem in closed:
                row["other_of"] = closed[stem]
                break


def _report_shared_question_names(rows, structure, problems, file) -> None:
    """SurveyXact sometimes gives unrelated single items one questionName (``b_1``)."""
    singles = structure[structure["subType"].str.lower().eq("single").fillna(False)]
    assigned = {row["variable"]: row["question"] for row in rows}
    for name, group in singles.groupby("questionName", sort=False):
        variables = [v for v in group["variableName"] if v in assigned]
        if len(variables) > 1 and len({assigned[v] for v in variables}) > 1:
            problems.add(
                "duplicate-question-name",
                f"questionName {name} is shared by unrelated items; each is its own question",
                file=file,
                variable=name,
                values=variables,
            )
