"""The quantifier vocabulary: one mapping for describe() and the checker, extendable."""

from __future__ import annotations

from tests.check import builders
from toolkit import check_draft, read_surveyxact
from toolkit.quantifiers import vocabulary
from toolkit.themes.wording import describe


def test_every_word_describe_writes_fits_its_share():
    words = vocabulary()
    for total in range(1, 31):
        for n in range(total + 1):
            word = describe(n, total).split(" (")[0]
            assert words.fits(word, n, total), (word, n, total)


def test_intervals_by_hand():
    words = vocabulary()
    assert words.fits("over halvparten", 7, 12) and not words.fits("over halvparten", 6, 12)
    assert words.fits("om lag en tredel", 4, 12) and not words.fits("om lag en tredel", 6, 12)
    assert words.fits("ingen", 0, 9) and not words.fits("få", 0, 9)
    assert words.fits("alle", 9, 9) and not words.fits("nesten alle", 9, 9)
    assert words.fits("flere", 3, 12) and not words.fits("flere", 2, 8)  # at least three
    assert "fleirtalet" in words.phrases("nn") and "the majority" in words.phrases("en")


def test_a_user_vocabulary_extends_the_builtin_one(tmp_path):
    (tmp_path / "ord.toml").write_text('[nb]\n"godt over halvparten" = [0.6, 0.8]\n',
                                       encoding="utf-8")  # fmt: skip
    survey = read_surveyxact(builders.survey_export(tmp_path))
    draft = builders.write_md(
        tmp_path,
        "Godt over halvparten er enige eller helt enige i at de har nok tid til oppgavene.\n\n"
        "Godt over halvparten har egne rutiner for unge brukere.\n",
    )
    plain = check_draft(draft, survey=survey).to_frame()
    extended = check_draft(draft, survey=survey, vocabulary=tmp_path / "ord.toml").to_frame()
    assert "godt over halvparten" not in set(plain["claim"])  # unknown without the file
    # 8 of 11 = 72,7 % fits [60 %, 80 %]; 6 of 11 = 54,5 % does not
    assert extended[["claim", "kind"]].values.tolist() == [
        ["godt over halvparten", "ok"],
        ["godt over halvparten", "quantifier"],
    ]
