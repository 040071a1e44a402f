"""Report tables, Excel export and charts."""

from __future__ import annotations

import numpy as np
import pytest
from openpyxl import load_workbook

from toolkit import likert_chart, likert_summary, read_surveyxact, save_figure, to_excel
from toolkit.data import example_round
from toolkit.present.style import Style, format_p, round_to_100
from toolkit.present.tables import likert_table, multi_response_table


@pytest.fixture(scope="module")
def survey():
    return read_surveyxact(example_round())


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([33.4, 33.3, 33.3], [34, 33, 33]),
        ([12.5, 12.5, 75.0], [13, 12, 75]),
        ([24.6, 24.6, 24.6, 26.2], [25, 25, 24, 26]),
        ([100.0], [100]),
    ],
)
def test_largest_remainder_rounding_adds_to_100(values, expected):
    assert round_to_100(values) == expected
    assert sum(round_to_100(values)) == 100


def test_shown_percentages_add_to_100_in_every_row(survey):
    table = likert_table(likert_summary(survey, ["b1", "b2", "t1"]))
    percent_columns = [c for c, kind in table.kinds.items() if kind == "percent"]
    for _, row in table.frame[percent_columns].iterrows():
        assert sum(int(v.split("\u00a0")[0]) for v in row if v) == 100


def test_table_layout_norwegian_and_suppressed_with_footnote(survey):
    table = likert_table(likert_summary(survey, "b1_1", by="region", min_base=30), min_base=30)
    # Sør (25) and Midt (29) are hidden, their N with their shares: the caption names the
    # regions shown (Nord 33 … Øst 56)
    assert table.title.endswith("(N=33–56)")
    assert list(table.frame.columns)[-2:] == ["Vet ikke (antall)", "N"]
    assert table.frame.loc["Sør"].tolist() == ["–"] * 7
    assert table.frame.loc["Øst", "Helt enig"] == "18\u00a0%"
    assert table.footnotes == (
        "– Færre enn 30 svar; ikke vist.",
        "«Vet ikke» er ikke med i prosentgrunnlaget (vist som antall).",
    )
    english = likert_table(
        likert_summary(survey, "b1_1"), style=Style(decimal=".", percent_sign="%", thousands=",")
    )
    assert english.frame.iloc[0]["Helt enig"] == "26%"


def test_p_values_are_never_printed_as_zero():
    assert format_p(0.0004) == "< 0,001"
    assert format_p(0.0491) == "0,049"


def test_excel_has_numbers_not_text(survey, tmp_path):
    tables = [
        likert_table(likert_summary(survey, "b1")),
        multi_response_table(toolkit_multi(survey), title="Tiltak"),
    ]
    path = to_excel(tables, tmp_path / "t.xlsx", source="ledere_2026.xlsx")
    book = load_workbook(path)
    assert book.sheetnames == ["Tabell 1", "Tabell 2"]
    sheet = book["Tabell 1"]
    assert sheet["A1"].value.startswith("Hvor enig eller uenig")
    assert [c.value for c in sheet[3]][:2] == [None, "Helt uenig"]
    first = [c.value for c in sheet[4]]
    assert isinstance(first[1], float) and sheet["B4"].number_format == "0 %"
    assert sum(v for v in first[1:6]) == pytest.approx(1.0)
    assert first[-1] == 183  # b1_1: 16 + 20 + 38 + 61 + 48 (openpyxl count)
    notes = [c.value for c in sheet["A"] if c.value and str(c.value).startswith("Kilde")]
    assert notes == ["Kilde: ledere_2026.xlsx"]


def toolkit_multi(survey):
    from toolkit import multi_response

    return multi_response(survey, "s_12")


def test_chart_labels_carry_n_and_order_by_net_agreement(survey, tmp_path):
    summary = likert_summary(survey, "b1")
    figure = likert_chart(summary)
    labels = [t.get_text() for t in figure.axes[0].get_yticklabels()]
    assert all("(N=" in label for label in labels)
    assert labels[-1].startswith("Kontoret har en felles")  # most positive item on top
    assert len(figure.axes) == 2  # the grey "Vet ikke" panel
    paths = save_figure(figure, tmp_path / "b1")
    assert [p.suffix for p in paths] == [".png", ".svg"] and all(p.stat().st_size for p in paths)


def test_diverging_chart_by_group_centres_on_the_middle(survey):
    figure = likert_chart(likert_summary(survey, "b1_3", by="kontorstr"), diverging=True)
    ax = figure.axes[0]
    lefts = [patch.get_x() for patch in ax.patches]
    assert min(lefts) < 0 < max(lefts)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[0].startswith("50 ansatte eller flere") or labels[-1].startswith("Under 20")
    assert np.isclose(ax.get_xlim()[0], -ax.get_xlim()[1])


def test_a_hidden_row_hides_its_dont_know_count_too(tmp_path):
    # a row under min_base showed "–" for its shares but its "Vet ikke" count beside it
    from tests.conftest import small_tables
    from toolkit.surveys.synthetic import write_xlsx_export

    write_xlsx_export(small_tables(), tmp_path / "tiny.xlsx")
    survey = read_surveyxact(tmp_path / "tiny.xlsx")
    table = likert_table(likert_summary(survey, "q_1", by="ja", min_base=5))
    counts = [c for c in table.frame.columns if c.endswith("(antall)")]
    assert counts and set(table.frame[counts].stack()) == {"–"}  # every group has under 5
    assert table.values[counts].isna().all().all()


def test_a_weighted_multi_response_count_is_labelled_weighted():
    # "Antall 136" stood beside N = 169 and 58 %: 136 was a weighted count, 99 answered
    import pandas as pd

    import toolkit
    from toolkit.present.tables import multi_response_table

    survey = read_surveyxact(example_round())
    population = pd.read_csv(toolkit.data.example_population(), sep=";")
    margins = toolkit.margins_from(population, ["region", "kontorstr"], count="kontorer")
    weighted = survey.with_weights("vekt", toolkit.rake(survey, margins))
    table = multi_response_table(toolkit.multi_response(weighted, "s_12", weight="vekt"))
    plain = multi_response_table(toolkit.multi_response(survey, "s_12"))
    assert "Vektet antall" in table.frame.columns and "Antall" not in table.frame.columns
    assert "Antall" in plain.frame.columns
