"""One typed schema for report.toml (issue 20): a value of the wrong type is a ConfigError
with file, key and line, never "unexpected error"; a name where a list is expected is a
one-element list; nesting, size and chapter count are bounded."""

from __future__ import annotations

import time

import pytest

from toolkit.errors import ConfigError
from toolkit.report.config import parse
from toolkit.rounds.config import parse as parse_rounds

CHAPTER = '\n[[chapters]]\ntitle = "A"\nquestions = ["b1"]\n'
WRONG = {
    'key_share = "half"': ('[sample]\nkey_items = ["b1"]\nkey_share = "half"\n', 3),
    'examples = "many"': ('[parts]\nexamples = "many"\n', 2),
    "means = 5": ("[parts]\nmeans = 5\n", 2),
    'cap = "high"': (
        '[weights]\npopulation = "p.csv"\nvariables = ["a"]\ncount = "n"\ncap = "high"\n',
        5,
    ),
    'between = "2025"': ('[rounds]\nbetween = "2025"\n', 2),
    'quotes = "one"': ('[corpus]\npath = "p.qdpx"\nquotes = "one"\n', 3),
    'redact = "Kontor A"': ('[corpus]\npath = "p.qdpx"\nredact = "Kontor A"\n', 3),
    'answered = "yes"': ('[sample]\nanswered = "yes"\n', 2),
    'kind = "probit"': ('[regression]\noutcome = "b1_1"\nkind = "probit"\n', 3),
    "key_share = 2": ("[sample]\nkey_share = 2\n", 2),
    'measure = "median"': ('[rounds]\nmeasure = "median"\n', 2),
}


@pytest.mark.parametrize("case", list(WRONG))
def test_a_value_of_the_wrong_type_names_its_key_and_line(case):
    text, line = WRONG[case]
    key = case.split(" =")[0]
    with pytest.raises(ConfigError) as error:
        parse(text + CHAPTER, file="report.toml")
    message = str(error.value)
    assert f"line {line}, key '{key}'" in message
    assert "report.toml" in message and "what to do" in message


def test_a_name_where_a_list_is_expected_is_one_name():
    config = parse(
        '[sample]\nkey_items = "b1"\n\n[parts]\nmeans = "b1"\n' + CHAPTER, file="report.toml"
    )
    assert config.sample["key_items"] == ["b1"] and config.parts["means"] == ["b1"]


def test_deep_nesting_many_chapters_and_rounds_labels_are_refused_quickly():
    deep = "x = " + "[" * 5_000 + "]" * 5_000 + "\n"
    with pytest.raises(ConfigError, match="too deep"):
        parse(deep, file="report.toml")
    many = "".join(f'[[chapters]]\ntitle = "A{i}"\nquestions = ["b1"]\n' for i in range(20_000))
    started = time.perf_counter()
    with pytest.raises(ConfigError, match="20,000 chapters"):
        parse(many, file="report.toml")
    assert time.perf_counter() - started < 10
    with pytest.raises(ConfigError, match="labels must be a table") as error:
        parse_rounds('[rounds]\norder = ["2025"]\nlabels = "x"\n', file="rounds.toml")
    assert "line 3" in str(error.value)
