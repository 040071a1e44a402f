"""The files of one report, written from its sections and audited: ``report.html``,
``report.docx``, ``tabeller.xlsx`` and ``claims.json`` (a build's main report, and each
unit report of :mod:`toolkit.report.units`).

Examples
--------
>>> import tempfile, pathlib
>>> from toolkit.report.blocks import Section, Text
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> sections = [Section("Om", [Text("Ingen tall.")])]
>>> written = write_outputs(folder, sections, {}, Files("Rapport"), meta={"survey": "x.xlsx"})
>>> sorted(written)  # no table: no workbook
['claims', 'docx', 'html']
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from toolkit.errors import AuditError


@dataclass(frozen=True)
class Files:
    """How a report's files look: ``title`` and ``subtitle``, ``language``, the house Word
    ``template``, the Excel sheets' "Kilde:" line (``source``), and whether to write
    ``report.docx`` (``word``)."""

    title: str
    language: str = "nb"
    subtitle: str | None = None
    template: Path | None = None
    source: str | None = None
    word: bool = True


def write_outputs(
    folder: Path, sections: list, numbers: dict, files: Files, *, meta: dict, lap=None
) -> dict[str, Path]:
    """Write the report's files into ``folder`` (module docstring).

    Parameters
    ----------
    folder
        Where to write (it exists).
    sections
        Its sections, figures rendered.
    numbers
        Table and figure numbers (:func:`toolkit.report.html.numbering`).
    files
        Title, language, template, source line, Word or not.
    meta
        ``claims.json``'s header: the export's name and digest.
    lap
        Called with "html", "word" and "excel" after each (a build's stage timer).

    Returns
    -------
    dict
        Name → path: ``html``, ``docx`` (with ``word``), ``xlsx`` (when there are
        tables) and ``claims``.

    Examples
    --------
    See the module's example.
    """
    from toolkit.language import text
    from toolkit.present.excel import to_excel
    from toolkit.report.claims import write_claims
    from toolkit.report.html import report_html
    from toolkit.report.word import report_docx

    lap = lap or (lambda stage: None)
    title, language, subtitle = files.title, files.language, files.subtitle
    written = {"html": folder / "report.html"}
    page = report_html(title, sections, language=language, subtitle=subtitle, numbers=numbers)
    written["html"].write_text(page, encoding="utf-8")
    lap("html")
    if files.word:
        written["docx"] = report_docx(
            title,
            sections,
            folder / "report.docx",
            language=language,
            subtitle=subtitle,
            template=files.template,
            numbers=numbers,
        )
        lap("word")
    tables = [b for s in sections for b in s.tables()]
    if tables:  # (a unit too small for results has no table, and a workbook needs a sheet)
        names = [f"{text('table', language)} {numbers[id(b)]}" for b in tables]
        written["xlsx"] = to_excel(
            [b.table for b in tables],
            folder / "tabeller.xlsx",
            source=files.source,
            sheet_names=names,
            language=language,
        )
    lap("excel")
    written["claims"] = write_claims(
        sections, numbers, folder / "claims.json", language=language, **meta
    )
    return written


def audit(folder: Path) -> dict:
    """Compare every number of the report in ``folder`` across its files and places
    (:mod:`toolkit.report.audit`); two values for one number is an AuditError.

    Parameters
    ----------
    folder
        A folder :func:`write_outputs` wrote.

    Returns
    -------
    dict
        The audit, for the manifest.

    Examples
    --------
    See :func:`toolkit.report.audit.audit_outputs`.
    """
    from toolkit.report.audit import audit_outputs

    found = audit_outputs(folder)
    if found.discrepancies:
        shown = "\n    ".join(str(d) for d in found.discrepancies[:10])
        more = len(found.discrepancies) - 10
        raise AuditError(
            f"the report shows {len(found.discrepancies)} number(s) with two values:\n    "
            f"{shown}" + (f"\n    … and {more} more" if more > 0 else ""),
            file=folder,
            hint="this is a bug in the toolkit: please report it with the configuration "
            "(build with audit off, `--no-audit`, to look at the outputs)",
        )
    return found.to_dict()
