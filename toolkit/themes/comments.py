"""Open survey comments as a Corpus, with Norwegian text helpers and dictionary coding.

Each non-blank answer becomes a document carrying the respondent's background attributes,
so ``code_frequencies`` and ``quotes`` work on comments as on interviews, broken down by
survey variables. Text helpers use nltk without downloadable data: ``RegexpTokenizer``
for words, ``SnowballStemmer("norwegian")``, and the stopword list packaged here
(:data:`STOPWORDS`, bokmål function words; nltk's own list needs a download, which is not
available offline).

Examples
--------
>>> from toolkit import read_surveyxact
>>> from toolkit.data import example_round
>>> survey = read_surveyxact(example_round())
>>> corpus = comments_corpus(survey, "s_14", attributes=["kontorstr"])
>>> len(corpus.documents)
91
>>> word_frequencies(corpus).iloc[0]["word"]
'tid'
>>> coded = code_by_dictionary(corpus, {"Tid": ["stem:tid"], "Samarbeid": ["samarbeid*"]})
>>> sorted(coded.segments["path"].unique())
['Samarbeid', 'Tid']
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

import pandas as pd

from toolkit.errors import UsageError
from toolkit.interviews.build import CorpusBuilder
from toolkit.interviews.corpus import DOCUMENT_COLUMNS, Corpus
from toolkit.surveys.survey import Survey
from toolkit.themes.units import sentences

#: Norwegian (bokmål) function words, packaged so no download is needed.
STOPWORDS = frozenset(
    """
alle andre at av bare begge ble bli blir blitt bort både da de dem den denne der deres
det dette di din disse dit du eller en ene eneste enhver enn er et ett etter for fordi
fra før ha hadde han hans har hennar henne hennes her hit hva hvem hver hvilke hvilken
hvis hvor hvordan hvorfor i ikke ingen inn innen jeg kan kom kun kunne man mange med meg
men mens mer mest min mine mitt mot mye må måtte ned nei noe noen nok nå når og også om
opp oss over på sa samme seg selv si sin sine sitt skal skulle slik som så sånn til um
under ut uten var ved vi vil ville vår våre vårt være vært å
""".split()
)


@cache
def _tokens():
    """nltk's tokenizer, imported when first used (nltk's package import pulls in
    scipy.stats: 0.8 s a report with no open answer never pays)."""
    from nltk.tokenize import RegexpTokenizer

    return RegexpTokenizer(r"\w+")


@cache
def _stemmer():
    from nltk.stem.snowball import SnowballStemmer

    return SnowballStemmer("norwegian")


def tokens(text: str, *, stem: bool = False, stopwords: bool = True) -> list[str]:
    """Lower-case word tokens; optionally stemmed and without stopwords."""
    words = [w.lower() for w in _tokens().tokenize(text) if not w.isdigit()]
    if stopwords:
        words = [w for w in words if w not in STOPWORDS]
    return [_stemmer().stem(w) for w in words] if stem else words


def comments_corpus(
    survey: Survey,
    variables: str | list[str],
    *,
    attributes: list[str] | None = None,
    include_personal: bool = False,
) -> Corpus:
    """One document per non-blank open answer, named ``variable-respondent``, carrying the
    respondent's ``attributes`` (survey variables) and the ``variable`` it answers.
    Personal columns (names, e-mail, ids) are refused as variables or attributes unless
    ``include_personal``.

    Parameters
    ----------
    survey
        The survey.
    variables
        The open questions.
    attributes
        Survey variables each answer carries (e.g. a background variable).
    include_personal
        Allow personal columns.

    Returns
    -------
    Corpus
        One document per answer.

    Examples
    --------
    See the module's example.
    """
    variables = [variables] if isinstance(variables, str) else list(variables)
    attributes = list(attributes or [])
    for name in variables + attributes:
        if name not in survey.data.columns:
            raise UsageError(f"no variable {name!r} in the survey", file=survey.source.path)
    survey.guard_personal(
        variables + attributes,
        include_personal=include_personal,
        use="turn it into comment documents",
    )
    builder = CorpusBuilder({"path": survey.source.path, "format": "survey-comments"})
    for variable in variables:
        answers = survey.data[variable].dropna()
        for respondent, text in answers.items():
            values = {a: survey.data.at[respondent, a] for a in attributes}
            values = {k: (None if pd.isna(v) else str(v)) for k, v in values.items()}
            builder.add_document(
                f"{variable}-{respondent}",
                str(text),
                {"variable": variable, "respondent": respondent, **values},
            )
    return builder.build()


def word_frequencies(
    corpus: Corpus, *, stem: bool = False, stopwords: bool = True, ngram: int = 1
) -> pd.DataFrame:
    """``word`` (or bigram with ``ngram=2``), ``n`` (occurrences) and ``documents``.

    Parameters
    ----------
    corpus
        Open answers (:func:`comments_corpus`) or transcripts.
    stem
        Count Norwegian stems (nltk's Snowball) instead of words.
    stopwords
        Leave out common short words.
    ngram
        1 for words, 2 for word pairs.

    Returns
    -------
    DataFrame
        One row per word, most frequent first.

    Examples
    --------
    See the module's example.
    """
    total, documents = Counter(), Counter()
    for text in corpus.documents["text"]:
        words = tokens(text, stem=stem, stopwords=stopwords)
        grams = [" ".join(words[i : i + ngram]) for i in range(len(words) - ngram + 1)]
        total.update(grams)
        documents.update(set(grams))
    rows = [{"word": w, "n": n, "documents": documents[w]} for w, n in total.items()]
    table = pd.DataFrame(rows, columns=["word", "n", "documents"])
    return table.sort_values(["n", "word"], ascending=[False, True], ignore_index=True)


def _word_pattern(word: str) -> re.Pattern:
    """A whole word, any case; ``*`` matches the rest of a word ("samarbeid*")."""
    body = re.escape(word).replace(r"\*", r"\w*")
    return re.compile(r"(?<!\w)" + body + r"(?!\w)", re.IGNORECASE)


def keyword_in_context(corpus: Corpus, word: str, *, width: int = 40) -> pd.DataFrame:
    """Every occurrence of ``word`` (whole word, any case; ``*`` as wildcard) with
    ``width`` characters of context each side."""
    pattern = _word_pattern(word)
    rows = []
    for document, text in zip(corpus.documents["document"], corpus.documents["text"], strict=True):
        for m in pattern.finditer(text):
            rows.append(
                {
                    "document": document,
                    "left": text[max(0, m.start() - width) : m.start()],
                    "keyword": m.group(),
                    "right": text[m.end() : m.end() + width],
                    "start": m.start(),
                    "end": m.end(),
                }
            )
    return pd.DataFrame(rows, columns=["document", "left", "keyword", "right", "start", "end"])


def _matcher(rule: str):
    if rule.startswith("re:"):
        regex = re.compile(rule[3:], re.IGNORECASE)
        return lambda sentence: bool(regex.search(sentence))
    if rule.startswith("stem:"):
        stem = _stemmer().stem(rule[5:].lower())
        return lambda sentence: stem in tokens(sentence, stem=True, stopwords=False)
    regex = _word_pattern(rule)
    return lambda sentence: bool(regex.search(sentence))


def code_by_dictionary(corpus: Corpus, rules: dict[str, list[str]] | pd.DataFrame) -> Corpus:
    """Code every sentence that matches a rule: ``{code path: [word, "prefix*",
    "stem:word", "re:regex"]}`` (or a table with columns ``code`` and ``rule``).

    Parameters
    ----------
    corpus
        Open answers or transcripts.
    rules
        Code path → words, prefixes, stems or regular expressions (or a table).

    Returns
    -------
    Corpus
        The corpus with the sentences that match coded.

    Examples
    --------
    See the module's example.
    """
    if isinstance(rules, pd.DataFrame):
        rules = rules.groupby("code")["rule"].apply(list).to_dict()
    matchers = {code: [_matcher(r) for r in items] for code, items in rules.items()}
    builder = CorpusBuilder({**corpus.source, "coding": "dictionary"})
    for row in corpus.documents.to_dict("records"):
        doc = builder.add_document(
            row["name"],
            row["text"],
            {k: v for k, v in row.items() if k not in DOCUMENT_COLUMNS},
            row["document"],
        )
        for start, end in sentences(row["text"]):
            sentence = row["text"][start:end]
            for code, tests in matchers.items():
                if any(test(sentence) for test in tests):
                    builder.add_segment(
                        doc, builder.code_for_path(code), start, end, coder="ordliste"
                    )
    return builder.build()
