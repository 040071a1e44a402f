"""report.toml may not ask for identifiers, personal columns, files outside the project or a
question twice (issue 20): each is a ConfigError naming the key and line, before any work,
and the export and configuration are unchanged afterwards."""

from __future__ import annotations

import hashlib
import shutil

import pytest

from toolkit.errors import ConfigError
from toolkit.report import build_report
from toolkit.report.checks import check_config
from toolkit.report.config import parse, read_config

CHAPTER = '[[chapters]]\ntitle = "A"\nquestions = ["b1"]\n'
CASES = {
    "by the respondent id": ('[report]\nby = ["respondentid"]\n' + CHAPTER, "line 2, key 'by'"),
    "by e-mail": ('[report]\nby = ["email"]\n' + CHAPTER, "personal column"),
    "by office number (one per manager)": (
        '[report]\nby = ["kontornr"]\n' + CHAPTER,
        "has 258 different values among 258",
    ),
    "a chapter by name": (
        '[[chapters]]\ntitle = "A"\nquestions = ["b1"]\nby = ["name"]\n',
        "line 4, key 'by'",
    ),
    "a filter on e-mail": (
        '[sample]\nfilters = [{ name = "x", query = "email != \'a@b.no\'" }]\n' + CHAPTER,
        "not a filter",
    ),
    "weights by e-mail": (
        '[weights]\npopulation = "p.csv"\nvariables = ["email"]\ncount = "n"\n' + CHAPTER,
        "not a weighting variable",
    ),
    "a model on the respondent id": (
        '[regression]\noutcome = "b1_1"\npredictors = ["respondentid"]\n' + CHAPTER,
        "not a predictor",
    ),
    "a population table outside the project": (
        '[weights]\npopulation = "../../../etc/passwd"\nvariables = ["kontorstr"]\n'
        'count = "n"\n' + CHAPTER,
        "outside the project folder",
    ),
    "a template outside the project": (
        '[report]\nreference_docx = "../../mal.docx"\n' + CHAPTER,
        "outside the project folder",
    ),
    "a question in two chapters": (
        CHAPTER + '\n[[chapters]]\ntitle = "B"\nquestions = ["t1", "b1"]\n',
        "'b1' is in the chapter 'A'",
    ),
    "two chapters of one title": (
        CHAPTER + '\n[[chapters]]\ntitle = "A"\nquestions = ["t1"]\n',
        "two chapters are titled 'A'",
    ),
}


@pytest.fixture(scope="module")
def survey():
    from toolkit import read_surveyxact
    from toolkit.data import example_round

    return read_surveyxact(example_round())


@pytest.mark.parametrize("case", list(CASES))
def test_the_configuration_is_refused_with_its_key_and_line(survey, tmp_path, case):
    text, expected = CASES[case]
    config = parse(text, file=tmp_path / "report.toml")
    config = type(config)(**{**config.__dict__, "folder": str(tmp_path)})
    with pytest.raises(ConfigError) as error:
        check_config(survey, config)
    message = str(error.value)
    assert expected in message
    assert "line " in message and "report.toml" in message
    assert "root:" not in message  # no file outside the project is read or echoed


def test_a_cluster_unique_per_respondent_is_fine(survey, tmp_path):
    """kontornr is one per manager: no breakdown, but a cluster publishes nothing per person
    (the example's own difference-in-differences clusters by it)."""
    did = '{ item = "b1_3", group = "forsok", treated = "Ja", cluster = "kontornr" }'
    text = CHAPTER + f"\n[rounds]\ndid = {did}\n"
    config = parse(text, file=tmp_path / "report.toml")
    problems = []
    from toolkit.report.guards import check_guards

    check_guards(survey, config, problems)
    assert problems == []


def test_a_bom_an_empty_sample_and_a_long_title(tmp_path):
    """A BOM (Notepad's UTF-8) is read; a sample that ends empty is an error naming the
    filter's line; a 288-character title is whole in the document and shortened to Word's
    255-character limit in its properties. The export and configuration are unchanged."""
    import docx

    from toolkit.data import example_round

    export = tmp_path / "ledere.xlsx"
    shutil.copy(example_round(), export)
    config = tmp_path / "report.toml"
    title = "Ledersurvey " * 24
    config.write_bytes(("\ufeff[report]\ntitle = " + f'"{title}"\n' + CHAPTER).encode())
    before = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in (export, config)}
    assert read_config(config).title == title
    result = build_report(export, tmp_path / "out", config=config, progress=False)
    document = docx.Document(str(result.outputs["docx"]))
    assert document.paragraphs[0].text == title
    assert len(document.core_properties.title) == 255
    empty = tmp_path / "tom.toml"
    empty.write_text(
        '[sample]\nfilters = [{ name = "x", query = "kontorstr == \'ingen\'" }]\n' + CHAPTER,
        encoding="utf-8",
    )
    with pytest.raises(ConfigError, match="no respondent is left") as error:
        build_report(export, tmp_path / "tom", config=empty, progress=False)
    assert "line 2, key 'filters'" in str(error.value)
    assert not (tmp_path / "tom" / "report.html").exists()
    assert before == {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in (export, config)}
