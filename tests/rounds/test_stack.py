"""Stacking rounds: harmonised by label text, only confirmed decisions, the stack never
guesses, and every analysis gives on the stack what it gives per round."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.conftest import small_tables
from tests.rounds.builders import changed, project, rename_variable, set_labels, set_text
from toolkit import likert_summary, read_rounds
from toolkit.data import example_rounds
from toolkit.errors import UsageError

COUNTS = ["item", "category", "n", "base", "percent"]


@pytest.fixture(scope="module")
def example():
    rounds = read_rounds(example_rounds())
    return rounds, rounds.stack()


def test_stacked_likert_summary_equals_the_per_round_summaries(example):
    rounds, stacked = example
    together = likert_summary(stacked, "b1", by="round")
    for name in rounds:
        items = [v for v in rounds[name].data.columns if v in stacked.data.columns]
        alone = likert_summary(rounds[name], [v for v in items if v.startswith("b1_")])
        alone = alone.reset_index(drop=True)
        part = together[together["round"] == name].reset_index(drop=True)
        pd.testing.assert_frame_equal(part[COUNTS], alone[COUNTS], check_dtype=False)


def test_a_recoded_scale_keeps_every_answer_by_its_label(example):
    rounds, stacked = example
    raw = rounds["2025"].data["b2_1"].value_counts()
    assert raw.sum() == 179
    in_stack = stacked.data.loc[stacked.data["round"] == "2025", "b2_1"].value_counts()
    assert in_stack["Verken enig eller uenig"] == 0  # the category 2025 did not have
    assert in_stack.drop("Verken enig eller uenig").to_dict() == raw.to_dict()
    # 2025's code 3 ('Delvis enig') is 4 in 2026: stacked codes follow 2026
    codes = stacked.codebook.set_index("variable").at["b2_1", "labels"]
    assert codes[4] == "Delvis enig" and codes[3] == "Verken enig eller uenig"
    assert stacked.entry("b2_1")["harmonisation"] == [
        "2025: recode (confirmed): labels by text: 3 → 4, 4 → 5"
    ]


def test_rename_carries_values_and_texts_per_round_are_kept(example):
    rounds, stacked = example
    old = rounds["2025"].data["s_9"].astype(object)
    got = stacked.data.loc[stacked.data["round"] == "2025", "s_10"].astype(object)
    assert got.tolist() == old.tolist()
    entry = stacked.entry("b1_4")
    assert entry["texts_by_round"] == {
        "2025": "Kommunen prioriterer Nav-kontoret i budsjettet",
        "2026": "Kommunen prioriterer Nav-kontoret i budsjettarbeidet",
    }
    assert stacked.entry("t1_4")["in_rounds"] == ["2026"]  # added in 2026: blank in 2025
    assert stacked.data.loc[stacked.data["round"] == "2025", "t1_4"].isna().all()
    assert "b1_7" not in stacked.data.columns  # dropped in 2026: the latest round decides


def test_round_column_is_ordered_and_the_index_names_round_and_respondent(example):
    _, stacked = example
    assert stacked.data["round"].cat.ordered
    assert list(stacked.data["round"].cat.categories) == ["2025", "2026"]
    assert stacked.data.index[0] == "2025-" + str(example[0]["2025"].data.index[0])
    assert stacked.codebook.set_index("variable").at["round", "labels"] == {
        1: "Nullpunkt 2025",
        2: "Oppfølging 2026",
    }


def test_an_undecided_change_is_left_out_and_listed_never_guessed(tmp_path):
    new = set_text(small_tables(), "ja", "Har kontoret skriftlige rutiner?")
    rounds = read_rounds(project(tmp_path, new=new))
    stacked = rounds.stack()
    assert "ja" not in stacked.data.columns and "q_1" in stacked.data.columns
    problem = stacked.problems.query("kind == 'round-undecided'").iloc[0]
    assert problem["message"].startswith("ja in 2025: wording changed")
    assert "confirm a 'same' decision" in problem["message"]
    assert rounds.open_decisions()["kind"].tolist() == ["undecided"]
    with pytest.raises(UsageError, match="ja cannot be stacked with round 2025: wording"):
        rounds.stack(["ja"])


def test_same_and_exclude_decisions(tmp_path):
    new = set_text(small_tables(), "ja", "Har kontoret skriftlige rutiner?")
    same = '[[decisions]]\nkind = "same"\nvariable = "ja"\nstatus = "confirmed"\n'
    stacked = read_rounds(project(tmp_path / "a", new=new, decisions=same)).stack()
    assert stacked.data["ja"].notna().sum() == 10  # 5 answers per round
    exclude = '[[decisions]]\nkind = "exclude"\nvariable = "ja"\nstatus = "confirmed"\n'
    stacked = read_rounds(project(tmp_path / "b", new=new, decisions=exclude)).stack()
    assert stacked.data.loc[stacked.data["round"] == "2025", "ja"].isna().all()
    assert stacked.data.loc[stacked.data["round"] == "2026", "ja"].notna().sum() == 5


def test_a_proposal_is_not_applied_until_confirmed(tmp_path):
    new = rename_variable(small_tables(), "q_2", "q_9")
    proposed = '[[decisions]]\nkind = "rename"\nold = "q_2"\nnew = "q_9"\nstatus = "proposed"\n'
    rounds = read_rounds(project(tmp_path, new=new, decisions=proposed))
    stacked = rounds.stack()
    assert stacked.data.loc[stacked.data["round"] == "2025", "q_9"].isna().all()
    assert rounds.open_decisions()["kind"].tolist() == ["rename"]
    confirmed = proposed.replace('"proposed"', '"confirmed"')
    (tmp_path / "surveys" / "rounds.toml").write_text(
        '[rounds]\norder = ["2025", "2026"]\n\n' + confirmed, encoding="utf-8"
    )
    stacked = read_rounds(tmp_path / "surveys").stack()
    assert stacked.data.loc[stacked.data["round"] == "2025", "q_9"].notna().sum() == 5


def test_recode_map_merges_categories(tmp_path):
    old = set_labels(small_tables(), "ja", [(1, "Ja"), (2, "Nei"), (3, "Vet ikke"), (4, "Usikker")])
    old = changed(old, dataset=old.dataset.assign(ja=[1, 4, None, 3, 4, 2]))
    decision = (
        '[[decisions]]\nkind = "recode"\nvariable = "ja"\nstatus = "confirmed"\n'
        'map = { "Usikker" = "Vet ikke" }\n'
    )
    stacked = read_rounds(project(tmp_path, old=old, decisions=decision)).stack()
    first = stacked.data.loc[stacked.data["round"] == "2025", "ja"].astype(object)
    assert first.where(first.notna(), None).tolist() == [
        "Ja",
        "Vet ikke",
        None,
        "Vet ikke",
        "Vet ikke",
        "Nei",
    ]


def test_types_that_differ_cannot_be_stacked_without_a_decision(tmp_path):
    new = small_tables()
    structure = new.structure.copy()
    structure.loc[structure["variableName"] == "komm", ["questionType", "subType"]] = [
        "Closed",
        "Single",
    ]
    new = changed(new, structure=structure, dataset=new.dataset.assign(komm=[1, 2, None, 1, 2, 1]))
    new = set_labels(new, "komm", [(1, "Ja"), (2, "Nei")])
    rounds = read_rounds(project(tmp_path, new=new))
    with pytest.raises(UsageError, match=r"type changed \(open → single\)"):
        rounds.stack("komm")


def test_panel_keeps_the_key_so_rounds_can_be_paired(tmp_path):
    rounds = read_rounds(project(tmp_path))
    stacked = rounds.stack(["respondentid", "q_1"], panel="respondentid")
    per_key = stacked.data.groupby("respondentid")["round"].apply(lambda r: sorted(map(str, r)))
    assert len(per_key) == 6 and (per_key.map(tuple) == ("2025", "2026")).all()
    assert stacked.codebook.attrs["panel"] == "respondentid"
    with pytest.raises(UsageError, match="panel key 'nope' is not in round 2025"):
        rounds.stack(panel="nope")
