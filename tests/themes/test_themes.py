"""Matrix query, co-occurrence, wording, quotes and redaction, agreement, comments, joint
display."""

from __future__ import annotations

import re

import pytest

from tests.themes.test_frequencies import tiny  # noqa: F401  (fixture)
from toolkit import Redactor, code_frequencies, read_corpus, read_surveyxact
from toolkit.data import example_project, example_round
from toolkit.errors import PrivacyError
from toolkit.interviews.build import CorpusBuilder
from toolkit.interviews.privacy import valid_national_id
from toolkit.present.joint import joint_display
from toolkit.themes import (
    Quantifiers,
    agreement,
    code_by_dictionary,
    code_matrix,
    cohen_kappa,
    comments_corpus,
    cooccurrence,
    describe,
    keyword_in_context,
    krippendorff_alpha,
    quotes,
    word_frequencies,
    x_av_y,
)


def test_matrix_cells_link_to_their_segments(tiny):  # noqa: F811
    matrix = code_matrix(tiny, "rolle", unit="document", rollup=True)
    assert matrix.counts.loc["Tid", "leder"] == 1
    assert matrix.units.to_dict() == {"bruker": 1, "leder": 1, "veileder": 2}
    assert len(matrix.segments("Tid", "leder")) == 4  # rolled up: children's passages
    assert matrix.segments("Tid", "veileder").empty


def test_cooccurrence_by_hand(tiny):  # noqa: F811
    by_document = cooccurrence(tiny, unit="document")
    pair = by_document.iloc[0]
    assert {pair["path_a"], pair["path_b"]} == {"Tid/Arbeidspress", "Tid/Dokumentasjon"}
    assert (pair["n"], pair["jaccard"]) == (1, 1.0)
    overlapping = cooccurrence(tiny, unit="segment")
    # "tid og mye" overlaps "mye papir" (and both "Lite tid"): one Arbeidspress/Dokumentasjon
    # overlap unit; Samarbeid stands alone
    assert overlapping["n"].tolist() == [1]
    assert overlapping["n_a"].iloc[0] + overlapping["n_b"].iloc[0] > 2


@pytest.mark.parametrize(
    ("n", "total", "expected"),
    [
        (8, 8, "alle (8 av 8)"),
        (5, 8, "de fleste (5 av 8)"),
        (4, 8, "flere (4 av 8)"),
        (2, 8, "enkelte (2 av 8)"),
        (0, 8, "ingen (0 av 8)"),
        (3, 12, "flere (3 av 12)"),
        (2, 4, "enkelte (2 av 4)"),
    ],
)
def test_quantifiers_follow_the_documented_mapping(n, total, expected):
    assert describe(n, total) == expected


def test_wording():
    assert x_av_y(5, 6) == "fem av seks" and x_av_y(1, 12) == "én av tolv"
    assert Quantifiers(several=0.2, several_min=2).word(2, 8) == "flere"


@pytest.mark.parametrize(
    ("number", "valid"),
    [
        ("15076500565", True),
        ("150765 00565", True),
        ("15076500566", False),
        ("01019012345", False),
        ("1234567890", False),
    ],
)
def test_national_id_check_digits(number, valid):
    assert valid_national_id(number) is valid


def test_quotes_are_redacted_and_attributed_by_role_never_by_name():
    b = CorpusBuilder({"path": "q", "format": "test"})
    text = (
        "Kari: Jeg ringte Per Hansen på 41 23 45 67 og sendte fødselsnummeret "
        "15076500565 til per@kommune.no fra Lillehammer."
    )
    doc = b.add_document("Intervju 1", text, {"rolle": "avdelingsleder"})
    b.add_segment(doc, b.code_for_path("Samarbeid"), 0, len(text))
    corpus = b.build()
    redactor = Redactor({"Per Hansen": "(navn)", "Lillehammer": "(navn på kommune)"})
    quote = quotes(corpus, "Samarbeid", redactor=redactor).iloc[0]
    assert quote["attribution"] == "En avdelingsleder sier:"
    assert quote["quote"] == (
        "Jeg ringte (navn) på (telefonnummer) og sendte "
        "fødselsnummeret (fødselsnummer) til (e-post) fra "
        "(navn på kommune)."
    )
    assert "Kari" not in quote["quote"] and quote["redactions"] == 5
    report = corpus.pii_report(redactor)
    assert sorted(report["kind"]) == ["email", "name", "name", "national id", "phone"]


def test_quotes_per_group_prefer_different_documents():
    corpus = read_corpus(example_project("qdpx"))
    table = quotes(corpus, "Tid", by="rolle", per_group=2, min_words=8)
    assert table.groupby("rolle").size().max() <= 2
    leaders = table[table["rolle"] == "leder"]
    assert leaders["document"].nunique() == len(leaders)
    assert (table["words"] >= 8).all()
    texts = corpus.documents.set_index("document")["text"]
    for row in table.itertuples():  # offsets kept for audit
        assert texts[row.document][row.start : row.end].split()[-1] in row.quote


def test_kappa_and_alpha_against_worked_examples():
    # Cohen's kappa: 50 items, yes/yes 20, yes/no 5, no/yes 10, no/no 15 → 0.4
    a = [1] * 25 + [0] * 25
    b = [1] * 20 + [0] * 5 + [1] * 10 + [0] * 15
    assert cohen_kappa(a, b) == pytest.approx(0.4)
    # Krippendorff (2011), "Computing Krippendorff's alpha-reliability": binary, 2 coders
    assert krippendorff_alpha(
        [[0, 1, 0, 0, 0, 0, 0, 0, 1, 0], [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]]
    ) == pytest.approx(0.095, abs=5e-4)
    # … and nominal, 4 coders, 12 units with missing values: alpha = 0.743
    n = None
    data = [
        [1, 2, 3, 3, 2, 1, 4, 1, 2, n, n, n],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, n, 3],
        [n, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, n],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, n],
    ]
    assert krippendorff_alpha(data) == pytest.approx(0.743, abs=5e-4)


def test_agreement_between_two_coders_on_turns():
    text = "I: Spørsmål?\nLeder: Lite tid.\nI: Mer?\nLeder: Godt samarbeid.\nLeder: Ja."
    corpora = []
    for coded in (
        [("Tid", "Lite tid."), ("Samarbeid", "Godt samarbeid.")],
        [("Tid", "Lite tid."), ("Tid", "Ja.")],
    ):
        b = CorpusBuilder({"path": "a", "format": "test"})
        doc = b.add_document("Intervju", text)
        for path, phrase in coded:
            start = text.index(phrase)
            b.add_segment(doc, b.code_for_path(path), start, start + len(phrase))
        corpora.append(b.build())
    per_code, disagreements = agreement(corpora, unit="turn", coders=["A", "B"])
    tid = per_code.set_index("code").loc["Tid"]
    # 5 turns; Tid: A = [0,1,0,0,0], B = [0,1,0,0,1] → 4/5 agree, kappa = 0.6/…
    assert tid["units"] == 5 and tid["percent_agreement"] == pytest.approx(80)
    assert tid["kappa"] == pytest.approx(cohen_kappa([0, 1, 0, 0, 0], [0, 1, 0, 0, 1]))
    assert disagreements[["code", "A", "B"]].values.tolist() == [["Samarbeid", 1, 0], ["Tid", 0, 1]]


def test_comments_become_a_corpus_broken_down_by_background():
    survey = read_surveyxact(example_round())
    corpus = comments_corpus(survey, "s_14", attributes=["kontorstr"])
    assert len(corpus.documents) == survey.data["s_14"].notna().sum() == 91
    assert set(corpus.documents["kontorstr"]) == set(survey.data["kontorstr"].cat.categories)
    assert word_frequencies(corpus, ngram=2)["word"].str.count(" ").eq(1).all()
    kwic = keyword_in_context(corpus, "samarbeid*")
    assert kwic["keyword"].str.lower().str.startswith("samarbeid").all() and len(kwic) > 0
    coded = code_by_dictionary(corpus, {"Tid": ["stem:tid"]})
    coded.check()
    with_tid = corpus.documents["text"].str.contains(r"\btid\b", case=False)
    assert coded.segments["document"].nunique() == with_tid.sum()
    with pytest.raises(PrivacyError, match="is a personal column"):
        comments_corpus(survey, "s_14", attributes=["email"])


def test_joint_display_numbers_come_from_the_summaries():
    survey = read_surveyxact(example_round())
    corpus = read_corpus(example_project("qdpx"))
    row = joint_display(
        survey, corpus, [{"item": "b1_1", "code": "Samarbeid", "label": "Felles forståelse"}]
    ).iloc[0]
    assert row["Påstand"] == "Felles forståelse"
    assert row["Survey"].replace("\xa0", " ") == "Delvis enig / Helt enig: 60 % (N=183)"
    assert "leder: fire av fire" in row["Intervjuer"]
    assert row["Sitat"].startswith("«") and row["Sitat"].endswith(")")


def test_the_interview_section_speaks_the_report_language():
    # an English report said "null av to (0 %)" and "En leder sier:"
    from toolkit.report.options import Options
    from toolkit.report.sections import corpus_section

    corpus = read_corpus(example_project("qdpx"))
    english = corpus_section(corpus, Options(language="en"))
    table = next(english.tables()).table
    cells = [str(v) for v in table.frame.to_numpy().ravel()]
    assert all(re.fullmatch(r"\d+ of \d+ \(\d+%\)", c) for c in cells), cells[:3]  # "60%"
    quotes = [b.text for b in english.blocks if getattr(b, "kind", "") == "quote"]
    assert quotes and all(" says: «" in q and "sier" not in q for q in quotes)
    norwegian = corpus_section(corpus, Options(language="nb"))
    cells = [str(v) for v in next(norwegian.tables()).table.frame.to_numpy().ravel()]
    assert all(re.fullmatch(r"\d+ av \d+ \(\d+\u00a0%\)", c) for c in cells)


def test_the_code_tree_depth_is_depth_and_level_still_works_with_a_warning():
    """A code's depth in the tree is ``depth`` (``level`` is a confidence level elsewhere);
    ``level=`` still selects it for one release, with a DeprecationWarning."""
    from toolkit.data import example_project
    from toolkit.interviews import read_corpus
    from toolkit.report.sections.interviews import themes_table

    corpus = read_corpus(example_project("qdpx"))
    depths = corpus.codes.set_index("path")["depth"]
    assert depths.to_dict() == {p: p.count("/") + 1 for p in depths.index}
    table = code_frequencies(corpus, by="rolle", rollup=True)
    new = themes_table(table, "rolle", depth=2)
    with pytest.warns(DeprecationWarning, match="is now themes_table\\(depth=...\\)"):
        old = themes_table(table, "rolle", level=2)
    assert old.frame.equals(new.frame)
    assert len(new.frame) == int((depths == 2).sum())
