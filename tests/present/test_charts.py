"""Likert charts as a reader sees them: one panel per item when broken down by a group,
absolute percentages on a diverging axis, labels in the report's language, "Vet ikke"
counted as in the table, weighted charts saying so, and figures pyplot does not hold."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from toolkit import likert_summary, read_surveyxact
from toolkit.data import example_population, example_round
from toolkit.prepare import margins_from, rake
from toolkit.present.charts import likert_chart
from toolkit.present.style import ENGLISH
from toolkit.present.tables import likert_table


@pytest.fixture(scope="module")
def survey():
    return read_surveyxact(example_round())


def test_a_grid_by_group_has_a_panel_per_item(survey):
    summary = likert_summary(survey, ["b1_1", "b1_2", "b1_3"], by="kontorstr")
    figure = likert_chart(summary)
    panels = [ax for ax in figure.axes if ax.get_title(loc="left")]
    assert [ax.get_title(loc="left") for ax in panels] == [
        "Kontoret har en felles forståelse av oppdraget med kommunen",
        "Ansvarsdelingen mellom stat og kommune er tydelig",
        "Vi har nok tid til å samarbeide om brukere med sammensatte behov",
    ]
    labels = [t.get_text() for t in panels[0].get_yticklabels()]
    # first group on top, in the category order of kontorstr (not alphabetical)
    assert [label.split(" (")[0] for label in labels[::-1]] == list(
        survey.data["kontorstr"].cat.categories
    )


def test_diverging_axis_shows_absolute_percentages(survey):
    figure = likert_chart(likert_summary(survey, "b1"), diverging=True)
    figure.canvas.draw()
    ticks = [t.get_text() for t in figure.axes[0].get_xticklabels() if t.get_text()]
    assert ticks and all(t.isdigit() for t in ticks) and "50" in ticks  # round steps


def test_dont_know_is_counted_the_same_in_chart_and_table(survey):
    summary = likert_summary(survey, "b1")
    figure = likert_chart(summary, sort=False)
    grey = [bar.get_width() for bar in figure.axes[1].patches]
    table = likert_table(summary)
    # the questionnaire's order, first item on top (bars are drawn bottom up)
    assert grey[::-1] == table.values["Vet ikke (antall)"].tolist()
    assert figure.axes[1].get_xlabel().replace("\n", " ") == "Vet ikke (antall)"


def test_labels_follow_the_report_language(survey):
    figure = likert_chart(likert_summary(survey, "b1"), style=ENGLISH)
    assert figure.axes[0].get_xlabel() == "Percent"
    label = figure.axes[1].get_xlabel().replace("\n", " ")
    assert label == "Vet ikke (count)"  # the label is the data's


def test_a_weighted_chart_and_table_say_so(survey):
    population = pd.read_csv(example_population(), sep=";")
    answered = survey.filter(survey.data["b1_1"].notna(), "svarte")
    weights = rake(answered, margins_from(population, ["region"], count="kontorer"))
    weighted = answered.with_weights("vekt", weights)
    summary = likert_summary(weighted, "b1", weight="vekt")
    assert likert_chart(summary).axes[0].get_xlabel() == "Prosent (vektet)"
    assert any(n.startswith("Vektet etter region") for n in likert_table(summary).footnotes)


def test_charts_are_not_held_by_pyplot(survey):
    before = plt.get_fignums()
    figure = likert_chart(likert_summary(survey, "b1"))
    assert plt.get_fignums() == before  # the inline backend will not show it a second time
    assert figure.canvas.manager is None


# ---------------------------------------------------------------- long grids, split to fit a page
def _dataset_columns(path, prefix: str) -> list[str]:
    """Column names of the export's Dataset sheet, read with openpyxl (a second route)."""
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True)
    head = next(book["Dataset"].iter_rows(max_row=1, values_only=True))
    book.close()
    return [str(h) for h in head if str(h).startswith(prefix)]


def test_a_long_grid_by_group_is_split_into_figures_that_fit_a_page():
    """The real export's 58-item grid by gender was one figure 93 inches tall: now parts of
    at most a page, every item in exactly one part, in questionnaire order."""
    from tests.conftest import REAL_XLSX
    from toolkit import read_surveyxact
    from toolkit.analysis import likert_summary
    from toolkit.present.charts import PAGE_HEIGHT, likert_charts

    survey = read_surveyxact(REAL_XLSX)
    items = _dataset_columns(REAL_XLSX, "p_")
    assert len(items) == 58
    figures = likert_charts(likert_summary(survey, items, by="b_1"))
    assert len(figures) > 1
    assert all(f.get_size_inches()[1] <= PAGE_HEIGHT for f in figures)
    titles = [ax.get_title(loc="left") for f in figures for ax in f.axes]
    texts = [survey.entry(v)["item_text"] for v in items]
    assert [t.replace("\n", " ") for t in titles if t] == texts
    assert [f.get_suptitle().replace("\xa0", " ")[-12:] for f in figures[:2]] == [
        f"(del 1 av {len(figures)})"[-12:],
        f"(del 2 av {len(figures)})"[-12:],
    ]
    limits = {f.axes[0].get_xlim() for f in figures}
    assert len(limits) == 1  # one scale for every part


def test_text_stays_inside_a_chart_rendered_without_trimming():
    """render_pair lays a chart out once and draws it untrimmed: every text (counts beside
    the grey bars, legend, title) must lie inside the picture."""
    from toolkit import read_surveyxact
    from toolkit.analysis import likert_summary
    from toolkit.data import example_round
    from toolkit.present.charts import likert_chart
    from toolkit.present.figures import render_pair

    figure = likert_chart(likert_summary(read_surveyxact(example_round()), "b1"), diverging=True)
    png, _ = render_pair(figure)
    import io

    import numpy as np
    from PIL import Image

    pixels = np.asarray(Image.open(io.BytesIO(png)).convert("L"))
    expected = [300 * s for s in figure.get_size_inches()[::-1]]  # Agg truncates a pixel
    assert all(abs(got - want) <= 1 for got, want in zip(pixels.shape, expected, strict=False))
    assert (pixels < 128).mean() > 0.01  # there is ink
    for edge in (pixels[:3], pixels[-3:], pixels[:, :3], pixels[:, -3:]):
        assert edge.min() > 240  # none of it touches the picture's border


def test_a_question_of_59_categories_is_charted_in_parts_or_left_to_its_table():
    """pb_1 has 59 categories (the Labels sheet, read with openpyxl): alone it is three
    page-sized parts holding every category once; by 14 schools (60 categories × 14 bars
    was one figure 160 inches tall, 2 GiB to render) there is no figure, and the section
    says the table shows them all."""
    from openpyxl import load_workbook

    from tests.conftest import REAL_XLSX
    from toolkit import frequencies, read_surveyxact
    from toolkit.present.bars import frequency_chart_parts
    from toolkit.present.charts import PAGE_HEIGHT
    from toolkit.report.options import Options
    from toolkit.report.sections import question_section

    book = load_workbook(REAL_XLSX, read_only=True)
    labels = [r[2] for r in book["Labels"].iter_rows(values_only=True) if r[0] == "pb_1"]
    book.close()
    survey = read_surveyxact(REAL_XLSX)
    figures = [make() for make in frequency_chart_parts(frequencies(survey, "pb_1"))]
    assert len(figures) == 3
    assert all(f.get_size_inches()[1] <= PAGE_HEIGHT for f in figures)
    shown = [t.get_text().replace("\n", " ") for f in figures for t in f.axes[0].get_yticklabels()]
    assert sorted(shown) == sorted(" ".join(str(label).split()) for label in labels)
    assert frequency_chart_parts(frequencies(survey, "pb_1", by="b_1_1")) == []
    section = question_section(survey, "pb_1", Options(by=("b_1_1",)))
    notes = [b.text for b in section.walk() if getattr(b, "kind", "") == "note"]
    assert any(n.startswith("Ingen figur") for n in notes)


def test_the_palettes_are_seaborns_without_importing_it():
    """RdYlBu and "colorblind" as seaborn.color_palette gives them (the second route), for
    more colours than "colorblind" has too; drawing a chart imports neither seaborn nor
    pyplot (a rebuild that remakes one chart once spent 0.8 s importing them)."""
    import subprocess
    import sys

    import numpy as np
    import seaborn as sns

    from toolkit.present.charts import distinct, palette

    for k in (2, 3, 5, 7, 12):
        assert np.allclose(sns.color_palette("RdYlBu", k), palette(k))
        assert np.allclose(sns.color_palette("colorblind", k), distinct(k))
    code = (
        "import sys, toolkit\n"
        "from toolkit.present.bars import frequency_chart\n"
        "from toolkit.present.charts import likert_chart\n"
        "s = toolkit.read_surveyxact(toolkit.data.example_round())\n"
        "likert_chart(toolkit.likert_summary(s, 'b1'))\n"
        "frequency_chart(toolkit.frequencies(s, 's_10', by='kontorstr'))\n"
        "print(sorted(m for m in ('seaborn', 'matplotlib.pyplot') if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.strip() == "[]", done.stderr


def test_a_chart_whose_every_bar_is_hidden_is_a_sentence_not_empty_axes():
    """With min_base above every group's N, each bar would be "–": the section shows no
    figure but says why, in the report's language (once: empty axes)."""
    from toolkit import read_surveyxact
    from toolkit.data import example_round
    from toolkit.report.blocks import Figure
    from toolkit.report.options import Options
    from toolkit.report.sections import question_section

    survey = read_surveyxact(example_round())
    for question in ("s_10", "b1", "s_12"):
        section = question_section(survey, question, Options(by=("kontorstr",), min_base=500))
        assert not [b for b in section.walk() if isinstance(b, Figure)], question
        notes = [b.text for b in section.walk() if getattr(b, "kind", "") == "note"]
        assert notes.count("Ingen figur: for få svar til å vise tallene (se tabellen).") == 2
    shown = question_section(survey, "s_10", Options(by=("kontorstr",), min_base=5))
    assert len([b for b in shown.walk() if isinstance(b, Figure)]) == 2


def _ticks(figure, axis: str = "x") -> list[str]:
    figure.canvas.draw()
    ax = figure.axes[0]
    labels = ax.get_xticklabels() if axis == "x" else ax.get_yticklabels()
    return [t.get_text() for t in labels]


def test_axes_speak_the_report_conventions():
    """Means on the whole scale (codes 1–5, not from 2,2), coefficients with a decimal comma
    and a real minus, ticks at round values; English keeps its decimal point."""
    from toolkit.analysis.design import means
    from toolkit.analysis.regression import regression
    from toolkit.present.stats_charts import coefficient_chart, means_chart
    from toolkit.present.style import ENGLISH

    survey = read_surveyxact(example_round())
    table = means(survey, "b1", by="kontorstr")
    labels = survey.entry("b1_1")["labels"]
    codes = [int(c) for c, label in labels.items() if label != "Vet ikke"]
    assert table.attrs["scale"] == (min(codes), max(codes)) == (1, 5)
    figure = means_chart(table)
    assert _ticks(figure) == ["1", "2", "3", "4", "5"]
    assert figure.axes[0].get_xlim() == (0.75, 5.25)
    model = regression(survey, "b1_3 ~ kontorstr + region")
    shown = _ticks(coefficient_chart(model))
    assert shown and not any("." in t or "-" in t for t in shown)
    assert any("," in t for t in shown) or all(t.lstrip("−").isdigit() for t in shown)
    english = _ticks(coefficient_chart(model, style=ENGLISH))
    assert not any("," in t for t in english)


def test_breakdown_tables_group_rows_under_each_item():
    """Several items by group: each item heads its groups (as published reports set them),
    its text written once, not before every group; the claims tie each group row back to
    its item."""
    import json

    from toolkit.report.blocks import Section, Table
    from toolkit.report.claims import claims

    survey = read_surveyxact(example_round())
    table = likert_table(likert_summary(survey, "b1", by="kontorstr"))
    groups = list(survey.data["kontorstr"].cat.categories)
    items = [survey.entry(v)["item_text"] for v in ("b1_1", "b1_2")]
    labels = list(table.frame.index)
    assert labels[:5] == [items[0], *groups, items[1]]
    assert table.extra["headings"][:2] == (0, len(groups) + 1)
    assert not any(": " in label for label in labels)
    assert (table.frame.iloc[0] == "").all()  # the heading row holds no numbers
    block = Table(table)
    found = claims(
        [Section("B1", [Section("Etter", [block], breakdown="kontorstr")])], {id(block): 1}
    )
    first = next(c for c in found if c["id"] == "tabell-1/2/1")
    assert (first["item"], first["group"]) == (items[0], groups[0])
    assert json.dumps(found)  # a heading row adds no claim
    assert not any(c["id"].startswith("tabell-1/1/") for c in found)


def test_a_grid_leaves_out_what_has_too_few_answers_and_says_so():
    """The real export's grid of grades (bp, 59 subjects): subjects no one was graded in
    are not rows of "–" in the table nor "(N=0–…)" in its caption; subjects with 1–4
    grades are not "for få svar" bars among real ones: a note under the chart names
    them. Counted by hand from the export with the csv module: grades 1–6 per subject
    (code 7, "Får ikke karakter", is no grade)."""
    import csv

    from tests.conftest import REAL_CSV
    from toolkit.report.blocks import Figure, Table, Text
    from toolkit.report.options import Options
    from toolkit.report.sections.questions import grid_section

    with open(REAL_CSV / "dataset.csv", encoding="cp1252", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    survey = read_surveyxact(REAL_CSV)
    items = [v for v in survey.codebook["variable"] if v.startswith("bp_")]
    grades = {v: sum(1 for r in rows if r[v].strip() in "123456" and r[v].strip()) for v in items}
    section = grid_section(survey, "bp", Options())
    table = next(b.table for b in section.blocks if isinstance(b, Table))
    nobody = [survey.entry(v)["item_text"] for v, n in grades.items() if n == 0]
    few = [survey.entry(v)["item_text"] for v, n in grades.items() if 0 < n < 5]
    assert (len(nobody), len(few)) == (21, 15)
    assert not set(nobody) & set(table.frame.index)
    assert "(N=0" not in table.title and len(table.frame) == 59 - 21
    assert any(n.startswith("Ingen svarte") and "(21)" in n for n in table.footnotes)
    notes = [b.text for b in section.blocks if isinstance(b, Text)]
    assert any(n.startswith("Ikke vist i figuren") and "(36)" in n for n in notes)
    figures = [b for b in section.blocks if isinstance(b, Figure)]
    drawn = " ".join(b.svg.decode("utf-8") for b in figures)
    assert "for få svar" not in drawn and "(N=0)" not in drawn


def test_a_legend_of_long_group_names_stays_inside_the_figure():
    """Mother's education by its long labels ("Kort fagskole- eller høyere utdanning (etter
    videregående) på 1 til 2 år"): the legend takes fewer columns, never running past the
    chart's edges (a page-wide chart once cut it on both sides)."""
    from tests.conftest import REAL_CSV
    from toolkit import frequencies
    from toolkit.present.bars import frequency_chart

    survey = read_surveyxact(REAL_CSV)
    figure = frequency_chart(frequencies(survey, "s_2", by="b_2"))
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()
    page = figure.bbox
    for legend in figure.legends:
        box = legend.get_window_extent(renderer)
        assert page.x0 - 1 <= box.x0 and box.x1 <= page.x1 + 1, (box, page)


def test_a_multi_response_breakdown_groups_its_rows_and_hides_a_small_count():
    """Each option heads its groups; a group hidden for too few answers hides its count
    with its share (a count beside "–" would tell the share)."""
    from toolkit import multi_response
    from toolkit.present.tables import multi_response_table

    survey = read_surveyxact(example_round())
    table = multi_response(survey, "s_12", by="kontorstr", min_base=41)
    shown = multi_response_table(table, title="Tiltak")
    groups = list(survey.data["kontorstr"].cat.categories)
    first = table["option"].iloc[0]
    assert list(shown.frame.index[: len(groups) + 1]) == [first, *groups]
    assert shown.extra["headings"][0] == 0
    hidden = table[table["suppressed"]]
    assert len(hidden)  # the office size with 41 or fewer answers
    row = shown.frame.iloc[1 + groups.index(hidden.iloc[0]["kontorstr"])]
    assert row.tolist() == ["–", "–"]
