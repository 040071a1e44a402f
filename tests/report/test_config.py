"""report.toml: the starter lists every question once, edits are read, and every mistake
is a ConfigError naming the key and its line."""

from __future__ import annotations

import tomllib

import pytest

from tests.conftest import REAL_XLSX
from toolkit import read_surveyxact
from toolkit.cli import main
from toolkit.data import example_round
from toolkit.errors import ConfigError
from toolkit.report.checks import check_config
from toolkit.report.config import parse
from toolkit.report.init import starter_config
from toolkit.report.sections import questions


@pytest.fixture(scope="module")
def survey():
    return read_surveyxact(example_round())


def test_the_starter_lists_every_question_once_with_its_type(survey):
    text = starter_config(survey, "ledere_2026.xlsx")
    listed = [q for c in tomllib.loads(text)["chapters"] for q in c["questions"]]
    assert listed == questions(survey)
    assert '"b1",  # grid, 6 items: Hvor enig eller uenig' in text
    assert '"s_12",  # multi-response: Hvilke tiltak' in text
    assert '#   "kontorstr": Kontorstørrelse' in text  # a breakdown candidate
    assert "email" not in text and '"name"' not in text  # personal columns are not offered


def test_the_starter_of_the_real_fixture_covers_all_its_questions():
    real = read_surveyxact(REAL_XLSX)
    config = parse(starter_config(real, REAL_XLSX), file="report.toml")
    assert [q for c in config.chapters for q in c.questions] == questions(real)
    assert len(questions(real)) == 25


def _error(text: str, survey=None) -> str:
    with pytest.raises(ConfigError) as caught:
        config = parse(text, file="report.toml")
        if survey is not None:
            check_config(survey, config)
    return str(caught.value)


def test_unknown_keys_are_errors_with_their_line():
    message = _error('[report]\ntitle = "T"\ntitel = "T"\n')
    assert "unknown key 'titel' in [report]" in message and "line 3, key 'titel'" in message
    assert "did you mean 'title'?" in message
    message = _error('[report]\n\n[[chapters]]\ntitle = "A"\nquestion = ["b1"]\n')
    assert "unknown key 'question' in [chapters]" in message and "line 5" in message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('[report]\nlanguage = "se"\n', "unknown language 'se'"),
        ("[report]\nmin_base = 0\n", "min_base must be a whole number"),
        ("[report]\nby = 3\n", "by must be a name or a list of names"),
        ('[[chapters]]\ntitle = "A"\n', "a chapter needs questions"),
        ('[[chapters]]\nquestions = ["b1"]\n', "a chapter needs title"),
        ("[parts]\ntests = 1\n", "tests must be true or false"),
        ('[report\ntitle = "x"\n', "report.toml is not valid TOML"),
        ("report = 3\n", "[report] must be a table"),
    ],
)
def test_bad_values(text, expected):
    assert expected in _error(text)


def test_names_are_checked_against_the_export(survey):
    message = _error('[[chapters]]\ntitle = "A"\nquestions = ["b1", "b9"]\n', survey)
    assert "names 'b9', which is not a question of this export" in message
    assert "line 3, key 'questions'" in message and "b1, b2" in message
    message = _error('[report]\nby = ["kontorstorrelse"]\n', survey)
    assert "no variable 'kontorstorrelse' to break down by" in message and "line 2" in message
    message = _error('[sample]\nkey_items = ["b7"]\n', survey)
    assert "no item 'b7'" in message
    message = _error('[regression]\noutcome = "b1_3"\npredictors = ["storrelse"]\n', survey)
    assert "no variable 'storrelse' for the model" in message and "line 3" in message


def test_cli_init_writes_then_refuses_to_overwrite(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["report", "--init", str(example_round())]) == 0
    assert "wrote report.toml" in capsys.readouterr().out
    assert parse((tmp_path / "report.toml").read_text(), file="report.toml").chapters
    assert main(["report", "--init", str(example_round())]) == 2
    assert "report.toml already exists" in capsys.readouterr().err
    assert main(["report", "--init", str(example_round()), "--force"]) == 0


def test_cli_reports_config_errors_as_advice(tmp_path, capsys):
    config = tmp_path / "report.toml"
    config.write_text('[[chapters]]\ntitle = "A"\nquestions = ["nope"]\n')
    code = main(
        [
            "report",
            str(example_round()),
            "--config",
            str(config),
            "--out",
            str(tmp_path / "out"),
            "--quiet",
        ]
    )
    err = capsys.readouterr().err
    assert code == 2 and "which is not a question of this export" in err
    assert "Traceback" not in err and not (tmp_path / "out").exists()


def test_answered_without_a_response_status_is_refused_before_any_analysis(tmp_path):
    from tests.conftest import small_tables
    from toolkit.surveys.synthetic import write_xlsx_export

    write_xlsx_export(small_tables(), tmp_path / "tiny.xlsx")  # no statoverall
    tiny = read_surveyxact(tmp_path / "tiny.xlsx")
    message = _error("[sample]\nanswered = true\n", tiny)
    assert "needs SurveyXact's response status" in message and "line 2" in message


@pytest.mark.parametrize("export", ["example", "real"])
def test_the_overview_sentence_and_table_count_the_same_questions(export):
    # page 1 said 7 questions above a table counting 8 (25 and 29 on the real export): an
    # "Annet" text was counted as a question of its own in the table
    from toolkit.report.sections.sample import overview_section

    survey = read_surveyxact(example_round() if export == "example" else REAL_XLSX)
    section = overview_section(survey)
    sentence = section.blocks[0].text
    table = next(section.tables()).table
    in_table = int(table.values.iloc[:, 0].sum())
    expected = {"example": 7, "real": 25}[export]  # questions(): counted in the starter
    assert f" {expected} spørsmål" in sentence and in_table == expected


def test_a_configuration_without_chapters_reports_every_question(tmp_path):
    # [report] and [parts] alone once built a report of the overview and nothing else
    from tests.conftest import small_tables
    from toolkit.report import build_report
    from toolkit.surveys.synthetic import write_xlsx_export

    write_xlsx_export(small_tables(), tmp_path / "tiny.xlsx")
    config = tmp_path / "report.toml"
    config.write_text('[report]\nby = ["ja"]\n\n[parts]\ntests = true\n', encoding="utf-8")
    result = build_report(tmp_path / "tiny.xlsx", tmp_path / "out", config=config, progress=False)
    from toolkit.report.blocks import Section

    keys = {s.key for s in result.sections}
    keys |= {b.key for s in result.sections for b in s.walk() if isinstance(b, Section)}
    assert {"q", "ja", "m", "komm"} <= keys


def test_every_mistake_is_named_in_one_error_before_any_analysis(survey, tmp_path):
    config = tmp_path / "report.toml"
    config.write_text(
        '[report]\nby = ["kontorstrr"]\n\n[parts]\nmeans = ["b9"]\n\n'
        '[weights]\npopulation = "mangler.csv"\nvariables = ["region"]\ncount = "n"\n\n'
        '[[chapters]]\ntitle = "A"\nquestions = ["b1", "b7"]\n',
        encoding="utf-8",
    )
    from toolkit.report.config import read_config

    with pytest.raises(ConfigError) as caught:
        check_config(survey, read_config(config))
    message = str(caught.value)
    assert message.startswith("4 problems in report.toml")
    for expected in ("'b7'", "'kontorstrr'", "'b9'", "'mangler.csv' does not exist"):
        assert expected in message, expected
    assert "line 2, key 'by'" in message and "line 14, key 'questions'" in message


def test_init_writes_whole_chapter_titles():
    # titles were cut inside with "…" ("Kryss av for de programfagene du har valgt/skal velge
    # (Kryss kun av …"): now whole, or the question's first clause when it is very long
    real = read_surveyxact(REAL_XLSX)
    config = parse(starter_config(real, REAL_XLSX), file="report.toml")
    from toolkit.report.sections import question_title

    for chapter in config.chapters:
        full = " ".join(question_title(real, chapter.questions[0]).split())
        assert "…" not in chapter.title and full.startswith(chapter.title), chapter.title
        assert len(chapter.title) >= 20 or chapter.title == full
