"""Hostile and malformed SurveyXact CSV exports: clear errors with a line, or problem rows;
and inputs that are unusual but valid are read, not refused."""

from __future__ import annotations

import pytest

from tests.conftest import small_tables
from tests.hostile import Case, check
from toolkit import read_surveyxact
from toolkit.errors import CorruptFileError, EncodingError, ExportFormatError
from toolkit.surveys.synthetic import write_csv_export


def _export(tmp_path, **options):
    folder = tmp_path / "export"
    write_csv_export(small_tables(), folder, **options)
    return folder


def _edit(folder, name, change, encoding="cp1252"):
    path = folder / name
    path.write_bytes(change(path.read_bytes().decode(encoding)).encode(encoding))
    return folder


def _unclosed_quote(tmp_path):
    return _edit(
        _export(tmp_path), "structure.csv", lambda t: t.replace("Single;Har", 'Single;"Har', 1)
    )


def _bad_label_code(tmp_path):
    return _edit(_export(tmp_path), "labels.csv", lambda t: t.replace("ja;2;Nei", "ja;to;Nei"))


def _nul_bytes(tmp_path):
    folder = _export(tmp_path)
    path = folder / "dataset.csv"
    path.write_bytes(path.read_bytes().replace("Æøå".encode("cp1252"), "Æ\0øå".encode("cp1252")))
    return folder


def _mojibake(tmp_path):
    return _export(tmp_path, encoding="utf-8")  # read below with encoding="cp1252"


def _bom_on_cp1252(tmp_path):
    folder = _export(tmp_path)
    path = folder / "structure.csv"  # holds "påstandene" in Windows-1252
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    return folder


def _ragged_row(tmp_path):
    folder = _export(tmp_path)
    lines = (folder / "dataset.csv").read_bytes().split(b"\r\n")
    lines[3] = lines[3].rsplit(b";", 2)[0]  # the third respondent's row is cut short
    (folder / "dataset.csv").write_bytes(b"\r\n".join(lines))
    return folder


def _duplicate_columns(tmp_path):
    return _edit(_export(tmp_path), "dataset.csv", lambda t: t.replace("q_2;", "q_1;", 1))


def _malformed_quote(tmp_path):
    return _edit(
        _export(tmp_path), "structure.csv", lambda t: t.replace(";Kommentarer;", ';"Komm"entarer;')
    )


def _wrong_separator(tmp_path):
    return _export(tmp_path)  # read below with sep=","


def _utf16_as_utf8(tmp_path):
    return _export(tmp_path, encoding="utf-16", sep="\t")  # read below with encoding="utf-8"


CASES = [
    (
        Case(
            "an unclosed quote in structure.csv", _unclosed_quote, CorruptFileError, where="line 4"
        ),
        {},
    ),
    (
        Case(
            "a label code that is not a number",
            _bad_label_code,
            problem="bad-label-row",
            where="line 14",
        ),
        {},
    ),
    (Case("NUL bytes inside an answer", _nul_bytes, problem="nul-bytes", where="line 5"), {}),
    (
        Case("explicit cp1252 on a UTF-8 export", _mojibake, EncodingError, where="line"),
        {"encoding": "cp1252"},
    ),
    (Case("a UTF-8 BOM on Windows-1252 bytes", _bom_on_cp1252, EncodingError, where="line"), {}),
    (Case("a dataset row cut short", _ragged_row, CorruptFileError, where="line 4"), {}),
    (Case("duplicate column names", _duplicate_columns, ExportFormatError, where="header"), {}),
    (
        Case(
            'a quote inside a word ("Komm"entarer)',
            _malformed_quote,
            problem="repaired-row",
            where="line 9",
        ),
        {},
    ),
    (
        Case("sep=',' on a ';' export", _wrong_separator, ExportFormatError, where="header"),
        {"sep": ","},
    ),
    (
        Case("explicit utf-8 on a UTF-16 export", _utf16_as_utf8, EncodingError),
        {"encoding": "utf-8"},
    ),
]


@pytest.mark.parametrize(("case", "options"), CASES, ids=[str(c) for c, _ in CASES])
def test_hostile_csv(case, options, tmp_path, monkeypatch):
    if options:  # toolkit inspect gets the same options as the reader
        from toolkit.cli import inspect as cli_inspect

        original = cli_inspect.describe
        monkeypatch.setattr(cli_inspect, "describe", lambda path, **_: original(path, **options))
    check(case, lambda path: read_surveyxact(path, **options), tmp_path)


def test_errors_name_the_line_not_the_content(tmp_path):
    with pytest.raises(CorruptFileError) as info:
        read_surveyxact(_ragged_row(tmp_path))
    assert "a@x.no" not in str(info.value) and "d@x.no" not in str(info.value)
    assert info.value.found == "8 fields"


def test_mismatched_separator_says_separator(tmp_path):
    with pytest.raises(ExportFormatError) as info:
        read_surveyxact(_wrong_separator(tmp_path), sep=",")
    assert "separated by semicolon ';', not by comma ','" in info.value.what
    assert info.value.hint.startswith("pass sep=';'")


def test_nul_bytes_are_removed_and_reported(tmp_path):
    survey = read_surveyxact(_nul_bytes(tmp_path))
    assert survey.data["komm"].tolist()[3] == "Æøå; særlig"


def test_nul_bytes_name_the_row_and_column(tmp_path):
    folder = _nul_bytes(tmp_path)
    path = folder / "dataset.csv"
    path.write_bytes(path.read_bytes().replace(b"Studietur", b"Studie\0\0tur"))
    problems = read_surveyxact(folder).problems
    rows = problems[problems["kind"] == "nul-bytes"].sort_values("location")
    # by hand: one line per row after the header up to the last, whose answer spans two;
    # "Æøå" is respondent 104's komm (row 4, line 5), "Studietur" 105's m_txt (row 5, line 6)
    assert rows["variable"].tolist() == ["komm", "m_txt"]
    assert rows["location"].tolist() == ["line 5, row 4", "line 6, row 5"]
    assert rows["count"].tolist() == [1, 2]


def test_nul_padding_at_the_end_is_reported(tmp_path):
    folder = _export(tmp_path)
    path = folder / "dataset.csv"
    path.write_bytes(path.read_bytes() + b"\0" * 8192)  # a file cut off by a crash
    survey = read_surveyxact(folder)
    problems = survey.problems
    padding = problems[problems["kind"] == "nul-padding"]
    assert len(survey.data) == 6
    assert padding["count"].tolist() == [8192]
    # the sixth respondent's answer spans two lines: header + 5 rows + 2 lines = line 8
    assert padding["location"].tolist() == ["end of file, after row 6 (line 8)"]
    assert "nul-bytes" not in set(problems["kind"])


def test_long_structure_text_and_multi_mib_answer_load(tmp_path):
    tables = small_tables()
    structure = tables.structure.copy()
    long_text = "Hvor enig er du i påstanden? " * 8000  # 232,000 characters
    structure.loc[structure["variableName"] == "komm", "questionText"] = long_text
    data = tables.dataset.copy()
    answer = "Veldig lang kommentar; med «sitater» og æøå. " * 120_000  # 5.4 MiB
    data["komm"] = data["komm"].astype(object)
    data.loc[0, "komm"] = answer
    folder = tmp_path / "export"
    write_csv_export(small_tables(structure=structure, dataset=data), folder)
    survey = read_surveyxact(folder)
    assert survey.entry("komm")["question_text"] == long_text.strip()
    assert survey.data["komm"].iloc[0] == answer.strip() or survey.data["komm"].iloc[0] == answer


def test_unclosed_quote_no_longer_retypes_items(tmp_path):
    with pytest.raises(CorruptFileError) as info:  # "closed" by a quoted text two lines on
        read_surveyxact(_unclosed_quote(tmp_path))
    assert info.value.what == "structure.csv has a quote that is never closed"
    assert (
        info.value.found
        == "the quoted text runs from line 4 to line 6, swallowing the lines between"
    )
    folder = _edit(  # the last row's quote: nothing closes it
        _export(tmp_path / "b"),
        "structure.csv",
        lambda t: t.replace(";Kommentarer;", ';"Kommentarer;'),
    )
    with pytest.raises(CorruptFileError) as info:
        read_surveyxact(folder)
    assert info.value.where == "line 9" and info.value.found.endswith("to the end of the file")


def test_an_answer_too_long_is_cut_and_named(tmp_path, monkeypatch):
    from toolkit.surveys import assemble

    monkeypatch.setattr(assemble, "MAX_ANSWER", 1_000)
    data = small_tables().dataset.copy()
    data["komm"] = data["komm"].astype(object)
    data.loc[4, "komm"] = "æ" * 5_000
    folder = tmp_path / "export"
    write_csv_export(small_tables(dataset=data), folder)
    survey = read_surveyxact(folder)
    assert survey.data["komm"].iloc[4] == "æ" * 1_000
    assert survey.data["komm"].iloc[0] == 'Bra, men "travelt"'  # the others are whole
    cut = survey.problems[survey.problems["kind"] == "long-answer"]
    assert cut[["location", "variable", "count"]].values.tolist() == [["row 5", "komm", 5_000]]


@pytest.mark.slow
def test_a_64_mib_answer_loads_in_under_1_gib(tmp_path):
    import json
    import subprocess
    import sys

    from toolkit.surveys import assemble

    data = small_tables().dataset.copy()
    data["komm"] = data["komm"].astype(object)
    data.loc[0, "komm"] = "Lang tekst med æøå. " * (64 * 2**20 // 20)
    folder = tmp_path / "export"
    write_csv_export(small_tables(dataset=data), folder)  # Windows-1252, as SurveyXact's
    script = (
        "import json, resource, sys\n"
        "from toolkit import read_surveyxact\n"
        "s = read_surveyxact(sys.argv[1])\n"
        "print(json.dumps([len(s.data['komm'].iloc[0]), sorted(set(s.problems['kind'])),\n"
        "      resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024]))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script, str(folder)], capture_output=True, text=True, check=True
    ).stdout
    length, kinds, peak_mib = json.loads(out)
    assert length == assemble.MAX_ANSWER
    assert "long-answer" in kinds
    assert peak_mib < 1024
