"""Every configuration works: reports built over the options that interact, pairwise.

The options (breakdowns, tests, weights, sample, rounds with items and did, corpus,
language, open examples, item statistics, means, regression) are combined so that every
pair of values of any two options is built at least once (the pairs are generated here,
greedily), on three exports: the example round, a subset of the real 242-variable export,
and a six-respondent export whose breakdown groups hold one to three people. Every build
must succeed, pass its own audit (one value per number in HTML, Word and Excel: the build
fails otherwise) and show what each given key asked for.
"""

from __future__ import annotations

import itertools
import random
import re

import pytest

from tests.conftest import real_tables, small_tables
from tests.report.vocabulary import data_texts, foreign_words
from toolkit.data import example_project, example_round
from toolkit.language import text
from toolkit.report import build_report
from toolkit.surveys.synthetic import ExportTables, write_xlsx_export

pytestmark = pytest.mark.slow


def all_pairs(options: dict[str, list], seed: int = 7, valid=lambda row: True) -> list[dict]:
    """Rows of option values covering every pair of values of every two options that
    ``valid`` allows (a row it refuses is never built, a pair it refuses never sought)."""
    names = list(options)
    pairs = list(itertools.combinations(names, 2))
    uncovered = {
        (a, va, b, vb)
        for a, b in pairs
        for va in options[a]
        for vb in options[b]
        if valid({a: va, b: vb})
    }

    def new_pairs(row: dict, left: set) -> int:
        return sum((a, row[a], b, row[b]) in left for a, b in pairs if a in row and b in row)

    rng, rows = random.Random(seed), []
    while uncovered:
        best, gain = {}, -1
        for _ in range(60):  # candidate rows, each completed greedily in a random order
            row: dict = {}
            for name in rng.sample(names, len(names)):
                allowed = [v for v in options[name] if valid({**row, name: v})]
                row[name] = max(
                    allowed,
                    key=lambda v, n=name, r=row: (new_pairs({**r, n: v}, uncovered), rng.random()),
                )
            if new_pairs(row, uncovered) > gain:
                best, gain = row, new_pairs(row, uncovered)
        uncovered -= {(a, best[a], b, best[b]) for a, b in pairs}
        rows.append(best)
    return rows


def test_all_pairs_covers_every_pair():
    options = {"a": [1, 2, 3], "b": ["x", "y"], "c": [True, False], "d": [0, 1, 2]}
    rows = all_pairs(options)
    for a, b in itertools.combinations(options, 2):
        seen = {(r[a], r[b]) for r in rows}
        assert seen == set(itertools.product(options[a], options[b])), (a, b)
    assert len(rows) < len(list(itertools.product(*options.values())))  # 9–12, not 36
    # a constraint: c only with a == 1; every allowed pair still covered, none refused built
    rows = all_pairs(options, valid=lambda r: not (r.get("c") and r.get("a", 1) != 1))
    assert all(r["a"] == 1 for r in rows if r["c"])
    assert {(r["c"], r["d"]) for r in rows} == set(itertools.product([True, False], [0, 1, 2]))


# --------------------------------------------------------------------------- the exports
EXPORTS = {
    # name: grid, single, multi, open question, two breakdown variables
    "example": ("b1", "t1", "s_12", "s_14", ["kontorstr", "region"]),
    "real": ("up", "s_2", "v_1", "a_fp", ["b_1", "b_2"]),
    "tiny": ("q", "ja", "m", "komm", ["ja", "q_1"]),
}


@pytest.fixture(scope="module")
def exports(tmp_path_factory) -> dict:
    folder = tmp_path_factory.mktemp("exports")
    real = real_tables()
    subset = real.dataset.iloc[:160]  # a respondent subset keeps the matrix in minutes
    write_xlsx_export(ExportTables(subset, real.structure, real.labels), folder / "real.xlsx")
    write_xlsx_export(small_tables(), folder / "tiny.xlsx")
    # population tables for weights: the example's own, and made-up totals for the others
    (folder / "real-pop.csv").write_text("b_1;antall\nJente;520\nGutt;480\n", encoding="utf-8")
    (folder / "tiny-pop.csv").write_text("ja;antall\nJa;60\nNei;30\nVet ikke;10\n")
    return {
        "example": example_round(),
        "real": folder / "real.xlsx",
        "tiny": folder / "tiny.xlsx",
        "populations": {
            "example": (
                (example_round().parents[1] / "populasjon.csv"),
                ["region", "kontorstr"],
                "kontorer",
            ),
            "real": (folder / "real-pop.csv", ["b_1"], "antall"),
            "tiny": (folder / "tiny-pop.csv", ["ja"], "antall"),
        },
    }


def _toml_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    return f'"{value}"' if isinstance(value, str) else str(value)


def config_text(export: str, row: dict, paths: dict) -> str:
    grid, single, multi, open_, breakdowns = EXPORTS[export]
    by = breakdowns[: row["by"]]
    lines = ["[report]", f"language = {_toml_value(row['language'])}", f"by = {_toml_value(by)}"]
    lines += ["", "[parts]", f"tests = {_toml_value(row['tests'])}"]
    lines += [f"open_examples = {_toml_value(row['open_examples'])}", "examples = 2"]
    lines += [f"item_statistics = {_toml_value(row['item_statistics'])}"]
    if row["means"]:
        lines += [f"means = {_toml_value([grid])}"]
    sample = []
    if row["sample"]:  # (the tiny export has no response status: key items only)
        sample += [f"answered = {_toml_value(export != 'tiny')}"]
        sample += [f"key_items = {_toml_value([grid])}"]
    if row["weights"] and export == "real":  # weights need the variable answered
        sample += ['filters = [{ name = "Kjønn oppgitt", query = "b_1 == b_1" }]']
    if sample:
        lines += ["", "[sample]", *sample]
    if row["weights"]:
        population, variables, count = paths["population"]
        lines += ["", "[weights]", f'population = "{population.as_posix()}"']
        lines += [f"variables = {_toml_value(variables)}", f'count = "{count}"']
    if row["regression"]:
        first_item = {"example": "b1_3", "real": "up_01", "tiny": "q_1"}[export]
        predictors = [b for b in breakdowns if b != first_item][:1]
        lines += ["", "[regression]", f'outcome = "{first_item}"']
        lines += [f"predictors = {_toml_value(predictors)}"]
    if row["rounds"] and export == "example":
        lines += ["", "[rounds]", f'folder = "{paths["rounds"]}"', 'between = ["2025", "2026"]']
        lines += ['items = ["b1"]']
        lines += [
            'did = { item = "b1_3", group = "forsok", treated = "Forsøkskontor", '
            'cluster = "kontornr" }'
        ]
    if row["corpus"]:
        lines += ["", "[corpus]", f'path = "{paths["corpus"]}"', 'by = "rolle"', "quotes = 1"]
    lines += ["", "[[chapters]]", 'title = "Spørsmål"', f"questions = {_toml_value([grid])}"]
    lines += ["", "[[chapters]]", 'title = "Flere"', f"questions = {_toml_value([single, multi])}"]
    lines += ["", "[[chapters]]", 'title = "Åpne svar"', f"questions = {_toml_value([open_])}"]
    lines += ["by = []"]
    return "\n".join(lines) + "\n"


OPTIONS = {
    "export": list(EXPORTS),
    "by": [0, 1, 2],
    "tests": [False, True],
    "weights": [False, True],
    "sample": [False, True],
    "rounds": [False, True],
    "corpus": [False, True],
    "language": ["nb", "nn", "en"],
    "open_examples": [False, True],
    "item_statistics": [False, True],
    "means": [False, True],
    "regression": [False, True],
}
# the export is one of the factors: every pair of option values is built on some export,
# every option value on every export; rounds exist for the example project only
ROWS = all_pairs(
    OPTIONS, valid=lambda r: not (r.get("rounds") and r.get("export", "example") != "example")
)


def _visible(row: dict, export: str, html: str, language: str) -> list[str]:
    """What a reader of ``html`` must see for the options of ``row`` (missing ones)."""
    wanted = [f'<html lang="{language}">']
    if row["tests"] and row["by"]:
        wanted.append(text("tests_title", language))
    if row["means"] or row["regression"]:
        wanted.append(text("statistics_heading", language))
    if row["corpus"]:
        wanted.append(text("corpus_heading", language))
    if row["weights"]:
        wanted.append(text("weighting_heading", language))
    if row["sample"]:
        wanted.append(text("flow_title", language))
    if row["rounds"] and export == "example":
        wanted.append(text("did", language))
    return [w for w in wanted if w not in html]


@pytest.mark.parametrize("row", ROWS, ids=[f"{r['export']}-{i}" for i, r in enumerate(ROWS)])
def test_every_combination_builds_and_shows_what_it_asked_for(exports, row, tmp_path):
    export = row["export"]
    paths = {
        "population": exports["populations"][export],
        "rounds": example_round().parents[1].as_posix(),
        "corpus": example_project().as_posix(),
    }
    config = tmp_path / "report.toml"
    config.write_text(config_text(export, row, paths), encoding="utf-8")
    result = build_report(exports[export], tmp_path / "out", config=config, progress=False)
    html = result.outputs["html"].read_text(encoding="utf-8")
    assert _visible(row, export, html, row["language"]) == [], row
    manifest = result.outputs["manifest"].read_text(encoding="utf-8")
    assert re.search(r'"discrepancies": 0', manifest)
    # no word of another language among the fixed texts a reader sees (HTML, Word, Excel,
    # figures), once the data's and the configuration's own words are taken out
    written = data_texts(
        [exports[export]] + ([example_round("2025")] if row["rounds"] else []),
        config,
        [example_project()] if row["corpus"] else [],
        example_round().parents[1] / "rounds.toml" if row["rounds"] else None,
    )
    assert foreign_words(result.folder, row["language"], written) == [], row
