"""Unit reports: ``[units]`` in report.toml also writes one report per unit (office,
county, municipality) into ``DIR/enheter/``.

.. code-block:: toml

    [units]
    variable = "kontornr"          # the unit of every respondent (from the distribution list)
    names = "kontorer.csv"         # code;name (optional: the values themselves otherwise)
    compare = ["unit", "others", "all"]
    min_base = 5                   # default: [report] min_base
    only = [3001, 3002]            # some units only (codes or names; default: all)
    chapters = ["Arbeidsmiljø"]    # chapter titles (default: every chapter)
    open_answers = false           # open answers stay out (in a small office they identify)
    findings = true                # where the unit differs from the others, in words
    word = false                   # report.docx too (HTML, Excel and claims always)

For every unit: ``enheter/<unit>/report.html``, ``tabeller.xlsx``, ``claims.json`` (and
``report.docx`` when asked), a zip of them, ``enheter/<unit>.zip``, for distribution; and
``enheter/index.html`` (with ``index.json``) listing every unit with its invited, answered
and response rate. A unit with fewer answers than ``min_base`` gets a one-page report that
says so. The analysis is computed once for all units (:mod:`toolkit.analysis.units`):
every unit's rows, the others' and everyone's come from one summary by unit, protected
so that no hidden cell can be worked out from all the reports together, nor from the
main report's breakdowns by a larger unit (a county) that holds whole units.

Examples
--------
>>> from toolkit.report.config import parse
>>> config = parse('[units]\\nvariable = "kontornr"\\n', file="report.toml")
>>> unit_options(config).compare
('unit', 'others', 'all')
"""

from __future__ import annotations

import json
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from toolkit.errors import ConfigError
from toolkit.language import text
from toolkit.report.blocks import Section, Text, slug
from toolkit.report.config import ReportConfig
from toolkit.surveys.codebook import lower_first

FOLDER = "enheter"
#: questions a unit report shows (open answers only when asked)
KINDS = ("grid", "single")
_EPOCH = (1980, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class UnitOptions:
    """``[units]`` as read, with its defaults."""

    variable: str
    names: Path | None
    compare: tuple[str, ...]
    min_base: int
    only: tuple[str, ...]
    chapters: tuple[str, ...]
    open_answers: bool
    findings: bool
    word: bool
    others: str
    everyone: str


def unit_options(config: ReportConfig) -> UnitOptions:
    """The options of ``[units]`` with the report's defaults filled in.

    Parameters
    ----------
    config
        A report configuration with ``[units]``.

    Returns
    -------
    UnitOptions
        See the module docstring.
    """
    units, language = config.units, config.language
    return UnitOptions(
        variable=units["variable"],
        names=config.resolve(units.get("names")),
        compare=tuple(units.get("compare", ("unit", "others", "all"))),
        min_base=int(units.get("min_base") or config.min_base),
        only=tuple(str(v) for v in units.get("only", ())),
        chapters=tuple(units.get("chapters", ())),
        open_answers=bool(units.get("open_answers", False)),
        findings=bool(units.get("findings", True)),
        word=bool(units.get("word", False)),
        others=units.get("others") or text("units_others", language),
        everyone=units.get("everyone") or text("units_all", language),
    )


@dataclass(frozen=True)
class Unit:
    """One unit: its value, name, folder and how many were invited and answered."""

    value: object
    name: str
    folder: str
    invited: int
    answered: int
    reported: bool


_ASCII = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "ä": "a", "ö": "o", "ü": "u", "é": "e"})


def folder_name(code: str, name: str) -> str:
    """A unit's folder and zip name: its code and name in lower-case ASCII (a zip opened
    on any system keeps it).

    Parameters
    ----------
    code, name
        The unit's code and name.

    Returns
    -------
    str
        For example ``"3002-nav-asmark"``.

    Examples
    --------
    >>> folder_name("3002", "Nav Åsmark")
    '3002-nav-asmark'
    """
    import unicodedata

    words = f"{code} {name}" if name != code else code
    plain = unicodedata.normalize("NFKD", words.lower().translate(_ASCII))
    plain = plain.encode("ascii", "ignore").decode("ascii")
    return slug(plain, fallback="enhet")


def _code(value) -> str:
    """A unit's value as text: 3001.0 → "3001"."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _names(options: UnitOptions, config: ReportConfig) -> dict[str, str]:
    if options.names is None:
        return {}
    from toolkit.rawfiles.tables import read_table

    frame = read_table(options.names, reader="toolkit report", role="unit names").frame
    if frame.shape[1] < 2:
        raise ConfigError(
            f"{options.names.name} needs two columns: the unit's code and its name",
            file=config.path,
            found=", ".join(frame.columns),
            hint="kontornr;navn, one unit per line",
        )
    return dict(zip(frame.iloc[:, 0].str.strip(), frame.iloc[:, 1].str.strip(), strict=True))


def units_of(full, analytic, config: ReportConfig, options: UnitOptions, items=()) -> list[Unit]:
    """Every unit of the export, named, in the variable's order (its categories, or its
    codes): invited is every row of the export, answered the analytic sample's rows that
    answered at least one of ``items`` (every row when none are given); ``only`` keeps
    some."""
    names = _names(options, config)
    column = full.data[options.variable]
    invited = column.value_counts(sort=False)
    data = analytic.data
    items = [i for i in items if i in data.columns]
    took_part = data[items].notna().any(axis=1) if items else data.index.notna()
    answered = data.loc[took_part, options.variable].value_counts(sort=False)
    if isinstance(column.dtype, pd.CategoricalDtype):
        values = [v for v in column.cat.categories if invited.get(v, 0) > 0]
    else:
        values = sorted(invited.index, key=lambda v: (_sortable(v), _code(v)))
    out, folders = [], set()
    for value in values:
        code = _code(value)
        named = names.get(code, code)
        # a bare code ("54", an office number without a names file) reads as a count in a
        # sentence: "Enhet 54" in the report, "54" as its folder
        name = text("units_unnamed", config.language, code=code) if named.isdigit() else named
        if options.only and code not in options.only and named not in options.only:
            continue  # (an ``only`` no unit has is refused earlier: unknown_units)
        folder = folder_name(code, named)
        while folder in folders:
            folder += "-x"
        folders.add(folder)
        got = int(answered.get(value, 0))
        out.append(Unit(value, name, folder, int(invited[value]), got, got >= options.min_base))
    return out


def unknown_units(survey, config: ReportConfig) -> list[str]:
    """The codes or names in ``[units] only`` that no unit of ``survey`` has (checked
    before anything is computed).

    Parameters
    ----------
    survey
        The export as read.
    config
        The configuration with ``[units]``.

    Returns
    -------
    list of str
        The unknown ones, in the order given.

    Examples
    --------
    >>> from toolkit import read_surveyxact
    >>> from toolkit.data import example_round
    >>> from toolkit.report.config import parse
    >>> config = parse('[units]\\nvariable = "region"\\nonly = ["Nord", "Oslo"]\\n',
    ...                file="report.toml")
    >>> unknown_units(read_surveyxact(example_round()), config)
    ['Oslo']
    """
    options = unit_options(config)
    names = _names(options, config)
    codes = {_code(v) for v in survey.data[options.variable].dropna().unique()}
    known = codes | {names.get(c, c) for c in codes}
    return [v for v in options.only if v not in known]


def _sortable(value):
    try:
        return (0, float(value))
    except (TypeError, ValueError):
        return (1, 0.0)


def write_zip(folder: Path, files: list[Path], target: Path) -> Path:
    """The unit's files in one zip, byte-identical when rebuilt (fixed times, sorted).

    Parameters
    ----------
    folder
        The folder the names inside the zip are relative to.
    files
        The files to pack.
    target
        The zip to write.

    Returns
    -------
    Path
        ``target``.
    """
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(files, key=lambda p: p.as_posix()):
            info = zipfile.ZipInfo(path.relative_to(folder).as_posix(), date_time=_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes())
    return target


def index_html(title: str, units: list[Unit], language: str, style) -> str:
    """``enheter/index.html``: every unit, its invited, answered and response rate."""
    from toolkit.report.html import CSS, esc

    def row(unit: Unit) -> str:
        rate = style.percent(100 * unit.answered / unit.invited) if unit.invited else ""
        link = f'<a href="{esc(unit.folder)}/report.html">{esc(unit.name)}</a>'
        shown = "" if unit.reported else f" ({esc(text('units_no_report', language))})"
        return (
            f'<tr><th scope="row">{link}{shown}</th><td>{style.number(unit.invited)}</td>'
            f"<td>{style.number(unit.answered)}</td><td>{rate}</td>"
            f'<td><a href="{esc(unit.folder)}.zip">zip</a></td></tr>'
        )

    head = "".join(
        f'<th scope="col">{esc(text(k, language))}</th>'
        for k in ("units_col_unit", "units_col_invited", "units_col_answered", "units_col_rate")
    )
    heading = esc(text("units_index_heading", language, title=title))
    return (
        f'<!DOCTYPE html>\n<html lang="{esc(language)}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{heading}</title>\n<style>\n{CSS}\n</style>\n</head>\n<body>\n<main>\n"
        f"<h1>{heading}</h1>\n<table><thead><tr>{head}<th></th></tr></thead><tbody>"
        + "".join(row(u) for u in units)
        + "</tbody></table>\n</main>\n</body>\n</html>\n"
    )


def index_json(units: list[Unit], every: bool = True) -> str:
    """``enheter/index.json``: the same list for programs (codes as text); ``every``
    says whether it lists every unit of the export (not when ``only`` chose some)."""
    rows = [
        {
            "code": _code(u.value),
            "name": u.name,
            "folder": u.folder,
            "invited": u.invited,
            "answered": u.answered,
            "reported": u.reported,
        }
        for u in units
    ]
    return json.dumps({"units": rows, "every_unit": every}, ensure_ascii=False, indent=1) + "\n"


def left_out(kind_of: dict[str, str], open_answers: bool) -> list[str]:
    """The questions a unit report leaves out (not a closed single-choice question, or
    open answers not asked for)."""
    allowed = KINDS + (("open",) if open_answers else ())
    return [q for q, kind in kind_of.items() if kind not in allowed]


def about(unit: Unit, options: UnitOptions, language: str, style) -> Section:
    """The report's first section: what it compares, who answered, what is hidden."""
    rate = style.percent(100 * unit.answered / unit.invited) if unit.invited else "–"
    labels = {"others": options.others, "all": options.everyone}
    beside = [lower_first(labels[c]) for c in options.compare if c in labels]  # as compared
    words = text(
        "units_about" if beside else "units_about_alone",
        language,
        unit=unit.name,
        beside=f" {text('and', language)} ".join(beside),
        answered=style.number(unit.answered),
        invited=style.number(unit.invited),
        rate=rate,
    )
    blocks = [Text(words)]
    if unit.reported:
        blocks.append(Text(text("units_hidden", language, min_base=options.min_base)))
    else:
        blocks.append(
            Text(text("units_too_small", language, unit=unit.name, min_base=options.min_base))
        )
    return Section(text("units_about_heading", language), blocks, key="om", language=language)
