"""CorpusBuilder: what every loader feeds, so every loader gives the same model.

It keeps the code tree (codes by id; by path, creating parents as needed), documents with
attributes (text normalised to LF), segments (checked against the text: a segment whose
text does not match is never handed back), speaker turns and cases, and collects problems.

Examples
--------
>>> b = CorpusBuilder(source={"path": "demo", "format": "demo"})
>>> doc = b.add_document("Intervju 1", "Leder: Vi mangler tid.\\nI: Hvorfor?", {"role": "leder"})
>>> code = b.code_for_path("Tid/Arbeidspress")
>>> b.add_segment(doc, code, 7, 22)
True
>>> corpus = b.build()
>>> corpus.segments[["path", "text"]].values.tolist()
[['Tid/Arbeidspress', 'Vi mangler tid.']]
>>> corpus.turns["speaker"].tolist()
['Leder', 'I']
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import pandas as pd

from toolkit.interviews.corpus import (
    CODE_COLUMNS,
    DOCUMENT_COLUMNS,
    SEGMENT_COLUMNS,
    TURN_COLUMNS,
    Corpus,
)
from toolkit.interviews.text import find_turns, normalise, word_numbers
from toolkit.problems import Problems

_PATH_SEP = re.compile(r"\s*(?:/|>|\\)\s*")


def split_path(path: str) -> list[str]:
    """ "Tema/Undertema", "Tema > Undertema", "Tema\\Undertema" → ["Tema", "Undertema"]."""
    return [part for part in _PATH_SEP.split(str(path).strip()) if part]


class CorpusBuilder:
    """Collects documents, codes and segments from a loader; :meth:`build` checks them."""

    def __init__(self, source: dict[str, Any] | None = None) -> None:
        self.source = dict(source or {})
        self.problems = Problems()
        self.documents: dict[str, dict[str, Any]] = {}
        self.codes: dict[str, dict[str, Any]] = {}
        self._by_path: dict[str, str] = {}
        self.segments: list[dict[str, Any]] = []
        self.cases: dict[str, dict[str, Any]] = {}
        self.case_documents: list[tuple[str, str]] = []

    # ----------------------------------------------------------------- codes
    def add_code(
        self,
        code: str,
        name: str,
        parent: str | None = None,
        *,
        description: str | None = None,
        color: str | None = None,
    ) -> str:
        parent_path = self.codes[parent]["path"] if parent in self.codes else None
        path = f"{parent_path}/{name}" if parent_path else name
        self.codes[code] = {
            "code": code,
            "name": name,
            "parent": parent,
            "path": path,
            "depth": path.count("/") + 1,
            "description": description,
            "color": color,
        }
        self._by_path.setdefault(path, code)
        return code

    def code_for_path(self, path: str) -> str:
        """The code id for a path, creating it and its parents when new."""
        parts = split_path(path)
        parent = None
        for depth in range(1, len(parts) + 1):
            key = "/".join(parts[:depth])
            if key not in self._by_path:
                self.add_code(key, parts[depth - 1], parent)
            parent = self._by_path[key]
        return parent

    # ------------------------------------------------------------- documents
    def add_document(
        self, name: str, text: str, attributes: dict | None = None, document: str | None = None
    ) -> str:
        """Add a document; returns its id. Offsets given later refer to the normalised text
        unless passed through :meth:`to_normalised`."""
        document = document or f"d{len(self.documents) + 1}"
        normal, to_new = normalise(text)
        self.documents[document] = {
            "document": document,
            "name": name,
            "text": normal,
            "original_text": text if normal != text else None,
            "_map": to_new,
            **(attributes or {}),
        }
        return document

    def to_normalised(self, document: str, offset: int) -> int:
        return self.documents[document]["_map"](offset)

    def set_attributes(self, document: str, attributes: dict) -> None:
        self.documents[document].update(attributes)

    # -------------------------------------------------------------- segments
    def add_segment(
        self,
        document: str,
        code: str,
        start: int,
        end: int,
        *,
        coder: str | None = None,
        memo: str | None = None,
        segment: str | None = None,
        where: str | None = None,
    ) -> bool:
        """Add a coded segment (normalised offsets); False if it was out of range."""
        text = self.documents[document]["text"]
        if not 0 <= start <= end <= len(text):
            self.problems.add(
                "selection-outside-text",
                f"selection {start}–{end} outside a text of {len(text)} characters; left out",
                file=self.source.get("path"),
                location=where,
                variable=document,
            )
            return False
        self.segments.append(
            {
                "segment": segment or f"s{len(self.segments) + 1}",
                "document": document,
                "code": code,
                "start": start,
                "end": end,
                "text": text[start:end],
                "coder": coder,
                "memo": memo,
            }
        )
        return True

    # ----------------------------------------------------------------- cases
    def add_case(
        self, case: str, name: str, attributes: dict | None = None, documents: list[str] = ()
    ) -> str:
        self.cases[case] = {"case": case, "name": name, **(attributes or {})}
        self.case_documents += [(case, d) for d in documents]
        return case

    # ----------------------------------------------------------------- build
    def _number_words(self, docs: pd.DataFrame, segments: pd.DataFrame) -> None:
        """``documents.words`` and each passage's ``word_start``/``word_end``, numbered
        once here so analyses never rescan the texts."""
        if "words" in docs.columns:  # an attribute of that name keeps its values
            self.problems.add(
                "renamed-attribute",
                "the document attribute 'words' is renamed 'words (attribute)': 'words' "
                "is each document's length in words",
                file=self.source.get("path"),
                variable="words",
            )
            docs.columns = ["words (attribute)" if c == "words" else c for c in docs.columns]
        before, offsets, words = word_numbers(docs["text"].tolist())
        docs.insert(min(4, len(docs.columns)), "words", words)
        row = pd.Index(docs["document"]).get_indexer(segments["document"])
        first = offsets[row] if len(row) else np.zeros(0, dtype=np.int64)
        for name, col in (("word_start", "start"), ("word_end", "end")):
            number = before[first + segments[col].to_numpy()] - before[first]
            segments.insert(segments.columns.get_loc(col) + 1, name, number.astype(np.int64))

    def build(self) -> Corpus:
        docs = pd.DataFrame(
            [{k: v for k, v in d.items() if k != "_map"} for d in self.documents.values()]
        )
        if docs.empty:
            docs = pd.DataFrame(columns=[c for c in DOCUMENT_COLUMNS if c != "words"])
        codes = pd.DataFrame(list(self.codes.values()), columns=CODE_COLUMNS)
        paths = codes.set_index("code")["path"].to_dict()
        computed = ("path", "word_start", "word_end")
        segments = pd.DataFrame(
            self.segments, columns=[c for c in SEGMENT_COLUMNS if c not in computed]
        )
        segments.insert(3, "path", segments["code"].map(paths))
        for col in ("start", "end"):
            segments[col] = segments[col].astype("int64")
        self._number_words(docs, segments)
        turns = [
            {
                "document": d["document"],
                "turn": i + 1,
                "speaker": speaker,
                "start": start,
                "end": end,
                "timestamp": stamp,
            }
            for d in self.documents.values()
            for i, (speaker, start, end, stamp) in enumerate(find_turns(d["text"]))
        ]
        cases = pd.DataFrame(list(self.cases.values()))
        if cases.empty:
            cases = pd.DataFrame(columns=["case", "name"])
        return Corpus(
            documents=docs,
            codes=codes,
            segments=segments,
            turns=pd.DataFrame(turns, columns=TURN_COLUMNS),
            cases=cases,
            case_documents=pd.DataFrame(self.case_documents, columns=["case", "document"]),
            problems=self.problems.to_frame(),
            source=self.source,
        )
