"""Parquet: the round cache, the Hive-partitioned dataset read back equal, and a DuckDB
query over it that gives likert_summary's counts."""

from __future__ import annotations

import json
import os

import duckdb
import pandas as pd
import pytest

from tests.rounds.builders import project
from toolkit import likert_summary, read_rounds
from toolkit.data import example_rounds
from toolkit.errors import CorruptFileError, UsageError


@pytest.fixture(scope="module")
def stacked_dataset(tmp_path_factory):
    rounds = read_rounds(example_rounds())
    folder = rounds.to_parquet(tmp_path_factory.mktemp("ds") / "runder")
    return rounds.stack(), folder


def test_the_dataset_reads_back_to_an_equal_survey(stacked_dataset):
    stacked, folder = stacked_dataset
    again = read_rounds(folder).stack()
    pd.testing.assert_frame_equal(again.data, stacked.data)
    columns = ["variable", "question", "type", "labels", "missing_codes", "harmonisation"]
    pd.testing.assert_frame_equal(again.codebook[columns], stacked.codebook[columns])
    assert list(again.data["round"].cat.categories) == ["2025", "2026"]
    pd.testing.assert_frame_equal(again.problems, stacked.problems)
    assert len(again.problems) > 0
    # analyses give the same on the copy
    pd.testing.assert_frame_equal(
        likert_summary(again, "b1", by="round"), likert_summary(stacked, "b1", by="round")
    )


def test_partitions_and_dictionary_encoded_closed_items(stacked_dataset):
    import pyarrow.parquet as pq

    _, folder = stacked_dataset
    assert sorted(p.name for p in folder.iterdir()) == [
        "_codebook.json",
        "round=2025",
        "round=2026",
    ]
    schema = pq.read_schema(next((folder / "round=2026").glob("*.parquet")))
    assert str(schema.field("b1_1").type).startswith("dictionary")


def test_duckdb_over_the_dataset_gives_likert_summary_counts(stacked_dataset):
    stacked, folder = stacked_dataset
    query = f"""
        SELECT round, b1_1 AS category, count(*) AS n
        FROM read_parquet('{folder}/*/*.parquet', hive_partitioning = true)
        WHERE b1_1 IS NOT NULL
        GROUP BY ALL ORDER BY ALL
    """
    counts = duckdb.sql(query).df()
    summary = likert_summary(stacked, "b1_1", by="round")
    summary = summary[summary["n"] > 0]
    expected = {
        (str(r), c): n
        for r, c, n in zip(summary["round"], summary["category"], summary["n"], strict=True)
    }
    assert {(str(r), c): n for r, c, n in counts.itertuples(index=False)} == expected


def _files(folder):
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


def test_reading_rounds_writes_nothing(tmp_path):
    surveys = project(tmp_path)
    before = _files(surveys)
    rounds = read_rounds(surveys)
    rounds.stack()
    assert rounds.cache is None
    assert _files(surveys) == before


def test_a_cache_inside_the_project_is_refused(tmp_path):
    surveys = project(tmp_path)
    with pytest.raises(UsageError, match="lies inside the rounds project"):
        read_rounds(surveys, cache=surveys / ".cache")
    assert not (surveys / ".cache").exists()


def test_the_round_cache_is_used_while_the_export_is_unchanged(tmp_path):
    surveys, cache = project(tmp_path), tmp_path / "cache"
    before = _files(surveys)
    first = read_rounds(surveys, cache=cache)["2026"]
    meta = cache / "2026" / "meta.json"
    assert meta.is_file() and _files(surveys) == before  # nothing beside the raw data
    assert json.loads(meta.read_text())["sha256"]  # the raw files' checksums are recorded
    again = read_rounds(surveys, cache=cache)["2026"]
    pd.testing.assert_frame_equal(again.data, first.data)
    pd.testing.assert_frame_equal(again.problems, first.problems)
    # a changed export is read again (the cache never hides new raw data)
    dataset = surveys / "2026" / "eksport" / "dataset.csv"
    text = dataset.read_text(encoding="cp1252").replace("101;", "901;", 1)
    os.chmod(dataset, 0o644)
    dataset.write_text(text, encoding="cp1252")
    renewed = read_rounds(surveys, cache=cache)["2026"]
    assert 901 in renewed.data["respondentid"].tolist()


def test_a_damaged_dataset_is_a_clear_error(tmp_path):
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "_codebook.json").write_text("{not json")
    with pytest.raises(CorruptFileError, match="cannot be read back"):
        read_rounds(broken)


def test_duckdb_orders_a_scale_as_the_codebook_does(stacked_dataset):
    """Through the dataset's DuckDB view, ORDER BY follows each item's codes (the scale),
    not the alphabet ("Delvis enig" before "Helt uenig" is what plain Parquet gives), and
    the rounds follow their order; the counts stay likert_summary's."""
    from toolkit.rounds.storage import duckdb_view

    stacked, folder = stacked_dataset
    con = duckdb_view(folder)
    for item in ("b1_1", "b2_1", "t1_1"):
        labels = stacked.entry(item)["labels"]
        by_code = [labels[c] for c in sorted(labels)]
        query = f"SELECT DISTINCT {item} FROM runder WHERE {item} IS NOT NULL ORDER BY {item}"
        shown = [row[0] for row in con.sql(query).fetchall()]
        assert shown == [label for label in by_code if label in shown]
        assert shown != sorted(shown)  # the alphabet would differ
    rounds = con.sql("SELECT DISTINCT round FROM runder ORDER BY round").fetchall()
    assert [r[0] for r in rounds] == ["2025", "2026"]
    counts = con.sql("SELECT b1_1, count(*) FROM runder WHERE round = '2026' AND b1_1 IS NOT NULL "
                     "GROUP BY ALL ORDER BY b1_1").fetchall()  # fmt: skip
    summary = likert_summary(stacked, "b1_1", by="round")
    mine = summary[(summary["round"] == "2026") & (summary["n"] > 0)]
    assert counts == list(zip(mine["category"], mine["n"], strict=True))
