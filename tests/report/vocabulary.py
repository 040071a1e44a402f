"""Words a reader sees, and the words of another language among the fixed texts.

:func:`visible_text` reads what a reader of a build's outputs sees: the HTML's text
(not its markup, styles or scripts), every paragraph and table cell of the Word file, every
string cell and sheet name of the Excel file, and every ``<text>`` of the SVG figures.
:func:`foreign_words` takes out every text that comes from the data or the configuration
(question texts, labels, answers, group names, quotes, chapter titles: the researcher's
words, in the language they were written in) and returns the words left that belong to
another report language: for an English report, Norwegian words; for bokmål, English;
for nynorsk, English and bokmål forms nynorsk does not use.
"""

from __future__ import annotations

import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

# words that are not words of the report language (chosen to be unambiguous: "for",
# "side", "sum", "test", "note" and "N" are words in both and are not listed)
NORWEGIAN = set(
    "og av på med til som er ikke ikkje svar svarte tabell figur kilde kjelde antall tal "
    "prosent gruppe gruppene grupper ingen eller etter alle spørsmål spørsmålet vektet vekta "
    "utvalg utval andel del gjennomsnitt totalt endring endringer runde rundene forskjell "
    "forskjeller innhold fra frå ein eit dei berre bare også òg hvor kor mellom uten utan "
    "flere fleire enn når hva kva vises vist ikkje sier seier skrev skreiv valgte valde "
    "merknad kategori kategorier svarprosent tester testene designeffekt effektstørrelse".split()
)
ENGLISH = set(
    "the and of with table figure source number percent group groups none or all question "
    "questions weighted sample share mean total change round difference differences "
    "contents without between answers answered not too few left out which who said "
    "chose wrote category categories response rate design effect size".split()
)
BOKMAL_NOT_NYNORSK = set(
    "ikke hva hvor hvordan noen fra bare kilde hvis ble mye jeg deres hvilke vektet etter "
    "utvalg mellom enn sier skrev valgte flere hverandre".split()
    # "mellom", "enn", "etter" are nynorsk too: taken out again below
) - {"mellom", "enn", "etter"}

# technical terms used as they are in every language (in parentheses after a translation)
TERMS = ("difference-in-differences",)

FOREIGN = {"en": NORWEGIAN, "nb": ENGLISH, "nn": ENGLISH | BOKMAL_NOT_NYNORSK}


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("style", "script"):
            self._skip += 1
        for name, value in attrs:
            if name in ("alt", "title", "aria-label") and value:
                self.parts.append(value)

    def handle_endtag(self, tag):
        if tag in ("style", "script"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def _xml_texts(data: bytes, tag: str) -> list[str]:
    root = ElementTree.fromstring(data)
    return ["".join(e.itertext()) for e in root.iter() if e.tag.rsplit("}", 1)[-1] == tag]


def visible_text(folder: Path) -> dict[str, list[str]]:
    """Every text a reader sees, by output file (one string per paragraph, cell, label)."""
    out: dict[str, list[str]] = {}
    for path in sorted(folder.rglob("*")):
        if path.suffix == ".html" and path.name == "report.html":
            parser = _Text()
            parser.feed(path.read_text(encoding="utf-8"))
            out[path.name] = parser.parts
        elif path.suffix == ".svg":  # a label wrapped over lines is one text
            out[path.name] = [" ".join(_xml_texts(path.read_bytes(), "text"))]
        elif path.suffix == ".docx" and path.name == "report.docx":
            with zipfile.ZipFile(path) as z:
                names = [n for n in z.namelist() if re.match(r"word/(document|header|footer)", n)]
                out[path.name] = [t for n in names for t in _xml_texts(z.read(n), "p")]
        elif path.suffix == ".xlsx":
            with zipfile.ZipFile(path) as z:
                texts = _xml_texts(z.read("xl/workbook.xml"), "sheet")
                root = ElementTree.fromstring(z.read("xl/workbook.xml"))
                texts = [e.get("name", "") for e in root.iter() if e.tag.endswith("}sheet")]
                if "xl/sharedStrings.xml" in z.namelist():
                    texts += _xml_texts(z.read("xl/sharedStrings.xml"), "si")
                for n in z.namelist():
                    if n.startswith("xl/worksheets/sheet"):
                        texts += _xml_texts(z.read(n), "is")
                out[path.name] = texts
    return out


def _strings(value):
    """Every string inside a TOML value (tables and lists walked)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def _survey_texts(survey) -> list[str]:
    import pandas as pd

    book = survey.codebook
    texts = [v for column in book.columns for v in book[column] if isinstance(v, str)]
    texts += [str(v) for labels in book["labels"].dropna() for v in dict(labels).values()]
    for column in survey.data.columns:
        values = survey.data[column]
        if isinstance(values.dtype, pd.CategoricalDtype):
            texts += [str(v) for v in values.cat.categories]
        elif values.dtype == object or pd.api.types.is_string_dtype(values):
            texts += [str(v) for v in values.dropna().unique()]
    return texts


def data_texts(exports=(), config: Path | None = None, corpora=(), rounds=None) -> list[str]:
    """Every text the researcher or the respondents wrote: the codebooks' strings and
    labels, every text or category in the data, every string of the configuration and of
    ``rounds.toml``, and the transcripts' texts, codes and attributes."""
    import tomllib

    from toolkit import read_corpus, read_surveyxact

    texts: list[str] = []
    for export in exports:
        texts += _survey_texts(export if hasattr(export, "codebook") else read_surveyxact(export))
    for path in [config, rounds]:
        if path is not None and Path(path).is_file():
            texts += list(_strings(tomllib.loads(Path(path).read_text(encoding="utf-8"))))
    for path in corpora:
        corpus = read_corpus(path)
        for frame in (corpus.documents, corpus.segments, corpus.codes):
            texts += [v for c in frame.columns for v in frame[c] if isinstance(v, str)]
    return texts


def _fragments(strings) -> list[str]:
    """Each data text whole and in its clauses (headings cut a question at a clause,
    captions quote an item after a colon), lower-cased, longest first."""
    found = set()
    for s in strings:
        s = " ".join(str(s).split()).lower()
        if len(s) < 2:
            continue
        found.add(s)
        found |= {p.strip() for p in re.split(r"[.:;?!,()«»\"'/–\-]", s) if len(p.strip()) > 2}
    return sorted(found, key=len, reverse=True)


WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def foreign_words(folder: Path, language: str, data_texts) -> list[tuple[str, str, str]]:
    """(file, word, the text it stands in) for every word of another language left after
    the data's and the configuration's texts are taken out."""
    fragments = _fragments(data_texts) + list(TERMS)
    pattern = (
        re.compile(r"(?<!\w)(?:" + "|".join(re.escape(f) for f in fragments) + r")(?!\w)")
        if fragments
        else None
    )
    foreign = FOREIGN[language]
    found = []
    for name, texts in visible_text(folder).items():
        for shown in texts:
            plain = " ".join(shown.split()).lower()
            left = pattern.sub(" ", plain) if pattern else plain
            for word in WORD.findall(left):
                if word in foreign:
                    found.append((name, word, shown[:160]))
    return found
