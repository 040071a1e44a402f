"""Writing the unit reports of a build (:mod:`toolkit.report.units`): the shared analysis
once, then every unit's sections, figures (rendered together, in worker processes),
HTML, Excel, claims, Word when asked, an audit of each, and a zip per unit."""

from __future__ import annotations

from pathlib import Path

from toolkit.language import text
from toolkit.report.blocks import Section, Table, Text
from toolkit.report.units import (
    FOLDER,
    KINDS,
    about,
    index_html,
    index_json,
    left_out,
    unit_options,
    units_of,
    write_zip,
)
from toolkit.surveys.codebook import lower_first


def _questions(survey, config, options) -> dict[str, list[str]]:
    """The chapters a unit report holds (``chapters`` by title, or all): title → questions."""
    chosen = [c for c in config.chapters if not options.chapters or c.title in options.chapters]
    return {c.title: list(c.questions) for c in chosen}


def _shared(prepared, config, options, kinds: dict[str, str]) -> dict:
    """Every question's summary by unit, protected across all the unit reports (once)."""
    from toolkit.analysis.units import by_unit, nesting
    from toolkit.report.catalog import variables_of

    survey = prepared.survey
    within = nesting(survey, options.variable, config.by)
    out = {}
    for question, kind in kinds.items():
        if options.variable in variables_of(survey, question):
            continue  # the unit itself: every unit "differs" from the others on it
        if kind in KINDS:
            out[question] = by_unit(
                survey,
                variables_of(survey, question),
                options.variable,
                weight=prepared.options.weight,
                min_base=options.min_base,
                within=within,
                scale=kind == "grid",
            )
    return out


def _question(view, question: str, title: str, prepared, options, unit) -> Section:
    """A question's table and chart: a grid's Likert bars, a single question's grouped bars
    (in parts, or left to its table when its categories are too many), as in the main
    report's breakdowns."""
    from toolkit.analysis.units import UNIT_COLUMN
    from toolkit.present.bars import frequency_chart_parts
    from toolkit.present.tables import likert_table
    from toolkit.report.sections.questions import _chart_blocks, _likert_figures

    style, source = prepared.options.style, prepared.options.source
    name = f"{question}-{unit.folder}"
    if view["item"].nunique() > 1:
        chart = _likert_figures(view, name, source, style, options.min_base)
    else:
        parts = frequency_chart_parts(view, style=style)
        chart = _chart_blocks(parts, name, source, style.language, view)
    blocks = [Table(likert_table(view, style=style, min_base=options.min_base), source), *chart]
    return Section(
        title, blocks, key=question, level=3, language=style.language, breakdown=UNIT_COLUMN
    )


def _findings(views: dict, unit, prepared, options) -> Section | None:
    """Where the unit differs from the others beyond chance, in sentences whose numbers
    are the tables' (rounded the same way); None when no item could be tested."""
    from toolkit.analysis.units import differences
    from toolkit.present.style import round_to_100

    style, language = prepared.options.style, prepared.options.language
    section = Section(text("units_findings_heading", language), key="funn", language=language)
    if prepared.options.weight is not None:
        return section.add(Text(text("units_findings_weighted", language), kind="note"))
    found, tested = [], 0
    for view in views.values():
        differs, count = differences(view, unit.name, options.others, min_base=options.min_base)
        tested += count
        for d in differs:
            rows = view[view["substantive"] & (view["item"] == d.item)]
            first = rows[rows["enhet"] == unit.name]
            second = rows[rows["enhet"] == options.others]
            a = dict(zip(first["category"], round_to_100(first["percent"]), strict=True))
            b = dict(zip(second["category"], round_to_100(second["percent"]), strict=True))
            key = "units_finding_more" if d.unit > d.others else "units_finding_less"
            found.append(
                text(
                    key,
                    language,
                    unit=unit.name,
                    category=d.category,
                    others=lower_first(options.others),
                    item=d.item_text,
                    a=style.percent(a[d.category]),
                    b=style.percent(b[d.category]),
                )
            )
    if not tested:
        return None
    for sentence in found:
        section.add(Text(sentence))
    if not found:
        section.add(
            Text(
                text(
                    "units_findings_none",
                    language,
                    unit=unit.name,
                    n=tested,
                    others=lower_first(options.others),
                )
            )
        )
    section.add(
        Text(
            text("units_findings_method", language, n=tested, min_base=options.min_base),
            kind="note",
        )
    )
    return section


def unit_sections(
    unit, shared: dict, chapters: dict, prepared, options, titles, open_questions=()
) -> list:
    """One unit's report: about, findings, the chapters (module docstring); the open
    questions among ``open_questions`` when ``open_answers`` asks for them."""
    from toolkit.analysis.units import unit_view
    from toolkit.report.init import heading_of

    style = prepared.options.style
    sections = [about(unit, options, style.language, style)]
    if not unit.reported:
        return sections
    views = {
        q: unit_view(
            table,
            unit.value,
            name=unit.name,
            others=options.others,
            everyone=options.everyone,
            compare=options.compare,
            min_base=options.min_base,
        )
        for q, table in shared.items()
    }
    if options.findings and {"unit", "others"} <= set(options.compare):
        findings = _findings(views, unit, prepared, options)
        sections += [findings] if findings is not None else []
    for title, questions in chapters.items():
        parts = [
            _question(views[q], q, titles[q], prepared, options, unit)
            if q in views
            else _open(q, prepared, options, unit)
            for q in questions
            if q in views or (options.open_answers and q in open_questions)
        ]
        if not parts:
            continue
        first = parts[0]  # a chapter titled by its first question: no second heading
        merged = len(parts) == 1 or title in (first.title, heading_of(first.title))
        blocks = first.blocks + parts[1:] if merged else parts
        sections.append(
            Section(title, blocks, key=first.key if merged else "", language=style.language,
                    breakdown=first.breakdown if merged else None)
        )  # fmt: skip
    return sections


def _open(question: str, prepared, options, unit) -> Section:
    """An open question's answers from the unit alone (only when ``open_answers``)."""
    from toolkit.report.sections.questions import open_section

    survey = prepared.survey
    mine = survey.filter(survey.data[options.variable] == unit.value, unit.name)
    return open_section(mine, question, prepared.options)


def _write_unit(folder: Path, title: str, sections, prepared, config, options, meta) -> list:
    """One unit's files (:mod:`toolkit.report.outputs`), audited when it has tables."""
    from toolkit.report.html import numbering
    from toolkit.report.outputs import Files, audit, write_outputs

    folder.mkdir(parents=True, exist_ok=True)
    files = Files(
        title=title,
        language=config.language,
        template=config.resolve(config.reference_docx),
        source=prepared.options.source,
        word=options.word,
    )
    written = write_outputs(folder, sections, numbering(sections), files, meta=meta)
    if "xlsx" in written:  # (a report with tables)
        audit(folder)
    return list(written.values())


_JOB: list = []  # the one unit job a forked worker runs, by the unit's index


def _run(index: int) -> list[str]:
    return _JOB[0](index)


def build_units(prepared, config, stage: Path, *, meta: dict, jobs=None, progress=False):
    """Every unit report of ``config``'s ``[units]`` into ``stage/enheter`` (module
    docstring); returns the files written. The shared analysis is done here, once; each
    unit's report (sections, figures, files, audit, zip) is made in one of ``jobs`` forked
    worker processes, one unit at a time, so memory holds one unit's figures per worker."""
    from toolkit.present.figures import map_forked
    from toolkit.present.tables import quoted
    from toolkit.report.blocks import render_blocks
    from toolkit.report.catalog import question_kind, question_title, variables_of

    options = unit_options(config)
    survey = prepared.survey
    chapters = _questions(survey, config, options)
    items = [v for qs in chapters.values() for q in qs for v in variables_of(survey, q)]
    units = units_of(prepared.full, survey, config, options, items)
    kinds = {q: question_kind(survey, q) for qs in chapters.values() for q in qs}
    titles = {q: question_title(survey, q) for q in kinds}
    shared = _shared(prepared, config, options, kinds)
    skipped = left_out(kinds, options.open_answers)
    opened = {q for q, kind in kinds.items() if kind == "open"}
    root = stage / FOLDER
    report_title = config.title or text("units_report", config.language)

    def one(index: int) -> list[str]:
        unit = units[index]
        sections = unit_sections(unit, shared, chapters, prepared, options, titles, opened)
        if skipped and unit.reported:
            names = quoted([titles[q] for q in skipped])
            sections[0].add(Text(text("units_left_out", config.language, names=names), kind="note"))
        figures = [b for s in sections for b in s.figures()]
        render_blocks(figures, 1, png=options.word)  # (in this worker)
        title = f"{report_title}: {unit.name}"
        files = _write_unit(root / unit.folder, title, sections, prepared, config, options, meta)
        files.append(write_zip(root, files, root / f"{unit.folder}.zip"))
        return [str(p) for p in files]

    _JOB[:] = [one]
    try:
        done = map_forked(_run, len(units), jobs, progress=progress, desc="unit reports")
    finally:
        _JOB.clear()
    written = [Path(p) for files in done for p in files]
    index = root / "index.html"
    index.write_text(
        index_html(report_title, units, config.language, prepared.options.style), encoding="utf-8"
    )
    listing = root / "index.json"
    listing.write_text(index_json(units, every=not options.only), encoding="utf-8")
    return [*written, index, listing]
