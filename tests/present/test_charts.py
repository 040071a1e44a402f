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
from toolkit.present.tables import ENGLISH, likert_table


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
    assert ticks and all(t.isdigit() for t in ticks) and "80" in ticks


def test_dont_know_is_counted_the_same_in_chart_and_table(survey):
    summary = likert_summary(survey, "b1")
    figure = likert_chart(summary, sort=False)
    grey = [bar.get_width() for bar in figure.axes[1].patches]
    table = likert_table(summary)
    assert grey == table.values["Vet ikke (antall)"].tolist()  # items in order, bottom up
    assert figure.axes[1].get_xlabel() == "Vet ikke (antall)"


def test_labels_follow_the_report_language(survey):
    figure = likert_chart(likert_summary(survey, "b1"), style=ENGLISH)
    assert figure.axes[0].get_xlabel() == "Percent"
    assert figure.axes[1].get_xlabel() == "Vet ikke (count)"  # the label is the data's


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
