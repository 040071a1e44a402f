"""Multi-response bases, group comparisons against scipy, scale recognition."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from tests.conftest import small_tables
from toolkit import compare_groups, likert_summary, multi_response, read_surveyxact
from toolkit.data import example_round
from toolkit.surveys.builder import AGREEMENT
from toolkit.surveys.scales import detect_scale
from toolkit.surveys.synthetic import write_csv_export, write_xlsx_export


def test_multi_response_percentages_by_hand(tmp_path):
    # m_1..m_3 for respondents 101..106: [1,0,0], [0,1,0], blank, [1,1,0], [0,0,1], [1,0,0]
    write_csv_export(small_tables(), tmp_path)
    table = multi_response(read_surveyxact(tmp_path), "m", min_base=1)
    assert table["n"].tolist() == [3, 2, 1]
    assert table["base"].tolist() == [5, 5, 5]  # respondent 103 did not answer
    assert table["percent_of_cases"].tolist() == pytest.approx([60, 40, 20])
    assert table["percent_of_responses"].tolist() == pytest.approx([50, 100 / 3, 100 / 6])
    annet = table.iloc[2]
    assert (annet["free_text"], annet["n_free_text"]) == ("m_txt", 1)
    assert pd.isna(table["free_text"].iloc[0])


def test_multi_response_by_group_bases_add_up():
    survey = read_surveyxact(example_round())
    overall = multi_response(survey, "s_12")
    by = multi_response(survey, "s_12", by="kontorstr")
    assert (
        by.groupby("variable")["n"].sum().to_dict() == overall.set_index("variable")["n"].to_dict()
    )
    assert by.groupby("kontorstr", observed=True)["base"].first().sum() == overall["base"].iloc[0]


def test_comparisons_match_scipy_on_the_crosstab():
    survey = read_surveyxact(example_round())
    result = compare_groups(survey, "b1_6", by="kontorstr").set_index("test")
    data = survey.data[["b1_6", "kontorstr"]].dropna()
    data = data[data["b1_6"] != "Vet ikke"]
    crosstab = pd.crosstab(data["kontorstr"], data["b1_6"].cat.remove_unused_categories())
    chi2, p, df, _ = stats.chi2_contingency(crosstab.to_numpy(), correction=False)
    assert result.loc["chi-square", "df"] == df
    assert result.loc["chi-square", "statistic"] == pytest.approx(chi2)
    assert result.loc["chi-square", "p_value"] == pytest.approx(p)
    n = crosstab.to_numpy().sum()
    assert result.loc["chi-square", "effect_size"] == pytest.approx(np.sqrt(chi2 / (n * 2)))
    codes = data["b1_6"].cat.codes
    samples = [codes[data["kontorstr"] == g] for g in data["kontorstr"].cat.categories]
    h, p_kw = stats.kruskal(*samples)
    assert result.loc["Kruskal–Wallis", "statistic"] == pytest.approx(h)
    assert result.loc["Kruskal–Wallis", "p_value"] == pytest.approx(p_kw)
    assert result.loc["Kruskal–Wallis", "effect_size"] == pytest.approx(h / (n - 1))


def test_two_groups_use_mann_whitney_with_rank_biserial(tmp_path):
    tables = small_tables()
    data = tables.dataset.copy()
    data["gruppe"] = [1, 1, 1, 2, 2, 2]
    structure = pd.concat(
        [
            tables.structure,
            pd.DataFrame(
                [["gruppe", "gruppe", "Closed", "Single", "Gruppe", None, None]],
                columns=tables.structure.columns,
            ),
        ],
        ignore_index=True,
    )
    labels = pd.concat(
        [
            tables.labels,
            pd.DataFrame({"variable": ["gruppe", "gruppe"], "code": [1, 2], "label": ["A", "B"]}),
        ]
    )
    write_csv_export(small_tables(dataset=data, structure=structure, labels=labels), tmp_path)
    result = compare_groups(read_surveyxact(tmp_path), "q_1", by="gruppe").set_index("test")
    # q_1 substantive answers: group A codes [1, 2] (103 blank), group B [5] (104), 106 → 4
    u, p = stats.mannwhitneyu([0, 1], [4, 3], alternative="two-sided")
    assert result.loc["Mann–Whitney U", "statistic"] == pytest.approx(u)
    assert result.loc["Mann–Whitney U", "p_value"] == pytest.approx(p)
    assert result.loc["Mann–Whitney U", "effect_size"] == pytest.approx(1 - 2 * u / 4)
    assert result.loc["chi-square", "n"] == 4


@pytest.mark.parametrize(
    ("labels", "kind", "positive_first", "collapse"),
    [
        (list(AGREEMENT), "agreement", False, "--0++"),
        (["Svært enig", "Ganske enig", "Ganske uenig", "Svært uenig"], "agreement", True, "++--"),
        (
            ["Mye mindre tid", "Noe mindre tid", "Samme som før", "Noe mer tid", "Mye mer tid"],
            "change",
            False,
            "--0++",
        ),
        (
            ["I liten grad", "I noen grad", "I ganske stor grad", "I svært stor grad"],
            "degree",
            False,
            "--++",
        ),
        (
            ["Svært misfornøyd", "Misfornøyd", "Fornøyd", "Svært fornøyd"],
            "satisfaction",
            False,
            "--++",
        ),
        (["Aldri", "Sjelden", "Noen ganger", "Ofte", "Alltid"], "frequency", False, "--0++"),
        (
            ["Ikke viktig", "Litt viktig", "Ganske viktig", "Veldig viktig"],
            "importance",
            False,
            "--++",
        ),
        (
            [
                "Strongly disagree",
                "Disagree",
                "Neither agree nor disagree",
                "Agree",
                "Strongly agree",
            ],
            "agreement",
            False,
            "--0++",
        ),
        (["1", "2", "3", "4", "5", "6"], "numeric", False, "---+++"),
        (["I liten grad", "2", "3", "4", "I stor grad"], "degree", False, "--0++"),
        (["Ja", "Nei"], "yes/no", True, "+-"),
    ],
)
def test_scale_recognition(labels, kind, positive_first, collapse):
    scale = detect_scale(labels)
    assert (scale.kind, scale.positive_first) == (kind, positive_first)
    symbols = {"negative": "-", "neutral": "0", "positive": "+"}
    assert "".join(symbols[s] for s in scale.collapse()) == collapse


@pytest.mark.parametrize("labels", [["Jente", "Gutt"], ["Øst", "Vest", "Nord"], ["Kurs"]])
def test_nominal_labels_are_not_scales(labels):
    assert detect_scale(labels) is None


def test_groups_under_min_base_are_left_out_of_the_tests():
    # second route: scipy on the crosstab of the groups that have at least 30 answers
    survey = read_surveyxact(example_round())
    data = survey.data[["b1_6", "region"]].dropna()
    data = data[data["b1_6"] != "Vet ikke"]
    sizes = data["region"].value_counts()
    min_base = 30
    big = sizes[sizes >= min_base].index
    assert 2 <= len(big) < (sizes > 0).sum()  # some groups are left out, two or more stay
    kept = data[data["region"].isin(big)]
    crosstab = pd.crosstab(kept["region"], kept["b1_6"].cat.remove_unused_categories())
    crosstab = crosstab.loc[crosstab.sum(axis=1) > 0]
    chi2, p, df, _ = stats.chi2_contingency(crosstab.to_numpy(), correction=False)
    result = compare_groups(survey, "b1_6", by="region", min_base=min_base).set_index("test")
    assert result.loc["chi-square", "statistic"] == pytest.approx(chi2)
    assert result.loc["chi-square", "p_value"] == pytest.approx(p)
    assert result.loc["chi-square", "df"] == df and result.loc["chi-square", "n"] == len(kept)
    left_out = int(((sizes > 0) & (sizes < min_base)).sum())
    assert (
        f"{left_out} group(s) with fewer than {min_base} answers, or hidden with them, left out"
        in (result.loc["chi-square", "note"])
    )


def test_groups_the_table_hides_with_a_small_one_are_left_out_of_the_tests_too():
    """A group hidden to protect a small one (secondary suppression) is out of the tests as
    well: the test's N less the shown groups' would give the small group's N back."""
    survey = read_surveyxact(example_round())
    data = survey.data[["b1_1", "region"]].dropna()
    data = data[data["b1_1"] != "Vet ikke"]
    sizes = data["region"].value_counts()
    min_base = int(sizes[sizes > 0].min()) + 1  # the smallest region alone is under it
    table = likert_summary(survey, "b1_1", by="region", min_base=min_base)
    reasons = table.groupby("region", observed=True)["suppressed_reason"].first()
    assert (reasons == "secondary").sum() >= 1  # the case this test is about
    shown = reasons[reasons.isna()].index
    kept = data[data["region"].isin(shown)]
    crosstab = pd.crosstab(kept["region"], kept["b1_1"].cat.remove_unused_categories())
    chi2, p, df, _ = stats.chi2_contingency(crosstab.to_numpy(), correction=False)
    result = compare_groups(survey, "b1_1", by="region", min_base=min_base)
    row = result.set_index("test").loc["chi-square"]
    assert (row["n"], row["df"]) == (len(kept), df)
    assert (row["statistic"], row["p_value"]) == (pytest.approx(chi2), pytest.approx(p))


def test_no_test_when_fewer_than_two_groups_reach_min_base(tmp_path):
    # groups of one to three people: no chi-square, no Cramér's V that would reveal answers
    tables = small_tables()
    write_xlsx_export(tables, tmp_path / "tiny.xlsx")
    survey = read_surveyxact(tmp_path / "tiny.xlsx")
    result = compare_groups(survey, ["q_1", "q_2"], by="ja", min_base=5)
    assert result["test"].tolist() == ["none", "none"]
    assert result[["statistic", "p_value", "effect_size"]].isna().all().all()
    unguarded = compare_groups(survey, ["q_1"], by="ja")
    assert unguarded["effect_size"].notna().any()  # what was printed before


def test_the_left_out_note_stands_only_under_tests_that_left_groups_out(tmp_path):
    from toolkit.present.comparison import comparison_table

    survey = read_surveyxact(example_round())
    full = compare_groups(survey, "b1_6", by="kontorstr", min_base=5)  # every group is large
    assert not full["note"].fillna("").str.contains("left out").any()
    note = "Ingen test der færre enn to grupper"
    assert not any(n.startswith(note) for n in comparison_table(full, min_base=5).footnotes)
    write_xlsx_export(small_tables(), tmp_path / "tiny.xlsx")
    tiny = compare_groups(read_surveyxact(tmp_path / "tiny.xlsx"), "q_1", by="ja", min_base=5)
    assert any(n.startswith(note) for n in comparison_table(tiny, min_base=5).footnotes)


def test_the_tests_table_writes_statistics_as_reports_do(tmp_path):
    """χ² with one decimal and its df in one cell, H likewise; the not-run row says why;
    the legend names the symbols shown. Numbers from scipy on a pandas crosstab."""
    from toolkit.present.comparison import comparison_table

    survey = read_surveyxact(example_round())
    result = compare_groups(survey, "b1_6", by="kontorstr")
    data = survey.data[["b1_6", "kontorstr"]].dropna()
    data = data[data["b1_6"] != "Vet ikke"]
    crosstab = pd.crosstab(data["kontorstr"], data["b1_6"].cat.remove_unused_categories())
    chi2, p, df, _ = stats.chi2_contingency(crosstab.to_numpy(), correction=False)
    codes = data["b1_6"].cat.codes
    h, _ = stats.kruskal(*[codes[data["kontorstr"] == g] for g in crosstab.index])
    table = comparison_table(result, labels={"b1_6": "Spørsmål"})
    shown = table.frame["Testverdi"].tolist()
    assert shown == [
        f"χ² = {chi2:.1f}; df = {int(df)}".replace(".", ","),
        f"H = {h:.1f}; df = 2".replace(".", ","),
    ]
    assert table.frame.index.tolist() == ["Spørsmål: Kjikvadrat", "Spørsmål: Kruskal–Wallis"]
    assert table.frame["p"].iloc[0] == (f"{p:.3f}".replace(".", ",") if p >= 0.001 else "< 0,001")
    assert "Designeffekt" not in table.frame.columns  # unweighted: no design-effect column
    legend = [n for n in table.footnotes if n.startswith("χ²:")]
    assert legend and "H: Kruskal–Wallis" in legend[0] and "F(a; b)" not in legend[0]
    write_xlsx_export(small_tables(), tmp_path / "tiny.xlsx")
    tiny = compare_groups(read_surveyxact(tmp_path / "tiny.xlsx"), "q_1", by="ja", min_base=5)
    row = comparison_table(tiny, min_base=5).frame.iloc[0]
    assert row["Testverdi"] == "for få svar i minst én gruppe" and row["p"] == ""
