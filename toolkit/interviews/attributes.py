"""Document attributes from a sidecar table or file names, and the last step of every
loader (:func:`finish`): attributes applied, strictness checked, corpus built."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from toolkit.errors import ExportFormatError
from toolkit.interviews.build import CorpusBuilder
from toolkit.interviews.corpus import Corpus
from toolkit.rawfiles.tables import read_table

SIDECARS = (
    "informants.csv",
    "informants.xlsx",
    "informanter.csv",
    "informanter.xlsx",
    "attributes.csv",
    "attributes.xlsx",
)


def read_attributes(path: str | Path) -> pd.DataFrame:
    """A sidecar table (CSV, .xlsx or .xls): first column = document name, other columns =
    attributes."""
    table = read_table(path, reader="read_corpus", role="attribute table")
    frame = table.frame
    return frame.rename(columns={frame.columns[0]: "document"})


def apply_attributes(corpus_builder: CorpusBuilder, table: pd.DataFrame, file: str) -> None:
    by_name = {d["name"]: k for k, d in corpus_builder.documents.items()}
    by_stem = {Path(n).stem.lower(): k for n, k in by_name.items()}
    for row in table.to_dict("records"):
        name = str(row.pop("document")).strip()
        doc = by_name.get(name) or by_stem.get(Path(name).stem.lower())
        if doc is None:
            corpus_builder.problems.add(
                "unknown-document",
                f"attributes for {name!r}, which is not in the corpus",
                file=file,
                variable=name,
            )
            continue
        corpus_builder.set_attributes(doc, {k: (v if v != "" else None) for k, v in row.items()})


def finish(
    builder: CorpusBuilder,
    path: Path,
    *,
    attributes: str | Path | None = None,
    pattern: str | None = None,
    strict: bool = True,
) -> Corpus:
    folder = path if path.is_dir() else path.parent
    sidecar = (
        Path(attributes)
        if attributes
        else next((folder / s for s in SIDECARS if (folder / s).is_file()), None)
    )
    if sidecar is not None:
        apply_attributes(builder, read_attributes(sidecar), str(sidecar))
    if pattern:
        regex = re.compile(pattern)
        for doc in builder.documents.values():
            if match := regex.search(doc["name"]):
                doc.update({k: v for k, v in match.groupdict().items() if v is not None})
    _report_uncoded(builder)
    if strict:
        outside = [r for r in builder.problems.rows if r["kind"] == "selection-outside-text"]
        if outside:
            raise ExportFormatError(
                f"{len(outside)} coded selection(s) lie outside their document",
                file=path,
                where=f"{outside[0]['location']}: {outside[0]['message']}",
                hint="the export is inconsistent; read with strict=False to load the rest "
                "(the selections are then listed in corpus.problems)",
            )
    return builder.build()


def _report_uncoded(builder: CorpusBuilder) -> None:
    """Documents without text, and documents that carry no coded segment at all."""
    coded = {segment["document"] for segment in builder.segments}
    file = builder.source.get("path")
    for document, doc in builder.documents.items():
        if not doc["text"].strip():
            builder.problems.add(
                "empty-document",
                f"{doc['name']!r} holds no text",
                file=file,
                variable=doc["name"],
            )
        elif document not in coded:
            builder.problems.add(
                "nothing-coded",
                f"nothing in {doc['name']!r} is coded; it counts in denominators but no "
                "code can be found in it",
                file=file,
                variable=doc["name"],
            )
